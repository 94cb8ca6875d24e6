"""What every fact component shares: where candidates live on the Doc, and how to add one.

A component writes candidate spans to `doc.spans[<group>]`, labelled with the group; each
span's normalised value, exact offsets and component sit in a Candidate on the Doc.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.document import Document
from pipeline.facts.scanning import alternation

GROUPS = (
    "money", "dates", "periods", "durations", "organisations", "legislation", "duties",
    "percentages",
)

if not Doc.has_extension("document"):
    Doc.set_extension("document", default=None)
if not Doc.has_extension("reference_date"):
    Doc.set_extension("reference_date", default=None)
if not Doc.has_extension("candidates"):
    Doc.set_extension("candidates", default=None)
if not Doc.has_extension("text_cache"):
    Doc.set_extension("text_cache", default=None)


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy's `Doc.text` joins every token again on each call."""
    cached: str | None = doc._.text_cache
    if cached is None:
        cached = doc._.text_cache = doc.text
    return cached


@dataclass(frozen=True)
class Candidate:
    value: Any
    component: str
    start: int  # exact character offsets; the span itself is widened to whole tokens
    end: int
    detail: Any = None  # what later components need beyond the value (a date's first and last day)


def add_candidate(doc: Doc, group: str, start: int, end: int, value: Any, component: str,
                  detail: Any = None) -> Span | None:
    """Add a span over characters [start, end) to a group, with its value; None if it cannot align.

    The candidate is stored in a list on the Doc and the span carries its index as kb_id, so
    spans with the same offsets ("£1-2m" is two amounts) keep their own values.
    """
    store: list[Candidate] | None = doc._.candidates  # (doc._ is made afresh on each use: read once)
    if store is None:
        store = doc._.candidates = []
    span = doc.char_span(start, end, label=group, kb_id=str(len(store)), alignment_mode="expand")
    if span is None:
        return None
    store.append(Candidate(value, component, start, end, detail))
    if group not in doc.spans:
        doc.spans[group] = []
    doc.spans[group].append(span)
    return span


class Finder:
    """A stateless fact component: runs one module's `find` function over the Doc."""

    def __init__(self, find: Callable[[Doc], None]) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        self.find(doc)
        return doc


def register_finder(name: str, find: Callable[[Doc], None], requires: tuple[str, ...] = ()) -> None:
    """Register `find` as a spaCy factory that writes doc.spans, so a pipeline config can name it."""
    Language.factory(name, assigns=["doc.spans"], requires=list(requires),
                     func=lambda nlp, name: Finder(find))


def candidate(span: Span) -> Candidate:
    found: Candidate = span.doc._.candidates[int(span.kb_id_)]
    return found


def spans(doc: Doc, group: str) -> list[Span]:
    return list(doc.spans[group]) if group in doc.spans else []


def document_of(doc: Doc) -> Document | None:
    return doc._.document


def reference_date(doc: Doc) -> date | None:
    return doc._.reference_date


def words_before(text: str, start: int, limit: int = 60) -> str:
    """The lower-cased text just before an offset, within the same sentence-ish window."""
    window = text[max(0, start - limit):start]
    cut = max(window.rfind(". "), window.rfind("\n\n"))
    return " ".join(window[cut + 1:].lower().split()) if cut >= 0 else " ".join(window.lower().split())

_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")

def words_after(text: str, end: int, limit: int = 40) -> str:
    window = text[end:end + limit]
    sentence_end = _SENTENCE_END.search(window)  # "p.a. under" is no sentence end
    return " ".join((window[:sentence_end.start()] if sentence_end else window).lower().split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases, as whole words, in lower-cased text (a cue among the words before).

    >>> [m.group().strip() for m in phrase_pattern(["contract value", "value"]).finditer("the contract value, values")]
    ['contract value']
    """
    return re.compile(rf"(?:^|\W)(?:{alternation(phrases)})(?=\W|$)")


class Ranges:
    """Character ranges already claimed, asked "does this one overlap any?" by bisection: a
    long report holds thousands of amounts and dates, and a scan of every claimed range per
    match would grow with their square. Kept as their union, which overlaps a range exactly
    when one of them does.

    >>> taken = Ranges([(10, 20)])
    >>> taken.add(20, 25); taken.add(40, 50)
    >>> taken.overlaps(0, 10), taken.overlaps(24, 30), taken.overlaps(30, 40), taken.overlaps(45, 46)
    (False, True, False, True)
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in ranges:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return  # an empty range overlaps nothing
        # Merge with every piece it overlaps or touches.
        i, k = bisect.bisect_left(self._ends, start), bisect.bisect_right(self._starts, end)
        if i < k:
            start, end = min(start, self._starts[i]), max(end, self._ends[k - 1])
        self._starts[i:k] = [start]
        self._ends[i:k] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end and start < end


