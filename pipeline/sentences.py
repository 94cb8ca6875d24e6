"""Sentence boundaries for council prose and PDF text: full stops, and blank lines between
paragraphs, headings and list items, which carry no full stop but end a sentence all the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, overload

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.base import text_of

# "s. 151", "No. 3", "e.g. the": a full stop that does not end a sentence.
# "3.2 Under the Act...": paragraph numbers open sentences.
_ITEM_NUMBER = re.compile(r"^\d+(?:[./]\d+)*\.?$")  # "3.2", "444/2004": a minute's or a paragraph's number
_ABBREVIATION = re.compile(
    r"^(?:[a-z]|s|ss|no|nos|para|paras|reg|regs|sch|e\.g|i\.e|etc|cllr|mr|mrs|ms|dr|st|vs|approx|c|ref|p|pp|fig|vol"
    r"|ch|art|cf|al)$",
    re.I,
)


@Language.component("council_sentences", assigns=["token.is_sent_start"])
def council_sentences(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    # The tokens' offsets read as arrays, in one pass, and their flags only where the rules look
    # (a few tokens in a hundred): a Token object per look-up, or a column per flag, cost more
    # than the splitting itself. Flat lists: a list per token would give the garbage collector
    # ever more containers to walk, which grows faster than the text.
    columns = doc.to_array([IDX, LENGTH])
    text = text_of(doc)
    offsets, lengths = columns[:, 0].tolist(), columns[:, 1].tolist()
    words = _Lazy(len(doc), lambda i: text[offsets[i]:offsets[i] + lengths[i]])
    spaces = _Lazy(len(doc), lambda i: doc[i].whitespace_)
    flags: list[Sequence[int]] = [_Lazy(len(doc), _flag(doc, name))
                                  for name in ("is_title", "is_upper", "is_digit", "is_space")]
    starts = sentence_starts(words, spaces, flags, may_open=_may_open_in(text, columns[:, 0], columns[:, 1]))
    # One write for the whole Doc: the Token.is_sent_start setter scans every token of the Doc
    # (spaCy checks for a parse first), which made setting it token by token quadratic.
    values: Any = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int64").astype("uint64")
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


def _flag(doc: Doc, name: str) -> Callable[[int], int]:
    return lambda i: int(getattr(doc[i], name))


T = TypeVar("T")


class _Lazy(Sequence[T]):
    """Each token's value (its text, the space after it, a flag), computed when asked for: the
    rules read a few tokens around each possible opening, and a list of every token's value
    cost more than they did."""

    def __init__(self, length: int, item: Callable[[int], T]) -> None:
        self._length, self._item = length, item

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._item(k) for k in range(*i.indices(self._length))]
        return self._item(i)


def sentence_starts(words: Sequence[str], spaces: Sequence[str], flags: Sequence[Sequence[int]],
                    may_open: list[int] | None = None) -> list[bool]:
    r"""Whether each token opens a sentence; flags are the columns is_title, is_upper, is_digit
    and is_space, one value per token in each. `may_open`: _may_open(words), found faster
    (_may_open_in).

    >>> words = ["Savings", "were", "agreed", ".", "See", "para", ".", "3", ".", "\n\n", "Next"]
    >>> spaces = [" ", " ", "", " ", " ", "", " ", "", "", "", ""]
    >>> flags = [[w.istitle() for w in words], [w.isupper() for w in words], [w.isdigit() for w in words],
    ...          [w.isspace() for w in words]]
    >>> [w for w, s in zip(words, sentence_starts(words, spaces, flags)) if s]
    ['Savings', 'See', 'Next']
    """
    is_title, is_upper, is_digit, is_space = flags
    starts = [True] + [False] * (len(words) - 1) if words else []
    for i in _may_open(words) if may_open is None else may_open:
        previous = words[i - 1]
        text = words[i]
        start = False
        # A full stop, a line end, then a quotation opening: a new sentence the line end hid. (A
        # capital after a line end is left alone: in PDF text it as often continues a heading or list.)
        # So does a numbered item there ("...a further year.\n444/2004 The Cabinet agreed").
        ended_line = (bool(is_space[i - 1]) and "\n" in previous and i >= 2 and words[i - 2] in (".", "!", "?")
                      and (text[:1] in "“\"‘" or bool(_ITEM_NUMBER.match(text))))
        if ended_line:
            previous = words[i - 2]
        if is_space[i - 1] and "\n\n" in words[i - 1] or words[i - 1].count("\n") >= 2:
            start = True
        elif previous in (".", "!", "?") or previous.endswith((".”", "?”", "!”")):
            before = words[i - (3 if ended_line else 2)] if i >= (3 if ended_line else 2) else ""
            opens = (bool(is_title[i]) or bool(is_upper[i]) or bool(is_digit[i]) or text[:1] in "“\"'‘(•-"
                     or bool(_ITEM_NUMBER.match(text)))
            start = opens and not _ABBREVIATION.match(before)
        elif text == "•" or ("\n" in spaces[i - 1] + previous and text in ("•", "-", "–")):
            start = True
        starts[i] = start
    return starts


_BULLETS = frozenset(("•", "-", "–"))


def _may_open(words: Sequence[str]) -> list[int]:
    """The tokens the rules above could open a sentence with: each after a token ending as a
    sentence does (".", "!", "?", a closing quote), a bullet, one after a blank line, and a
    quotation opening after a full stop and a line end. The others (nearly all) are passed over."""
    return [i for i, (previous, word) in enumerate(zip(words, words[1:], strict=False), 1)
            if previous[-1:] in ".!?”" or word in _BULLETS or previous.count("\n") >= 2
            or ("\n" in previous and word[:1] in _OPENINGS_AFTER_LINE_END and i >= 2 and words[i - 2] in _ENDS)]


_ENDS = frozenset((".", "!", "?"))
_OPENINGS_AFTER_LINE_END = "“\"‘0123456789"  # a quotation or a numbered item, after a full stop and a line end


def _codes(chars: str) -> list[int]:
    return [ord(c) for c in chars]


def _may_open_in(text: str, starts: Any, lengths: Any) -> list[int]:
    """_may_open for the tokens at `starts` (offsets into `text`) of `lengths`, read from the
    text's characters as one array: a look at each of a long report's tokens in Python cost
    more than the rules at the few that may open a sentence."""
    # (with a character after the text that is none of those sought: an empty token may end there)
    chars = numpy.append(numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32), 0)
    starts, lengths = numpy.asarray(starts, dtype=numpy.int64), numpy.asarray(lengths, dtype=numpy.int64)
    lines = numpy.concatenate(([0], numpy.cumsum(chars == ord("\n"))))
    line_ends = lines[starts + lengths] - lines[starts]
    empty = lengths == 0
    first, last = chars[starts], chars[numpy.where(empty, 0, starts + lengths - 1)]
    ending = empty | numpy.isin(last, _codes(".!?”"))
    single = lengths == 1
    bullet, end = single & numpy.isin(first, _codes("".join(_BULLETS))), single & numpy.isin(first, _codes(".!?"))
    quote = empty | numpy.isin(first, _codes(_OPENINGS_AFTER_LINE_END))
    after_stop = numpy.concatenate(([False, False], end[:-2]))  # the token two before is a full stop
    may = (ending | (line_ends >= 2))[:-1] | bullet[1:] | ((line_ends > 0)[:-1] & quote[1:] & after_stop[1:])
    return (numpy.flatnonzero(may) + 1).tolist()
