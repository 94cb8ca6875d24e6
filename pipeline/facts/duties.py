"""Legal duties: a sentence that ties a duty, power or responsibility to legislation, with
who holds it ("Luton Borough Council has a legal duty under the Health and Social Care Act
2012 to reduce health inequalities"). Runs after legislation and organisations.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from spacy.tokens import Doc, Span

from pipeline.facts.base import add_candidate, candidate, register_finder, spans, text_of
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data
from pipeline.schema import DutyValue, LegislationValue, OrganisationValue

COMPONENT = "duty_finder"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = pattern_data("duties")
    cue = re.compile(rf"\b(?:{alternation(data['cues'])})\b", re.I)
    generic = re.compile(rf"\b(?:{alternation(data['generic_holders'])})\b", re.I)
    return cue, generic


@cache
def _continuation() -> re.Pattern[str]:
    """A sentence that goes on about the one before: "... replaces Section 45A of the Environmental
    Protection Act 1990. It now requires recycling streams to be collected separately"."""
    return re.compile(rf"\s*(?:{alternation(pattern_data('duties')['continuations'])})\b")


def _duty_sentence(doc: Doc, sentence: Span) -> tuple[Span, list[re.Match[str]]]:
    """The sentence whose duty word a citation's sentence takes: its own, else the next one
    when that goes on about it. No duty word in either: no cues."""
    cue_pattern, _ = _patterns()
    text = text_of(doc)
    cues = list(cue_pattern.finditer(text, sentence.start_char, sentence.end_char))
    if cues or sentence.end >= len(doc):
        return sentence, cues
    following = doc[sentence.end].sent
    if not _continuation().match(text, following.start_char, following.end_char):
        return sentence, []
    return following, list(cue_pattern.finditer(text, following.start_char, following.end_char))


class _Organisations:
    """Organisation mentions in text order, looked up by bisection: scanning every mention for
    every citation grew with the square of the document's length."""

    def __init__(self, orgs: list[tuple[int, int, OrganisationValue]]) -> None:
        self.orgs = orgs
        self.starts = [s for s, _, _ in orgs]
        # The one council named before each mention, or None when none or several are.
        self.sole_council: list[str | None] = []
        names: set[str] = set()
        for _, _, value in orgs:
            self.sole_council.append(next(iter(names)) if len(names) == 1 else None)
            if value.role == "council":
                names.add(value.name)
        self.sole_council.append(next(iter(names)) if len(names) == 1 else None)

    def first_at_or_after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)


def _holder(text: str, sentence: Span, cue_start: int, orgs: _Organisations) -> str | None:
    """Who holds the duty: the organisation or office named nearest before the duty word
    (the subject, as a rule), else the first named after it."""
    _, generic = _patterns()
    first, last = orgs.first_at_or_after(sentence.start_char), orgs.first_at_or_after(sentence.end_char)
    named: list[tuple[int, str]] = [(s, o.name) for s, _, o in orgs.orgs[first:last]]
    # "the Council" is the council the document is about: one named before this sentence
    council = orgs.sole_council[first]
    for m in generic.finditer(text, sentence.start_char, sentence.end_char):
        if any(s <= m.start() < s + len(name) for s, name in named):
            continue
        holder = " ".join(m.group(0).split())
        if holder.lower().endswith(("council", "authority")) and council is not None:
            holder = council
        named.append((m.start(), holder))
    named.sort()
    before = [name for s, name in named if s < cue_start]
    if before:
        return before[-1]
    return named[0][1] if named else None


def _duty_clause(text: str, start: int, end: int) -> str | None:
    m = re.search(r"\bto\s+(?!the\s+\w+\s+Act)([a-z][^.;:]{3,200})", text[start:end])
    return " ".join(m.group(0).split()) if m else None


def find_duties(doc: Doc) -> None:
    orgs: list[tuple[int, int, OrganisationValue]] = []
    for span in spans(doc, "organisations"):
        value = candidate(span).value
        for s, e in candidate(span).detail:
            orgs.append((s, e, value))
    orgs.sort(key=lambda x: x[0])
    by_offset = _Organisations(orgs)
    text = text_of(doc)
    seen: set[tuple[int, str]] = set()
    for leg_span in spans(doc, "legislation"):
        legislation: LegislationValue = candidate(leg_span).value
        sentence, cues = _duty_sentence(doc, leg_span.sent)
        if not cues:
            continue
        key = (sentence.start_char, legislation.citation)
        if key in seen:
            continue
        seen.add(key)
        cue = min(cues, key=lambda c: abs(c.start() - leg_span.start_char))
        holder = _holder(text, sentence, cue.start(), by_offset)
        if holder is None and sentence != leg_span.sent:  # "Any revision must ...": the subject before
            holder = _holder(text, leg_span.sent, leg_span.sent.end_char, by_offset)
        cite = legislation.citation
        if legislation.section:
            cite = f"section {legislation.section} of the {cite}"
        value = DutyValue(legislation=legislation.citation, holder=holder,
                          duty=_duty_clause(text, min(cue.end(), leg_span.end_char), sentence.end_char))
        start, end = min(cue.start(), leg_span.start_char), max(cue.end(), leg_span.end_char)
        add_candidate(doc, "duties", start, end, value, COMPONENT)


register_finder(COMPONENT, find_duties, requires=("doc.spans", "token.is_sent_start"))
