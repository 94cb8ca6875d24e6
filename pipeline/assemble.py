"""From candidate spans on the Doc to facts with evidence, in text order.

Resolves what components cannot see alone: a date that is an end of a written range is part
of that period, not a fact of its own.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from pipeline.document import Document
from pipeline.facts.base import GROUPS, candidate, spans, text_of
from pipeline.schema import Mention

_TYPE_OF_GROUP = {
    "money": "money", "dates": "date", "periods": "period", "durations": "duration",
    "organisations": "organisation", "legislation": "legislation", "duties": "duty",
    "percentages": "percentage",
}
_SENTENCE_LIMIT = 600


def fact_id(document_id: str, fact_type: str, start: int, end: int, value: dict[str, object]) -> str:
    """Stable across runs: the same document gives the same ids, so reloads are idempotent."""
    return _fact_id(document_id, fact_type, start, end, _value_json(value))


def _value_json(value: dict[str, object]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _fact_id(document_id: str, fact_type: str, start: int, end: int, value_json: str) -> str:
    """fact_id, from the value's JSON (_value_json) written once: a list's JSON is its items'
    JSON between "[" and "]", joined by ", "."""
    key = f"[{json.dumps(document_id, ensure_ascii=False)}, {json.dumps(fact_type, ensure_ascii=False)}, " \
          f"{json.dumps(start)}, {json.dumps(end)}, {value_json}]"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class _Sentences:
    """Sentence bounds by bisection. Span.sent walks token by token to the sentence's ends, and
    Doc.text joins every token afresh, so asking either once per fact made assembling quadratic."""

    def __init__(self, doc: Doc) -> None:
        # Flat columns, not a list per token: those would give the garbage collector ever more
        # containers to walk, and the cost would grow faster than the document.
        columns = doc.to_array([SENT_START, IDX, LENGTH])
        self.text = text_of(doc)
        self.length = len(columns)
        self.starts = numpy.flatnonzero(columns[:, 0] == 1).tolist()
        self.token_start = columns[:, 1].tolist()
        self.token_end = (columns[:, 1] + columns[:, 2]).tolist()
        self._collapsed: dict[tuple[int, int], str] = {}  # a sentence's words, once for all its facts

    def bounds(self, span: Span) -> tuple[int, int]:
        """The characters of the sentence holding the span's first token, as Span.sent gives them."""
        i = bisect.bisect_right(self.starts, span.start) - 1
        first = self.starts[i] if i >= 0 else 0
        j = bisect.bisect_right(self.starts, span.start)
        last = self.starts[j] if j < len(self.starts) else self.length
        return self.token_start[first], self.token_end[last - 1]

    def all_bounds(self) -> list[tuple[int, int]]:
        """The characters of every sentence, in text order."""
        ends = [*self.starts[1:], self.length]
        return [(self.token_start[a], self.token_end[b - 1]) for a, b in zip(self.starts, ends, strict=True) if b > a]

    def sentence(self, span: Span) -> str:
        start, end = self.bounds(span)
        # A "sentence" with no full stop can be the whole document: collapsing it for every fact
        # made assembling quadratic, so only a span that might fit is collapsed.
        if end - start <= 4 * _SENTENCE_LIMIT:
            text = self._collapsed.get((start, end))
            if text is None:
                text = self._collapsed[start, end] = " ".join(self.text[start:end].split())
            if len(text) <= _SENTENCE_LIMIT:
                return text
        # Table rows and lists can make sentences pages long; keep the words around the fact.
        left = max(start, span.start_char - _SENTENCE_LIMIT // 2)
        return " ".join(self.text[left:left + _SENTENCE_LIMIT].split())


class _RangeEnds:
    """Whether a span lies inside a written range: the furthest end among ranges starting at or
    before it, found by bisection rather than by testing every range for every date."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.furthest = list(itertools.accumulate((e for _, e in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.furthest[i - 1] >= end


def _range_ends(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in spans(doc, "periods")
            if candidate(s).value.kind in ("range",)]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Where each sentence of the Doc starts and ends, as character offsets."""
    return _Sentences(doc).all_bounds()


def assemble(doc: Doc, document: Document, document_id: str, offset: int = 0) -> list[dict[str, object]]:
    """Facts as plain dicts, ready for the schema models. The Doc may hold one piece of the
    document (pipeline.pieces) that starts `offset` characters into it: evidence offsets, pages
    and ids are the whole document's."""
    ranges = _RangeEnds(_range_ends(doc))
    sentences = _Sentences(doc)
    text = sentences.text
    facts: list[dict[str, object]] = []
    seen: set[tuple[str, int, int, str]] = set()
    for group in GROUPS:
        fact_type = _TYPE_OF_GROUP[group]
        for span in spans(doc, group):
            if group == "dates" and ranges.covers(span.start_char, span.end_char):
                continue  # an end of a written range belongs to its period
            found = candidate(span)
            start, end = found.start + offset, found.end + offset
            value = found.value.model_dump(mode="json")
            value_json = _value_json(value)  # written once: it tells equal facts apart and makes the id
            key = (fact_type, start, end, value_json)
            if key in seen:
                continue
            seen.add(key)
            fact: dict[str, object] = {
                "id": _fact_id(document_id, fact_type, start, end, value_json),
                "type": fact_type,
                "value": value,
                "text": text[found.start:found.end],
                "start": start,
                "end": end,
                "page": document.page_at(start),
                "sentence": sentences.sentence(span),
                "component": found.component,
            }
            if group == "organisations":
                offsets = found.detail
                fact["mentions"] = [
                    Mention(text=text[s:e], start=s + offset, end=e + offset,
                            page=document.page_at(s + offset)).model_dump()
                    for s, e in offsets
                ]
            facts.append(fact)
    facts.sort(key=lambda f: (f["start"], f["end"], f["type"], f["id"]))
    return facts
