"""A PDF page's characters and ruling lines from PDFium, shaped as pdfplumber's objects.

pdfplumber finds tables from a page's edges (ruled lines and rectangle sides) and fills the
cells from its characters; both come from pdfminer, which interprets the whole page in Python
and costs about 0.1-0.4 s a page. PDFium has parsed the page already: here are the same
characters (origin, advance, font size and descent, as pdfminer measures them) and the same
edges (paths split and classified as pdfminer classifies them), so pdfplumber's TableFinder
can run without pdfminer. A page this cannot describe faithfully (rotated, text that is not
upright, glyphs without Unicode) gets None, and the caller asks pdfplumber itself.

One character is read differently on purpose: a hyphen that ended a line, which PDFium
replaces with U+0002 after reading it as U+002D or U+00AD (a soft hyphen). Which of the two
it was is lost, so it is read as "-", and table cells read a soft hyphen as "-" too
(pdf_tables.cell_text): both parsers then give the same cell.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.table import Table
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges
from pdfplumber.utils.text import extract_text

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Box = tuple[float, float, float, float]  # x0, top, x1, bottom, as pdfplumber measures
# U+0002: PDFium's mark for a hyphen (U+002D or U+00AD) it took to end a line.
_MARKED_HYPHEN = 2
# What header_scale looks for in a header: £, $ and €.
_CURRENCY = {ord("£"), ord("$"), ord("€")}
# The characters PDFium may generate: spaces between words and line breaks.
_GENERATED = {ord(" "), ord("\r"), ord("\n")}


class PageGeometry:
    """What pdfplumber's TableFinder and Table.extract read of a page: chars, edges, bbox.

    `faithful` is False when the characters may differ from pdfminer's; the edges, and so the
    tables' cells, are still the page's. `currency` boxes every character that is, or may be
    read as, a currency sign: a table without one has no money header and needs no text."""

    def __init__(self, chars: list[dict[str, Any]], edges: list[dict[str, Any]], width: float,
                 height: float, faithful: bool = True, currency: list[Box] | None = None) -> None:
        self.chars = chars
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)
        self.faithful = faithful
        self.currency = currency or []


def page_geometry(pdf: pdfium.PdfDocument, index: int,
                  opened: tuple[pdfium.PdfPage, pdfium.PdfTextPage] | None = None) -> PageGeometry | None:
    """The page's geometry, or None for a rotated page (pdfplumber turns its coordinates).
    `opened`: the page and its text page, already parsed and left to their owner to close."""
    page = opened[0] if opened else pdf[index]
    try:
        if page.get_rotation() % 360:
            return None
        width, height = page.get_width(), page.get_height()
        edges = _edges(page, height)
        if not edges:  # no ruling, no table: the characters are not needed
            return PageGeometry([], [], width, height)
        textpage = opened[1] if opened else page.get_textpage()
        try:
            chars, faithful, currency = _chars(textpage, height)
            faithful = faithful and _restore_spaces(page, textpage, chars, height)
        finally:
            if not opened:
                textpage.close()
        # pdfplumber meets characters in content order, and ties in its sorts keep that order.
        chars.sort(key=lambda c: c.pop("order"))
        for char in chars:
            char.pop("object", None)
        return PageGeometry(chars, edges, width, height, faithful, currency)
    finally:
        if not opened:
            page.close()


# --- characters --------------------------------------------------------------------------

def _chars(textpage: pdfium.PdfTextPage, height: float) -> tuple[list[dict[str, Any]], bool, list[Box]]:
    """The characters as pdfminer boxes them, whether they can be trusted to be pdfminer's,
    and the boxes of possible currency signs."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    # Looked up once: a page of figures has thousands of characters, each asked six things.
    unicode_of, is_generated, unmapped_at = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, \
        raw.FPDFText_HasUnicodeMapError
    origin_of, loose_box_of, object_at = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetLooseCharBox, _text_object()
    # What is the same for every character of a text object: its scale, size and descent.
    objects: dict[int, tuple[float, float] | None] = {}
    chars: list[dict[str, Any]] = []
    currency: list[Box] = []
    faithful = True
    for i in range(count):
        code = unicode_of(handle, i)
        # PDFium's own spaces and line breaks: pdfminer has no such characters.
        if code in _GENERATED and is_generated(handle, i):
            continue
        unmapped = unmapped_at(handle, i)
        if code in _CURRENCY or unmapped:
            loose_box_of(handle, i, box)
            currency.append((box.left, height - box.top, box.right, height - box.bottom))
        if unmapped:
            faithful = False
        if not faithful:
            continue  # only the currency signs are still wanted
        address = object_at(handle, i) or 0
        if address not in objects:
            objects[address] = _object_metrics(handle, i, ctypes.cast(address, raw.FPDF_PAGEOBJECT))
        metrics = objects[address]
        if metrics is None:
            faithful = False  # rotated or mirrored text: pdfminer's boxes for it are another shape
            continue
        size, descent = metrics
        origin_of(handle, i, x, y)
        loose_box_of(handle, i, box)
        # pdfminer's box: from the origin, one advance wide, one font size tall, its foot at
        # the font's descent. PDFium's loose box has the same advance; its height differs.
        left, right, bottom = x.value, box.right, y.value + descent
        top = bottom + size
        chars.append({
            "text": "-" if code == _MARKED_HYPHEN else chr(code), "x0": left, "x1": right, "top": height - top,
            "bottom": height - bottom, "doctop": height - top, "upright": True,
            "size": size, "width": right - left, "height": size,
            "object": address, "order": float(i),
        })
    return chars, faithful, currency


@cache
def _text_object() -> Callable[[Any, int], int | None]:
    """FPDFText_GetTextObject returning the object's address as an int: the text objects are
    told apart by address, and converting each returned pointer cost more than the call."""
    function = raw.FPDFText_GetTextObject
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, *function.argtypes)
    return prototype(address)


def _object_metrics(handle: Any, index: int, obj: Any) -> tuple[float, float] | None:
    """(font size, descent) in page units of the text object holding a character; None when
    its text is not upright and unmirrored."""
    matrix, descent = raw.FS_MATRIX(), ctypes.c_float()
    raw.FPDFText_GetMatrix(handle, index, matrix)
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        return None
    size = raw.FPDFText_GetFontSize(handle, index)
    font = raw.FPDFTextObj_GetFont(obj)
    ok = font and raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
    return size * matrix.d, (descent.value if ok else 0.0) * matrix.d


def holds_currency(bbox: Box, currency: list[Box], margin: float = 2.0) -> bool:
    """Whether any currency sign's box touches the table's box (with a margin for the small
    differences between PDFium's boxes and pdfminer's)."""
    x0, top, x1, bottom = bbox
    return any(c[0] < x1 + margin and c[2] > x0 - margin and c[1] < bottom + margin and c[3] > top - margin
               for c in currency)


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _restore_spaces(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, chars: list[dict[str, Any]],
                    height: float) -> bool:
    """Put back the spaces PDFium's text page leaves out and pdfminer keeps: text objects that
    hold only a space. pdfplumber splits words at every space, so without them two words can
    run together. False when PDFium left out an object with visible text (a duplicate drawn
    for a bold effect, say), which pdfminer would keep."""
    kept_objects = {char["object"]: char["order"] for char in chars}
    order = -1.0
    for obj, ctm in _objects(page, raw.FPDF_PAGEOBJ_TEXT):
        address = _address(obj)
        if address in kept_objects:
            order = max(order, kept_objects[address])
            continue
        text = _object_text(obj, textpage) or " "  # PDFium reads a lone space as no text at all
        if text.strip():
            return False
        for n, space in enumerate(_spaces(obj, ctm, len(text), height), start=1):
            space["order"] = order + n / (len(text) + 1)  # just after what precedes it
            chars.append(space)
    return True


def _object_text(obj: Any, textpage: pdfium.PdfTextPage) -> str:
    size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\x00")


def _spaces(obj: Any, ctm: Matrix, count: int, height: float) -> list[dict[str, Any]]:
    """Space characters from the object's origin, boxed as pdfminer boxes them."""
    font = raw.FPDFTextObj_GetFont(obj)
    size, advance, descent = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not font or not raw.FPDFTextObj_GetFontSize(obj, size):
        return []
    raw.FPDFFont_GetGlyphWidth(font, 32, size, advance)
    raw.FPDFFont_GetDescent(font, size, descent)
    a, _, _, d, x, f = ctm
    width = advance.value * a
    bottom = height - (f + descent.value * d)
    top = bottom - size.value * d
    spaces = []
    for _ in range(count):
        spaces.append({"text": " ", "x0": x, "x1": x + width, "top": top, "bottom": bottom, "doctop": top,
                       "upright": True, "size": bottom - top, "width": width, "height": bottom - top})
        x += width
    return spaces


# --- cells -------------------------------------------------------------------------------

class CharsByHeight:
    """A page's characters ordered by the height of their middles, so that a table row finds
    its characters by bisection instead of testing every character of the page."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        order = sorted(range(len(chars)), key=lambda i: (chars[i]["top"] + chars[i]["bottom"]) / 2)
        self._index = order
        self._middles = [(chars[i]["top"] + chars[i]["bottom"]) / 2 for i in order]

    def within(self, bbox: Box) -> list[dict[str, Any]]:
        """The characters whose middle lies in the box, in the page's order: pdfplumber's test."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self._middles, top), bisect_left(self._middles, bottom)
        found = sorted(i for i in self._index[lo:hi] if x0 <= (self.chars[i]["x0"] + self.chars[i]["x1"]) / 2 < x1)
        return [self.chars[i] for i in found]


def table_text(table: Table, chars: CharsByHeight, **text_settings: Any) -> list[list[str | None]]:
    """What pdfplumber's `Table.extract` gives (rows of cell texts, None where a merged cell
    spans), without its test of every character against every row: on a full page of figures
    that test cost more than all the rest of reading the table."""
    rows: list[list[str | None]] = []
    for row in table.rows:
        row_chars = chars.within(row.bbox)
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            cell_chars = [c for c in row_chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
                          and top <= (c["top"] + c["bottom"]) / 2 < bottom]
            texts.append(extract_text(cell_chars, **text_settings) if cell_chars else "")
        rows.append(texts)
    return rows


# --- edges -------------------------------------------------------------------------------

def _edges(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """Edges in pdfplumber's order: every line's, then every rectangle's, then every curve's."""
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    for obj, ctm in _objects(page, raw.FPDF_PAGEOBJ_PATH):
        for points in _subpaths(obj, ctm):
            kind, shape = _classify(points)
            flipped = [(px, height - py) for px, py in shape]
            if kind == "line":
                lines.append(_bbox_object("line", flipped[:2]))
            elif kind == "rect":
                rects.append(_bbox_object("rect", [flipped[0], flipped[2]]))
            else:
                curve = _bbox_object("curve", flipped)
                curve["pts"] = flipped
                curves.append(curve)
    edges = [line_to_edge(line) for line in lines]
    for rect in rects:
        edges += rect_to_edges(rect)
    for curve in curves:
        edges += curve_to_edges(curve)
    return edges


def _bbox_object(kind: str, points: list[Point]) -> dict[str, Any]:
    xs, tops = [p[0] for p in points], [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "y0": -bottom, "y1": -top}


def _objects(page: pdfium.PdfPage, wanted: int) -> Iterator[tuple[Any, Matrix]]:
    """Every object of a type on the page, in content order, with its matrix to page space."""
    handle = page.raw
    yield from _walk([raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))],
                     _IDENTITY, wanted)


def _walk(objects: list[Any], outer: Matrix, wanted: int) -> Iterator[tuple[Any, Matrix]]:
    matrix = raw.FS_MATRIX()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (wanted, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        ctm = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == wanted:
            yield obj, ctm
        else:  # a form XObject: pdfminer draws its contents in place
            inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            yield from _walk(inner, ctm, wanted)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _subpaths(obj: Any, ctm: Matrix) -> Iterator[list[tuple[str, Point]]]:
    """Each subpath as pdfminer sees it: ("m"|"l"|"c"|"h", end point) in page space. A Bezier
    segment's control points are dropped, as pdfminer keeps only its end for the shape."""
    fx, fy = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = ctm
    current: list[tuple[str, Point]] = []
    pending_bezier = 0
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, fx, fy)
        point = (a * fx.value + c * fy.value + e, b * fx.value + d * fy.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if current:
                yield current
            current = [("m", point)]
            pending_bezier = 0
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending_bezier += 1
            if pending_bezier < 3:
                continue
            pending_bezier = 0
            current.append(("c", point))
        else:
            current.append(("l", point))
        if raw.FPDFPathSegment_GetClose(segment):
            current.append(("h", current[0][1]))
    if current:
        yield current


def _classify(path: list[tuple[str, Point]]) -> tuple[str, list[Point]]:
    """pdfminer's paint_path: a line, an axis-aligned rectangle, or a curve, with its points."""
    shape = "".join(op for op, _ in path)
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", pts
    return "curve", pts
