"""SQL over a dataset with DuckDB, embedded: `council-facts query OUT/ "SELECT ..."`.

The Parquet tables are views named documents, facts, evidence, contracts and sources; errors and skipped read the
JSON Lines files. Nothing is copied or loaded: DuckDB reads the files where they are.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.batch.tables import TABLES

_JSONL_VIEWS = {
    "errors": {"id": "VARCHAR", "paths": "VARCHAR[]", "code": "VARCHAR", "stage": "VARCHAR", "message": "VARCHAR",
               "url": "VARCHAR"},
    "skipped": {"path": "VARCHAR", "reason": "VARCHAR", "detail": "VARCHAR"},
}


class QueryError(Exception):
    """Not a dataset, or SQL DuckDB rejects."""


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def connect(dataset: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the dataset's tables as views."""
    if not (dataset / "datapackage.json").is_file():
        raise QueryError(f"{dataset}: not a council-facts output folder (no datapackage.json)")
    connection = duckdb.connect(":memory:")
    for name in TABLES:
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_literal(dataset / f'{name}.parquet')})")
    for name, columns in _JSONL_VIEWS.items():
        spec = "{" + ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items()) + "}"
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_json({_literal(dataset / f'{name}.jsonl')}, "
                           f"format = 'newline_delimited', columns = {spec})")
    return connection


def query(dataset: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a query over the dataset."""
    connection = connect(dataset)
    try:
        result = connection.execute(sql)
        rows = result.fetchall()
        columns = [d[0] for d in result.description or []]
    except duckdb.Error as error:
        raise QueryError(" ".join(str(error).split())) from None
    finally:
        connection.close()
    return columns, rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 1250000, 12.5: not the column's six decimal places
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_text)
    return str(value)


def render(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Rows as an aligned table, CSV, or JSON Lines.

    >>> print(render(["name", "amount"], [("Acme", Decimal("1250000.000000"))], "table"), end="")
    name  amount
    ----  -------
    Acme  1250000
    """
    if fmt == "json":
        return "".join(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_text) + "\n"
                       for row in rows)
    cells = [[_text(v) for v in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return buffer.getvalue()
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"
