"""Percentages: "92 per cent", "67.3%", "2.5 percentage points", "400 basis points",
"ten percent (10%)", as a decimal value with the kind the text gives (target, achieved, change).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from spacy.tokens import Doc

from pipeline.facts.base import add_candidate, phrase_pattern, register_finder, text_of, words_after, words_before
from pipeline.facts.money import format_amount
from pipeline.facts.scanning import alternation
from pipeline.numerals import DIGITS, number_words_pattern, parse_number
from pipeline.resources import pattern_data
from pipeline.schema import PercentageValue

COMPONENT = "percentage_finder"


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, Decimal], tuple[tuple[str, re.Pattern[str]], ...]]:
    data = pattern_data("percentages")
    units = {k: Decimal(str(v)) for k, v in data["units"].items()}
    unit = alternation(units)
    num = rf"(?P<num>(?P<sign>[-–−+])?(?:{DIGITS})|{number_words_pattern()})"
    # "10-15%": both ends are percentages; the first borrows the unit.
    pattern = re.compile(
        rf"(?<![\w.,/])(?:(?P<low>{DIGITS})\s?(?:[-–]|to)\s?)?{num}"
        rf"(?:\s?\(\s?(?:{DIGITS})\s?\))?\s?(?P<unit>{unit})(?![\w])",
        re.I,
    )
    kinds = tuple((name, phrase_pattern(phrases)) for name, phrases in data["kinds"].items())
    return pattern, units, kinds


def normalise_percentage(number: str, unit: str) -> Decimal:
    """
    >>> normalise_percentage("92", "per cent"), normalise_percentage("400", "basis points")
    (Decimal('92'), Decimal('4.00'))
    >>> normalise_percentage("two hundred", "percentage points")
    Decimal('200')
    """
    _, units, _ = _pattern()
    sign = -1 if number[:1] in "-–−" else 1
    value = parse_number(number.lstrip("-–−+"))
    return value * units[" ".join(unit.lower().split())] * sign


def kind_of(text: str, start: int, end: int) -> str | None:
    _, _, kinds = _pattern()
    context = words_before(text, start, 60) + " | " + words_after(text, end, 30)
    best, where = None, -1
    anchor = len(words_before(text, start, 60))
    for name, phrase in kinds:
        for m in phrase.finditer(context):
            distance = -abs(m.start() - anchor)
            if best is None or distance > where:
                best, where = name, distance
    return best

_FIGURE = re.compile(r"[\d.]")
_OPENING = re.compile(r"\s*\(\s*")

def find_percentages(doc: Doc) -> None:
    pattern, _, _ = _pattern()
    text = text_of(doc)
    previous: tuple[int, list[Decimal]] = (-1, [])
    for match in pattern.finditer(text):
        number, unit = match.group("num"), match.group("unit")
        if unit.lower() in ("pp", "pc", "bp") and not _FIGURE.match(number.lstrip("-–−+")):
            continue  # "two pp" is too unlikely to be worth a false positive
        try:
            values = [normalise_percentage(number, unit)]
            if match.group("low"):
                values.insert(0, normalise_percentage(match.group("low"), unit))
        except (ValueError, KeyError, ArithmeticError):
            continue
        # "ten percent (10%)": the figures restate the words; one fact, not two.
        restated = previous[0] >= 0 and _OPENING.fullmatch(text[previous[0]:match.start()])
        if restated and values == previous[1]:
            continue
        previous = (match.end(), values)
        points = "point" in unit.lower() or unit.lower() in ("ppts", "pp", "%pts")
        kind = "change" if points else kind_of(text, match.start(), match.end())
        for value in values:
            add_candidate(doc, "percentages", match.start(), match.end(), PercentageValue.model_validate({
                "value": format_amount(value), "kind": kind,
                "unit": "percentage_points" if points else "percent"}), COMPONENT)


register_finder(COMPONENT, find_percentages)
