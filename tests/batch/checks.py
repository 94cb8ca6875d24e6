"""Checks every batch test makes of an output folder: each file valid against its schema, keys
unique and joined, no temporary file left."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq

from pipeline.batch import tables
from pipeline.batch.record_schemas import ResultRecord
from pipeline.batch.state import STATE_DIR
from pipeline.batch.texts import TEXTS_DIR, read_text
from pipeline.output import TEMP_PREFIX
from pipeline.schema import DocumentFacts, json_schema

DATASET_FILES = {"results.jsonl", "errors.jsonl", "skipped.jsonl", "documents.parquet", "facts.parquet",
                 "contracts.parquet", "sources.parquet", "evidence.parquet", "datapackage.json", "summary.json"}


@dataclass
class Dataset:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    skipped: list[dict[str, Any]]
    summary: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def temporary_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.startswith(TEMP_PREFIX) or p.suffix == ".tmp"]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file a rerun must reproduce byte for byte: all but the run summary and worker logs."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "summary.json" and not p.name.startswith("worker-")}


def check_texts(out: Path, results: list[dict[str, Any]]) -> None:
    """Each succeeded document's text is kept (texts/SHA.txt.gz, and its pages for a PDF), and every
    fact's and mention's offsets index into it: text[start:end] is the evidence, on its page."""
    folder = out / TEXTS_DIR
    expected = {f"{r['id']}.txt.gz" for r in results}
    expected |= {f"{r['id']}.pages.json" for r in results if r["document"]["source"]["pages"] is not None}
    assert {p.name for p in folder.iterdir()} == expected if folder.exists() else not expected
    for result in results:
        document = result["document"]
        stored = read_text(folder, result["id"], paged=document["source"]["pages"] is not None)
        assert len(stored.content) == document["source"]["characters"]
        assert len(stored.pages) == (document["source"]["pages"] or 0)
        for fact in document["facts"]:
            for evidence in [fact, *fact.get("mentions", [])]:
                assert stored.content[evidence["start"]:evidence["end"]] == evidence["text"], (result["id"], fact)
                if stored.pages:  # the page is the last to start at or before the evidence (Document.page_at)
                    page = [p.number for p in stored.pages if p.start <= evidence["start"]][-1]
                    assert evidence["page"] == page, (result["id"], evidence)


def check_dataset(out: Path) -> Dataset:
    """Validate every file of a dataset and return its contents."""
    names = {p.name for p in out.iterdir()}
    assert names == DATASET_FILES | {"documents", "texts", STATE_DIR} or names == DATASET_FILES | {STATE_DIR}, names
    assert not temporary_files(out)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert {r["path"] for r in resources.values()} == DATASET_FILES - {"datapackage.json"}

    def valid(name: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        validator = jsonschema.Draft202012Validator(resources[name]["jsonSchema"])
        for item in items:
            validator.validate(item)
        return items

    # The JSON Schema validator takes ~0.1 s a document, so it checks one result of each format
    # and the pydantic models the schemas are generated from check them all.
    results = _lines(out / "results.jsonl")
    for result in results:
        ResultRecord.model_validate(result)
    firsts = {r["document"]["source"]["format"]: r for r in reversed(results)}
    valid("results", list(firsts.values()))
    errors = valid("errors", _lines(out / "errors.jsonl"))
    skipped = valid("skipped", _lines(out / "skipped.jsonl"))
    summary = valid("summary", [json.loads((out / "summary.json").read_text(encoding="utf-8"))])[0]

    document_schema = jsonschema.Draft202012Validator(json_schema())
    files = sorted((out / "documents").glob("*.json")) if (out / "documents").exists() else []
    assert [p.stem for p in files] == sorted(r["id"] for r in results)
    for path, result in zip(files, sorted(results, key=lambda r: r["id"]), strict=True):
        text = path.read_text(encoding="utf-8")
        document = DocumentFacts.model_validate_json(text)
        assert text == document.to_json()  # the canonical form, as `extract --stdout` prints it
        assert json.loads(text) == result["document"] and document.source.sha256 == path.stem
        if result in firsts.values():
            document_schema.validate(json.loads(text))
    check_texts(out, results)

    rows: dict[str, list[dict[str, Any]]] = {}
    for name in tables.TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(tables.schema(name)), name
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == table.schema.names
        assert [f["sqlType"] for f in fields] == [tables.sql_type(t) for t in table.schema.types]
        rows[name] = table.to_pylist()
        key = resources[name]["schema"]["primaryKey"]
        keys = [tuple(row[k] for k in key) for row in rows[name]]
        assert len(keys) == len(set(keys)), f"{name}: duplicate keys"
        for field in fields:
            if field.get("constraints", {}).get("required"):
                assert all(row[field["name"]] is not None for row in rows[name]), (name, field["name"])
    document_ids = {row["document_id"] for row in rows["documents"]}
    fact_ids = {row["fact_id"] for row in rows["facts"]}
    assert {row["document_id"] for row in rows["facts"]} <= document_ids
    assert {row["fact_id"] for row in rows["evidence"]} == fact_ids
    assert document_ids == {r["id"] for r in results} | {e["id"] for e in errors if e["id"]}
    assert sum(len(r["document"]["facts"]) for r in results) == len(rows["facts"]) == summary["dataset"]["facts"]
    # Contract records: one row each, in their document, every fact they use a fact of the dataset
    assert sum(len(r["document"].get("contracts", [])) for r in results) == len(rows["contracts"])
    assert {row["document_id"] for row in rows["contracts"]} <= document_ids
    assert all(set(row["fact_ids"]) <= fact_ids for row in rows["contracts"])
    assert {row["document_id"] for row in rows["sources"]} <= document_ids  # filled by `watch` only
    return Dataset(results, errors, skipped, summary, rows)
