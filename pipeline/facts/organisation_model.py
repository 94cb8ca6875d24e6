"""Organisation names the rules cannot find, proposed by a small trained model (models/ner/).

The rules find a name by what stands around it: a legal suffix, a gazetteer, a council's shape, a
cue such as "awarded to". A supplier with none of these ("Harbour Software", "NexaSoft") escapes
them. The model (spaCy tok2vec + ner, one label, trained by `python -m pipeline.devtools.train_ner`
from our own annotations) proposes such names; the organisation finder keeps a proposal only where
no rule found a name, passes it through the same filters as a rule-found name, and gives it a role
from the same cues.

The model reads windows of text around contracting words ("contract", "awarded", "supplier",
"Ltd"...), never whole documents: its cost follows the number of such words, and most of a
budget book holds none. Setting COUNCIL_FACTS_ORG_MODEL=off leaves the rules alone, to measure
what the model adds.
"""

from __future__ import annotations

import os
import re
from functools import cache

import spacy
from spacy.language import Language

from pipeline.facts.scanning import alternation
from pipeline.resources import models_dir, pattern_data

SWITCH = "COUNCIL_FACTS_ORG_MODEL"
WINDOW = 160  # characters read on each side of a contracting word
LABEL = "ORG"


@cache
def model() -> Language | None:
    """The shipped model, or None where it is switched off or absent (the rules then work alone)."""
    if os.environ.get(SWITCH, "").lower() in {"off", "0", "no", "false"}:
        return None
    path = models_dir() / "ner"
    if not (path / "meta.json").is_file():
        return None
    return spacy.load(path)


@cache
def _window_words() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(pattern_data('organisations')['model_window_words'])})(?!\w)", re.I)


def windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around contracting words, merged where they meet, ends on white space.

    >>> text = "Budget tables. " * 40 + "The contract was awarded to Harbour Software. " + "More tables. " * 40
    >>> [text[s:e].count("Harbour Software") for s, e in windows(text)]
    [1]
    """
    merged: list[list[int]] = []
    for m in _window_words().finditer(text):
        start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    spans = []
    for start, end in merged:
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < end else start
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        spans.append((start, end))
    return spans


def proposed_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name the model proposes, in text order; none cut by a window's edge."""
    nlp = model()
    if nlp is None:
        return []
    found: list[tuple[int, int]] = []
    spans = windows(text)
    for (start, end), doc in zip(spans, nlp.pipe(text[s:e] for s, e in spans), strict=True):
        for ent in doc.ents:
            touches_edge = (ent.start_char == 0 and start > 0) or (ent.end_char == len(doc.text) and end < len(text))
            if ent.label_ == LABEL and not touches_edge:
                found.append((start + ent.start_char, start + ent.end_char))
    return found
