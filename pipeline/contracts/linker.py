"""Contract records from facts: which sum is whose contract, for which period, by which decision.

Each sentence that reports a contract action (triggers.py) becomes a record, made of the facts
in that sentence: the provider named there (or the document's only provider), the contract's
value and a stated change to it, its period or length, the decision's date, the legislation it
rests on. A record with nothing of its own (no provider, value, period or length) is dropped, and
a planned procurement without a value is no record. Two records that describe one act, as a news
report's opening and its detail do (the same provider and the same length), are merged. A wrong
link is worse than a missing one: where a sentence is ambiguous, the field stays empty.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from pipeline.contracts.triggers import Trigger, decision_verbs, sentence_action, sentences_with_actions
from pipeline.facts.scanning import alternation
from pipeline.facts.uk_time import end_after
from pipeline.resources import pattern_data
from pipeline.schema import ContractRecord

_NEW_VALUE = re.compile(r"\bto\s+(?:the\s+|a\s+)?(?:present\s+|new\s+|revised\s+|total\s+)?(?:value\s+of\s+)?$", re.I)
_WINDOW = 300  # characters either side of a trigger read in a sentence longer than twice this
_NEARBY = 1000  # characters around a record within which the document's only supplier must be named
_NEAR = 400  # characters between two records of one act told twice (a heading, then its decision)
_LOOK_BACK = 2  # sentences before a record searched for its value, where they name its provider
_DURATION = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$")


@dataclass
class _Draft:
    action: str
    start: int  # the evidence: the sentence (or window) the record rests on
    end: int
    decided: bool
    provider: Any = None
    value: Any = None
    value_change: tuple[str, Any] | None = None
    period: tuple[str, str, list[str]] | None = None
    duration: Any = None
    decision_date: Any = None
    legal_basis: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    extra_facts: list[str] = field(default_factory=list)

    named: bool = False  # the provider is named in the record's own sentence

    def has_substance(self) -> bool:
        """Something of its own: a heading that says "contract extension" is no record."""
        return self.named or any((self.value, self.value_change, self.period, self.duration))


@cache
def _change_cues() -> dict[str, re.Pattern[str]]:
    cues = pattern_data("contracts")["change_cues"]
    return {sign: re.compile(rf"(?:{alternation(words)})\s*(?:of\s+)?(?:up\s+to\s+)?$", re.I)
            for sign, words in cues.items()}


class _ByOffset:
    """Facts looked up by where they start, by bisection: a budget annex can hold thousands of
    facts and of contract words, and a scan of every fact per sentence would grow with their square."""

    def __init__(self, facts: Sequence[Any]) -> None:
        self.facts = sorted(facts, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.facts]

    def inside(self, start: int, end: int) -> list[Any]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [f for f in self.facts[i:j] if f.end <= end]


class _Mentions:
    """The providers named in a stretch of text, by bisection over all their mentions."""

    def __init__(self, providers: Sequence[Any]) -> None:
        self.mentions = sorted(((m.start, m.end, i) for i, p in enumerate(providers) for m in p.mentions))
        self.starts = [m[0] for m in self.mentions]
        self.providers = list(providers)

    def named(self, start: int, end: int) -> list[Any]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        seen = sorted({k for _, e, k in self.mentions[i:j] if e <= end})
        return [self.providers[k] for k in seen]


def link_contracts(text: str, sentences: Sequence[tuple[int, int]], facts: Sequence[Any],
                   document_id: str) -> list[ContractRecord]:
    """The contract records of a document, in text order."""
    index = _ByOffset(facts)
    providers = [f for f in facts if f.type == "organisation" and f.value.role == "provider"]
    named = _Mentions(providers)
    councils = [f for f in facts if f.type == "organisation" and f.value.role == "council"]
    only_provider = providers[0] if len(providers) == 1 else None
    buyer = max(councils, key=lambda f: len(f.mentions), default=None)
    drafts: list[_Draft] = []
    for number, (s_start, s_end) in sentences_with_actions(text, list(sentences)):
        trigger = sentence_action(text, s_start, s_end)
        if trigger is None:
            continue
        start, end = _window(trigger, s_start, s_end)
        draft = _draft(text, trigger, start, end, index, named, only_provider)
        if draft.value is None or draft.period is None:
            _summary_after(draft, text, sentences[number + 1:number + 1 + _SUMMARY_LINES], index)
        if draft.value is None and draft.provider is not None and draft.action != "procurement":
            _value_from_before(draft, text, sentences[max(0, number - _LOOK_BACK):number], index)
        if (draft.value is None or draft.period is None) and number + 1 < len(sentences):
            _from_next(draft, text, sentences[number + 1], index)
        if draft.has_substance() and (draft.action != "procurement" or draft.value is not None):
            drafts.append(draft)
    return [_record(d, text, buyer, document_id) for d in _merged(drafts)]


def _window(trigger: Trigger, start: int, end: int) -> tuple[int, int]:
    if end - start <= 2 * _WINDOW:
        return start, end
    return max(start, trigger.start - _WINDOW), min(end, trigger.end + _WINDOW)


def _inside(fact: Any, start: int, end: int) -> bool:
    return bool(start <= fact.start and fact.end <= end)


def _mentioned(org: Any, start: int, end: int) -> bool:
    return any(start <= m.start and m.end <= end for m in org.mentions)


def _draft(text: str, trigger: Trigger, start: int, end: int, index: _ByOffset, mentions: _Mentions,
           only_provider: Any) -> _Draft:
    draft = _Draft(trigger.action, start, end, bool(decision_verbs().search(text, start, end)),
                   sentences=[(start, end)])
    named = mentions.named(start, end)
    draft.named = bool(named)
    if len(named) == 1:
        draft.provider = named[0]
    elif not named and trigger.action != "procurement" and only_provider is not None and _mentioned(
            only_provider, max(0, start - _NEARBY), end + _NEARBY):
        # The document's only supplier, named nearby: in a list of decisions, a supplier named
        # under one decision is nobody's under the next. A planned procurement has none yet.
        draft.provider = only_provider
    else:  # "awarded to X": the one named nearest after the trigger
        after = [p for p in named if any(m.start >= trigger.end and start <= m.start < end for m in p.mentions)]
        draft.provider = min(after, key=lambda p: min(m.start for m in p.mentions if m.start >= trigger.end),
                             default=None)
    inside = index.inside(start, end)
    _money(draft, text, [f for f in inside if f.type == "money"], trigger)
    periods = [f for f in inside if f.type == "period" and f.value.kind in ("range", "start_and_duration")]
    if not periods and trigger.action in ("award", "extension"):
        # "A one-year extension then covered 2024-25": a financial year as the term
        periods = [f for f in inside if f.type == "period" and f.value.kind == "financial_year"]
    durations = [f for f in inside if f.type == "duration"]
    draft.duration = durations[0] if len(durations) == 1 else None
    spans = {(f.value.start, f.value.end) for f in periods}
    if len(spans) > 1:  # "a four-year term from 1 May 2020 to 30 April 2024" read twice: the written range wins
        periods = [f for f in periods if f.value.kind == "range"] or periods
        spans = {(f.value.start, f.value.end) for f in periods}
    if len(spans) == 1:
        draft.period = (periods[0].value.start, periods[0].value.end, [f.id for f in periods])
    elif not periods and draft.duration is not None:
        starts = [f for f in inside if f.type == "date" and f.value.role == "start" and f.value.precision == "day"]
        if len(starts) == 1:
            first = date.fromisoformat(starts[0].value.date)
            length = _DURATION.match(draft.duration.value.duration)
            if length:
                last = end_after(first, int(length["y"] or 0), int(length["m"] or 0), int(length["w"] or 0),
                                 int(length["d"] or 0))
                draft.period = (first.isoformat(), last.isoformat(), [starts[0].id, draft.duration.id])
    decisions = [f for f in inside if f.type == "date" and f.value.role in ("decision", "award")]
    draft.decision_date = decisions[0] if len(decisions) == 1 else None
    draft.legal_basis = [f.id for f in inside if f.type in ("legislation", "duty")]
    return draft


def _money(draft: _Draft, text: str, money: list[Any], trigger: Trigger) -> None:
    refused = set(pattern_data("contracts")["value_roles_refused"])
    values = []
    for fact in money:
        before = text[max(draft.start, fact.start - 30):fact.start]
        sign = next((s for s, cue in _change_cues().items() if cue.search(before)), None)
        if sign and draft.value_change is None:
            draft.value_change = (sign, fact)
        elif fact.value.role not in refused or (draft.value_change and _NEW_VALUE.search(before)):
            values.append(fact)  # "reduced by £20,000 to £180,000": the second is the value, whatever its role
    if len(values) == 1:
        draft.value = values[0]
    elif values:  # several sums: the contract's own, else the first after the trigger
        own = [f for f in values if f.value.role in ("contract_value", "total", "annual_value")]
        after = [f for f in values if f.start >= trigger.end]
        draft.value = own[0] if len(own) == 1 else (after[0] if after else None)


def _value_from_before(draft: _Draft, text: str, before: Sequence[tuple[int, int]], index: _ByOffset) -> None:
    """"X is willing to deliver services for another year for £3.6m. The executive agreed a further
    award to X": the sum stands in an earlier sentence that names the same provider, as a price."""
    for start, end in reversed(before):
        if not _mentioned(draft.provider, start, end):
            continue
        probe = _Draft(draft.action, start, end, False)
        _money(probe, text, [f for f in index.inside(start, end) if f.type == "money"],
               Trigger(draft.action, start, start))
        if probe.value is not None and probe.value_change is None and _priced(text, probe.value.start):
            draft.value = probe.value
            draft.sentences.insert(0, (start, end))
        return


def _from_next(draft: _Draft, text: str, following: tuple[int, int], index: _ByOffset) -> None:
    """"To undertake a procurement exercise for highway materials. The new contract will be for a
    3-year term with a maximum value of £3.95m.": the value of the contract, priced in the next
    sentence, and its term, when that sentence speaks of the contract and does nothing of its own."""
    start, end = following
    if sentence_action(text, start, end) is not None or not _CONTRACT_WORD.search(text, start, end):
        return  # a sentence of its own action, or one not about a contract
    inside = index.inside(start, end)
    money = [f for f in inside if f.type == "money" and _priced(text, f.start)]
    periods = [f for f in inside if f.type == "period" and f.value.kind in ("range", "start_and_duration")]
    if len(money) == 1 and draft.value is None:
        draft.value = money[0]
        draft.sentences.append((start, end))
    if len(periods) == 1 and draft.period is None and draft.action != "procurement":
        draft.period = (periods[0].value.start, periods[0].value.end, [periods[0].id])
        draft.sentences.append((start, end))


_CONTRACT_WORD = re.compile(r"\b(?:contract|contracts|framework|agreement)\b", re.I)


@cache
def _value_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(pattern_data('contracts')['value_cues'])})\s*$", re.I)


def _priced(text: str, start: int) -> bool:
    """A sum written as a price: "for £3.6m", "worth £2m", "a value of £1m"."""
    return bool(_value_cue().search(text, max(0, start - 20), start))


_SUMMARY_LINES = 8
_PRICE_LABEL = re.compile(r"\b(?:value|cost|costs|price|sum|amount)\b")
_SUMMARY_LABEL = re.compile(r"^[\s•*-]*(?P<label>[A-Z][^:\n]{1,60}):", re.M)


def _summary_after(draft: _Draft, text: str, after: Sequence[tuple[int, int]], index: _ByOffset) -> None:
    """A decision followed by a summary of label lines ("• Initial term: 1 July 2025 to 30 June
    2028", "• Total value of the initial term: £2,340,000"): the contract's period and value."""
    values: dict[str, Any] = {}
    for start, end in after:
        label = _SUMMARY_LABEL.match(text, start, end)
        if end - start > 160 or (label is None and text[start:end].lstrip()[:1] not in "•*-"):
            break
        if label is None:
            continue  # a bullet with no label ("• 2 optional extensions of 12 months each")
        words = label.group("label").lower()
        inside = index.inside(start, end)
        money = [f for f in inside if f.type == "money"]
        periods = [f for f in inside if f.type == "period" and f.value.kind in ("range", "start_and_duration")]
        if len(money) == 1 and _PRICE_LABEL.search(words):
            # "Value: £245,000", "Cost: £120,000 per annum": the price of what was just decided
            kind = "annual" if "annual" in words or money[0].value.per_annum else "total"
            values.setdefault(kind, money[0])
        if len(periods) == 1 and draft.period is None and ("term" in words or "period" in words):
            draft.period = (periods[0].value.start, periods[0].value.end, [periods[0].id])
            draft.sentences.append((start, end))
    if draft.value is None and values:
        draft.value = values.get("total") or values["annual"]
        spot = next((s, e) for s, e in after if _inside(draft.value, s, e))
        draft.sentences.append(spot)


def _same_act(a: _Draft, b: _Draft) -> bool:
    """Two records of one act: a heading and its decision ("Contract award to X." ... "The tender
    of X in the sum of £23,065 is accepted"), or a report's opening and its detail (the same
    provider for the same length)."""
    if {a.action, b.action} - {"award", "extension"} or a.provider is None or a.provider is not b.provider:
        return False
    if a.value is not None and b.value is not None and a.value.value.amount != b.value.value.amount:
        return False
    if a.period is not None and b.period is not None and a.period[:2] != b.period[:2]:
        return False
    near = b.start - a.end <= _NEAR and a.action == b.action
    same_length = a.duration is not None and b.duration is not None and _months(a.duration) == _months(b.duration)
    return near or same_length


def _months(duration: Any) -> tuple[int, int]:
    m = _DURATION.match(duration.value.duration)
    return (int(m["y"] or 0) * 12 + int(m["m"] or 0), int(m["w"] or 0) * 7 + int(m["d"] or 0)) if m else (-1, -1)


def _merged(drafts: list[_Draft]) -> list[_Draft]:
    kept: list[_Draft] = []
    for draft in drafts:
        twin = next((k for k in kept if _same_act(k, draft)), None)
        if twin is None:
            kept.append(draft)
            continue
        if draft.decided and not twin.decided:  # the decision names the act
            twin.action, twin.decided = draft.action, True
        for name in ("value", "value_change", "period", "decision_date"):
            if getattr(twin, name) is None:
                setattr(twin, name, getattr(draft, name))
        twin.legal_basis += [f for f in draft.legal_basis if f not in twin.legal_basis]
        twin.sentences += draft.sentences
        twin.extra_facts += [f.id for f in (draft.duration, draft.provider) if f is not None]
    return kept


def _record(draft: _Draft, text: str, buyer: Any, document_id: str) -> ContractRecord:
    used: list[str] = []

    def use(fact: Any) -> str:
        used.append(fact.id)
        return str(fact.id)

    record: dict[str, Any] = {"action": draft.action}
    if draft.provider is not None:
        record["provider"] = {"name": draft.provider.value.name, "fact_id": use(draft.provider)}
    if buyer is not None:
        record["buyer"] = {"name": buyer.value.name, "fact_id": use(buyer)}
    if draft.value is not None:
        annual = draft.value.value.per_annum or draft.value.value.role == "annual_value"
        record["value"] = {"amount": draft.value.value.amount, "currency": draft.value.value.currency,
                           "per_annum": annual, "kind": "annual" if annual else "total", "fact_id": use(draft.value)}
    if draft.value_change is not None:
        sign, fact = draft.value_change
        amount = Decimal(fact.value.amount) * (-1 if sign == "-" else 1)
        record["value_change"] = {"amount": str(amount), "currency": fact.value.currency, "fact_id": use(fact)}
    if draft.period is not None:
        start, end, ids = draft.period
        used.extend(ids)
        record["period"] = {"start": start, "end": end, "fact_ids": ids}
    if draft.duration is not None:
        record["duration"] = draft.duration.value.duration
        use(draft.duration)
    if draft.decision_date is not None:
        record["decision_date"] = draft.decision_date.value.date
        use(draft.decision_date)
    record["legal_basis"] = draft.legal_basis
    subject = _subject(text, draft.start, draft.end)
    if subject:
        record["subject"] = subject
    spans = sorted(set(draft.sentences))
    record["evidence"] = {
        "fact_ids": sorted(set(used + draft.legal_basis + draft.extra_facts)),
        "sentences": [" ".join(text[s:e].split()) for s, e in spans],
        "start": spans[0][0], "end": spans[-1][1],
    }
    key = json.dumps([document_id, draft.action, spans], ensure_ascii=False)
    record["id"] = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return ContractRecord.model_validate(record)


_SUBJECT = re.compile(
    r"\b(?:for|of)\s+(?:the\s+|a\s+|an\s+)?(?:provision\s+of\s+|supply\s+of\s+|delivery\s+of\s+)?(?:the\s+)?"
    r"(?P<s>[A-Za-z][\w,&'’ -]{2,80}?\s(?:services?|works|supplies|service))\b")


def _subject(text: str, start: int, end: int) -> str | None:
    """The service the contract is for, as the sentence words it ("drug and alcohol services")."""
    m = _SUBJECT.search(text, start, end)
    return " ".join(m.group("s").split()) if m else None
