"""The acceptance batch: 500 documents (475 unique copies of the samples, 25 broken ones) through
`council-facts extract DIR -o OUT` with 2 workers, then rerun, then rerun with --retry-failed.

Figures it checks: 475 results, 25 error records with their expected codes, exit status 3, every
file valid against its schema, no temporary file; a rerun processes 0 documents and a
--retry-failed rerun exactly the 25, both leaving the dataset byte-identical.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from tests.batch.checks import Dataset, check_dataset, snapshot
from tests.batch.corpus import write_bad, write_good


@dataclass
class Batch:
    inputs: Path
    out: Path
    expected_errors: dict[str, str]
    good: list[str]
    result: Result
    seconds: float
    dataset: Dataset


def extract(*args: str | Path) -> tuple[Result, float]:
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["extract", *map(str, args), "--workers", "2"])
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "in"
    good = write_good(inputs, 475)
    bad = write_bad(inputs)
    out = root / "out"
    result, seconds = extract(inputs, "-o", out)
    print(f"\n500-document batch: {seconds:.1f} s, exit {result.exit_code}")
    return Batch(inputs, out, {str(p): code for p, code in bad.items()}, [str(p) for p in good], result, seconds,
                 check_dataset(out))


def test_500_documents_end_in_475_results_and_25_expected_errors(batch: Batch) -> None:
    assert batch.result.exit_code == 3, batch.result.output
    assert "Traceback" not in batch.result.output
    data = batch.dataset
    assert len(data.results) == 475 and len(data.errors) == 25
    assert {e["paths"][0]: e["code"] for e in data.errors} == batch.expected_errors
    assert all(len(e["message"]) <= 500 and e["stage"] for e in data.errors)
    assert sorted(p for r in data.results for p in r["paths"]) == sorted(batch.good)
    summary = data.summary
    assert summary["exit_status"] == 3
    assert summary["dataset"] | {"facts": 0} == {
        "inputs": 500, "documents": 500, "succeeded": 475, "failed": 25,
        "errors": dict(sorted(Counter(batch.expected_errors.values()).items())), "skipped": 0,
        "skipped_reasons": {}, "duplicate_paths": 0, "facts": 0}
    assert summary["run"]["processed"] == 500 and summary["run"]["reused"] == 0
    # Every failure was logged once, as a JSON line naming its file.
    events = [json.loads(line) for line in batch.result.stderr.splitlines()]
    failed = [e for e in events if e["event"] == "failed"]
    assert sorted(f["paths"][0] for f in failed) == sorted(batch.expected_errors)


def test_each_copy_has_the_facts_of_its_sample(batch: Batch) -> None:
    by_format: dict[str, set[int]] = {}
    for result in batch.dataset.results:
        by_format.setdefault(result["document"]["source"]["format"], set()).add(len(result["document"]["facts"]))
    assert set(by_format) == {"pdf", "html", "text"}
    assert all(len(counts) == 1 and counts.pop() > 0 for counts in by_format.values()), by_format


def test_a_rerun_processes_nothing_and_changes_no_byte(batch: Batch) -> None:
    before = snapshot(batch.out)
    result, seconds = extract(batch.inputs, "-o", batch.out)
    print(f"\nrerun of the 500: {seconds:.1f} s")
    assert result.exit_code == 3, result.output
    summary = json.loads((batch.out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["run"]["processed"], summary["run"]["reused"]) == (0, 500)
    assert snapshot(batch.out) == before


def test_retry_failed_processes_exactly_the_25_failures(batch: Batch) -> None:
    before = snapshot(batch.out)
    result, seconds = extract(batch.inputs, "-o", batch.out, "--retry-failed")
    print(f"\n--retry-failed over the 500: {seconds:.1f} s")
    assert result.exit_code == 3, result.output
    summary = json.loads((batch.out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["run"]["processed"], summary["run"]["reused"]) == (25, 475)
    assert snapshot(batch.out) == before
    check_dataset(batch.out)
