"""`document_json` writes the bytes `json.dumps(..., ensure_ascii=False, indent=2)` wrote, faster:
every output file and every stored record must stay byte-identical across the change."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.output import document_json
from tests.paths import SAMPLES

CASES: list[Any] = [
    {},
    [],
    {"facts": [], "contracts": {}, "nested": {"empty": []}},
    {"text": "£4.5m to 31 March 2029 – “quoted” — é ß 😀"},
    {"control": "tab\there\nline\rret\x00nul\x1fus\x7fdel\b\f", "quote": '"\\/'},
    {"separators": "\u2028\u2029", "bmp edge": "\ud7ff\ue000\uffff"},
    {"numbers": [0, -1, 10**20, 1.5, True, False, None]},
    {"keys": {"é": 1, "": 2, "a b": 3}},
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_the_same_bytes_as_the_standard_library(value: Any) -> None:
    assert document_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_the_sample_documents_expected_outputs_are_unchanged() -> None:
    expected = sorted((SAMPLES / "expected").glob("*.json"))
    assert expected
    for path in expected:
        text = path.read_text(encoding="utf-8")
        assert document_json(json.loads(text)) == text, path.name
