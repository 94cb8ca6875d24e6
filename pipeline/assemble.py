"""From candidate spans on the Doc to facts with evidence, in text order.

Resolves what components cannot see alone: a date that is an end of a written range is part
of that period, not a fact of its own.
"""

from __future__ import annotations

import hashlib
import json

from spacy.tokens import Doc, Span

from pipeline.document import Document
from pipeline.facts.base import GROUPS, candidate, spans
from pipeline.schema import FACT_MODELS, Mention

_TYPE_OF_GROUP = {
    "money": "money", "dates": "date", "periods": "period", "durations": "duration",
    "organisations": "organisation", "legislation": "legislation", "duties": "duty",
    "percentages": "percentage",
}
_SENTENCE_LIMIT = 600


def fact_id(document_id: str, fact_type: str, start: int, end: int, value: dict[str, object]) -> str:
    """Stable across runs: the same document gives the same ids, so reloads are idempotent."""
    key = json.dumps([document_id, fact_type, start, end, value], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _sentence(span: Span) -> str:
    sent = span.sent
    text = " ".join(sent.text.split())
    if len(text) <= _SENTENCE_LIMIT:
        return text
    # Table rows and lists can make sentences pages long; keep the words around the fact.
    left = max(sent.start_char, span.start_char - _SENTENCE_LIMIT // 2)
    return " ".join(span.doc.text[left:left + _SENTENCE_LIMIT].split())


def _range_ends(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in spans(doc, "periods")
            if candidate(s).value.kind in ("range",)]


def assemble(doc: Doc, document: Document, document_id: str) -> list[dict[str, object]]:
    """Facts as plain dicts, ready for the schema models."""
    ranges = _range_ends(doc)
    facts: list[dict[str, object]] = []
    seen: set[tuple[str, int, int, str]] = set()
    for group in GROUPS:
        fact_type = _TYPE_OF_GROUP[group]
        for span in spans(doc, group):
            if group == "dates" and any(s <= span.start_char and span.end_char <= e for s, e in ranges):
                continue  # an end of a written range belongs to its period
            found = candidate(span)
            start, end = found.start, found.end
            value = found.value.model_dump(mode="json")
            key = (fact_type, start, end, json.dumps(value, sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            fact: dict[str, object] = {
                "id": fact_id(document_id, fact_type, start, end, value),
                "type": fact_type,
                "value": value,
                "text": doc.text[start:end],
                "start": start,
                "end": end,
                "page": document.page_at(start),
                "sentence": _sentence(span),
                "component": found.component,
            }
            if group == "organisations":
                offsets = found.detail
                fact["mentions"] = [
                    Mention(text=doc.text[s:e], start=s, end=e, page=document.page_at(s)).model_dump()
                    for s, e in offsets
                ]
            facts.append(fact)
    facts.sort(key=lambda f: (f["start"], f["end"], f["type"], f["id"]))
    return facts


def validate_types(facts: list[dict[str, object]]) -> None:
    for fact in facts:
        FACT_MODELS[str(fact["type"])]
