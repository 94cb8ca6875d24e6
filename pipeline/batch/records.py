"""The records a batch run writes, as pydantic models; their JSON Schemas go into datapackage.json
(from models/record-schemas.json, see pipeline/batch/record_schemas.py).

Every input ends in exactly one terminal record: a ResultRecord (results.jsonl, its model in
record_schemas.py, beside the output schema it embeds) or an ErrorRecord
(errors.jsonl); an entry of an input folder that is not read at all (a symlink loop, a FIFO) gets
a SkipRecord (skipped.jsonl). Record files inside the run's state folder ("ledger records") are
plain dicts made by `ok_record` and `error_record`; they carry no paths, which belong to a run.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.errors import MESSAGE_LIMIT, ErrorCode

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the document's bytes")]
Record = dict[str, Any]  # a ledger record: {"id", "status", "bytes", "document" | "error"}


class RecordModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorRecord(RecordModel):
    """One document (or unreadable input, id null) that failed, with a stable code; or, from
    `council-facts watch`, a URL that could not be fetched (no paths, `url` set)."""

    id: Sha256 | None
    paths: list[str]
    code: ErrorCode
    stage: str
    message: Annotated[str, Field(max_length=MESSAGE_LIMIT)]
    url: str | None = Field(default=None, description="the URL of a document or page that could not be fetched, "
                                                      "or that a failed document was downloaded from")

    @model_validator(mode="after")
    def _somewhere(self) -> ErrorRecord:
        if not self.paths and not self.url:
            raise ValueError("an error record names a path or a URL")
        return self

    @property
    def where(self) -> str:
        if not self.paths:
            return str(self.url)
        return self.paths[0] + (f" (and {len(self.paths) - 1} more)" if len(self.paths) > 1 else "")


SkipReason = Literal["symlink_loop", "symlink_outside", "broken_symlink", "folder_already_read", "special_file",
                     "no_match"]


class SkipRecord(RecordModel):
    """An entry of the inputs that was not read, and why."""

    path: str
    reason: SkipReason
    detail: str


def ok_record(sha256: str, size: int, document: dict[str, Any]) -> Record:
    return {"id": sha256, "status": "ok", "bytes": size, "document": document}


def error_record(sha256: str, size: int, code: ErrorCode, stage: str, message: str) -> Record:
    message = " ".join(message.split())[:MESSAGE_LIMIT]
    return {"id": sha256, "status": "error", "bytes": size,
            "error": {"code": code.value, "stage": stage, "message": message}}


class DatasetCounts(RecordModel):
    """What the dataset holds: the same after an interrupted-and-resumed run as after one run."""

    inputs: int = Field(description="paths read (duplicates included)")
    documents: int = Field(description="distinct documents (by sha256)")
    succeeded: int
    failed: int = Field(description="error records, unreadable inputs included")
    errors: dict[str, int] = Field(description="error records by code")
    skipped: int
    skipped_reasons: dict[str, int]
    duplicate_paths: int = Field(description="paths beyond the first of a document")
    facts: int


class RunCounts(RecordModel):
    """What this run did; differs between a fresh run and a resumed one."""

    engine: Literal["local", "dask"]
    workers: int
    processed: int = Field(description="documents extracted by this run")
    reused: int = Field(description="documents whose stored record was reused")
    retried_after_crash: int
    started: str
    finished: str
    seconds: float
    documents_per_second: float | None
    stage_seconds: dict[str, float] = Field(description="time per pipeline stage, summed over processed documents")


class Summary(RecordModel):
    dataset: DatasetCounts
    run: RunCounts
    versions: dict[str, str]
    settings: dict[str, Any]
    exit_status: int
    watch: dict[str, int] | None = Field(default=None, description="council-facts watch: what this pass found "
                                                                   "(sites, meetings, new documents, 304s, errors)")
