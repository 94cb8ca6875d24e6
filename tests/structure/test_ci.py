"""CI runs what the README tells a new user to run: its two quick-start commands, word for word,
with ../shared required."""

from __future__ import annotations

import re

from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the README's quick start has no sh block"
    return [line for line in block[1].splitlines() if line.strip()]


def test_the_quick_start_is_two_commands_installing_then_running() -> None:
    first, second = quick_start()
    assert "pip install ." in first and "council-facts extract samples/" in first
    assert "pip install" in second and "pytest" in second


def test_ci_runs_both_quick_start_commands_as_written() -> None:
    lines = [line.strip() for line in CI.splitlines()]
    for command in quick_start():
        assert command in lines, f"CI does not run the README's: {command}"


def test_ci_requires_the_shared_material() -> None:
    assert re.search(r"^export COUNCIL_FACTS_REQUIRE_SHARED=1$", CI, re.M)
    assert CI.index("COUNCIL_FACTS_REQUIRE_SHARED=1") < CI.index("-m pytest")


def test_ci_installs_chromium_and_requires_the_browser_tests() -> None:
    assert re.search(r"^export COUNCIL_FACTS_REQUIRE_BROWSER=1$", CI, re.M)
    assert "command -v chromium" in CI and "apt-get install -y chromium" in CI
    assert "playwright install" not in CI  # the system's Chromium, never a downloaded one
    assert CI.index("COUNCIL_FACTS_REQUIRE_BROWSER=1") < CI.index("-m pytest")
