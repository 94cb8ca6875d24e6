"""The document's own date (decision, meeting or publication), the reference for relative
expressions such as "next financial year". Read from labelled lines near the top
("Date of decision: 19/10/2015") or a meeting line with a weekday ("Thursday, 30th January, 2025").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipeline.facts.base import alternation
from pipeline.facts.dates import find_date_spans
from pipeline.resources import pattern_data

_HEAD = 6000  # the date of a report sits on its first page or two


@dataclass(frozen=True)
class DocumentDate:
    date: date
    text: str
    label: str


@cache
def _labels() -> list[tuple[str, re.Pattern[str]]]:
    labels = pattern_data("dates")["document_date_labels"]
    return [(kind, re.compile(rf"(?:^|\n|\t|\s{{2}})\W*(?:{alternation(words)})\s*(?:[:\-–]|\bof\b)?\s*$", re.I))
            for kind, words in labels.items()]


# A date written with its weekday is a meeting's date: "Thursday, 30th January, 2025".
_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def detect_document_date(text: str) -> DocumentDate | None:
    """
    >>> detect_document_date("Publication date: 22/10/2015\\n\\nDate of decision: 19/10/2015").date
    datetime.date(2015, 10, 19)
    >>> detect_document_date("A contract was awarded on April 1st 2017.") is None
    True
    """
    head = text[:_HEAD]
    best: tuple[int, DocumentDate] | None = None
    for span in find_date_spans(head):
        if span.precision != "day":
            continue
        line_start = head.rfind("\n", 0, span.start) + 1
        before = head[max(line_start, span.start - 50):span.start]
        for rank, (kind, pattern) in enumerate(_labels()):
            if pattern.search(before) and (best is None or rank < best[0]):
                best = (rank, DocumentDate(span.first, head[span.start:span.end], kind))
        if best is None and _WEEKDAY.match(head, span.start):
            best = (len(_labels()), DocumentDate(span.first, head[span.start:span.end], "meeting"))
    return best[1] if best else None
