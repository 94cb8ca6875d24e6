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


def academic(start_year: int):
    return (f"{start_year}-09-01", f"{start_year + 1}-08-31", "academic_year")


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
    pytest.param("The contract will run for up to five years (3+1+1) from 1 July 2024.",
                 [("2024-07-01", "2029-06-30", "start_and_duration")], id="a-bracket-between-the-length-and-from"),
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
    pytest.param("Agrees to award the contract commencing on 1 April 2026:\n\n(i) for an initial term of three years;",
                 [("2026-04-01", "2029-03-31", "start_and_duration")], id="a-start-then-a-listed-term"),
    pytest.param("The programme is into a three-year extension due to end on 31st March 2025.",
                 [("2022-04-01", "2025-03-31", "start_and_duration")], id="a-length-due-to-end-on"),
    pytest.param("To extend the contract from 5th October 2023 to 4th October 2024 with an option to extend for a "
                 "further 6 or 12 months.", [("2023-10-05", "2024-10-04", "range")],
                 id="an-option-to-extend-is-no-term"),
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
    # --- academic years where the text is about school places or pupils ---
    pytest.param("The plan forecasts demand for school places in 2025-26 across the district.",
                 [academic(2025)], id="school-places-2025-26"),
    pytest.param("Secondary pupil numbers will peak in 2027/28 before falling.",
                 [academic(2027)], id="pupil-numbers-2027/28"),
    pytest.param("The number of Year R admissions for 2026-27 is expected to fall.",
                 [academic(2026)], id="Year-R-admissions-2026-27"),
    pytest.param("Admissions for the academic year 2024/25 closed in January.",
                 [academic(2024)], id="the-academic-year-2024/25"),
    pytest.param("Spend on school transport in 2025-26 is forecast to rise.",
                 [fy(2025)], id="school-transport-spend-is-a-financial-year"),
    # --- a Local Plan runs over calendar years ---
    pytest.param("The Local Plan 2024-39 sets the housing requirement.",
                 [("2024-01-01", "2039-12-31", "range")], id="Local-Plan-2024-39"),
    pytest.param("The emerging local plan 2023-38 allocates land for 6,000 homes.",
                 [("2023-01-01", "2038-12-31", "range")], id="local-plan-2023-38"),
    pytest.param("The plan period 2022-2037 matches the Local Plan.",
                 [("2022-01-01", "2037-12-31", "range")], id="plan-period-2022-2037"),
    xfail("The Local Plan 2024-39 funding gap for infrastructure is £40m.",
          [("2024-01-01", "2039-12-31", "range")],
          reason="'funding' and '£' near the plan make it financial years 2024-04-01..2039-03-31",
          id="Local-Plan-2024-39-with-funding-nearby"),
    pytest.param("The draft Local Plan covers the plan period 2021-2040.",
          [("2021-01-01", "2040-12-31", "range")],
          id="Local-Plan-2021-2040-nineteen-years"),
    pytest.param("The Local Plan runs over the same period as the MTFP 2025-28.",
                 [("2025-04-01", "2028-03-31", "financial_year")], id="MTFP-beside-a-Local-Plan-stays-financial"),
    # --- an MTFP's run of financial years ---
    pytest.param("The Medium Term Financial Plan 2024-27 was approved.",
                 [("2024-04-01", "2027-03-31", "financial_year")], id="Medium-Term-Financial-Plan-2024-27"),
    pytest.param("Savings of £2m are planned across the MTFP 2026-29.",
                 [("2026-04-01", "2029-03-31", "financial_year")], id="MTFP-2026-29"),
    # --- two-digit years in a budget context ---
    pytest.param("Pressures in the 25-26 budget are set out below.", [fy(2025)], id="the-25-26-budget"),
    pytest.param("The outturn for the year 23/24 was an underspend.", [fy(2023)], id="the-year-23/24"),
    pytest.param("The 24-25 forecast shows a small overspend.", [fy(2024)], id="the-24-25-forecast"),
    # --- calendar quarters ---
    pytest.param("Call volumes in Q4 2025 were the highest on record.",
                 [("2025-10-01", "2025-12-31", "quarter")], id="Q4-2025"),
    pytest.param("The new system will go live in Q2 2026.",
                 [("2026-04-01", "2026-06-30", "quarter")], id="Q2-2026"),
    pytest.param("Performance in Q1 2025-26 improved.",
                 [("2025-04-01", "2025-06-30", "quarter")], id="Q1-2025-26-is-a-financial-quarter"),
    pytest.param("Spend in Q4 2025/26 was on budget.",
                 [("2026-01-01", "2026-03-31", "quarter")], id="Q4-2025/26-is-a-financial-quarter"),
    # --- halves of a financial year ---
    pytest.param("Spend in the first half of 2024/25 was on budget.",
                 [("2024-04-01", "2024-09-30", "range")], id="the-first-half-of-2024/25"),
    pytest.param("Income in the second half of 2024/25 fell.",
                 [("2024-10-01", "2025-03-31", "range")], id="the-second-half-of-2024/25"),
    pytest.param("In the first half of the financial year 2025-26 demand rose.",
                 [("2025-04-01", "2025-09-30", "range")], id="the-first-half-of-the-financial-year-2025-26"),
    pytest.param("Half of the 2024/25 savings were delivered.", [fy(2024)], id="half-of-the-savings-is-no-half-year"),
    # --- "launched on <date> and closed on <date>" ---
    pytest.param("The consultation launched on 30 July 2024 and closed on 22 September 2024.",
                 [("2024-07-30", "2024-09-22", "range")], id="launched-and-closed-on"),
    pytest.param("The survey opened on 1 March 2025 and ended on 31 March 2025.",
                 [("2025-03-01", "2025-03-31", "range")], id="opened-and-ended-on"),
    pytest.param("The consultation launched on 30 July 2024 and was extended on 22 September 2024.", [],
                 id="and-was-extended-on-is-no-end"),
    pytest.param("The site closed on 30 July 2024 and reopened on 22 September 2024.", [],
                 id="closed-and-reopened-on"),
    # --- a length running back from "until" ---
    pytest.param("The contract was extended for a further year until 31 March 2023.",
                 [("2022-04-01", "2023-03-31", "start_and_duration")], id="a-further-year-until"),
    pytest.param("Cabinet agreed a six month extension until 30 September 2025.",
                 [("2025-04-01", "2025-09-30", "start_and_duration")], id="six-month-extension-until"),
    pytest.param("The lease continues for a further two years to 31 March 2027.",
                 [("2025-04-01", "2027-03-31", "start_and_duration")], id="a-further-two-years-to"),
    pytest.param("The contract was extended until 31 March 2023.", [], id="until-without-a-length"),
    # --- consecutive months joined by "and" ---
    pytest.param("Engagement took place during October and November 2024.",
                 [("2024-10-01", "2024-11-30", "range")], id="October-and-November-2024"),
    pytest.param("Visits were made in June and July 2025.",
                 [("2025-06-01", "2025-07-31", "range")], id="June-and-July-2025"),
    pytest.param("Drop-in sessions were held during December and January 2025.",
                 [("2024-12-01", "2025-01-31", "range")], id="December-and-January-2025-crosses-the-year"),
    pytest.param("Surveys were run in January and March 2025.", [], id="January-and-March-are-not-consecutive"),
    # --- a year range broken over a line ---
    pytest.param("The budget gap for 2020-\n21 was closed by reserves.", [fy(2020)], id="2020-newline-21"),
    pytest.param("Savings for 2019/\n20 were delivered.", [fy(2019)], id="2019/-newline-20"),
    pytest.param("Since 2021-\n19 sites have closed.", [], id="2021-newline-19-sites"),
    pytest.param("Schools opened in 2020 -\n12 more will open by 2030.", [], id="2020-dash-newline-12-more"),
    # --- a range of financial years ---
    pytest.param("Council tax rose between 2017-18 to 2020-21.",
                 [("2017-04-01", "2021-03-31", "range")], id="between-2017-18-to-2020-21"),
    pytest.param("Funding was provided from 2018-19 to 2021-22.",
                 [("2018-04-01", "2022-03-31", "range")], id="from-2018-19-to-2021-22"),
    pytest.param("Budgets for 2017-18 and 2020-21 were compared.", [fy(2017), fy(2020)],
                 id="2017-18-and-2020-21-are-two-years"),
    # --- quarters and halves: calendar when a year is written, financial for "2024/25" ---
    pytest.param("Go-live is planned for the first quarter of 2025/26.",
                 [("2025-04-01", "2025-06-30", "quarter")], id="first-quarter-of-2025/26"),
    pytest.param("Works finish in the fourth quarter of 2024-25.",
                 [("2025-01-01", "2025-03-31", "quarter")], id="fourth-quarter-of-2024-25"),
    pytest.param("Returns for the third quarter of 2023 were late.",
                 [("2023-07-01", "2023-09-30", "quarter")], id="third-quarter-of-2023-calendar"),
    pytest.param("Demand in 2021 H1 was high.", [("2021-01-01", "2021-06-30", "range")], id="2021-H1"),
    pytest.param("Costs rose in H2 2022.", [("2022-07-01", "2022-12-31", "range")], id="H2-2022"),
    pytest.param("Spend in H1 2024/25 was on budget.", [("2024-04-01", "2024-09-30", "range")],
                 id="H1-2024/25-financial"),
    pytest.param("Recruitment resumes in the second half of 2024.", [("2024-07-01", "2024-12-31", "range")],
                 id="second-half-of-2024"),
    pytest.param("Over the 2010s the market consolidated.", [("2010-01-01", "2019-12-31", "range")],
                 id="the-2010s"),
    # --- month first, the year written once ---
    pytest.param("The consultation ran Oct 2 - Nov 14, 2019.", [("2019-10-02", "2019-11-14", "range")],
                 id="Oct-2-Nov-14-2019"),
    pytest.param("Drop-in sessions run June 10-17, 2024.", [("2024-06-10", "2024-06-17", "range")],
                 id="June-10-17-2024"),
    pytest.param("Consultation ran 10-17 June 2024.", [("2024-06-10", "2024-06-17", "range")], id="10-17-June-2024"),
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
    pytest.param("The details are on pages 25-26 of the report.", id="pages-25-26"),
    pytest.param("See paragraphs 12-13 and Appendix B.", id="paragraphs-12-13"),
    pytest.param("Scores of 24-25 were given for quality.", id="scores-24-25"),
    pytest.param("The Council Strategy 2025-2028 sets four priorities.", id="Council-Strategy-2025-2028"),
    pytest.param("Boilers will be H2-ready by 2030.", id="H2-ready-is-hydrogen"),
    pytest.param("Homes worth £2000s were sold.", id="£2000s-is-no-decade"),
    pytest.param("The first quarter of the report covers staffing.", id="quarter-of-a-report"),
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


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Works are planned for 10-17 June.", ("2025-06-10", "2025-06-17"), id="10-17-June"),
    pytest.param("Drop-in sessions are held 3rd to 7th March.", ("2025-03-03", "2025-03-07"), id="3rd-to-7th-March"),
])
def test_a_day_range_with_neither_month_nor_year_twice(facts_of, text: str, expected: tuple[str, str]) -> None:
    """The month written once and the year not at all: the year is the date finder's, from the
    reference date, and the second day is the end of the period, not a date of its own."""
    found = facts_of(text, "period", reference_date=date(2025, 1, 20))
    assert [(f.value.start, f.value.end) for f in found] == [expected]
    assert facts_of(text, "date", reference_date=date(2025, 1, 20)) == []
