"""The public API: a document in, its facts out, through ordered stages.

    read -> load (format sniffed from bytes) -> nlp (spaCy components find and normalise)
         -> assemble (evidence, text order) -> validate (schema and semantic checks)
         -> link (contract records from the facts)

A stage that cannot go on raises ExtractionError naming itself; anything unexpected becomes
E_INTERNAL with the stage it happened in, never a traceback for the user.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from pipeline import __version__
from pipeline.document import Document
from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders import MAX_BYTES, load_bytes
from pipeline.loaders.text import normalise_text
from pipeline.pieces import PIECE_CHARACTERS, merge_organisations, piece_bounds, piece_of
from pipeline.schema import DocumentFacts, Pipeline, ReferenceDate, Source

Source_ = str | os.PathLike[str] | bytes


@contextmanager
def _stage(name: str, timings: dict[str, float] | None) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    except ExtractionError:
        raise
    except MemoryError:
        raise ExtractionError(ErrorCode.MEMORY, name, "ran out of memory") from None
    except RecursionError:
        raise ExtractionError(ErrorCode.INTERNAL, name, "the document nests too deeply to read") from None
    except Exception as exc:  # a bug of ours: the user gets a code and a line, not a traceback
        raise ExtractionError(ErrorCode.INTERNAL, name, f"{type(exc).__name__}: {exc}") from exc
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def _is_file(name: str) -> bool:
    """Whether a string names a file; a line of text longer than a file name may be is text."""
    try:
        return Path(name).is_file()
    except OSError:  # ENAMETOOLONG: no file has such a name
        return False


def read_source(source: Source_) -> tuple[bytes | None, str | None, str | None]:
    """(bytes, text, path): a path or bytes give bytes; a string that is no file is text."""
    if isinstance(source, bytes):
        return source, None, None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source
                                            and len(source) < 4096 and _is_file(source)):
        path = Path(source)
        try:
            return path.read_bytes(), None, str(source)
        except FileNotFoundError:
            raise ExtractionError(ErrorCode.NOT_FOUND, "read", "no such file", source=str(source)) from None
        except IsADirectoryError:
            raise ExtractionError(ErrorCode.UNSUPPORTED, "read", "is a folder, not a document",
                                  source=str(source)) from None
        except OSError as exc:
            raise ExtractionError(ErrorCode.NOT_FOUND, "read", f"cannot read the file ({exc.strerror})",
                                  source=str(source)) from None
    return None, str(source), None


def extract(source: Source_, *, reference_date: date | None = None, path: str | None = None,
            timings: dict[str, float] | None = None) -> DocumentFacts:
    """Extract the facts of one document: a path, the bytes of a file, or its text.

    >>> result = extract("The contract is worth £4.5m from 1 April 2026 to 31 March 2029.")
    >>> [(f.type, f.text) for f in result.facts]
    [('money', '£4.5m'), ('period', 'from 1 April 2026 to 31 March 2029')]
    """
    return extract_with_text(source, reference_date=reference_date, path=path, timings=timings).facts


@dataclass(frozen=True)
class Extraction:
    """A document's facts and the loaded document (text and pages) their offsets index into."""

    facts: DocumentFacts
    document: Document


def extract_with_text(source: Source_, *, reference_date: date | None = None, path: str | None = None,
                      timings: dict[str, float] | None = None, meeting_date: date | None = None) -> Extraction:
    """`extract`, keeping the text: a dataset stores it so that evidence can be shown in place.

    >>> found = extract_with_text("The grant is £5m.")
    >>> [found.document.text[f.start:f.end] for f in found.facts.facts]
    ['£5m']
    """
    try:
        with _stage("read", timings):
            data, text, read_path = read_source(source)
            path = path or read_path
        with _stage("load", timings):
            if data is not None:
                document = load_bytes(data)
            else:
                assert text is not None
                if not text.strip():
                    raise ExtractionError(ErrorCode.EMPTY, "load", "the text is empty")
                if len(text) > MAX_BYTES:
                    raise ExtractionError(ErrorCode.TOO_LARGE, "load",
                                          f"the text is longer than {MAX_BYTES // 2**20} Mi characters")
                data = text.encode("utf-8")
                document = Document(text=normalise_text(text), format="text")
        facts = extract_document(document, data, path=path, reference_date=reference_date, timings=timings,
                                 meeting_date=meeting_date)
        return Extraction(facts, document)
    except ExtractionError as error:
        if path and not error.source:
            raise error.with_source(path) from None
        raise


def extract_document(document: Document, data: bytes, *, path: str | None = None,
                     reference_date: date | None = None,
                     timings: dict[str, float] | None = None, meeting_date: date | None = None,
                     piece_characters: int = PIECE_CHARACTERS) -> DocumentFacts:
    """`meeting_date`: the day of the earliest meeting the document was published for (council-facts
    watch), its reference date when its text shows none of its own. A text longer than
    `piece_characters` is read in pieces (pipeline.pieces)."""
    # The NLP side (spaCy and everything built on it) is imported here, on first use: a batch
    # run's parent imports this module and never runs NLP, and spaCy was most of its start-up.
    from pipeline.assemble import assemble, sentence_bounds
    from pipeline.contracts import link_contracts
    from pipeline.facts.document_date import detect_document_date
    from pipeline.nlp import build_nlp

    sha256 = hashlib.sha256(data).hexdigest()
    with _stage("nlp", timings):
        nlp = build_nlp()
        if reference_date is not None:
            reference = ReferenceDate(date=reference_date.isoformat(), origin="given")
        else:
            found = detect_document_date(document.text)
            if found:
                reference = ReferenceDate(date=found.date.isoformat(), origin="detected", text=found.text)
            elif meeting_date is not None:
                reference = ReferenceDate(date=meeting_date.isoformat(), origin="meeting")
            else:
                reference = ReferenceDate(date=None, origin="none")
    pieces = piece_bounds(document.text, piece_characters)
    facts: list[dict[str, object]] = []
    sentences: list[tuple[int, int]] = []
    for start, end in pieces:
        part = document if len(pieces) == 1 else piece_of(document, start, end)
        with _stage("nlp", timings):
            doc = nlp.make_doc(part.text)
            doc._.document = part
            doc._.text_cache = part.text  # spaCy's Doc.text would join every token again
            doc._.reference_date = date.fromisoformat(reference.date) if reference.date else None
            for _, component in nlp.pipeline:
                doc = component(doc)
        with _stage("assemble", timings):
            facts += assemble(doc, document, sha256, offset=start)
            sentences += [(a + start, b + start) for a, b in sentence_bounds(doc)]
        del doc  # a piece's tokens go before the next piece's come
    if len(pieces) > 1:
        facts = merge_organisations(facts, sha256)
    with _stage("validate", timings):
        try:
            result = DocumentFacts.model_validate({
                "source": Source(path=path, sha256=sha256, bytes=len(data), format=document.format,  # type: ignore[arg-type]
                                 pages=len(document.pages) or None, characters=len(document.text)),
                "pipeline": Pipeline(version=__version__),
                "reference_date": reference,
                "facts": facts,
            })
        except ValidationError as exc:
            raise ExtractionError(ErrorCode.INVALID_OUTPUT, "validate", str(exc).splitlines()[0]) from exc
        check_semantics(result)
        del facts  # the models hold them now: a long document's facts are not kept twice
    with _stage("link", timings):
        contracts = link_contracts(document.text, sentences, result.facts, sha256)
    return result.model_copy(update={"contracts": contracts}) if contracts else result


def check_semantics(result: DocumentFacts) -> None:
    """What a schema cannot say: evidence must be where it says it is."""
    for fact in result.facts:
        if fact.end > result.source.characters:
            raise ExtractionError(ErrorCode.INVALID_OUTPUT, "validate",
                                  f"fact {fact.id} points past the end of the text")
