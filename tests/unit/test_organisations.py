"""Organisations: one fact per organisation, with its name, aliases (the other surface forms)
and role (provider, council, other).

Each row of ORGANISATIONS is a text and the organisations `extract` must give for it, in text
order, as (name, role, aliases the fact must include). Names and roles are compared exactly,
aliases as "at least these". Known failures stay in the table marked xfail(strict=True).
"""

from __future__ import annotations

import pytest


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


ORGANISATIONS = [
    # --- the table ---
    pytest.param("In 2017 the Council entered into an arrangement with ResoLUTiONs Change Grow Live (CGL) "
                 "to deliver drug and alcohol services. CGL has since expanded the outreach team.",
                 [("Change Grow Live", "provider", {"CGL", "ResoLUTiONs Change Grow Live (CGL)"})],
                 id="ResoLUTiONs-Change-Grow-Live-(CGL)-then-CGL"),
    pytest.param("The contract is held by Change, Grow, Live Services Limited.",
                 [("Change Grow Live", "provider", {"Change, Grow, Live Services Limited"})],
                 id="Change,-Grow,-Live-Services-Limited"),
    pytest.param("This report is presented to Luton Borough Council (LBC). LBC commissions the service.",
                 [("Luton Borough Council", "council", {"LBC"})], id="Luton-Borough-Council-(LBC)"),
    pytest.param("Funding for the pilot comes from the Department for Education.",
                 [("Department for Education", "other", set())], id="government-department-is-other"),
    pytest.param("The Office for Health Improvement and Disparities (OHID) publishes the profiles.",
                 [("Office for Health Improvement and Disparities", "other", {"OHID"})],
                 id="OHID-is-other"),
    # --- real-world variants ---
    pytest.param("The Care Quality Commission rated the home Good in 2024.",
                 [("Care Quality Commission", "other", set())], id="CQC-is-other"),
    pytest.param("NHS England will fund the first year of the pilot.",
                 [("NHS England", "other", set())], id="NHS-England-is-other"),
    pytest.param("A grant of £186,000 was received from Sport England.",
                 [("Sport England", "other", set())], id="Sport-England-is-other"),
    pytest.param("Further guidance from HM Treasury was issued in May.",
                 [("HM Treasury", "other", set())], id="HM-Treasury-is-other"),
    pytest.param("Kent County Council and the Royal Borough of Greenwich signed the agreement.",
                 [("Kent County Council", "council", set()), ("Royal Borough of Greenwich", "council", set())],
                 id="two-councils"),
    pytest.param("The London Borough of Camden consulted residents on the scheme.",
                 [("London Borough of Camden", "council", set())], id="London-Borough-of-Camden"),
    pytest.param("West Northamptonshire Council will decide in March.",
                 [("West Northamptonshire Council", "council", set())], id="West-Northamptonshire-Council"),
    pytest.param("Kent County Council (KCC) leads the partnership. KCC will host the board.",
                 [("Kent County Council", "council", {"KCC"})], id="Kent-County-Council-(KCC)"),
    pytest.param("Luton Borough Council commissions the service. Luton Council will review it in 2026.",
                 [("Luton Borough Council", "council", {"Luton Council"})], id="Luton-Council-same-council"),
    pytest.param("The contract was awarded to Brightpath Care Ltd following a tender.",
                 [("Brightpath Care Ltd", "provider", set())], id="awarded-to-a-Ltd"),
    pytest.param("The Council has awarded the contract to Everyone Active.",
                 [("Everyone Active", "provider", set())], id="awarded-to-a-name"),
    pytest.param("The Council has appointed Fenmoor Leisure Trust Limited as operator.",
                 [("Fenmoor Leisure Trust Limited", "provider", set())], id="appointed-Limited"),
    pytest.param("Services are commissioned jointly with NHS Kent and Medway Integrated Care Board.",
                 [("NHS Kent and Medway Integrated Care Board", "other", set())], id="ICB-is-other"),
    pytest.param("City of York Council approved the plan in July.",
          [("City of York Council", "council", set())],
          id="City-of-York-Council"),
    pytest.param("The Ministry of Housing, Communities and Local Government (MHCLG) issued guidance.",
          [("Ministry of Housing, Communities and Local Government", "other", {"MHCLG"})],
          id="MHCLG-name-keeps-its-comma"),
    pytest.param("Guidance from the Department of Health and Social Care and Public Health England (PHE) was "
          "followed.",
          [("Department of Health and Social Care", "other", set()),
           ("Public Health England", "other", {"PHE"})],
          id="DHSC-and-PHE-are-two-bodies"),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS)
def test_organisations(facts_of, text: str, expected: list[tuple]) -> None:
    found = facts_of(text, "organisation")
    assert [(f.value.name, f.value.role) for f in found] == [(name, role) for name, role, _ in expected]
    for fact, (_, _, aliases) in zip(found, expected, strict=True):
        assert aliases <= set(fact.value.aliases)


def test_later_acronym_is_a_mention_of_the_same_organisation(facts_of) -> None:
    text = ("In 2017 the Council entered into an arrangement with ResoLUTiONs Change Grow Live (CGL) to "
            "deliver drug and alcohol services. CGL has since expanded the outreach team.")
    [org] = facts_of(text, "organisation")
    later = text.rindex("CGL")
    assert (later, later + 3) in [(m.start, m.end) for m in org.mentions]


NOT_ORGANISATIONS = [
    pytest.param("Bidder A scored highest in the quality evaluation.", id="Bidder-A"),
    pytest.param("Both Bidder A and Bidder B submitted compliant tenders.", id="Bidder-A-and-Bidder-B"),
    pytest.param("The Council agreed the recommendation.", id="the-Council-alone"),
    pytest.param("Thanks are due to the Council and the Cabinet.", id="the-Council-and-the-Cabinet"),
    pytest.param("Page 3 of 12", id="page-number"),
    pytest.param("The contract was awarded to Bidder A.",
          id="awarded-to-Bidder-A"),
]


@pytest.mark.parametrize("text", NOT_ORGANISATIONS)
def test_not_organisations(facts_of, text: str) -> None:
    assert facts_of(text, "organisation") == []
