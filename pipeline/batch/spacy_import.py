"""Importing spaCy in a worker process without spaCy's own command line.

spaCy's `__init__` runs `from .cli.info import info` so that `spacy.info` exists. That import runs
`spacy/cli/__init__.py`, which imports every command of spaCy's command line and with them typer,
weasel, httpx, requests and jinja2, and reads a YAML file: about 0.2 s of CPU, a fifth of a
worker's start, for a function a worker never calls. Nothing else in spaCy imports `spacy.cli`.

The import system returns a module it finds in `sys.modules` without loading anything (the
language reference, "The module cache"). So while spaCy is imported, a stand-in module sits in
`sys.modules["spacy.cli.info"]`; spaCy's `from .cli.info import info` binds the stand-in's `info`,
a function that imports the real one when it is called. The stand-in is removed as soon as spaCy is
imported: `spacy.cli` itself was never touched, so a later `import spacy.cli` (spaCy's `info`
called, or a training command) imports the real command line as usual.

Only the worker process does this, before anything imports spaCy; the library (`from pipeline
import extract`) imports spaCy the ordinary way, in other people's processes.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

INFO_MODULE = "cli.info"  # spaCy's `from .cli.info import info`


def _deferred_info(package: str) -> Any:
    def info(*args: Any, **kwargs: Any) -> Any:
        real = importlib.import_module(f"{package}.{INFO_MODULE}")
        return real.info(*args, **kwargs)

    info.__doc__ = f"{package}.{INFO_MODULE}.info, imported when first called."
    return info


def import_spacy_without_cli(package: str = "spacy") -> ModuleType:
    """Import spaCy (`package`: a test's stand-in for it) without its command line; an ordinary
    import when spaCy is already imported, or when its `__init__` wants more of `spacy.cli` than
    `info` (a later spaCy): the stand-in is then taken away and spaCy imported as usual."""
    if package in sys.modules:
        return sys.modules[package]
    name = f"{package}.{INFO_MODULE}"
    stand_in = ModuleType(name, "A stand-in while spaCy is imported (pipeline.batch.spacy_import).")
    stand_in.info = _deferred_info(package)  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
    try:
        return importlib.import_module(package)
    except ImportError:
        # A spaCy whose __init__ needs more than `info`: it failed half-way, so what it imported
        # stays in sys.modules and the ordinary import below finishes the job.
        pass
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
    return importlib.import_module(package)
