"""The command line, in process with click's CliRunner (plus one real subprocess).

What a user and a scheduler rely on: one JSON per document (OUT/documents/<sha256>.json, named by
content, never by input name), exit statuses 0/1/2/3, one line per bad file on standard error and
never a traceback, atomic output, deterministic bytes, a schema that never drifts from the code,
and a README that documents every command and option. Known failures keep their correct
expectation, marked xfail(strict=True). The batch engine behind `-o` has its own tests in tests/batch.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pipeline import __version__
from pipeline.cli import cli
from pipeline.devtools.evaluate import TYPES
from pipeline.output import TEMP_PREFIX
from pipeline.schema import DocumentFacts, json_schema_text
from tests import hostile
from tests.paths import ROOT, SAMPLES, shared_path

SAMPLE_DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".pdf"})
SAMPLE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA_FILE = ROOT / "models" / "council-facts.schema.json"
GOOD_TEXT = "The contract with Acme Ltd is worth £4.5m from 1 April 2026 to 31 March 2029.\n"


def run(*args: str | Path, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, prog_name="council-facts")


def assert_no_traceback(result: Result) -> None:
    # SystemExit is how click ends with a status; any other exception would be our crash.
    assert not isinstance(result.exception, Exception), result.exc_info
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr


def without_path(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    del data["source"]["path"]
    return data


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def output_of(out: Path, document: Path | bytes) -> Path:
    """Where `extract -o OUT` writes a document's JSON: named by the sha256 of its bytes."""
    data = document if isinstance(document, bytes) else document.read_bytes()
    return out / "documents" / f"{hashlib.sha256(data).hexdigest()}.json"


def error_records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def good_txt(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "good.txt"
    path.parent.mkdir()
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


# --- extract ---------------------------------------------------------------------------------

def test_extract_samples_folder_writes_one_valid_expected_json_per_document(tmp_path: Path) -> None:
    assert {p.suffix for p in SAMPLE_DOCUMENTS} == {".txt", ".html", ".pdf"}
    out = tmp_path / "out"
    result = run("extract", SAMPLES, "-o", out)
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    # Gold files (*.gold.json) and samples/expected/*.json are not documents.
    assert files_in(out / "documents") == sorted(output_of(out, p).name for p in SAMPLE_DOCUMENTS)
    for document in SAMPLE_DOCUMENTS:
        text = output_of(out, document).read_text(encoding="utf-8")
        produced = DocumentFacts.model_validate_json(text)
        assert produced.source.path is not None and produced.source.path.endswith(document.name)
        expected = json.loads((SAMPLES / "expected" / f"{document.name}.json").read_text(encoding="utf-8"))
        assert without_path(json.loads(text)) == without_path(expected), document.name


def test_extract_stdout_prints_json(good_txt: Path) -> None:
    result = run("extract", good_txt, "--stdout")
    assert result.exit_code == 0, result.output
    data = DocumentFacts.model_validate_json(result.stdout)
    assert data.source.path == str(good_txt)
    assert [(f.type, f.text) for f in data.facts if f.type == "money"] == [("money", "£4.5m")]
    assert result.stderr == ""


def test_extract_reads_standard_input_with_dash() -> None:
    page = b"<!DOCTYPE html><html><body><p>The council will receive a grant of &pound;5m.</p></body></html>"
    result = run("extract", "-", "--stdout", input=page)
    assert result.exit_code == 0, result.output
    data = DocumentFacts.model_validate_json(result.stdout)
    assert data.source.format == "html"
    money = [f.value for f in data.facts if f.type == "money"]
    assert [(m.amount, m.currency) for m in money] == [("5000000", "GBP")]


@pytest.mark.parametrize("flags", [pytest.param(["-o", "OUT", "--stdout"], id="both"),
                                   pytest.param([], id="neither")])
def test_extract_needs_exactly_one_of_output_and_stdout(flags: list[str], good_txt: Path, tmp_path: Path) -> None:
    flags = [str(tmp_path / "out") if f == "OUT" else f for f in flags]
    result = run("extract", good_txt, *flags)
    assert result.exit_code == 2
    assert "--stdout" in result.stderr
    assert not (tmp_path / "out").exists()
    assert_no_traceback(result)


def test_bad_inputs_get_one_line_each_and_no_output_while_the_good_one_is_written(
        tmp_path: Path, good_txt: Path) -> None:
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "in" / "picture.pdf"  # a PNG whatever its name says
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
    encrypted = tmp_path / "in" / "locked.pdf"
    encrypted.write_bytes(hostile.encrypted_pdf())
    out = tmp_path / "out"
    result = run("extract", empty, png, good_txt, encrypted, "-o", out)
    assert result.exit_code == 3, result.output
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    for path, code in [(empty, "E_EMPTY"), (png, "E_UNSUPPORTED"), (encrypted, "E_PDF_ENCRYPTED")]:
        mine = [ln for ln in lines if str(path) in ln]
        assert len(mine) == 1, (path, lines)
        assert code in mine[0]
    assert not any(str(good_txt) in ln for ln in lines)
    assert files_in(out / "documents") == [output_of(out, good_txt).name]
    DocumentFacts.model_validate_json(output_of(out, good_txt).read_text(encoding="utf-8"))


def test_reference_date_is_used(tmp_path: Path) -> None:
    doc = tmp_path / "budget.txt"
    doc.write_text("Savings of £2m are planned for next financial year.\n", encoding="utf-8")
    result = run("extract", doc, "--stdout", "--reference-date", "2025-03-13")
    assert result.exit_code == 0, result.output
    data = DocumentFacts.model_validate_json(result.stdout)
    assert (data.reference_date.date, data.reference_date.origin) == ("2025-03-13", "given")
    periods = [(f.value.start, f.value.end) for f in data.facts if f.type == "period"]
    assert periods == [("2025-04-01", "2026-03-31")]


@pytest.mark.parametrize("value", ["2025-02-30", "13/03/2025", "next week"])
def test_invalid_reference_date_is_a_usage_error(value: str, good_txt: Path) -> None:
    result = run("extract", good_txt, "--stdout", "--reference-date", value)
    assert result.exit_code == 2
    assert "--reference-date" in result.stderr
    assert result.stdout == ""
    assert_no_traceback(result)


def test_missing_path_is_e_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.pdf"
    result = run("extract", missing, "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert_no_traceback(result)
    mine = [ln for ln in result.stderr.splitlines() if str(missing) in ln]
    assert len(mine) == 1 and "E_NOT_FOUND" in mine[0]
    assert files_in(tmp_path / "out" / "documents") == []
    assert [(e["paths"], e["code"]) for e in error_records(tmp_path / "out")] == [([str(missing)], "E_NOT_FOUND")]


def test_same_base_name_in_two_folders_gives_two_output_files(tmp_path: Path) -> None:
    for folder, amount in [("a", "£1m"), ("b", "£2m")]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"The contract is worth {amount}.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("extract", tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt", "-o", out)
    assert result.exit_code == 0, result.output
    outputs = [DocumentFacts.model_validate_json(p.read_text(encoding="utf-8")) for p in (out / "documents").iterdir()]
    assert len(outputs) == 2
    assert {o.source.path for o in outputs} == {str(tmp_path / f / "report.txt") for f in "ab"}
    assert {getattr(o.facts[0].value, "amount", None) for o in outputs} == {"1000000", "2000000"}


def test_same_document_under_one_name_in_three_folders_is_one_record_listing_the_three_paths(
        tmp_path: Path) -> None:
    # Councils republish the same appendix for several meetings; a scrape keeps each copy.
    for folder in "abc":
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("extract", *(tmp_path / f / "report.txt" for f in "abc"), "-o", out)
    assert result.exit_code == 0, result.output
    [only] = (out / "documents").iterdir()
    document = DocumentFacts.model_validate_json(only.read_text(encoding="utf-8"))
    assert document.source.path == str(tmp_path / "a" / "report.txt")  # the first of the paths
    [record] = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["paths"] == [str(tmp_path / f / "report.txt") for f in "abc"]


def test_output_that_is_an_existing_file_is_a_fatal_error(tmp_path: Path, good_txt: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder", encoding="utf-8")
    result = run("extract", good_txt, "-o", target)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_output_folder_below_a_file_is_a_fatal_error(tmp_path: Path, good_txt: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder", encoding="utf-8")
    result = run("extract", good_txt, "-o", target / "sub")
    assert_no_traceback(result)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write output" in lines[0]
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_extract_twice_on_a_pdf_gives_byte_identical_files(tmp_path: Path) -> None:
    for name in ("one", "two"):
        result = run("extract", SAMPLE_PDF, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    first = output_of(tmp_path / "one", SAMPLE_PDF).read_bytes()
    assert first == output_of(tmp_path / "two", SAMPLE_PDF).read_bytes()


def test_no_temporary_files_remain_after_a_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("extract", SAMPLES, "-o", out)
    assert result.exit_code == 0, result.output
    assert files_in(out / "documents")
    assert not [p for p in out.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def test_a_write_failing_midway_leaves_no_partial_and_no_temporary_file(
        tmp_path: Path, good_txt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "out"
    result = run("extract", good_txt, "-o", out)
    assert result.exit_code == 1
    assert_no_traceback(result)
    assert len(result.stderr.strip().splitlines()) == 1
    # Only the run's lock file, created before anything is written; no data file, no temporary file.
    assert [p.name for p in out.rglob("*") if p.is_file()] == ["lock"]


def test_output_files_get_the_usual_permissions(tmp_path: Path, good_txt: Path) -> None:
    old = os.umask(0o022)
    try:
        result = run("extract", good_txt, "-o", tmp_path / "out")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert output_of(tmp_path / "out", good_txt).stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out" / "facts.parquet").stat().st_mode & 0o777 == 0o644


def test_python_m_pipeline_version() -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"council-facts, version {__version__}"


# --- schema ----------------------------------------------------------------------------------

def test_schema_command_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_committed_schema_never_drifts_from_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text()


# --- eval ------------------------------------------------------------------------------------

def test_eval_prints_a_table_of_all_nine_types_and_overall() -> None:
    result = run("eval", "--gold", SAMPLES)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    for name in [*TYPES, "overall"]:
        assert name in rows, name
        assert len(rows[name]) == 6 and rows[name][-1] == "1.000"  # tp fp fn precision recall f1


@pytest.mark.parametrize("gold", [pytest.param(SAMPLES, id="samples"), pytest.param("seed", id="seed")])
def test_eval_json_scores_every_type_perfectly(gold: Path | str) -> None:
    result = run("eval", "--gold", gold if isinstance(gold, Path) else shared_path(gold), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["types"]) == set(TYPES) and len(TYPES) == 9
    for name, counts in [*data["types"].items(), ("overall", data["overall"])]:
        assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= set(counts), name
        assert counts["f1"] == 1.0, (name, counts)
    assert data["overall"]["tp"] == sum(c["tp"] for c in data["types"].values()) > 0


def test_eval_details_lists_a_deliberate_miss(tmp_path: Path) -> None:
    gold_path = SAMPLES / "contract-extension-report.txt.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    shutil.copy(SAMPLES / gold["document"], tmp_path / gold["document"])
    right = gold["money"][0]["amount"]
    wrong = str(int(right) + 1)
    gold["money"][0]["amount"] = wrong  # deliberately wrong
    (tmp_path / gold_path.name).write_text(json.dumps(gold), encoding="utf-8")
    result = run("eval", "--gold", tmp_path, "--details")
    assert result.exit_code == 0, result.output
    details = [line for line in result.stdout.splitlines() if gold["document"] in line and " money " in line]
    assert any(re.search(r"missed\s+money", ln) and wrong in ln for ln in details), details
    assert any(re.search(r"extra\s+money", ln) and right in ln for ln in details), details
    assert len(details) == 2, details


# --- documentation ---------------------------------------------------------------------------

def all_commands() -> dict[str, click.Command]:
    """Every subcommand, the lazily loaded tooling ones (eval, bench) included."""
    ctx = click.Context(cli)
    commands = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in commands.items() if command is not None}


def _documented_options() -> list[tuple[str, str]]:
    rows = []
    for name, command in sorted(all_commands().items()):
        for param in command.params:
            if isinstance(param, click.Option):
                longs = [o for o in param.opts + param.secondary_opts if o.startswith("--")]
                rows.append((name, longs[0] if longs else param.opts[0]))
    return rows


@pytest.mark.parametrize("command", sorted(all_commands()))
def test_every_command_is_documented(command: str) -> None:
    assert f"council-facts {command}" in README


@pytest.mark.parametrize("command,flag", [pytest.param(c, f, id=f"{c} {f}") for c, f in _documented_options()])
def test_every_option_is_documented(command: str, flag: str) -> None:
    assert re.search(rf"{re.escape(flag)}(?![\w-])", README), f"{command} {flag} is not in README.md"


def test_the_documentation_test_sees_every_command() -> None:
    assert {"extract", "query", "eval", "schema", "bench"} <= set(all_commands())
    assert ("extract", "--reference-date") in _documented_options()
