"""Loading a document: sniff its format from the bytes, then hand it to that format's loader."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders import html, pdf, text
from pipeline.loaders.sniff import sniff_format

MAX_BYTES = 200 * 1024 * 1024


def load_bytes(data: bytes) -> Document:
    """Turn the bytes of a document into a Document, whatever its format."""
    if len(data) > MAX_BYTES:
        raise ExtractionError(
            ErrorCode.TOO_LARGE, "load", f"the file is larger than {MAX_BYTES // 2**20} MiB"
        )
    fmt = sniff_format(data)
    if fmt == "pdf":
        return pdf.load(data)
    if fmt == "html":
        return html.load(data)
    return text.load(data)


__all__ = ["load_bytes", "sniff_format"]
