"""What a document's record depends on, and the key that says when a stored record is still good.

A record is reused only when it was made by the same pipeline with the same settings. "The same
pipeline" is stricter than the version number: the key also hashes the code and the pattern and
gazetteer files that produce facts, because those change between releases (and during
development) without the version moving, and a stale record would silently survive them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import SCHEMA_VERSION, __version__
from pipeline.resources import models_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Code that never touches a document's facts: changing it must not throw stored records away.
_NOT_EXTRACTION = {"batch", "review", "watch", "devtools", "cli.py", "__main__.py"}


@dataclass(frozen=True)
class Settings:
    """Options that change what a document's record contains."""

    reference_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"reference_date": self.reference_date.isoformat() if self.reference_date else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        value = data.get("reference_date")
        return cls(reference_date=date.fromisoformat(value) if value else None)


def _hash_files(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def pipeline_fingerprint() -> str:
    """A hash of the extraction code and the models folder (patterns, gazetteers)."""
    code = [p for p in PACKAGE_DIR.rglob("*.py")
            if p.relative_to(PACKAGE_DIR).parts[0] not in _NOT_EXTRACTION and "__pycache__" not in p.parts]
    models = models_dir()
    data = [p for p in models.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    return hashlib.sha256((_hash_files(PACKAGE_DIR, code) + _hash_files(models, data)).encode()).hexdigest()


def settings_key(settings: Settings) -> str:
    """16 hex digits naming the pipeline and settings a record was made with.

    >>> len(settings_key(Settings())) == 16 and settings_key(Settings()) != settings_key(Settings(date(2025, 1, 1)))
    True
    """
    identity = {"version": __version__, "schema_version": SCHEMA_VERSION, "fingerprint": pipeline_fingerprint(),
                "settings": settings.to_json()}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]
