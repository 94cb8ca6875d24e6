"""The review pages' models: what the templates show, built from a loaded document.

Values are shown normalised, as the dataset holds them (amounts in whole units with their ISO
currency, ISO dates and durations, legislation.gov.uk ids), because the review is there to check
the normalisation against the words of the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from pipeline.review.charts import Bar, Period, bar_chart, money_by_role, timeline
from pipeline.review.highlight import highlight, spans_of
from pipeline.review.load import LoadedDocument
from pipeline.schema import VALUE_MODELS, ContractRecord, DocumentFacts

TYPES: tuple[str, ...] = tuple(VALUE_MODELS)  # every fact type, in the schema's order
LEGISLATION_SITE = "https://www.legislation.gov.uk/"
_LEGISLATION_ID = re.compile(r"^[a-z]+(/[A-Za-z0-9_-]+)+$")


@dataclass(frozen=True)
class ValuePart:
    label: str
    text: str
    href: str | None = None


@dataclass(frozen=True)
class FactLink:
    fact_id: str
    type: str
    text: str
    linked: bool  # False when the fact is not among the document's (never expected; shown unlinked)


@dataclass(frozen=True)
class FactRow:
    id: str
    type: str
    text: str
    page: int | None
    start: int
    end: int
    value: list[ValuePart]
    mentions: int


@dataclass(frozen=True)
class ContractField:
    label: str
    text: str
    links: list[FactLink] = field(default_factory=list)


@dataclass(frozen=True)
class ContractRow:
    id: str
    action: str
    fields: list[ContractField]
    uses: list[FactLink]
    sentences: list[str]


@dataclass(frozen=True)
class DocumentPage:
    id: str
    path: str
    paths: tuple[str, ...]
    format: str
    pages: int | None
    characters: int
    reference_date: str | None
    counts: dict[str, int]
    facts: list[FactRow]
    contracts: list[ContractRow]
    body: Markup
    charts: list[Markup]


@dataclass(frozen=True)
class IndexRow:
    """One document on the index page, with what the filters and charts need of it."""

    id: str
    path: str
    format: str
    pages: int | None
    counts: tuple[int, ...]  # per TYPES
    facts: int
    contracts: int
    providers: tuple[str, ...]
    councils: tuple[str, ...]
    periods: tuple[Period, ...]
    money: tuple[Bar, ...]


# --- values ----------------------------------------------------------------------------------

def legislation_url(legislation_id: str | None) -> str | None:
    """The legislation.gov.uk page of an id such as ukpga/2012/7; None for anything else.

    >>> legislation_url("ukpga/2014/23"), legislation_url("javascript:alert(1)")
    ('https://www.legislation.gov.uk/ukpga/2014/23', None)
    """
    if not legislation_id or not _LEGISLATION_ID.match(legislation_id):
        return None
    return LEGISLATION_SITE + quote(legislation_id, safe="/")


def _text(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _parts(value: dict[str, Any], *labels: tuple[str, str]) -> list[ValuePart]:
    return [ValuePart(label, _text(value[key])) for key, label in labels if value.get(key) not in (None, "", [], False)]


def _money(value: dict[str, Any]) -> list[ValuePart]:
    parts = [ValuePart("amount", f"{value['amount']} {value['currency']}")]
    parts += _parts(value, ("role", "role"), ("bound", "bound"))
    if value.get("per_annum"):
        parts.append(ValuePart("per annum", "yes"))
    table = value.get("table")
    if table:
        parts.append(ValuePart("table", f"{table['row']} / {table['column']} (scale {table['scale']})"))
    return parts


def _date(value: dict[str, Any]) -> list[ValuePart]:
    return _parts(value, ("date", "date"), ("precision", "precision"), ("role", "role"))


def _period(value: dict[str, Any]) -> list[ValuePart]:
    return [ValuePart("period", f"{value['start']} to {value['end']}"), *_parts(value, ("kind", "kind"))]


def _legislation(value: dict[str, Any]) -> list[ValuePart]:
    parts = _parts(value, ("citation", "citation"), ("year", "year"), ("section", "section"))
    if value.get("legislation_id"):
        parts.append(ValuePart("legislation.gov.uk", value["legislation_id"], legislation_url(value["legislation_id"])))
    return parts


def _percentage(value: dict[str, Any]) -> list[ValuePart]:
    unit = "%" if value.get("unit", "percent") == "percent" else " percentage points"
    return [ValuePart("value", f"{value['value']}{unit}"), *_parts(value, ("kind", "kind"))]


_VALUES: dict[str, Callable[[dict[str, Any]], list[ValuePart]]] = {
    "money": _money,
    "date": _date,
    "period": _period,
    "duration": lambda v: _parts(v, ("duration", "duration")),
    "organisation": lambda v: _parts(v, ("name", "name"), ("role", "role"), ("aliases", "aliases")),
    "legislation": _legislation,
    "duty": lambda v: _parts(v, ("legislation", "legislation"), ("holder", "holder"), ("duty", "duty")),
    "percentage": _percentage,
}


def value_parts(fact_type: str, value: dict[str, Any]) -> list[ValuePart]:
    """A fact's normalised value as labelled parts; a type this module does not know shows its keys.

    >>> [(p.label, p.text) for p in value_parts("money", {"amount": "4500000", "currency": "GBP", "role": None})]
    [('amount', '4500000 GBP')]
    """
    shown = _VALUES.get(fact_type)
    if shown is None:
        return [ValuePart(key, _text(item)) for key, item in sorted(value.items()) if item not in (None, "", [])]
    return shown(value)


# --- a document ------------------------------------------------------------------------------

def document_page(loaded: LoadedDocument) -> DocumentPage:
    """Everything a document's page shows: its highlighted text, facts, contract records, charts."""
    facts = loaded.facts
    rows = [FactRow(f.id, f.type, f.text, f.page, f.start, f.end, value_parts(f.type, f.value.model_dump()),
                    len(getattr(f, "mentions", []))) for f in facts.facts]
    counts: Counter[str] = Counter(f.type for f in facts.facts)
    known = {f.id: f for f in facts.facts}
    contracts = [contract_row(c, known) for c in facts.contracts]
    periods = contract_periods(facts, href_prefix="")
    charts = [timeline(periods, "Contract periods by provider"),
              bar_chart(money_by_role(_money_facts(facts)), "Money by role")]
    return DocumentPage(
        id=loaded.id, path=loaded.paths[0] if loaded.paths else loaded.id, paths=loaded.paths,
        format=facts.source.format, pages=facts.source.pages, characters=facts.source.characters,
        reference_date=facts.reference_date.date, counts={t: counts[t] for t in TYPES if counts[t]},
        facts=rows, contracts=contracts, body=highlight(loaded.text, spans_of(facts), loaded.pages), charts=charts)


def _money_facts(facts: DocumentFacts) -> Iterable[tuple[str | None, str, Decimal]]:
    for fact in facts.facts:
        if fact.type == "money":
            value = fact.value.model_dump()
            try:
                yield value.get("role"), value["currency"], Decimal(value["amount"])
            except InvalidOperation:  # the schema's pattern makes this unreachable; never a traceback
                continue


def contract_periods(facts: DocumentFacts, href_prefix: str) -> list[Period]:
    """The document's contract records that have a period, for the timeline."""
    periods = []
    for contract in facts.contracts:
        if contract.period is None:
            continue
        provider = contract.provider.name if contract.provider else "(no provider named)"
        value = f", {contract.value.amount} {contract.value.currency}" if contract.value else ""
        periods.append(Period(provider=provider, start=contract.period.start, end=contract.period.end,
                              label=f"{contract.action}{value}", href=f"{href_prefix}#c-{contract.id}"))
    return periods


def contract_row(contract: ContractRecord, known: dict[str, Any]) -> ContractRow:
    """A contract record's fields, each linked to the facts it was made from (`known`: the
    document's facts by id, built once per document so records cost no more than their facts)."""

    def link(fact_id: str) -> FactLink:
        fact = known.get(fact_id)
        return FactLink(fact_id, fact.type if fact else "fact", fact.text if fact else fact_id, fact is not None)

    fields: list[ContractField] = []
    for label, party in (("provider", contract.provider), ("buyer", contract.buyer)):
        if party is not None:
            fields.append(ContractField(label, party.name, [link(party.fact_id)]))
    if contract.value is not None:
        value = contract.value
        fields.append(ContractField("value", f"{value.amount} {value.currency} ({value.kind}"
                                    + (", per annum)" if value.per_annum else ")"), [link(value.fact_id)]))
    if contract.value_change is not None:
        change = contract.value_change
        fields.append(ContractField("value change", f"{change.amount} {change.currency}", [link(change.fact_id)]))
    if contract.period is not None:
        fields.append(ContractField("period", f"{contract.period.start} to {contract.period.end}",
                                    [link(i) for i in contract.period.fact_ids]))
    for label, text in (("duration", contract.duration), ("decision date", contract.decision_date),
                        ("subject", contract.subject)):
        if text:
            fields.append(ContractField(label, text))
    if contract.legal_basis:
        fields.append(ContractField("legal basis", "", [link(i) for i in contract.legal_basis]))
    return ContractRow(contract.id, contract.action, fields, [link(i) for i in contract.evidence.fact_ids],
                       list(contract.evidence.sentences))


# --- the index -------------------------------------------------------------------------------

def index_row(loaded: LoadedDocument) -> IndexRow:
    facts = loaded.facts
    counts: Counter[str] = Counter(f.type for f in facts.facts)
    organisations = [f.value.model_dump() for f in facts.facts if f.type == "organisation"]
    return IndexRow(
        id=loaded.id, path=loaded.paths[0] if loaded.paths else loaded.id, format=facts.source.format,
        pages=facts.source.pages, counts=tuple(counts[t] for t in TYPES), facts=len(facts.facts),
        contracts=len(facts.contracts),
        providers=tuple(sorted({o["name"] for o in organisations if o["role"] == "provider"})),
        councils=tuple(sorted({o["name"] for o in organisations if o["role"] == "council"})),
        periods=tuple(contract_periods(facts, href_prefix=f"documents/{loaded.id}.html")),
        money=tuple(money_by_role(_money_facts(facts))))


def choices(rows: Iterable[IndexRow], attribute: str) -> list[str]:
    """The distinct providers or councils of the index rows, sorted as a reader looks for them."""
    names: set[str] = set()
    for row in rows:
        names.update(getattr(row, attribute))
    return sorted(names, key=lambda name: (name.casefold(), name))
