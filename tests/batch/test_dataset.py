"""The dataset for warehouses: typed tables that cover every value field, deterministic bytes, and
SQL over it with `council-facts query` (the README's example included)."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner, Result

from pipeline.batch import tables
from pipeline.batch.dataset import datapackage
from pipeline.batch.record_schemas import generate_text
from pipeline.cli import cli
from pipeline.schema import VALUE_MODELS
from tests.batch.checks import check_dataset, snapshot
from tests.paths import ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def samples_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "output"
    result = invoke("extract", SAMPLES, "-o", out, "--workers", "2")
    assert result.exit_code == 0, result.output
    return out


def test_every_field_of_every_fact_value_has_a_typed_column() -> None:
    columns = {c.name: c.type for c in tables.FACTS}
    for fact_type, model in VALUE_MODELS.items():
        mapping = tables.VALUE_COLUMNS[fact_type]
        assert set(mapping) == set(model.model_fields), f"{fact_type}: map every value field to a column"
        for column in mapping.values():
            assert column in columns or any(c.startswith(f"{column}_") for c in columns), column
    assert columns["amount"] == columns["percentage"] == pa.decimal128(38, 6)
    assert columns["date"] == columns["period_start"] == columns["period_end"] == pa.date32()


def test_value_columns_are_typed(samples_dataset: Path) -> None:
    data = check_dataset(samples_dataset)
    money = [r for r in data.tables["facts"] if r["type"] == "money"]
    assert money and all(isinstance(r["amount"], Decimal) and r["currency"] == "GBP" for r in money)
    assert all(Decimal(json.loads(r["value_json"])["amount"]) == r["amount"] for r in money)
    scaled = [r for r in money if r["table_scale"] is not None]
    assert scaled and all(r["table_row"] and r["table_column"] for r in scaled)
    periods = [r for r in data.tables["facts"] if r["type"] == "period"]
    assert periods and all(r["period_start"] <= r["period_end"] for r in periods)
    mentions = [r for r in data.tables["evidence"] if r["kind"] == "mention"]
    assert mentions and all(r["sentence"] is None for r in mentions)


def test_the_same_records_give_the_same_bytes(samples_dataset: Path, tmp_path: Path) -> None:
    """Rebuilt from the stored records alone (every document reused), every file is byte-identical."""
    copy = tmp_path / "output"
    shutil.copytree(samples_dataset, copy)
    for name in ["results.jsonl", "facts.parquet", "evidence.parquet", "documents.parquet", "datapackage.json"]:
        (copy / name).unlink()
    shutil.rmtree(copy / "documents")
    result = invoke("extract", SAMPLES, "-o", copy)
    assert result.exit_code == 0, result.output
    assert check_dataset(copy).summary["run"]["processed"] == 0
    assert snapshot(copy) == snapshot(samples_dataset)


def test_datapackage_declares_keys_and_types() -> None:
    package = datapackage("0123456789abcdef")
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["facts"]["schema"]["primaryKey"] == ["fact_id"]
    assert resources["evidence"]["schema"]["primaryKey"] == ["fact_id", "ordinal"]
    assert {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}} in \
        resources["facts"]["schema"]["foreignKeys"]
    fields = {f["name"]: f for f in resources["facts"]["schema"]["fields"]}
    assert (fields["amount"]["type"], fields["amount"]["sqlType"]) == ("number", "DECIMAL(38,6)")
    assert (fields["period_start"]["type"], fields["period_start"]["sqlType"]) == ("date", "DATE")


def test_query_prints_a_table_csv_and_json(samples_dataset: Path) -> None:
    sql = "SELECT type, count(*) AS n FROM facts GROUP BY type ORDER BY type"
    table = invoke("query", samples_dataset, sql)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["type", "n"]
    csv_rows = invoke("query", samples_dataset, sql, "--format", "csv").stdout.splitlines()
    json_lines = invoke("query", samples_dataset, sql, "--format", "json").stdout.splitlines()
    json_rows = [json.loads(line) for line in json_lines]
    assert csv_rows[0] == "type,n" and len(csv_rows) - 1 == len(json_rows) > 3
    assert {r["type"] for r in json_rows} >= {"money", "organisation", "period"}
    empty = invoke("query", samples_dataset, "SELECT count(*) AS n FROM errors UNION ALL SELECT count(*) FROM skipped")
    assert empty.stdout.split()[-2:] == ["0", "0"]


def test_query_errors_are_one_line(samples_dataset: Path, tmp_path: Path) -> None:
    bad_sql = invoke("query", samples_dataset, "SELECT nothing FROM nowhere")
    assert bad_sql.exit_code == 2 and len(bad_sql.stderr.strip().splitlines()) == 1
    not_a_dataset = invoke("query", tmp_path, "SELECT 1")
    assert not_a_dataset.exit_code == 2 and "not a council-facts output folder" in not_a_dataset.stderr


def test_the_readme_query_finds_the_providers_of_contracts_over_a_million(samples_dataset: Path) -> None:
    match = re.search(r'council-facts query output/ "\n(.*?)\n"', README, re.DOTALL)
    assert match, "the README's providers query"
    result = invoke("query", samples_dataset, match[1], "--format", "json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    found = {(r["provider"], r["action"], r["period_start"], r["period_end"]) for r in rows}
    assert ("Safer Futures Partnership CIC", "award", "2025-07-01", "2028-06-30") in found
    assert ("Harbourside Health Partnership", "extension", "2022-04-01", "2024-03-31") in found
    assert all(Decimal(r["value"]) > 1_000_000 for r in rows)


def test_committed_record_schemas_never_drift_from_the_models() -> None:
    # datapackage.json reads them from the committed file; `python -m pipeline.batch.record_schemas` remakes it.
    assert (ROOT / "models" / "record-schemas.json").read_text(encoding="utf-8") == generate_text()
