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

from pipeline.facts.organisation_rules import as_a_post
from pipeline.facts.scanning import alternation, opening_words
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
        # `(?<![\w-])(?:phrases|patterns)(?![\w-])`, case-blind, written so that a scan skips to their first letters
        opening = opening_words(data["actions"][action], ignore_case=True,
                                patterns=data.get("action_patterns", {}).get(action, []), not_after=r"\w-")
        patterns.append((action, re.compile(rf"{opening}(?![\w-])")))
    return tuple(patterns)


@cache
def _not_decided(planned: bool = False) -> re.Pattern[str]:
    """Words that make a trigger after them no act done. For a planned procurement, the words
    that plan it ("permission to undertake a procurement exercise") are how it is decided."""
    data = pattern_data("contracts")
    words = alternation([w for w in data["not_decided"] if not (planned and w in data["planned_words"])])
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
    # Lower-cased ASCII, one byte a character so that offsets stay put (str.lower lengthens "İ";
    # str.translate was slow, re.I six times slower): other characters become "?", in no stem.
    for hit in _stem_pattern().finditer(text.encode("ascii", "replace").lower()):
        i = bisect.bisect_right(starts, hit.start()) - 1
        if i >= 0 and hit.end() <= sentences[i][1]:
            found.setdefault(i, sentences[i])
    return sorted(found.items())


@cache
def _stem_pattern() -> re.Pattern[bytes]:
    # No stem holds another, so their order never mattered: a trie, which a scan walks in a step or two.
    return re.compile(alternation(_stems()).encode("ascii"))


@cache
def decision_verbs() -> re.Pattern[str]:
    verbs = opening_words(pattern_data("contracts")["decision_verbs"], ignore_case=True, not_after=r"\w-")
    return re.compile(rf"{verbs}(?![\w-])")  # (?<![\w-])(?:verbs)(?![\w-]), case-blind


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
            if _not_decided(action == "procurement").search(text, max(start, m.start() - 40), m.start()):
                continue
            if action == "award" and (_a_person_to_a_post(text, m.end()) or _GRANT_BEFORE.search(
                    text, max(start, m.start() - 40), m.start()) or _GRANT_AFTER.match(text, m.end())
                    or _DELEGATED_TO.search(text, max(start, m.start() - 140), m.start())):
                continue  # "the grant fund will be awarded to", "awarded a grant of £5,000": no contract
            found.append(Trigger(action, m.start(), m.end()))
    return found


# (not the verb: "Grant authority to enter into a contract")
_GRANT_BEFORE = re.compile(r"\b(?:grants?(?![ \t]+(?:authority|approval|permission|consent|delegated))|funding)\b"
                           r"[^.;:\n]*$", re.I)
_GRANT_AFTER = re.compile(r"[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:[\w-]+[ \t]+)?(?:grants?|funding)\b", re.I)
# "authority be delegated to the Service Director Highways to award contracts": an award to come
_DELEGATED_TO = re.compile(r"\bdelegat(?:e|es|ed|ing)\b[^.;:\n]*?\bto[ \t]+(?:[\w'’,()&-]+[ \t]+){0,12}?to[ \t]+$",
                           re.I)
# A person's name after "appoint": capitalised words, a title before them perhaps
_PERSON = re.compile(r"[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}")


def _a_person_to_a_post(text: str, at: int) -> bool:
    """"To appoint Adele Taylor as the interim Chief Finance Officer": a post filled, no contract."""
    person = _PERSON.match(text, at)
    return bool(person and as_a_post().match(text, person.end()))


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
