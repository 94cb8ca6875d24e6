"""Dates: "April 1st 2017", "1st December 2018", "31/03/2025", "the end of March 2024",
"March 2025", at the precision written, with the role the words around them give.

Our patterns find the spans; a fast parser reads the common UK forms and dateparser, set to
day-month order and a fixed reference date, reads whatever else a pattern let through.
dateparser never searches whole texts: it turned "We" into a Wednesday and "Act 2012" into a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from spacy.tokens import Doc

from pipeline.facts.base import (
    Ranges,
    add_candidate,
    candidate,
    phrase_pattern,
    reference_date,
    register_finder,
    spans,
    text_of,
    words_before,
)
from pipeline.facts.scanning import finditer_in_windows, finditer_opening_near, near_windows, word_opener
from pipeline.facts.uk_time import expand_year, month_end
from pipeline.resources import pattern_data
from pipeline.schema import DateValue

COMPONENT = "date_finder"


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    first: date  # the first day the text can mean
    last: date  # the last day ("March 2024" -> 31 March; "1 April" -> 1 April)
    precision: str  # "day" | "month"

    @property
    def iso(self) -> str:
        return self.first.isoformat() if self.precision == "day" else self.first.isoformat()[:7]


@cache
def month_numbers() -> dict[str, int]:
    return {k: int(v) for k, v in pattern_data("dates")["months"].items()}


@cache
def _numeric_patterns() -> tuple[re.Pattern[str], ...]:
    # Each opens with a digit, the look-behind after it: a scan then skips from digit to digit
    # instead of trying the pattern at every character.
    return (
        # 31/03/2025, 14.05.2018, 31-03-25 (UK order). The day is [0-3]?\d, written as a digit
        # with no digit, "/", "." or "-" before it, then a second digit when the first was 0 to 3.
        re.compile(r"(?P<day>\d(?<![\d/.-]\d)(?:(?<=[0-3])\d)?)(?P<sep>[/.-])(?P<mon>[01]?\d)(?P=sep)"
                   r"(?P<year>(?:19|20)?\d{2})(?![\d/]|\.\d)"),
        # 2025-03-31
        re.compile(r"(?P<year>(?:19|20)(?<![\d-]\d\d)\d{2})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    )


@cache
def date_patterns() -> tuple[re.Pattern[str], ...]:
    data = pattern_data("dates")
    names = sorted(data["months"], key=len, reverse=True)
    # Capitalised or upper case; lower case only for full names other than "may" ("12th march 2025").
    lower = [m for m in names if len(m) > 3 and m != "may"]
    month = "|".join([*(m.capitalize() for m in names), *(m.upper() for m in names), *lower])
    month = rf"(?P<month>{month})\.?"
    weekday = "|".join(w.capitalize() for w in data["weekdays"])
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})(?!\d)"
    edge_words = r"(?i:(?:the\s+)?(?:very\s+)?(?:end|close|beginning|start)\s+of\s+)"
    edge = rf"(?:(?P<edge>{edge_words}))?"
    lead = rf"(?:(?:{weekday}),?\s+)?(?:the\s+)?"
    return (
        # 1st December 2018, Thursday, 30th January, 2025, 1 April 2026
        re.compile(rf"\b{lead}{day}(?:\s+day)?(?:\s+of)?\s+{month},?\s+{year}"),  # "the 1st day of June, 2017"
        # April 1st 2017, July 18, 2002
        re.compile(rf"\b(?:(?:{weekday}),?\s+)?{month}\s+{day},?\s+{year}"),
        *_numeric_patterns(),
        # "November 2024-25", "January 2024/25": a month of a financial year, in that year's calendar
        re.compile(rf"\b{month},?\s+{year}(?=(?P<fy>[/–-](?:\d{{4}}|\d{{2}}))(?!\d))"),
        # the end of March 2024, March 2025
        re.compile(rf"\b{edge}{month},?\s+{year}(?![/–-]\d)"),
        # the end of 2024 (a year alone is no date, but its end is a day)
        re.compile(rf"\b(?P<edge>{edge_words}){year}(?![/–-]\d)"),
    )


# A four-digit year: every written-out date holds one near its end, and years are a few
# per cent of a report's text. A date opens at most this far before its year ("Thursday, the
# 30th day of January, 2025") and its look-ahead ("2024/25") reaches this far after it.
_YEAR = re.compile(r"(?:19|20)\d\d")
_BEFORE_YEAR, _AFTER_YEAR = 100, 20


def _matches(pattern: re.Pattern[str], text: str,
             windows: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """`windows`: near_windows(_YEAR, text, ...), found once for all the patterns."""
    if pattern in _numeric_patterns():
        return list(pattern.finditer(text))  # "31/03/25": the year may have two digits
    if windows is None:
        windows = near_windows(_YEAR, text, _BEFORE_YEAR, _AFTER_YEAR)
    return finditer_in_windows(pattern, text, windows)


@lru_cache(maxsize=4096)
def _dateparser_read(text: str, base: date) -> date | None:
    import dateparser  # imported on first use: most spans never need it

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                "RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def normalise_date(match: re.Match[str], base: date = date(2000, 1, 1)) -> DateSpan | None:
    """Read one pattern match; None when it is not a real date ("31/02/2025")."""
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year = expand_year(year, base.year if base.year > 2000 else 2025)
    if not groups.get("mon") and not groups.get("month"):
        edge = groups["edge"].lower()
        day = date(year, 12, 31) if "end" in edge or "close" in edge else date(year, 1, 1)
        return DateSpan(match.start(), match.end(), day, day, "day")
    month = int(groups["mon"]) if groups.get("mon") else month_numbers()[groups["month"].lower()]
    if groups.get("fy") and month < 4:
        year += 1  # January to March close the financial year that began the April before
    try:
        if groups.get("day"):
            day = date(year, month, int(groups["day"]))
            return DateSpan(match.start(), match.end(), day, day, "day")
        if not 1 <= month <= 12:
            return None
        first, last = date(year, month, 1), month_end(year, month)
    except ValueError:
        parsed = _dateparser_read(match.group(0), base)
        return DateSpan(match.start(), match.end(), parsed, parsed, "day") if parsed else None
    edge = (groups.get("edge") or "").lower()
    if "end" in edge or "close" in edge:
        return DateSpan(match.start(), match.end(), last, last, "day")
    if "beginning" in edge or "start" in edge:
        return DateSpan(match.start(), match.end(), first, first, "day")
    return DateSpan(match.start(), match.end(), first, last, "month")


@cache
def _yearless() -> re.Pattern[str]:
    names = sorted(pattern_data("dates")["months"], key=len, reverse=True)
    month = "|".join(m.capitalize() for m in names)
    # "\b[0-3]?\d" written as a digit after \b, then a second when the first was 0 to 3: a scan skips to digits
    return re.compile(rf"(?P<day>\d(?<=\b\d)(?:(?<=[0-3])\d)?)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{month})\b"
                      rf"(?!\.?,?\s+\d)")


def _nearest_year(day: int, month: int, reference: date) -> date | None:
    """A day and month without a year mean the one nearest the document's own date."""
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - reference).days)) if options else None


def find_date_spans(text: str, base: date | None = None, reference: date | None = None) -> list[DateSpan]:
    """Every date in a text, longest match first, in text order. With the document's own date
    as `reference`, a day and month without a year ("on 13th February") are read too.

    >>> [d.iso for d in find_date_spans("from April 1st 2017 to the end of March 2024 (31/03/2024)")]
    ['2017-04-01', '2024-03-31', '2024-03-31']
    >>> [d.iso for d in find_date_spans("report to Council on 13th February", reference=date(2025, 1, 30))]
    ['2025-02-13']
    >>> [d.iso for d in find_date_spans("It starts next month; last month it paused.", reference=date(2025, 1, 30))]
    ['2025-02', '2024-12']
    """
    found: list[DateSpan] = []
    taken = Ranges()
    base = base or reference
    windows = near_windows(_YEAR, text, _BEFORE_YEAR, _AFTER_YEAR)
    for pattern in date_patterns():
        for match in _matches(pattern, text, windows):
            if taken.overlaps(*match.span()):
                continue
            span = normalise_date(match, base or date(2025, 1, 1))
            # An impossible date ("29 February 2023") is claimed all the same: its month is no date either.
            taken.add(*match.span())
            if span is not None:
                found.append(span)
    if reference is not None:
        months = month_numbers()
        for match in _yearless().finditer(text):
            if taken.overlaps(*match.span()):
                continue
            day = _nearest_year(int(match.group("day")), months[match.group("month").lower()], reference)
            if day is not None:
                found.append(DateSpan(match.start(), match.end(), day, day, "day"))
        for match in finditer_opening_near(_RELATIVE_MONTH, _OPENS_RELATIVE_MONTH, text, 0):
            if not taken.overlaps(*match.span()):
                shift = _MONTH_SHIFT[match.group("which").lower()]
                year, month = divmod(reference.year * 12 + reference.month - 1 + shift, 12)
                found.append(DateSpan(match.start(), match.end(), date(year, month + 1, 1),
                                      month_end(year, month + 1), "month"))
    return sorted(found, key=lambda d: d.start)


# "next month", "last month": a month against the document's own date.
_RELATIVE_MONTH = re.compile(r"\b(?P<which>next|last|this|previous|following|coming|current)\s+month\b", re.I)
_OPENS_RELATIVE_MONTH = word_opener(["next", "last", "this", "previous", "following", "coming", "current"])
_MONTH_SHIFT = {"next": 1, "following": 1, "coming": 1, "this": 0, "current": 0, "last": -1, "previous": -1}


@cache
def _role_patterns() -> list[tuple[str, re.Pattern[str]]]:
    roles = pattern_data("dates")["roles"]
    return [(name, phrase_pattern(words)) for name, words in roles.items()]


def date_role(text: str, start: int) -> str | None:
    before = words_before(text, start, 50)
    best, where = None, -1
    for name, pattern in _role_patterns():
        for m in pattern.finditer(before):
            if m.end() > where:
                best, where = name, m.end()
    return best


def find_dates(doc: Doc) -> None:
    text = text_of(doc)
    for span in find_date_spans(text, reference=reference_date(doc)):
        value = DateValue.model_validate({"date": span.iso, "precision": span.precision,
                                          "role": date_role(text, span.start)})
        add_candidate(doc, "dates", span.start, span.end, value, COMPONENT, detail=span)


def date_spans(doc: Doc) -> list[DateSpan]:
    return [candidate(s).detail for s in spans(doc, "dates")]


register_finder(COMPONENT, find_dates)
