"""A document's text as HTML with every piece of evidence highlighted where its offsets say.

Evidence spans nest (a date inside a period, legislation inside a duty) and sometimes cross (two
spans that overlap without one holding the other). Spans are opened longest first, so nesting
gives nested <mark> elements; where two spans cross, the inner marks are closed at the boundary
and reopened after it as continuation pieces. Each fact therefore owns one or more <mark>
elements, never inside one another, whose text joined is exactly `text[start:end]`: the browser
tests check this for every fact.

Every piece of text and every attribute value passes through `markupsafe.escape`, so a document
holding `<script>` shows it as text. Page markers are empty elements (their label is CSS
generated content), so they add nothing to any highlight's text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from pipeline.document import Page
from pipeline.schema import DocumentFacts


@dataclass(frozen=True, order=True)
class Span:
    """One highlight: a fact's evidence, or a further mention of an organisation."""

    start: int
    end: int
    fact_id: str
    type: str
    mention: bool = False


def spans_of(facts: DocumentFacts) -> list[Span]:
    """Every fact's evidence and every further mention, in a fixed order (text order, then id)."""
    spans = []
    for fact in facts.facts:
        spans.append(Span(fact.start, fact.end, fact.id, fact.type))
        seen = {(fact.start, fact.end)}
        for mention in getattr(fact, "mentions", []):
            if (mention.start, mention.end) not in seen:  # the first mention is usually the evidence itself
                seen.add((mention.start, mention.end))
                spans.append(Span(mention.start, mention.end, fact.id, fact.type, mention=True))
    return sorted(spans)


def _escape_text(text: str) -> str:
    """Escape for HTML; a carriage return as a character reference, which the HTML parser keeps
    (a raw one it turns into a line feed), so the page's text is the text the offsets index into."""
    escaped = str(escape(text))
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


def _open_tag(span: Span, first: bool) -> str:
    kind = "data-mention" if span.mention else "data-fact"
    fact_id, fact_type = escape(span.fact_id), escape(span.type)
    classes = f"hl t-{fact_type}" + (" mention" if span.mention else "") + (" first" if first else " cont")
    tag = f'<mark class="{classes}" {kind}="{fact_id}" data-type="{fact_type}"'
    if span.mention:  # a fact has several mentions: the tests tell their pieces apart by start
        tag += f' data-at="{span.start}"'
    if first:  # one tab stop per highlight; continuation pieces are only hovered
        anchor = "" if span.mention else f' id="f-{fact_id}"'
        tag += f'{anchor} tabindex="0" aria-describedby="v-{fact_id}"'
    return tag + ">"


def _page_marker(page: Page) -> str:
    number = escape(str(page.number))
    return f'<span class="page-break" id="page-{number}" data-page="{number}" role="note" aria-label="Page {number}">' \
           "</span>"


def highlight(text: str, spans: Sequence[Span], pages: Iterable[Page] = ()) -> Markup:
    """The text as escaped HTML with a <mark> per span (and continuation pieces where spans cross),
    and a page marker at each page's start.

    >>> str(highlight("a <b> c", [Span(2, 5, "f1", "money")]))
    'a <mark class="hl t-money first" data-fact="f1" data-type="money" id="f-f1" tabindex="0" \
aria-describedby="v-f1">&lt;b&gt;</mark> c'
    """
    length = len(text)
    opening: dict[int, list[Span]] = defaultdict(list)
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.mention, s.type, s.fact_id)):
        if 0 <= span.start <= span.end <= length:
            opening[span.start].append(span)
    markers: dict[int, list[Page]] = defaultdict(list)
    for page in pages:
        markers[min(max(page.start, 0), length)].append(page)
    ends = {span.end for group in opening.values() for span in group}
    boundaries = sorted({0, length, *opening, *markers, *ends})

    out: list[str] = []
    stack: list[Span] = []  # open spans, outermost first
    position = 0
    for boundary in boundaries:
        if boundary > position:
            out.append(_escape_text(text[position:boundary]))
            position = boundary
        _close_ending(stack, boundary, out)
        out.extend(_page_marker(page) for page in markers.get(boundary, ()))
        for span in opening.get(boundary, ()):
            out.append(_open_tag(span, first=True))
            if span.end == span.start:  # empty evidence: an empty mark still carries the fact
                out.append("</mark>")
            else:
                stack.append(span)
    return Markup("".join(out))


def _close_ending(stack: list[Span], boundary: int, out: list[str]) -> None:
    """Close the spans that end here; spans opened inside them that go on are closed with them
    and reopened as continuation pieces, so elements never cross."""
    lowest = next((i for i, span in enumerate(stack) if span.end == boundary), None)
    if lowest is None:
        return
    going_on = [span for span in stack[lowest:] if span.end != boundary]
    out.append("</mark>" * (len(stack) - lowest))
    del stack[lowest:]
    for span in going_on:
        out.append(_open_tag(span, first=False))
        stack.append(span)
