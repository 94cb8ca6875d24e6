"""What every fact component shares: where candidates live on the Doc, and how to add one.

A component writes candidate spans to `doc.spans[<group>]`, labelled with the group; each
span's normalised value, exact offsets and component sit in a Candidate on the Doc.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.document import Document

GROUPS = (
    "money", "dates", "periods", "durations", "organisations", "legislation", "duties",
    "percentages",
)

if not Doc.has_extension("document"):
    Doc.set_extension("document", default=None)
if not Doc.has_extension("reference_date"):
    Doc.set_extension("reference_date", default=None)
if not Doc.has_extension("candidates"):
    Doc.set_extension("candidates", default=None)
if not Doc.has_extension("text_cache"):
    Doc.set_extension("text_cache", default=None)


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy's `Doc.text` joins every token again on each call."""
    cached: str | None = doc._.text_cache
    if cached is None:
        cached = doc._.text_cache = doc.text
    return cached


@dataclass(frozen=True)
class Candidate:
    value: Any
    component: str
    start: int  # exact character offsets; the span itself is widened to whole tokens
    end: int
    detail: Any = None  # what later components need beyond the value (a date's first and last day)


def add_candidate(doc: Doc, group: str, start: int, end: int, value: Any, component: str,
                  detail: Any = None) -> Span | None:
    """Add a span over characters [start, end) to a group, with its value; None if it cannot align.

    The candidate is stored in a list on the Doc and the span carries its index as kb_id, so
    spans with the same offsets ("£1-2m" is two amounts) keep their own values.
    """
    if doc._.candidates is None:
        doc._.candidates = []
    store: list[Candidate] = doc._.candidates
    span = doc.char_span(start, end, label=group, kb_id=str(len(store)), alignment_mode="expand")
    if span is None:
        return None
    store.append(Candidate(value, component, start, end, detail))
    if group not in doc.spans:
        doc.spans[group] = []
    doc.spans[group].append(span)
    return span


class Finder:
    """A stateless fact component: runs one module's `find` function over the Doc."""

    def __init__(self, find: Callable[[Doc], None]) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        self.find(doc)
        return doc


def register_finder(name: str, find: Callable[[Doc], None], requires: tuple[str, ...] = ()) -> None:
    """Register `find` as a spaCy factory that writes doc.spans, so a pipeline config can name it."""
    Language.factory(name, assigns=["doc.spans"], requires=list(requires),
                     func=lambda nlp, name: Finder(find))


def candidate(span: Span) -> Candidate:
    found: Candidate = span.doc._.candidates[int(span.kb_id_)]
    return found


def spans(doc: Doc, group: str) -> list[Span]:
    return list(doc.spans[group]) if group in doc.spans else []


def document_of(doc: Doc) -> Document | None:
    return doc._.document


def reference_date(doc: Doc) -> date | None:
    return doc._.reference_date


def words_before(text: str, start: int, limit: int = 60) -> str:
    """The lower-cased text just before an offset, within the same sentence-ish window."""
    window = text[max(0, start - limit):start]
    cut = max(window.rfind(". "), window.rfind("\n\n"))
    return " ".join(window[cut + 1:].lower().split()) if cut >= 0 else " ".join(window.lower().split())


def words_after(text: str, end: int, limit: int = 40) -> str:
    window = text[end:end + limit]
    sentence_end = re.search(r"\.\s+(?=[A-Z])", window)  # "p.a. under" is no sentence end
    return " ".join((window[:sentence_end.start()] if sentence_end else window).lower().split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases, as whole words, in lower-cased text (a cue among the words before).

    >>> [m.group().strip() for m in phrase_pattern(["contract value", "value"]).finditer("the contract value, values")]
    ['contract value']
    """
    return re.compile(rf"(?:^|\W)(?:{alternation(phrases)})(?=\W|$)")


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


class Ranges:
    """Character ranges already claimed, asked "does this one overlap any?" by bisection: a
    long report holds thousands of amounts and dates, and a scan of every claimed range per
    match would grow with their square. Kept as their union, which overlaps a range exactly
    when one of them does.

    >>> taken = Ranges([(10, 20)])
    >>> taken.add(20, 25); taken.add(40, 50)
    >>> taken.overlaps(0, 10), taken.overlaps(24, 30), taken.overlaps(30, 40), taken.overlaps(45, 46)
    (False, True, False, True)
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in ranges:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return  # an empty range overlaps nothing
        # Merge with every piece it overlaps or touches.
        i, k = bisect.bisect_left(self._ends, start), bisect.bisect_right(self._starts, end)
        if i < k:
            start, end = min(start, self._starts[i]), max(end, self._ends[k - 1])
        self._starts[i:k] = [start]
        self._ends[i:k] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end and start < end


def finditer_near(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, before: int,
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


def near_windows(anchor: re.Pattern[str], text: str, before: int, after: int) -> list[tuple[int, int]]:
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


def finditer_in_windows(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    """finditer_near's search, in windows near_windows gave."""
    found: list[re.Match[str]] = []
    for start, end in windows:
        for m in pattern.finditer(text, start, end):
            # Matched again on the whole text: the window's end must not shorten a match.
            whole = pattern.match(text, m.start()) if end < len(text) else m
            if whole is not None and (not found or whole.start() >= found[-1].end()):
                found.append(whole)
    return found


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


def word_opener(words: Iterable[str]) -> re.Pattern[str]:
    """Where one of `words` (ASCII letters first) opens a word, in any case: a scan skips from
    one possible first letter to the next, where a case-blind pattern is tried at every character.

    >>> [m.start() for m in word_opener(["dollar", "euro"]).finditer("Euros, dollars, paydollar")]
    [0, 7]
    """
    words = list(words)
    if not all(w[:1].isascii() and w[:1].isalpha() for w in words):
        raise ValueError("each word must open with an ASCII letter")
    rest = alternation({w[1:] for w in words})
    return re.compile(rf"[{case_blind_class(w[0] for w in words)}](?<=\b.)(?i:{rest})")


def finditer_opening_near(pattern: re.Pattern[str], opener: re.Pattern[str], text: str,
                          back: int) -> list[re.Match[str]]:
    """What pattern.finditer(text) finds, for a pattern (never matching empty) each of whose
    matches opens at most `back` characters before a match of `opener`: it is tried only there.

    >>> money = re.compile(r"\\(?(?i:dollars?)\\s+\\d+")
    >>> [m.group() for m in finditer_opening_near(money, word_opener(["dollar"]), "(dollars 5 and DOLLAR 6", 1)]
    ['(dollars 5', 'DOLLAR 6']
    """
    starts = sorted({max(0, m.start() - k) for m in opener.finditer(text) for k in range(back + 1)})
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            found.append(m)
            end = m.end()
    return found
