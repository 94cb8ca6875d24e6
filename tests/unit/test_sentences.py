"""sentence_starts looks closely only at the tokens that may open a sentence: it finds what
the rules, applied to every token (kept here), find."""

from __future__ import annotations

import random

import pytest

from pipeline.sentences import _may_open, _may_open_in, sentence_starts


def _every_token(words: list[str], spaces: list[str], flags: list[list[int]]) -> list[bool]:
    return sentence_starts(words, spaces, flags, may_open=list(range(1, len(words))))


TOKENS = [".", "!", "?", ".”", "?”", "\n", "\n\n", " \n \n", "\n ", "“", "\"", "‘", "(", "•", "-", "–", "See", "para",
          "no", "e.g", "3", "3.2", "444/2004", "Savings", "were", "agreed", "THE", "x", "", "’"]


@pytest.mark.parametrize("seed", range(10))
def test_the_tokens_passed_over_open_no_sentence(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        words = [rng.choice(TOKENS) for _ in range(rng.randrange(0, 30))]
        spaces = [rng.choice(["", " "]) for _ in words]
        flags = [[w.istitle() for w in words], [w.isupper() for w in words], [w.isdigit() for w in words],
                 [w.isspace() for w in words]]
        assert sentence_starts(words, spaces, flags) == _every_token(words, spaces, flags), words


@pytest.mark.parametrize("seed", range(5))
def test_tokens_that_may_open_a_sentence_are_found_from_the_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        words = [rng.choice([*TOKENS, "\ud800", "é", "a.b"]) for _ in range(rng.randrange(1, 30))]
        starts = [sum(len(w) for w in words[:i]) for i in range(len(words))]
        found = _may_open_in("".join(words), starts, [len(w) for w in words])
        assert found == _may_open(words), words


def test_council_sentences_on_a_doc() -> None:
    from pipeline.nlp import build_nlp

    doc = build_nlp()("Savings were agreed. See para. 3.\n\n• Next item - the “plan”.\n“Quoted” start")
    assert [s.text.strip() for s in doc.sents] == ["Savings were agreed.", "See para. 3.", "• Next item - the “plan”.",
                                                    "“Quoted” start"]


def test_a_numbered_item_after_a_full_stop_and_a_line_end_opens_a_sentence() -> None:
    from pipeline.nlp import build_nlp

    # (a capital after a line end, and a number with no full stop before its line end, open none)
    doc = build_nlp()("443/2004 The Cabinet agreed to accept the bid.\n444/2004 The Cabinet agreed to accept it.\n"
                      "It was not\n3 days late.")
    assert [s.text.strip() for s in doc.sents] == [
        "443/2004 The Cabinet agreed to accept the bid.",
        "444/2004 The Cabinet agreed to accept it.\nIt was not\n3 days late."]
