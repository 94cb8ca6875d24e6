"""Money: real-world amounts as councils write them, one row per example.

Each row of MONEY is a sentence and the money facts `extract` must give for it (as a multiset:
the two ends of "£1-2m" share a span) as (amount, currency, role, per_annum, bound). Known
failures stay in the table, marked xfail(strict=True), so the day the pipeline gets them right
the suite says so.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.facts.money import format_amount, parse_amount

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LEISURE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def gbp(amount: str, role: str | None = None, per_annum: bool = False, bound: str | None = None):
    return (amount, "GBP", role, per_annum, bound)


# ---------------------------------------------------------------------------------------------
# parse_amount: the digits of one amount, as price-parser reads them (PDF stray spaces removed)
# ---------------------------------------------------------------------------------------------

PARSE_AMOUNT = [
    pytest.param("3,629,500", Decimal("3629500"), id="thousands-commas"),
    pytest.param("1, 002,318", Decimal("1002318"), id="pdf-stray-space-after-comma"),
    pytest.param("4.5", Decimal("4.5"), id="decimal"),
    pytest.param("6,745", Decimal("6745"), id="6,745"),
    pytest.param("6,394,360", Decimal("6394360"), id="6,394,360"),
    pytest.param("1,250", Decimal("1250"), id="table-cell-1,250"),
    pytest.param("12.50", Decimal("12.50"), id="pence"),
    pytest.param("0.5", Decimal("0.5"), id="fraction-of-a-million"),
    pytest.param("1,000.75", Decimal("1000.75"), id="commas-and-decimals"),
    pytest.param("120", Decimal("120"), id="plain"),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_AMOUNT)
def test_parse_amount(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "n/a", "TBC"])
def test_parse_amount_rejects_text_without_digits(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


# ---------------------------------------------------------------------------------------------
# format_amount: the decimal string of the schema (no exponent, no trailing zeros, no "-0")
# ---------------------------------------------------------------------------------------------

FORMAT_AMOUNT = [
    pytest.param(Decimal("4.5") * 1_000_000, "4500000", id="4.5m"),
    pytest.param(Decimal("6745") * 1000, "6745000", id="6,745k"),
    pytest.param(Decimal("1.2") * 1_000_000_000, "1200000000", id="1.2bn"),
    pytest.param(Decimal("-120.000"), "-120", id="negative-trailing-zeros"),
    pytest.param(Decimal("0.50"), "0.5", id="half"),
    pytest.param(Decimal("50") * Decimal("0.01"), "0.5", id="50p"),
    pytest.param(Decimal("1E+6"), "1000000", id="exponent"),
    pytest.param(Decimal("12.50"), "12.5", id="12.50"),
    pytest.param(Decimal("-0"), "0", id="negative-zero"),
    pytest.param(Decimal("0"), "0", id="zero"),
    pytest.param(Decimal("3629500"), "3629500", id="whole"),
]


@pytest.mark.parametrize(("amount", "expected"), FORMAT_AMOUNT)
def test_format_amount(amount: Decimal, expected: str) -> None:
    assert format_amount(amount) == expected


# ---------------------------------------------------------------------------------------------
# extract(text): amounts in sentences
# ---------------------------------------------------------------------------------------------

MONEY = [
    # --- the table ---
    pytest.param("The total contract value is £3,629,500 over the five-year term.",
                 [gbp("3629500", "contract_value")], id="£3,629,500"),
    pytest.param("Savings of £4.5m have been identified for 2025/26.",
                 [gbp("4500000", "saving")], id="£4.5m"),
    pytest.param("The approved budget for the service is £6,745k.",
                 [gbp("6745000", "budget")], id="£6,745k"),
    pytest.param("The pension fund holds assets of £1.2bn on behalf of members.",
                 [gbp("1200000000")], id="£1.2bn"),
    pytest.param("A grant of £3million was received towards the new leisure centre.",
                 [gbp("3000000", "grant")], id="£3million"),
    pytest.param("The contract sum is £ 6,394,360 excluding VAT.",
                 [gbp("6394360", "contract_value")], id="£-space-6,394,360"),
    pytest.param("The value of the contract is £1, 002,318 including the extension.",
                 [gbp("1002318", "contract_value")], id="£1,-space-002,318"),
    pytest.param("Income from room lettings was (£120k) against plan in the quarter.",
                 [gbp("-120000")], id="(£120k)-negative"),
    pytest.param("The works are estimated to cost between £1m and £2m.",
                 [gbp("1000000"), gbp("2000000")], id="between-£1m-and-£2m"),
    pytest.param("The software licence fee is $45,000 a year.",
                 [("45000", "USD", "annual_value", True, None)], id="$"),
    pytest.param("EU funding of €250,000 was secured for the project.",
                 [("250000", "EUR", "grant", False, None)], id="€"),
    # --- real-world variants ---
    pytest.param("The new depot will cost £2.5 million to build.",
                 [gbp("2500000")], id="£2.5 million"),
    pytest.param("The cleaning contract costs £750k per annum.",
                 [gbp("750000", "annual_value", per_annum=True)], id="£750k per annum"),
    pytest.param("The framework allows call-offs of up to £1.2m.",
                 [gbp("1200000", bound="up_to")], id="up-to-£1.2m"),
    pytest.param("Contracts in excess of £500,000 require Cabinet approval.",
                 [gbp("500000", "threshold", bound="over")], id="in-excess-of-£500,000"),
    pytest.param("The case management licence is priced at USD 200 per user.",
                 [("200", "USD", None, False, None)], id="USD 200"),
    pytest.param("Short-stay parking charges will rise by 50p per hour.",
                 [gbp("0.5")], id="50p"),
    pytest.param("A saving of £250k is planned from the restructure.",
                 [gbp("250000", "saving")], id="saving-£250k"),
    pytest.param("An inflationary uplift of £40,000 was agreed with the provider.",
                 [gbp("40000", "uplift")], id="uplift-£40,000"),
    pytest.param("The key decision threshold is £500,000.",
                 [gbp("500000", "threshold")], id="threshold-£500,000"),
    pytest.param("The contract is worth approximately £2m over its life.",
                 [gbp("2000000", "contract_value", bound="approximately")], id="approximately-£2m"),
    pytest.param("Bidders must commit at least £100,000 to social value.",
                 [gbp("100000", bound="at_least")], id="at-least-£100,000"),
    pytest.param("The scheme will cost five million pounds over three years.",
                 [gbp("5000000")], id="five-million-pounds"),
    pytest.param("A grant of US$1.5 million was made by the foundation.",
                 [("1500000", "USD", "grant", False, None)], id="US$1.5 million"),
    pytest.param("The reported overspend of -£50,000 is mainly staffing.",
                 [gbp("-50000", "budget")], id="minus-£50,000"),
    pytest.param("A total of £3.1m of backlog maintenance was identified in the survey.",
                 [gbp("3100000", "total")], id="total-£3.1m"),
    pytest.param("The swimming lesson fee is £12.50 per session.",
                 [gbp("12.5")], id="£12.50"),
    pytest.param("Each printed copy costs 470 pence.",
                 [gbp("4.7")], id="470 pence"),
    pytest.param("The contract value is £3,629,500 and the annual value is £725,900.",
                 [gbp("3629500", "contract_value"), gbp("725900", "annual_value")],
                 id="two-amounts-two-roles"),
    pytest.param("Capital costs range from £1.5m to £2m depending on the option chosen.",
                 [gbp("1500000"), gbp("2000000")], id="£1.5m-to-£2m"),
    pytest.param("The service costs £1.2m p.a. under the current contract.",
          [gbp("1200000", "annual_value", per_annum=True)],
          id="£1.2m p.a."),
    pytest.param("The annual contract value is £1.2m.",
          [gbp("1200000", "annual_value")],
          id="annual-contract-value"),
    pytest.param("The works are estimated at £1-2m.",
                 [gbp("1000000"), gbp("2000000")], id="£1-2m-range"),
    pytest.param("Tender prices ranged from £5,000-£10,000.",
                 [gbp("5000"), gbp("10000")], id="£5,000-£10,000-range"),
]


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_money(facts_of, text: str, expected: list[tuple]) -> None:
    found = [(f.value.amount, f.value.currency, f.value.role, f.value.per_annum, f.value.bound)
             for f in facts_of(text, "money")]
    # the two ends of "£1-2m" share one span, so their order between themselves is not text order
    assert sorted(found) == sorted(expected)


# The evidence is the amount as written, not the full stop after it.
MONEY_TEXT = [
    pytest.param("Savings of £4.5m have been identified.", "£4.5m", id="mid-sentence"),
    pytest.param("The forecast variance is (£120k) this year.", "(£120k)", id="brackets-kept"),
    pytest.param("The contract sum is £ 6,394,360 excluding VAT.", "£ 6,394,360", id="space-after-£"),
    pytest.param("The contract is worth approximately £2m.", "£2m", id="sentence-final-£2m"),
    pytest.param("The bid from the operator was GBP 1.2m.", "GBP 1.2m", id="sentence-final-GBP-1.2m"),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_TEXT)
def test_money_evidence_text(facts_of, text: str, expected: str) -> None:
    assert [f.text for f in facts_of(text, "money")] == [expected]


NOT_MONEY = [
    pytest.param("Page 3 of 12", id="page-number"),
    pytest.param("All figures in the table below are £000.", id="£000-header-alone"),
    pytest.param("Costs (£000) are shown in Appendix B.", id="(£000)-header"),
    pytest.param("Figures are stated in £000s unless shown otherwise.", id="£000s"),
    pytest.param("The budget for 2022/23 is set out in the appendix.", id="financial-year"),
    pytest.param("Under the Health and Social Care Act 2012 the Council has duties.", id="Act-2012"),
    pytest.param("The service is for 18-25 year olds.", id="ages"),
    pytest.param("See paragraph 10.01 of the report.", id="paragraph-10.01"),
    pytest.param("Bidder A scored 92 per cent on quality.", id="percentage-only"),
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(facts_of, text: str) -> None:
    assert facts_of(text, "money") == []


# ---------------------------------------------------------------------------------------------
# "£000" tables (samples/annual-leisure-contract-review.pdf, Table 1): a cell is thousands
# ---------------------------------------------------------------------------------------------

TABLE_CELLS = [
    # (row header, column header, cell text, amount)
    pytest.param("Contract sum", "2024/25 £000", "1,250", "1250000", id="1,250-under-£000"),
    pytest.param("Contract sum", "2023/24 £000", "1,210", "1210000", id="1,210-under-£000"),
    pytest.param("Utilities support", "2023/24 £000", "342", "342000", id="342-under-£000"),
    pytest.param("Income share received", "2024/25 £000", "(87)", "-87000", id="(87)-negative-cell"),
    pytest.param("Net cost to the Council", "2024/25 £000", "1,461", "1461000", id="1,461-net-cost"),
]


@pytest.fixture(scope="module")
def leisure_money(facts_of):
    return facts_of(LEISURE_PDF, "money")


@pytest.mark.parametrize(("row", "column", "cell", "amount"), TABLE_CELLS)
def test_pounds_thousands_table_cells(leisure_money, row: str, column: str, cell: str,
                                      amount: str) -> None:
    cells = [f for f in leisure_money
             if f.value.table is not None and f.value.table.row == row and f.value.table.column == column]
    assert len(cells) == 1
    fact = cells[0]
    assert fact.text == cell
    assert (fact.value.amount, fact.value.currency, fact.value.table.scale) == (amount, "GBP", "1000")


def test_contract_sum_cell_has_its_role(leisure_money) -> None:
    cell = next(f for f in leisure_money if f.text == "1,250")
    assert cell.value.role == "contract_value"


def test_pounds_thousands_header_is_not_money(leisure_money) -> None:
    assert [f.text for f in leisure_money if "£000" in f.text] == []
