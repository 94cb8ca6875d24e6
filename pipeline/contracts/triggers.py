"""The words that make a sentence report a contract action: an award, an extension, a variation,
a termination, or a planned procurement (models/patterns/contracts.json).

A trigger preceded, within its clause, by a word of possibility ("a mechanism to vary", "may
extend", "the option to extend") reports nothing that was done, and is passed over.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data


@dataclass(frozen=True)
class Trigger:
    action: str
    start: int
    end: int


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = pattern_data("contracts")
    patterns = []
    for action in data["priority"]:
        options = [alternation(data["actions"][action]), *data.get("action_patterns", {}).get(action, [])]
        patterns.append((action, re.compile(rf"(?<![\w-])(?:{'|'.join(options)})(?![\w-])", re.I)))
    return tuple(patterns)


@cache
def _not_decided() -> re.Pattern[str]:
    words = alternation(pattern_data("contracts")["not_decided"])
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])[^.;:,]*$", re.I)


@cache
def _stems() -> tuple[str, ...]:
    """Words every trigger holds one of (the longest word of each phrase, the literal start of each
    pattern): a sentence without any cannot report an action, and is never given to the patterns."""
    data = pattern_data("contracts")
    phrases = [p for ps in data["actions"].values() for p in ps]
    patterns = [p for ps in data.get("action_patterns", {}).values() for p in ps]
    phrases += [re.sub(r"\\[swb]|[^a-z ]", " ", p.lower()) for p in patterns]
    stems = set()
    for phrase in phrases:
        words = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _FUNCTION_WORDS] or [phrase]
        stems.add(max(words, key=len))
    # "retender" holds "tender", "awarded" holds "award": keep the shortest, which finds both
    return tuple(sorted(stem for stem in stems if not any(o != stem and o in stem for o in stems)))


_FUNCTION_WORDS = {"was", "were", "is", "are", "be", "been", "has", "have", "the", "a", "an", "of", "to", "for",
                   "by", "with", "on", "in", "its"}


def sentences_with_actions(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, tuple[int, int]]]:
    """(number, sentence) of the sentences that hold a trigger's word: one pass of a plain pattern
    over the text instead of every action's pattern over every sentence.

    >>> text = "Members noted the budget. The contract was awarded to Acme Ltd."
    >>> sentences_with_actions(text, [(0, 25), (26, len(text))])
    [(1, (26, 63))]
    """
    starts = [start for start, _ in sentences]
    found: dict[int, tuple[int, int]] = {}
    # Lower-cased ASCII only, so offsets stay put (str.lower lengthens "İ"); re.I was six times slower.
    for hit in _stem_pattern().finditer(text.translate(_ASCII_LOWER)):
        i = bisect.bisect_right(starts, hit.start()) - 1
        if i >= 0 and hit.end() <= sentences[i][1]:
            found.setdefault(i, sentences[i])
    return sorted(found.items())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@cache
def _stem_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _stems())))


@cache
def decision_verbs() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(pattern_data('contracts')['decision_verbs'])})(?![\w-])", re.I)


def triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """The action triggers in text[start:end], by action (in the order of the pattern file), then in text order.

    >>> [t.action for t in triggers("A contract variation was secured and the contract was awarded.")]
    ['variation', 'award']
    >>> triggers("The contract will have a mechanism to vary the contract in year.")
    []
    """
    end = len(text) if end is None else end
    found = []
    for action, pattern in _patterns():
        for m in pattern.finditer(text, start, end):
            if _not_decided().search(text, max(start, m.start() - 40), m.start()):
                continue
            found.append(Trigger(action, m.start(), m.end()))
    return found


@cache
def _rejected() -> re.Pattern[str]:
    marks = alternation(pattern_data("contracts")["rejected_marks"])
    return re.compile(rf"\s*(?:{marks})\b")


def sentence_action(text: str, start: int, end: int) -> Trigger | None:
    """The action a sentence reports: its first trigger in text order, a planned procurement
    only where nothing else is done; None for an option the next words reject.

    >>> text = "Following a procurement exercise, the contract was awarded to Acme Ltd."
    >>> sentence_action(text, 0, len(text)).action
    'award'
    >>> text = "5.2 Extend the current contract by a further five years. Rejected: not permitted."
    >>> sentence_action(text, 0, text.index("Rejected")) is None
    True
    """
    if _rejected().match(text, end):
        return None
    found = triggers(text, start, end)
    done = [t for t in found if t.action != "procurement"]
    return min(done or found, key=lambda t: t.start, default=None)
