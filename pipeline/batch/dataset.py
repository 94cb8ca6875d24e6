"""The dataset: every file of OUT/ derived from the ledger records and the run's inputs.

    OUT/results.jsonl        one nested record per document that succeeded: {id, paths, document}
    OUT/errors.jsonl         one record per document or input that failed: {id, paths, code, stage, message, url}
    OUT/skipped.jsonl        entries of the inputs that were not read: {path, reason, detail}
    OUT/documents/SHA.json   each succeeded document alone, as `council-facts extract --stdout` prints it
    OUT/texts/SHA.txt.gz     each succeeded document's text, which its offsets index into (texts.py)
    OUT/documents.parquet, facts.parquet, evidence.parquet,
        contracts.parquet, sources.parquet                     the flat typed tables (tables.py)
    OUT/datapackage.json     tables, types, keys and the JSON Schemas of the JSON Lines files
    OUT/summary.json         the run summary (written by run.py, the one file that differs per run)

Rows are ordered by document id (then the document's own order) and the Parquet writer's settings
are fixed, so the same records always give the same bytes: reloading a dataset is idempotent,
and an interrupted-and-resumed run ends byte-identical to an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import SCHEMA_VERSION, __version__
from pipeline.batch import tables, texts
from pipeline.batch.inputs import Inputs
from pipeline.batch.records import ErrorRecord
from pipeline.batch.state import Store, is_record_name
from pipeline.output import document_json, open_atomic, write_atomic
from pipeline.resources import record_schemas

ROW_GROUP = 50_000  # rows: a fixed size keeps files deterministic and memory bounded
_COMPACT = {"ensure_ascii": False, "separators": (",", ":")}


class _ParquetTable:
    """Rows streamed into a Parquet file in fixed-size row groups."""

    def __init__(self, handle: BinaryIO, name: str) -> None:
        self.schema = tables.schema(name)
        self.writer = pq.ParquetWriter(handle, self.schema, compression="zstd", compression_level=3)
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows += rows
        self.count += len(rows)
        while len(self.rows) >= ROW_GROUP:
            self._flush(self.rows[:ROW_GROUP])
            self.rows = self.rows[ROW_GROUP:]

    def _flush(self, rows: list[dict[str, Any]]) -> None:
        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema), row_group_size=ROW_GROUP)

    def close(self) -> None:
        if self.rows or not self.count:  # an empty table still gets its schema
            self._flush(self.rows)
        self.writer.close()


def _jsonl(handle: BinaryIO, items: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    for item in items:
        handle.write(json.dumps(item, **_COMPACT).encode("utf-8") + b"\n")  # type: ignore[arg-type]


def build(out: Path, inputs: Inputs, store: Store, transient: dict[str, ErrorRecord],
          fetch_errors: list[ErrorRecord] | None = None,
          sources: list[dict[str, Any]] | None = None) -> tuple[int, Counter[str], int]:
    """Write every dataset file; returns the documents that succeeded, the errors by code and the facts.

    `transient` maps the id a document had when the run planned it to the error of a file that
    vanished or changed meanwhile: such a document is an error of this run without an id.
    `fetch_errors` and `sources` come from `council-facts watch`: URLs that could not be fetched,
    and where each downloaded document was found (sorted by document_id, url).
    """
    documents = sorted((d for d in inputs.documents.values() if d.id not in transient), key=lambda d: d.id)
    errors: list[ErrorRecord] = []
    urls: dict[str, str] = {}
    for source in sources or []:
        urls.setdefault(source["document_id"], source["url"])
    succeeded = facts = 0
    keep: set[str] = set()
    kept_texts: set[str] = set()
    with ExitStack() as stack:
        results = stack.enter_context(open_atomic(out / "results.jsonl"))
        parquet = {name: _ParquetTable(stack.enter_context(open_atomic(out / f"{name}.parquet")), name)
                   for name in tables.TABLES}
        for document in documents:
            record = store.load(document.id)
            parquet["documents"].add([tables.document_row(record, document.paths)])
            if record["status"] != "ok":
                errors.append(ErrorRecord(id=document.id, paths=document.paths, url=urls.get(document.id),
                                          **record["error"]))
                continue
            body = record["document"]
            body["source"]["path"] = document.paths[0]
            _jsonl(results, [{"id": document.id, "paths": document.paths, "document": body}])
            _write_if_changed(out / "documents" / f"{document.id}.json",
                              document_json(body))
            keep.add(f"{document.id}.json")
            kept_texts |= texts.write_text_files(out / texts.TEXTS_DIR, document.id, record.get("text"))
            parquet["facts"].add(tables.fact_rows(record))
            parquet["evidence"].add(tables.evidence_rows(record))
            parquet["contracts"].add(tables.contract_rows(record))
            facts += len(body["facts"])
            succeeded += 1
        parquet["sources"].add([tables.source_row(source) for source in sources or []])
        for table in parquet.values():
            table.close()
        errors += sorted([*inputs.unreadable, *transient.values()], key=lambda e: e.paths)
        errors += sorted(fetch_errors or [], key=lambda e: str(e.url))
        with open_atomic(out / "errors.jsonl") as handle:
            _jsonl(handle, [e.model_dump(mode="json") for e in errors])
        with open_atomic(out / "skipped.jsonl") as handle:
            _jsonl(handle, [s.model_dump(mode="json") for s in inputs.skipped])
    _remove_stale_documents(out / "documents", keep)
    texts.remove_stale_texts(out / texts.TEXTS_DIR, kept_texts)
    write_atomic(out / "datapackage.json", json.dumps(datapackage(store.key), ensure_ascii=False, indent=2) + "\n")
    return succeeded, Counter(e.code.value for e in errors), facts


def _write_if_changed(path: Path, text: str) -> None:
    """Thousands of per-document files: rewrite only those whose bytes change."""
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return
    except OSError:
        pass
    write_atomic(path, text)


def _remove_stale_documents(folder: Path, keep: set[str]) -> None:
    """A document no longer among the inputs leaves the dataset, its file too."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if is_record_name(path.name) and path.name not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def datapackage(key: str) -> dict[str, Any]:
    """The dataset's description (a Frictionless Data Package): tables, types, keys, JSON Schemas."""
    resources: list[dict[str, Any]] = []
    for name, columns in tables.TABLES.items():
        fields = []
        for column in columns:
            field: dict[str, Any] = {"name": column.name, "type": tables.table_schema_type(column.type),
                                     "sqlType": tables.sql_type(column.type), "description": column.description}
            if column.required:
                field["constraints"] = {"required": True}
            fields.append(field)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": tables.KEYS[name]}
        if name in tables.FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": mine, "reference": {"resource": other, "fields": theirs}}
                                     for mine, other, theirs in tables.FOREIGN_KEYS[name]]
        resources.append({"name": name, "path": f"{name}.parquet", "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet", "profile": "tabular-data-resource",
                          "schema": schema})
    schemas = record_schemas()
    for name, description in [("results", "one nested record per document that succeeded"),
                              ("errors", "one record per document or input that failed"),
                              ("skipped", "entries of the inputs that were not read")]:
        resources.append({"name": name, "path": f"{name}.jsonl", "format": "jsonl",
                          "mediatype": "application/x-ndjson", "description": description,
                          "jsonSchema": schemas[name]})
    resources.append({"name": "summary", "path": "summary.json", "format": "json", "mediatype": "application/json",
                      "description": "the last run's summary: counts, versions, timings",
                      "jsonSchema": schemas["summary"]})
    return {
        "profile": "data-package",
        "name": "council-facts",
        "title": "Facts from UK council documents",
        "description": "Facts extracted by council-facts with their evidence. Keys are stable: document_id is the "
                       "sha256 of the document's bytes, fact_id a hash of the document, type, offsets and value, "
                       "so loading the same run twice changes nothing. documents/SHA.json holds each document "
                       "alone, valid against the schema `council-facts schema` prints; texts/SHA.txt.gz its text "
                       "(UTF-8, gzip), which the facts' start and end offsets index into, and texts/SHA.pages.json "
                       "its pages' offsets when it has pages.",
        "council_facts": {"version": __version__, "schema_version": SCHEMA_VERSION, "settings_key": key},
        "resources": resources,
    }
