"""The Dask engine: the same per-document function on a local Dask cluster gives the same facts
table, byte for byte, as the local engine. Runs whenever dask[distributed] is installed (the
`dask` extra, which CI installs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.batch.checks import check_dataset, snapshot
from tests.batch.corpus import write_bad, write_good

distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")


def test_the_dask_engine_gives_the_same_dataset_as_the_local_one(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_good(inputs, 12)
    write_bad(inputs)
    local = CliRunner().invoke(cli, ["extract", str(inputs), "-o", str(tmp_path / "local"), "--workers", "2"])
    assert local.exit_code == 3, local.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = CliRunner().invoke(cli, ["extract", str(inputs), "-o", str(tmp_path / "dask"), "--workers", "2",
                                           "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert on_dask.exit_code == 3, on_dask.output
    data = check_dataset(tmp_path / "dask")
    assert data.summary["run"]["engine"] == "dask" and data.summary["run"]["processed"] == 37
    assert (tmp_path / "dask" / "facts.parquet").read_bytes() == (tmp_path / "local" / "facts.parquet").read_bytes()
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


def test_an_unreachable_scheduler_is_fatal_and_marks_nothing_failed(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("The grant is £2m.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "report.txt"), "-o", str(tmp_path / "out"),
                                      "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1, result.output
    assert "Dask scheduler" in result.stderr
    assert not (tmp_path / "out" / "errors.jsonl").exists()
