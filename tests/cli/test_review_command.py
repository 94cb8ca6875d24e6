"""`council-facts review OUT -o DIR` in process with click's CliRunner: a site from a dataset,
exit status 2 for a folder that is no dataset, 1 with one line naming a broken file, never a
traceback."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from tests.paths import SAMPLES


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="council-facts")


def assert_no_traceback(result: Result) -> None:
    assert not isinstance(result.exception, Exception), result.exc_info
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review-cli") / "dataset"
    result = run("extract", SAMPLES, "-o", out, "--workers", "2")
    assert result.exit_code == 0, result.output
    return out


def test_review_writes_an_index_and_a_page_per_document(dataset: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("review", dataset, "-o", site)
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr.strip() == f"{site / 'index.html'}: 3 documents, 0 errors"
    assert sorted(p.stem for p in (site / "documents").iterdir()) == \
        sorted(p.stem for p in (dataset / "documents").iterdir())
    assert "<!DOCTYPE html>" in (site / "index.html").read_text(encoding="utf-8")


def test_review_needs_an_output_folder(dataset: Path) -> None:
    result = run("review", dataset)
    assert result.exit_code == 2
    assert "--output" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("what", ["missing", "a file", "an empty folder", "the samples folder"])
def test_a_folder_that_is_no_dataset_is_a_usage_error(what: str, tmp_path: Path) -> None:
    target = {"missing": tmp_path / "nothing", "a file": tmp_path / "file.txt", "an empty folder": tmp_path / "empty",
              "the samples folder": SAMPLES}[what]
    if what == "a file":
        target.write_text("x", encoding="utf-8")
    if what == "an empty folder":
        target.mkdir()
    result = run("review", target, "-o", tmp_path / "site")
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)
    assert str(target) in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_output_that_is_a_file_is_a_usage_error(dataset: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    result = run("review", dataset, "-o", taken)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert taken.read_text(encoding="utf-8") == "mine"


def test_a_broken_document_file_is_one_line_naming_it(dataset: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dataset"
    shutil.copytree(dataset, copy)
    doc_id = hashlib.sha256((SAMPLES / "moderngov-decision.html").read_bytes()).hexdigest()
    broken = copy / "documents" / f"{doc_id}.json"
    broken.write_text("{truncated", encoding="utf-8")
    result = run("review", copy, "-o", tmp_path / "site")
    assert result.exit_code == 1
    assert_no_traceback(result)
    [line] = result.stderr.strip().splitlines()
    assert str(broken) in line and "not a valid document file" in line


def test_an_unwritable_output_is_one_line(dataset: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "documents").write_text("a file where the pages go", encoding="utf-8")
    result = run("review", dataset, "-o", blocker)
    assert result.exit_code == 1
    assert_no_traceback(result)
    [line] = result.stderr.strip().splitlines()
    assert "cannot write the review" in line
