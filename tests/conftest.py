"""Shared fixtures (facts of one type from `pipeline.extract`), and how tests that need ../shared
skip or fail (tests/paths.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pipeline import extract
from tests.paths import REQUIRE_SHARED, SHARED, SKIP_PREFIX


@pytest.fixture(scope="session")
def facts_of() -> Callable[..., list[Any]]:
    """facts_of(text, "money") -> the money facts of `extract(text)`, in text order."""

    def _facts_of(source: Any, fact_type: str, **kwargs: Any) -> list[Any]:
        return [f for f in extract(source, **kwargs).facts if f.type == fact_type]

    return _facts_of


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRE_SHARED and not SHARED.is_dir():
        raise pytest.UsageError(f"COUNCIL_FACTS_REQUIRE_SHARED is set but {SHARED} is missing: "
                                "CI runs every test against the shared material beside the checkout")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A test skipped because ../shared is absent is reported at one place, so that pytest's
    summary (-rs) folds each part's skips into one line with their count."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if reason.startswith(SKIP_PREFIX):
            report.longrepr = ("tests/paths.py", None, reason)
