"""Legislation: title (with "Act"/"Regulations"), year, kind, section and legislation.gov.uk id.

CITATIONS rows go through `find_citations(text)`: every citation in the text, in text order,
as (title, year, kind, section, legislation_id). Known failures stay in the tables marked
xfail(strict=True).
"""

from __future__ import annotations

import pytest

from pipeline.facts.legislation import find_citations


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


HSCA_2012 = ("Health and Social Care Act", 2012, "act", None, "ukpga/2012/7")
PCR_2015 = ("Public Contracts Regulations", 2015, "statutory_instrument", None, "uksi/2015/102")


def with_section(citation: tuple, section: str) -> tuple:
    title, year, kind, _, legislation_id = citation
    return (title, year, kind, section, legislation_id)


CITATIONS = [
    # --- the table ---
    pytest.param("Luton Borough Council has a legal duty under the Health and Social Care Act 2012 to "
                 "reduce health inequalities.", [HSCA_2012], id="legal-duty-under-HSCA-2012"),
    pytest.param("Under the Health and Social Care Act 2012, West Northamptonshire Council has a legal "
                 "responsibility to improve the health of its population.", [HSCA_2012],
                 id="Under-the-HSCA-2012-sentence-opening"),
    pytest.param("The Chief Finance Officer must report under section 25 of the Local Government Act 2003 "
                 "on the robustness of the estimates.",
                 [("Local Government Act", 2003, "act", "25", "ukpga/2003/26")], id="section-25-LGA-2003"),
    pytest.param("The Health and Social Care Act 2012 moved public health to councils. The 2012 Act also "
                 "created new health scrutiny powers.", [HSCA_2012, HSCA_2012], id="the-2012-Act-resolved"),
    pytest.param("The procurement was run under the Public Contracts Regulations 2015.", [PCR_2015],
                 id="Public-Contracts-Regulations-2015"),
    # --- real-world variants ---
    pytest.param("The procurement was run under the Public Contract Regulations 2015.", [PCR_2015],
                 id="a-title-written-without-its-plural"),
    pytest.param("The Chief Finance Officer reports under section 151 of the Local Government Act 1972.",
                 [("Local Government Act", 1972, "act", "151", "ukpga/1972/70")], id="section-151-LGA-1972"),
    pytest.param("The Chief Finance Officer's report under s.25 of the Local Government Act 2003 is "
                 "attached.",
                 [("Local Government Act", 2003, "act", "25", "ukpga/2003/26")], id="s.25"),
    pytest.param("A notice under section 114(3) of the Local Government Finance Act 1988 was issued.",
                 [("Local Government Finance Act", 1988, "act", "114(3)", "ukpga/1988/41")],
                 id="section-114(3)"),
    pytest.param("The variation is permitted by Regulation 72 of the Public Contracts Regulations 2015.",
                 [with_section(PCR_2015, "72")], id="Regulation-72-PCR-2015"),
    pytest.param("The Children Act 1989 places duties on the Council.",
                 [("Children Act", 1989, "act", None, "ukpga/1989/41")], id="Children-Act-1989"),
    pytest.param("The award follows the Health Care Services (Provider Selection Regime) Regulations 2023.",
                 [("Health Care Services (Provider Selection Regime) Regulations", 2023,
                   "statutory_instrument", None, "uksi/2023/1348")], id="PSR-2023-bracketed-title"),
    pytest.param("As employer, the trust holds the duties under the Health and Safety at Work etc. Act 1974.",
                 [("Health and Safety at Work etc. Act", 1974, "act", None, "ukpga/1974/37")],
                 id="Health-and-Safety-at-Work-etc.-Act-1974"),
    pytest.param("Requests are handled under the Freedom of Information Act 2000 and the Data Protection "
                 "Act 2018.", [("Freedom of Information Act", 2000, "act", None, "ukpga/2000/36"),
                               ("Data Protection Act", 2018, "act", None, "ukpga/2018/12")], id="two-Acts"),
    pytest.param("The Public Contracts Regulations 2015 apply. The 2015 Regulations allow a direct award.",
                 [PCR_2015, PCR_2015], id="the-2015-Regulations-resolved"),
    pytest.param("The Care Act 2014 sets the duties. The Care Act also covers carers.",
                 [("Care Act", 2014, "act", None, "ukpga/2014/23")] * 2, id="title-without-year-resolved"),
    pytest.param("The Levelling-up and Regeneration Act 2023 changes plan making.",
                 [("Levelling-up and Regeneration Act", 2023, "act", None, "ukpga/2023/55")],
                 id="hyphenated-title"),
    pytest.param("Under the Local Government (Contracts) Act 1997 the Council may certify contracts.",
                 [("Local Government (Contracts) Act", 1997, "act", None, "ukpga/1997/65")],
                 id="bracketed-Act-title"),
    pytest.param("Planning permission is needed under the Town and Country Planning Act 1990.",
                 [("Town and Country Planning Act", 1990, "act", None, "ukpga/1990/8")], id="TCPA-1990"),
    pytest.param("The general power of competence in the Localism Act 2011 is relied on.",
                 [("Localism Act", 2011, "act", None, "ukpga/2011/20")], id="Localism-Act-2011"),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS)
def test_find_citations(text: str, expected: list[tuple]) -> None:
    found = [(c.value.title, c.value.year, c.value.kind, c.value.section, c.value.legislation_id)
             for c in find_citations(text)]
    assert found == expected


def test_citation_is_title_and_year() -> None:
    [citation] = find_citations("The procurement was run under the Public Contracts Regulations 2015.")
    assert citation.value.citation == "Public Contracts Regulations 2015"


NOT_CITATIONS = [
    pytest.param("The Action Plan 2024 sets out the next steps.", id="Action-Plan-2024"),
    pytest.param("The Act requires the Council to consult.", id="the-Act-alone"),
    pytest.param("Act 2012", id="Act-2012"),
    pytest.param("In line with the Care Act the Council assesses needs.", id="title-without-any-year"),
    pytest.param("The 2012 Act changed the way services are commissioned.", id="the-2012-Act-with-nothing-earlier"),
    pytest.param("Page 3 of 12", id="page-number"),
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert find_citations(text) == []


# ---------------------------------------------------------------------------------------------
# extract(text): legislation facts
# ---------------------------------------------------------------------------------------------

def test_the_2012_act_is_resolved_to_the_earlier_full_citation(facts_of) -> None:
    text = ("The Health and Social Care Act 2012 moved public health to councils. The 2012 Act also "
            "created new health scrutiny powers.")
    found = facts_of(text, "legislation")
    assert [f.text for f in found] == ["Health and Social Care Act 2012", "2012 Act"]
    assert {f.value.citation for f in found} == {"Health and Social Care Act 2012"}
    assert {f.value.legislation_id for f in found} == {"ukpga/2012/7"}


def test_section_is_kept_on_the_fact(facts_of) -> None:
    text = "Under section 25 of the Local Government Act 2003 the Chief Finance Officer must report."
    [fact] = facts_of(text, "legislation")
    assert (fact.value.title, fact.value.year, fact.value.section, fact.value.legislation_id) == (
        "Local Government Act", 2003, "25", "ukpga/2003/26")
    assert fact.text == "Local Government Act 2003"
