"""Sentence boundaries for council prose and PDF text: full stops, and blank lines between
paragraphs, headings and list items, which carry no full stop but end a sentence all the same.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

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
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        previous = doc[i - 1]
        start = False
        if previous.is_space and "\n\n" in previous.text or previous.text.count("\n") >= 2:
            start = True
        elif previous.text in (".", "!", "?") or previous.text.endswith((".”", "?”", "!”")):
            before = doc[i - 2].text if i >= 2 else ""
            opens = (token.is_title or token.is_upper or token.is_digit or token.text[:1] in "“\"'‘(•-"
                     or bool(_NUMBERING.match(token.text)))
            start = opens and not _ABBREVIATION.match(before)
        elif token.text == "•" or ("\n" in previous.whitespace_ + previous.text and token.text in ("•", "-", "–")):
            start = True
        token.is_sent_start = start
    return doc
