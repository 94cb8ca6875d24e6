"""Where tests find things: the checkout, its samples, and ../shared beside it.

The material in ../shared (real documents written by others, peer benchmarks, the seed article,
the OCDS schemas) is never copied into the project. A fresh clone has none of it: tests that need
it skip, with one reason per part of ../shared, folded into one line of pytest's summary
(tests/conftest.py). CI sets COUNCIL_FACTS_REQUIRE_SHARED=1, and then a missing part fails.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"

REQUIRE_SHARED = os.environ.get("COUNCIL_FACTS_REQUIRE_SHARED", "") not in ("", "0")
SKIP_PREFIX = "../shared/"

# What the tests of each part of ../shared are, for the reason given when it is absent.
GROUPS = {
    "corpus": "real-document tests (Kent PDFs, broken PDFs, council pages)",
    "seed": "seed-article tests",
    "benchmarks": "peer-benchmark tests",
    "ocds": "OCDS schema tests",
    "gold": "gold-format tests",
}


def missing_reason(group: str) -> str:
    return f"{SKIP_PREFIX}{group} not present: {GROUPS[group]} skipped"


def has_shared(group: str) -> bool:
    return (SHARED / group).is_dir()


def needs_shared(group: str) -> pytest.MarkDecorator:
    """A mark for a test or module that reads ../shared/<group>: it skips when that is absent,
    unless CI requires it (then the test runs and fails on the missing file)."""
    return pytest.mark.skipif(not has_shared(group) and not REQUIRE_SHARED, reason=missing_reason(group))


def _missing(path: Path) -> Any:
    group = path.relative_to(SHARED).parts[0]
    if REQUIRE_SHARED:
        pytest.fail(f"COUNCIL_FACTS_REQUIRE_SHARED is set and the shared material is missing: {path}")
    pytest.skip(missing_reason(group))


def shared_path(*parts: str) -> Path:
    """A path in ../shared, for use inside a test: skips (or, in CI, fails) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        _missing(path)
    return path


def shared_files(*parts: str, pattern: str = "*") -> list[Path]:
    """The files of a folder in ../shared, sorted, for parametrizing at collection. Empty when the
    folder is absent (the module is marked `needs_shared`, so its tests skip with the reason);
    in CI a missing folder fails the collection."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        if REQUIRE_SHARED:
            pytest.fail(f"COUNCIL_FACTS_REQUIRE_SHARED is set and the shared material is missing: {folder}",
                        pytrace=False)
        return []
    return sorted(folder.glob(pattern))
