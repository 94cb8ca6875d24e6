"""Each document in a worker process with limits: a document that hangs, allocates without bound
or kills its worker ends as E_TIMEOUT, E_MEMORY or E_CRASH, and the others succeed.

The misbehaving documents use the test-only fault injection of pipeline/batch/faults.py.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch.faults import ENVIRONMENT_VARIABLE, fault_document
from pipeline.batch.pool import Limits, WorkerPool
from pipeline.batch.settings import Settings
from pipeline.batch.worker import Task
from pipeline.cli import cli
from tests.batch.checks import check_dataset
from tests.batch.corpus import write_faults, write_good

TIMEOUT = 3.0


def test_hang_allocate_and_crash_become_error_records_within_their_limits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "1")
    inputs = tmp_path / "in"
    good = write_good(inputs, 6)
    faults = write_faults(inputs)
    out = tmp_path / "out"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["extract", str(inputs), "-o", str(out), "--workers", "2",
                                      "--timeout", str(TIMEOUT), "--max-memory", "512MiB"])
    seconds = time.monotonic() - started
    print(f"\nfault batch: {seconds:.1f} s")
    assert result.exit_code == 3, result.output
    data = check_dataset(out)
    assert {e["paths"][0]: e["code"] for e in data.errors} == {str(p): code for p, code in faults.items()}
    assert sorted(p for r in data.results for p in r["paths"]) == sorted(map(str, good))
    messages = {e["code"]: e["message"] for e in data.errors}
    assert f"longer than {TIMEOUT:g} s" in messages["E_TIMEOUT"]
    assert "SIGKILL" in messages["E_CRASH"]
    # The crash was given a second worker before it was recorded; the hang cost one timeout.
    assert data.summary["run"]["retried_after_crash"] == 1
    assert seconds < TIMEOUT + 60


def test_without_the_variable_a_fault_document_is_plain_text(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hang.txt").write_bytes(fault_document("crash", "and the contract is worth £2m"))
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(check_dataset(tmp_path / "out").results) == 1


def _tasks(*documents: bytes) -> list[Task]:
    return [Task(hashlib.sha256(d).hexdigest(), len(d), data=d) for d in documents]


def test_workers_are_recycled_after_the_set_number_of_documents(tmp_path: Path) -> None:
    documents = [f"The grant is £{n}m.\n".encode() for n in range(1, 6)]
    with WorkerPool(1, Settings(), Limits(recycle_after=2), tmp_path) as pool:
        done = list(pool.run(_tasks(*documents)))
        assert pool.started == 3  # 2 + 2 + 1 documents
    assert [d.record["status"] for d in done] == ["ok"] * 5
    assert [d.record["document"]["facts"][0]["value"]["amount"] for d in done] == [f"{n}000000" for n in range(1, 6)]


def test_a_worker_that_cannot_start_is_a_broken_environment_not_a_failed_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.batch import pool as pool_module

    monkeypatch.setattr(pool_module.sys, "executable", "/bin/false")
    with WorkerPool(1, Settings(), Limits(), tmp_path) as pool, pytest.raises(pool_module.PoolError):
        list(pool.run(_tasks(b"text")))


def test_stdout_honours_the_timeout_and_a_crash_and_keeps_the_input_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "1")
    inputs = tmp_path / "in"
    inputs.mkdir()
    first, last = inputs / "a.txt", inputs / "d.txt"
    first.write_text("The first contract is worth £1m.\n", encoding="utf-8")
    (inputs / "b-hang.txt").write_bytes(fault_document("hang"))
    (inputs / "c-crash.txt").write_bytes(fault_document("crash"))
    last.write_text("The last contract is worth £4m.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(first), str(inputs / "b-hang.txt"), str(inputs / "c-crash.txt"),
                                      str(last), "--stdout", "--workers", "2", "--timeout", str(TIMEOUT)])
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    assert any(ln.startswith(f"{inputs / 'b-hang.txt'}: E_TIMEOUT") for ln in lines), lines
    assert any(ln.startswith(f"{inputs / 'c-crash.txt'}: E_CRASH") for ln in lines), lines
    assert "Traceback" not in result.output
    paths = [line.split('"')[3] for line in result.stdout.splitlines() if line.startswith('    "path"')]
    assert paths == [str(first), str(last)]  # the good documents, in the order they were given
