"""Fixtures of the review tests: one Chromium for the session, and review sites built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.devtools.screenshot import CHROMIUM_ARGS  # launched as the README's screenshot is
from tests.paths import SAMPLES
from tests.review.browser import CHROMIUM, SKIPPED, skip_or_fail_without_browser


def run_cli(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="council-facts")


def extract_and_review(inputs: list[Path] | Path, folder: Path) -> tuple[Path, Path]:
    """A dataset of the inputs, and its review site: (dataset, site)."""
    dataset, site = folder / "dataset", folder / "site"
    paths = inputs if isinstance(inputs, list) else [inputs]
    extracted = run_cli("extract", *paths, "-o", dataset, "--log-format", "json")
    assert extracted.exit_code in (0, 3), extracted.output
    reviewed = run_cli("review", dataset, "-o", site)
    assert reviewed.exit_code == 0, reviewed.output
    return dataset, site


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return extract_and_review(SAMPLES, tmp_path_factory.mktemp("samples-review"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Browser tests skipped for want of a browser are reported at one place, so that pytest's
    summary (-rs) folds them into one line with their count, as tests/conftest.py does for ../shared."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and isinstance(report.longrepr, tuple) and str(report.longrepr[2]).endswith(SKIPPED):
        report.longrepr = ("tests/review/browser.py", None, str(report.longrepr[2]).removeprefix("Skipped: "))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    skip_or_fail_without_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
