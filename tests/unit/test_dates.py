"""Dates: an ISO date at the precision written, read in UK (day-month) order, and the role the
words around it give (award, start, end, decision, extension).

DATES rows go through `find_date_spans(text)`: the (iso, precision, first, last) of every date in
the text. DATE_ROLES rows go through `extract(text)`. Known failures stay in the tables marked
xfail(strict=True).
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.facts.dates import find_date_spans


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def day(iso: str):
    d = date.fromisoformat(iso)
    return (iso, "day", d, d)


def month(iso: str, first: str, last: str):
    return (iso, "month", date.fromisoformat(first), date.fromisoformat(last))


DATES = [
    # --- the table ---
    pytest.param("The contract was awarded on April 1st 2017.", [day("2017-04-01")], id="April 1st 2017"),
    pytest.param("The new service began on 1st December 2018.", [day("2018-12-01")], id="1st December 2018"),
    pytest.param("The current contract expires on 31/03/2025.", [day("2025-03-31")], id="31/03/2025-UK-order"),
    pytest.param("The pilot ran until the end of March 2024.", [day("2024-03-31")], id="the-end-of-March-2024"),
    pytest.param("The strategy was published in March 2025.",
                 [month("2025-03", "2025-03-01", "2025-03-31")], id="March-2025-month-precision"),
    # --- real-world variants ---
    pytest.param("Cabinet approved the award on 14.05.2018.", [day("2018-05-14")], id="14.05.2018"),
    # a month of a financial year is that month in the year's calendar: April-December the first
    # year, January-March the second
    pytest.param("Spend to November 2024-25 is shown in the table.",
                 [month("2024-11", "2024-11-01", "2024-11-30")], id="November-2024-25"),
    pytest.param("Monitoring for December 2023/24 is attached.",
                 [month("2023-12", "2023-12-01", "2023-12-31")], id="December-2023/24"),
    pytest.param("Forecast as at September 2024–25 shows an overspend.",
                 [month("2024-09", "2024-09-01", "2024-09-30")], id="September-2024–25-en-dash"),
    pytest.param("The January 2024/25 monitoring report was late.",
                 [month("2025-01", "2025-01-01", "2025-01-31")], id="January-2024/25-is-2025"),
    pytest.param("The notice was published on 05/04/2025.", [day("2025-04-05")], id="05/04/2025-day-first"),
    pytest.param("The record shows 2025-03-31 as the end date.", [day("2025-03-31")], id="ISO-2025-03-31"),
    pytest.param("Meeting of Cabinet, Thursday, 30th January, 2025.", [day("2025-01-30")],
                 id="weekday-30th-January-2025"),
    pytest.param("The lease was signed on July 18, 2002.", [day("2002-07-18")], id="July 18, 2002"),
    pytest.param("Works will start at the beginning of April 2026.", [day("2026-04-01")],
                 id="the-beginning-of-April-2026"),
    pytest.param("The consultation closes at the close of June 2025.", [day("2025-06-30")],
                 id="the-close-of-June-2025"),
    pytest.param("Mobilisation is planned for Sept 2024.",
                 [month("2024-09", "2024-09-01", "2024-09-30")], id="Sept-2024"),
    pytest.param("Budget monitoring to Dec. 2024 is attached.",
                 [month("2024-12", "2024-12-01", "2024-12-31")], id="Dec.-2024"),
    pytest.param("CONTRACT END DATE: 30 SEPTEMBER 2034", [day("2034-09-30")], id="30 SEPTEMBER 2034"),
    pytest.param("Invoice dated 31-03-25 was paid late.", [day("2025-03-31")], id="31-03-25-two-digit-year"),
    pytest.param("The lease starts on the 1st of April 2025.", [day("2025-04-01")], id="the-1st-of-April-2025"),
    pytest.param("The leap day 29 February 2024 fell on a Thursday.", [day("2024-02-29")], id="29-February-2024"),
    pytest.param("Spend to February 2024 is shown.",
                 [month("2024-02", "2024-02-01", "2024-02-29")], id="February-2024-leap-month"),
    pytest.param("The grant runs from April 1st 2017 to the end of March 2024 (31/03/2024).",
                 [day("2017-04-01"), day("2024-03-31"), day("2024-03-31")], id="three-dates"),
    pytest.param("End of March 2024 is the deadline for returns.", [day("2024-03-31")],
          id="End-of-March-2024-capitalised"),
    pytest.param("The new system will be live by the end of 2024.", [day("2024-12-31")],
          id="the-end-of-2024"),
    # --- "the 1st day of June, 2017" ---
    pytest.param("Payment is due on the 1st day of June, 2017.", [day("2017-06-01")], id="the-1st-day-of-June,-2017"),
    pytest.param("Signed on the 23rd day of September 2021 by both parties.", [day("2021-09-23")],
                 id="the-23rd-day-of-September-2021"),
    pytest.param("This deed is made on the 4th day of March, 2019.", [day("2019-03-04")],
                 id="the-4th-day-of-March,-2019"),
    xfail("The deed is dated the first day of June, 2017.", [day("2017-06-01")],
          reason="an ordinal in words is not read: the month June 2017 is found instead of the day",
          id="the-first-day-of-June,-2017"),
    pytest.param("The 2nd day of the hearing was 12 June 2024.", [day("2024-06-12")],
                 id="the-2nd-day-of-the-hearing-is-no-date"),
    # --- full month names in lower case ---
    pytest.param("The budget was agreed on 12th march 2025.", [day("2025-03-12")], id="12th-march-2025"),
    pytest.param("The scheme opened on 3 september 2024.", [day("2024-09-03")], id="3-september-2024"),
    # --- a month and a year before another month: still dates ---
    pytest.param("In November 2024, 25 complaints were received.",
                 [month("2024-11", "2024-11-01", "2024-11-30")], id="November-2024-comma-25"),
    pytest.param("The review ran November 2024-March 2025.",
                 [month("2024-11", "2024-11-01", "2024-11-30"), month("2025-03", "2025-03-01", "2025-03-31")],
                 id="November-2024-March-2025"),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_find_date_spans(text: str, expected: list[tuple]) -> None:
    found = [(d.iso, d.precision, d.first, d.last) for d in find_date_spans(text)]
    assert found == expected


NOT_DATES = [
    pytest.param("We will report back to Cabinet.", id="We-is-not-Wednesday"),
    pytest.param("Page 3 of 12", id="page-number"),
    pytest.param("The budget for 2022/23 is attached.", id="2022/23-is-a-period"),
    pytest.param("Under the Health and Social Care Act 2012 provisions", id="Act-2012"),
    pytest.param("See paragraph 10.01 of the report.", id="10.01"),
    pytest.param("The invoice is dated 03/31/2025.", id="US-order-is-not-a-UK-date"),
    pytest.param("A claim dated 31/02/2025 was rejected.", id="31-February"),
    pytest.param("Release version 1.2.3 of the app.", id="version-number"),
    pytest.param("Each copy costs £10.01.", id="money-10.01"),
    pytest.param("Call 01234 567890 for bookings.", id="phone-number"),
    pytest.param("The service is for 18-25 year olds.", id="ages"),
    pytest.param("The Council may decide next month.", id="may-the-verb"),
    # an impossible day is no date, and its month is no date either
    pytest.param("The invoice was dated 29 February 2023.", id="29-February-2023"),
    pytest.param("A meeting on 29 February 2021 was recorded.", id="29-February-2021"),
    pytest.param("The report of 30 February 2024 was withdrawn.", id="30-February-2024"),
    pytest.param("Rent is due on the 1st day of the month.", id="the-1st-day-of-the-month"),
    pytest.param("The team of 12 will march 2,000 metres for charity.", id="march-the-verb"),
    pytest.param("The report will go to Council on 13th February.", id="no-year-without-a-reference"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_date_spans(text) == []


# ---------------------------------------------------------------------------------------------
# A day and month without a year: the year nearest the document's own date
# ---------------------------------------------------------------------------------------------

YEARLESS = [
    # (text, reference date, ISO dates found)
    pytest.param("The report will go to Council on 13th February.", "2025-01-30", ["2025-02-13"],
                 id="13th-February-after-January"),
    pytest.param("Responses are due by 4 March.", "2024-11-20", ["2025-03-04"], id="4-March-next-year"),
    pytest.param("The grant is paid on 10 January.", "2023-12-05", ["2024-01-10"], id="January-after-December"),
    pytest.param("The depot reopened on 18 December.", "2025-01-09", ["2024-12-18"], id="December-before-January"),
    pytest.param("The consultation closed on 20th of December.", "2024-01-15", ["2023-12-20"],
                 id="20th-of-December-last-year"),
    pytest.param("The notice of 13th May was withdrawn.", "2025-01-30", ["2025-05-13"], id="13th-May-same-year"),
    pytest.param("The board meets on 13 February 2026.", "2025-01-30", ["2026-02-13"], id="a-written-year-stands"),
    pytest.param("On 31 February the Board met.", "2025-01-30", [], id="31-February-is-no-day"),
    pytest.param("The contract expires on 31st march.", "2025-01-30", [], id="lower-case-month-without-year"),
]


@pytest.mark.parametrize(("text", "reference", "expected"), YEARLESS)
def test_yearless_dates(text: str, reference: str, expected: list[str]) -> None:
    found = find_date_spans(text, reference=date.fromisoformat(reference))
    assert [(d.iso, d.precision) for d in found] == [(iso, "day") for iso in expected]


YEARLESS_TEXT = [
    pytest.param("The notice of 13th May was withdrawn.", "13th May", id="mid-sentence"),
    pytest.param("The report will go to Council on 13th February.", "13th February",
          id="sentence-final"),
    pytest.param("The depot reopened on 18 December. Repairs cost £4,000.", "18 December",
          id="sentence-final-before-another"),
]


@pytest.mark.parametrize(("text", "expected"), YEARLESS_TEXT)
def test_yearless_date_evidence_text(text: str, expected: str) -> None:
    [span] = find_date_spans(text, reference=date(2025, 1, 30))
    assert text[span.start:span.end] == expected


# ---------------------------------------------------------------------------------------------
# extract(text): date facts with their roles
# ---------------------------------------------------------------------------------------------

DATE_ROLES = [
    pytest.param("The contract was awarded on April 1st 2017.", ("2017-04-01", "day", "award"), id="award"),
    pytest.param("The new service will commence on 1st December 2018.", ("2018-12-01", "day", "start"),
                 id="start"),
    pytest.param("The current contract expires on 31/03/2025.", ("2025-03-31", "day", "end"), id="end"),
    pytest.param("Cabinet approved the recommendation on 14 May 2024.", ("2024-05-14", "day", "decision"),
                 id="decision"),
    pytest.param("The contract was extended to the end of March 2024.", ("2024-03-31", "day", "extension"),
                 id="extension"),
    pytest.param("The new contract goes live from June 2025.", ("2025-06", "month", "start"),
                 id="start-month"),
    pytest.param("The strategy was published in March 2025.", ("2025-03", "month", "publication"),
                 id="publication"),
    pytest.param("Income in February 2025 was lower than planned.", ("2025-02", "month", None), id="no-role"),
]


@pytest.mark.parametrize(("text", "expected"), DATE_ROLES)
def test_date_roles(facts_of, text: str, expected: tuple) -> None:
    found = [(f.value.date, f.value.precision, f.value.role) for f in facts_of(text, "date")]
    assert found == [expected]


def test_financial_year_is_a_period_not_a_date(facts_of) -> None:
    text = "The outturn for 2022/23 is reported to Cabinet."
    assert facts_of(text, "date") == []
    assert [(p.value.start, p.value.end) for p in facts_of(text, "period")] == [("2022-04-01", "2023-03-31")]


def test_act_year_is_not_a_date(facts_of) -> None:
    text = "Under the Health and Social Care Act 2012 the Council commissions public health services."
    assert facts_of(text, "date") == []
