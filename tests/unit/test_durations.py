"""Durations as ISO 8601 (P5Y, P12M, P6W, P28D); fractional years in months (2.5 years = P30M).

DURATIONS rows go through `find_duration_spans(text)`: the ISO durations found, in text order.
Known failures stay in the tables marked xfail(strict=True).
"""

from __future__ import annotations

import pytest

from pipeline.facts.durations import find_duration_spans


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


DURATIONS = [
    # --- the table ---
    pytest.param("The contract is for a five-year period.", ["P5Y"], id="a-five-year-period"),
    pytest.param("An initial term of five years plus two one-year extensions.", ["P5Y", "P1Y"],
                 id="two-one-year-extensions-is-no-three-years"),
    pytest.param("Twenty one years of service.", ["P21Y"], id="twenty-one-years"),
    pytest.param("The provider has asked for another 12 months.", ["P12M"], id="another-12-months"),
    pytest.param("The contract will be let on a 3+1 years basis.", ["P3Y", "P1Y"], id="3+1-years"),
    pytest.param("The contract includes two extension periods of two years.", ["P2Y"],
                 id="two-extension-periods-of-two-years"),
    pytest.param("It may be extended for up to a further five years.", ["P5Y"],
                 id="up-to-a-further-five-years"),
    # --- real-world variants ---
    pytest.param("The public consultation will last six weeks.", ["P6W"], id="six-weeks"),
    pytest.param("Invoices are paid within 28 days of receipt.", ["P28D"], id="28-days"),
    pytest.param("The pilot ran for 2.5 years before evaluation.", ["P30M"], id="2.5-years"),
    pytest.param("Either party may terminate on thirty (30) days' notice.", ["P30D"],
                 id="thirty-(30)-days"),
    pytest.param("Spend over the last two quarters was below profile.", ["P6M"], id="two-quarters"),
    pytest.param("Residents will be told within a fortnight.", ["P2W"], id="within-a-fortnight"),
    pytest.param("The building has been empty for two decades.", ["P20Y"], id="two-decades"),
    pytest.param("Complaints are answered within 10 working days.", ["P10D"], id="10-working-days"),
    pytest.param("The trial will run over one and a half years.", ["P18M"], id="one-and-a-half-years"),
    pytest.param("Staff are on a six-month notice period.", ["P6M"], id="a-six-month-notice"),
    pytest.param("The loan is repayable over 36 months.", ["P36M"], id="36-months"),
    pytest.param("The agreement is a 10 year plan for the town centre.", ["P10Y"], id="10-year-plan"),
    pytest.param("The licence is granted for a year in the first instance.", ["P1Y"], id="for-a-year"),
    pytest.param("A further 6 month extension is requested.", ["P6M"], id="6-month-extension"),
    pytest.param("The framework runs on a 2 + 2 year basis.", ["P2Y", "P2Y"], id="2-+-2-years"),
    pytest.param("Tenders must offer a minimum of 3 years.", ["P3Y"], id="a-minimum-of-3-years"),
    pytest.param("Eighteen months of data were reviewed.", ["P18M"], id="eighteen-months"),
    # --- ranges of lengths: both ends ---
    pytest.param("Savings will be delivered over the next one to three years.", ["P1Y", "P3Y"],
                 id="over-the-next-one-to-three-years"),
    pytest.param("The pilot will be reviewed within the next two to five years.", ["P2Y", "P5Y"],
                 id="within-the-next-two-to-five-years"),
    pytest.param("Delivery is expected to take 2-3 years.", ["P2Y", "P3Y"], id="2-3-years"),
    pytest.param("The scheme will take 3-5 years to complete.", ["P3Y", "P5Y"], id="3-5-years"),
    pytest.param("Delivery is expected to take 2–3 years.", ["P2Y", "P3Y"], id="2–3-years-en-dash"),
    pytest.param("Building works will take 18-24 months.", ["P18M", "P24M"], id="18-24-months"),
    # --- minutes and hours ---
    pytest.param("The average response time was 35 minutes.", ["PT35M"], id="35-minutes"),
    pytest.param("Each session lasts 45 minutes.", ["PT45M"], id="45-minutes"),
    pytest.param("The board meeting lasted 2 hours.", ["PT2H"], id="2-hours"),
    # --- a number in words restated in figures ---
    pytest.param("Either party may terminate the agreement on ninety (90) days' notice.", ["P90D"],
                 id="ninety-(90)-days"),
    pytest.param("The supplier must give three         (3) months' notice.", ["P3M"],
                 id="three-spaces-(3)-months"),
    pytest.param("Notice of six (6) months is required.", ["P6M"], id="six-(6)-months"),
    # --- a financial year as a length ---
    pytest.param("The grant covers one financial year.", ["P1Y"], id="one-financial-year"),
]


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_find_duration_spans(text: str, expected: list[str]) -> None:
    assert [d.iso for d in find_duration_spans(text)] == expected


NOT_DURATIONS = [
    pytest.param("The service is for 18-25 year olds.", id="18-25-year-olds"),
    pytest.param("The service is for 18 to 25 year olds.", id="18-to-25-year-olds"),
    pytest.param("People aged 65 years and over are eligible.", id="aged-65-years"),
    pytest.param("A 10-year-old child was referred.", id="10-year-old"),
    pytest.param("Membership costs £5 a year.", id="£5-a-year-is-a-rate"),
    pytest.param("The plan is reviewed every three years.", id="every-three-years-is-a-frequency"),
    pytest.param("Accounts are closed at the 2025 year end.", id="2025-year-end"),
    pytest.param("Costs rose by £2 million year-on-year.", id="year-on-year"),
    pytest.param("The complaint was made twelve months ago.", id="ago"),
    pytest.param("Year 6 pupils took part.", id="school-year"),
    pytest.param("Page 3 of 12", id="page-number"),
    # school years and table column labels
    pytest.param("Demand for Year R places is expected to fall.", id="Year-R-places"),
    pytest.param("The school will admit 60 pupils into Year R from September.", id="into-Year-R"),
    pytest.param("Year 1 Year 2 Year 3\n£000 £000 £000", id="Year-1-Year-2-Year-3-columns"),
    pytest.param("Year 1   Year 2   Year 3   Total", id="Year-1-Year-2-spaced-columns"),
    pytest.param("Pupils in Year 10 and Year 11 sat mock exams.", id="Year-10-and-Year-11"),
    pytest.param("Year 2 of the contract began in April.", id="Year-2-of-the-contract"),
    pytest.param("The service is for children aged one to three years.", id="aged-one-to-three-years"),
    pytest.param("The minutes of the meeting held on 4 June were agreed.", id="the-minutes-of-the-meeting"),
    pytest.param("Minute 35 was noted.", id="Minute-35"),
    pytest.param("Three (3) options were considered.", id="three-(3)-options"),
    # a named financial year is a period, not a length
    pytest.param("Savings in the 2024-25 financial year were delivered.", id="the-2024-25-financial-year"),
    pytest.param("The 2023/24 financial year closed with an underspend.", id="the-2023/24-financial-year"),
]


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_not_durations(text: str) -> None:
    assert find_duration_spans(text) == []


# ---------------------------------------------------------------------------------------------
# extract(text): the same lengths as duration facts
# ---------------------------------------------------------------------------------------------

DURATION_FACTS = [
    pytest.param("The contract is for a five-year period.", ["P5Y"], id="a-five-year-period"),
    pytest.param("The provider has asked for another 12 months.", ["P12M"], id="another-12-months"),
    pytest.param("The contract will be let on a 3+1 years basis.", ["P3Y", "P1Y"], id="3+1-years"),
    pytest.param("The contract includes two extension periods of two years.", ["P2Y"],
                 id="two-extension-periods-of-two-years"),
    pytest.param("It may be extended for up to a further five years.", ["P5Y"],
                 id="up-to-a-further-five-years"),
    pytest.param("The service is for 18-25 year olds.", [], id="18-25-year-olds"),
    pytest.param("Savings will be delivered over the next one to three years.", ["P1Y", "P3Y"],
                 id="over-the-next-one-to-three-years"),
    pytest.param("The average response time was 35 minutes.", ["PT35M"], id="35-minutes"),
    pytest.param("Demand for Year R places is expected to fall.", [], id="Year-R-places"),
    pytest.param("Savings in the 2024-25 financial year were delivered.", [], id="the-2024-25-financial-year"),
]


@pytest.mark.parametrize(("text", "expected"), DURATION_FACTS)
def test_duration_facts(facts_of, text: str, expected: list[str]) -> None:
    # "3+1 years" is two facts over one span: their order between themselves is not text order
    assert sorted(f.value.duration for f in facts_of(text, "duration")) == sorted(expected)
