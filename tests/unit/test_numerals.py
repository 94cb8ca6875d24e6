"""Numbers as councils write them: digits with thousands commas (and PDF stray spaces), and
numbers in words. One table per reader; known failures stay in the tables marked
xfail(strict=True).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from pipeline.numerals import DIGITS, number_words_pattern, parse_digits, parse_number, parse_words


def xfail(*values, reason: str, id: str | None = None):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


DIGIT_NUMBERS = [
    pytest.param("3,629,500", Decimal("3629500"), id="3,629,500"),
    pytest.param("1, 002,318", Decimal("1002318"), id="pdf-stray-space"),
    pytest.param("6,394,360", Decimal("6394360"), id="6,394,360"),
    pytest.param("4.5", Decimal("4.5"), id="4.5"),
    pytest.param("67.3", Decimal("67.3"), id="67.3"),
    pytest.param(".5", Decimal("0.5"), id=".5"),
    pytest.param("1,000.50", Decimal("1000.50"), id="1,000.50"),
    pytest.param("12", Decimal("12"), id="12"),
    pytest.param("007", Decimal("7"), id="leading-zeros"),
    pytest.param(" 28 ", Decimal("28"), id="surrounding-space"),
]


@pytest.mark.parametrize(("text", "expected"), DIGIT_NUMBERS)
def test_parse_digits(text: str, expected: Decimal) -> None:
    assert parse_digits(text) == expected


@pytest.mark.parametrize(("text", "expected"), DIGIT_NUMBERS)
def test_parse_number_reads_digits(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


WORD_NUMBERS = [
    pytest.param("five", Decimal("5"), id="five"),
    pytest.param("twelve", Decimal("12"), id="twelve"),
    pytest.param("Twelve", Decimal("12"), id="capitalised"),
    pytest.param("twenty-five", Decimal("25"), id="twenty-five"),
    pytest.param("forty two", Decimal("42"), id="forty-two-unhyphenated"),
    pytest.param("two hundred", Decimal("200"), id="two-hundred"),
    pytest.param("one hundred and twenty", Decimal("120"), id="one-hundred-and-twenty"),
    pytest.param("three hundred thousand", Decimal("300000"), id="three-hundred-thousand"),
    pytest.param("two thousand and five", Decimal("2005"), id="two-thousand-and-five"),
    pytest.param("ten million", Decimal("10000000"), id="ten-million"),
    pytest.param("a hundred", Decimal("100"), id="a-hundred"),
    pytest.param("a million", Decimal("1000000"), id="a-million"),
    pytest.param("a dozen", Decimal("12"), id="a-dozen"),
    pytest.param("one and a half", Decimal("1.5"), id="one-and-a-half"),
    pytest.param("two and a half", Decimal("2.5"), id="two-and-a-half"),
    pytest.param("a five", Decimal("5"), id="article-before-a-number"),
    pytest.param("zero", Decimal("0"), id="zero"),
]


@pytest.mark.parametrize(("text", "expected"), WORD_NUMBERS)
def test_parse_words(text: str, expected: Decimal) -> None:
    assert parse_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), WORD_NUMBERS)
def test_parse_number_reads_words(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


NOT_NUMBERS = [
    pytest.param("", id="empty"),
    pytest.param("TBC", id="TBC"),
    pytest.param("five apples", id="number-and-a-noun"),
    pytest.param("1,2345", id="bad-grouping"),
    pytest.param("Page 3 of 12", id="page-number"),
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


DIGITS_MATCHES = [
    pytest.param("£3,629,500 in total", "3,629,500", id="grouped"),
    pytest.param("£1, 002,318", "1, 002,318", id="pdf-stray-space-is-one-number"),
    pytest.param("67.3%", "67.3", id="decimal"),
    pytest.param("a 4 point rise", "4", id="single-digit"),
]


@pytest.mark.parametrize(("text", "expected"), DIGITS_MATCHES)
def test_digits_pattern_finds_one_number(text: str, expected: str) -> None:
    assert re.search(DIGITS, text).group(0) == expected


NUMBER_PHRASES = [
    pytest.param("five", True, id="five"),
    pytest.param("twenty-five", True, id="twenty-five"),
    pytest.param("three hundred thousand", True, id="scales"),
    pytest.param("one and a half", True, id="fraction"),
    pytest.param("a dozen", True, id="a-dozen"),
    pytest.param("five apples", False, id="number-and-a-noun"),
    pytest.param("5", False, id="digits-are-not-words"),
]


@pytest.mark.parametrize(("text", "whole"), NUMBER_PHRASES)
def test_number_words_pattern_takes_the_whole_phrase(text: str, whole: bool) -> None:
    assert bool(re.fullmatch(number_words_pattern(), text, re.I)) is whole
