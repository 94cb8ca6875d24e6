"""The organisation gazetteer's patterns, made from one call of the tokenizer, are the Docs that
`nlp.make_doc` makes form by form (pipeline/facts/organisation_gazetteers.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.organisation_gazetteers import _gazetteer_forms, gazetteer_matcher, pattern_docs
from pipeline.nlp import build_nlp
from pipeline.tokenizer import ChunkCachedTokenizer

FORMS = [
    "Acme Ltd",
    "Acme Ltd.",  # "Ltd." is a special case: one token
    "B&NES",
    "St. Helens Council",
    "Kier (UK) Ltd.",
    "Wm Morrison's Supermarkets plc",
    "U.K.-wide Services",
    "A  doubled space",  # not single spaces: made on its own
    "tab\tseparated",
    "no-break\u00a0space",
    "Acme Ltd",  # twice
]


def _tokens(doc: Doc) -> list[tuple[str, str]]:
    return [(token.text, token.whitespace_) for token in doc]


def _blank(wrapped: bool) -> Language:
    nlp = spacy.blank("en")
    if wrapped:
        nlp.tokenizer = ChunkCachedTokenizer(nlp.tokenizer)
    return nlp


@pytest.mark.parametrize("wrapped", [False, True], ids=["spacy-tokenizer", "chunk-cached"])
def test_the_patterns_are_the_docs_made_one_by_one(wrapped: bool) -> None:
    for forms in (FORMS, list(_gazetteer_forms())):
        batched = pattern_docs(_blank(wrapped), forms)
        nlp = _blank(wrapped)
        assert [_tokens(doc) for doc in batched] == [_tokens(nlp.make_doc(form)) for form in forms]
    assert len(_gazetteer_forms()) > 3000


def test_a_form_split_into_several_tokens_keeps_its_inner_spacing() -> None:
    [doc] = pattern_docs(_blank(False), ["Kier (UK) Ltd."])
    assert _tokens(doc) == [("Kier", " "), ("(", ""), ("UK", ""), (")", " "), ("Ltd.", "")]


def test_the_built_pipeline_matches_gazetteer_forms() -> None:
    nlp = build_nlp()
    assert isinstance(nlp.tokenizer, ChunkCachedTokenizer)  # wrapped once the components were made
    doc = nlp.make_doc("The contract with Kent County Council and NHS England was signed.")
    found = {doc[start:end].text for _, start, end in gazetteer_matcher(nlp)(doc)}
    assert {"Kent County Council", "NHS England"} <= found
