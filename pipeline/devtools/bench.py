"""The benchmark: how fast one worker turns council papers into validated facts, and at what cost.

    python -m pipeline.devtools.bench                  # the Kent corpus; writes docs/performance.md
    council-facts bench --corpus DIR --no-write

Every measurement runs in a child process pinned to one core, so its time is one worker's time
and its peak memory (RSS) is that worker's alone:

- end to end: every file through `extract` and written as JSON, with the seconds per stage;
- the baseline: pdfplumber's `extract_text` over every page of the same files, no NLP;
- start-up: a fresh interpreter importing the package and building the pipeline;
- peak RSS of one worker on the largest PDF (its VmHWM, or wait4's ru_maxrss without /proc);
- growth: one report's text, and the same text repeated, timed and measured; a fact-dense
  budget annex of 2,000 / 4,000 / 8,000 lines; optionally (--long-text MB) one very long text
  through the command line (pipeline.devtools.bench_length);
- F1 on the seed and the Kent gold set, so speed is never bought with accuracy.

The run fails (exit 1) when a figure misses the floor committed in docs/performance-floor.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.devtools import bench_length
from pipeline.devtools.bench_cli import measure_cli, measure_startup, page_count, pin_to_one_core
from pipeline.devtools.bench_results import BenchReport, Growth, Run, Throughput
from pipeline.devtools.suites import our_suites

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
# A 24-page decision report: long enough that its text repeated ten times would show a stage
# that grows faster than the text.
GROWTH_REPORT = "full_council_2025-03-13_Appendix_3_-_24-00093_Decision_Report.pdf"


# --- children ----------------------------------------------------------------------------

def run_child(args: list[str]) -> Run:
    """Run `python -m pipeline.devtools.bench worker ...` and read its JSON answer and its rusage."""
    command = [sys.executable, "-m", "pipeline.devtools.bench", "worker", *args]
    started = time.perf_counter()
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    out, err = _read_all(proc)
    # wait4 gives this child's own rusage; RUSAGE_CHILDREN would fold in every earlier child.
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark worker {' '.join(args[:1])} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    answer = json.loads(out)
    # ru_maxrss survives exec, so it would count the parent it was forked from (a test runner's
    # hundreds of megabytes); the worker's own high-water mark, where /proc gives it, does not.
    peak = answer.pop("peak_rss_mb", None) or usage.ru_maxrss / 1024  # Linux reports kilobytes
    return Run(answer["result"], seconds, peak)


def _own_peak_rss_mb() -> float | None:
    """This process's peak resident memory since it was exec'd (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _read_all(proc: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    # communicate() would reap the child and lose its rusage, so read the pipes by hand.
    assert proc.stdout is not None and proc.stderr is not None
    import threading

    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    out = proc.stdout.read()
    reader.join()
    return out, errors[0] if errors else b""


# --- what the workers do -----------------------------------------------------------------

@contextmanager
def _instrumented(stages: dict[str, float], documents: list[Any]) -> Iterator[None]:
    """Split the load and nlp stages further (PDF tables; each spaCy component) and keep each
    loaded Document for its word count, by wrapping the functions extract calls. Bench only."""
    # By module path: the package's `extract` attribute is the function, not the module.
    extract_module: Any = importlib.import_module("pipeline.extract")
    pdf_module: Any = importlib.import_module("pipeline.loaders.pdf")
    nlp_module: Any = importlib.import_module("pipeline.nlp")  # extract_document imports build_nlp from it

    real_load, real_tables, real_build = extract_module.load_bytes, pdf_module.read_money_tables, \
        nlp_module.build_nlp

    def load_bytes(data: bytes) -> Any:
        document = real_load(data)
        documents.append(document)
        return document

    def read_money_tables(*args: Any) -> Any:
        started = time.perf_counter()
        try:
            return real_tables(*args)
        finally:
            stages["load.tables"] = stages.get("load.tables", 0.0) + time.perf_counter() - started

    nlp = real_build()
    timed = _TimedPipeline(nlp, stages)
    extract_module.load_bytes = load_bytes
    pdf_module.read_money_tables = read_money_tables
    nlp_module.build_nlp = lambda: timed
    try:
        yield
    finally:
        extract_module.load_bytes = real_load
        pdf_module.read_money_tables = real_tables
        nlp_module.build_nlp = real_build


class _TimedPipeline:
    """What extract_document uses of a spaCy Language, with each component's time recorded."""

    def __init__(self, nlp: Any, stages: dict[str, float]) -> None:
        self.make_doc = self._timed("nlp.tokenizer", nlp.make_doc, stages)
        self.pipeline = [(name, self._timed(f"nlp.{name}", proc, stages)) for name, proc in nlp.pipeline]

    @staticmethod
    def _timed(key: str, function: Callable[..., Any], stages: dict[str, float]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args)
            finally:
                stages[key] = stages.get(key, 0.0) + time.perf_counter() - started
        return call


def work_end_to_end(files: list[str]) -> dict[str, Any]:
    """Every file from its path to a validated JSON file on disk, as `council-facts extract` does."""
    from pipeline.errors import ExtractionError
    from pipeline.extract import extract
    from pipeline.nlp import build_nlp
    from pipeline.output import output_name, write_atomic

    build_nlp()  # start-up is measured on its own
    stages: dict[str, float] = {}
    documents: list[Any] = []
    failed: list[str] = []
    pages = 0
    with tempfile.TemporaryDirectory() as out, _instrumented(stages, documents):
        started = time.perf_counter()
        for name in files:
            try:
                result = extract(Path(name), path=name, timings=stages)
            except ExtractionError as error:
                failed.append(f"{Path(name).name}: {error.code.value} ({error.stage})")
                continue
            began = time.perf_counter()
            write_atomic(Path(out) / output_name(name), result.to_json())
            stages["write"] = stages.get("write", 0.0) + time.perf_counter() - began
            pages += result.source.pages or 0
        seconds = time.perf_counter() - started
    words = sum(len(d.text.split()) for d in documents)
    return {"files": len(files), "pages": pages, "words": words, "seconds": seconds, "failed": failed,
            "stages": stages}


def work_baseline(files: list[str]) -> dict[str, Any]:
    """pdfplumber's extract_text over every page: what reading the PDFs alone costs with it."""
    import pdfplumber

    pages = words = 0
    failed: list[str] = []
    started = time.perf_counter()
    for name in files:
        try:
            with pdfplumber.open(name) as pdf:
                for page in pdf.pages:
                    words += len((page.extract_text() or "").split())
                    pages += 1
                    page.close()  # drop the page's parsed objects, as a long run must
        except Exception as exc:  # a damaged file counts against nobody; it is listed
            failed.append(f"{Path(name).name}: {type(exc).__name__}")
    seconds = time.perf_counter() - started
    return {"files": len(files), "pages": pages, "words": words, "seconds": seconds, "failed": failed}


def work_one(name: str) -> dict[str, Any]:
    """One document, for the peak memory of a worker that meets it."""
    from pipeline.errors import ExtractionError
    from pipeline.extract import extract

    try:
        result = extract(Path(name))
    except ExtractionError as error:  # its memory up to the failure still counts
        return {"pages": 0, "facts": 0, "failed": str(error)}
    return {"pages": result.source.pages or 0, "facts": len(result.facts), "failed": None}


def work_growth(text_file: str, factor: int, repeats: int) -> dict[str, Any]:
    """The report's text repeated `factor` times, extracted `repeats` times; the fastest counts."""
    from pipeline.extract import extract
    from pipeline.nlp import build_nlp

    build_nlp()
    report = bench_length.report_text(Path(text_file))
    text = "\n\n".join([report] * factor)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        extract(text).to_json()
        best = min(best, time.perf_counter() - started)
    return {"characters": len(text), "words": len(text.split()), "seconds": best}


def work_f1(sets: list[tuple[str, str, str | None]]) -> dict[str, Any]:
    from pipeline.devtools.evaluate import evaluate

    scores: dict[str, Any] = {}
    for label, gold, docs in sets:
        report = evaluate(Path(gold), Path(docs) if docs else None)
        scores[label] = {name: round(c.f1, 4) for name, c in report.types.items()}
        scores[label]["overall"] = round(report.overall.f1, 4)
        scores[label]["documents"] = report.documents
    return scores


def worker(argv: list[str]) -> int:
    kind, payload = argv[0], json.loads(argv[1])
    pin_to_one_core()
    jobs: dict[str, Callable[..., dict[str, Any]]] = {
        "end_to_end": work_end_to_end, "baseline": work_baseline, "one": work_one,
        "growth": work_growth, "f1": work_f1, "dense": bench_length.work_dense, "long": bench_length.work_long,
    }
    result = jobs[kind](*payload)
    sys.stdout.write(json.dumps({"result": result, "peak_rss_mb": _own_peak_rss_mb()}))
    return 0


# --- the run -----------------------------------------------------------------------------

@dataclass
class Options:
    corpus: Path
    gold_sets: list[tuple[str, Path, Path | None]]
    growth_text: Path
    growth_factors: list[int] = field(default_factory=lambda: [1, 10])
    growth_repeats: int = 3
    startup_runs: int = 3
    limit: int | None = None
    cli_runs: int = 3
    dense_lines: list[int] = field(default_factory=lambda: [2000, 4000, 8000])
    long_text_mb: int = 0  # 0: no long-text run (a 100 MB text takes minutes)


def corpus_files(folder: Path, limit: int | None = None) -> list[str]:
    files = sorted(str(p) for p in folder.rglob("*.pdf") if p.is_file())
    return files[:limit] if limit else files


def run(options: Options, progress: Callable[[str], None] = lambda _: None) -> BenchReport:
    files = corpus_files(options.corpus, options.limit)
    if not files:
        raise ValueError(f"no PDF files under {options.corpus}")
    # The baseline first and end to end second, in one run, on the same files and the same core.
    progress(f"baseline: pdfplumber extract_text over {len(files)} files")
    base = run_child(["baseline", json.dumps([files])])
    progress("end to end: extract and write every file")
    e2e = run_child(["end_to_end", json.dumps([files])])
    progress("start-up")
    startup = measure_startup(options.startup_runs)
    largest = max(files, key=lambda f: (Path(f).stat().st_size, f))
    progress(f"peak memory on the largest PDF: {Path(largest).name}")
    one = run_child(["one", json.dumps([largest])])
    growth: list[Growth] = []
    for factor in options.growth_factors:
        progress(f"growth: the text x{factor}")
        repeats = options.growth_repeats if factor == options.growth_factors[0] else max(1, options.growth_repeats - 1)
        g = run_child(["growth", json.dumps([str(options.growth_text), factor, repeats])])
        growth.append(Growth(factor, g.result["characters"], g.result["words"], g.result["seconds"], g.peak_rss_mb))
    progress(f"growth: fact-dense text of {', '.join(map(str, options.dense_lines))} lines")
    dense = bench_length.dense_growth(run_child, options.dense_lines, options.growth_repeats)
    long = None
    if options.long_text_mb:
        progress(f"a text of {options.long_text_mb} million characters through the command line")
        long = bench_length.long_text(run_child, options.growth_text, options.long_text_mb, ROOT)
    cli = measure_cli(files, options.cli_runs, progress) if options.cli_runs else []
    progress("F1 on the gold sets")
    sets = [[label, str(gold), str(docs) if docs else None] for label, gold, docs in options.gold_sets]
    f1 = run_child(["f1", json.dumps([sets])])
    return BenchReport(
        corpus=str(options.corpus),
        end_to_end=Throughput(**e2e.result, peak_rss_mb=e2e.peak_rss_mb),
        baseline=Throughput(**base.result, peak_rss_mb=base.peak_rss_mb),
        startup_seconds=startup, largest=Path(largest).name, largest_pages=page_count(largest),
        largest_peak_rss_mb=one.peak_rss_mb, growth=growth, f1=f1.result, machine=machine(), cli=cli,
        dense=dense, long=long,
    )


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(terse=True), "date": date.today().isoformat(),
            "versions": {name: version(name) for name in ("spacy", "pdfplumber", "pypdfium2")}}


# --- command line ------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="council-facts bench",
        description="Measure end-to-end speed against pdfplumber alone, start-up, peak memory, growth "
                    "with length, time per stage and F1; write docs/performance.md; exit 1 below the floor.")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "kent", help="PDFs to measure on")
    parser.add_argument("--gold", action="append", default=None, metavar="LABEL=GOLD[:DOCS]",
                        help="a gold set to score (repeatable); default: the seed and the Kent gold set")
    parser.add_argument("--growth-text", type=Path, default=SHARED / "corpus" / "kent" / GROWTH_REPORT,
                        help="the report (any format) whose text, repeated, measures growth with length")
    parser.add_argument("--growth", default="1,10", help="copies of the report to time, e.g. 1,10,30")
    parser.add_argument("--dense", default="2000,4000,8000", help="lines of fact-dense text to time")
    parser.add_argument("--long-text", type=int, default=0, metavar="MB",
                        help="also run a text of MB million characters through the command line (minutes)")
    parser.add_argument("--limit", type=int, help="only the first N files of the corpus (a quick look)")
    parser.add_argument("--growth-repeats", type=int, default=3, help="runs of the shortest text; the fastest counts")
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--cli-runs", type=int, default=3,
                        help="timed runs of the command line per set (the median counts); 0 leaves it out")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--floor", type=Path, default=ROOT / "docs" / "performance-floor.json")
    parser.add_argument("--no-write", action="store_true", help="print the report; leave the docs alone")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    return parser


def _gold_sets(specs: list[str] | None) -> list[tuple[str, Path, Path | None]]:
    if not specs:
        return [(s.name, s.gold, s.docs) for s in our_suites(SHARED) if s.name in ("seed", "kent", "kent-unseen")]
    sets: list[tuple[str, Path, Path | None]] = []
    for spec in specs:
        label, _, rest = spec.partition("=")
        gold, _, docs = rest.partition(":")
        sets.append((label, Path(gold), Path(docs) if docs else None))
    return sets


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    from pipeline.devtools.bench_report import check, load_floor, render

    args = _parser().parse_args(argv)
    options = Options(corpus=args.corpus, gold_sets=_gold_sets(args.gold), growth_text=args.growth_text,
                      growth_factors=[int(f) for f in args.growth.split(",")], growth_repeats=args.growth_repeats,
                      cli_runs=args.cli_runs, dense_lines=[int(n) for n in args.dense.split(",")],
                      long_text_mb=args.long_text,
                      startup_runs=args.startup_runs, limit=args.limit)
    report = run(options, progress=lambda line: print(line, file=sys.stderr, flush=True))
    floor = load_floor(args.floor)
    failures = check(report, floor)
    text = render(report, floor, failures)
    if args.no_write:
        print(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=2), encoding="utf-8")
    print(f"end to end {report.end_to_end.pages_per_second:.1f} pages/s, pdfplumber "
          f"{report.baseline.pages_per_second:.1f} pages/s, ratio {report.ratio:.2f}", file=sys.stderr)
    for failure in failures:
        print(f"below the floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
