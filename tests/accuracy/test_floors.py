"""CI's accuracy floor: per-type F1 on the seed and the Kent gold set never falls below the
committed floors (tests/accuracy/floors.json), which rise as accuracy does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.devtools.evaluate import Report, evaluate
from pipeline.devtools.suites import pages_folder
from tests.paths import GOLD, shared_path

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {
        "seed": evaluate(shared_path("seed")),
        "kent": evaluate(GOLD / "kent", shared_path("corpus", "kent")),
        "kent-unseen": evaluate(GOLD / "kent-unseen", shared_path("corpus", "kent")),
    }


@pytest.mark.parametrize("suite", ["seed", "kent", "kent-unseen"])
def test_no_type_falls_below_its_floor(reports: dict[str, Report], suite: str) -> None:
    _check(reports[suite], suite)


@pytest.mark.skipif(not pages_folder().is_dir(),
                    reason="council-page texts not collected (docs/gold.md, COUNCIL_FACTS_PAGES)")
@pytest.mark.parametrize("suite", ["pages", "pages-unseen", "pages-extra", "pages-extra-unseen"])
def test_no_type_falls_below_its_floor_on_the_council_pages(suite: str) -> None:
    report = evaluate(GOLD / suite, pages_folder())
    assert report.documents == len(list((GOLD / suite).glob("*.gold.json"))), "a collected text is missing"
    _check(report, suite)


def _check(report: Report, suite: str) -> None:
    assert not report.errors, report.errors
    below = {t: round(report.types[t].f1, 4) for t, floor in FLOORS[suite].items() if report.types[t].f1 < floor}
    assert below == {}, f"F1 fell below the committed floor on {suite}: {below}"


def test_the_kent_gold_set_is_large_enough() -> None:
    gold = sorted([*(GOLD / "kent").glob("*.gold.json"), *(GOLD / "kent-unseen").glob("*.gold.json")])
    complete = [p for p in gold if json.loads(p.read_text(encoding="utf-8"))["complete"]]
    assert len(gold) >= 30 and len(complete) >= 15
    kinds = ("money", "dates", "periods", "durations", "organisations", "legislation", "duties", "percentages")
    for path in gold:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if not entry["complete"]:
            assert sum(len(entry[k]) for k in kinds) >= 15, f"{path.name}: a key-facts list needs 15 facts"
