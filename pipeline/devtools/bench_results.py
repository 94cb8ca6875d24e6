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

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, startup=self.startup, growth_factor=self.growth_factor)
        for key in ("end_to_end", "baseline"):
            part = getattr(self, key)
            data[key].update(pages_per_second=part.pages_per_second, words_per_second=part.words_per_second)
        return data
