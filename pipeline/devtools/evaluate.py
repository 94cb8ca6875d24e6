"""Scoring predictions against gold files, exactly as ../shared/gold/FORMAT.md says.

Facts are compared as sets within one document, type by type, and summed over documents
(micro-average). A `complete: false` gold file is a key-facts list: its misses count, but a
prediction it does not list is not a false positive, so its true positives count towards
recall only. `scored` limits the types a file is scored on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pipeline.devtools.contract_scoring import ContractCounts, contract_summary, predicted_contracts, score_contracts
from pipeline.schema import DocumentFacts, fold_name

TYPES = ("money", "dates", "periods", "durations", "providers", "organisations", "legislation",
         "duties", "percentages")
GOLD_FORMAT = "council-gold/1"


class GoldError(ValueError):
    """A gold file that does not follow FORMAT.md."""


@dataclass
class Counts:
    tp: int = 0  # gold entries found, in every document
    tp_complete: int = 0  # of those, in complete documents: the ones precision can see
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.tp_complete += other.tp_complete
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        seen = self.tp_complete + self.fp
        return self.tp_complete / seen if seen else 1.0

    @property
    def recall(self) -> float:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tp_complete": self.tp_complete,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Miss:
    document: str
    type: str
    kind: str  # "missed" (false negative) or "extra" (false positive)
    value: str


@dataclass
class Report:
    types: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    misses: list[Miss] = field(default_factory=list)
    documents: int = 0
    errors: list[str] = field(default_factory=list)
    contracts: ContractCounts = field(default_factory=ContractCounts)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.types.values():
            total.add(counts)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {"types": {t: c.as_dict() for t, c in self.types.items()},
                "overall": self.overall.as_dict(), "contracts": contract_summary(self.contracts),
                "documents": self.documents, "errors": self.errors}


# --- comparable keys, one function per type ----------------------------------------------

def _amount(text: str) -> Decimal:
    try:
        return Decimal(str(text)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise GoldError(f"not an amount: {text!r}") from None


def duration_key(iso: str) -> tuple[Decimal, Decimal, Decimal]:
    """Years and months compared as months, weeks as days (FORMAT.md); hours, minutes and
    seconds as seconds.

    >>> duration_key("P1Y") == duration_key("P12M"), duration_key("P2W") == duration_key("P14D")
    (True, True)
    >>> duration_key("PT90M") == duration_key("PT1H30M")
    True
    """
    m = re.fullmatch(r"P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?"
                     r"(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?", iso)
    if not m or iso in ("P", "PT") or iso.endswith("T"):
        raise GoldError(f"not an ISO 8601 duration: {iso!r}")
    y, mo, w, d, h, mi, s = (Decimal(g) if g else Decimal(0) for g in m.groups())
    return (y * 12 + mo).normalize(), (w * 7 + d).normalize(), (h * 3600 + mi * 60 + s).normalize()


def legislation_key(citation: str) -> tuple[str, int | None]:
    """
    >>> legislation_key("the Health and Social Care Act 2012")
    ('health and social care act', 2012)
    """
    m = re.match(r"^(.*?)[\s,(]*((?:18|19|20)\d{2})\)?$", citation.strip())
    title, year = (m.group(1), int(m.group(2))) if m else (citation, None)
    return fold_name(title), year


def _org_forms(entry: dict[str, Any]) -> set[str]:
    return {fold_name(f) for f in [entry.get("name", ""), *entry.get("aliases", [])] if f} - {""}


def _match_sets(gold: list[Any], predicted: list[Any],
                same: Callable[[Any, Any], bool]) -> tuple[list[Any], list[Any], int]:
    """A maximum one-to-one matching (augmenting paths), so the order of entries in a gold file
    never changes a score; returns (missed gold, unmatched predictions, matches)."""
    candidates = [[j for j, p in enumerate(predicted) if same(g, p)] for g in gold]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def claim(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or claim(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        claim(i, set())
    matched_gold = set(owner.values())
    missed = [g for i, g in enumerate(gold) if i not in matched_gold]
    unmatched = [p for j, p in enumerate(predicted) if j not in owner]
    return missed, unmatched, len(owner)


def _unique(items: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def predicted_facts(result: DocumentFacts) -> dict[str, list[Any]]:
    """Predictions in the gold file's shape."""
    out: dict[str, list[Any]] = {t: [] for t in TYPES}
    for fact in result.facts:
        v = fact.value.model_dump()
        if fact.type == "money":
            out["money"].append({"amount": v["amount"], "currency": v["currency"]})
        elif fact.type == "date":
            out["dates"].append({"date": v["date"]})
        elif fact.type == "period":
            out["periods"].append({"start": v["start"], "end": v["end"]})
        elif fact.type == "duration":
            out["durations"].append({"duration": v["duration"]})
        elif fact.type == "organisation":
            out["organisations"].append({"name": v["name"], "aliases": v["aliases"], "role": v["role"]})
        elif fact.type == "legislation":
            out["legislation"].append({"title": v["title"], "year": v["year"]})
        elif fact.type == "duty":
            out["duties"].append({"legislation": v["legislation"], "holder": v["holder"]})
        elif fact.type == "percentage":
            out["percentages"].append({"value": v["value"]})
    out["contracts"] = predicted_contracts(result)
    return out


def _keyed(entries: list[dict[str, Any]], kind: str) -> list[Any]:
    if kind == "money":
        return _unique((e["currency"], _amount(e["amount"])) for e in entries)
    if kind == "dates":
        return _unique(e["date"] for e in entries)
    if kind == "periods":
        return _unique((e["start"], e["end"]) for e in entries)
    if kind == "durations":
        return _unique(duration_key(e["duration"]) for e in entries)
    if kind == "legislation":
        return _unique((fold_name(e["title"]), e.get("year")) for e in entries)
    if kind == "duties":
        return _unique(legislation_key(e["legislation"]) for e in entries)
    if kind == "percentages":
        return _unique(_amount(e["value"]) for e in entries)
    raise ValueError(kind)


def score_document(gold: dict[str, Any], predicted: dict[str, list[Any]], name: str, report: Report) -> None:
    complete = bool(gold.get("complete", False))
    scored = set(gold.get("scored") or TYPES)
    if "organisations" in scored:
        scored.add("providers")
    report.documents += 1
    period_ends: set[str] = {e for p in gold.get("periods", []) for e in (p["start"], p["end"])}
    for kind in TYPES:
        if kind not in scored:
            continue
        same: Callable[[Any, Any], bool] = lambda g, p: g == p  # noqa: E731
        if kind in ("providers", "organisations"):
            wanted = (lambda e: True) if kind == "organisations" else (lambda e: e.get("role") == "provider")
            g_list = [e for e in gold.get("organisations", []) if wanted(e)]
            p_list = [e for e in predicted["organisations"] if wanted(e)]
            gold_keys, pred_keys = [_org_forms(e) for e in g_list], [_org_forms(e) for e in p_list]
            same = lambda g, p: bool(g & p)  # noqa: E731
        else:
            gold_keys, pred_keys = _keyed(gold.get(kind, []), kind), _keyed(predicted[kind], kind)
        if kind == "dates":
            same = lambda g, p: p[:len(g)] == g  # noqa: E731
        missed, extra, hits = _match_sets(gold_keys, pred_keys, same)
        if kind == "dates":
            # A predicted date equal to a gold period's start or end is ignored, not wrong.
            extra = [p for p in extra if not any(e[:len(p)] == p for e in period_ends)]
        counts = report.types[kind]
        counts.tp += hits
        counts.fn += len(missed)
        if complete:
            counts.tp_complete += hits
            counts.fp += len(extra)
        report.misses += [Miss(name, kind, "missed", _show(g)) for g in missed]
        if complete:
            report.misses += [Miss(name, kind, "extra", _show(p)) for p in extra]
    before = len(report.contracts.misses)
    score_contracts(gold, predicted.get("contracts", []), name, report.contracts)
    report.misses += [Miss(doc, "contracts", kind, shown) for doc, kind, shown in report.contracts.misses[before:]]


def _show(key: Any) -> str:
    if isinstance(key, (set, frozenset)):
        return " | ".join(sorted(key))
    if isinstance(key, tuple):
        return " ".join(_show(k) for k in key)
    if isinstance(key, Decimal):
        return format(key.normalize(), "f")
    return str(key)


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable gold file ({exc})") from None
    if not isinstance(gold, dict) or gold.get("format") != GOLD_FORMAT or "document" not in gold:
        raise GoldError(f"{path}: not a {GOLD_FORMAT} gold file")
    return gold


def _check_gold(gold: dict[str, Any]) -> None:
    for kind in ("money", "dates", "periods", "durations", "legislation", "duties", "percentages"):
        _keyed(gold.get(kind, []), kind)


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.gold.json"))


Predictor = Callable[[Path], dict[str, list[Any]]]


def pipeline_predictor(path: Path) -> dict[str, list[Any]]:
    """council-facts itself. The gold's reference date is not handed over: the pipeline finds
    the document's own date, as it must on documents nobody annotated."""
    from pipeline.extract import extract

    return predicted_facts(extract(path))


def evaluate(gold_dir: Path, docs_dir: Path | None = None, predictor: Predictor | None = None) -> Report:
    """Run a predictor (council-facts by default) on every document that has a gold file and
    score it."""
    from pipeline.errors import ExtractionError

    predict = predictor or pipeline_predictor
    report = Report()
    for gold_path in gold_files(gold_dir):
        gold = load_gold(gold_path)
        try:
            _check_gold(gold)
        except GoldError as error:
            raise GoldError(f"{gold_path}: {error}") from None
        document = (docs_dir or gold_path.parent) / gold["document"]
        try:
            predicted = predict(document)
        except ExtractionError as error:  # named as the gold names it: no folder of this machine
            report.errors.append(f"{gold['document']}: {error.code.value} ({error.stage}): {error.message}")
            predicted = {t: [] for t in TYPES}
        score_document(gold, predicted, gold["document"], report)
    return report


def format_table(report: Report) -> str:
    rows = [f"{'type':<14}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'f1':>8}"]
    for name, c in [*report.types.items(), ("overall", report.overall)]:
        rows.append(f"{name:<14}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
    if report.contracts.tp + report.contracts.fn + report.contracts.fp:
        k = contract_summary(report.contracts)
        rows.append(f"{'contracts':<14}{k['tp']:>6}{k['fp']:>6}{k['fn']:>6}{k['precision']:>11.3f}"
                    f"{k['recall']:>8.3f}{k['f1']:>8.3f}")
        rows.append(f"contract periods right: {k['periods_right']} of {k['periods_scored']} matched records")
    rows.append(f"{report.documents} documents scored")
    return "\n".join(rows)
