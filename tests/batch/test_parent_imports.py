"""The parent of `council-facts extract -o` runs the workers and writes the dataset; it imports no
NLP code and never builds the output's models (pipeline/batch/record_schemas.py), which only its
workers use: each of those imports is fixed cost on every run, a nightly job's few papers included."""

from __future__ import annotations

from pathlib import Path

from tests.batch.fresh import run_fresh

WORKER_ONLY = ["spacy", "thinc", "pipeline.nlp", "pipeline.extract", "pipeline.schema", "pipeline.facts",
               "pipeline.loaders.pdf", "dateparser"]


def test_the_parent_of_extract_imports_no_nlp_and_no_output_models(tmp_path: Path) -> None:
    document = tmp_path / "report.txt"
    document.write_text("The contract with Acme Ltd is worth £4.5m from 1 April 2026 to 31 March 2029.\n")
    result = run_fresh(f"""
        import json, sys
        from pipeline.cli import cli
        try:
            cli(["extract", {str(document)!r}, "-o", {str(tmp_path / "out")!r}, "--workers", "1",
                 "--log-format", "json"], prog_name="council-facts")
        except SystemExit as stop:
            status = stop.code
        print(json.dumps({{"status": status, "loaded": [m for m in {WORKER_ONLY!r} if m in sys.modules]}}))
    """)
    assert result["status"] == 0
    assert result["loaded"] == []
    # The run did extract, in its worker: the dataset holds the contract's value.
    assert "4500000" in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8")


def test_the_parent_of_extract_stdout_imports_no_table_writer(tmp_path: Path) -> None:
    # --stdout writes no dataset, so Parquet (pyarrow, NumPy) is never needed: 0.1 s of every run.
    document = tmp_path / "report.txt"
    document.write_text("The contract with Acme Ltd is worth £4.5m from 1 April 2026 to 31 March 2029.\n")
    result = run_fresh(f"""
        import contextlib, io, json, sys
        from pipeline.cli import cli
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            try:
                cli(["extract", {str(document)!r}, "--stdout", "--workers", "1"], prog_name="council-facts")
            except SystemExit as stop:
                status = stop.code
        print(json.dumps({{"status": status, "printed": printed.getvalue(),
                          "loaded": [m for m in {[*WORKER_ONLY, "pyarrow", "numpy", "duckdb"]!r}
                                     if m in sys.modules]}}))
    """)
    assert result["status"] == 0
    assert result["loaded"] == []
    assert "4500000" in result["printed"]
