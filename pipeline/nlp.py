"""The spaCy pipeline: a blank English tokenizer, our sentence splitter and one component per
fact type, in the order their dependencies need. Nothing is downloaded; no statistical model.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the fact modules registers their factories with spaCy.
from pipeline import sentences  # noqa: F401
from pipeline.facts import (  # noqa: F401
    dates,
    durations,
    duties,
    legislation,
    money,
    organisations,
    percentages,
    periods,
)
from pipeline.tokenizer import ChunkCachedTokenizer

# Legislation first, so "Act 2012" is claimed before anything reads it as a year; periods
# after dates and durations, whose spans they pair; duties last, needing citations and holders.
COMPONENTS = (
    "council_sentences",
    legislation.COMPONENT,
    money.COMPONENT,
    percentages.COMPONENT,
    dates.COMPONENT,
    durations.COMPONENT,
    periods.COMPONENT,
    organisations.COMPONENT,
    duties.COMPONENT,
)


@cache
def build_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000  # we never parse, so long documents cost memory linearly
    for name in COMPONENTS:
        nlp.add_pipe(name)
    # Wrapped after the components are made: the organisation finder tokenizes its gazetteer's
    # words in one call, which spaCy's own tokenizer does at once and the wrapper word by word.
    nlp.tokenizer = ChunkCachedTokenizer(nlp.tokenizer)
    return nlp
