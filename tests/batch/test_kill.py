"""SIGKILL at a random moment, then a rerun: the output ends byte-identical to an uninterrupted run.

Ten seeded trials kill either the run itself or one of its workers, at a moment drawn between the
start and the length of an uninterrupted run (so some land in start-up, some mid-batch, some while
the dataset is written). Killing the run must also take its workers down (they ask Linux to kill
them with their parent), and the rerun must sweep the killed run's temporary files.
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


@pytest.mark.parametrize("seed", range(TRIALS))
def test_sigkill_then_rerun_ends_byte_identical(seed: int, reference: tuple[Path, dict[str, bytes], float],
                                                tmp_path: Path) -> None:
    inputs, expected, seconds = reference
    rng = random.Random(seed)
    victim = "run" if seed % 2 == 0 else "worker"
    moment = rng.uniform(0.2, seconds)
    out = tmp_path / "out"
    run = start(inputs, out)
    time.sleep(moment)
    workers = children(run.pid)
    if victim == "worker":
        deadline = time.monotonic() + seconds
        while not workers and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = children(run.pid)
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)
        run.wait(timeout=300)  # a dead worker is replaced: the run goes on to the end
    else:
        run.kill()
        run.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers), "workers outlived their run"
    stored = len(list(out.glob(".council-facts/records/*/*.json")))
    print(f"\ntrial {seed}: SIGKILL to the {victim} at {moment:.2f} s of {seconds:.2f} s ({len(workers)} workers "
          f"then): {stored} of 55 records stored, {len(temporary_files(out)) if out.exists() else 0} temporary files, "
          f"{'a' if (out / 'summary.json').exists() else 'no'} summary; ", end="")
    assert start(inputs, out).wait(timeout=300) == 3
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    print(f"the rerun processed {summary['run']['processed']}")
    assert snapshot(out) == expected
    assert not temporary_files(out)
    check_dataset(out)
