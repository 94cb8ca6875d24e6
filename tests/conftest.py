"""Shared fixtures: facts of one type from `pipeline.extract`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pipeline import extract


@pytest.fixture(scope="session")
def facts_of() -> Callable[..., list[Any]]:
    """facts_of(text, "money") -> the money facts of `extract(text)`, in text order."""

    def _facts_of(source: Any, fact_type: str, **kwargs: Any) -> list[Any]:
        return [f for f in extract(source, **kwargs).facts if f.type == fact_type]

    return _facts_of
