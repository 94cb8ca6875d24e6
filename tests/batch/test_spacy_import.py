"""A worker imports spaCy without spaCy's command line (pipeline/batch/spacy_import.py), and spaCy
works as ever: its pipeline, `spacy.info`, and `spacy.cli` imported later. Each check runs in a
fresh interpreter, where spaCy has not been imported yet."""

from __future__ import annotations

from pathlib import Path

from tests.batch.fresh import run_fresh

TOKENS = """
        tokens = [t.text for t in spacy.blank("en")("The contract with Acme Ltd. is worth £4.5m, Mr. Smith's.")]
        print(json.dumps({"loaded": loaded, "tokens": tokens}))
"""


def test_spacy_is_imported_without_its_command_line_and_works() -> None:
    lean = run_fresh("""
        import json, sys
        from pipeline.batch.spacy_import import import_spacy_without_cli
        spacy = import_spacy_without_cli()
        loaded = {name: name in sys.modules for name in ("spacy.cli", "spacy.cli.info", "weasel", "typer", "httpx")}
    """ + TOKENS)
    ordinary = run_fresh("""
        import json, sys
        import spacy
        loaded = {name: name in sys.modules for name in ("spacy.cli", "weasel")}
    """ + TOKENS)
    assert lean["loaded"] == {"spacy.cli": False, "spacy.cli.info": False, "weasel": False, "typer": False,
                              "httpx": False}
    assert ordinary["loaded"] == {"spacy.cli": True, "weasel": True}  # what the stand-in spares a worker
    assert lean["tokens"] == ordinary["tokens"]
    assert "Ltd." in lean["tokens"]


def test_spacy_info_and_a_later_import_of_spacy_cli_are_the_real_ones() -> None:
    result = run_fresh("""
        import json
        from pipeline.batch.spacy_import import import_spacy_without_cli
        spacy = import_spacy_without_cli()
        info = spacy.info(silent=True)
        import spacy.cli
        print(json.dumps({"version": info["spacy_version"], "expected": spacy.__version__,
                          "download": callable(spacy.cli.download), "info_module": spacy.cli.info.__module__}))
    """)
    assert result["version"] == result["expected"]
    assert result["download"] is True
    assert result["info_module"] == "spacy.cli.info"


def test_a_spacy_wanting_more_of_its_command_line_is_imported_the_ordinary_way(tmp_path: Path) -> None:
    # A stand-in for a later spaCy whose __init__ takes more than `info` from `.cli.info`.
    package = tmp_path / "later_spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("from .cli.info import info, other\n")
    (package / "cli" / "__init__.py").write_text("")
    (package / "cli" / "info.py").write_text("def info():\n    return 'real'\n\nother = 'other'\n")
    result = run_fresh("""
        import json, sys
        from pipeline.batch.spacy_import import import_spacy_without_cli
        module = import_spacy_without_cli("later_spacy")
        print(json.dumps({"info": module.info(), "other": module.other,
                          "again": import_spacy_without_cli("later_spacy") is module}))
    """, tmp_path)
    assert result == {"info": "real", "other": "other", "again": True}
