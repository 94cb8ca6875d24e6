"""Percentages: value as a decimal string, kind (target, achieved, change) and unit.

Each row of PERCENTAGES is a sentence and the percentage facts `extract` must give for it, in
text order, as (value, kind, unit). Known failures stay in the table marked xfail(strict=True).
"""

from __future__ import annotations

import pytest


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def pc(value: str, kind: str | None = None):
    return (value, kind, "percent")


def pp(value: str, kind: str | None = "change"):
    return (value, kind, "percentage_points")


PERCENTAGES = [
    # --- the table ---
    pytest.param("Customer satisfaction reached 92 per cent in 2024/25.",
                 [pc("92", "achieved")], id="92 per cent"),
    pytest.param("Performance was 67.3% against the plan for the year.",
                 [pc("67.3", "achieved")], id="67.3%"),
    pytest.param("Attendance fell by 3 percentage points on the previous year.",
                 [pp("3")], id="percentage points"),
    # --- real-world variants ---
    pytest.param("There was a 4 percentage point increase in uptake of health checks.",
                 [pp("4")], id="a-4-percentage-point-increase"),
    pytest.param("The service has a target of 85% for successful completions.",
                 [pc("85", "target")], id="target-of-85%"),
    pytest.param("Against a target of 85%, the centres achieved 88.4% occupancy.",
                 [pc("85", "target"), pc("88.4", "achieved")], id="target-and-achieved"),
    pytest.param("We aim for 95 percent of calls to be answered within a minute.",
                 [pc("95", "target")], id="aim-95-percent"),
    pytest.param("The uptake target is 75 per cent by 2026.",
                 [pc("75", "target")], id="target-75-per-cent"),
    pytest.param("Uptake increased by 12% on last year.",
                 [pc("12", "change")], id="increased-by-12%"),
    pytest.param("A 3.5% uplift was applied to the contract price.",
                 [pc("3.5", "change")], id="3.5%-uplift"),
    pytest.param("Council tax will increase by 4.99% in April.",
                 [pc("4.99", "change")], id="4.99%-increase"),
    pytest.param("A reduction of 2.5% in management costs is proposed.",
                 [pc("2.5", "change")], id="reduction-2.5%"),
    pytest.param("Smoking prevalence rose by 2.5 percentage points among young adults.",
                 [pp("2.5")], id="2.5-percentage-points"),
    pytest.param("The Bank Rate fell by 25 basis points in the quarter.",
                 [pp("0.25")], id="25-basis-points"),
    pytest.param("CPI inflation of 3.8% was assumed for the MTFP.",
                 [pc("3.8")], id="no-kind"),
    pytest.param("Around ten percent of residents responded to the survey.",
                 [pc("10")], id="ten-percent-in-words"),
    pytest.param("Fewer than 0.5% of complaints were escalated to the Ombudsman.",
                 [pc("0.5")], id="0.5%"),
    pytest.param("Between 10-15% of users are expected to move to the new service.",
                 [pc("10"), pc("15")], id="10-15%-range"),
    pytest.param("The reserve is set at ten percent (10%) of the net budget.",
          [pc("10")],
          id="ten-percent-(10%)"),
]


@pytest.mark.parametrize(("text", "expected"), PERCENTAGES)
def test_percentages(facts_of, text: str, expected: list[tuple]) -> None:
    found = [(f.value.value, f.value.kind, f.value.unit) for f in facts_of(text, "percentage")]
    # the two ends of "10-15%" share one span, so their order between themselves is not text order
    assert sorted(found) == sorted(expected)


NOT_PERCENTAGES = [
    pytest.param("Page 3 of 12", id="page-number"),
    pytest.param("The percentage of residents who recycle rose.", id="the-word-percentage"),
    pytest.param("The COVID-19 pandemic affected income in 2020/21.", id="COVID-19"),
    pytest.param("The service is for 18-25 year olds.", id="ages"),
    pytest.param("The per cent figures are set out in Appendix A.", id="per-cent-without-number"),
]


@pytest.mark.parametrize("text", NOT_PERCENTAGES)
def test_not_percentages(facts_of, text: str) -> None:
    assert facts_of(text, "percentage") == []
