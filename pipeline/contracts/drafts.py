"""A contract record in the making, and the lookups the linker reads facts through: facts and
providers' mentions by offset (pipeline/contracts/linker.py, nearby.py)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.contracts.triggers import Trigger
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data

_FROM_TO = re.compile(r"[ \t]+to[ \t]+")
_NEW_VALUE = re.compile(r"\bto\s+(?:the\s+|a\s+)?(?:present\s+|new\s+|revised\s+|total\s+)?(?:value\s+of\s+)?$", re.I)


@dataclass
class Draft:
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


class ByOffset:
    """Facts looked up by where they start, by bisection: a budget annex can hold thousands of
    facts and of contract words, and a scan of every fact per sentence would grow with their square."""

    def __init__(self, facts: Sequence[Any]) -> None:
        self.facts = sorted(facts, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.facts]

    def inside(self, start: int, end: int) -> list[Any]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [f for f in self.facts[i:j] if f.end <= end]


class Mentions:
    """The providers named in a stretch of text, by bisection over all their mentions."""

    def __init__(self, providers: Sequence[Any]) -> None:
        self.mentions = sorted(((m.start, m.end, i) for i, p in enumerate(providers) for m in p.mentions))
        self.starts = [m[0] for m in self.mentions]
        self.providers = list(providers)

    def named(self, start: int, end: int) -> list[Any]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        seen = sorted({k for _, e, k in self.mentions[i:j] if e <= end})
        return [self.providers[k] for k in seen]


def mentioned(org: Any, start: int, end: int) -> bool:
    return any(start <= m.start and m.end <= end for m in org.mentions)


def read_money(draft: Draft, text: str, money: list[Any], trigger: Trigger) -> None:
    refused = set(pattern_data("contracts")["value_roles_refused"])
    values = []
    for fact in money:
        before = text[max(draft.start, fact.start - 30):fact.start]
        sign = next((s for s, cue in _change_cues().items() if cue.search(before)), None)
        if sign and draft.value_change is None:
            draft.value_change = (sign, fact)
        elif fact.value.role not in refused or (draft.value_change and _NEW_VALUE.search(before)):
            values.append(fact)  # "reduced by £20,000 to £180,000": the second is the value, whatever its role
    if len(values) == 2 and _FROM_TO.fullmatch(text, values[0].end, values[1].start):
        values = values[1:]  # "to increase its value from £500,000 to £650,000": the value after
    if len(values) == 1:
        draft.value = values[0]
    elif values:  # several sums: the contract's own, else the first after the trigger
        own = [f for f in values if f.value.role in ("contract_value", "total", "annual_value")]
        after = [f for f in values if f.start >= trigger.end]
        draft.value = own[0] if len(own) == 1 else (after[0] if after else None)
