"""SIGKILL at a random moment, then a rerun: the output ends byte-identical to an uninterrupted run.

Ten seeded trials kill either the run itself or one of its workers. The moment is drawn as a point
of progress, k of the 55 documents stored (k = 0: during start-up, k = 55: while the dataset is
written), because the documents of this small batch take less time than starting the workers,
and a moment drawn in seconds would seldom land mid-batch. Killing the run must also take its
workers down (they ask Linux to kill them with their parent); killing a worker must cost nothing
(its document is given to a fresh worker); the rerun must sweep the killed run's temporary files.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.checks import check_dataset, snapshot, temporary_files
from tests.batch.corpus import write_bad, write_good
from tests.paths import ROOT

TRIALS = 10
DOCUMENTS = 55  # 30 copies of the samples and the 25 broken documents


def start(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(inputs), "-o", str(out),
                             "--workers", "2", "--log-format", "json"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], float]:
    inputs = tmp_path_factory.mktemp("kill") / "in"
    write_good(inputs, 30)
    write_bad(inputs)  # failures too: error records must converge as well
    out = inputs.parent / "reference"
    started = time.monotonic()
    assert start(inputs, out).wait(timeout=300) == 3
    seconds = time.monotonic() - started
    check_dataset(out)
    return inputs, snapshot(out), seconds


def stored(out: Path) -> int:
    return len(list(out.glob(".council-facts/records/*/*.json")))


@pytest.mark.parametrize("seed", range(TRIALS))
def test_sigkill_then_rerun_ends_byte_identical(seed: int, reference: tuple[Path, dict[str, bytes], float],
                                                tmp_path: Path) -> None:
    inputs, expected, _ = reference
    rng = random.Random(seed)
    victim = "run" if seed % 2 == 0 else "worker"
    progress = rng.randint(0, DOCUMENTS)
    out = tmp_path / "out"
    run = start(inputs, out)
    started = time.monotonic()
    if progress == 0:
        time.sleep(rng.uniform(0.1, 2.0))
    while run.poll() is None and stored(out) < progress and time.monotonic() - started < 120:
        time.sleep(0.005)
    moment, at = time.monotonic() - started, stored(out)
    workers = children(run.pid)
    if victim == "worker":
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)
        assert run.wait(timeout=300) == 3  # a dead worker is replaced: the run goes on to the end
        retried = json.loads((out / "summary.json").read_text(encoding="utf-8"))["run"]["retried_after_crash"]
        outcome = f"the run went on ({retried} document given a second worker)"
    else:
        run.kill()
        run.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers), "workers outlived their run"
        outcome = (f"{stored(out)} records kept, {len(temporary_files(out)) if out.exists() else 0} temporary "
                   f"files left, {'a' if (out / 'summary.json').exists() else 'no'} summary")
    assert start(inputs, out).wait(timeout=300) == 3
    processed = json.loads((out / "summary.json").read_text(encoding="utf-8"))["run"]["processed"]
    print(f"\ntrial {seed}: SIGKILL to the {victim} at {moment:.2f} s, {at} of {DOCUMENTS} documents stored "
          f"({len(workers)} workers): {outcome}; the rerun processed {processed}")
    assert snapshot(out) == expected
    assert not temporary_files(out)
    check_dataset(out)
