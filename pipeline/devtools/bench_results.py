"""The benchmark's figures: what one run measured, shared by the runner (bench.py) and the page
that shows them (bench_report.py), so that neither imports the other."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Run:
    """One child process: its answer, its wall time and its peak resident memory."""

    result: Any
    seconds: float
    peak_rss_mb: float


@dataclass
class Throughput:
    files: int
    pages: int
    words: int
    seconds: float
    failed: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class Growth:
    factor: int
    characters: int
    words: int
    seconds: float
    peak_rss_mb: float


@dataclass
class LongText:
    """One very long text through the command line (pipeline.devtools.bench_length.work_long)."""

    megabytes: int
    characters: int
    seconds: float
    exit_status: int
    facts: int
    succeeded: int
    error: str | None
    worker_peak_rss_mb: float


@dataclass
class CliRun:
    """`council-facts extract FILES -o NEW_FOLDER --workers 1`, a fresh process each time."""

    label: str
    files: int
    pages: int
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass
class BenchReport:
    corpus: str
    end_to_end: Throughput
    baseline: Throughput
    startup_seconds: list[float]
    largest: str
    largest_pages: int
    largest_peak_rss_mb: float
    growth: list[Growth]
    f1: dict[str, dict[str, float]]
    machine: dict[str, Any]
    cli: list[CliRun] = field(default_factory=list)
    dense: list[Growth] = field(default_factory=list)  # factor: lines of a budget annex
    long: LongText | None = None

    @property
    def dense_growth(self) -> float:
        """Time for the most lines of fact-dense text over time for the fewest."""
        if len(self.dense) < 2 or not self.dense[0].seconds:
            return 0.0
        return self.dense[-1].seconds / self.dense[0].seconds

    @property
    def ratio(self) -> float:
        base = self.baseline.pages_per_second
        return self.end_to_end.pages_per_second / base if base else 0.0

    @property
    def startup(self) -> float:
        return statistics.median(self.startup_seconds)

    @property
    def growth_factor(self) -> float:
        """Time at the largest repeat over time at one copy, per copy-count: 10 means linear."""
        first, last = self.growth[0], self.growth[-1]
        return last.seconds / first.seconds if first.seconds else 0.0

    @property
    def cli_ratio(self) -> float:
        """The command line on the whole corpus, start-up and dataset included, against pdfplumber alone."""
        whole = next((c for c in self.cli if c.label == "all"), None)
        base = self.baseline.pages_per_second
        return whole.pages / whole.median / base if whole and whole.median and base else 0.0

    @property
    def cli_fixed_cost(self) -> float:
        """Seconds of a run of the smallest PDF: what a nightly job pays however little is new."""
        smallest = next((c for c in self.cli if c.label == "smallest"), None)
        return smallest.median if smallest else 0.0

    @property
    def cli_seconds_per_page(self) -> float:
        """What each further page costs the command line, from the smallest run to the whole corpus."""
        smallest = next((c for c in self.cli if c.label == "smallest"), None)
        whole = next((c for c in self.cli if c.label == "all"), None)
        if not smallest or not whole or whole.pages <= smallest.pages:
            return 0.0
        return (whole.median - smallest.median) / (whole.pages - smallest.pages)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, startup=self.startup, growth_factor=self.growth_factor,
                    dense_growth=self.dense_growth,
                    cli_ratio=self.cli_ratio, cli_fixed_cost=self.cli_fixed_cost,
                    cli_seconds_per_page=self.cli_seconds_per_page)
        for key in ("end_to_end", "baseline"):
            part = getattr(self, key)
            data[key].update(pages_per_second=part.pages_per_second, words_per_second=part.words_per_second)
        return data
