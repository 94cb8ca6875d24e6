"""Ranges answers "does this overlap a claimed range?" as a scan of every claimed range would."""

from __future__ import annotations

import random

import pytest

from pipeline.facts.base import Ranges


@pytest.mark.parametrize("seed", range(20))
def test_overlaps_agrees_with_a_scan_of_every_range(seed: int) -> None:
    rng = random.Random(seed)
    claimed: list[tuple[int, int]] = []
    ranges = Ranges()
    for _ in range(200):
        start = rng.randrange(0, 500)
        end = start + rng.randrange(1, 15)
        expected = any(start < e and s < end for s, e in claimed)
        assert ranges.overlaps(start, end) == expected, (start, end)
        if rng.random() < 0.5:  # claimed ranges may overlap and touch each other
            claimed.append((start, end))
            ranges.add(start, end)


@pytest.mark.parametrize(("claimed", "query", "expected"), [
    ([(10, 20)], (20, 30), False),   # touching at the end is no overlap
    ([(10, 20)], (0, 10), False),    # nor at the start
    ([(10, 20)], (19, 21), True),
    ([(10, 20), (20, 30)], (15, 25), True),  # across two touching ranges
    ([(10, 20), (40, 50)], (20, 40), False),  # the gap between two
    ([(10, 20), (40, 50)], (0, 100), True),   # around both
    ([(10, 10)], (5, 15), False),    # an empty range claims nothing
])
def test_overlaps(claimed: list[tuple[int, int]], query: tuple[int, int], expected: bool) -> None:
    assert Ranges(claimed).overlaps(*query) is expected
