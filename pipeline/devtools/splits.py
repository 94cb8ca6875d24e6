"""The unseen splits, fixed by rule (docs/gold.md), and a check of collected page texts.

    python -m pipeline.devtools.splits --shared ../shared            # the unseen pages and Kent PDFs
    python -m pipeline.devtools.splits --check $TMPDIR/council-pages  # texts that differ from the gold's

A council page is unseen when int(sha256(url)) % 4 == 0; a Kent PDF when int(sha256(file name)) % 3
== 0. Nothing is trained or tuned on an unseen document.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
PAGE_MODULUS, KENT_MODULUS = 4, 3
PAGE_SUITES = ("pages", "pages-unseen", "pages-extra", "pages-extra-unseen")


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def page_is_unseen(url: str) -> bool:
    """Whether a council page (its URL as the shared index writes it) is in the unseen split.

    >>> [page_is_unseen(f"https://example.gov.uk/{n}") for n in range(8)].count(True)
    2
    """
    return _hash(url) % PAGE_MODULUS == 0


def kent_is_unseen(file_name: str) -> bool:
    return _hash(file_name) % KENT_MODULUS == 0


def unseen_pages(index: Path) -> list[str]:
    """The `file` names of the unseen entries of the shared pages index."""
    return [entry["file"] for entry in json.loads(index.read_text(encoding="utf-8")) if page_is_unseen(entry["url"])]


def unseen_kent(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pdf") if kent_is_unseen(p.name))


def stale_texts(texts: Path, gold_dirs: list[Path]) -> dict[str, str]:
    """Collected texts whose SHA-256 differs from the one their gold was annotated on, or missing."""
    problems = {}
    for gold_dir in gold_dirs:
        for path in sorted(gold_dir.glob("*.gold.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            wanted = gold.get("source_sha256")
            if not wanted:
                continue
            text = texts / gold["document"]
            if not text.is_file():
                problems[gold["document"]] = "not collected"
            elif hashlib.sha256(text.read_bytes()).hexdigest() != wanted:
                problems[gold["document"]] = "differs from the text the gold was annotated on"
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.devtools.splits", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared material")
    parser.add_argument("--check", type=Path, metavar="TEXTS", help="a folder of collected council-page texts")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_texts(args.check, [GOLD / name for name in PAGE_SUITES])
        for name, problem in problems.items():
            print(f"{name}: {problem}")
        return 1 if problems else 0
    print("unseen council pages:", *unseen_pages(args.shared / "corpus" / "pages" / "index.json"), sep="\n  ")
    extra = sorted(json.loads(p.read_text(encoding="utf-8"))["document"]
                   for p in (GOLD / "pages-extra-unseen").glob("*.gold.json"))
    print("unseen pages beyond the index (tests/gold/pages-extra-unseen):", *extra, sep="\n  ")
    print("unseen Kent PDFs:", *unseen_kent(args.shared / "corpus" / "kent"), sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
