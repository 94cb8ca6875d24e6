"""The document's own date (decision, meeting or publication), the reference for relative
expressions such as "next financial year" and for dates written without a year.

Read from the words around the dates near the top of the document, strongest evidence first:
a labelled decision date, a meeting ("To: Cabinet – 30 January 2025", "on Thursday, 13th March,
2025 at 10.00 am"), a labelled report or publication date, then a date standing in a title line
or above a letter's "Dear".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipeline.facts.dates import DateSpan, find_date_spans
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data

_HEAD = 6000  # the date of a report sits on its first page or two
_BODIES = (r"(?:Cabinet|Council|County\s+Council|Full\s+Council|Committee|Executive|Board|Panel|Sub-Committee"
           r"|[A-Z][\w&]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w&]*)*\s+(?:Committee|Board|Panel))")


@dataclass(frozen=True)
class DocumentDate:
    date: date
    text: str
    label: str


@cache
def _label(kind: str) -> re.Pattern[str]:
    words = pattern_data("dates")["document_date_labels"][kind]
    return re.compile(rf"\b(?:{alternation(words)})\s*(?:[:\-–]|\bof\b|\bon\b)?\s*$", re.I)


_MEETING_BEFORE = re.compile(
    rf"(?:\bTo:?\s+{_BODIES}\s*[-–—,:]?\s*|\b(?:presented|submitted|reported)\s+to\s+(?:the\s+)?{_BODIES}\s+on\s+"
    rf"|\b{_BODIES}\s+[Mm]eeting\s*[-–—:]\s*)$"
)
_TIME_AFTER = re.compile(r"^,?\s+(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)", re.I)
_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _rules() -> list[tuple[str, Callable[[str, DateSpan], bool]]]:
    def before(text: str, span: DateSpan, width: int = 60) -> str:
        line_start = text.rfind("\n", 0, span.start) + 1
        return text[max(line_start, span.start - width):span.start]

    def title_line(text: str, span: DateSpan) -> bool:
        """A heading near the top that carries a date ("TMG 14 November 2024"), not a sentence."""
        lines_before = [ln for ln in text[:span.start].split("\n") if ln.strip()]
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        return len(lines_before) <= 3 and len(line) <= 80 and not line.endswith((".", ";", ","))

    return [
        ("decision", lambda t, s: bool(_label("decision").search(before(t, s)))),
        ("meeting", lambda t, s: bool(_WEEKDAY.match(t, s.start)) and bool(_TIME_AFTER.match(t[s.end:s.end + 20]))),
        ("meeting", lambda t, s: bool(_label("meeting").search(before(t, s)))),
        ("meeting", lambda t, s: bool(_MEETING_BEFORE.search(before(t, s, 80)))),
        ("report", lambda t, s: bool(_label("report").search(before(t, s)))),
        ("publication", lambda t, s: bool(_label("publication").search(before(t, s)))),
        ("meeting", lambda t, s: bool(_WEEKDAY.match(t, s.start))),
        ("title", title_line),
        ("letter", lambda t, s: bool(re.match(r"\s*\n\s*Dear\b", t[s.end:s.end + 12]))),
    ]


def detect_document_date(text: str) -> DocumentDate | None:
    """
    >>> detect_document_date("Publication date: 22/10/2015\\n\\nDate of decision: 19/10/2015").date
    datetime.date(2015, 10, 19)
    >>> detect_document_date("From: Director\\nTo: Cabinet – 30 January 2025\\nSubject: Budget").date
    datetime.date(2025, 1, 30)
    >>> detect_document_date("A contract was awarded on April 1st 2017.") is None
    True
    """
    head = text[:_HEAD]
    days = [s for s in find_date_spans(head) if s.precision == "day"]
    for label, rule in _rules():
        for span in days:
            if rule(head, span):
                return DocumentDate(span.first, head[span.start:span.end], label)
    return None
