"""The chunk-cached tokenizer gives spaCy's own tokens, chunk for chunk."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import build_nlp
from pipeline.tokenizer import ChunkCachedTokenizer

TEXTS = [
    "",
    " ",
    "Mr. Smith's report (£4.5m) was approved.",
    # After the first special case spaCy stops caching: the chunks after it must split the same.
    "Mr. Jones can't attend; the Council's U.K.-wide £3,632,475 contract:(2024/25) ends.",
    "  leading spaces,\n\nparagraphs\n \ttabs\t and  doubled  spaces  ",
    "e.g. 1.5% p.a. i.e. a.m. — “quoted” ‘words’ and hyphen-ated co-operation...",
    "trailing space ",
    "Line one\r\nLine two\u00a0no-break\u2009thin",
    ":) :-( <3 emoticons and URLs https://example.org/a?b=c and emails clerk@kent.gov.uk",
]


def _tokens(doc: spacy.tokens.Doc) -> list[tuple[int, str, str]]:
    return [(t.idx, t.text, t.whitespace_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_as_spacy(text: str) -> None:
    plain = spacy.blank("en").tokenizer
    cached = ChunkCachedTokenizer(spacy.blank("en").tokenizer)
    assert _tokens(cached(text)) == _tokens(plain(text))
    assert cached(text).text == text
    # And again, from the cache.
    assert _tokens(cached(text)) == _tokens(plain(text))


def test_all_texts_in_one_document() -> None:
    text = "\n".join(TEXTS * 3)
    assert _tokens(ChunkCachedTokenizer(spacy.blank("en").tokenizer)(text)) == \
        _tokens(spacy.blank("en").tokenizer(text))


def test_cache_starts_again_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.tokenizer.MAX_CACHED", 3)
    tokenizer = ChunkCachedTokenizer(spacy.blank("en").tokenizer)
    tokenizer("one two three four five")
    tokenizer("six")
    assert len(tokenizer._splits) <= 4
    assert _tokens(tokenizer("one two six")) == _tokens(spacy.blank("en").tokenizer("one two six"))


def test_pipeline_uses_it() -> None:
    assert isinstance(build_nlp().tokenizer, ChunkCachedTokenizer)
