"""Input and output safety, dedupe, globs and lists of paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.batch.state import STATE_DIR
from pipeline.cli import cli
from tests.batch.checks import DATASET_FILES, check_dataset
from tests.batch.corpus import SAMPLE_FILES, unique_copy
from tests.paths import ROOT

GOOD = "The contract with Acme Ltd is worth £4.5m from 1 April 2026 to 31 March 2029.\n"


def run(*args: str | Path, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["extract", "--workers", "1", *map(str, args)], input=input)


def test_a_tree_with_a_symlink_loop_an_outside_link_and_a_fifo_finishes_and_records_what_it_skipped(
        tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "report.txt").write_text(GOOD, encoding="utf-8")
    (tree / "sub" / "loop").symlink_to("..")  # a folder that contains itself
    (tree / "self.txt").symlink_to("self.txt")  # a link that resolves to itself: ELOOP
    outside = tmp_path / "secret.txt"
    outside.write_text("The grant is £9m.\n", encoding="utf-8")
    (tree / "outside.txt").symlink_to(outside)
    (tree / "nowhere.txt").symlink_to(tmp_path / "missing.txt")
    (tree / "inside.txt").symlink_to("report.txt")  # inside the tree: the same document again
    os.mkfifo(tree / "pipe.txt")  # opening it would block for ever
    out = tmp_path / "out"
    # A subprocess with a time limit: a walk that opened the FIFO would hang, not fail.
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tree), "-o", str(out), "--workers", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    data = check_dataset(out)
    assert {(s["path"], s["reason"]) for s in data.skipped} == {
        (str(tree / "sub" / "loop"), "symlink_loop"), (str(tree / "self.txt"), "symlink_loop"),
        (str(tree / "outside.txt"), "symlink_outside"), (str(tree / "nowhere.txt"), "broken_symlink"),
        (str(tree / "pipe.txt"), "special_file")}
    [record] = data.results
    assert record["paths"] == [str(tree / "inside.txt"), str(tree / "report.txt")]
    assert data.summary["dataset"]["skipped"] == 5 and data.summary["dataset"]["duplicate_paths"] == 1
    logged = [json.loads(line) for line in done.stderr.splitlines()]
    assert sorted(e["path"] for e in logged if e["event"] == "skipped") == sorted(s["path"] for s in data.skipped)


def test_output_names_never_come_from_input_names(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ["r..%2F..%2Fpasswd.txt", "$(touch pwned).txt", "new\nline.txt", "-rf.txt", "über; rm.txt"]:
        (inputs / name).write_text(GOOD + name + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(inputs, "-o", out)
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == DATASET_FILES | {"documents", "texts", STATE_DIR}
    names = sorted(p.name for p in (out / "documents").iterdir())
    assert len(names) == 5 and all(len(n) == 69 and n.endswith(".json") for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    check_dataset(out)


def test_an_output_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(GOOD, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    result = run(tmp_path / "report.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_globs_and_a_list_of_paths_on_standard_input(tmp_path: Path) -> None:
    paths = []
    for number, sample in enumerate(SAMPLE_FILES):
        path = tmp_path / "in" / f"doc-{number}{sample.suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(unique_copy(sample, number))
        paths.append(path)
    by_glob = run(str(tmp_path / "in" / "*.pdf"), str(tmp_path / "in" / "*.nothing"), "-o", tmp_path / "glob")
    assert by_glob.exit_code == 0, by_glob.output
    data = check_dataset(tmp_path / "glob")
    assert [r["paths"] for r in data.results] == [[str(paths[0])]]
    assert [(s["path"], s["reason"]) for s in data.skipped] == [(str(tmp_path / "in" / "*.nothing"), "no_match")]
    listed = "\n".join(str(p) for p in paths[1:]) + "\n"
    by_list = run("@-", "-o", tmp_path / "list", input=listed.encode())
    assert by_list.exit_code == 0, by_list.output
    assert sorted(p for r in check_dataset(tmp_path / "list").results for p in r["paths"]) == sorted(
        map(str, paths[1:]))


def test_a_document_on_standard_input_is_part_of_the_dataset(tmp_path: Path) -> None:
    result = run("-", "-o", tmp_path / "out", input=GOOD.encode())
    assert result.exit_code == 0, result.output
    [record] = check_dataset(tmp_path / "out").results
    assert record["paths"] == ["-"] and record["document"]["source"]["path"] == "-"


def test_standard_input_cannot_be_read_twice(tmp_path: Path) -> None:
    result = run("-", "@-", "-o", tmp_path / "out", input=b"x")
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_reprocess_does_everything_again_and_a_new_file_is_all_a_rerun_processes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(3):
        (inputs / f"{number}.txt").write_text(GOOD + f"Copy {number}\n", encoding="utf-8")
    out = tmp_path / "out"

    def processed(*flags: str) -> tuple[int, int]:
        result = run(inputs, "-o", out, *flags)
        assert result.exit_code == 0, result.output
        run_counts = check_dataset(out).summary["run"]
        return run_counts["processed"], run_counts["reused"]

    assert processed() == (3, 0)
    (inputs / "3.txt").write_text(GOOD + "Copy 3\n", encoding="utf-8")
    assert processed() == (1, 3)
    (inputs / "0.txt").write_text(GOOD + "Copy 0, changed\n", encoding="utf-8")
    assert processed() == (1, 3)
    assert processed("--reprocess") == (4, 0)
    assert len(check_dataset(out).results) == 4  # the old version of 0.txt has left the dataset


@pytest.mark.parametrize("flags", [["--max-memory", "10M"], ["--max-memory", "lots"], ["--workers", "0"],
                                   ["--timeout", "0"], ["--scheduler", "tcp://127.0.0.1:8786"]])
def test_bad_settings_are_usage_errors(flags: list[str], tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(GOOD, encoding="utf-8")
    result = run(tmp_path / "report.txt", "-o", tmp_path / "out", *flags)
    assert result.exit_code == 2, result.output
    assert flags[0] in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_second_run_on_the_same_folder_is_refused_while_the_first_holds_it(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(GOOD, encoding="utf-8")
    lock = tmp_path / "out" / STATE_DIR / "lock"
    lock.parent.mkdir(parents=True)
    # Another process holds the lock (lockf locks are per process, so it must be another one).
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'ab'); "
                               "fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)", str(lock)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = run(tmp_path / "report.txt", "-o", tmp_path / "out")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "another council-facts run" in result.stderr
