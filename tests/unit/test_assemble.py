"""Assembling facts: ids written from the value's JSON once are those of the whole key."""

from __future__ import annotations

import hashlib
import json

from pipeline.assemble import _fact_id, _value_json, fact_id


def test_fact_ids_from_the_values_json_are_those_of_the_whole_key() -> None:
    value = {"name": "Café “Ltd”", "aliases": ["b", "a"], "amount": "4.5", "nested": {"z": 1, "a": None}}
    key = json.dumps(["doc-é", "organisation", 3, 17, value], sort_keys=True, ensure_ascii=False)
    expected = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    assert fact_id("doc-é", "organisation", 3, 17, value) == expected
    assert _fact_id("doc-é", "organisation", 3, 17, _value_json(value)) == expected
