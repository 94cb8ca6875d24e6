"""Our gold suites, named once: where each one's gold files are and where its documents are.

The unseen splits (docs/gold.md) are suites of their own, so that every report shows them apart.
Council-page texts are not in the project: they are collected into a folder (docs/gold.md), named
by COUNCIL_FACTS_PAGES, by default `council-pages` in the temporary folder; the page suites are
left out where it has not been collected.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class GoldSuite:
    name: str
    gold: Path
    docs: Path | None  # None: the documents sit beside their gold files
    unseen: bool = False


def pages_folder() -> Path:
    return Path(os.environ.get("COUNCIL_FACTS_PAGES") or Path(tempfile.gettempdir()) / "council-pages")


def our_suites(shared: Path = SHARED, pages: Path | None = None) -> list[GoldSuite]:
    pages = pages or pages_folder()
    suites = [
        GoldSuite("seed", shared / "seed", None),
        GoldSuite("seed-contracts", GOLD / "seed", shared / "seed"),
        GoldSuite("samples", ROOT / "samples", None),
        GoldSuite("kent", GOLD / "kent", shared / "corpus" / "kent"),
        GoldSuite("kent-unseen", GOLD / "kent-unseen", shared / "corpus" / "kent", unseen=True),
    ]
    if pages.is_dir():
        # pages-extra: pages of our own choosing beyond the shared index, split by the same rule
        suites += [GoldSuite("pages", GOLD / "pages", pages),
                   GoldSuite("pages-unseen", GOLD / "pages-unseen", pages, unseen=True),
                   GoldSuite("pages-extra", GOLD / "pages-extra", pages),
                   GoldSuite("pages-extra-unseen", GOLD / "pages-extra-unseen", pages, unseen=True)]
    return [s for s in suites if s.gold.is_dir()]


def suite(name: str, shared: Path = SHARED) -> GoldSuite:
    return next(s for s in our_suites(shared) if s.name == name)
