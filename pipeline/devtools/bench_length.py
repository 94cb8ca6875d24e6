"""The benchmark's length measures beyond one report repeated: fact-dense text (a budget annex of
N lines, pipeline.devtools.dense_text) and one very long text through the command line.

Both run in a child of the benchmark pinned to one core (bench.run_child), like every figure.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pipeline.devtools.bench_results import Growth, LongText

LONG_TEXT_TIMEOUT = 3600.0  # seconds a worker may take over the long text (the CLI's default is 120)


def work_dense(lines: int, repeats: int) -> dict[str, Any]:
    """A budget annex of `lines` lines extracted `repeats` times; the fastest counts."""
    from pipeline.devtools.dense_text import annex_text
    from pipeline.extract import extract
    from pipeline.nlp import build_nlp

    build_nlp()
    text = annex_text(lines)
    best, facts = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = extract(text)
        result.to_json()
        best = min(best, time.perf_counter() - started)
        facts = len(result.facts)
    return {"characters": len(text), "words": len(text.split()), "seconds": best, "facts": facts}


def dense_growth(run: Any, line_counts: list[int], repeats: int) -> list[Growth]:
    """`run` is bench.run_child: each size in a fresh worker."""
    measured = []
    for lines in line_counts:
        done = run(["dense", json.dumps([lines, repeats])])
        r = done.result
        measured.append(Growth(lines, r["characters"], r["words"], r["seconds"], done.peak_rss_mb))
    return measured


def report_text(path: Path) -> str:
    """The text of a report, through the loader of its format (a PDF's text as extract sees it)."""
    from pipeline.loaders import load_bytes

    return load_bytes(path.read_bytes()).text.strip()


def write_long_text(report: str, megabytes: int, path: Path) -> int:
    """The report's text repeated, paragraph after paragraph, to `megabytes` million characters."""
    target = megabytes * 1_000_000
    copies = target // (len(report) + 2) + 1
    text = "\n\n".join([report] * copies)[:target]
    path.write_text(text, encoding="utf-8")
    return len(text)


def work_long(report_file: str, megabytes: int, root: str) -> dict[str, Any]:
    """`council-facts extract LONG.txt -o NEW --workers 1 --timeout 3600` in a fresh process. Its
    peak RSS is the largest of the processes it waited for (the worker), from RUSAGE_CHILDREN."""
    with tempfile.TemporaryDirectory(prefix="council-facts-long-") as folder:
        text_path = Path(folder) / "long.txt"
        characters = write_long_text(report_text(Path(report_file)), megabytes, text_path)
        command = [sys.executable, "-m", "pipeline", "extract", str(text_path), "-o", str(Path(folder) / "out"),
                   "--workers", "1", "--timeout", str(LONG_TEXT_TIMEOUT), "--log-format", "json"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=root, capture_output=True)
        seconds = time.perf_counter() - started
        lines = (done.stdout + done.stderr).decode().splitlines()
        finish = [json.loads(line) for line in lines if line.startswith("{") and '"finish"' in line]
        summary = finish[-1] if finish else {}
        errors = [json.loads(line) for line in (Path(folder) / "out" / "errors.jsonl").read_text().splitlines()
                  if line.strip()] if (Path(folder) / "out" / "errors.jsonl").exists() else []
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"megabytes": megabytes, "characters": characters, "seconds": seconds, "exit_status": done.returncode,
            "facts": summary.get("facts", 0), "succeeded": summary.get("succeeded", 0),
            "error": errors[0].get("code") if errors else None, "worker_peak_rss_mb": peak}


def long_text(run: Any, report_file: Path, megabytes: int, root: Path) -> LongText:
    r = run(["long", json.dumps([str(report_file), megabytes, str(root)])]).result
    return LongText(**r)
