"""Plain text in UTF-8, UTF-8 with a byte-order mark, or Windows-1252."""

from __future__ import annotations

import re

from pipeline.document import Document


def decode(data: bytes) -> str:
    """Decode text the way UK council files come: UTF-8 (with or without BOM), else Windows-1252.

    >>> decode("£5".encode("utf-8-sig")), decode("£5".encode("utf-8")), decode("£5".encode("cp1252"))
    ('£5', '£5', '£5')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so nothing is lost.
        return data.decode("cp1252", errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return _CONTROL.sub("", text)


def load(data: bytes) -> Document:
    text = normalise_text(decode(data))
    return Document(text=text, format="text")
