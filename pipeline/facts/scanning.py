"""Finding a pattern's matches without trying it at every character of a long text.

A regex scan of a whole report tries the pattern at each character; where a pattern opens
with something optional, a look-behind or a list of words, the engine cannot skip ahead, and
most of a finder's time went there. Each helper here finds exactly what `pattern.finditer`
would (or, for finditer_near, what a scan of the windows finds), trying the pattern only where
a match can be: around an anchor, where its first word opens, in the stretches that hold what
its every match holds. Phrase lists become tries, which an engine walks in one or two steps.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any


def alternation(phrases: Iterable[str]) -> str:
    r"""A regex alternation of literal phrases, longest first, spaces matching any whitespace.

    Written as a trie ("w(?:as|ill)" for "was|will"): the regex engine tries each branch of
    an alternation in turn, at every position a scan reaches, and a list of fifty phrases
    cost fifty tries where the trie costs one or two. It matches what the flat list matches,
    in the same order of preference (a longer phrase before one it starts with); where two
    phrases part at letters differing only in case ("PLC", "plc"), which a case-blind pattern
    could not tell apart in a trie, the flat list is kept.

    >>> alternation(["was awarded", "will run", "was", "runs"])
    '(?:w(?:as(?:\\s+awarded)?|ill\\s+run)|runs)'
    >>> alternation(["Ltd", "LTD", "Limited"])
    'Limited|Ltd|LTD'
    """
    ordered = sorted(phrases, key=len, reverse=True)
    root: dict[str, Any] = {}
    for phrase in ordered:  # longest first: each node's branches keep the order of their longest phrase
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here; emitted after the longer phrases that go on
    if not _trie_safe(root):
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return _trie_pattern(root)


def _trie_safe(node: dict[str, Any]) -> bool:
    """Whether a trie keeps the flat list's order of preference: two phrases that can both
    match at one place must lie on one path of the trie, so no two branches of a node may
    open with characters one text character could match, with or without case ("P" and "p",
    "s" and "ſ"; a space stands for any white space)."""
    chars = [c for c in node if c]
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            if (a.isspace() and b.isspace()) or _same_ignoring_case(a, b):
                return False
    return all(_trie_safe(child) for child in node.values())


@cache
def _same_ignoring_case(a: str, b: str) -> bool:
    return bool(re.fullmatch(re.escape(a), b, re.IGNORECASE) or re.fullmatch(re.escape(b), a, re.IGNORECASE))


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
                for char, child in node.items() if char]
    if "" in node:
        if not branches:
            return ""
        if len(branches) == 1:
            return f"(?:{branches[0]})?"
        branches.append("")
    if len(branches) <= 1:
        return "".join(branches)
    return "(?:" + "|".join(branches) + ")"


def finditer_near(pattern: re.Pattern[str], anchor: re.Pattern[str] | MergedAnchor, text: str, before: int,
                  after: int) -> list[re.Match[str]]:
    r"""The matches of `pattern`, sought only around the matches of `anchor`: something every
    match holds (a currency sign, a year, a legal suffix) within `before` characters of its
    start and `after` characters of its end. Scanning a whole report for a pattern whose
    opening is optional tries it at every character; the anchors are found by a fast scan and
    cover a few per cent of the text.

    Each match is matched again on the whole text, so that a window's end never shortens it.

    >>> money = re.compile(r"\(?£\d+(?:\.\d+)?m?\)?")
    >>> [m.group() for m in finditer_near(money, re.compile("£"), "costs (£4.5m) and £12", 5, 10)]
    ['(£4.5m)', '£12']
    """
    return finditer_in_windows(pattern, text, near_windows(anchor, text, before, after))


class MergedAnchor:
    """Anchor patterns whose matches can never overlap one another (three-letter codes in upper
    case and in lower case), as one: their matches in text order are what the alternation of
    them all finds, and each is found faster on its own, a scan skipping only to its own first
    letters (the lower-case ones' are common letters, the upper-case ones' are not)."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return heapq.merge(*(p.finditer(text) for p in self.patterns), key=lambda m: m.start())


def near_windows(anchor: re.Pattern[str] | MergedAnchor, text: str, before: int, after: int) -> list[tuple[int, int]]:
    """The stretches of text finditer_near searches: several patterns sharing an anchor share them."""
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        start, end = max(0, a.start() - before), min(len(text), a.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    # A window opens at the start of a line or a word, as a scan from the text's start would meet it.
    for window in windows:
        while window[0] > 0 and not text[window[0] - 1].isspace():
            window[0] -= 1
    return [(start, end) for start, end in windows]


def finditer_in_windows(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]],
                        within: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """finditer_near's search, in windows near_windows gave. `within`: stretches() for the
    pattern, in which alone a window's scan can find anything; only they are scanned."""
    found: list[re.Match[str]] = []
    starts = [s for s, _ in within or []]
    for start, end in windows:
        for m in (pattern.finditer(text, start, end) if within is None
                  else finditer_within(pattern, text, _clipped(within, starts, start, end))):
            # Matched again on the whole text: the window's end must not shorten a match.
            whole = pattern.match(text, m.start()) if end < len(text) else m
            if whole is not None and (not found or whole.start() >= found[-1].end()):
                found.append(whole)
    return found


def _clipped(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The parts inside [start, end) of the spans (in order, not overlapping; `starts` their starts)."""
    parts = []
    for s, e in spans[max(bisect.bisect_right(starts, start) - 1, 0):]:
        if s >= end:
            break
        if e > start:
            parts.append((max(s, start), min(e, end)))
    return parts


# The characters a case-blind pattern takes for an ASCII letter besides its two cases.
_CASE_BLIND_EXTRAS = {"i": "İı", "k": "\u212a", "s": "ſ"}  # the Turkish i's, the kelvin sign, the long s


def case_blind_class(chars: Iterable[str]) -> str:
    """The inside of a character class holding every character a case-blind pattern takes for
    one of `chars` (a letter's two cases and its look-alikes), for a pattern without re.I.

    >>> case_blind_class("dp£"), case_blind_class("s")
    ('DPdp£', 'Ssſ')
    """
    found: set[str] = set()
    for char in chars:
        found.update({char, char.lower(), char.upper(), *_CASE_BLIND_EXTRAS.get(char.lower(), "")}
                     if char.isascii() and char.isalpha() else {char})
    return re.escape("".join(sorted(found)))


def opening_words(words: Iterable[str], ignore_case: bool = False, patterns: Iterable[str] = (),
                  not_after: str | None = None) -> str:
    r"""`\b(?:{alternation(words)})` (under re.IGNORECASE if `ignore_case`), written so that a
    scan skips from one possible first letter to the next: the first letter as a class (holding,
    case-blind, every character re.IGNORECASE takes for it: compile without that flag), a
    look-behind for the word's start, and one for which letter opened it. A pattern opening
    with a look-behind, or with letters under re.IGNORECASE, is tried at every character.

    `patterns`: regexes tried after the words, in their order, each opening with an ASCII
    letter written plainly. `not_after`: the words open after no character of this class
    (r"\w-" for `(?<![\w-])`) instead of after `\b`.

    >>> opening_words(["was", "will", "run"], ignore_case=True)
    '[WwRr](?<=\\b.)(?:(?<=[Ww])(?i:(?:ill|as))|(?<=[Rr])(?i:un))'
    >>> [m.group() for m in re.finditer(opening_words(["was", "will"], True), "Will I, as I was")]
    ['Will', 'was']
    >>> opening_words(["award"], True, [r"award of \w+"], not_after=r"\w-")
    '[Aa](?<![\\w-].)(?:(?<=[Aa])(?i:ward|ward of \\w+))'
    """
    def key(first: str) -> str:
        if ignore_case and first.lower() != first.upper() and not first.isascii():
            raise ValueError(f"{first!r}: a case-blind word must open with an ASCII letter or a caseless character")
        return case_blind_class(first) if ignore_case else re.escape(first)

    rests: dict[str, tuple[list[str], list[str]]] = {}  # first letter -> (the words' rests, the patterns' rests)
    for word in sorted(set(words), key=lambda w: (-len(w), w)):  # in a fixed order: the same pattern each run
        rests.setdefault(key(word[:1]), ([], []))[0].append(word[1:])
    for pattern in patterns:
        if not re.match(r"[A-Za-z](?![?*+{])", pattern):
            raise ValueError(f"{pattern!r}: a pattern must open with a plain letter")
        rests.setdefault(key(pattern[0]), ([], []))[1].append(pattern[1:])
    flags = "?i:" if ignore_case else "?:"
    choices = "|".join(
        f"(?<=[{first}])({flags}{'|'.join(([alternation(word_rests)] if word_rests else []) + pattern_rests)})"
        for first, (word_rests, pattern_rests) in rests.items())
    opening = r"(?<=\b.)" if not_after is None else rf"(?<![{not_after}].)"
    return rf"[{''.join(rests)}]{opening}(?:{choices})"


def word_opener(words: Iterable[str]) -> re.Pattern[str]:
    """Where one of `words` opens a word, in any case (see opening_words).

    >>> [m.start() for m in word_opener(["dollar", "euro"]).finditer("Euros, dollars, paydollar")]
    [0, 7]
    """
    return re.compile(opening_words(words, ignore_case=True))


def finditer_opening_near(pattern: re.Pattern[str], opener: re.Pattern[str], text: str,
                          back: int) -> list[re.Match[str]]:
    """What pattern.finditer(text) finds, for a pattern (never matching empty) each of whose
    matches opens at most `back` characters before a match of `opener`: it is tried only there.

    >>> money = re.compile(r"\\(?(?i:dollars?)\\s+\\d+")
    >>> [m.group() for m in finditer_opening_near(money, word_opener(["dollar"]), "(dollars 5 and DOLLAR 6", 1)]
    ['(dollars 5', 'DOLLAR 6']
    """
    return finditer_at(pattern, text, (max(0, m.start() - k) for m in opener.finditer(text) for k in range(back + 1)))


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """What pattern.finditer(text) finds, for a pattern (never matching empty) whose every match
    opens at one of `starts`: it is tried there only."""
    found: list[re.Match[str]] = []
    end = 0
    for start in sorted(set(starts)):
        if start >= end and (m := pattern.match(text, start)):
            found.append(m)
            end = m.end()
    return found


def finditer_in_stretches(pattern: re.Pattern[str], needle: re.Pattern[str], barrier: re.Pattern[str],
                          text: str) -> list[re.Match[str]]:
    r"""What pattern.finditer(text) finds, for a pattern every match of which holds a match of
    `needle` and none of whose parts, look-aheads included, can take a character `barrier`
    matches: it is tried only in the stretches between two barrier characters that hold a needle.

    >>> council = re.compile(r"\b[A-Z]\w*(?: [A-Z]\w*)* Council\b")
    >>> [m.group() for m in finditer_in_stretches(council, re.compile("Council"), re.compile(r"[^\w ]"),
    ...                                             "Kent County Council; (Medway Council), the council")]
    ['Kent County Council', 'Medway Council']
    """
    return finditer_within(pattern, text, stretches(needle, barrier, text))


def stretches(needle: re.Pattern[str], barrier: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The stretches between two characters `barrier` matches (one character a match) that hold
    a match of `needle` (which holds none), each with the barrier after it, so that a
    look-ahead at its end sees that character; in text order, not overlapping."""
    found: list[tuple[int, int]] = []
    reverse = ""  # the text backwards: the barrier before a needle, found by a forward scan
    position = 0
    while (hit := needle.search(text, position)) is not None:
        if not reverse:
            reverse = text[::-1]
        before = barrier.search(reverse, len(text) - hit.start())
        after = barrier.search(text, hit.start())
        found.append((len(text) - before.start() if before else 0, after.end() if after else len(text)))
        position = found[-1][1]
    return found


def finditer_within(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The matches of `pattern` in each of the spans (in order, not overlapping) in turn."""
    return [m for start, end in spans for m in pattern.finditer(text, start, end)]
