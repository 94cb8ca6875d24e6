"""Money tables read from PDFium's geometry must be the ones pdfplumber itself reads.

The fast path (pdf_geometry: PDFium's characters and ruling lines handed to pdfplumber's
TableFinder) exists only to save pdfminer's parsing; on every Kent page with a money header
its cells, headers and scales must equal those of pdfplumber's own `extract_tables`.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.loaders import pdf as pdf_loader
from pipeline.loaders import pdf_tables
from pipeline.loaders.pdf_tables import pages_with_money_headers, read_money_tables
from tests.paths import needs_shared, shared_files

pytestmark = needs_shared("corpus")
KENT = shared_files("corpus", "kent", pattern="*.pdf")
# Pages where PDFium marks a hyphen that ended a line inside a money table (U+0002): they
# were once sent to pdfminer because the mark hides whether it was "-" or a soft hyphen.
MARKED_HYPHEN_PAGES = {
    "cabinet_2025-01-30_24-00108_-_Appendix_-_NOV_2024-25.pdf": [8, 9, 10, 11],
    "cabinet_2025-01-30_Appendix_F_List_of_Budget_Templates.pdf": [2, 8, 13, 18, 23],
    "full_council_2025-03-13_Council_Report_Mid_Year_24-25.pdf": [7],
}


def _kent(name: str) -> Path:
    return next(p for p in KENT if p.name == name)


def _with_money_pages() -> list[Path]:
    found = []
    for path in KENT:
        with pdfium.PdfDocument(path.read_bytes()) as pdf:
            document = pdf_loader._document([pdf_loader._page_text(pdf, i) for i in range(len(pdf))])
        if pages_with_money_headers(document):
            found.append(path)
    return found


@pytest.mark.parametrize("pdf", _with_money_pages(), ids=lambda p: p.name[:60])
def test_tables_from_pdfium_geometry_equal_pdfplumbers(pdf: Path) -> None:
    data = pdf.read_bytes()
    document = pdf_loader.load(data)  # tables from PDFium's geometry where the page allows
    from_pdfplumber = read_money_tables(data, document)  # no PDFium document: pdfplumber alone
    assert document.tables == from_pdfplumber


@pytest.mark.parametrize("name", sorted(MARKED_HYPHEN_PAGES))
def test_pages_with_a_marked_hyphen_are_read_without_pdfminer(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _kent(name).read_bytes()
    expected = read_money_tables(data, pdf_loader.load(data))
    asked: list[list[int]] = []

    def pdfplumber_asked(_data: bytes, pages: list[int]) -> dict[int, list[list[list[str | None]]]]:
        asked.append(pages)
        return {}

    monkeypatch.setattr(pdf_tables, "_tables_from_pdfplumber", pdfplumber_asked)
    document = pdf_loader.load(data)
    assert asked == []
    assert document.tables == expected
    assert set(MARKED_HYPHEN_PAGES[name]) <= set(pages_with_money_headers(document))


def test_table_pages_kept_open_or_reopened_give_the_same_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _kent("cabinet_2025-01-30_Appendix_F_List_of_Budget_Templates.pdf").read_bytes()
    kept = pdf_loader.load(data)
    monkeypatch.setattr(pdf_loader, "_KEEP_OPEN", 1)  # all but the first table page opened again
    reopened = pdf_loader.load(data)
    assert len(pages_with_money_headers(kept)) > 1
    assert kept.tables and kept.tables == reopened.tables
