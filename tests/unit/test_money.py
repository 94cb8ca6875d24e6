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
from pipeline.loaders.pdf_tables import header_scale

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LEISURE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def gbp(amount: str, role: str | None = None, per_annum: bool = False, bound: str | None = None):
    return (amount, "GBP", role, per_annum, bound)


def cur(amount: str, currency: str, role: str | None = None, per_annum: bool = False, bound: str | None = None):
    return (amount, currency, role, per_annum, bound)


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
    # --- dollars with a country prefix ---
    pytest.param("The Canadian subsidiary paid C$ 1.34 per unit.", [cur("1.34", "CAD")], id="C$-1.34"),
    pytest.param("The licence costs C$250,000 a year.",
                 [cur("250000", "CAD", "annual_value", per_annum=True)], id="C$250,000-a-year"),
    pytest.param("The bond raised hk $ 10.05 billion.", [cur("10050000000", "HKD")], id="hk-$-10.05-billion"),
    pytest.param("The fund holds HK$ 2.4 million of Asian equities.", [cur("2400000", "HKD")], id="HK$-2.4-million"),
    pytest.param("The software costs aud$ 15 per user.", [cur("15", "AUD")], id="aud$-15"),
    pytest.param("A deposit of AUD$ 40,000 was paid.", [cur("40000", "AUD")], id="AUD$-40,000"),
    pytest.param("The Mexican operation raised Mex$ 10 million.", [cur("10000000", "MXN")], id="Mex$-10-million"),
    pytest.param("Costs were Mex$ 350,000 in the year.", [cur("350000", "MXN")], id="Mex$-350,000"),
    pytest.param("The grant was NZ$ 20,000.", [cur("20000", "NZD", "grant")], id="NZ$-20,000"),
    pytest.param("The fare is $ 15 per trip.", [cur("15", "USD")], id="$-15-without-a-prefix"),
    pytest.param("Under Option C $ 50,000 would be spent.", [cur("50000", "USD")],
          id="Option-C-$-is-no-Canadian-dollar"),
    pytest.param("Lot A $ 500 and Lot B $ 700 were bid.", [cur("500", "USD"), cur("700", "USD")],
          id="Lot-A-$-is-no-Australian-dollar"),
    # --- a magnitude after the currency code, a currency word before the number ---
    pytest.param("The investment of 75 USD million was made in 2021.", [cur("75000000", "USD")],
                 id="75-USD-million"),
    pytest.param("The fund committed 12.5 EUR million to the scheme.", [cur("12500000", "EUR")],
                 id="12.5-EUR-million"),
    pytest.param("The trust invested dollar 22.5 million in infrastructure.", [cur("22500000", "USD")],
                 id="dollar-22.5-million"),
    pytest.param("Fees of euro 4.2 million were paid.", [cur("4200000", "EUR")], id="euro-4.2-million"),
    # --- dollars and cents as one amount ---
    pytest.param("The ticket costs 3 dollars 50 cents.", [cur("3.5", "USD")], id="3-dollars-50-cents"),
    pytest.param("The fee is 8 dollars 5 cents.", [cur("8.05", "USD")], id="8-dollars-5-cents"),
    pytest.param("The fee is thirteen dollars and forty-five cents.", [cur("13.45", "USD")],
                 id="thirteen-dollars-and-forty-five-cents"),
    pytest.param("Each card costs seven dollars and fifty cents.", [cur("7.5", "USD")],
                 id="seven-dollars-and-fifty-cents"),
    pytest.param("Adult fares are 3 dollars 50 cents for a single trip.", [cur("3.5", "USD")],
          id="3-dollars-50-cents-mid-sentence"),
    pytest.param("Sixty dollars and ten cents was charged.", [cur("60.1", "USD")],
          id="Sixty-dollars-and-ten-cents-mid-sentence"),
    pytest.param("Entry is 2 dollars and 25 cents for children.", [cur("2.25", "USD")],
          id="2-dollars-and-25-cents-mid-sentence"),
    pytest.param("The fare is 5 dollars 2 days a week.", [cur("5", "USD")], id="5-dollars-2-days-is-no-cents"),
    pytest.param("Tickets were 4 dollars, 50 were sold.", [cur("4", "USD")], id="4-dollars-comma-50-is-no-cents"),
    # --- "12-cent" ---
    pytest.param("A 12-cent levy applies to each bag.", [cur("0.12", "USD")], id="12-cent"),
    pytest.param("A 5-cent charge was added to each cup.", [cur("0.05", "USD")], id="5-cent"),
    pytest.param("A 25-cent fee was applied.", [cur("0.25", "USD")], id="25-cent"),
    # --- thousands separated by a space, before a currency word ---
    pytest.param("The scheme cost 10 000 dollars.", [cur("10000", "USD")], id="10-000-dollars"),
    pytest.param("Receipts of 250 000 euros were recorded.", [cur("250000", "EUR")], id="250-000-euros"),
    pytest.param("In 2023 10 000 dollars was raised.", [cur("10000", "USD")], id="a-year-before-10-000-dollars"),
    # --- an amount in words restated in figures is one amount ---
    pytest.param("The sum of Twenty Million Dollars ($20,000,000) is payable.", [cur("20000000", "USD")],
          id="Twenty-Million-Dollars-($20,000,000)"),
    pytest.param("The Council will pay Five Thousand Pounds (£5,000) on completion.", [gbp("5000")],
          id="Five-Thousand-Pounds-(£5,000)"),
    # --- brackets and minus signs ---
    pytest.param("The net position was (£1.2m) after the transfer.", [gbp("-1200000")], id="(£1.2m)-negative"),
    pytest.param("Parking income: (£300,000).", [gbp("-300000")], id="(£300,000)-after-a-colon"),
    pytest.param("Variance at Quarter 3: (£120k).", [gbp("-120000")],
          id="(£120k)-after-Quarter-3"),
    pytest.param("Net variance 2024-25: (£45,000).", [gbp("-45000")],
          id="(£45,000)-after-2024-25"),
    pytest.param("The clinic was part paid for by Public Health (£18,000) and part by the hospital trust.",
                 [gbp("18000")], id="(£18,000)-an-aside-after-a-noun"),
    pytest.param("Members agreed to move the unspent balance (£9,400) to the advice service.", [gbp("9400")],
                 id="(£9,400)-an-aside-the-sentence-goes-on"),
    pytest.param("Staffing\t(£18,000)\t£5,000", [gbp("-18000"), gbp("5000")], id="(£18,000)-in-a-table-row"),
    pytest.param("The account showed $-99.99 after the refund.", [cur("-99.99", "USD")], id="$-99.99"),
    pytest.param("The balance was £-1,250 at year end.", [gbp("-1250")], id="£-1,250"),
    pytest.param("The return was $-2.5 million in the year.", [cur("-2500000", "USD")], id="$-2.5-million"),
    pytest.param("The fund lost - $ 75 million in the crash.", [cur("75000000", "USD")],
                 id="lost-spaced-dash-$-75-million"),
    pytest.param("The reserve fell - £ 2 million over the year.", [gbp("2000000")], id="fell-spaced-dash-£-2-million"),
    pytest.param("The asset was sold at a loss of - $ 4 million.", [cur("4000000", "USD")],
                 id="a-loss-of-spaced-dash-$-4-million"),
    # --- a magnitude on the next line ---
    pytest.param("The programme is worth £150\nmillion over ten years.", [gbp("150000000", "contract_value")],
                 id="£150-newline-million"),
    pytest.param("Investment of £2.3\nbillion is planned.", [gbp("2300000000")], id="£2.3-newline-billion"),
    pytest.param("The cost was £12\nthousand.", [gbp("12000")], id="£12-newline-thousand"),
    pytest.param("The fee is £150.\nMillions of visitors came.", [gbp("150")], id="£150.-newline-Millions"),
    # --- a sum whose pound sign was lost, after a phrase that prices it ---
    pytest.param("The Committee accepted the offer in the sum of 4,406,011.59, together with fees.",
                 [gbp("4406011.59", "contract_value")], id="in-the-sum-of-no-sign"),
    pytest.param("The Board approved a grant of 100,000 to the trust.", [gbp("100000", "grant")],
                 id="a-grant-of-no-sign"),
    pytest.param("Allowances amounting to 1,855,578, giving a total of 6,261,589.59.",
                 [gbp("1855578"), gbp("6261589.59", "total")], id="weak-cues-large-sums"),
    pytest.param("The works were let at a cost of 2,500 (ex VAT).", [gbp("2500")], id="at-a-cost-of-2,500-(ex-VAT)"),
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
    pytest.param("The ticket costs 3 dollars 50 cents.", "3 dollars 50 cents", id="dollars-and-cents-one-span"),
    pytest.param("The programme is worth £150\nmillion over ten years.", "£150\nmillion", id="magnitude-next-line"),
    pytest.param("The fund lost - $ 75 million in the crash.", "$ 75 million", id="spaced-dash-left-out"),
    pytest.param("The bond raised hk $ 10.05 billion.", "hk $ 10.05 billion", id="prefix-kept"),
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
    pytest.param("Up to 10 000 residents were surveyed.", id="10-000-residents"),
    pytest.param("A 12-centimetre pipe was laid.", id="12-centimetre"),
    pytest.param("Prices in dollar terms rose 5 percent.", id="dollar-terms"),
    pytest.param("The value of the pound 12 months ago was higher.", id="the-pound-12-months-ago"),
    pytest.param("The pound fell against the dollar 3 times this year.", id="the-dollar-3-times"),
    pytest.param("A total of 1,200 homes were built.", id="a-total-of-1,200-homes"),
    pytest.param("Responses reached a total of 1,200.", id="a-total-of-small-count-weak-cue"),
    pytest.param("The site has a value of 3,500 square metres.", id="a-value-of-area"),
    pytest.param("In the sum of all scores, 12,000 points were given.", id="no-number-after-the-phrase"),
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(facts_of, text: str) -> None:
    assert facts_of(text, "money") == []


# An amount restated in brackets after words or figures is not negative, and accounts brackets still are.
RESTATED = [
    pytest.param("The sum of Twenty Million Dollars ($20,000,000) is payable.", id="Twenty-Million-Dollars"),
    pytest.param("The Council will pay Five Thousand Pounds (£5,000) on completion.", id="Five-Thousand-Pounds"),
    pytest.param("The price is Ten Dollars ($10).", id="Ten-Dollars"),
]


@pytest.mark.parametrize("text", RESTATED)
def test_restated_amount_is_not_negative(facts_of, text: str) -> None:
    amounts = [Decimal(f.value.amount) for f in facts_of(text, "money")]
    assert amounts and all(a > 0 for a in amounts)


# ---------------------------------------------------------------------------------------------
# Table column headers: the scale and currency their cells take
# ---------------------------------------------------------------------------------------------

HEADER_SCALE = [
    pytest.param("Principal Amount £", (Decimal(1), "GBP"), id="Principal-Amount-£"),
    pytest.param("Balance £", (Decimal(1), "GBP"), id="Balance-£"),
    pytest.param("Amount (£)", (Decimal(1), "GBP"), id="Amount-(£)"),
    pytest.param("Value $", (Decimal(1), "USD"), id="Value-$"),
    pytest.param("2024-25 £000", (Decimal(1000), "GBP"), id="£000"),
    pytest.param("Budget £m", (Decimal(1_000_000), "GBP"), id="£m"),
    pytest.param("Notes", None, id="no-symbol"),
    pytest.param("£5,000", None, id="an-amount-is-no-header"),
    pytest.param("£ 5,000", None, id="an-amount-after-a-space-is-no-header"),
]


@pytest.mark.parametrize(("header", "expected"), HEADER_SCALE)
def test_header_scale(header: str, expected: tuple[Decimal, str] | None) -> None:
    assert header_scale(header) == expected


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
