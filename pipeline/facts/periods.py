"""Periods with both ends known: "from April 2022 until the end of March 2024",
"1 April 2026 to 31 March 2029", "commencing 1 April 2026 for three years", financial years
("2024/25", "2024-25", "FY24/25", "years 26/27 27/28"), quarters ("Q3 2024-25"), and
"next financial year" when the document's date is known. Ends are inclusive days.

Runs after the date and duration finders: it pairs their spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from spacy.tokens import Doc

from pipeline.facts.base import Ranges, add_candidate, reference_date, register_finder, text_of
from pipeline.facts.dates import date_spans, month_numbers
from pipeline.facts.durations import duration_spans
from pipeline.facts.scanning import (
    MergedAnchor,
    alternation,
    finditer_at,
    finditer_in_stretches,
    finditer_near,
    finditer_opening_near,
    word_opener,
)
from pipeline.facts.uk_time import (
    academic_year,
    end_after,
    expand_year,
    financial_year,
    month_end,
    start_before,
)
from pipeline.resources import pattern_data
from pipeline.schema import PeriodValue

COMPONENT = "period_finder"

@cache
def _range_join() -> re.Pattern[str]:
    """What stands between the two ends of a range: "to", "until", "and runs to", "and closed on"."""
    data = pattern_data("periods")
    ends, runs = alternation(data["end_verbs"]), alternation(data["run_verbs"])
    connector = r"(?:-|–|—|to|until|till|through|thru|up\s+to)"
    return re.compile(
        rf"^\s*,?\s*(?:(?:and\s+)?(?:(?:{runs})\s+)?(?:on\s+)?{connector}"
        rf"|and\s+(?:(?:was|is|will\s+be|has)\s+)?(?:{ends})\s+(?:on\s+)?|and)"
        rf"\s*(?:and\s+including\s+)?(?:the\s+)?$",
        re.I,
    )
_RANGE_LEAD = re.compile(r"(?:from|between|covering|cover|running)\s+(?:the\s+)?$", re.I)
_FOR_DURATION = re.compile(
    # ("commencing on 1 April 2026:\n(i) for an initial term of three years": a list item may follow)
    r"^(?::\s*(?:\(?(?:[ivx]+|\d+|[a-z])[.)]\s*)?)?[^.;:]{0,90}?\b(?:for|over|lasting)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:further|initial|additional|fixed|minimum|maximum|period|term|duration)\s+(?:of\s+)?(?:an?\s+)?)*$",
    re.I,
)
# "with an option to extend for a further 6 months": a length that may be added, no term
_OPTION = re.compile(r"\b(?:option|options|optional|may|might|could|possible|potential|up\s+to)\b", re.I)
_DURATION_UNTIL = re.compile(
    r"^\s*,?\s*(?:extension\s+|contract\s+)?(?:until|till|to|ending(?:\s+on)?|expiring(?:\s+on)?|up\s+to"
    r"|(?:which\s+is\s+)?(?:due|set)\s+to\s+(?:end|expire)(?:\s+on)?|(?:which\s+)?(?:ends|expires)(?:\s+on)?)\s+(?:the\s+)?$",
    re.I,
)
_DURATION_FROM = re.compile(  # (a bracket between: "five years (3+1+1) from 1 July 2024")
    r"^\s*(?:\([^()\n]{1,30}\)\s*)?(?:period\s+|term\s+|contract\s+)?(?:from|commencing(?:\s+on)?|starting(?:\s+on)?|beginning(?:\s+on)?|with\s+effect\s+from)\s+$",
    re.I,
)
_FY = re.compile(
    r"(?<![\w/£$€.-])(?P<fy>FY\s?)?(?P<y1>(?:19|20)\d{2}|(?<=FY)\d{2}|(?<=FY )\d{2})"
    r"(?:[/–-]\n?(?P<y2>\d{2})|\s?[/–-]\s?(?P<y4>(?:19|20)\d{2}))(?![\d/]|-\d|\.\d)"
)
_YEARS_LIST = re.compile(
    r"\b(?:FY|financial\s+years?|years)\s+(?P<list>\d{2}/\d{2}(?:\s*(?:,|and|&)?\s*\d{2}/\d{2})*)", re.I)
_QUARTER = re.compile(
    r"\b(?:Q|Quarter\s+)(?P<q>[1-4])\s*(?:of\s+)?\(?(?P<y1>(?:19|20)\d{2})\s?[/–-]\s?(?P<y2>\d{2}|(?:19|20)\d{2})\b",
    re.I)
# "the 25-26 budget", "the year 23/24": two-digit years, read as a financial year only in context
# (A digit opens it, the look-behind after: a scan skips to digits instead of trying every character.)
_SHORT_FY = re.compile(r"(?P<y1>\d(?<![\w/£$€.,:-]\d)\d)[/-](?P<y2>\d{2})(?![\w/.:-]|,\d)")
_CALENDAR_QUARTER = re.compile(r"Q(?<=\bQ)(?P<q>[1-4])\s+(?P<year>(?:19|20)\d{2})\b(?![/–-]\d)")  # "\bQ", "Q" first
_HALF_YEAR = re.compile(
    r"\b(?P<which>first|second)\s+half\s+of\s+(?:the\s+)?(?:financial\s+year\s+)?(?:FY\s?)?"
    r"(?P<y1>(?:19|20)\d{2})[/-](?P<y2>\d{2})\b", re.I)
# "H1 2021", "2021 H1", "H2 2024/25" (a financial half: April to September, October to March)
_HALF_LABEL = re.compile(
    r"\b(?:H(?P<h1>[12])\s+(?P<y1>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2})\s+H(?P<h2>[12]))"
    r"(?:\s?[/–-]\s?(?P<fy>\d{2}))?\b(?![/–-]\d)")
_HALF_CALENDAR = re.compile(
    r"\b(?P<which>first|second)\s+half\s+of\s+(?:the\s+)?(?:calendar\s+year\s+)?(?P<year>(?:19|20)\d{2})\b"
    r"(?![/–-]\d)", re.I)
# "the first quarter of 2025/26" (financial), "the third quarter of 2023" (calendar)
_ORDINAL_QUARTER = re.compile(
    r"\b(?P<which>first|second|third|fourth|final)\s+quarter\s+of\s+(?:the\s+)?"
    r"(?:(?:financial|calendar)\s+year\s+)?(?:FY\s?)?(?P<y1>(?:19|20)\d{2})"
    r"(?:\s?[/–-]\s?(?P<y2>\d{2}|(?:19|20)\d{2}))?\b(?![/–-]\d)", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
# What each of these holds, found by a fast scan: the patterns are tried only around them.
# ("[Qq]uarter" as two literals, which a scan finds faster than a class of common letters.)
_QUARTER_WORD = MergedAnchor(re.compile("quarter"), re.compile("Quarter"))
_HALF_WORD = MergedAnchor(re.compile("half"), re.compile("Half"))
_HALF_LABEL_WORD = re.compile(r"H[12]\b")
_DECADE_WORD = re.compile(r"\d0s\b")
_DECADE = re.compile(r"(?<![£$€\d.,])\b(?:the\s+)?(?P<decade>(?:19|20)\d0)s\b")
_RELATIVE_FY = re.compile(r"\b(?P<which>next|this|current|last|previous|coming|following)\s+financial\s+year\b", re.I)
# Where the patterns above open (each tried only there): a scan skips from one possible first letter to the next.
_OPENS_FY = re.compile("FY ?|19|20")
_OPENS_QUARTER = word_opener(["q", "quarter"])
_OPENS_HALF_YEAR = word_opener(["first", "second"])
_OPENS_YEARS_LIST = word_opener(["fy", "financial", "years"])
_OPENS_RELATIVE_FY = word_opener(["next", "this", "current", "last", "previous", "coming", "following"])
# A month range ends with its year and holds nothing but words, digits, white space and ".,-–":
# it is sought in the stretches between other characters that hold a year.
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_IN_MONTH_RANGE = re.compile(r"[^\w\s.,\-–]")
@cache
def _context(name: str) -> re.Pattern[str]:
    words = pattern_data("periods")[name]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.I)


@cache
def _month_range() -> re.Pattern[str]:
    months = pattern_data("dates")["months"]
    month = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+)?(?P<m1>{month})\.?\s*(?:-|–|to|until|and)\s*"
        rf"(?:(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+)?(?P<m2>{month})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
        rf"|\b(?P<dd1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to)\s*(?P<dd2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        rf"(?P<mm>{month})\.?,?\s+(?P<yy>(?:19|20)\d{{2}})\b"
        # "Oct 2 - Nov 14, 2019", "June 10-17, 2024": month first, the year written once
        rf"|\b(?P<um1>{month})\.?\s+(?P<ud1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|until)\s*"
        rf"(?:(?P<um2>{month})\.?\s+)?(?P<ud2>[0-3]?\d)(?:st|nd|rd|th)?,\s*(?P<uy>(?:19|20)\d{{2}})\b"
    )


def year_span(y1: int, y2_text: str, context: str) -> tuple[date, date, str] | None:
    """A financial (or academic) year or run of years such as "2024/25" or "2025-28".

    >>> year_span(2024, "25", "")
    (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31), 'financial_year')
    >>> year_span(2025, "28", "MTFP")[1]
    datetime.date(2028, 3, 31)
    >>> year_span(2024, "2025", "academic year")[2]
    'academic_year'
    >>> year_span(2022, "2026", "") is None
    True
    """
    y2 = int(y2_text) if len(y2_text) == 4 else expand_year(int(y2_text), y1)
    if not y1 < y2 <= y1 + 30:
        return None
    if _context("academic_context").search(context):
        return academic_year(y1)[0], academic_year(y2 - 1)[1], "academic_year"
    several = y2 > y1 + 1
    if several and _context("calendar_context").search(context) and not _context("financial_context").search(context):
        # "Local Plan 2024-39": a plan runs over calendar years
        return date(y1, 1, 1), date(y2, 12, 31), "range"
    if (len(y2_text) == 4 and several) or y2 > y1 + 15:
        return None  # "Council Strategy 2022-2026": calendar or financial, the text does not say
    return financial_year(y1)[0], financial_year(y2 - 1)[1], "financial_year"


def _add(doc: Doc, start: int, end: int, first: date, last: date, kind: str) -> None:
    if last < first:
        return
    value = PeriodValue(start=first.isoformat(), end=last.isoformat(), kind=kind)  # type: ignore[arg-type]
    add_candidate(doc, "periods", start, end, value, COMPONENT)


def _ranges_between_dates(doc: Doc) -> list[tuple[int, int]]:
    text = text_of(doc)
    dated = date_spans(doc)
    used: list[tuple[int, int]] = []
    for left, right in zip(dated, dated[1:], strict=False):
        join = _range_join().match(text[left.end:right.start])
        if not join or right.last < left.first:
            continue
        lead = _RANGE_LEAD.search(text[max(0, left.start - 20):left.start])
        if join.group(0).strip().lower() == "and" and not (lead and "between" in lead.group(0).lower()):
            continue  # "on 4 June and 10 July" lists two dates; "between X and Y" is a range
        start = left.start - (len(lead.group(0)) if lead else 0)
        _add(doc, start, right.end, left.first, right.last, "range")
        used += [(left.start, left.end), (right.start, right.end)]
    for right in dated:
        # "10-17 June": the month and the year (the date finder's, from the reference date) written once
        before = _DAY_BEFORE.search(text, max(0, right.start - 12), right.start)
        if (right.precision != "day" or before is None or not text[right.start:right.end][:1].isdigit()
                or _YEAR.search(text, right.start, right.end) or (right.start, right.end) in used):
            continue
        try:
            first = right.first.replace(day=int(before.group("day")))
        except ValueError:
            continue
        if first < right.first:
            _add(doc, before.start(), right.end, first, right.last, "range")
            used.append((right.start, right.end))
    return used


# The first day of "10-17 June", "3rd to 7th March", written before the second day's date
_DAY_BEFORE = re.compile(r"(?<![\d£$€.,/:])\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?[ \t]*(?:-|–|to)[ \t]*$")


def _month_ranges(doc: Doc, taken: Ranges) -> None:
    months = month_numbers()
    for m in finditer_in_stretches(_month_range(), _YEAR, _NOT_IN_MONTH_RANGE, text_of(doc)):
        if taken.overlaps(*m.span()):
            continue
        lead = _RANGE_LEAD.search(text_of(doc)[max(0, m.start() - 20):m.start()])
        between = bool(lead and "between" in lead.group(0).lower())
        consecutive_months = bool(m.group("m1")) and not (m.group("d1") or m.group("d2")) and (
            month_numbers()[m.group("m2").lower()] - month_numbers()[m.group("m1").lower()]) % 12 == 1
        if re.search(r"\band\b", m.group(0)) and not (between or consecutive_months):
            continue  # "met on 4 June and 10 July 2025": two dates; "October and November 2024": a span
        try:
            if m.group("um1"):
                year, m1 = int(m.group("uy")), months[m.group("um1").lower()]
                m2 = months[m.group("um2").lower()] if m.group("um2") else m1
                first = date(year if m1 <= m2 else year - 1, m1, int(m.group("ud1")))
                last = date(year, m2, int(m.group("ud2")))
            elif m.group("mm"):
                year, month = int(m.group("yy")), months[m.group("mm").lower()]
                first = date(year, month, int(m.group("dd1")))
                last = date(year, month, int(m.group("dd2")))
            else:
                year = int(m.group("y"))
                m1, m2 = months[m.group("m1").lower()], months[m.group("m2").lower()]
                y1 = year if m1 <= m2 else year - 1
                first = date(y1, m1, int(m.group("d1") or 1))
                last = date(year, m2, int(m.group("d2"))) if m.group("d2") else month_end(year, m2)
        except ValueError:
            continue
        _add(doc, m.start(), m.end(), first, last, "range")


def _start_and_duration(doc: Doc, ranges: Ranges) -> None:
    text = text_of(doc)
    dated = date_spans(doc)
    lasting = duration_spans(doc)
    for when in dated:
        if ranges.overlaps(when.start, when.end):
            continue  # "from 5 October 2023 to 4 October 2024": an end of a range written out
        after = next((d for d in lasting if when.end <= d.start <= when.end + 100), None)
        before = next((d for d in reversed(lasting) if d.end <= when.start <= d.end + 40), None)
        optional = after is not None and bool(_OPTION.search(text, when.end, after.start))
        if after and _FOR_DURATION.match(text[when.end:after.start]) and not optional:
            length, start, end = after, when.start, after.end
        elif before and _DURATION_FROM.match(text[before.end:when.start]):
            length, start, end = before, before.start, when.end
        elif before and _DURATION_UNTIL.match(text[before.end:when.start]) and before.iso[1:-1].isdigit():
            # "for a further year until 31 March 2023": the length runs back from the end
            first = start_before(when.last, before.years, before.months, before.weeks, before.days)
            _add(doc, before.start, when.end, first, when.last, "start_and_duration")
            continue
        else:
            continue
        if not length.iso[1:-1].isdigit():
            continue  # fractional lengths have no exact end day
        last = end_after(when.first, length.years, length.months, length.weeks, length.days)
        _add(doc, start, end, when.first, last, "start_and_duration")


def _years(doc: Doc, taken: Ranges) -> None:
    text = text_of(doc)
    for m in finditer_opening_near(_QUARTER, _OPENS_QUARTER, text, 0):
        y1 = int(m.group("y1"))
        span = year_span(y1, m.group("y2"), "")
        if span is None:
            continue
        first, last = _financial_quarter(y1, int(m.group("q")))
        _add(doc, m.start(), m.end(), first, last, "quarter")
        taken.add(*m.span())
    for m in _CALENDAR_QUARTER.finditer(text):
        q, year = int(m.group("q")), int(m.group("year"))
        _add(doc, m.start(), m.end(), date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter")
        taken.add(*m.span())
    for first, last, (begin, finish) in _quarters_and_halves(text):
        if not taken.overlaps(begin, finish):
            _add(doc, begin, finish, first, last, "quarter" if (last.month - first.month) % 12 == 2 else "range")
            taken.add(begin, finish)
    for m in finditer_opening_near(_HALF_YEAR, _OPENS_HALF_YEAR, text, 0):
        y1 = int(m.group("y1"))
        first = date(y1, 4, 1) if m.group("which").lower() == "first" else date(y1, 10, 1)
        last = date(y1, 9, 30) if m.group("which").lower() == "first" else date(y1 + 1, 3, 31)
        _add(doc, m.start(), m.end(), first, last, "range")
        taken.add(*m.span())
    years: list[tuple[int, int, date, date, str]] = []
    short_context = _context("short_year_context")
    for m in _SHORT_FY.finditer(text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        around = text[max(0, m.start() - 25):m.start()] + " " + text[m.end():m.end() + 12]
        if y2 != (y1 + 1) % 100 or not short_context.search(around):
            continue
        if taken.overlaps(*m.span()):
            continue
        span = year_span(expand_year(y1, 2025), m.group("y2"), text[max(0, m.start() - 150):m.end() + 100])
        if span is not None:
            years.append((m.start(), m.end(), *span))
    for m in finditer_at(_FY, text, _fy_starts(text)):
        if taken.overlaps(*m.span()):
            continue
        y1_text = m.group("y1")
        y1 = int(y1_text) if len(y1_text) == 4 else expand_year(int(y1_text), 2025)
        context = text[max(0, m.start() - 150):m.end() + 100]
        span = year_span(y1, m.group("y2") or m.group("y4"), context)
        if span is not None:
            years.append((m.start(), m.end(), *span))
    _add_years(doc, text, sorted(years))
    for m in finditer_opening_near(_YEARS_LIST, _OPENS_YEARS_LIST, text, 0):
        for pair in re.finditer(r"(\d{2})/(\d{2})", m.group("list")):
            start = m.start("list") + pair.start()
            y1 = expand_year(int(pair.group(1)), 2025)
            span = year_span(y1, pair.group(2), "")
            if span is not None and not taken.overlaps(start, start + 5):
                _add(doc, start, start + 5, *span)


def _fy_starts(text: str) -> Iterator[int]:
    """Where a financial year may open: at "FY", at a year's "19" or "20", or at the digits
    after "FY " where "FY" is glued to a word ("xFY 24/25")."""
    for m in _OPENS_FY.finditer(text):
        yield m.start()
        if m.group() == "FY ":
            yield m.end()


def _financial_quarter(y1: int, q: int) -> tuple[date, date]:
    first = date(y1 + (1 if q == 4 else 0), (3 * q + 1) % 12 or 12, 1)
    return first, month_end(first.year, first.month + 2)


def _quarters_and_halves(text: str) -> list[tuple[date, date, tuple[int, int]]]:
    """Ordinal quarters, labelled halves, calendar halves and decades, with their spans.

    >>> for first, last, _ in _quarters_and_halves(
    ...         "the first quarter of 2025/26, 2021 H1, H2 2024/25, the second half of 2024, the 2010s"):
    ...     print(first, last)
    2025-04-01 2025-06-30
    2021-01-01 2021-06-30
    2024-10-01 2025-03-31
    2024-07-01 2024-12-31
    2010-01-01 2019-12-31
    """
    found: list[tuple[date, date, tuple[int, int]]] = []
    for m in finditer_near(_ORDINAL_QUARTER, _QUARTER_WORD, text, 60, 40):
        q, y1 = _ORDINALS[m.group("which").lower()], int(m.group("y1"))
        if m.group("y2"):
            if int(m.group("y2")) % 100 != (y1 + 1) % 100:
                continue  # a quarter belongs to one financial year, not to "2025/27"
            first, last = _financial_quarter(y1, q)
        else:
            first, last = date(y1, 3 * q - 2, 1), month_end(y1, 3 * q)
        found.append((first, last, m.span()))
    for m in finditer_near(_HALF_LABEL, _HALF_LABEL_WORD, text, 60, 40):
        half, year = int(m.group("h1") or m.group("h2")), int(m.group("y1") or m.group("y2"))
        if m.group("fy"):
            if (year + 1) % 100 != int(m.group("fy")):
                continue
            first, last = (date(year, 4, 1), date(year, 9, 30)) if half == 1 else (date(year, 10, 1),
                                                                                 date(year + 1, 3, 31))
        else:
            first, last = (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1),
                                                                                 date(year, 12, 31))
        found.append((first, last, m.span()))
    for m in finditer_near(_HALF_CALENDAR, _HALF_WORD, text, 60, 40):
        year = int(m.group("year"))
        first_half = m.group("which").lower() == "first"
        found.append((date(year, 1 if first_half else 7, 1), date(year, 6, 30) if first_half else date(year, 12, 31),
                      m.span()))
    for m in finditer_near(_DECADE, _DECADE_WORD, text, 60, 40):
        decade = int(m.group("decade"))
        found.append((date(decade, 1, 1), date(decade + 9, 12, 31), m.span()))
    return sorted(found, key=lambda f: f[2])


def _add_years(doc: Doc, text: str, years: list[tuple[int, int, date, date, str]]) -> None:
    """Each year, or a range of them ("from 2024/25 to 2026/27"), whose ends are then no
    periods of their own, as the ends of a range of dates are no dates."""
    ends: set[int] = set()
    for left, right in zip(years, years[1:], strict=False):
        join = _range_join().match(text[left[1]:right[0]])
        if join and join.group(0).strip().lower() != "and" and left[4] == right[4] and left[2] < right[2]:
            lead = _RANGE_LEAD.search(text[max(0, left[0] - 20):left[0]])
            start = left[0] - (len(lead.group(0)) if lead else 0)
            _add(doc, start, right[1], left[2], right[3], "range")
            ends.update((left[0], right[0]))
    for start, end, first, last, kind in years:
        if start not in ends:
            _add(doc, start, end, first, last, kind)


def _relative_years(doc: Doc) -> None:
    base = reference_date(doc)
    if base is None:
        return
    current = base.year if base.month >= 4 else base.year - 1
    shift = {"next": 1, "coming": 1, "following": 1, "this": 0, "current": 0, "last": -1, "previous": -1}
    for m in finditer_opening_near(_RELATIVE_FY, _OPENS_RELATIVE_FY, text_of(doc), 0):
        first, last = financial_year(current + shift[m.group("which").lower()])
        _add(doc, m.start(), m.end(), first, last, "financial_year")


def find_periods(doc: Doc) -> None:
    paired = _ranges_between_dates(doc)
    _month_ranges(doc, Ranges(paired))
    _start_and_duration(doc, Ranges(paired))
    # A year range never overlaps a date: "1 April 2024 – 31 March" holds no "2024 – 31".
    _years(doc, Ranges([*paired, *((d.start, d.end) for d in date_spans(doc) if d.precision == "day")]))
    _relative_years(doc)


register_finder(COMPONENT, find_periods, requires=("doc.spans",))
