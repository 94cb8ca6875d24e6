"""Numbers as councils write them: "3,629,500", "1, 002,318", "4.5", "five", "twenty-five"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data

# A stray space after a thousands comma ("1, 002,318") is a PDF artefact, not two numbers.
DIGITS = r"\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


@cache
def _words() -> tuple[dict[str, int], dict[str, float], dict[str, int]]:
    data = pattern_data("numbers")
    return data["units"], data["fractions"], data["scales"]


@cache
def number_words_pattern() -> str:
    """A regex alternation of number words, longest first, for building patterns."""
    units, fractions, scales = _words()
    word = alternation({*units, *fractions, *scales})  # a trie: one word's letters tried, not thirty words
    return rf"(?:{word})(?:(?:[\s-]+|\s+and\s+)(?:{word}))*"


def parse_digits(text: str) -> Decimal:
    """
    >>> parse_digits("3,629,500"), parse_digits("1, 002,318"), parse_digits("4.5")
    (Decimal('3629500'), Decimal('1002318'), Decimal('4.5'))
    """
    cleaned = re.sub(r",\s?", "", text.strip())
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def parse_words(text: str) -> Decimal:
    """
    >>> parse_words("twenty-five"), parse_words("two hundred"), parse_words("a dozen")
    (Decimal('25'), Decimal('200'), Decimal('12'))
    >>> parse_words("one and a half"), parse_words("three hundred thousand"), parse_words("a five")
    (Decimal('1.5'), Decimal('300000'), Decimal('5'))
    >>> parse_words("one hundred and twenty five"), parse_words("twenty one")
    (Decimal('125'), Decimal('21'))
    >>> parse_words("two one")
    Traceback (most recent call last):
    ...
    ValueError: not one number: 'two one'
    """
    units, fractions, scales = _words()
    total = Decimal(0)
    current = Decimal(0)
    tokens = [t for t in re.split(r"[\s-]+", text.lower().strip()) if t and t != "and"]
    if not tokens:
        raise ValueError(f"not a number: {text!r}")
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ("a", "an") and following is not None:
            if following in scales:
                current += 1  # "a hundred", "a million"
            continue  # "a five-year", "a dozen", "one and a half": the article is not a number
        if token in units:
            value, last_two = units[token], current % 100
            if last_two and not (value < 10 and last_two >= 20 and last_two % 10 == 0):
                # "two one-year extensions" is two of one year, not three; "twenty one" is 21
                raise ValueError(f"not one number: {text!r}")
            current += value
        elif token in fractions:
            current += Decimal(str(fractions[token]))
        elif token in scales:
            scale = Decimal(scales[token])
            if scale >= 1000:
                total += (current or 1) * scale
                current = Decimal(0)
            else:
                current = (current or 1) * scale
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


def parse_number(text: str) -> Decimal:
    """Digits or words.

    >>> parse_number("12"), parse_number("twelve")
    (Decimal('12'), Decimal('12'))
    """
    text = text.strip()
    if re.fullmatch(DIGITS, text):
        return parse_digits(text)
    return parse_words(text)
