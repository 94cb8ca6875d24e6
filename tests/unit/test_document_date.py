"""The document's own date: the day a decision was taken, a meeting held or a report dated, read
from the words around the dates near the top of the document (`detect_document_date`).

Each row of DOCUMENT_DATES is a text and the (date, evidence) the detector must give. The texts
are built so that only the rule under test can give the expected date: a weaker date stands
before it (a publication or dispatch date), or enough lines stand above it that a title line
does not apply. NO_DOCUMENT_DATE rows must give None. Known failures stay in the tables marked
xfail(strict=True).
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import extract
from pipeline.facts.document_date import detect_document_date


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


# Four lines of front matter: a date below them is no title line.
FRONT = "Agenda Item 6\nKent County Council\nDecision report\nFor information\n"


def on(iso: str, text: str):
    return (date.fromisoformat(iso), text)


DOCUMENT_DATES = [
    # --- a labelled decision date beats a publication date ---
    pytest.param("Publication date: 03/02/2020\n\nDate of decision: 28/01/2020\n\nDecision maker: Cabinet Member",
                 on("2020-01-28", "28/01/2020"), id="Date-of-decision-after-Publication-date"),
    pytest.param("Record of Decision\nPublication Date: 14 June 2022\nDecision Taken: 9 June 2022\nSubject: Waste",
                 on("2022-06-09", "9 June 2022"), id="Decision-Taken-after-Publication-Date"),
    pytest.param(FRONT + "Date of meeting: 3 March 2021\nDecision date: 10 March 2021",
                 on("2021-03-10", "10 March 2021"), id="Decision-date-beats-Date-of-meeting"),
    # --- "To: <body> – date" ---
    pytest.param(FRONT + "From: Director of Finance\nTo: Cabinet – 30 January 2025\nPublication date: 21 January 2025",
                 on("2025-01-30", "30 January 2025"), id="To-Cabinet-dash-date"),
    pytest.param(FRONT + "By: Corporate Director\nTo: Scrutiny Committee, 8 May 2024\nPublished: 29 April 2024",
                 on("2024-05-08", "8 May 2024"), id="To-Scrutiny-Committee-comma-date"),
    pytest.param(FRONT + "By: Cabinet Member for Highways\n"
          "To: Environment and Transport Cabinet Committee - 17 September 2024\nSubject: Bus strategy",
          on("2024-09-17", "17 September 2024"),
          id="To-committee-name-with-and"),
    pytest.param(FRONT + "To: Policy and Resources Committee – 11 March 2023\nDate of issue: 1 March 2023",
          on("2023-03-11", "11 March 2023"),
          id="To-Policy-and-Resources-Committee"),
    # --- a weekday and a time: the meeting, not the dispatch date above it ---
    pytest.param("Dispatched: Wednesday, 5 March 2025\n\nA meeting of the Council will be held on Thursday, 13th "
                 "March, 2025 at 10.00 am in the Council Chamber.",
                 on("2025-03-13", "Thursday, 13th March, 2025"), id="weekday-and-time-beats-dispatch"),
    pytest.param("Date of issue: Monday, 2 June 2025\nNotice of meeting\nThe Cabinet will meet on Tuesday, 10th June, "
                 "2025 at 2.00 pm at Sessions House.",
                 on("2025-06-10", "Tuesday, 10th June, 2025"), id="weekday-and-2.00-pm"),
    pytest.param("Dated: Friday, 31 January 2025\nNotice is given that the Scrutiny Committee will meet on Wednesday, "
                 "12 February 2025 at 10:30 a.m.",
                 on("2025-02-12", "Wednesday, 12 February 2025"), id="weekday-and-10:30-a.m."),
    # without a time the first weekday date stands: the time is what marks the meeting
    pytest.param("Dispatched: Wednesday, 5 March 2025\n\nA meeting of the Council will be held on Thursday, 13th "
                 "March, 2025 in the Council Chamber.",
                 on("2025-03-05", "Wednesday, 5 March 2025"), id="weekday-without-time-is-no-meeting-time"),
    # --- presented / submitted / reported to a body on a date ---
    pytest.param(FRONT + "Dated: 2 February 2025\nThe report was presented to Cabinet on 30 January 2025 and agreed.",
                 on("2025-01-30", "30 January 2025"), id="presented-to-Cabinet-on"),
    pytest.param(FRONT + "Published: 9 November 2024\nThe strategy was submitted to the Scrutiny Committee on "
                 "4 November 2024 for comment.",
                 on("2024-11-04", "4 November 2024"), id="submitted-to-the-Scrutiny-Committee-on"),
    pytest.param(FRONT + "Date: 20 April 2023\nThe outturn was reported to the Audit Committee on 18 April 2023.",
                 on("2023-04-18", "18 April 2023"), id="reported-to-the-Audit-Committee-on"),
    # --- "<body> Meeting - date" ---
    pytest.param(FRONT + "Issue date: 1 March 2025\nCounty Council Meeting - 13th March 2025\nItem 7",
                 on("2025-03-13", "13th March 2025"), id="County-Council-Meeting-dash"),
    pytest.param(FRONT + "Date of issue: 10 October 2024\nAudit Committee Meeting – 21st October 2024\nAgenda Item 5",
                 on("2024-10-21", "21st October 2024"), id="Audit-Committee-Meeting-en-dash"),
    # --- a short title line near the top ---
    pytest.param("TMG 14 November 2024\nAgenda\n1. Apologies\n2. The contract was awarded on 2 October 2024.",
                 on("2024-11-14", "14 November 2024"), id="title-TMG-14-November-2024"),
    pytest.param("Highways Board 3 July 2023\nPresent: the Chair and four members.\nThe board noted the contract "
                 "signed on 1 June 2023.",
                 on("2023-07-03", "3 July 2023"), id="title-Highways-Board-3-July-2023"),
    # --- a date line right above "Dear ..." ---
    pytest.param("Chief Executive's Office\nSessions House\nCounty Hall\nMaidstone\nME14 1XQ\n12 August 2024\n"
                 "Dear Minister,\nThank you for your letter of 1 August 2024.",
                 on("2024-08-12", "12 August 2024"), id="letter-date-above-Dear-Minister"),
    pytest.param("Ref: HW/2291\nThe Hamlets Trust\n2 Mill Lane\nAshford\nKent\n4 February 2025\n\nDear Ms Patel\n"
                 "I write about the grant awarded on 3 January 2025.",
                 on("2025-02-04", "4 February 2025"), id="letter-date-blank-line-Dear-Ms"),
    # --- "Minutes of the meeting held on" is not taken over a labelled date ---
    pytest.param("Minutes of the meeting held on 9th January 2025\nDate of decision: 15 January 2025",
                 on("2025-01-15", "15 January 2025"), id="minutes-held-on-vs-Date-of-decision"),
    pytest.param("Cabinet\nThe minutes of the meeting held on 2nd May 2024 were agreed as a correct record.\n"
                 "Publication date: 20 May 2024",
                 on("2024-05-20", "20 May 2024"), id="minutes-held-on-vs-Publication-date"),
    pytest.param("Line\nLine\nLine\nLine\nMinutes of the meeting held on 9th January 2025 were approved.\n"
                 "Date of meeting: 6 February 2025",
                 on("2025-02-06", "6 February 2025"), id="minutes-held-on-vs-Date-of-meeting"),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENT_DATES)
def test_detect_document_date(text: str, expected: tuple[date, str]) -> None:
    found = detect_document_date(text)
    assert found is not None
    assert (found.date, found.text) == expected


NO_DOCUMENT_DATE = [
    pytest.param("A contract was awarded on April 1st 2017.", id="a-sentence-in-the-body"),
    pytest.param("The lease with the trust was renewed on 1 October 2019 for a further five years on the same terms.",
                 id="a-long-sentence-in-the-body"),
    pytest.param("Following the tender, the framework was let on 12 May 2021 to three suppliers.",
                 id="a-one-line-sentence-is-no-title"),
    pytest.param(FRONT + "The findings were presented to residents on 3 May 2024 at a drop-in session.",
                 id="presented-to-residents-is-no-body"),
    pytest.param(FRONT + "The grant was paid to Ashford Rugby Club – 14 June 2024 was the first instalment.",
                 id="paid-to-a-club-dash-date"),
    pytest.param(FRONT + "The team meeting - 4 June 2024 - agreed the rota.", id="team-meeting-dash-date"),
    pytest.param("Line one\nLine two\nLine three\nLine four\nTMG 14 November 2024\n", id="title-too-far-down"),
    pytest.param("Ref: HW/2291\nThe Hamlets Trust\n2 Mill Lane\nAshford\nKent\nThe grant was awarded on 3 January "
                 "2025.\nDear Ms Patel", id="a-sentence-above-Dear-is-no-letter-date"),
]


@pytest.mark.parametrize("text", NO_DOCUMENT_DATE)
def test_no_document_date(text: str) -> None:
    assert detect_document_date(text) is None


# ---------------------------------------------------------------------------------------------
# extract(text): the detected date is the reference for dates written without a year
# ---------------------------------------------------------------------------------------------

REFERENCE = [
    pytest.param("Kent County Council\nTo: Cabinet – 30 January 2025\nThe report will go to Council on 13th February "
                 "for approval.", "2025-01-30", "2025-02-13", id="To-Cabinet-then-13th-February"),
    pytest.param("Highways Board 9 January 2025\nPresent: the Chair.\nThe depot reopened on 18 December after "
                 "repairs.", "2025-01-09", "2024-12-18", id="title-January-then-18-December-last-year"),
]


@pytest.mark.parametrize(("text", "reference", "yearless"), REFERENCE)
def test_detected_date_resolves_yearless_dates(facts_of, text: str, reference: str, yearless: str) -> None:
    result = extract(text)
    assert (result.reference_date.date, result.reference_date.origin) == (reference, "detected")
    assert yearless in [f.value.date for f in facts_of(text, "date")]
