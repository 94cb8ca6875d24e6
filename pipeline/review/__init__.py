"""`council-facts review OUT -o DIR`: a static site for checking a dataset's facts against the
words they came from. No server and no network: the pages open from disk and request nothing.

    load.py       the dataset, one document at a time, with its stored text; errors name the file
    highlight.py  a text with its evidence as nested, escaped <mark> elements and page markers
    pages.py      the page models: a document's facts, values and contract records; the index rows
    charts.py     SVG: contract periods per provider, money by role
    render.py     Jinja2 templates (templates/) with the inline CSS and script (static/), written out
"""

from __future__ import annotations

from pipeline.review.load import NotADataset, ReviewError
from pipeline.review.render import ReviewSummary, review

__all__ = ["NotADataset", "ReviewError", "ReviewSummary", "review"]
