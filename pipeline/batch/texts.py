"""Each document's text, kept in the dataset so that evidence can be shown where it was found.

    OUT/texts/SHA.txt.gz       the text the facts' offsets index into: UTF-8, gzip (mtime 0)
    OUT/texts/SHA.pages.json   {"pages": [{"number", "start", "end"}, ...]} for a document with pages (PDF)

`text[start:end] == fact.text` holds for every fact of OUT/documents/SHA.json, where `text` is the
gzip file's bytes decoded as UTF-8 with no newline translation (offsets count code points). The
worker puts the text in the ledger record (`record["text"]`) beside the document, so both engines
and a rebuild from stored records write the same files; gzip with a fixed mtime gives the same
bytes for the same text.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Document, Page
from pipeline.output import open_atomic

TEXTS_DIR = "texts"
TEXT_SUFFIX = ".txt.gz"
PAGES_SUFFIX = ".pages.json"
_TEXT_FILE = re.compile(r"^([0-9a-f]{64})(\.txt\.gz|\.pages\.json)$")
_LEVEL = 6  # zlib's default: a tenth of the time of level 9 for a few per cent more bytes


class TextError(Exception):
    """A stored text is missing or unreadable; the message names the file."""


@dataclass(frozen=True)
class StoredText:
    content: str
    pages: tuple[Page, ...] = ()


def text_entry(document: Document) -> dict[str, Any]:
    """What a ledger record carries of a loaded document: its text and its pages' offsets."""
    return {"content": document.text, "pages": [[p.number, p.start, p.end] for p in document.pages]}


def text_path(folder: Path, sha256: str) -> Path:
    return folder / f"{sha256}{TEXT_SUFFIX}"


def pages_path(folder: Path, sha256: str) -> Path:
    return folder / f"{sha256}{PAGES_SUFFIX}"


def compress(text: str) -> bytes:
    """Deterministic gzip of a text: the same text always gives the same bytes.

    >>> compress("£5m") == compress("£5m") and gzip.decompress(compress("£5m")).decode("utf-8")
    '£5m'
    """
    return gzip.compress(text.encode("utf-8"), compresslevel=_LEVEL, mtime=0)


def pages_json(pages: list[list[int]]) -> str:
    return json.dumps({"pages": [{"number": n, "start": s, "end": e} for n, s, e in pages]}) + "\n"


def write_text_files(folder: Path, sha256: str, entry: dict[str, Any] | None) -> set[str]:
    """Write one document's text (and pages) unless the same bytes are there; the names kept.

    A record stored before texts were kept has no entry: nothing is written for it.
    """
    if entry is None:
        return set()
    written = {text_path(folder, sha256).name}
    _write_bytes_if_changed(text_path(folder, sha256), compress(entry["content"]))
    if entry["pages"]:
        _write_bytes_if_changed(pages_path(folder, sha256), pages_json(entry["pages"]).encode("utf-8"))
        written.add(pages_path(folder, sha256).name)
    return written


def _write_bytes_if_changed(path: Path, data: bytes) -> None:
    """Thousands of per-document files on a nightly rerun: rewrite only those whose bytes change."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    with open_atomic(path) as handle:
        handle.write(data)


def remove_stale_texts(folder: Path, keep: set[str]) -> None:
    """A document that leaves the dataset takes its text with it."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if _TEXT_FILE.match(path.name) and path.name not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def read_text(folder: Path, sha256: str, *, paged: bool) -> StoredText:
    """A document's stored text, and its pages when it has them; TextError names a bad file."""
    path = text_path(folder, sha256)
    try:
        content = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise TextError(f"{path}: missing; the dataset keeps no text for this document (written by an older "
                        "council-facts?): run extract again with --reprocess") from None
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise TextError(f"{path}: not a readable gzip UTF-8 text ({exc})") from None
    if not paged:
        return StoredText(content)
    return StoredText(content, _read_pages(pages_path(folder, sha256), len(content)))


def _read_pages(path: Path, length: int) -> tuple[Page, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = tuple(Page(int(p["number"]), int(p["start"]), int(p["end"])) for p in data["pages"])
    except FileNotFoundError:
        raise TextError(f"{path}: missing; the document has pages but their offsets were not kept") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TextError(f"{path}: not a readable pages file ({type(exc).__name__}: {exc})") from None
    if any(not 0 <= p.start <= p.end <= length for p in pages):
        raise TextError(f"{path}: page offsets fall outside the text")
    return pages

