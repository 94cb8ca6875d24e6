"""Golden tests: each bundled sample gives exactly its expected output, byte for byte, and
scores perfectly against its hand-written gold file.

Set UPDATE_GOLDEN=1 to rewrite samples/expected/ after a deliberate change; review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.devtools.evaluate import evaluate
from tests.paths import ROOT, SAMPLES

DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html", ".pdf"})


def test_there_are_samples_of_each_format() -> None:
    assert {p.suffix for p in DOCUMENTS} == {".txt", ".html", ".pdf"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_sample_output_is_as_expected(document: Path) -> None:
    relative = document.relative_to(ROOT).as_posix()
    produced = extract(document, path=relative).to_json()
    expected_path = SAMPLES / "expected" / f"{document.name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.parent.mkdir(exist_ok=True)
        expected_path.write_text(produced, encoding="utf-8")
    assert produced == expected_path.read_text(encoding="utf-8")


def test_samples_score_perfectly_against_their_gold_files() -> None:
    report = evaluate(SAMPLES)
    assert report.documents == len(DOCUMENTS)
    assert not report.errors
    # The nine fact types are perfect on our own samples; contract records are measured apart
    # (docs/accuracy.md) and their linking pinned by tests/unit/test_contracts.py.
    assert [vars(m) for m in report.misses if m.type != "contracts"] == []
