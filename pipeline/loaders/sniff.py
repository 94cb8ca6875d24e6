"""The format of a document, decided from its bytes rather than its file name."""

from __future__ import annotations

import re

from pipeline.errors import ErrorCode, ExtractionError

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(rb"<(html|body|div|p|table|h[1-6]|span|ul|section|article)(\s[^>]*)?>", re.I)

# Binary formats people point us at by mistake; naming them makes the error useful.
_MAGIC: list[tuple[bytes, str]] = [
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word .docx or Excel .xlsx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc or .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
]


def sniff_format(data: bytes) -> str:
    """Return "pdf", "html" or "text"; raise ExtractionError for anything else.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format(b"<!DOCTYPE html><p>Hi</p>")
    'html'
    >>> sniff_format("Contract value £3m".encode("cp1252"))
    'text'
    """
    if not data.strip() or _blank_text(data):
        raise ExtractionError(ErrorCode.EMPTY, "load", "the file is empty")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ExtractionError(ErrorCode.UNSUPPORTED, "load", f"not a supported format: {what}")
    sample = data[:65536].lstrip(b"\xef\xbb\xbf")
    if _looks_binary(sample):
        raise ExtractionError(
            ErrorCode.UNSUPPORTED, "load", "not a supported format: binary data, not PDF, HTML or text"
        )
    if _HTML_START.match(sample) or len(_HTML_TAG.findall(sample[:8192])) >= 2:
        return "html"
    return "text"


def _blank_text(data: bytes) -> bool:
    """Text with nothing but a byte-order mark and whitespace (U+00A0 included) is empty too."""
    if len(data) > 4096:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return not text.strip()


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        # UTF-16 with a byte-order mark was made UTF-8 before sniffing (loaders.utf16_as_utf8);
        # without one it cannot be told from binary data.
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01
