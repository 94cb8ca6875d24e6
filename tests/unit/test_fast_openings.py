"""Patterns rewritten so that a scan can skip to where a match may open find what their plain
forms (kept here) find."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.facts import dates

PLAIN_NUMERIC_DATES = (
    re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<mon>[01]?\d)(?P=sep)(?P<year>(?:19|20)?\d{2})"
               r"(?![\d/]|\.\d)"),
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
)


def _random_texts(pieces: list[str], seed: int, count: int = 300) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))) for _ in range(count)]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("seed", range(5))
def test_numeric_dates(seed: int) -> None:
    pieces = ["31/03/2025", "3.4.25", "2025-03-31", "12-12-1999", "4/٣/20", "31", "3", "1", "2025", "/", ".", "-",
              " ", "a", "\n"]
    for text in _random_texts(pieces, seed):
        for fast, plain in zip(dates._numeric_patterns(), PLAIN_NUMERIC_DATES, strict=True):
            assert _found(fast, text) == _found(plain, text), text
