"""Where the data the pipeline runs on lives: patterns and gazetteers under `models/`."""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path
from typing import Any


@cache
def models_dir() -> Path:
    """The models folder: $COUNCIL_FACTS_MODELS, the installed copy, or the checkout's."""
    override = os.environ.get("COUNCIL_FACTS_MODELS")
    candidates = [Path(override)] if override else []
    here = Path(__file__).resolve().parent
    candidates += [here / "models", here.parent / "models"]
    for candidate in candidates:
        if (candidate / "patterns").is_dir():
            return candidate
    raise FileNotFoundError("council-facts cannot find its models folder (patterns and gazetteers)")


@cache
def pattern_data(name: str) -> Any:
    """A pattern file of models/patterns, e.g. pattern_data("money")."""
    with open(models_dir() / "patterns" / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def gazetteer(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a gazetteer CSV under models/gazetteers, e.g. gazetteer("legislation")."""
    path = models_dir() / "gazetteers" / f"{name}.csv"
    if not path.exists():
        return ()
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))


@cache
def record_schemas() -> dict[str, Any]:
    """The JSON Schemas of the dataset's JSON files by name (results, errors, skipped, summary),
    as committed in models/record-schemas.json (see pipeline/batch/record_schemas.py)."""
    with open(models_dir() / "record-schemas.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
