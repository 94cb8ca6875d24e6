"""pdf_geometry's reading of table cells must be pdfplumber's, character for character."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from pdfplumber.table import Table

from pipeline.loaders.pdf_geometry import CharsByHeight, table_text


def _char(text: str, x0: float, top: float, size: float = 10.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "bottom": top + size, "doctop": top,
            "upright": True, "size": size, "width": 5.0, "height": size}


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
    table = Table(SimpleNamespace(chars=chars), CELLS)  # type: ignore[arg-type]
    expected = table.extract()
    assert table_text(table, CharsByHeight(chars)) == expected
    assert expected == [["a\nbc", "d"], ["e\nfg", None]]  # h and i are outside


def test_chars_by_height_keeps_the_pages_order() -> None:
    chars = [_char("x", 10, 30), _char("y", 20, 0), _char("z", 30, 15)]
    assert [c["text"] for c in CharsByHeight(chars).within((0, 0, 100, 50))] == ["x", "y", "z"]
    assert [c["text"] for c in CharsByHeight(chars).within((0, 0, 100, 20))] == ["y"]
