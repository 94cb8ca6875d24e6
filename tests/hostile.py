"""Hostile inputs made by the tests themselves, so that a bare clone covers the error paths.

Each maker returns the bytes of one document that must fail with a known code; none of them is
written by anyone else. PDFs are built with pypdf (a test dependency), starting from our own sample.
"""

from __future__ import annotations

import io
import random
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, StreamObject

from tests.paths import SAMPLES

SAMPLE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(password: str = "secret", algorithm: str = "RC4-128") -> bytes:
    """Our sample PDF, encrypted with a user password (RC4 needs no crypto library)."""
    writer = PdfWriter(clone_from=PdfReader(SAMPLE_PDF))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm=algorithm)
    return _written(writer)


def zero_page_pdf() -> bytes:
    """A well-formed PDF with an empty page tree."""
    return _written(PdfWriter())


def blank_page_pdf() -> bytes:
    """One page and no text layer: a scan without OCR looks like this to a text reader."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return _written(writer)


def decompression_bomb_pdf(inflated_bytes: int = 256 * 2**20) -> bytes:
    """One page whose content stream is a few hundred kilobytes that inflate to `inflated_bytes`
    of white space: a reader must cope without holding the text of a bomb."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = StreamObject()
    compressor = zlib.compressobj(9)
    chunk = b" " * 2**20
    deflated = b"".join(compressor.compress(chunk) for _ in range(inflated_bytes // len(chunk)))
    stream.set_data(deflated + compressor.flush())  # type: ignore[no-untyped-call]
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    return _written(writer)


def truncated_pdf(fraction: float) -> bytes:
    data = SAMPLE_PDF.read_bytes()
    return data[: int(len(data) * fraction)]


def garbage(seed: int, size: int = 2000) -> bytes:
    return random.Random(seed).randbytes(size)


def binary_text(size: int = 4000) -> bytes:
    """Bytes of no text format, whatever the file's name says: NULs and control bytes."""
    return bytes(range(256)) * (size // 256)


__all__ = ["DecodedStreamObject", "binary_text", "blank_page_pdf", "decompression_bomb_pdf", "encrypted_pdf",
           "garbage", "truncated_pdf", "zero_page_pdf"]
