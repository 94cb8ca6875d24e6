"""Every council-page gold file sits in the split its URL's rule puts it in (docs/gold.md), and the
pages beyond the shared index carry what is needed to collect their text again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.devtools.splits import GOLD, PAGE_SUITES, page_is_unseen

PAGE_GOLD = [(suite, path) for suite in PAGE_SUITES for path in sorted((GOLD / suite).glob("*.gold.json"))]


@pytest.mark.parametrize(("suite", "path"), PAGE_GOLD, ids=[f"{s}/{p.name}" for s, p in PAGE_GOLD])
def test_a_page_sits_in_the_split_its_url_gives(suite: str, path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert page_is_unseen(gold["url"]) == suite.endswith("-unseen")


EXTRA = [p for s, p in PAGE_GOLD if s.startswith("pages-extra")]


@pytest.mark.parametrize("path", EXTRA, ids=[p.name for p in EXTRA])
def test_a_page_beyond_the_index_can_be_collected_again(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["url"].startswith("http") and gold["query"].strip() and len(gold["source_sha256"]) == 64
    assert gold["document"] == path.name.removesuffix(".gold.json")


def test_there_are_pages_beyond_the_index_in_both_splits() -> None:
    assert len([p for s, p in PAGE_GOLD if s == "pages-extra"]) >= 10
    assert len([p for s, p in PAGE_GOLD if s == "pages-extra-unseen"]) >= 5
