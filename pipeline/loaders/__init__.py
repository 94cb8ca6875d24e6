"""Loading a document: sniff its format from the bytes, then hand it to that format's loader."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders.sniff import sniff_format

MAX_BYTES = 200 * 1024 * 1024


def load_bytes(data: bytes) -> Document:
    """Turn the bytes of a document into a Document, whatever its format."""
    if len(data) > MAX_BYTES:
        raise ExtractionError(
            ErrorCode.TOO_LARGE, "load", f"the file is larger than {MAX_BYTES // 2**20} MiB"
        )
    # The format's loader is imported when a document needs it: the batch parent sniffs files
    # through this package and never loads one, and the PDF loader brings PDFium and NumPy.
    from pipeline.loaders import html, pdf, text

    data = utf16_as_utf8(data)
    fmt = sniff_format(data)
    if fmt == "pdf":
        return pdf.load(data)
    if fmt == "html":
        return html.load(data)
    return text.load(data)


def utf16_as_utf8(data: bytes) -> bytes:
    """Text saved as UTF-16 with a byte-order mark (Windows Notepad's "Unicode"), as UTF-8.

    >>> utf16_as_utf8("Contract £3m".encode("utf-16")).decode("utf-8")
    'Contract £3m'
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data  # not UTF-16 after all: the sniffer says what it is
    return data


__all__ = ["load_bytes", "sniff_format", "utf16_as_utf8"]
