"""A record's value and term where its own sentence leaves them out: in the sentences around it,
in a summary of label lines after the decision, or, for a document of one contract, in the sum
the text calls a contract's value (pipeline/contracts/linker.py)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from pipeline.contracts.drafts import ByOffset, Draft, Mentions, mentioned, read_money
from pipeline.contracts.triggers import Trigger, sentence_action
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data


def _a_years_payment(facts: Sequence[Any]) -> bool:
    """"The Council pays X a contract sum, £1.25m in 2024/25": a sentence of a year's payment,
    whose sum is not the contract's value."""
    return any((f.type == "period" and f.value.kind == "financial_year") or (f.type == "money" and f.value.per_annum)
               for f in facts)


def stated_value(draft: Draft, sentences: Sequence[tuple[int, int]], index: ByOffset, mentions: Mentions) -> None:
    """A document of one contract whose value is stated apart from the decision ("Financial
    implications: the contract value is £2.4m"): the one sum the text calls a contract's value,
    wherever it stands, is that contract's, unless its sentence names another supplier."""
    if draft.value is not None or draft.value_change is not None or draft.provider is None:
        return
    stated = [f for f in index.facts
              if f.type == "money" and f.value.role == "contract_value" and f.value.bound != "over"]
    if len({(f.value.amount, f.value.currency) for f in stated}) != 1:
        return
    starts = [start for start, _ in sentences]
    i = bisect.bisect_right(starts, stated[0].start) - 1
    sentence = sentences[i] if i >= 0 else (stated[0].start, stated[0].end)
    if any(p is not draft.provider for p in mentions.named(*sentence)) or _a_years_payment(index.inside(*sentence)):
        return  # the value of another supplier's contract, which no record was made of; a year's payment
    draft.value = stated[0]
    draft.sentences.append(sentence)


def value_from_before(draft: Draft, text: str, before: Sequence[tuple[int, int]], index: ByOffset) -> None:
    """"X is willing to deliver services for another year for £3.6m. The executive agreed a further
    award to X": the sum stands in an earlier sentence that names the same provider, as a price."""
    for start, end in reversed(before):
        if not mentioned(draft.provider, start, end):
            continue
        probe = Draft(draft.action, start, end, False)
        read_money(probe, text, [f for f in index.inside(start, end) if f.type == "money"],
                   Trigger(draft.action, start, start))
        if probe.value is not None and probe.value_change is None and _priced(text, probe.value.start):
            draft.value = probe.value
            draft.sentences.insert(0, (start, end))
        return


def from_next(draft: Draft, text: str, following: Sequence[tuple[int, int]], index: ByOffset,
              mentions: Mentions) -> None:
    """"To undertake a procurement exercise for highway materials. The new contract will be for a
    3-year term with a maximum value of £3.95m.": the value of the contract, priced in the
    sentences after it, and its term, where they speak of the contract and do nothing of their
    own. The search stops at a sentence of another action or another supplier, or at a label line
    ("Lead officer: ..."), which ends a decision in a list of them."""
    for start, end in following:
        if sentence_action(text, start, end) is not None or any(
                p is not draft.provider for p in mentions.named(start, end)):
            return  # a sentence of its own action, or of another supplier
        label = _LABEL_AT.match(text, start, end)
        if _CONTRACT_WORD.search(text, start, end) or (label and _TERMS_LABEL.search(label.group("label"))):
            _price_and_term(draft, text, (start, end), index)  # "Value: £1,250,000.", "Term: 1 May 2025 to ..."
        elif label:
            return
        if draft.value is not None and (draft.period is not None or draft.action == "procurement"):
            return


def _price_and_term(draft: Draft, text: str, sentence: tuple[int, int], index: ByOffset) -> None:
    start, end = sentence
    inside = index.inside(start, end)
    # "for £3.95m", "The total contract value is £150,000": a price, never a year's payment
    money = [f for f in inside if f.type == "money" and (_priced(text, f.start) or f.value.role == "contract_value")
             and not _a_years_payment(inside)]
    periods = [f for f in inside if f.type == "period" and f.value.kind in ("range", "start_and_duration")]
    if len(money) == 1 and draft.value is None:
        draft.value = money[0]
        draft.sentences.append((start, end))
    if len(periods) == 1 and draft.period is None and draft.action != "procurement":
        draft.period = (periods[0].value.start, periods[0].value.end, [periods[0].id])
        draft.sentences.append((start, end))


def value_after(draft: Draft, text: str, after: Sequence[tuple[int, int]], index: ByOffset,
                mentions: Mentions) -> None:
    """"The services of X have been commissioned. ... X Design Package: £1,567,676.": the sum
    stands in a later sentence that names the same provider, and no other, beside one sum. The
    search stops at a sentence naming another provider or reporting an action of its own."""
    for start, end in after:
        named = mentions.named(start, end)
        if any(p is not draft.provider for p in named) or sentence_action(text, start, end) is not None:
            return
        if not named:
            continue
        inside = index.inside(start, end)
        if _a_years_payment(inside):
            return
        money = [f for f in inside if f.type == "money"]
        probe = Draft(draft.action, start, end, False)
        read_money(probe, text, money, Trigger(draft.action, start, start))
        if len(money) == 1 and probe.value is money[0]:
            draft.value = probe.value
            draft.sentences.append((start, end))
            return


LOOK_AHEAD = 3  # sentences after a record searched for its value or its term


_CONTRACT_WORD = re.compile(r"\b(?:contract|contracts|framework|agreement)\b", re.I)


@cache
def _value_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(pattern_data('contracts')['value_cues'])})\s*$", re.I)


def _priced(text: str, start: int) -> bool:
    """A sum written as a price: "for £3.6m", "worth £2m", "a value of £1m"."""
    return bool(_value_cue().search(text, max(0, start - 20), start))


_LABEL_AT = re.compile(r"[\s•*-]*(?P<label>[A-Z][^:\n]{1,60}):")  # a label opening a sentence
_TERMS_LABEL = re.compile(r"\b(?:value|cost|price|sum|term|period|duration)\b", re.I)
SUMMARY_LINES = 8
_PRICE_LABEL = re.compile(r"\b(?:value|cost|costs|price|sum|amount)\b")
_SUMMARY_LABEL = re.compile(r"^[\s•*-]*(?P<label>[A-Z][^:\n]{1,60}):", re.M)


def summary_after(draft: Draft, text: str, after: Sequence[tuple[int, int]], index: ByOffset) -> None:
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
        spot = next((s, e) for s, e in after if s <= draft.value.start and draft.value.end <= e)
        draft.sentences.append(spot)
