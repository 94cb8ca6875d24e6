"""The per-document function, and the worker process that runs it for the local pool.

`process(data, settings)` turns the bytes of one document into its ledger record and never
raises for a bad document: the local pool, Dask and Ray all call it. `run_task` adds reading
the file (checked against the hash the run planned with). `main` is the worker process: it
reads tasks as JSON lines on its standard input and answers on a pipe of its own
(`python -m pipeline.batch.worker CONFIG FD`), runs under an address-space limit, and dies with
its parent.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import gc
import hashlib
import json
import os
import signal
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from pydantic_core import to_json

from pipeline.batch import faults
from pipeline.batch.records import Record, error_record, ok_record
from pipeline.batch.settings import Settings
from pipeline.batch.spacy_import import import_spacy_without_cli
from pipeline.batch.texts import text_entry
from pipeline.errors import ErrorCode, ExtractionError

WARM_UP = "The contract with Acme Ltd is worth £4.5m from 1 April 2026 to 31 March 2029.\n".encode()


@dataclass(frozen=True)
class Task:
    """One document to process: a path the worker reads, or bytes (a document on standard input)."""

    id: str
    size: int
    path: str | None = None
    data: bytes | None = None
    meeting_date: str | None = None  # ISO day: the reference date when the text shows none (watch)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "size": self.size, "path": self.path,
                "data": base64.b64encode(self.data).decode() if self.data is not None else None,
                "meeting_date": self.meeting_date}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        raw = data.get("data")
        return cls(id=data["id"], size=data["size"], path=data.get("path"),
                   data=base64.b64decode(raw) if raw is not None else None, meeting_date=data.get("meeting_date"))


@dataclass(frozen=True)
class Done:
    """A finished document. `transient` records (the file vanished or changed under the run) are
    reported but never stored, so the next run reads the file afresh."""

    id: str
    record: Record
    timings: dict[str, float] = field(default_factory=dict)
    transient: bool = False
    stored: bool = False  # already in the ledger (a Dask partition writes its own); `record` may omit the document
    attempts: int = 1  # workers the document was given: 2 after a worker died under it

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "record": self.record, "timings": self.timings, "transient": self.transient,
                "stored": self.stored}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Done:
        return cls(id=data["id"], record=data["record"], timings=data.get("timings", {}),
                   transient=data.get("transient", False), stored=data.get("stored", False))


def process(data: bytes, settings: Settings, timings: dict[str, float] | None = None,
            meeting_date: str | None = None) -> Record:
    """The bytes of one document in, its record out: {"status": "ok", "document": ..., "text": ...}
    (pipeline/batch/texts.py) or {"status": "error", "error": {"code", "stage", "message"}}."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        from pipeline.extract import extract_with_text  # in the worker only: the parent never runs NLP

        result = extract_with_text(data, reference_date=settings.reference_date, timings=timings,
                                   meeting_date=date.fromisoformat(meeting_date) if meeting_date else None)
    except ExtractionError as error:
        return error_record(sha256, len(data), error.code, error.stage, error.message)
    except MemoryError:
        return error_record(sha256, len(data), ErrorCode.MEMORY, "extract", "ran out of memory")
    document = result.facts.model_dump(mode="json")
    text = text_entry(result.document)  # the dataset keeps it: evidence offsets index into it
    del result  # a long document's facts exist once as models and once as JSON, not both at once
    record = ok_record(sha256, len(data), document)
    record["text"] = text
    return record


def run_task(task: Task, settings: Settings, inject_faults: bool = False) -> Done:
    """Read the task's document (unless it came with its bytes) and process it."""
    if task.data is not None:
        data = task.data
    else:
        assert task.path is not None
        try:
            data = Path(task.path).read_bytes()
        except OSError as exc:
            record = error_record(task.id, 0, ErrorCode.NOT_FOUND, "read",
                                  f"cannot read the file ({exc.strerror or exc}); it went away during the run")
            return Done(task.id, record, transient=True)
        if hashlib.sha256(data).hexdigest() != task.id:
            record = error_record(task.id, len(data), ErrorCode.NOT_FOUND, "read",
                                  "the file changed while the run was reading it; run again to read its new content")
            return Done(task.id, record, transient=True)
    timings: dict[str, float] = {}
    try:
        if inject_faults:
            faults.inject(data)
        record = process(data, settings, timings, task.meeting_date)
    except MemoryError:
        record = error_record(task.id, len(data), ErrorCode.MEMORY, "extract", "ran out of memory")
    return Done(task.id, record, timings)


# --- the worker process ----------------------------------------------------------------------

def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the run that started it dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(0)


def limit_memory(limit: int) -> None:
    """Cap the address space: an allocation past it raises MemoryError instead of swapping the
    machine to a halt or waking the kernel's OOM killer."""
    try:
        import resource
    except ImportError:  # not on this platform: the run goes on without a memory limit
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):  # macOS refuses it: the run goes on without
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _send(channel: BinaryIO, message: dict[str, Any]) -> None:
    # Straight to UTF-8 bytes: json.dumps made a str and then its bytes, two copies of a message
    # that for a 100 MB text is a few hundred megabytes, and ran out of memory there.
    channel.write(to_json(message) + b"\n")
    channel.flush()


def main(argv: list[str] | None = None) -> int:
    """python -m pipeline.batch.worker CONFIG FD: tasks come on standard input, answers go to FD."""
    arguments = argv if argv is not None else sys.argv[1:]
    config = json.loads(arguments[0])
    _die_with_parent(config["parent"])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    channel = os.fdopen(int(arguments[1]), "wb")
    settings = Settings.from_json(config["settings"])
    # Starting up allocates some 100,000 objects that live as long as the worker (modules, spaCy's
    # vocabulary, compiled expressions) and leaves little garbage: the collections it triggered were
    # 2% of a worker's start, wasted. Frozen, they are not scanned again by each full collection
    # while documents are read either; what garbage they hold (under 1 MB) stays.
    gc.disable()
    import_spacy_without_cli()  # before anything imports spaCy: see pipeline/batch/spacy_import.py
    process(WARM_UP, settings)  # import and build everything before the clock of a document starts
    gc.freeze()
    gc.enable()
    limit_memory(config["max_memory"])
    inject_faults = faults.enabled()
    _send(channel, {"ready": os.getpid()})
    for line in sys.stdin.buffer:
        done = run_task(Task.from_json(json.loads(line)), settings, inject_faults)
        try:
            _send(channel, done.to_json())
        except MemoryError:
            size = done.record.get("bytes", 0)
            _send(channel, Done(done.id, error_record(done.id, size, ErrorCode.MEMORY, "write",
                                                      "ran out of memory writing the result")).to_json())
    return 0


if __name__ == "__main__":
    status = main()
    # Everything is flushed; tearing down spaCy's and NumPy's objects one by one took the parent
    # a tenth of a second of waiting at the end of every run, for nothing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
