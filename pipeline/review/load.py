"""Reading a dataset written by `council-facts extract -o OUT` for review, one document at a time.

    OUT/documents.parquet      the documents of the dataset: id, paths, status (the listing)
    OUT/documents/SHA.json     each succeeded document's facts and contract records
    OUT/texts/SHA.txt.gz       its text, which the facts' offsets index into (pipeline/batch/texts.py)
    OUT/errors.jsonl           the documents and inputs that failed

Documents are yielded one by one, so memory stays that of the largest document whatever the
dataset's size. Anything unreadable or inconsistent is a ReviewError whose message starts with the
file it is about; the command line prints it as one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline.batch.texts import TEXTS_DIR, TextError, read_text
from pipeline.document import Page
from pipeline.schema import DocumentFacts


class ReviewError(Exception):
    """The dataset cannot be reviewed; the message names the file at fault."""


class NotADataset(ReviewError):
    """The folder given is not a dataset written by `extract -o` (a usage error)."""


@dataclass(frozen=True)
class ErrorEntry:
    """A failed document or input, as errors.jsonl has it; `url` is set for fetched documents."""

    id: str | None
    paths: tuple[str, ...]
    code: str
    stage: str
    message: str
    url: str | None = None


@dataclass(frozen=True)
class LoadedDocument:
    id: str
    paths: tuple[str, ...]
    facts: DocumentFacts
    text: str
    pages: tuple[Page, ...]


def check_dataset(out: Path) -> None:
    """Raise NotADataset unless `out` holds the files every dataset has."""
    if not out.is_dir():
        raise NotADataset(f"{out}: not a folder; give a dataset folder written by council-facts extract -o")
    missing = [name for name in ("documents.parquet", "errors.jsonl") if not (out / name).is_file()]
    if missing:
        raise NotADataset(f"{out}: not a dataset written by council-facts extract -o (no {', '.join(missing)})")


def read_errors(out: Path) -> list[ErrorEntry]:
    """Every record of errors.jsonl, in the file's (deterministic) order."""
    path = out / "errors.jsonl"
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(_error_entry(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise ReviewError(f"{path}: line {number} is not an error record ({type(exc).__name__}: {exc})") from None
    return entries


def _error_entry(data: dict[str, Any]) -> ErrorEntry:
    url = data.get("url")
    return ErrorEntry(id=data.get("id"), paths=tuple(str(p) for p in data["paths"]), code=str(data["code"]),
                      stage=str(data["stage"]), message=str(data["message"]),
                      url=str(url) if url is not None else None)


def list_documents(out: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(id, paths) of every document that succeeded, in id order, from documents.parquet."""
    import pyarrow.parquet as pq  # only here: the review's other modules need no Arrow

    path = out / "documents.parquet"
    try:
        table = pq.read_table(path, columns=["document_id", "paths", "status"])
    except (OSError, ValueError, KeyError) as exc:  # pyarrow's errors derive from these
        raise ReviewError(f"{path}: not a readable documents table ({exc})") from None
    rows = table.to_pydict()
    listed = [(str(doc_id), tuple(paths or ())) for doc_id, paths, status
              in zip(rows["document_id"], rows["paths"], rows["status"], strict=True) if status == "ok"]
    return sorted(listed)


def iter_documents(out: Path) -> Iterator[LoadedDocument]:
    """Each succeeded document with its text, checked: every fact's evidence is where it says."""
    for doc_id, paths in list_documents(out):
        yield load_document(out, doc_id, paths)


def load_document(out: Path, doc_id: str, paths: tuple[str, ...]) -> LoadedDocument:
    path = out / "documents" / f"{doc_id}.json"
    try:
        facts = DocumentFacts.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ReviewError(f"{path}: missing; documents.parquet lists the document as succeeded") from None
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except ValidationError as exc:
        raise ReviewError(f"{path}: not a valid document file ({_first_error(exc)})") from None
    if facts.source.sha256 != doc_id:
        raise ReviewError(f"{path}: holds document {facts.source.sha256}, not the one its name says")
    try:
        stored = read_text(out / TEXTS_DIR, doc_id, paged=facts.source.pages is not None)
    except TextError as exc:
        raise ReviewError(str(exc)) from None
    check_evidence(facts, stored.content, out / TEXTS_DIR / f"{doc_id}.txt.gz")
    return LoadedDocument(doc_id, paths or ((facts.source.path,) if facts.source.path else ()), facts,
                          stored.content, stored.pages)


def check_evidence(facts: DocumentFacts, text: str, text_file: Path) -> None:
    """Every fact's and mention's text must be the text at its offsets: the review shows evidence
    where the offsets say, so a text that disagrees with its document would show the wrong words."""
    for fact in facts.facts:
        spans = [(fact.text, fact.start, fact.end)] + [(m.text, m.start, m.end) for m in getattr(fact, "mentions", [])]
        for evidence, start, end in spans:
            if text[start:end] != evidence:
                raise ReviewError(f"{text_file}: the text at {start}:{end} is not fact {fact.id}'s evidence "
                                  f"{evidence[:60]!r}; the text and documents/{facts.source.sha256}.json disagree")


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return str(exc).splitlines()[0]
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}" if where else str(first.get("msg", ""))
