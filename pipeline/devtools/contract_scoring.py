"""Scoring contract records (docs/gold.md, `contracts`): a predicted record matches a gold one when
the action is equal, the provider matches (FORMAT.md's name folding, any alias; both absent
also matches) and the value's amount is equal to the penny (both absent also matches). Period
accuracy is the share of matched records whose start and end are both right."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pipeline.schema import DocumentFacts, fold_name


@dataclass(frozen=True)
class RecordKey:
    action: str
    providers: frozenset[str]  # the provider's folded name and aliases; empty: no provider
    amount: Decimal | None
    period: tuple[str, str] | None

    def matches(self, other: RecordKey) -> bool:
        same_provider = bool(self.providers & other.providers) if self.providers or other.providers else True
        return self.action == other.action and same_provider and self.amount == other.amount

    def show(self) -> str:
        provider = " | ".join(sorted(self.providers)) or "no provider"
        amount = format(self.amount.normalize(), "f") if self.amount is not None else "no value"
        return f"{self.action}: {provider}, {amount}"


@dataclass
class ContractCounts:
    tp: int = 0
    tp_complete: int = 0
    fp: int = 0
    fn: int = 0
    periods_right: int = 0
    periods_scored: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (document, missed|extra, record)


def _amount(value: Any) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(str(value["amount"])).quantize(Decimal("0.01"))
    except (InvalidOperation, KeyError, TypeError):
        return None


def predicted_contracts(result: DocumentFacts) -> list[RecordKey]:
    aliases = {f.id: [f.value.name, *f.value.aliases] for f in result.facts if f.type == "organisation"}
    keys = []
    for record in result.contracts:
        forms = aliases.get(record.provider.fact_id, [record.provider.name]) if record.provider else []
        period = (record.period.start, record.period.end) if record.period else None
        keys.append(RecordKey(record.action, frozenset(fold_name(f) for f in forms) - {""},
                              _amount(record.value.model_dump()) if record.value else None, period))
    return keys


def gold_contracts(gold: dict[str, Any]) -> list[RecordKey]:
    orgs = gold.get("organisations", [])
    keys = []
    for record in gold.get("contracts", []):
        names = [record["provider"], *record.get("providers", [])] if record.get("provider") else []
        forms: set[str] = set()
        for name in names:
            forms.add(fold_name(name))
            for org in orgs:
                org_forms = [org["name"], *org.get("aliases", [])]
                if fold_name(name) in {fold_name(f) for f in org_forms}:
                    forms.update(fold_name(f) for f in org_forms)
        period = (record["period"]["start"], record["period"]["end"]) if record.get("period") else None
        keys.append(RecordKey(record["action"], frozenset(forms) - {""}, _amount(record.get("value")), period))
    return keys


def score_contracts(gold: dict[str, Any], predicted: list[RecordKey], name: str, counts: ContractCounts) -> None:
    """Add one document's records to the counts; a gold file without `contracts` is not scored."""
    if "contracts" not in gold:
        return
    wanted = gold_contracts(gold)
    complete = bool(gold.get("complete", False))
    taken: set[int] = set()
    for key in wanted:
        match = next((j for j, p in enumerate(predicted) if j not in taken and key.matches(p)), None)
        if match is None:
            counts.fn += 1
            counts.misses.append((name, "missed", key.show()))
            continue
        taken.add(match)
        counts.tp += 1
        counts.tp_complete += complete
        if key.period is not None:
            counts.periods_scored += 1
            counts.periods_right += key.period == predicted[match].period
    if complete:
        extra = [p for j, p in enumerate(predicted) if j not in taken]
        counts.fp += len(extra)
        counts.misses += [(name, "extra", p.show()) for p in extra]


def contract_summary(counts: ContractCounts) -> dict[str, Any]:
    seen, wanted = counts.tp_complete + counts.fp, counts.tp + counts.fn
    precision = counts.tp_complete / seen if seen else 1.0
    recall = counts.tp / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = counts.periods_right / counts.periods_scored if counts.periods_scored else 1.0
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "periods_scored": counts.periods_scored,
            "periods_right": counts.periods_right, "period_accuracy": round(accuracy, 4)}
