"""A PDF page's characters and ruling lines from PDFium, shaped as pdfplumber's objects.

pdfplumber finds tables from a page's edges (ruled lines and rectangle sides) and fills the
cells from its characters; both come from pdfminer, which interprets the whole page in Python
and costs about 0.1-0.4 s a page. PDFium has parsed the page already: here are the same
characters (origin, advance, font size and descent, as pdfminer measures them) and the same
edges (paths split and classified as pdfminer classifies them), so pdfplumber's TableFinder
can run without pdfminer. A page this cannot describe faithfully (rotated, text that is not
upright, glyphs without Unicode) gets None, and the caller asks pdfplumber itself.

The page is read in two steps, as the tables need it: first its edges (all TableFinder
reads) and the boxes of its possible currency signs; then, only on a page where a table
holds one, the characters' boxes, which cost most (several PDFium calls a character).

One character is read differently on purpose: a hyphen that ended a line, which PDFium
replaces with U+0002 after reading it as U+002D or U+00AD (a soft hyphen). Which of the two
it was is lost, so it is read as "-", and table cells read a soft hyphen as "-" too
(pdf_tables.cell_text): both parsers then give the same cell.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges

from pipeline.loaders.pdf_cells import Box, Char

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# U+0002: PDFium's mark for a hyphen (U+002D or U+00AD) it took to end a line.
_MARKED_HYPHEN = 2
# What header_scale looks for in a header: £, $ and €.
_CURRENCY = {ord("£"), ord("$"), ord("€")}
# The characters PDFium may generate: spaces between words and line breaks.
_GENERATED = {ord(" "), ord("\r"), ord("\n")}


class PageGeometry:
    """What pdfplumber's TableFinder reads of a page (its edges and bbox), the boxes of every
    character that is, or may be read as, a currency sign (`currency`: a table without one
    has no money header and needs no text), and the characters on demand (`chars`)."""

    def __init__(self, edges: list[dict[str, Any]], width: float, height: float,
                 page: pdfium.PdfPage | None = None, textpage: pdfium.PdfTextPage | None = None) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)
        self._page, self._textpage, self._height = page, textpage, height
        self._kept: list[tuple[int, int]] = []
        self._unmapped = False
        self.currency: list[Box] = []
        if textpage is not None:
            self._kept, self.currency, self._unmapped = _scan(textpage.raw, height)

    def chars(self) -> list[Char] | None:
        """The characters as pdfminer boxes them, in pdfminer's order (content order, which
        ties in pdfplumber's sorts keep), or None when they may differ from pdfminer's."""
        if self._page is None or self._textpage is None:
            return []
        if self._unmapped:
            return None
        read = _chars(self._textpage.raw, self._kept, self._height)
        if read is None:
            return None
        chars, last_order = read
        spaces = _restore_spaces(self._page, self._textpage, last_order, self._height)
        if spaces is None:
            return None
        if spaces:  # into their places: pdfplumber meets characters in this order
            orders = [float(i) for i, _ in self._kept] + [order for order, _ in spaces]
            chars += [space for _, space in spaces]
            chars = [chars[i] for i in sorted(range(len(chars)), key=orders.__getitem__)]
        return chars


@contextmanager
def page_geometry(pdf: pdfium.PdfDocument, index: int,
                  opened: tuple[pdfium.PdfPage, pdfium.PdfTextPage] | None = None
                  ) -> Iterator[PageGeometry | None]:
    """The page's geometry while it is open, or None for a rotated page (pdfplumber turns its
    coordinates). `opened`: the page and its text page, already parsed and left to their
    owner to close."""
    page = opened[0] if opened else pdf[index]
    textpage = None
    try:
        if page.get_rotation() % 360:
            yield None
            return
        width, height = page.get_width(), page.get_height()
        edges = _edges(page, height)
        if not edges:  # no ruling, no table: the characters are not needed
            yield PageGeometry([], width, height)
            return
        textpage = opened[1] if opened else page.get_textpage()
        yield PageGeometry(edges, width, height, page, textpage)
    finally:
        if not opened:
            if textpage is not None:
                textpage.close()
            page.close()


# --- characters --------------------------------------------------------------------------

class _Handle(ctypes.c_void_p):
    """A pointer PDFium returns, kept as a ctypes object (a plain c_void_p comes back as an
    int) so that it can be handed back to PDFium as a pointer."""


@cache
def _function(name: str, restype: Any) -> Callable[..., Any]:
    """A PDFium function that holds the GIL and converts no arguments: its callers give each
    in its C type already (a c_void_p for a handle, an int for an index, byref() for an out
    parameter). pypdfium2's own binding checks each typed pointer and releases the GIL on
    every call, which cost more than the call itself when a page of figures asks several
    things of each of its characters."""
    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value or 0
    return ctypes.PYFUNCTYPE(restype)(address)


def _scan(handle: Any, height: float) -> tuple[list[tuple[int, int]], list[Box], bool]:
    """The characters pdfminer also has (index and code: not PDFium's generated spaces and
    line breaks), the boxes of those that may be currency signs, and whether any has no
    Unicode of its own (pdfminer may read it otherwise)."""
    unicode_of = _function("FPDFText_GetUnicode", ctypes.c_uint)
    is_generated = _function("FPDFText_IsGenerated", ctypes.c_int)
    unmapped_at = _function("FPDFText_HasUnicodeMapError", ctypes.c_int)
    loose_box_of = _function("FPDFText_GetLooseCharBox", ctypes.c_int)
    box = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
    box_out = ctypes.byref(box)
    text = ctypes.c_void_p(_address(handle))  # the text page, as PDFium takes it
    kept: list[tuple[int, int]] = []
    currency: list[Box] = []
    any_unmapped = False
    for i in range(raw.FPDFText_CountChars(handle)):
        code = unicode_of(text, i)
        if code in _GENERATED and is_generated(text, i):
            continue
        unmapped = unmapped_at(text, i)
        if code in _CURRENCY or unmapped:
            loose_box_of(text, i, box_out)
            left, top, right, bottom = box
            currency.append((left, height - top, right, height - bottom))
            any_unmapped = any_unmapped or bool(unmapped)
        kept.append((i, code))
    return kept, currency, any_unmapped


def _chars(handle: Any, kept: list[tuple[int, int]], height: float) -> tuple[list[Char], dict[int, float]] | None:
    """The characters as pdfminer boxes them, in the text page's order, and the order (index
    in the text page) of each text object's last character; None for text that is not upright."""
    text = ctypes.c_void_p(_address(handle))  # the text page, as PDFium takes it
    object_at = _function("FPDFText_GetTextObject", ctypes.c_void_p)
    origin_of = _function("FPDFText_GetCharOrigin", ctypes.c_int)
    loose_box_of = _function("FPDFText_GetLooseCharBox", ctypes.c_int)
    origin, box = (ctypes.c_double * 2)(), (ctypes.c_float * 4)()  # x, y; an FS_RECTF
    x_out, y_out = ctypes.byref(origin), ctypes.byref(origin, ctypes.sizeof(ctypes.c_double))
    box_out = ctypes.byref(box)
    # What is the same for every character of a text object: its scale, size and descent.
    objects: dict[int, tuple[float, float] | None] = {}
    last_order: dict[int, float] = {}
    chars: list[Char] = []
    current, size, descent = -1, 0.0, 0.0  # the text object of the character before
    for i, code in kept:
        obj = object_at(text, i) or 0
        if obj != current:  # most characters share the object of the one before
            if obj not in objects:
                objects[obj] = _object_metrics(handle, i, ctypes.cast(obj, raw.FPDF_PAGEOBJECT))
            metrics = objects[obj]
            if metrics is None:
                return None  # rotated or mirrored text: pdfminer's boxes for it are another shape
            current, (size, descent) = obj, metrics
        origin_of(text, i, x_out, y_out)
        loose_box_of(text, i, box_out)
        # pdfminer's box: from the origin, one advance wide, one font size tall, its foot at
        # the font's descent. PDFium's loose box has the same advance; its height differs.
        left, right, bottom = origin[0], box[2], origin[1] + descent
        top = bottom + size
        chars.append(("-" if code == _MARKED_HYPHEN else chr(code), left, right, height - top, height - bottom))
        last_order[obj] = float(i)
    return chars, last_order


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


def _restore_spaces(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, last_order: dict[int, float],
                    height: float) -> list[tuple[float, Char]] | None:
    """The spaces PDFium's text page leaves out and pdfminer keeps, with their places in the
    characters' order: text objects that hold only a space. pdfplumber splits words at every
    space, so without them two words can run together. None when PDFium left out an object
    with visible text (a duplicate drawn for a bold effect, say), which pdfminer would keep."""
    spaces: list[tuple[float, Char]] = []
    order = -1.0
    for obj, outer in _objects(page, raw.FPDF_PAGEOBJ_TEXT):
        address = _address(obj)
        if address in last_order:
            order = max(order, last_order[address])
            continue
        text = _object_text(obj, textpage) or " "  # PDFium reads a lone space as no text at all
        if text.strip():
            return None
        for n, space in enumerate(_spaces(obj, _matrix(obj, outer), len(text), height), start=1):
            spaces.append((order + n / (len(text) + 1), space))  # just after what precedes it
    return spaces


def _object_text(obj: Any, textpage: pdfium.PdfTextPage) -> str:
    size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\x00")


def _spaces(obj: Any, ctm: Matrix, count: int, height: float) -> list[Char]:
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
    spaces: list[Char] = []
    for _ in range(count):
        spaces.append((" ", x, x + width, top, bottom))
        x += width
    return spaces


# --- edges -------------------------------------------------------------------------------

def _edges(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """Edges in pdfplumber's order: every line's, then every rectangle's, then every curve's."""
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    for obj, outer in _objects(page, raw.FPDF_PAGEOBJ_PATH):
        for points in _subpaths(obj, _matrix(obj, outer)):
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
    """Every object of a type on the page, in content order, with the matrix to page space of
    what holds it (the page, or a form XObject): `_matrix` gives the object's own."""
    handle = page.raw
    yield from _walk([raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))],
                     _IDENTITY, wanted)


def _walk(objects: list[Any], outer: Matrix, wanted: int) -> Iterator[tuple[Any, Matrix]]:
    type_of = _function("FPDFPageObj_GetType", ctypes.c_int)
    for obj in objects:
        kind = type_of(obj)
        if kind == wanted:
            yield obj, outer
        elif kind == raw.FPDF_PAGEOBJ_FORM:  # pdfminer draws its contents in place
            inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            yield from _walk(inner, _matrix(obj, outer), wanted)


def _matrix(obj: Any, outer: Matrix) -> Matrix:
    """An object's matrix to page space, given that of what holds it."""
    matrix = (ctypes.c_float * 6)()  # an FS_MATRIX: a, b, c, d, e, f
    _function("FPDFPageObj_GetMatrix", ctypes.c_int)(obj, ctypes.byref(matrix))
    a, b, c, d, e, f = matrix[:]
    return _multiply((a, b, c, d, e, f), outer)


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
    x_out, y_out = ctypes.byref(fx), ctypes.byref(fy)
    segment_at = _function("FPDFPath_GetPathSegment", _Handle)
    type_of = _function("FPDFPathSegment_GetType", ctypes.c_int)
    point_of = _function("FPDFPathSegment_GetPoint", ctypes.c_int)
    closes = _function("FPDFPathSegment_GetClose", ctypes.c_int)
    a, b, c, d, e, f = ctm
    current: list[tuple[str, Point]] = []
    pending_bezier = 0
    for i in range(_function("FPDFPath_CountSegments", ctypes.c_int)(obj)):
        segment = segment_at(obj, i)
        kind = type_of(segment)
        point_of(segment, x_out, y_out)
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
        if closes(segment):
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
