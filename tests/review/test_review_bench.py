"""The review benchmark (python -m pipeline.devtools.review_bench): it times the review alone and
fails when the median reaches the limit."""

from __future__ import annotations

import re

import pytest

from pipeline.devtools import review_bench
from tests.paths import SAMPLES


def test_the_bench_prints_the_seconds_and_fails_past_its_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert review_bench.main(["--corpus", str(SAMPLES), "--limit", "1e-9"]) == 1
    line = capsys.readouterr().out
    match = re.search(r"review of 3 documents \(([\d,]+) facts.*: ([\d.]+) s median of .*\(MISSED\)", line)
    assert match, line
    assert int(match[1].replace(",", "")) > 100 and float(match[2]) < 10


def test_a_missing_corpus_is_a_usage_error(tmp_path: pytest.TempPathFactory) -> None:
    assert review_bench.main(["--corpus", "/nonexistent/corpus"]) == 2
