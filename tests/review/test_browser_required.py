"""Without a browser the browser tests skip, with one line in pytest's summary; with
COUNCIL_FACTS_REQUIRE_BROWSER=1 (as CI sets it) the same tests fail instead."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.paths import ROOT

NOWHERE = "/nonexistent/chromium"


def pytest_without_browser(require: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COUNCIL_FACTS_REQUIRE_BROWSER"}
    env["COUNCIL_FACTS_CHROMIUM"] = NOWHERE
    if require:
        env["COUNCIL_FACTS_REQUIRE_BROWSER"] = "1"
    # Tests whose browser fixture comes first: they skip before building a dataset.
    tests = [f"tests/review/test_browser.py::{name}" for name in (
        "test_a_screenshot_of_a_document_page_is_saved", "test_the_index_filters_and_sorts",
        "test_focus_and_hover_show_the_normalised_value")]
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *tests], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_without_a_browser_the_browser_tests_skip_with_one_reason() -> None:
    run = pytest_without_browser(require=False)
    assert run.returncode == 0, run.stdout[-3000:]
    lines = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(lines) == 1, run.stdout[-3000:]
    assert re.match(rf"SKIPPED \[3\] tests/review/browser.py: {NOWHERE} not found", lines[0]), lines
    assert "3 skipped" in run.stdout


def test_with_the_ci_setting_a_missing_browser_fails() -> None:
    run = pytest_without_browser(require=True)
    assert run.returncode != 0
    assert "COUNCIL_FACTS_REQUIRE_BROWSER is set and the browser is missing" in run.stdout
    assert "3 errors" in run.stdout or "3 failed" in run.stdout
    assert not re.search(r"\d+ skipped", run.stdout)
