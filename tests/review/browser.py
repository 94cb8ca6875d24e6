"""Driving the system's Chromium (Debian's `chromium` package) with Playwright for Python, for the
tests of the review pages. Playwright's own browser download (`playwright install`) is never used.

Without Chromium or Playwright these tests skip with one reason; CI sets
COUNCIL_FACTS_REQUIRE_BROWSER=1 (as it sets COUNCIL_FACTS_REQUIRE_SHARED, tests/paths.py), and then
a missing browser fails the tests instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REQUIRE_BROWSER = os.environ.get("COUNCIL_FACTS_REQUIRE_BROWSER", "") not in ("", "0")
# COUNCIL_FACTS_CHROMIUM names another build (the tests of this module's skipping point it nowhere).
CHROMIUM = Path(os.environ.get("COUNCIL_FACTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium")


SKIPPED = "browser tests of the review skipped"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return f"Playwright for Python not installed (pip install playwright): {SKIPPED}"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found (apt-get install chromium): {SKIPPED}"
    return None


def skip_or_fail_without_browser() -> None:
    reason = missing_browser()
    if reason is None:
        return
    if REQUIRE_BROWSER:
        pytest.fail(f"COUNCIL_FACTS_REQUIRE_BROWSER is set and the browser is missing: {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class Visit:
    """A page opened from disk, with everything it tried that it must not: console errors, script
    errors, dialogs, requests anywhere but the page's own files."""

    page: Any  # playwright.sync_api.Page (typed loosely: Playwright is an optional test dependency)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def misbehaviour(self) -> list[str]:
        return self.console_errors + [f"dialog: {d}" for d in self.dialogs] + [f"request: {r}" for r in self.requests]


def open_page(browser: Any, path: Path, viewport: tuple[int, int] = (1280, 900)) -> Visit:
    """Open a file in a fresh context that refuses (and records) every request that is not a file."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, java_script_enabled=True)
    page = context.new_page()
    visit = Visit(page)

    def route(handle: Any) -> None:
        url = handle.request.url
        if url.startswith("file:"):
            handle.continue_()
        else:
            visit.requests.append(url)
            handle.abort()

    def dialog(box: Any) -> None:
        visit.dialogs.append(f"{box.type}: {box.message}")
        box.dismiss()

    context.route("**/*", route)
    page.on("request", lambda request: None if request.url.startswith("file:") or request.url in visit.requests
            else visit.requests.append(request.url))
    page.on("console", lambda message: visit.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.console_errors.append(f"page error: {error}"))
    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    return visit


def close(visit: Visit) -> None:
    visit.page.context.close()


# Every fact's highlight text: the pieces of each fact (or mention) joined in document order.
HIGHLIGHTS_JS = """() => {
  const facts = {}, mentions = {};
  for (const mark of document.querySelectorAll("mark[data-fact]")) {
    const id = mark.getAttribute("data-fact");
    facts[id] = (facts[id] || "") + mark.textContent;
  }
  for (const mark of document.querySelectorAll("mark[data-mention]")) {
    const key = mark.getAttribute("data-mention") + "@" + mark.getAttribute("data-at");
    mentions[key] = (mentions[key] || "") + mark.textContent;
  }
  return {facts, mentions};
}"""


def highlights(visit: Visit) -> tuple[dict[str, str], dict[str, str]]:
    found = visit.page.evaluate(HIGHLIGHTS_JS)
    return found["facts"], found["mentions"]
