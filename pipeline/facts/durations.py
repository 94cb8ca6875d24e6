"""Durations: "a five-year period", "another 12 months", "3+1 years", "two extension periods of
two years", "up to a further five years", "thirty (30) days", as ISO 8601 (P5Y, P12M, P30D).
Ages ("18-25 year olds", "aged 65 years") are not durations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from spacy.tokens import Doc

from pipeline.facts.base import add_candidate, candidate, register_finder, spans, text_of
from pipeline.facts.money import format_amount
from pipeline.facts.scanning import alternation
from pipeline.numerals import DIGITS, number_words_pattern, parse_number
from pipeline.resources import pattern_data
from pipeline.schema import DurationValue

COMPONENT = "duration_finder"
# "3+1 years", "one to three years", "2-3 years": several lengths sharing one unit
_JOIN = r"(?:\s?\+\s?|\s+(?:to|or)\s+|\s?[–]\s?|(?<=\d)\s?-\s?(?=\d))"
_BARE_SCALES = {"hundred", "thousand", "million", "billion", "trillion"}

# Compiled once: re's own cache of patterns holds a few hundred, and a report's own patterns
# (its acronyms) could push these out of it.
_JOINS = re.compile(_JOIN)
_NUMBER_BEFORE = re.compile(r"\d\s$")
_LABEL_AFTER = re.compile(r"\s+(?:[A-Z]\b|\d)")
_YEAR_LABEL_BEFORE = re.compile(r"\bYears?\s+$")
_RANGE_BEFORE = re.compile(r"\d\s?[-–]\s?$")
_MORE = re.compile(r"\b(?:further|additional|extra|more)\b", re.I)
_YEAR = re.compile(r"\d{4}")
_RESTATED = re.compile(r"\s*\(\s*\d+\s*\)")

@dataclass(frozen=True)
class DurationSpan:
    start: int
    end: int
    iso: str
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = pattern_data("durations")
    units = data["units"]
    unit = alternation(units)
    qualifier = alternation(data["qualifiers"])
    words = number_words_pattern()
    number = rf"(?:{DIGITS}|{words})"
    # "3+1 years", "2 + 2 years": several lengths sharing one unit
    one_more = alternation(data["one_more"])
    pattern = re.compile(
        rf"(?<![\w.,£$€/-])(?:(?P<nums>{number}(?:\s*\(\s*\d+\s*\))?(?:{_JOIN}{number})*)"
        rf"(?:\s?[-–]\s?|\s+)|(?P<more>{one_more})\s+)"
        rf"(?:(?:{qualifier})\s+)?(?P<unit>{unit})\b(?P<dash>-)?",
        re.I,
    )
    not_after = re.compile(rf"^\s?(?:{alternation(data['not_after'])})\b", re.I)
    not_before = re.compile(rf"\b(?:{alternation(data['not_before'])})\s*$", re.I)
    article_intro = re.compile(rf"\b(?:{alternation(data['article_intro'])})\s+$", re.I)
    return pattern, units, not_after, not_before, article_intro


def iso_duration(amount: Decimal, unit_code: str) -> tuple[str, dict[str, int]] | None:
    """ISO 8601 for an amount of a unit; fractional years are written in months.

    >>> iso_duration(Decimal(5), "Y")[0], iso_duration(Decimal("2.5"), "Y")[0], iso_duration(Decimal(2), "Q")[0]
    ('P5Y', 'P30M', 'P6M')
    """
    if amount <= 0:
        return None
    if unit_code.startswith("T"):  # hours and minutes: "PT35M"
        if amount != amount.to_integral_value():
            return None
        return f"PT{format_amount(amount)}{unit_code[1]}", {}
    if unit_code == "Q":
        amount, unit_code = amount * 3, "M"
    elif unit_code == "F":
        amount, unit_code = amount * 2, "W"
    elif unit_code == "X":
        amount, unit_code = amount * 10, "Y"
    if unit_code == "Y" and amount != amount.to_integral_value():
        amount, unit_code = amount * 12, "M"
    text = format_amount(amount)
    fields = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}
    parts = {fields[unit_code]: int(amount)} if amount == amount.to_integral_value() else {}
    return f"P{text}{unit_code}", parts


def _counted_length(words: str) -> tuple[Decimal, int] | None:
    """"two one" of "two one-year extensions": a count, then the length, which is the last number
    word; its value and the characters before it."""
    last = re.search(r"[A-Za-z]+$", words.rstrip())
    if last is None or last.start() == 0:
        return None
    try:
        return parse_number(last.group(0)), last.start()
    except ValueError:
        return None


def find_duration_spans(text: str) -> list[DurationSpan]:
    """
    >>> [d.iso for d in find_duration_spans("a five-year period, another 12 months, 3+1 years")]
    ['P5Y', 'P12M', 'P3Y', 'P1Y']
    >>> find_duration_spans("18-25 year olds and people aged 65 years")
    []
    """
    pattern, units, not_after, not_before, article_intro = _pattern()
    found: list[DurationSpan] = []
    for match in pattern.finditer(text):
        nums = match.group("nums") or "one"
        before = text[max(0, match.start() - 30):match.start()]
        after = text[match.end():match.end() + 12]
        if not_before.search(before) or not_after.match(after):
            continue
        if _NUMBER_BEFORE.search(before) or nums.lower() in _BARE_SCALES:
            continue  # "$2 million year-over-year": the number belongs to the money
        if _LABEL_AFTER.match(after) or _YEAR_LABEL_BEFORE.search(before):
            continue  # "85 Year R places", "Year 1 Year 2": school year groups and column labels
        if _RANGE_BEFORE.search(before):
            continue  # "18-25 year": a range of ages or years, read by its own rule if at all
        first = nums.split("(")[0].split("+")[0].strip().lower()
        more = _MORE.search(match.group(0))
        if first in ("a", "an") and not (more or article_intro.search(before)):
            continue  # "£5 a year" is a rate, "for a year" a duration
        if any(_YEAR.fullmatch(p.strip()) for p in _JOINS.split(nums)):
            continue  # "2025 year end", "the 2024-25 financial year": years, not lengths
        unit_code = units[match.group("unit").lower()]
        start = match.start()
        for part in _JOINS.split(_RESTATED.sub("", nums)):
            try:
                amount = parse_number(part)
            except ValueError:
                counted = _counted_length(part)
                if counted is None:
                    break
                (amount, skipped) = counted
                start += skipped  # "two one-year extensions": the length is "one-year"
            result = iso_duration(amount, unit_code)
            if result is None:
                continue
            iso, fields = result
            end = match.end() - (1 if match.group("dash") else 0)
            found.append(DurationSpan(start, end, iso, **fields))
    return found


def find_durations(doc: Doc) -> None:
    for span in find_duration_spans(text_of(doc)):
        add_candidate(doc, "durations", span.start, span.end, DurationValue(duration=span.iso), COMPONENT,
                      detail=span)


def duration_spans(doc: Doc) -> list[DurationSpan]:
    return [candidate(s).detail for s in spans(doc, "durations")]


register_finder(COMPONENT, find_durations)
