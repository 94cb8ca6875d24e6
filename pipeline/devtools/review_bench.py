"""How long `council-facts review` takes on a corpus, extraction excluded.

    python -m pipeline.devtools.review_bench                      # ../shared/corpus/kent, limit 10 s
    python -m pipeline.devtools.review_bench --corpus DIR --limit 5

Extracts the corpus once into a temporary dataset (not timed), then writes its review site three
times, each into a new folder, and prints the seconds of each and their median. Exits 1 when the
median is at or over the limit: the goal is the 77 Kent documents reviewed in under 10 seconds.
docs/review.md records the figure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KENT = ROOT.parent / "shared" / "corpus" / "kent"
RUNS = 3


def extract(corpus: Path, dataset: Path) -> None:
    """The dataset the review reads, made as a user makes it (the command line, every core)."""
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(corpus), "-o", str(dataset),
                           "--log-format", "json"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some documents failed, and they are part of what is reviewed
        raise SystemExit(f"extract failed ({done.returncode}): {done.stderr[-2000:]}")


def size(dataset: Path) -> tuple[int, int, int]:
    """Documents, facts and characters of text the review has to show."""
    documents = list((dataset / "documents").glob("*.json"))
    facts = sum(len(json.loads(p.read_text(encoding="utf-8"))["facts"]) for p in documents)
    characters = sum(len(gzip.decompress(p.read_bytes()).decode("utf-8")) for p in (dataset / "texts").glob("*.gz"))
    return len(documents), facts, characters


def time_review(dataset: Path, folder: Path) -> float:
    from pipeline.review import review  # imported before the clock: the figure is the work, not the import

    started = time.perf_counter()
    review(dataset, folder)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.devtools.review_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=KENT)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds the median must stay under")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="council-facts-review-bench-") as folder:
        dataset = Path(folder) / "dataset"
        extract(args.corpus, dataset)
        documents, facts, characters = size(dataset)
        seconds = [time_review(dataset, Path(folder) / f"site-{run}") for run in range(RUNS)]
    median = statistics.median(seconds)
    print(f"review of {documents} documents ({facts:,} facts, {characters:,} characters of text) from {args.corpus}: "
          f"{median:.2f} s median of {', '.join(f'{s:.2f}' for s in seconds)} s; limit {args.limit:g} s "
          f"({'met' if median < args.limit else 'MISSED'})")
    return 0 if median < args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
