"""Legislation: Acts and statutory instruments cited in the text ("section 25 of the Local
Government Act 2003", "Public Contracts Regulations 2015", "the 2012 Act"), checked against
the gazetteer of titles under models/gazetteers/legislation.csv for their legislation.gov.uk id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from pipeline.facts.base import add_candidate, register_finder, text_of
from pipeline.facts.scanning import finditer_within, stretches
from pipeline.resources import gazetteer
from pipeline.schema import LegislationValue

COMPONENT = "legislation_finder"

_WORD = r"[A-Z][\w'’-]*"
_CONNECTOR = r"(?:and|of|for|the|at|on|in|to|with|by|from|under|etc\.?|&)"
# "(Meetings and Access to Information)", "(England)", "(No. 2)"
_PAREN = r"\((?:[A-Z][\w'’,&\s-]*|No\.\s?\d+)\)"
_CITATION = re.compile(
    rf"(?P<title>{_WORD}(?:(?:\s+|,\s+)(?:{_WORD}|{_CONNECTOR}|{_PAREN}))*?)\s+"
    # "Public Order Act": a keyword followed by "Act" is part of the title
    rf"(?P<kind>Act|Regulations(?:\s+and\s+General\s+Directions)?|Order|Rules)(?![\w-])(?!\s+Act\b)"
    rf"(?:\s*\(?(?P<year>(?:18|19|20)\d{{2}})\)?(?!\d))?"
)
# "Civil Contingencies Act 2004 (Contingency Planning) Regulations 2005": an instrument
# named after its parent Act.
_INSTRUMENT_OF_ACT = re.compile(
    r"\s+(?:\((?:[^()]|\([^()]*\))*\)\s+)+(?P<kind>Regulations|Order|Rules)(?:\s+and\s+General\s+Directions)?"
    r"\s+\(?(?P<year>(?:19|20)\d{2})\)?(?!\d)"
)
# "the 1972 Local Government Act": the year first, taken only for titles the gazetteer knows
_YEAR_FIRST = re.compile(
    rf"\b(?P<year>(?:18|19|20)\d{{2}})\s+(?P<title>{_WORD}(?:\s+(?:{_WORD}|{_CONNECTOR}))*?)\s+"
    rf"(?P<kind>Act|Regulations|Order|Rules)\b"
)
_SHORT_REFERENCE = re.compile(r"\b[Tt]he\s+(?P<year>(?:18|19|20)\d{2})\s+(?P<kind>Act|Regulations|Order)\b")
# What every citation holds, and the characters none holds: the citation patterns open with
# any capital (or year), and are sought only in the stretches between such characters that hold a kind.
_KIND = re.compile(r"Act|Regulations|Order|Rules")
_NOT_IN_CITATION = re.compile(r"[^\w\s'’\-,.&()]")
_SECTION_BEFORE = re.compile(
    r"(?:sections?|s\.|ss\.|regulations?|reg\.|paragraphs?|para\.|schedules?|part)\s*"
    r"(?P<section>\d+[A-Z]?(?:\s?\(\w{1,4}\))*)\s*(?:of\s+)?(?:the\s+)?$",
    re.I,
)
# Capitalised words that open a sentence or a phrase rather than a title.
_LEADING = {
    "under", "the", "in", "by", "section", "sections", "part", "schedule", "paragraph", "regulation",
    "see", "as", "of", "and", "whereas", "pursuant", "per", "this", "that", "these", "also", "both",
    "its", "their", "our", "following", "within", "through", "with", "from", "to", "for", "on",
    "at", "a", "an", "any", "each", "all", "new", "current", "existing", "relevant", "s", "ss",
    "where", "when", "if", "it", "such", "amended", "amendments", "including", "namely",
}


@dataclass(frozen=True)
class Known:
    title: str
    year: int
    kind: str
    legislation_id: str | None


def fold_title(title: str) -> str:
    """
    >>> fold_title("Levelling Up and Regeneration"), fold_title("Levelling-up and Regeneration")
    ('levelling up and regeneration', 'levelling up and regeneration')
    """
    title = title.lower().replace("’", "'").replace("&", "and")
    return " ".join(re.sub(r"[^\w']+", " ", title).replace("'", "").split())


def title_key(title: str) -> str:
    """The folded title with each word's plural "s" dropped, to look a title up by: texts write
    "Public Contract Regulations" for the Public Contracts Regulations 2015.

    >>> title_key("Public Contract Regulations") == title_key("Public Contracts Regulations")
    True
    """
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in fold_title(title).split())


@cache
def known_legislation() -> dict[tuple[str, int], Known]:
    table: dict[tuple[str, int], Known] = {}
    for row in gazetteer("legislation"):
        kind = "act" if row["type"] == "act" else "statutory_instrument"
        known = Known(row["title"], int(row["year"]), kind, row.get("legislation_id") or None)
        table[(title_key(row["title"]), known.year)] = known
    return table


@cache
def known_titles() -> frozenset[str]:
    return frozenset(title for title, _ in known_legislation())


def clean_title(raw: str, keyword: str = "Act") -> str | None:
    """The title within a run of capitalised words before "Act" (or "Regulations"...): the
    longest known suffix, else the run without its leading sentence words.

    >>> clean_title("Under the Health and Social Care")
    'Health and Social Care'
    >>> clean_title("Since Children")
    'Children'
    >>> clean_title("The") is None
    True
    """
    words = raw.split()
    for i in range(len(words)):
        if title_key(" ".join([*words[i:], keyword])) in known_titles():
            return " ".join(words[i:]).strip(" ,")
    while words and (words[0].lower().strip(",") in _LEADING or not words[0][:1].isupper()):
        words.pop(0)
    title = " ".join(words).strip(" ,")
    return title or None


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    value: LegislationValue


def find_citations(text: str) -> list[Citation]:
    """
    >>> [c.value.citation for c in find_citations("under the Care Act 2014. The 2014 Act says")]
    ['Care Act 2014', 'Care Act 2014']
    >>> [c.value.citation for c in find_citations("created by the 1972 Local Government Act, and the 2014 Care Act")]
    ['Local Government Act 1972', 'Care Act 2014']
    """
    found: list[Citation] = []
    where = stretches(_KIND, _NOT_IN_CITATION, text)
    for m in finditer_within(_CITATION, text, where):
        keyword = m.group("kind")
        title_words = clean_title(m.group("title"), keyword)
        if title_words is None:
            continue
        title = f"{title_words} {keyword}"
        year = int(m.group("year")) if m.group("year") else None
        end = m.end()
        instrument = _INSTRUMENT_OF_ACT.match(text, end) if keyword == "Act" and year else None
        if instrument:
            keyword = instrument.group("kind")
            title = f"{title} {year}{text[end:instrument.start('year')].rstrip(' (')}"
            title = " ".join(title.split())
            year, end = int(instrument.group("year")), instrument.end()
        start = m.start("title") + m.group("title").rfind(title_words)
        section = _SECTION_BEFORE.search(text[max(0, start - 40):start])
        found.append(Citation(start, end, _value(title, year, keyword, section)))
    for m in finditer_within(_YEAR_FIRST, text, where):
        title, year = f"{m.group('title')} {m.group('kind')}", int(m.group("year"))
        overlapping = [c for c in found if c.start < m.end() and m.start() < c.end]
        if (title_key(title), year) in known_legislation() and all(c.value.year is None for c in overlapping):
            found = [c for c in found if c not in overlapping]
            found.append(Citation(m.start(), m.end(), _value(title, year, m.group("kind"), None)))
    found = _resolve_years(found)
    for m in finditer_within(_SHORT_REFERENCE, text, where):
        earlier = [c for c in found if c.value.year == int(m.group("year")) and c.start < m.start()
                   and c.value.title.endswith(m.group("kind"))]
        if earlier:
            found.append(Citation(m.start() + 4, m.end(), earlier[-1].value.model_copy(update={"section": None})))
    return sorted(found, key=lambda c: c.start)


def _value(title: str, year: int | None, keyword: str, section: re.Match[str] | None) -> LegislationValue:
    kind = "act" if keyword == "Act" else "statutory_instrument"
    known = known_legislation().get((title_key(title), year)) if year else None
    if known:
        title, kind = known.title, known.kind
    return LegislationValue(
        title=title, year=year, kind=kind,  # type: ignore[arg-type]
        section=" ".join(section.group("section").split()) if section else None,
        legislation_id=known.legislation_id if known else None,
        citation=f"{title} {year}" if year else title,
    )


def _resolve_years(found: list[Citation]) -> list[Citation]:
    """A title cited without its year takes the year it has elsewhere in the document, or goes."""
    years: dict[str, int] = {}
    for c in found:
        if c.value.year is not None:
            years.setdefault(fold_title(c.value.title), c.value.year)
    resolved = []
    for c in found:
        if c.value.year is None:
            year = years.get(fold_title(c.value.title))
            if year is None:
                continue
            keyword = c.value.title.rsplit(" ", 1)[-1]
            value = _value(c.value.title, year, keyword, None).model_copy(update={"section": c.value.section})
            c = Citation(c.start, c.end, value)
        resolved.append(c)
    return resolved


def find_legislation(doc: Doc) -> None:
    for citation in find_citations(text_of(doc)):
        add_candidate(doc, "legislation", citation.start, citation.end, citation.value, COMPONENT)


register_finder(COMPONENT, find_legislation)
