"""SVG pictures drawn here, with no library and no script: contract periods per provider on a
timeline, and the money a dataset states by role as bars.

Every label comes from documents, so every string goes through `markupsafe.escape` before it is
put into the SVG (an organisation called `</svg><script>` is drawn as those characters). Numbers
are formatted with a fixed precision, so the same data always gives the same bytes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH = 760
LABEL_WIDTH = 230
ROW_HEIGHT = 18
LABEL_CHARACTERS = 34
UNSPECIFIED = "(no role)"


@dataclass(frozen=True, order=True)
class Bar:
    """The sum of the money facts of one role and currency."""

    label: str
    currency: str
    amount: Decimal
    count: int


@dataclass(frozen=True, order=True)
class Period:
    """A contract record's period, for the timeline."""

    provider: str
    start: str  # ISO days
    end: str
    label: str
    href: str | None = None


def _shorten(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """Cut a label before escaping it, so an entity is never cut in half."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:.1f}"


def _grouped(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal(1)):,}"


def money_by_role(money: Iterable[tuple[str | None, str, Decimal]]) -> list[Bar]:
    """Sum (role, currency, amount) triples into one bar per role and currency, largest first.

    >>> [(b.label, str(b.amount), b.count) for b in money_by_role([("total", "GBP", Decimal(5)),
    ...                                                            (None, "GBP", Decimal(2)),
    ...                                                            ("total", "GBP", Decimal(1))])]
    [('total', '6', 2), ('(no role)', '2', 1)]
    """
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for role, currency, amount in money:
        key = (role or UNSPECIFIED, currency)
        sums[key] += amount
        counts[key] += 1
    return sorted((Bar(role, currency, sums[role, currency], counts[role, currency]) for role, currency in sums),
                  key=lambda b: (-b.amount, b.label, b.currency))


def combine(bars: Iterable[Bar]) -> list[Bar]:
    """Bars of several documents summed into one per role and currency."""
    sums: dict[tuple[str, str], tuple[Decimal, int]] = {}
    for bar in bars:
        amount, count = sums.get((bar.label, bar.currency), (Decimal(0), 0))
        sums[bar.label, bar.currency] = (amount + bar.amount, count + bar.count)
    return sorted((Bar(label, currency, amount, count) for (label, currency), (amount, count) in sums.items()),
                  key=lambda b: (-b.amount, b.label, b.currency))


def _frame(title: str, height: int, body: list[str], description: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}"><title>{escape(title)}</title><desc>{escape(description)}</desc>'
        f'<text class="chart-title" x="0" y="14">{escape(title)}</text>{"".join(body)}</svg>')


def bar_chart(bars: list[Bar], title: str) -> Markup:
    """Horizontal bars, one per role and currency; each currency scaled on its own."""
    if not bars:
        return _frame(title, 40, ['<text class="empty" x="0" y="34">no money facts</text>'], "no money facts")
    largest: dict[str, Decimal] = defaultdict(Decimal)
    for bar in bars:
        largest[bar.currency] = max(largest[bar.currency], bar.amount)
    span = WIDTH - LABEL_WIDTH - 200  # room after the longest bar for its amount
    body = []
    for row, bar in enumerate(bars):
        y = 26 + row * ROW_HEIGHT
        share = float(bar.amount / largest[bar.currency]) if largest[bar.currency] > 0 and bar.amount > 0 else 0.0
        amount = f"{bar.currency} {_grouped(bar.amount)} ({bar.count})"
        body.append(
            f'<g class="bar"><title>{escape(f"{bar.label}: {amount}")}</title>'
            f'<text x="0" y="{y + 12}">{escape(_shorten(bar.label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{_number(max(share * span, 1.0))}" height="{ROW_HEIGHT - 5}"/>'
            f'<text class="amount" x="{_number(LABEL_WIDTH + share * span + 6)}" y="{y + 12}">{escape(amount)}</text>'
            "</g>")
    description = "; ".join(f"{b.label}: {b.currency} {_grouped(b.amount)} in {b.count} facts" for b in bars)
    return _frame(title, 34 + len(bars) * ROW_HEIGHT, body, description)


def _lanes(periods: list[Period]) -> list[list[Period]]:
    """Periods of one provider in as few lanes as let none overlap another in its lane."""
    lanes: list[list[Period]] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end, p.label, p.href or "")):
        for lane in lanes:
            if lane[-1].end < period.start:
                lane.append(period)
                break
        else:
            lanes.append([period])
    return lanes


def _ticks(first: date, last: date) -> list[int]:
    """Years to mark on the axis: about ten at most."""
    years = list(range(first.year + 1, last.year + 1))
    step = max(1, math.ceil(len(years) / 10))
    return years[::step]


def timeline(periods: list[Period], title: str) -> Markup:
    """Contract periods as bars on a time axis, one row (or more, where they overlap) per provider."""
    if not periods:
        return _frame(title, 40, ['<text class="empty" x="0" y="34">no contract record states a period</text>'],
                      "no contract periods")
    first = min(date.fromisoformat(p.start) for p in periods)
    last = max(date.fromisoformat(p.end) for p in periods)
    days = max((last - first).days, 1)
    span = WIDTH - LABEL_WIDTH - 10

    def x(day: str | date) -> float:
        value = date.fromisoformat(day) if isinstance(day, str) else day
        return LABEL_WIDTH + (value - first).days / days * span

    by_provider: dict[str, list[Period]] = defaultdict(list)
    for period in periods:
        by_provider[period.provider].append(period)
    body: list[str] = []
    y = 26
    for provider in sorted(by_provider, key=lambda name: (name.casefold(), name)):
        lanes = _lanes(by_provider[provider])
        body.append(f'<text x="0" y="{y + 12}"><title>{escape(provider)}</title>{escape(_shorten(provider))}</text>')
        for lane in lanes:
            for period in lane:
                body.append(_period_bar(period, x(period.start), x(period.end), y))
            y += ROW_HEIGHT
    axis = [f'<line class="axis" x1="{LABEL_WIDTH}" y1="{y + 2}" x2="{WIDTH - 10}" y2="{y + 2}"/>']
    for year in _ticks(first, last):
        tick = _number(x(date(year, 1, 1)))
        axis.append(f'<line class="tick" x1="{tick}" y1="22" x2="{tick}" y2="{y + 6}"/>'
                    f'<text class="year" x="{tick}" y="{y + 18}">{year}</text>')
    axis.append(f'<text class="year" x="{LABEL_WIDTH}" y="{y + 30}">{first.isoformat()}</text>'
                f'<text class="year end" x="{WIDTH - 10}" y="{y + 30}">{last.isoformat()}</text>')
    description = "; ".join(f"{p.provider}: {p.label} {p.start} to {p.end}" for p in sorted(periods))
    return _frame(title, y + 36, body + axis, description)


def _period_bar(period: Period, left: float, right: float, y: int) -> str:
    tip = escape(f"{period.provider}: {period.label}, {period.start} to {period.end}")
    rect = (f'<rect x="{_number(left)}" y="{y + 3}" width="{_number(max(right - left, 2.0))}" '
            f'height="{ROW_HEIGHT - 6}"><title>{tip}</title></rect>')
    if period.href:
        return f'<a href="{escape(period.href)}" class="period">{rect}</a>'
    return f'<g class="period">{rect}</g>'
