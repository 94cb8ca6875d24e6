"""Periods: inclusive start and end days, from written ranges, a start and a length, financial
years ("2024/25", "2024-25", "FY24/25", "years 26/27 27/28") and quarters.

Each row of PERIODS is a sentence and the period facts `extract` must give for it, in text
order, as (start, end, kind). Known failures stay in the table marked xfail(strict=True).
"""

from __future__ import annotations

from datetime import date

import pytest


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def fy(start_year: int):
    return (f"{start_year}-04-01", f"{start_year + 1}-03-31", "financial_year")


PERIODS = [
    # --- the table ---
    pytest.param("The service ran from April 2022 until the end of March 2024.",
                 [("2022-04-01", "2024-03-31", "range")], id="from-April-2022-until-the-end-of-March-2024"),
    pytest.param("The contract will run from 1 April 2026 to 31 March 2029.",
                 [("2026-04-01", "2029-03-31", "range")], id="1-April-2026-to-31-March-2029"),
    pytest.param("Cabinet agreed a new contract commencing 1 April 2026 for three years.",
                 [("2026-04-01", "2029-03-31", "start_and_duration")],
                 id="commencing-1-April-2026-for-three-years"),
    pytest.param("The budget for 2024/25 was set in February.", [fy(2024)], id="2024/25"),
    pytest.param("The budget for 2024-25 was set in February.", [fy(2024)], id="2024-25"),
    pytest.param("Spend in FY24/25 fell against the previous year.", [fy(2024)], id="FY24/25"),
    pytest.param("Savings are profiled over years 26/27 27/28.", [fy(2026), fy(2027)], id="years-26/27-27/28"),
    # --- real-world variants ---
    pytest.param("Performance in Q3 2024-25 improved on the previous quarter.",
                 [("2024-10-01", "2024-12-31", "quarter")], id="Q3-2024-25"),
    pytest.param("Performance in Q4 2024/25 was strong.",
                 [("2025-01-01", "2025-03-31", "quarter")], id="Q4-2024/25-crosses-the-year"),
    pytest.param("Returns for Quarter 1 2025/26 are due in July.",
                 [("2025-04-01", "2025-06-30", "quarter")], id="Quarter-1-2025/26"),
    pytest.param("The consultation ran from 1 to 3 April 2025.",
                 [("2025-04-01", "2025-04-03", "range")], id="1-to-3-April-2025"),
    pytest.param("The pilot ran April to June 2024.",
                 [("2024-04-01", "2024-06-30", "range")], id="April-to-June-2024"),
    pytest.param("The interim arrangement runs April to March 2025.",
                 [("2024-04-01", "2025-03-31", "range")], id="April-to-March-2025-crosses-the-year"),
    pytest.param("Funding is confirmed between 1 April 2025 and 31 March 2026.",
                 [("2025-04-01", "2026-03-31", "range")], id="between-dates"),
    pytest.param("The trial ran between March and May 2025.",
                 [("2025-03-01", "2025-05-31", "range")], id="between-March-and-May-2025"),
    pytest.param("The contract ran from 1 April 2024 until 31 March 2025 inclusive.",
                 [("2024-04-01", "2025-03-31", "range")], id="until-inclusive"),
    pytest.param("The lease runs from 1 October 2024 for a period of two years.",
                 [("2024-10-01", "2026-09-30", "start_and_duration")], id="for-a-period-of-two-years"),
    pytest.param("The contract is for five years from 1 October 2019.",
                 [("2019-10-01", "2024-09-30", "start_and_duration")], id="five-years-from-1-October-2019"),
    pytest.param("We propose a 12 month contract starting on 1 June 2025.",
                 [("2025-06-01", "2026-05-31", "start_and_duration")], id="12-month-contract-starting"),
    pytest.param("The MTFP covers 2025-28.",
                 [("2025-04-01", "2028-03-31", "financial_year")], id="MTFP-2025-28"),
    pytest.param("Outturn for FY 2024/25 is reported.", [fy(2024)], id="FY-2024/25"),
    pytest.param("The 2024-2025 budget was balanced.", [fy(2024)], id="2024-2025"),
    pytest.param("Budgets for 2025/26 and 2026/27 are indicative.", [fy(2025), fy(2026)], id="two-years"),
    pytest.param("Pupil numbers in the 2024/25 academic year rose.",
                 [("2024-09-01", "2025-08-31", "academic_year")], id="academic-year"),
    pytest.param("The contract runs 1 April 2024 – 31 March 2027.",
          [("2024-04-01", "2027-03-31", "range")],
          id="1-April-2024-dash-31-March-2027"),
    pytest.param("The board met on 4 June and 10 July 2025.", [],
          id="two-dates-joined-by-and"),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_periods(facts_of, text: str, expected: list[tuple]) -> None:
    found = [(f.value.start, f.value.end, f.value.kind) for f in facts_of(text, "period")]
    assert found == expected


NOT_PERIODS = [
    pytest.param("Page 3 of 12", id="page-number"),
    pytest.param("See paragraph 10.01 of the report.", id="10.01"),
    pytest.param("The strategy covers 2022-2026.", id="calendar-years-2022-2026-are-ambiguous"),
    pytest.param("The service is for 18-25 year olds.", id="ages"),
    pytest.param("Under the Health and Social Care Act 2012 the Council has duties.", id="Act-2012"),
    pytest.param("The contract was awarded on April 1st 2017.", id="a-single-date"),
]


@pytest.mark.parametrize("text", NOT_PERIODS)
def test_not_periods(facts_of, text: str) -> None:
    assert facts_of(text, "period") == []


def test_range_ends_are_not_separate_dates(facts_of) -> None:
    text = "The contract will run from 1 April 2026 to 31 March 2029."
    assert facts_of(text, "date") == []


def test_next_financial_year_needs_the_document_date(facts_of) -> None:
    text = "The budget for next financial year will be set in February."
    assert facts_of(text, "period") == []
    found = facts_of(text, "period", reference_date=date(2025, 6, 4))
    assert [(f.value.start, f.value.end, f.value.kind) for f in found] == [fy(2026)]
