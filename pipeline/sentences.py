"""Sentence boundaries for council prose and PDF text: full stops, and blank lines between
paragraphs, headings and list items, which carry no full stop but end a sentence all the same.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import IDX, IS_DIGIT, IS_SPACE, IS_TITLE, IS_UPPER, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.base import text_of

# "s. 151", "No. 3", "e.g. the": a full stop that does not end a sentence.
# "3.2 Under the Act...": paragraph numbers open sentences.
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?$")
_ABBREVIATION = re.compile(
    r"^(?:[a-z]|s|ss|no|nos|para|paras|reg|regs|sch|e\.g|i\.e|etc|cllr|mr|mrs|ms|dr|st|vs|approx|c|ref|p|pp|fig|vol"
    r"|ch|art|cf|al)$",
    re.I,
)


@Language.component("council_sentences", assigns=["token.is_sent_start"])
def council_sentences(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    # The tokens' texts and flags read as arrays, in one pass: a Token object per look-up
    # cost more than the splitting itself. One flat list per column: a list per token would
    # give the garbage collector ever more containers to walk, which grows faster than the text.
    columns = doc.to_array([IDX, LENGTH, SPACY, IS_TITLE, IS_UPPER, IS_DIGIT, IS_SPACE])
    text = text_of(doc)
    words = [text[i:i + n] for i, n in zip(columns[:, 0].tolist(), columns[:, 1].tolist(), strict=True)]
    spaces = [" " if space else "" for space in columns[:, 2].tolist()]
    flags = [columns[:, i].tolist() for i in range(3, 7)]
    starts = sentence_starts(words, spaces, flags)
    # One write for the whole Doc: the Token.is_sent_start setter scans every token of the Doc
    # (spaCy checks for a parse first), which made setting it token by token quadratic.
    values: Any = numpy.array([1 if start else -1 for start in starts], dtype="int64").astype("uint64")
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


def sentence_starts(words: list[str], spaces: list[str], flags: list[list[int]]) -> list[bool]:
    r"""Whether each token opens a sentence; flags are the columns is_title, is_upper, is_digit
    and is_space, one value per token in each.

    >>> words = ["Savings", "were", "agreed", ".", "See", "para", ".", "3", ".", "\n\n", "Next"]
    >>> spaces = [" ", " ", "", " ", " ", "", " ", "", "", "", ""]
    >>> flags = [[w.istitle() for w in words], [w.isupper() for w in words], [w.isdigit() for w in words],
    ...          [w.isspace() for w in words]]
    >>> [w for w, s in zip(words, sentence_starts(words, spaces, flags)) if s]
    ['Savings', 'See', 'Next']
    """
    is_title, is_upper, is_digit, is_space = flags
    starts = [True] * len(words)
    for i in range(1, len(words)):
        previous = words[i - 1]
        text = words[i]
        start = False
        # A full stop, a line end, then a quotation opening: a new sentence the line end hid. (A
        # capital after a line end is left alone: in PDF text it as often continues a heading or list.)
        ended_line = (bool(is_space[i - 1]) and "\n" in previous and i >= 2 and words[i - 2] in (".", "!", "?")
                      and text[:1] in "“\"‘")
        if ended_line:
            previous = words[i - 2]
        if is_space[i - 1] and "\n\n" in words[i - 1] or words[i - 1].count("\n") >= 2:
            start = True
        elif previous in (".", "!", "?") or previous.endswith((".”", "?”", "!”")):
            before = words[i - (3 if ended_line else 2)] if i >= (3 if ended_line else 2) else ""
            opens = (bool(is_title[i]) or bool(is_upper[i]) or bool(is_digit[i]) or text[:1] in "“\"'‘(•-"
                     or bool(_NUMBERING.match(text)))
            start = opens and not _ABBREVIATION.match(before)
        elif text == "•" or ("\n" in spaces[i - 1] + previous and text in ("•", "-", "–")):
            start = True
        starts[i] = start
    return starts
