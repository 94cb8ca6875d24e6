"""Contract records from facts: which sum is whose contract, for which period, by which decision.

Each sentence that reports a contract action (triggers.py) becomes a record, made of the facts
in that sentence: the provider named there (or the document's only provider), the contract's
value and a stated change to it, its period or length, the decision's date, the legislation it
rests on; where that sentence leaves out the value or the term, nearby.py looks around it. A
record with nothing of its own (no provider, value, period or length) is dropped, and
a planned procurement without a value is no record. Two records that describe one act, as a news
report's opening and its detail do (the same provider and the same length), are merged. A wrong
link is worse than a missing one: where a sentence is ambiguous, the field stays empty.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from pipeline.contracts.drafts import ByOffset, Draft, Mentions, mentioned, read_money
from pipeline.contracts.nearby import (
    LOOK_AHEAD,
    SUMMARY_LINES,
    from_next,
    stated_value,
    summary_after,
    value_after,
    value_from_before,
)
from pipeline.contracts.triggers import Trigger, decision_verbs, sentence_action, sentences_with_actions
from pipeline.facts.organisation_roles import JOINED  # names joined in a list, as the roles read them
from pipeline.facts.uk_time import end_after
from pipeline.schema import ContractRecord

_WINDOW = 300  # characters either side of a trigger read in a sentence longer than twice this
_NEARBY = 1000  # characters around a record within which the document's only supplier must be named
_NEAR = 400  # characters between two records of one act told twice (a heading, then its decision)
_LOOK_BACK = 2  # sentences before a record searched for its value, where they name its provider
_DURATION = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$")


def link_contracts(text: str, sentences: Sequence[tuple[int, int]], facts: Sequence[Any],
                   document_id: str) -> list[ContractRecord]:
    """The contract records of a document, in text order."""
    index = ByOffset(facts)
    providers = [f for f in facts if f.type == "organisation" and f.value.role == "provider"]
    named = Mentions(providers)
    councils = [f for f in facts if f.type == "organisation" and f.value.role == "council"]
    only_provider = providers[0] if len(providers) == 1 else None
    buyer = max(councils, key=lambda f: len(f.mentions), default=None)
    drafts: list[Draft] = []
    for number, (s_start, s_end) in sentences_with_actions(text, list(sentences)):
        trigger = sentence_action(text, s_start, s_end)
        if trigger is None:
            continue
        start, end = _window(trigger, s_start, s_end)
        draft = _draft(text, trigger, start, end, index, named, only_provider)
        if draft.value is None or draft.period is None:
            summary_after(draft, text, sentences[number + 1:number + 1 + SUMMARY_LINES], index)
        if draft.value is None and draft.provider is not None and draft.action != "procurement":
            value_from_before(draft, text, _before(text, sentences, number), index)
        if draft.value is None or draft.period is None:
            from_next(draft, text, sentences[number + 1:number + 1 + LOOK_AHEAD], index, named)
        if draft.value is None and draft.provider is not None and draft.action != "procurement":
            value_after(draft, text, sentences[number + 1:number + 1 + LOOK_AHEAD], index, named)
        if draft.has_substance() and (draft.action != "procurement" or draft.value is not None):
            drafts.extend(_one_per_provider(draft, text, trigger, named))
    kept = _merged(drafts)
    if len(kept) == 1:
        stated_value(kept[0], sentences, index, named)
    return [_record(d, text, buyer, document_id) for d in kept]


# "Decision Maker: Officer Decision", "Effective from: 19/11/2018", "Decision:": a list's label lines
_LABEL_LINE = re.compile(r"\s*[A-Z][\w ()'’/-]{0,40}:[^\n]{0,40}\s*")


def _before(text: str, sentences: Sequence[tuple[int, int]], number: int) -> list[tuple[int, int]]:
    """The _LOOK_BACK sentences before sentence `number`, passing over label lines between (a
    decision list puts its maker, dates and a "Decision:" heading between a quotation and the
    decision that accepts it); at most four label lines are passed over."""
    found: list[tuple[int, int]] = []
    labels = 0
    for start, end in reversed(sentences[max(0, number - _LOOK_BACK - 4):number]):
        if _LABEL_LINE.fullmatch(text, start, end) and labels < 4:
            labels += 1
            continue
        found.insert(0, (start, end))
        if len(found) == _LOOK_BACK:
            break
    return found


def _window(trigger: Trigger, start: int, end: int) -> tuple[int, int]:
    if end - start <= 2 * _WINDOW:
        return start, end
    return max(start, trigger.start - _WINDOW), min(end, trigger.end + _WINDOW)


def _draft(text: str, trigger: Trigger, start: int, end: int, index: ByOffset, mentions: Mentions,
           only_provider: Any) -> Draft:
    draft = Draft(trigger.action, start, end, bool(decision_verbs().search(text, start, end)),
                  sentences=[(start, end)])
    named = mentions.named(start, end)
    draft.named = bool(named)
    if len(named) == 1:
        draft.provider = named[0]
    elif not named and trigger.action != "procurement" and only_provider is not None and mentioned(
            only_provider, max(0, start - _NEARBY), end + _NEARBY):
        # The document's only supplier, named nearby: in a list of decisions, a supplier named
        # under one decision is nobody's under the next. A planned procurement has none yet.
        draft.provider = only_provider
    else:  # "awarded to X": the one named nearest after the trigger
        after = [p for p in named if any(m.start >= trigger.end and start <= m.start < end for m in p.mentions)]
        draft.provider = min(after, key=lambda p: min(m.start for m in p.mentions if m.start >= trigger.end),
                             default=None)
    inside = index.inside(start, end)
    read_money(draft, text, [f for f in inside if f.type == "money"], trigger)
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


_PLURAL_TRIGGER = re.compile(r"\b(?:contracts|extensions|awards|variations|agreements)\b", re.I)


def _one_per_provider(draft: Draft, text: str, trigger: Trigger, mentions: Mentions) -> list[Draft]:
    """"Contract extensions with Biffa, FCC and Mid UK": an act told of several contracts, listing
    their suppliers, is a record for each. They share the term; a sum is no single one's."""
    if not _PLURAL_TRIGGER.search(text, trigger.start, trigger.end):
        return [draft]
    named = mentions.named(draft.start, draft.end)
    firsts = sorted((min((m for m in p.mentions if draft.start <= m.start and m.end <= draft.end),
                         key=lambda m: m.start) for p in named), key=lambda m: m.start)
    pairs = zip(firsts, firsts[1:], strict=False)
    if len(firsts) < 2 or not all(JOINED.fullmatch(text, a.end, b.start) for a, b in pairs):
        return [draft]
    providers = [next(p for p in named if first in p.mentions) for first in firsts]
    return [replace(draft, provider=p, value=None, value_change=None, sentences=list(draft.sentences),
                    legal_basis=list(draft.legal_basis), extra_facts=list(draft.extra_facts)) for p in providers]


def _same_act(a: Draft, b: Draft) -> bool:
    """Two records of one act: a heading and its decision ("Contract award to X." ... "The tender
    of X in the sum of £23,065 is accepted"), or a report's opening and its detail (the same
    provider for the same length)."""
    if {a.action, b.action} - {"award", "extension", "variation"}:
        return False
    if a.provider is None or b.provider is None:
        return _unnamed_twin(a, b)
    if a.provider is not b.provider:
        return False
    if a.value is not None and b.value is not None and a.value.value.amount != b.value.value.amount:
        return False
    if a.period is not None and b.period is not None and a.period[:2] != b.period[:2]:
        return False
    near = b.start - a.end <= _NEAR and a.action == b.action
    same_length = a.duration is not None and b.duration is not None and _months(a.duration) == _months(b.duration)
    # "Veolia ... extension" in a heading, then the decision with its term: the bare one adds nothing
    bare = a.action == b.action and any(d.value is None and d.period is None and d.duration is None for d in (a, b))
    return near or same_length or bare


def _unnamed_twin(a: Draft, b: Draft) -> bool:
    """An act told once without its supplier or sum, and nearby with its supplier: "to award a
    three-year cleaning contract", then "to Monitor Cleaning Ltd for three years". The bare telling
    is no record of its own."""
    bare, full = (a, b) if a.provider is None else (b, a)
    if a.action != b.action or full.provider is None or bare.value is not None or b.start - a.end > _NEAR:
        return False
    if bare.period is not None and full.period is not None and bare.period[:2] != full.period[:2]:
        return False
    return not (bare.duration is not None and full.duration is not None
                and _months(bare.duration) != _months(full.duration))


def _months(duration: Any) -> tuple[int, int]:
    m = _DURATION.match(duration.value.duration)
    return (int(m["y"] or 0) * 12 + int(m["m"] or 0), int(m["w"] or 0) * 7 + int(m["d"] or 0)) if m else (-1, -1)


def _merged(drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    for draft in drafts:
        twin = next((k for k in kept if _same_act(k, draft)), None)
        if twin is None:
            kept.append(draft)
            continue
        if draft.decided and not twin.decided:  # the decision names the act
            twin.action, twin.decided = draft.action, True
        for name in ("provider", "value", "value_change", "period", "duration", "decision_date"):
            if getattr(twin, name) is None:
                setattr(twin, name, getattr(draft, name))
        twin.legal_basis += [f for f in draft.legal_basis if f not in twin.legal_basis]
        twin.sentences += draft.sentences
        twin.extra_facts += [f.id for f in (draft.duration, draft.provider) if f is not None]
    return kept


def _record(draft: Draft, text: str, buyer: Any, document_id: str) -> ContractRecord:
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
