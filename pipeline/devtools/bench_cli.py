"""The benchmark's fresh-process measures: start-up, and the command line as users run it
(`council-facts extract FILES -o NEW_FOLDER --workers 1`, one core, a new folder each time)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.devtools.bench_results import CliRun

ROOT = Path(__file__).resolve().parents[2]
STARTUP_CODE = "import pipeline; from pipeline.nlp import build_nlp; build_nlp()"


def pin_to_one_core() -> None:
    """One worker, one core: the figures must not borrow a second core from a library's threads."""
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cores[0]})


def measure_startup(runs: int) -> list[float]:
    """Wall time of a fresh interpreter that imports the package and builds the pipeline."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", STARTUP_CODE], check=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONHASHSEED="0"))
        times.append(time.perf_counter() - started)
    return times


CLI_SUBSET = 25  # the middle run: a nightly job's handful of papers is nearer this than the corpus


def measure_cli(files: list[str], runs: int, progress: Callable[[str], None] = lambda _: None) -> list[CliRun]:
    """The command line as users run it: a fresh process, one worker on one core, `-o` into a new
    empty folder each time, on the smallest PDF, on the first 25 and on all the files."""
    smallest = min(files, key=lambda f: (Path(f).stat().st_size, f))
    subsets = [("smallest", [smallest]), (f"first {CLI_SUBSET}", files[:CLI_SUBSET]), ("all", files)]
    measured = []
    for label, subset in subsets:
        if label != "all" and len(subset) == len(files):
            continue
        progress(f"command line: {label} ({len(subset)} files)")
        seconds = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="council-facts-bench-") as out:
                command = [sys.executable, "-m", "pipeline", "extract", *subset, "-o", str(Path(out) / "dataset"),
                           "--workers", "1", "--log-format", "json"]
                started = time.perf_counter()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, preexec_fn=pin_to_one_core)
                seconds.append(time.perf_counter() - started)
                if done.returncode not in (0, 3):
                    raise RuntimeError(f"the command line failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        measured.append(CliRun(label, len(subset), sum(page_count(f) for f in subset), seconds))
    return measured


def page_count(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()
