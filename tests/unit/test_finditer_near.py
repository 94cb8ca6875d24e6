"""finditer_near finds what a scan of the whole text finds, for the patterns that use it."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.facts import dates, money
from pipeline.facts.scanning import finditer_near, finditer_opening_near

# Pieces of council prose and tables, so that random texts are dense with near-misses.
PIECES = ["£", "$", "US", "C", "(", ")", "-", "12", "4.5", "1,250", "000", ",", " ", " ", " ", "\n", "m", "k",
          "million", "bn", "dollars", "GBP", "usd", "pence", "the", "end", "of", "March", "1st", "30", "Thursday",
          "2024", "2025", "/25", "-26", "day", "April", "per annum", "Council", ".", "1920", "2019"]


def _texts(seed: int, count: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(5, 120))) for _ in range(count)]


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("seed", range(10))
def test_money_patterns_near_their_signs_and_codes(seed: int) -> None:
    v = money.vocab()
    for text in _texts(seed):
        for pattern, anchor in v.patterns:
            if isinstance(anchor, money._Opens):
                near = finditer_opening_near(pattern, anchor.opener, text, anchor.back)
                assert _spans(near) == _spans(list(pattern.finditer(text))), text
            elif anchor is not None:
                near = finditer_near(pattern, anchor, text, money._BEFORE_ANCHOR, money._AFTER_ANCHOR)
                assert _spans(near) == _spans(list(pattern.finditer(text))), text


@pytest.mark.parametrize("seed", range(10))
def test_date_patterns_near_their_years(seed: int) -> None:
    for text in _texts(seed):
        for pattern in dates.date_patterns():
            assert _spans(dates._matches(pattern, text)) == _spans(list(pattern.finditer(text))), text


def test_a_match_longer_than_its_window_is_matched_whole() -> None:
    pattern = re.compile(r"£\d+(?:,\d{3})*")
    text = "£1" + ",000" * 30
    assert [m.group() for m in finditer_near(pattern, re.compile("£"), text, 5, 10)] == [text]


def test_nothing_is_found_without_an_anchor() -> None:
    assert finditer_near(re.compile(r"\d+"), re.compile("£"), "12 and 13", 5, 5) == []
