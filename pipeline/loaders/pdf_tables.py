"""Money tables in PDFs: numbers tied to their row and column headers, scaled by "£000".

Only pages whose text shows a scaled money header are looked at. pdfplumber's TableFinder
finds their tables from the characters and ruling lines that PDFium has already parsed
(pdf_geometry); pdfplumber's own parsing, pdfminer, costs about fifty times PDFium's text
extraction and is paid only on a page PDFium's geometry cannot describe faithfully.
"""

from __future__ import annotations

import io
import logging
import re
from decimal import Decimal

import pypdfium2 as pdfium

from pipeline.document import Document, Table, TableCell

log = logging.getLogger(__name__)

_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}
# "£000", "£'000", "£000s", "£k", "£m", "£ million", "(£000)"
# "£000", "£'000", "£000s", "£k", "£m", "£ million", "(£000)", and a bare "£" ("Principal Amount £")
_SCALE_HEADER = re.compile(
    r"(?P<sym>[£$€])(?:\s?(?:['’]?(?P<thousand>000)s?['’]?|(?P<k>k)\b|(?P<m>m|million|mn)\b|(?P<bn>bn|billion)\b)"
    r"|(?P<unit>)(?![\w'’]|\s?[\d.,]))",
    re.I,
)
_NUMBER_CELL = re.compile(r"^\(?[-–−]?\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?\)?$|^\(?[-–−]?\d+(?:\.\d+)?\)?$")
_SCALES = {"thousand": Decimal(1000), "k": Decimal(1000), "m": Decimal(10**6), "bn": Decimal(10**9),
           "unit": Decimal(1)}


def header_scale(header: str) -> tuple[Decimal, str] | None:
    """The scale and currency a column header gives its cells, if any.

    >>> header_scale("2024-25 £000")
    (Decimal('1000'), 'GBP')
    >>> header_scale("Budget £m")
    (Decimal('1000000'), 'GBP')
    >>> header_scale("Principal Amount £")
    (Decimal('1'), 'GBP')
    >>> header_scale("Notes") is None, header_scale("£5,000") is None
    (True, True)
    """
    match = _SCALE_HEADER.search(header)
    if not match:
        return None
    for group, scale in _SCALES.items():
        if match.group(group) is not None:
            return scale, _SYMBOLS[match.group("sym")]
    return None


# Pages of the open PDF already parsed, by index, with their text pages: read again by the
# table reader instead of being parsed twice. Their owner closes them.
OpenPages = dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]]


def has_money_header(text: str) -> bool:
    return _SCALE_HEADER.search(text) is not None


def pages_with_money_headers(document: Document) -> list[int]:
    return [p.number for p in document.pages if _SCALE_HEADER.search(document.text, p.start, p.end)]


def read_money_tables(data: bytes, document: Document, pdf: pdfium.PdfDocument | None = None,
                      opened: OpenPages | None = None) -> list[Table]:
    """The money tables of the pages with a money header; from PDFium's geometry where `pdf`
    (the same file, open; some of its pages may be `opened` already) is given and the page
    allows, else from pdfplumber."""
    page_numbers = pages_with_money_headers(document)
    if not page_numbers:
        return []
    found: dict[int, list[list[list[str | None]]]] = {}
    if pdf is not None:
        for n in page_numbers:
            rows = _tables_from_geometry(pdf, n, (opened or {}).get(n - 1))
            if rows is not None:
                found[n] = rows
    rest = [n for n in page_numbers if n not in found]
    if rest:
        found.update(_tables_from_pdfplumber(data, rest))
    return [t for n in page_numbers for t in _page_tables(found.get(n, []), n, document)]


def _tables_from_geometry(pdf: pdfium.PdfDocument, number: int,
                          opened: tuple[pdfium.PdfPage, pdfium.PdfTextPage] | None
                          ) -> list[list[list[str | None]]] | None:
    # Imported here: pdfplumber brings pdfminer, a third of a second of start-up that a
    # document without money tables never needs.
    from pdfplumber.table import TableSettings

    from pipeline.loaders.pdf_cells import CharsByHeight, table_text
    from pipeline.loaders.pdf_geometry import holds_currency, page_geometry
    from pipeline.loaders.pdf_table_finder import FastTableFinder

    settings = TableSettings.resolve(None)
    try:
        with page_geometry(pdf, number - 1, opened) as geometry:
            if geometry is None:
                return None
            if not geometry.edges:
                return []
            # A table without a currency sign has no money header, so no cells to give: its
            # text is not needed, and the cursor in _page_tables moves only past cells given.
            tables = [t for t in FastTableFinder(geometry, settings).tables
                      if holds_currency(t.bbox, geometry.currency)]
            if not tables:
                return []
            chars = geometry.chars()
    except pdfium.PdfiumError:
        return None
    if chars is None:
        return None
    by_height = CharsByHeight(chars)
    return [table_text(table, by_height, **(settings.text_settings or {})) for table in tables]


def _tables_from_pdfplumber(data: bytes, page_numbers: list[int]) -> dict[int, list[list[list[str | None]]]]:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return {n: pdf.pages[n - 1].extract_tables() for n in page_numbers}
    except Exception as exc:  # pdfminer raises many types on damaged files; text still stands
        log.warning("tables skipped: pdfplumber could not parse the PDF (%s)", exc)
        return {}


def _page_tables(found: list[list[list[str | None]]], number: int, document: Document) -> list[Table]:
    bounds = document.pages[number - 1]
    tables: list[Table] = []
    cursor = bounds.start
    for rows in found:
        table = Table(page=number)
        columns = max((len(r) for r in rows), default=0)
        headers = [""] * columns
        scales: list[tuple[Decimal, str] | None] = [None] * columns
        for row in rows:
            cells = [cell_text(c) for c in row] + [""] * (columns - len(row))
            if not any(_NUMBER_CELL.match(c) for c in cells):
                _update_headers(row, cells, headers, scales)
                continue
            row_header = next((c for c in cells if c and not _NUMBER_CELL.match(c)), "")
            for col, cell in enumerate(cells):
                scale = scales[col]
                if scale is None or not _NUMBER_CELL.match(cell):
                    continue
                start = document.text.find(cell, cursor, bounds.end)
                if start < 0:
                    start = document.text.find(cell, bounds.start, bounds.end)
                if start < 0:
                    continue
                cursor = start + len(cell)
                table.cells.append(TableCell(
                    text=cell, start=start, end=start + len(cell), row_header=row_header,
                    column_header=headers[col], scale=scale[0], currency=scale[1],
                ))
        if table.cells:
            tables.append(table)
    return tables


def cell_text(cell: str | None) -> str:
    r"""A cell's text on one line. A soft hyphen is read as "-": PDFium cannot tell it from a
    hyphen at a line's end, and a cell should read the same from either parser.

    >>> cell_text("Non\xad\nschools  budget"), cell_text(None)
    ('Non- schools budget', '')
    """
    return " ".join((cell or "").replace("\xad", "-").split())


def _update_headers(row: list[str | None], cells: list[str], headers: list[str],
                    scales: list[tuple[Decimal, str] | None]) -> None:
    # A merged header cell comes back once, followed by None for the columns it spans.
    last: str | None = None
    for col, cell in enumerate(cells):
        spanned = col < len(row) and row[col] is None and last is not None
        text = last if spanned else cell
        if text:
            headers[col] = f"{headers[col]} {text}".strip()
            found = header_scale(text)
            if found:
                scales[col] = found
        if not spanned:
            last = cell or None
