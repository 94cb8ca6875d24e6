"""A clone with nothing beside it: tests that need ../shared skip, one summary line per part of it
with the count; with COUNCIL_FACTS_REQUIRE_SHARED=1 (as CI sets it) the same tests fail instead."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installed.test_installed_package import tracked_files
from tests.paths import ROOT

# Modules that read ../shared at collection (corpus), in a fixture (accuracy floors) and inside tests.
NEEDS_SHARED = ["tests/corpus/test_real_documents.py", "tests/accuracy/test_floors.py"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bare") / "council-facts"
    for name in tracked_files():
        if (ROOT / name).is_file() and name.startswith(("tests/", "pipeline/", "models/", "samples/")) or name in {
                "pyproject.toml", "README.md"}:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    assert not (folder.parent / "shared").exists()
    return folder


def pytest_in(clone: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COUNCIL_FACTS_REQUIRE_SHARED"}
    if require:
        env["COUNCIL_FACTS_REQUIRE_SHARED"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *NEEDS_SHARED], cwd=clone,
                          env=env, capture_output=True, text=True, timeout=600)


def test_without_shared_the_tests_skip_with_one_line_per_part(clone: Path) -> None:
    run = pytest_in(clone, require=False)
    assert run.returncode == 0, run.stdout[-3000:]
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("SKIPPED")]
    assert lines, run.stdout[-3000:]
    reasons = [re.sub(r"^SKIPPED \[\d+\] tests/paths.py: ", "", ln) for ln in lines]
    assert len(reasons) == len(set(reasons)), lines  # one line per part of ../shared
    assert any(r.startswith("../shared/corpus not present") for r in reasons), lines
    assert re.search(r"\d+ skipped", run.stdout)
    assert "passed" in run.stdout  # what needs no ../shared still runs (the Kent gold-set check)


def test_with_the_ci_setting_a_missing_shared_fails(clone: Path) -> None:
    run = pytest_in(clone, require=True)
    assert run.returncode != 0
    assert "COUNCIL_FACTS_REQUIRE_SHARED" in run.stdout + run.stderr
    assert not re.search(r"\d+ skipped", run.stdout + run.stderr)  # nothing was let off as a skip
