"""Long documents in pieces: a budget book or a text dump of tens of megabytes is read a piece at
a time, with facts and offsets as if the document were read whole.

spaCy holds about a hundred bytes per token, so a 100 MB text as one Doc would need gigabytes;
a piece of `PIECE_CHARACTERS` costs a bounded amount and is freed before the next. Pieces end at
a paragraph break where there is one (else a line break, a sentence end, a space), so a fact is
never cut in two in any text a person wrote. What a piece cannot see is another piece: an
organisation named in several pieces is merged into one fact afterwards (`merge_organisations`),
but "the 2012 Act" is resolved only against citations in its own piece.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.document import Document, Page, Table

PIECE_CHARACTERS = 1_000_000  # spaCy's own default limit for one Doc
_BREAKS = ("\n\n", "\n", ". ", " ")


def piece_bounds(text: str, limit: int = PIECE_CHARACTERS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most `limit` characters covering the text.

    >>> piece_bounds("one two. three four.\\n\\nfive six", limit=12)
    [(0, 9), (9, 21), (21, 30)]
    >>> piece_bounds("short")
    [(0, 5)]
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _break_before(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _break_before(text: str, start: int, limit: int) -> int:
    """The end of a piece: just after the last break of the strongest kind found in the second
    half of the window, or the limit itself in text with no break at all."""
    floor = start + (limit - start) // 2
    for mark in _BREAKS:
        found = text.rfind(mark, floor, limit)
        if found >= 0:
            return found + len(mark)
    return limit


def piece_of(document: Document, start: int, end: int) -> Document:
    """The part of a document between two offsets, its pages and table cells shifted to match."""
    pages = [Page(p.number, max(p.start, start) - start, min(p.end, end) - start)
             for p in document.pages if p.start < end and p.end > start]
    tables = []
    for table in document.tables:
        cells = [replace(c, start=c.start - start, end=c.end - start)
                 for c in table.cells if c.start >= start and c.end <= end]
        if cells:
            tables.append(Table(page=table.page, cells=cells))
    return Document(text=document.text[start:end], format=document.format, pages=pages, tables=tables,
                    title=document.title)


_ROLE_RANK = {"provider": 0, "council": 1, "other": 2}


def merge_organisations(facts: list[dict[str, object]], document_id: str) -> list[dict[str, object]]:
    """Organisation facts of the same name from different pieces as one fact: the first, with
    every mention and alias, and the strongest role any piece gave (provider, council, other).
    A merged fact's id is made again from its new value, as `assemble` makes every id."""
    from pipeline.assemble import fact_id

    first: dict[str, dict[str, object]] = {}
    grown: dict[str, dict[str, object]] = {}  # by name: the facts that took in another piece's
    kept_facts: list[dict[str, object]] = []
    for fact in facts:
        value = fact["value"]
        if fact["type"] != "organisation" or not isinstance(value, dict):
            kept_facts.append(fact)
            continue
        kept = first.get(value["name"])
        if kept is None:
            first[value["name"]] = fact
            kept_facts.append(fact)
            continue
        kept_value = kept["value"]
        assert isinstance(kept_value, dict)
        kept_value["aliases"] = sorted({*kept_value.get("aliases", []), *value.get("aliases", [])})
        if _ROLE_RANK[value["role"]] < _ROLE_RANK[kept_value["role"]]:
            kept_value["role"] = value["role"]
        mentions, more = kept["mentions"], fact["mentions"]
        assert isinstance(mentions, list) and isinstance(more, list)
        mentions.extend(more)
        grown[value["name"]] = kept
    for fact in grown.values():
        start, end, value = fact["start"], fact["end"], fact["value"]
        assert isinstance(start, int) and isinstance(end, int) and isinstance(value, dict)
        fact["id"] = fact_id(document_id, "organisation", start, end, value)
    return kept_facts
