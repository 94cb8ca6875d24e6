"""Long texts read in pieces give the facts and offsets of the text read whole.

Pieces are made tiny here (a few thousand characters) so that samples cross many piece
boundaries; in use a piece is a million characters, so boundaries are that much rarer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.document import Document, Page, Table, TableCell
from pipeline.errors import ExtractionError
from pipeline.extract import extract_document
from pipeline.loaders import load_bytes
from pipeline.pieces import merge_organisations, piece_bounds, piece_of
from tests.paths import SAMPLES

# Types whose facts need nothing outside their own sentence: these must come out the same.
LOCAL_TYPES = {"money", "date", "period", "duration", "percentage"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".pdf"))


@pytest.mark.parametrize(("text", "limit"), [
    ("one two. three four.\n\nfive six seven eight nine", 12),
    ("a" * 50, 7),  # no break at all: cut at the limit
    ("line one\nline two\nline three\n" * 20, 40),
    ("", 10),
])
def test_pieces_cover_the_text_in_order_and_keep_to_the_limit(text: str, limit: int) -> None:
    bounds = piece_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(end - start <= limit for start, end in bounds)


def test_a_piece_ends_at_a_paragraph_break_rather_than_a_line_break() -> None:
    text = "first paragraph line\nsecond line\n\nnext paragraph here and more words"
    (_, end), *_ = piece_bounds(text, 40)
    assert text[:end].endswith("\n\n")


def test_a_piece_keeps_its_pages_and_table_cells_shifted() -> None:
    cell = TableCell("1,200", 26, 31, "Staff", "2024/25", 1, "GBP")
    document = Document("page one text.\n\npage two £1,200 end", "pdf", [Page(1, 0, 16), Page(2, 16, 35)],
                        [Table(page=2, cells=[cell])])
    part = piece_of(document, 16, 35)
    assert part.text == "page two £1,200 end"
    assert [(p.number, p.start, p.end) for p in part.pages] == [(2, 0, 19)]
    moved = part.tables[0].cells[0]
    assert part.text[moved.start:moved.end] == "1,200"


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("limit", [1000, 2500])
def test_facts_read_in_pieces_are_those_read_whole(path: Path, limit: int) -> None:
    data = path.read_bytes()
    document = load_bytes(data)
    assert len(document.text) > limit  # the sample really is cut
    whole = extract_document(document, data)
    pieces = extract_document(document, data, piece_characters=limit)
    for fact in pieces.facts:  # every offset is the whole text's
        assert document.text[fact.start:fact.end] == fact.text
        assert fact.page == document.page_at(fact.start)
    local = {(f.id, f.type, f.start, f.end) for f in whole.facts if f.type in LOCAL_TYPES}
    local_pieces = {(f.id, f.type, f.start, f.end) for f in pieces.facts if f.type in LOCAL_TYPES}
    # A date or sum cut in two by a boundary could differ; breaks at paragraphs keep them whole.
    assert local_pieces == local


def test_a_name_in_several_pieces_is_one_organisation_with_every_mention() -> None:
    paragraph = "The council awarded the contract to Acme Services Ltd for £2m.\n\n"
    text = paragraph * 6
    data = text.encode()
    document = Document(text, "text")
    facts = extract_document(document, data, piece_characters=len(paragraph) * 2).facts
    acme = [f for f in facts if f.type == "organisation" and f.value.name == "Acme Services Ltd"]
    assert len(acme) == 1
    assert [m.start for m in acme[0].mentions] == [text.index("Acme", i * len(paragraph)) for i in range(6)]


def test_merging_keeps_the_strongest_role_and_every_alias() -> None:
    def organisation(start: int, role: str, aliases: list[str]) -> dict[str, object]:
        return {"id": str(start), "type": "organisation", "start": start, "end": start + 4,
                "value": {"name": "Acme Ltd", "aliases": aliases, "role": role},
                "mentions": [{"text": "Acme", "start": start, "end": start + 4, "page": None}]}

    merged = merge_organisations([organisation(0, "other", ["Acme"]), organisation(10, "provider", ["ACME"])], "d")
    assert len(merged) == 1
    assert merged[0]["value"] == {"name": "Acme Ltd", "aliases": ["ACME", "Acme"], "role": "provider"}
    assert merged[0]["id"] != "0"  # the value changed, so the id is made again
    mentions = merged[0]["mentions"]
    assert isinstance(mentions, list) and [m["start"] for m in mentions] == [0, 10]


def test_a_text_past_the_size_limit_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    module = sys.modules[extract_document.__module__]  # the package exports a function of that name
    monkeypatch.setattr(module, "MAX_BYTES", 1000)
    with pytest.raises(ExtractionError) as raised:
        module.extract("The contract is worth £2m. " * 100)
    assert raised.value.code.value == "E_TOO_LARGE"
