"""Tables read from PDFium's geometry must be pdfplumber's own: the same cells, character for
character. pdf_cells reads cells as pdfplumber's `Table.extract`/`extract_text` does, and
pdf_table_finder finds cells as its TableFinder does; each is held side by side with
pdfplumber here, on made-up input and on the sample PDF (and a few Kent PDFs when present)."""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.table import intersections_to_cells as pdfplumbers_intersections_to_cells
from pdfplumber.utils.text import extract_text as pdfplumbers_extract_text

from pipeline.loaders.pdf_cells import Char, CharsByHeight, extract_text, table_text
from pipeline.loaders.pdf_geometry import holds_currency, page_geometry
from pipeline.loaders.pdf_table_finder import FastTableFinder, intersections_to_cells
from tests.paths import SAMPLES, needs_shared, shared_files

SAMPLE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"


def _char(text: str, x0: float, top: float, size: float = 10.0, width: float = 5.0) -> Char:
    return (text, x0, x0 + width, top, top + size)


def as_pdfplumber(chars: list[Char]) -> list[dict[str, Any]]:
    """The characters as pdfplumber's dictionaries."""
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True,
             "size": bottom - top, "width": x1 - x0, "height": bottom - top} for t, x0, x1, top, bottom in chars]


# Two rows of two cells: 0-50 x 0-20 and 50-100 x 20-40; characters on, inside and just
# outside each boundary (a middle on a cell's top or left belongs to it, on its bottom or
# right to the next), and one merged cell (None) as pdfplumber reports a spanned column.
CELLS = [(0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 20.0), (0.0, 20.0, 100.0, 40.0)]
CHARS = [
    _char("a", 2, 0 - 5),        # middle at 0: on the first row's top
    _char("b", 8, 5), _char("c", 13, 5),
    _char("d", 47.5, 5),         # middle at x 50: the second cell's
    _char("e", 60, 15),          # middle at 20: the second row's
    _char("f", 70, 30), _char("g", 75, 30),
    _char("h", 10, 40 - 5),      # middle at 40: below the table
    _char("i", 97.5, 25),        # middle at x 100: right of the table
]


@pytest.mark.parametrize("order", ["as drawn", "reversed"])
def test_table_text_equals_pdfplumbers_extract(order: str) -> None:
    chars = CHARS if order == "as drawn" else CHARS[::-1]
    table = Table(SimpleNamespace(chars=as_pdfplumber(chars)), CELLS)  # type: ignore[arg-type]
    expected = table.extract(x_tolerance=3, y_tolerance=3)
    assert table_text(table, CharsByHeight(chars)) == expected
    assert expected == [["a\nbc", "d"], ["e\nfg", None]]  # h and i are outside


def test_chars_by_height_keeps_the_pages_order() -> None:
    chars = [_char("x", 10, 30), _char("y", 20, 0), _char("z", 30, 15)]
    assert [c[0] for c in CharsByHeight(chars).within((0, 0, 100, 50))] == ["x", "y", "z"]
    assert [c[0] for c in CharsByHeight(chars).within((0, 0, 100, 20))] == ["y"]


def test_a_character_without_a_place_is_in_no_cell() -> None:
    nan = float("nan")  # sorted among numbers, it would hide "c" from the bisection
    chars = [_char("a", 10, nan), _char("b", 10, nan), _char("c", 10, 21)]
    table = Table(SimpleNamespace(chars=as_pdfplumber(chars)), [(0.0, 0.0, 100.0, 30.0)])  # type: ignore[arg-type]
    assert table_text(table, CharsByHeight(chars)) == table.extract(x_tolerance=3, y_tolerance=3) == [["c"]]


@pytest.mark.parametrize(("chars", "expected"), [
    ([_char("1", 10, 0), _char("2", 15, 0), _char("3", 24, 0)], "12 3"),   # a gap over 3 points
    ([_char("b", 15, 0), _char("a", 10, 0)], "ab"),                         # left to right
    ([_char("x", 10, 0), _char(" ", 15, 0), _char("y", 20, 0)], "x y"),     # a blank splits
    ([_char("lower", 10, 2.5, width=20), _char("upper", 40, 0, width=20)], "lower upper"),  # one line
    ([_char("\ufb01", 10, 0), _char("x", 15, 0)], "fix"),                   # a ligature expands
    ([_char("a", 10, 0), _char("b", 10, 12)], "a\nb"),                      # two lines
    ([_char("", 10, 0), _char("a", 15, 0)], " a"),                          # an empty text is a word
])
def test_extract_text_reads_as_pdfplumber(chars: list[Char], expected: str) -> None:
    assert pdfplumbers_extract_text(as_pdfplumber(chars), x_tolerance=3, y_tolerance=3) == expected
    assert extract_text(chars) == expected


def test_extract_text_equals_pdfplumbers_on_random_cells() -> None:
    rng = random.Random(20250130)
    alphabet = [*"ab1,.£( ", "\ufb01", "\n", "\xa0", ""]
    for _ in range(3000):
        chars: list[Char] = []
        band = rng.choice([20.0, 3.0, 0.0])  # lines apart, one line (or nearly), all level
        for _ in range(rng.randint(1, 25)):
            x0 = rng.choice([rng.uniform(0, 60), float(rng.randint(0, 12) * 5)])
            top = rng.choice([rng.uniform(0, band), float(rng.randint(0, 6)) * band / 2, 1.5, band])
            width = rng.choice([0.0, 2.5, 5.0, rng.uniform(-1, 8)])
            chars.append((rng.choice(alphabet), x0, x0 + width, top, top + rng.uniform(1, 12)))
        tolerance = rng.choice([3.0, 3.0, 1.5, 0.0])
        expected = pdfplumbers_extract_text(as_pdfplumber(chars), x_tolerance=tolerance, y_tolerance=tolerance)
        assert extract_text(chars, tolerance, tolerance) == expected, chars


def _edge(orientation: str, x0: float, top: float, length: float) -> dict[str, Any]:
    x1, bottom = (x0, top + length) if orientation == "v" else (x0 + length, top)
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line", "doctop": top}


def test_table_finder_cells_equal_pdfplumbers_on_random_rulings() -> None:
    rng = random.Random(7)
    for _ in range(300):
        grid = [float(n * 10) for n in range(8)]
        edges = [_edge(rng.choice("vh"), rng.choice(grid), rng.choice(grid), rng.choice(grid[1:]))
                 for _ in range(rng.randint(2, 30))]
        page = SimpleNamespace(edges=edges, bbox=(0.0, 0.0, 100.0, 100.0), chars=[])
        expected, found = TableFinder(page), FastTableFinder(page)  # type: ignore[arg-type]
        assert found.cells == expected.cells
        assert [t.cells for t in found.tables] == [t.cells for t in expected.tables]
        assert intersections_to_cells(expected.intersections) == pdfplumbers_intersections_to_cells(
            expected.intersections)


def _pdfium_tables(pdf: pdfium.PdfDocument, index: int) -> tuple[list[Table], dict[int, list[list[str | None]]]]:
    """The page's tables found on PDFium's geometry, and the text of those holding a currency
    sign, by their place among the tables."""
    with page_geometry(pdf, index) as geometry:
        assert geometry is not None
        tables = FastTableFinder(geometry, TableSettings.resolve(None)).tables  # type: ignore[arg-type]
        with_currency = [n for n, t in enumerate(tables) if holds_currency(t.bbox, geometry.currency)]
        chars = geometry.chars() if with_currency else []
    assert chars is not None
    by_height = CharsByHeight(chars)
    return tables, {n: table_text(tables[n], by_height, x_tolerance=3, y_tolerance=3) for n in with_currency}


def _assert_pdfium_reads_as_pdfplumber(path: Path, pages: int | None = None) -> int:
    """Every page's tables (of the first `pages`) the same from both, and the text of those
    with a currency sign; the number of such tables."""
    read = 0
    with pdfplumber.open(path) as plumbed, pdfium.PdfDocument(path.read_bytes()) as pdf:
        for index, page in enumerate(plumbed.pages[:pages]):
            expected = page.find_tables()
            tables, texts = _pdfium_tables(pdf, index)
            # The same tables; PDFium's coordinates are single-precision, pdfminer's double.
            assert [len(t.cells) for t in tables] == [len(t.cells) for t in expected], f"page {index + 1}"
            for found, wanted in zip(tables, expected, strict=True):
                assert [pytest.approx(c, abs=0.01) for c in wanted.cells] == found.cells, f"page {index + 1}"
            assert texts == {n: expected[n].extract() for n in texts}, f"page {index + 1}"
            read += len(texts)
    return read


def test_sample_pdf_tables_from_pdfium_equal_pdfplumbers() -> None:
    assert _assert_pdfium_reads_as_pdfplumber(SAMPLE_PDF) == 1


# Kent PDFs full of money tables, with hyphens PDFium marks in cells (pages 2 and 8 of the
# budget templates), and how many of their pages to read (pdfminer takes a while).
KENT = {"cabinet_2025-01-30_Appendix_F_List_of_Budget_Templates.pdf": 8,
        "full_council_2025-03-13_Council_Report_Mid_Year_24-25.pdf": None}


@needs_shared("corpus")
@pytest.mark.parametrize("path", [p for p in shared_files("corpus", "kent", pattern="*.pdf") if p.name in KENT],
                         ids=lambda p: p.name[:60])
def test_kent_tables_from_pdfium_equal_pdfplumbers(path: Path) -> None:
    assert _assert_pdfium_reads_as_pdfplumber(path, KENT[path.name]) > 0
