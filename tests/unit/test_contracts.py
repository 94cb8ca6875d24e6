"""Contract records: each row is a text and the records `extract` must link from it, as
(action, provider, value amount, value change, (start, end) or None). The seed article's five
records are pinned exactly; known failures stay in the table as xfail(strict=True)."""

from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.contracts.triggers import sentence_action
from pipeline.schema import ContractRecord
from tests.paths import needs_shared, shared_path


def xfail(*values: object, reason: str, id: str) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def rows(text: str) -> list[tuple[object, ...]]:
    return [_row(c) for c in extract(text).contracts]


def _row(c: ContractRecord) -> tuple[object, ...]:
    return (c.action, c.provider.name if c.provider else None, c.value.amount if c.value else None,
            c.value_change.amount if c.value_change else None, (c.period.start, c.period.end) if c.period else None)


RECORDS = [
    pytest.param("The Cabinet agreed to award the contract for cleaning services to Brightclean Ltd for £450,000 "
                 "from 1 April 2025 to 31 March 2028.",
                 [("award", "Brightclean Ltd", "450000", None, ("2025-04-01", "2028-03-31"))], id="award-value-period"),
    pytest.param("Members approved an extension of the contract with Harbour Care Ltd from 1 April 2025 to "
                 "31 March 2026.", [("extension", "Harbour Care Ltd", None, None, ("2025-04-01", "2026-03-31"))],
                 id="extension-with-a-period"),
    pytest.param("A contract variation was agreed with Kingsmere Housing Ltd and the value was reduced by £20,000 "
                 "to £180,000.", [("variation", "Kingsmere Housing Ltd", "180000", "-20000", None)],
                 id="variation-with-a-change"),
    pytest.param("The contract was awarded to Acme Ltd on 1 April 2024 for a period of three years.",
                 [("award", "Acme Ltd", None, None, ("2024-04-01", "2027-03-31"))], id="start-and-length"),
    pytest.param("Cabinet approved a procurement exercise for a new waste contract with an estimated value of "
                 "£12m.", [("procurement", None, "12000000", None, None)], id="a-planned-procurement-with-a-value"),
    pytest.param("Following an open procurement exercise, the contract was awarded to Oakfield Care Ltd in March.",
                 [("award", "Oakfield Care Ltd", None, None, None)], id="an-award-after-a-procurement"),
    pytest.param("Approved the award of the contract to Blakemore Foodservice Ltd for a duration of a four-year term "
                 "from 1 May 2020 to 30 April 2024 for a total contract value of up to £2.4 million.",
                 [("award", "Blakemore Foodservice Ltd", "2400000", None, ("2020-05-01", "2024-04-30"))],
                 id="a-term-read-twice-is-one-period"),
    pytest.param("The contract was awarded to Acme Ltd in 2019. " + "Members noted the budget tables. " * 40
                 + "The contract was extended from 1 April 2025 to 31 March 2026.",
                 [("award", "Acme Ltd", None, None, None),
                  ("extension", None, None, None, ("2025-04-01", "2026-03-31"))],
                 id="the-only-supplier-far-away-is-not-taken"),
    # --- the decision, then its price in a label line or the next sentence; a tender accepted ---
    pytest.param("The Director approved the award of the contract to Oakvale Groundworks Ltd\nValue: £245,000\n"
                 "Term: 1 April 2025 to 31 March 2027\n",
                 [("award", "Oakvale Groundworks Ltd", "245000", None, ("2025-04-01", "2027-03-31"))],
                 id="a-Value-label-after-the-decision"),
    pytest.param("The Cabinet Member approved the award of the following contract:\nSupplier: Pennine Water Ltd\n"
                 "Value: £310,000\n", [("award", "Pennine Water Ltd", "310000", None, None)],
                 id="supplier-and-value-labels-after-the-decision"),
    pytest.param("Contract awarded to: Northgate Electrical Ltd\nContract value: £80,000\n",
                 [("award", "Northgate Electrical Ltd", "80000", None, None)], id="a-label-on-the-next-line"),
    pytest.param("The tender submitted by Oakvale Groundworks Ltd in the sum of £245,000 be accepted.",
                 [("award", "Oakvale Groundworks Ltd", "245000", None, None)], id="the-tender-be-accepted"),
    pytest.param("The council accepted the lowest tender, from Sandford Interiors Ltd, of £1,250,000.",
                 [("award", "Sandford Interiors Ltd", "1250000", None, None)], id="accepted-the-lowest-tender"),
    # --- the value stated apart from the decision ---
    pytest.param("The services of Pennant Design Ltd have been commissioned to develop the business case.\n\n"
                 "The Director approved the package of works and fees from Pennant Design Ltd:\n\n"
                 "Pennant Design Ltd Preliminary Design Package: £1,250,000. (NB: originally £1,400,000.)",
                 [("award", "Pennant Design Ltd", "1250000", None, None)],
                 id="a-later-line-naming-the-supplier-beside-one-sum"),
    pytest.param("Fenmoor Leisure Trust Limited was appointed after an open procurement exercise. The Council "
                 "pays Fenmoor Leisure Trust Limited a contract sum, £1.25m in 2024/25, which rises each April.",
                 [("award", "Fenmoor Leisure Trust Limited", None, None, None)],
                 id="a-year's-payment-in-a-later-sentence-is-no-contract-value"),
    pytest.param("Cabinet agreed to award the contract for grounds maintenance to Greenway Grounds Ltd from May.\n\n"
                 "Financial implications\n\nThe contract value is £640,000 over three years.",
                 [("award", "Greenway Grounds Ltd", "640000", None, None)],
                 id="the-one-contract-value-of-a-one-contract-page"),
    pytest.param("Cabinet agreed to award the contract for grounds maintenance to Greenway Grounds Ltd from May.\n\n"
                 "The contract value of the current contract with Oldfield Estates Ltd is £500,000.",
                 [("award", "Greenway Grounds Ltd", None, None, None)],
                 id="a-contract-value-beside-another-supplier-is-not-taken"),
    # --- an award said in other words ---
    pytest.param("That approval is given to award the above contract to Heywood Scaffolding Services.",
                 [("award", "Heywood Scaffolding Services", None, None, None)], id="award-the-above-contract"),
    pytest.param("The Cabinet agreed to accept the bid from Botes Building Ltd as measured term contractor.",
                 [("award", "Botes Building Ltd", None, None, None)], id="accept-the-bid-from"),
    pytest.param("The Cabinet agreed to accept Springrove PM plc as back up contractor.",
                 [("award", "Springrove PM plc", None, None, None)], id="accept-X-as-back-up-contractor"),
    pytest.param("Decision: That the Council enters into a contract with Riverside Recovery to deliver substance "
                 "misuse services from 1 April 2025 for three years with a value of £2.1m.",
                 [("award", "Riverside Recovery", "2100000", None, ("2025-04-01", "2028-03-31"))],
                 id="enters-into-a-contract-with"),
    pytest.param("Decision:\n\nTo award the contract for cleaning services to Sparkle Clean Ltd.\n\nThe contract will "
                 "run for three years from 1 February 2019.\n\nThe total contract value is £150,000.\n\nLead officer: "
                 "Jane Doe\n\nDecision:\n\nTo note the report.\n\nThe contract value is £9,000.",
                 [("award", "Sparkle Clean Ltd", "150000", None, ("2019-02-01", "2022-01-31"))],
                 id="term-then-value-in-the-sentences-after-a-decision"),
    pytest.param("To award the contract to Sparkle Clean Ltd.\n\nLead officer: Jane Doe\n\nThe contract value is "
                 "£9,000.\n\nTo award the contract to Brightway Coaches Ltd for £5,000.",
                 [("award", "Sparkle Clean Ltd", None, None, None),
                  ("award", "Brightway Coaches Ltd", "5000", None, None)],
                 id="a-label-line-ends-the-decision"),
    pytest.param("The Cabinet approved the appointment of Turner & Townsend as cost consultants.",
                 [("award", "Turner & Townsend", None, None, None)], id="approved-the-appointment-of-X"),
    pytest.param("A contract has been let to Northgate Public Services for the revenues system.",
                 [("award", "Northgate Public Services", None, None, None)], id="a-contract-has-been-let-to-X"),
    pytest.param("Decision: To award a grant of £5,000 to Age UK Lancashire.", [], id="a-grant-is-no-contract"),
    pytest.param("1.2 Approved the awarding of a contract to Healthmatic for the provision of toilets for the "
                 "tendered sum of £90,000.", [("award", "Healthmatic", "90000", None, None)],
                 id="the-awarding-of-a-contract"),
    pytest.param("KCC has secured a new two-year textiles recycling contract with Sait Recycling Ltd.",
                 [("award", "Sait Recycling Ltd", None, None, None)], id="secured-a-contract-with-X"),
    pytest.param("The zero-cost contract with Acme Ltd was due to be extended for 12 months.",
                 [("extension", "Acme Ltd", None, None, None)], id="a-contract-due-to-be-extended"),
    pytest.param("RESOLVED – the extension to the on-farm composting contract with J & F Powner Ltd to March 2017 "
                 "be approved.", [("extension", "J & F Powner Ltd", None, None, None)],
                 id="the-extension-to-the-composting-contract"),
    pytest.param("Royal Mail Post Contract Extension\n\n" + "Decision maker: the Director of Resources. " * 12 +
                 "\n\nThe contract was extended with Royal Mail from 1 April 2024 to 31 March 2025.",
                 [("extension", "Royal Mail", None, None, ("2024-04-01", "2025-03-31"))],
                 id="a-bare-heading-and-its-decision-far-apart-are-one-record"),
    pytest.param("The contract was awarded to Acme Ltd for £40,000. " + "Officers noted the report. " * 20 +
                 "A second contract was awarded to Acme Ltd for £12,000.",
                 [("award", "Acme Ltd", "40000", None, None), ("award", "Acme Ltd", "12000", None, None)],
                 id="two-priced-awards-to-one-supplier-stay-two"),
    pytest.param("Approval was given to vary the contract with Ashgrove Ltd to increase its value from £500,000 to "
                 "£650,000.", [("variation", "Ashgrove Ltd", "650000", None, None)], id="a-value-from-A-to-B-is-B"),
    pytest.param("The contract with Meadow Care Ltd will be terminated with effect from 30 June 2025.",
                 [("termination", "Meadow Care Ltd", None, None, None)], id="the-contract-with-X-will-be-terminated"),
    pytest.param("Award of contract for street lighting maintenance to Lumen Ltd. Value: £1,250,000. Term: 1 May "
                 "2025 to 30 April 2029.", [("award", "Lumen Ltd", "1250000", None, ("2025-05-01", "2029-04-30"))],
                 id="value-and-term-labels-after-the-decision"),
    # --- one act of several contracts, their suppliers listed: a record each ---
    pytest.param("Approval to the terms of waste contract extensions terminating 31st March 2024 with Biffa, FCC and "
                 "Mid UK.",
                 [("extension", "Biffa", None, None, None), ("extension", "FCC Environment", None, None, None),
                  ("extension", "Mid UK", None, None, None)], id="contract-extensions-with-A-B-and-C"),
    pytest.param("The Cabinet awarded the contract to Acme Ltd and noted the work of Brightpath Ltd for £20,000.",
                 [("award", "Acme Ltd", "20000", None, None)], id="one-contract-two-names-one-record"),
    pytest.param("To give permission to undertake a procurement exercise for highway materials. The new contract "
                 "will be for a 3-year term with a maximum value of £3.95m.",
                 [("procurement", None, "3950000", None, None)], id="permission-to-procure-is-a-planned-procurement"),
    pytest.param("106 Award of 3-Year Contract for Cleaning of Public Toilets\n\nTo consider the report.\n\n"
                 "The Head of Assets presented the report on the Award of a 3 Year Contract for Cleaning of Public "
                 "Toilets.\n\n" + "Members asked questions about the opening hours and the answers were noted. " * 11
                 + "\n\nIt was agreed that a three-year contract for the cleaning of public toilets be awarded to "
                 "Monitor Clean Ltd.",
                 [("award", "Monitor Clean Ltd", None, None, None)],
                 id="an-act-told-without-and-then-with-its-supplier-is-one-record"),
    pytest.param("Grant authority to enter into a contract with Harbour Homes Ltd for a 15 year term.",
                 [("award", "Harbour Homes Ltd", None, None, None)], id="grant-authority-is-a-verb-not-a-grant"),
    pytest.param("Decision details\n\nParkway Leisure Ltd Contract Variation\n\nDecision Maker: Cabinet\n\nThe "
                 "Portfolio Holder presented the report, which gave an update on Parkway Leisure Ltd Contract "
                 "Variation.\n\nIt was RESOLVED that:\n\na) a variation of the Parkway Leisure Contract to extend the "
                 "contract to 31 July 2030 be approved;",
                 [("variation", "Parkway Leisure Ltd", None, None, None),
                  ("extension", "Parkway Leisure Ltd", None, None, None)], id="a-variation-told-twice-is-one-record"),
    pytest.param("1. Extend the Council's current substance misuse contract with Northshire Recovery Ltd for a final "
                 "twelve months, from 1 April 2025 to 31 March 2026.",
                 [("extension", "Northshire Recovery Ltd", None, None, ("2025-04-01", "2026-03-31"))],
                 id="extend-the-council's-current-contract-with-X-for"),
    pytest.param("Approve the procurement of and award of contract for the supported housing service for 10 years, "
                 "at a total maximum cost of £9,222,266.", [("procurement", None, "9222266", None, None)],
                 id="procurement-of-and-award-of-is-planned"),
    pytest.param("The Sub-Committee agreed to accept the lowest tender, being that submitted by Glenmoor Limited in "
                 "the amount of £252,583.48.", [("award", "Glenmoor Limited", "252583.48", None, None)],
                 id="the-tender-that-submitted-by-X"),
    pytest.param("The Director approves the commissioning of the supply of heating materials for 4 years with an "
                 "estimated value of £24m.", [("procurement", None, "24000000", None, None)],
                 id="commissioning-of-a-supply-is-planned"),
    pytest.param("1. Cabinet awards Harbourside Homes a 4-year contract for supported accommodation at £1,616,290.28"
                 "\n\n2. Cabinet awards Calder Enterprise a 4-year contract for floating support at £2,221,080.72",
                 [("award", "Harbourside Homes", "1616290.28", None, None),
                  ("award", "Calder Enterprise", "2221080.72", None, None)], id="awards-X-a-contract-at-a-sum"),
    pytest.param("Purpose: details of forthcoming works contract awards that will have a contract value above £2.5m.",
                 [], id="contract-awards-that-will-have-is-no-award"),
    pytest.param("A quotation has been received from Marlow Surfacing Ltd. to value of £20,676.00.\n\nDecision "
                 "Maker: Officer Decision\n\nDecision published: 20/11/2018\n\nEffective from: 08/11/2018\n\n"
                 "Decision:\n\nTo place the order with Marlow Surfacing Ltd.",
                 [("award", "Marlow Surfacing Ltd.", "20676", None, None)],
                 id="a-quotation-then-label-lines-then-the-order"),
    pytest.param("That the contract be offered to market at an estimated contract value of £3.5m per annum for a "
                 "term of three years.", [("procurement", None, "3500000", None, None)],
                 id="offered-to-market-is-a-planned-procurement"),
    # --- no record ---
    pytest.param("Cabinet noted the plan to procure a new highways contract next year.", [],
                 id="a-procurement-without-a-value"),
    pytest.param("Officers seek permission to award the contract to Acme Ltd for £40,000.", [],
                 id="permission-to-award-is-no-award"),
    pytest.param("The contract will have a mechanism to vary the contract value in year.", [],
                 id="a-mechanism-to-vary-is-no-variation"),
    pytest.param("Subject: contract extension and re-procurement", [], id="a-heading-is-no-record"),
    pytest.param("5.2 Extend the current contract with Harbour Care Ltd by a further five years. Rejected: not "
                 "permitted.", [], id="a-rejected-option"),
    pytest.param("The budget for 2025/26 is £1.2m and the grant is £300,000.", [], id="money-without-an-action"),
    pytest.param("No more than a third of the grant fund will be awarded to Harbour Advice Ltd in 2025/26.", [],
                 id="a-grant-fund-awarded-is-no-contract"),
    pytest.param("The Council awarded a capital grant to Harbour Trust Ltd for £40,000.", [],
                 id="a-grant-awarded-is-no-contract"),
    pytest.param("That authority be delegated to the Service Director Highways and Streetscene to award contracts "
                 "for 35 vehicles within the £2.5m allocation.", [], id="authority-delegated-to-award-is-to-come"),
    pytest.param("Decision: to appoint Jane Holloway as Acting Director of Place at a day rate of £900, through "
                 "Hays Recruitment Ltd.", [], id="a-person-appointed-to-a-post-is-no-contract"),
]


@pytest.mark.parametrize(("text", "expected"), RECORDS)
def test_records(text: str, expected: list[tuple[object, ...]]) -> None:
    assert rows(text) == expected


def test_a_summary_after_the_decision_gives_the_value_and_term() -> None:
    text = ("Decision:\n\nThe Cabinet Member agreed to award the contract for the support service to Safer Futures "
            "CIC.\n\nSummary of the contract:\n\n• Provider: Safer Futures CIC\n\n• Initial term: 1 July 2025 to "
            "30 June 2028\n\n• Annual value: £780,000\n\n• Total value of the initial term: £2,340,000\n")
    assert rows(text) == [("award", "Safer Futures CIC", "2340000", None, ("2025-07-01", "2028-06-30"))]


def test_every_record_points_at_facts_of_its_document() -> None:
    result = extract("The Cabinet agreed to award the contract to Brightclean Ltd for £450,000 from 1 April 2025 "
                     "to 31 March 2028. Brightclean Ltd will start in April.")
    [record] = result.contracts
    ids = {f.id for f in result.facts}
    assert set(record.evidence.fact_ids) <= ids and record.provider and record.provider.fact_id in ids
    assert record.evidence.sentences[0].startswith("The Cabinet agreed")
    assert result.contracts == extract(result.to_json() and
                                       "The Cabinet agreed to award the contract to Brightclean Ltd for £450,000 "
                                       "from 1 April 2025 to 31 March 2028. Brightclean Ltd will start in "
                                       "April.").contracts  # the same text, the same records and ids


@pytest.mark.parametrize(("sentence", "action"), [
    ("The contract was awarded to Acme Ltd.", "award"),
    ("An extension of the contract was approved.", "extension"),
    ("The council agreed to terminate the contract early.", "termination"),
    ("A contract variation was secured.", "variation"),
    ("The council will go out to tender.", "procurement"),
    ("The council may extend the contract.", None),
])
def test_sentence_actions(sentence: str, action: str | None) -> None:
    found = sentence_action(sentence, 0, len(sentence))
    assert (found.action if found else None) == action


@needs_shared("seed")
def test_the_seed_gives_exactly_its_five_records() -> None:
    result = extract(shared_path("seed", "luton-drug-alcohol-contract.txt"))
    assert sorted(rows_of(result), key=repr) == sorted([
        ("award", "Change Grow Live", None, None, ("2017-04-01", "2022-03-31")),
        ("extension", "Change Grow Live", None, None, ("2022-04-01", "2024-03-31")),
        ("variation", "Change Grow Live", "3629500", "-168000", None),
        ("award", "Change Grow Live", None, None, ("2024-04-01", "2025-03-31")),
        ("award", "Change Grow Live", "3632475", None, None),
    ], key=repr)


def rows_of(result: object) -> list[tuple[object, ...]]:
    return [_row(c) for c in result.contracts]  # type: ignore[attr-defined]
