"""The flat tables of a dataset: their columns (one definition gives the Parquet schema and the
datapackage.json description) and how a document record becomes their rows.

    documents  one row per document (succeeded or failed)      key document_id (sha256 of the bytes)
    facts      one row per fact, value in typed columns         key fact_id (the fact's own stable id)
    evidence   one row per piece of evidence of a fact          key (fact_id, ordinal)
    contracts  one row per contract record                      key contract_id (the record's own stable id)
    sources    where `council-facts watch` found each document  key (document_id, url); empty for `extract`

Each fact type fills the value columns its value has (VALUE_COLUMNS); `value_json` keeps the
whole value, so nothing is lost to flattening. Amounts and percentages are DECIMAL, dates DATE.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

DECIMAL = pa.decimal128(38, 6)
_SCALE = Decimal("0.000001")


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    required: bool = False


def _c(name: str, type_: pa.DataType, description: str, required: bool = False) -> Column:
    return Column(name, type_, description, required)


DOCUMENTS = (
    _c("document_id", pa.string(), "sha256 of the document's bytes", True),
    _c("path", pa.string(), "the first of the paths the document was found at", True),
    _c("paths", pa.list_(pa.string()), "every path with these bytes", True),
    _c("status", pa.string(), "ok or error", True),
    _c("bytes", pa.int64(), "size of the file", True),
    _c("format", pa.string(), "pdf, html or text"),
    _c("pages", pa.int32(), "pages of a PDF"),
    _c("characters", pa.int64(), "characters of the extracted text"),
    _c("reference_date", pa.date32(), "the date relative expressions refer to"),
    _c("reference_date_origin", pa.string(), "detected, given or none"),
    _c("reference_date_text", pa.string(), "the text the reference date was found in"),
    _c("pipeline_version", pa.string(), "council-facts version that made the record"),
    _c("schema_version", pa.string(), "version of the output schema"),
    _c("facts", pa.int32(), "number of facts"),
    _c("error_code", pa.string(), "E_... for a failed document"),
    _c("error_stage", pa.string(), "the stage that failed"),
    _c("error_message", pa.string(), "why it failed (at most 500 characters)"),
)

FACTS = (
    _c("fact_id", pa.string(), "stable id: a hash of document, type, offsets and value", True),
    _c("document_id", pa.string(), "the document the fact is in", True),
    _c("position", pa.int32(), "0-based place of the fact in the document's text order", True),
    _c("type", pa.string(), "money, date, period, duration, organisation, legislation, duty, percentage", True),
    _c("text", pa.string(), "the text the fact was read from", True),
    _c("amount", DECIMAL, "money: amount in whole units of the currency"),
    _c("currency", pa.string(), "money: ISO 4217 code"),
    _c("role", pa.string(), "money, date and organisation: the role (contract_value, start, provider, ...)"),
    _c("per_annum", pa.bool_(), "money: a yearly amount"),
    _c("bound", pa.string(), "money: up_to, over, at_least, approximately"),
    _c("table_row", pa.string(), "money from a table: row header"),
    _c("table_column", pa.string(), "money from a table: column header"),
    _c("table_scale", DECIMAL, "money from a table: the scale its header gave (1000 for £000)"),
    _c("date", pa.date32(), "date: the day, or the first day of a month-precision date"),
    _c("date_precision", pa.string(), "date: day or month"),
    _c("period_start", pa.date32(), "period: first day"),
    _c("period_end", pa.date32(), "period: last day (inclusive)"),
    _c("kind", pa.string(), "period, legislation and percentage: the kind"),
    _c("duration", pa.string(), "duration: ISO 8601 (P5Y)"),
    _c("name", pa.string(), "organisation: name"),
    _c("aliases", pa.list_(pa.string()), "organisation: every other name seen"),
    _c("title", pa.string(), "legislation: short title"),
    _c("year", pa.int32(), "legislation: year"),
    _c("section", pa.string(), "legislation: section"),
    _c("legislation_id", pa.string(), "legislation: legislation.gov.uk id"),
    _c("citation", pa.string(), "legislation: full citation"),
    _c("legislation", pa.string(), "duty: the legislation it arises under"),
    _c("holder", pa.string(), "duty: who holds it"),
    _c("duty", pa.string(), "duty: what it is"),
    _c("percentage", DECIMAL, "percentage: value"),
    _c("unit", pa.string(), "percentage: percent or percentage_points"),
    _c("value_json", pa.string(), "the whole value as JSON", True),
)

EVIDENCE = (
    _c("fact_id", pa.string(), "the fact this is evidence of", True),
    _c("ordinal", pa.int32(), "0 for the fact's own span, then each further mention", True),
    _c("document_id", pa.string(), "the document", True),
    _c("kind", pa.string(), "fact (the span the fact was read from) or mention", True),
    _c("text", pa.string(), "the exact text", True),
    _c("start", pa.int64(), "character offset of the start in the document's text", True),
    _c("end", pa.int64(), "character offset of the end (exclusive)", True),
    _c("page", pa.int32(), "1-based page of a PDF"),
    _c("sentence", pa.string(), "the sentence (the fact's own span only)"),
    _c("component", pa.string(), "the pipeline component that found it (the fact's own span only)"),
)

CONTRACTS = (
    _c("contract_id", pa.string(), "stable id: a hash of document, action and evidence", True),
    _c("document_id", pa.string(), "the document the record is in", True),
    _c("position", pa.int32(), "0-based place of the record in the document", True),
    _c("action", pa.string(), "award, extension, variation, termination, procurement or other", True),
    _c("provider", pa.string(), "the supplier's name"),
    _c("provider_fact_id", pa.string(), "the supplier's organisation fact"),
    _c("buyer", pa.string(), "the council's name"),
    _c("buyer_fact_id", pa.string(), "the council's organisation fact"),
    _c("amount", DECIMAL, "the contract's value after the action, in whole units"),
    _c("currency", pa.string(), "ISO 4217 code of amount"),
    _c("per_annum", pa.bool_(), "amount is a yearly value"),
    _c("value_kind", pa.string(), "total or annual"),
    _c("value_fact_id", pa.string(), "the money fact of the value"),
    _c("change_amount", DECIMAL, "a stated change to the value, signed (a reduction is negative)"),
    _c("change_currency", pa.string(), "ISO 4217 code of change_amount"),
    _c("period_start", pa.date32(), "first day of the contract (or of the extension)"),
    _c("period_end", pa.date32(), "last day (inclusive)"),
    _c("duration", pa.string(), "ISO 8601 length (P5Y)"),
    _c("decision_date", pa.date32(), "the day of the decision, or the first day of its month"),
    _c("subject", pa.string(), "the service, as the text words it"),
    _c("legal_basis", pa.list_(pa.string()), "ids of the legislation and duty facts tied to it"),
    _c("fact_ids", pa.list_(pa.string()), "ids of every fact the record uses", True),
    _c("sentences", pa.list_(pa.string()), "the sentences the record rests on", True),
    _c("evidence_start", pa.int64(), "character offset of the first sentence", True),
    _c("evidence_end", pa.int64(), "character offset of the end of the last sentence", True),
    _c("record_json", pa.string(), "the whole record as JSON", True),
)

SOURCES = (
    _c("document_id", pa.string(), "the document downloaded (sha256 of its bytes)", True),
    _c("url", pa.string(), "the URL it was downloaded from", True),
    _c("site", pa.string(), "the watched site's name", True),
    _c("committee", pa.string(), "the committee of the meeting it was first seen at"),
    _c("meeting_id", pa.string(), "the site's id of that meeting"),
    _c("meeting_date", pa.date32(), "the day of that meeting"),
    _c("agenda_item", pa.string(), "the agenda item it is linked from"),
    _c("title", pa.string(), "the document's title as the site gives it"),
    _c("published", pa.date32(), "the day the site says it was published"),
    _c("first_seen", pa.timestamp("ms", tz="UTC"), "when council-facts watch first saw it there", True),
)

TABLES: dict[str, tuple[Column, ...]] = {"documents": DOCUMENTS, "facts": FACTS, "evidence": EVIDENCE,
                                         "contracts": CONTRACTS, "sources": SOURCES}
KEYS: dict[str, list[str]] = {"documents": ["document_id"], "facts": ["fact_id"], "evidence": ["fact_id", "ordinal"],
                              "contracts": ["contract_id"], "sources": ["document_id", "url"]}
FOREIGN_KEYS: dict[str, list[tuple[list[str], str, list[str]]]] = {
    "facts": [(["document_id"], "documents", ["document_id"])],
    "evidence": [(["fact_id"], "facts", ["fact_id"]), (["document_id"], "documents", ["document_id"])],
    "contracts": [(["document_id"], "documents", ["document_id"])],
    "sources": [(["document_id"], "documents", ["document_id"])],
}

# Value field -> column, per fact type; a nested value (money's table) fills COLUMN_FIELD columns.
VALUE_COLUMNS: dict[str, dict[str, str]] = {
    "money": {"amount": "amount", "currency": "currency", "role": "role", "per_annum": "per_annum",
              "bound": "bound", "table": "table"},
    "date": {"date": "date", "precision": "date_precision", "role": "role"},
    "period": {"start": "period_start", "end": "period_end", "kind": "kind"},
    "duration": {"duration": "duration"},
    "organisation": {"name": "name", "aliases": "aliases", "role": "role"},
    "legislation": {"title": "title", "year": "year", "kind": "kind", "section": "section",
                    "legislation_id": "legislation_id", "citation": "citation"},
    "duty": {"legislation": "legislation", "holder": "holder", "duty": "duty"},
    "percentage": {"value": "percentage", "kind": "kind", "unit": "unit"},
}
_TYPES = {column.name: column.type for column in FACTS}


def schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type, nullable=not c.required) for c in TABLES[table]])


def _typed(column: str, value: Any) -> Any:
    """A JSON value as the column's Python type: Decimal for decimals, date for dates."""
    if value is None:
        return None
    kind = _TYPES[column]
    if pa.types.is_decimal(kind):
        return Decimal(value).quantize(_SCALE)
    if pa.types.is_date(kind):
        return date.fromisoformat(value if len(value) > 7 else f"{value}-01")  # 2025-03: month precision
    return value


def value_columns(fact_type: str, value: dict[str, Any]) -> dict[str, Any]:
    """The typed columns a fact's value fills.

    >>> value_columns("period", {"start": "2024-04-01", "end": "2025-03-31", "kind": "financial_year"})
    {'period_start': datetime.date(2024, 4, 1), 'period_end': datetime.date(2025, 3, 31), 'kind': 'financial_year'}
    """
    columns: dict[str, Any] = {}
    for field_name, column in VALUE_COLUMNS.get(fact_type, {}).items():
        item = value.get(field_name)
        if isinstance(item, dict):
            columns.update({f"{column}_{key}": _typed(f"{column}_{key}", sub) for key, sub in item.items()
                            if f"{column}_{key}" in _TYPES})
        elif column in _TYPES:
            columns[column] = _typed(column, item)
    return columns


def document_row(record: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"document_id": record["id"], "path": paths[0], "paths": paths,
                           "status": record["status"], "bytes": record["bytes"]}
    if record["status"] == "ok":
        document = record["document"]
        source, reference, pipeline = document["source"], document["reference_date"], document["pipeline"]
        row.update(format=source["format"], pages=source["pages"], characters=source["characters"],
                   reference_date=_typed("date", reference["date"]), reference_date_origin=reference["origin"],
                   reference_date_text=reference.get("text"), pipeline_version=pipeline["version"],
                   schema_version=pipeline["schema_version"], facts=len(document["facts"]))
    else:
        error = record["error"]
        row.update(error_code=error["code"], error_stage=error["stage"], error_message=error["message"])
    return row


def fact_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for position, fact in enumerate(record["document"]["facts"]):
        row = {"fact_id": fact["id"], "document_id": record["id"], "position": position, "type": fact["type"],
               "text": fact["text"],
               "value_json": json.dumps(fact["value"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))}
        row.update(value_columns(fact["type"], fact["value"]))
        rows.append(row)
    return rows


def evidence_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for fact in record["document"]["facts"]:
        base = {"fact_id": fact["id"], "document_id": record["id"]}
        rows.append({**base, "ordinal": 0, "kind": "fact", "text": fact["text"], "start": fact["start"],
                     "end": fact["end"], "page": fact["page"], "sentence": fact["sentence"],
                     "component": fact["component"]})
        for ordinal, mention in enumerate(fact.get("mentions", []), start=1):
            rows.append({**base, "ordinal": ordinal, "kind": "mention", "text": mention["text"],
                         "start": mention["start"], "end": mention["end"], "page": mention.get("page")})
    return rows


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(_SCALE)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value if len(value) > 7 else f"{value}-01")


def contract_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for position, contract in enumerate(record["document"].get("contracts", [])):
        provider, buyer = contract.get("provider") or {}, contract.get("buyer") or {}
        value, change, period = contract.get("value") or {}, contract.get("value_change") or {}, contract.get(
            "period") or {}
        evidence = contract["evidence"]
        rows.append({
            "contract_id": contract["id"], "document_id": record["id"], "position": position,
            "action": contract["action"], "provider": provider.get("name"), "provider_fact_id": provider.get("fact_id"),
            "buyer": buyer.get("name"), "buyer_fact_id": buyer.get("fact_id"),
            "amount": _decimal(value.get("amount")), "currency": value.get("currency"),
            "per_annum": value.get("per_annum"), "value_kind": value.get("kind"), "value_fact_id": value.get("fact_id"),
            "change_amount": _decimal(change.get("amount")), "change_currency": change.get("currency"),
            "period_start": _day(period.get("start")), "period_end": _day(period.get("end")),
            "duration": contract.get("duration"), "decision_date": _day(contract.get("decision_date")),
            "subject": contract.get("subject"), "legal_basis": contract.get("legal_basis", []),
            "fact_ids": evidence["fact_ids"], "sentences": evidence["sentences"],
            "evidence_start": evidence["start"], "evidence_end": evidence["end"],
            "record_json": json.dumps(contract, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        })
    return rows


def sql_type(kind: pa.DataType) -> str:
    """The SQL type a warehouse should declare for a column.

    >>> sql_type(DECIMAL), sql_type(pa.list_(pa.string()))
    ('DECIMAL(38,6)', 'VARCHAR[]')
    """
    if pa.types.is_decimal(kind):
        return f"DECIMAL({kind.precision},{kind.scale})"
    if pa.types.is_list(kind):
        return sql_type(kind.value_type) + "[]"
    if pa.types.is_timestamp(kind):
        return "TIMESTAMP WITH TIME ZONE"
    return {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN",
            pa.date32(): "DATE"}[kind]


def table_schema_type(kind: pa.DataType) -> str:
    """The Frictionless Table Schema type of a column."""
    if pa.types.is_decimal(kind):
        return "number"
    if pa.types.is_list(kind):
        return "array"
    if pa.types.is_timestamp(kind):
        return "datetime"
    return {pa.string(): "string", pa.int32(): "integer", pa.int64(): "integer", pa.bool_(): "boolean",
            pa.date32(): "date"}[kind]


def source_row(source: dict[str, Any]) -> dict[str, Any]:
    """A row of `sources` from the watch state's record of it (ISO text dates and times)."""
    return {**{column.name: source.get(column.name) for column in SOURCES},
            "meeting_date": _day(source.get("meeting_date")), "published": _day(source.get("published")),
            "first_seen": datetime.fromisoformat(source["first_seen"])}
