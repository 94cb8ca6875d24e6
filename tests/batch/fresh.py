"""Code run in a fresh interpreter, where nothing of spaCy or the pipeline is imported yet."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.paths import ROOT


def run_fresh(code: str, *paths: Path) -> Any:
    """Run `code` in a new interpreter (the checkout and `paths` importable); the JSON it prints."""
    path = ":".join([str(ROOT), *map(str, paths)])
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env={"PYTHONPATH": path, "PATH": ""}, cwd=ROOT, check=True)
    return json.loads(done.stdout)
