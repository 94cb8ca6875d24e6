"""The scorer: every rule of ../shared/gold/FORMAT.md, one row per rule or case.

`score_document(gold, predicted, name, Report())` with gold in the gold-file shape and
predictions in the shape of `pipeline.devtools.evaluate.predicted_facts` (the nine type keys; providers
are read from "organisations"). Each row gives the (tp, fp, fn) it must produce for one type.
Known failures keep their correct expectation, marked xfail(strict=True).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.devtools.evaluate import TYPES, Counts, GoldError, Report, evaluate, score_document


def xfail(*values: Any, reason: str, id: str | None = None) -> Any:
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def gold_doc(complete: bool = True, **facts: Any) -> dict[str, Any]:
    return {"format": "council-gold/1", "document": "report.txt", "complete": complete,
            "reference_date": None, **facts}


def predicted(**facts: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {t: [] for t in TYPES}
    out.update(facts)
    return out


def score(gold: dict[str, Any], pred: dict[str, list[Any]], report: Report | None = None,
          name: str = "report.txt") -> Report:
    report = report or Report()
    score_document(gold, pred, name, report)
    return report


def tfn(counts: Counts) -> tuple[int, int, int]:
    return counts.tp, counts.fp, counts.fn


def gbp(amount: str, currency: str = "GBP") -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def org(name: str, role: str = "provider", *aliases: str) -> dict[str, Any]:
    return {"name": name, "role": role, "aliases": list(aliases)}


def act(title: str, year: int | None) -> dict[str, Any]:
    return {"title": title, "year": year}


def duty(legislation: str, holder: str | None = None) -> dict[str, Any]:
    return {"legislation": legislation, "holder": holder}


# Each row: the type scored, the gold key, gold entries, predicted entries, expected (tp, fp, fn).
# For providers and organisations both lists are organisations.
RULES = [
    # money: same currency, equal to the penny; the same amount twice is one entry
    pytest.param("money", [gbp("4500000")], [gbp("4500000.00")], (1, 0, 0), id="money-4500000-equals-4500000.00"),
    pytest.param("money", [gbp("4500000")], [gbp("4500000", "USD")], (0, 1, 1), id="money-gbp-is-not-usd"),
    pytest.param("money", [gbp("4500000")], [gbp("4500000.01")], (0, 1, 1), id="money-a-penny-apart"),
    pytest.param("money", [gbp("1250.004")], [gbp("1250")], (1, 0, 0), id="money-equal-to-the-penny"),
    pytest.param("money", [gbp("-64000")], [gbp("64000")], (0, 1, 1), id="money-sign-counts"),
    pytest.param("money", [gbp("4500000"), gbp("4500000")], [gbp("4500000")], (1, 0, 0),
                 id="money-twice-in-gold-is-one-entry"),
    pytest.param("money", [gbp("4500000")], [gbp("4500000"), gbp("4500000.00")], (1, 0, 0),
                 id="money-twice-predicted-is-one-entry"),
    pytest.param("money", [gbp("168000"), gbp("3629500")], [gbp("3629500"), gbp("168000")], (2, 0, 0),
                 id="money-order-does-not-matter"),
    # dates: at the gold's precision
    pytest.param("dates", [{"date": "2025-03"}], [{"date": "2025-03-31"}], (1, 0, 0),
                 id="dates-gold-month-matched-by-a-day-in-it"),
    pytest.param("dates", [{"date": "2025-03-31"}], [{"date": "2025-03"}], (0, 1, 1),
                 id="dates-gold-day-not-matched-by-its-month"),
    pytest.param("dates", [{"date": "2025-03"}], [{"date": "2025-04-01"}], (0, 1, 1),
                 id="dates-gold-month-not-matched-by-another-month"),
    pytest.param("dates", [{"date": "2017-04-01"}], [{"date": "2017-04-01"}], (1, 0, 0), id="dates-same-day"),
    pytest.param("dates", [{"date": "2017-04-01"}], [{"date": "2017-04-02"}], (0, 1, 1), id="dates-other-day"),
    # periods: same start and same end
    pytest.param("periods", [{"start": "2024-04-01", "end": "2025-03-31"}],
                 [{"start": "2024-04-01", "end": "2025-03-31"}], (1, 0, 0), id="periods-same-ends"),
    pytest.param("periods", [{"start": "2024-04-01", "end": "2025-03-31"}],
                 [{"start": "2024-04-01", "end": "2026-03-31"}], (0, 1, 1), id="periods-other-end"),
    pytest.param("periods", [{"start": "2024-04-01", "end": "2025-03-31"}],
                 [{"start": "2024-04-02", "end": "2025-03-31"}], (0, 1, 1), id="periods-other-start"),
    # durations: years and months as months, weeks as days
    pytest.param("durations", [{"duration": "P1Y"}], [{"duration": "P12M"}], (1, 0, 0), id="durations-P1Y-is-P12M"),
    pytest.param("durations", [{"duration": "P2W"}], [{"duration": "P14D"}], (1, 0, 0), id="durations-P2W-is-P14D"),
    pytest.param("durations", [{"duration": "P1Y"}], [{"duration": "P13M"}], (0, 1, 1),
                 id="durations-P1Y-is-not-P13M"),
    pytest.param("durations", [{"duration": "P18M"}], [{"duration": "P1Y6M"}], (1, 0, 0),
                 id="durations-P18M-is-P1Y6M"),
    pytest.param("durations", [{"duration": "P5Y"}], [{"duration": "P12M"}, {"duration": "P1Y"}], (0, 1, 1),
                 id="durations-P12M-and-P1Y-are-one-entry"),
    # providers: role provider only; name or alias after folding
    pytest.param("providers", [org("Change Grow Live", "provider", "CGL")], [org("CGL")], (1, 0, 0),
                 id="providers-predicted-name-is-a-gold-alias"),
    pytest.param("providers", [org("Change Grow Live")], [org("ResoLUTiONs", "provider", "Change Grow Live")],
                 (1, 0, 0), id="providers-predicted-alias-is-the-gold-name"),
    pytest.param("providers", [org("Change Grow Live")], [org("The Change, Grow, Live Services Limited")],
                 (1, 0, 0), id="providers-fold-the-punctuation-suffixes"),
    pytest.param("providers", [org("Acme Ltd")], [org("ACME LIMITED")], (1, 0, 0), id="providers-fold-case-Limited"),
    pytest.param("providers", [org("Acme Ltd")], [org("Acme plc")], (1, 0, 0), id="providers-fold-plc"),
    pytest.param("providers", [org("Acme Ltd")], [org("Acme LLP")], (1, 0, 0), id="providers-fold-LLP"),
    pytest.param("providers", [org("Acme Ltd")], [org("Acme CIC")], (1, 0, 0), id="providers-fold-CIC"),
    pytest.param("providers", [org("Acme Ltd")], [org("Acme Services")], (1, 0, 0), id="providers-fold-Services"),
    pytest.param("providers", [org("Acme Ltd")], [org("the Acme Ltd.")], (1, 0, 0), id="providers-fold-the-and-dot"),
    pytest.param("providers", [org("Acme Ltd")], [org("Acme Holdings Ltd")], (0, 1, 1),
                 id="providers-other-name-no-match"),
    pytest.param("providers", [org("Change Grow Live")], [org("Change Grow Live", "other")], (0, 0, 1),
                 id="providers-predicted-other-role-is-not-a-provider"),
    pytest.param("providers", [org("Public Health England", "other")], [org("Public Health England")], (0, 1, 0),
                 id="providers-gold-other-role-is-not-a-provider"),
    # organisations: the same rule over all roles; the role is not compared
    pytest.param("organisations", [org("Luton Borough Council", "council", "LBC")],
                 [org("LUTON BOROUGH COUNCIL", "other")], (1, 0, 0), id="organisations-role-not-compared"),
    pytest.param("organisations", [org("Public Health England", "other", "PHE")], [org("PHE", "provider")],
                 (1, 0, 0), id="organisations-alias-any-role"),
    pytest.param("organisations", [org("Public Health England", "other")], [org("Health England", "other")],
                 (0, 1, 1), id="organisations-other-name-no-match"),
    # legislation: same folded title, same year
    pytest.param("legislation", [act("Health and Social Care Act", 2012)],
                 [act("the Health and Social Care Act", 2012)], (1, 0, 0), id="legislation-fold-the"),
    pytest.param("legislation", [act("Health and Safety at Work etc. Act", 1974)],
                 [act("HEALTH AND SAFETY AT WORK ETC ACT", 1974)], (1, 0, 0), id="legislation-fold-case-punctuation"),
    pytest.param("legislation", [act("Children Act", 1989)], [act("Children Act", 2004)], (0, 1, 1),
                 id="legislation-other-year"),
    pytest.param("legislation", [act("Care Act", 2014)], [act("Children and Families Act", 2014)], (0, 1, 1),
                 id="legislation-other-title"),
    pytest.param("legislation", [act("Care Act", 2014)], [act("Care Act", 2014), act("The Care Act", 2014)],
                 (1, 0, 0), id="legislation-cited-twice-is-one-entry"),
    # duties: the legislation only; the holder is not compared
    pytest.param("duties", [duty("Health and Social Care Act 2012", "Luton Borough Council")],
                 [duty("Health and Social Care Act 2012")], (1, 0, 0), id="duties-holder-missing-ignored"),
    pytest.param("duties", [duty("Health and Social Care Act 2012", "Luton Borough Council")],
                 [duty("the Health and Social Care Act 2012", "Public Health England")], (1, 0, 0),
                 id="duties-other-holder-ignored"),
    pytest.param("duties", [duty("Children Act 1989", "the Council")], [duty("Children Act 2004", "the Council")],
                 (0, 1, 1), id="duties-other-legislation"),
    # percentages: same value
    pytest.param("percentages", [{"value": "92"}], [{"value": "92.0"}], (1, 0, 0), id="percentages-92-is-92.0"),
    pytest.param("percentages", [{"value": "67.3"}], [{"value": "67.30"}], (1, 0, 0), id="percentages-67.3-is-67.30"),
    pytest.param("percentages", [{"value": "92"}], [{"value": "92.5"}], (0, 1, 1), id="percentages-other-value"),
    pytest.param("percentages", [{"value": "92"}], [{"value": "92"}, {"value": "92.00"}], (1, 0, 0),
                 id="percentages-twice-is-one-entry"),
    # compared as sets: the best one-to-one matching, whatever order the gold file lists things in
    pytest.param("dates", [{"date": "2025-03"}, {"date": "2025-03-31"}],
                 [{"date": "2025-03-31"}, {"date": "2025-03-05"}],
                 (2, 0, 0), id="dates-matching-does-not-depend-on-gold-order"),
]


@pytest.mark.parametrize("kind,gold_entries,predicted_entries,expected", RULES)
def test_scoring_rule(kind: str, gold_entries: list[Any], predicted_entries: list[Any],
                      expected: tuple[int, int, int]) -> None:
    key = "organisations" if kind == "providers" else kind
    report = score({**gold_doc(), key: gold_entries}, predicted(**{key: predicted_entries}))
    counts = report.types[kind]
    assert tfn(counts) == expected
    assert counts.tp_complete == counts.tp


def test_dates_order_in_gold_reversed_scores_the_same() -> None:
    # The companion of the xfail row above: in this order the greedy matching finds both.
    report = score(gold_doc(dates=[{"date": "2025-03-31"}, {"date": "2025-03"}]),
                   predicted(dates=[{"date": "2025-03-31"}, {"date": "2025-03-05"}]))
    assert tfn(report.types["dates"]) == (2, 0, 0)


# --- dates that are the ends of gold periods ---------------------------------------------------

PERIOD = {"start": "2024-04-01", "end": "2025-03-31"}


@pytest.mark.parametrize("date,expected", [
    pytest.param("2024-04-01", (0, 0, 0), id="period-start-ignored"),
    pytest.param("2025-03-31", (0, 0, 0), id="period-end-ignored"),
    pytest.param("2025-04-01", (0, 1, 0), id="day-after-end-is-a-false-positive"),
])
def test_predicted_date_at_an_end_of_a_gold_period_is_ignored(date: str, expected: tuple[int, int, int]) -> None:
    report = score(gold_doc(periods=[PERIOD], dates=[]),
                   predicted(dates=[{"date": date}], periods=[PERIOD]))
    assert tfn(report.types["dates"]) == expected
    assert tfn(report.types["periods"]) == (1, 0, 0)
    if expected == (0, 0, 0):
        assert [m for m in report.misses if m.type == "dates"] == []


def test_period_end_also_listed_as_a_gold_date_still_counts_as_found() -> None:
    report = score(gold_doc(periods=[PERIOD], dates=[{"date": "2025-03-31"}]),
                   predicted(dates=[{"date": "2025-03-31"}]))
    assert tfn(report.types["dates"]) == (1, 0, 0)


# --- complete: false, scored -------------------------------------------------------------------

def test_incomplete_gold_unmatched_predictions_are_not_false_positives() -> None:
    report = score(gold_doc(complete=False, money=[gbp("100")]), predicted(money=[gbp("100"), gbp("999")]))
    money = report.types["money"]
    assert (money.tp, money.fp, money.fn, money.tp_complete) == (1, 0, 0, 0)
    assert not [m for m in report.misses if m.kind == "extra"]


def test_incomplete_gold_misses_still_count() -> None:
    report = score(gold_doc(complete=False, money=[gbp("100"), gbp("200")]), predicted(money=[gbp("100")]))
    assert tfn(report.types["money"]) == (1, 0, 1)
    assert [(m.kind, m.type) for m in report.misses] == [("missed", "money")]


def test_precision_ignores_incomplete_documents() -> None:
    report = Report()
    # complete: A found, B extra
    score(gold_doc(money=[gbp("1")]), predicted(money=[gbp("1"), gbp("2")]), report, "complete.txt")
    # key facts only: C found, D missed, E not a false positive
    score(gold_doc(complete=False, money=[gbp("3"), gbp("4")]), predicted(money=[gbp("3"), gbp("5")]), report,
          "key-facts.txt")
    money = report.types["money"]
    assert (money.tp, money.tp_complete, money.fp, money.fn) == (2, 1, 1, 1)
    assert money.precision == pytest.approx(1 / 2)  # 1 of the 2 predictions the complete file can judge
    assert money.recall == pytest.approx(2 / 3)
    assert {m.document for m in report.misses if m.kind == "extra"} == {"complete.txt"}


def test_scored_limits_the_types_scored() -> None:
    gold = gold_doc(scored=["money"], money=[gbp("100")], dates=[{"date": "2025-03-31"}],
                    organisations=[org("Acme Ltd")], percentages=[{"value": "5"}])
    pred = predicted(money=[gbp("100")], dates=[{"date": "2020-01-01"}], organisations=[org("Other Ltd")],
                     durations=[{"duration": "P1Y"}], percentages=[{"value": "6"}])
    report = score(gold, pred)
    assert tfn(report.types["money"]) == (1, 0, 0)
    for kind in TYPES:
        if kind != "money":
            assert tfn(report.types[kind]) == (0, 0, 0), kind
    assert report.misses == []
    assert tfn(report.overall) == (1, 0, 0)


# --- arithmetic ---------------------------------------------------------------------------------

def test_micro_average_over_two_documents() -> None:
    report = Report()
    score(gold_doc(money=[gbp("1")]), predicted(money=[gbp("1")]), report, "a.txt")  # P 1, R 1
    score(gold_doc(money=[gbp("2"), gbp("3")]), predicted(money=[gbp("2"), gbp("7"), gbp("8"), gbp("9")]),
          report, "b.txt")  # P 1/4, R 1/2
    money = report.types["money"]
    assert tfn(money) == (2, 3, 1)
    assert report.documents == 2
    assert money.precision == pytest.approx(2 / 5)  # not the macro (1 + 1/4) / 2
    assert money.recall == pytest.approx(2 / 3)  # not the macro (1 + 1/2) / 2
    assert money.f1 == pytest.approx(2 * (2 / 5) * (2 / 3) / (2 / 5 + 2 / 3))


def test_precision_recall_f1_arithmetic() -> None:
    report = score(gold_doc(money=[gbp(a) for a in "12345"], percentages=[{"value": "5"}]),
                   predicted(money=[gbp(a) for a in "1239"], percentages=[{"value": "5"}]))
    money = report.types["money"]
    assert tfn(money) == (3, 1, 2)
    assert money.precision == pytest.approx(0.75)
    assert money.recall == pytest.approx(0.6)
    assert money.f1 == pytest.approx(2 / 3)
    assert money.as_dict() == {"tp": 3, "fp": 1, "fn": 2, "tp_complete": 3,
                               "precision": 0.75, "recall": 0.6, "f1": 0.6667}
    overall = report.overall
    assert tfn(overall) == (4, 1, 2)
    assert overall.precision == pytest.approx(4 / 5) and overall.recall == pytest.approx(4 / 6)


@pytest.mark.parametrize("counts,expected", [
    pytest.param(Counts(), (1.0, 1.0, 1.0), id="nothing-to-find-nothing-found"),
    pytest.param(Counts(fp=2), (0.0, 1.0, 0.0), id="only-false-positives"),
    pytest.param(Counts(fn=2), (1.0, 0.0, 0.0), id="only-misses"),
    pytest.param(Counts(tp=1, tp_complete=1, fp=1, fn=1), (0.5, 0.5, 0.5), id="half-and-half"),
])
def test_precision_recall_f1_edges(counts: Counts, expected: tuple[float, float, float]) -> None:
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(expected)


# --- bad gold files ------------------------------------------------------------------------------

@pytest.mark.parametrize("field,entry,shown", [
    pytest.param("durations", {"duration": "five years"}, "five years", id="bad-duration"),
    pytest.param("durations", {"duration": "P"}, "'P'", id="empty-duration"),
    pytest.param("money", {"amount": "£4.5m", "currency": "GBP"}, "£4.5m", id="bad-amount"),
])
def test_bad_gold_file_raises_gold_error_naming_the_file(tmp_path: Path, field: str, entry: dict[str, Any],
                                                         shown: str) -> None:
    (tmp_path / "report.txt").write_text("The contract is worth £4.5m for five years.\n", encoding="utf-8")
    gold_path = tmp_path / "report.txt.gold.json"
    gold_path.write_text(json.dumps({**gold_doc(), field: [entry]}), encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        evaluate(tmp_path)
    assert str(gold_path) in str(caught.value)
    assert shown in str(caught.value)


def test_gold_file_of_another_format_raises_gold_error_naming_the_file(tmp_path: Path) -> None:
    gold_path = tmp_path / "report.txt.gold.json"
    gold_path.write_text(json.dumps({"document": "report.txt", "money": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="council-gold/1") as caught:
        evaluate(tmp_path)
    assert str(gold_path) in str(caught.value)


def test_the_naive_baseline_reports_a_missing_document_as_an_error_line(tmp_path: Path) -> None:
    """A council-page text that could not be collected is an error line in the scores, as it is
    for council-facts, never a traceback that stops the accuracy report."""
    from pipeline.devtools.baselines import naive_predictor
    from pipeline.errors import ExtractionError

    with pytest.raises(ExtractionError) as raised:
        naive_predictor(tmp_path / "absent.txt")
    assert raised.value.code.value == "E_NOT_FOUND" and "absent.txt" in str(raised.value)


def test_a_missing_document_is_named_in_the_scores_errors(tmp_path: Path) -> None:
    """The accuracy report lists documents that failed: each line must say which one."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "absent.txt.gold.json").write_text(json.dumps(
        {"format": "council-gold/1", "document": "absent.txt", "money": []}), encoding="utf-8")
    report = evaluate(gold, tmp_path / "docs")
    assert len(report.errors) == 1 and "absent.txt: E_NOT_FOUND" in report.errors[0]
