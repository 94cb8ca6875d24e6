"""The benchmark's machinery on a tiny input: every section written, every figure positive.

No timing is asserted here; speed is the benchmark's own business (docs/performance.md).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.devtools import bench
from pipeline.devtools.bench_report import check, load_floor, render
from pipeline.devtools.bench_results import BenchReport, CliRun, Growth, LongText, Throughput
from tests.paths import SAMPLES

SECTIONS = ("## Targets", "## End to end against pdfplumber alone", "## The command line, as users run it",
            "## Time per stage", "## Start-up and memory",
            "## Growth with length", "## F1 in the same run")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small PDFs: our sample, and a copy of it made unique by a comment at its end."""
    corpus = tmp_path_factory.mktemp("corpus")
    sample = SAMPLES / "annual-leisure-contract-review.pdf"
    shutil.copy(sample, corpus)
    (corpus / "copy.pdf").write_bytes(sample.read_bytes() + b"\n%copy\n")
    return corpus


@pytest.fixture(scope="module")
def run_once(tiny: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, dict[str, object]]:
    out = tmp_path_factory.mktemp("out")
    floor = out / "floor.json"
    # No figure is held to a target here: timing is the benchmark's business, not a unit test's.
    floor.write_text(json.dumps({"min_ratio": 0.0, "target_ratio": 1000.0, "max_startup_seconds": 1000.0,
                                 "max_peak_rss_mb": 100000.0, "max_growth_per_copy": 1000.0,
                                 "max_dense_growth_per_copy": 1000.0}), encoding="utf-8")
    status = bench.main([
        "--corpus", str(tiny), "--gold", f"samples={SAMPLES}",
        "--growth-text", str(SAMPLES / "contract-extension-report.txt"), "--growth", "1,2",
        "--growth-repeats", "1", "--dense", "50,100", "--long-text", "2", "--startup-runs", "1", "--cli-runs", "1",
        "--floor", str(floor),
        "--output", str(out / "performance.md"), "--json", str(out / "bench.json"),
    ])
    return status, (out / "performance.md").read_text(encoding="utf-8"), json.loads(
        (out / "bench.json").read_text(encoding="utf-8"))


def test_the_report_has_every_section(run_once: tuple[int, str, dict[str, object]]) -> None:
    status, markdown, _ = run_once
    assert status == 0, markdown
    for section in SECTIONS:
        assert section in markdown
    assert "2 cores" in markdown or "cores" in markdown
    assert "not yet" in markdown  # the unmet target is shown without failing the run


def test_every_figure_is_positive(run_once: tuple[int, str, dict[str, object]]) -> None:
    _, _, data = run_once
    e2e, base = data["end_to_end"], data["baseline"]
    assert isinstance(e2e, dict) and isinstance(base, dict)
    assert e2e["files"] == base["files"] == 2
    assert e2e["pages"] == base["pages"] > 0
    for part in (e2e, base):
        assert part["seconds"] > 0 and part["pages_per_second"] > 0 and part["words_per_second"] > 0
        assert part["peak_rss_mb"] > 0
    assert data["ratio"] > 0 and data["startup"] > 0 and data["largest_peak_rss_mb"] > 0
    for stage in ("read", "load", "nlp", "assemble", "validate", "link", "write"):
        assert e2e["stages"][stage] > 0, stage
    growth = data["growth"]
    assert isinstance(growth, list) and [g["factor"] for g in growth] == [1, 2]
    assert all(g["seconds"] > 0 and g["peak_rss_mb"] > 0 for g in growth)
    dense = data["dense"]
    assert isinstance(dense, list) and [g["factor"] for g in dense] == [50, 100]
    assert all(g["seconds"] > 0 and g["characters"] > 0 for g in dense) and data["dense_growth"] > 0
    cli = data["cli"]
    assert isinstance(cli, list) and [c["label"] for c in cli] == ["smallest", "all"]
    assert all(c["pages"] > 0 and len(c["seconds"]) == 1 and c["seconds"][0] > 0 for c in cli)
    assert data["cli_ratio"] > 0 and data["cli_fixed_cost"] > 0
    f1 = data["f1"]
    assert isinstance(f1, dict) and f1["samples"]["documents"] == 3 and 0 < f1["samples"]["overall"] <= 1


def test_a_ratio_below_the_floor_fails(run_once: tuple[int, str, dict[str, object]], tmp_path: Path) -> None:
    _, _, data = run_once
    report = _report_from(data)
    floor = load_floor(tmp_path / "absent.json")  # the defaults: the targets
    floor["min_ratio"] = report.ratio * 2
    failures = check(report, floor)
    assert any("pdfplumber" in f for f in failures)
    assert "**MISSED**" in render(report, floor, failures)


def _report_from(data: dict[str, object]) -> BenchReport:
    fields = dict(data)
    for derived in ("ratio", "startup", "growth_factor", "dense_growth"):
        fields.pop(derived)
    for key in ("end_to_end", "baseline"):
        part = dict(fields[key])  # type: ignore[call-overload]
        part.pop("pages_per_second")
        part.pop("words_per_second")
        fields[key] = Throughput(**part)
    fields["growth"] = [Growth(**g) for g in fields["growth"]]  # type: ignore[attr-defined]
    fields["cli"] = [CliRun(**c) for c in fields["cli"]]  # type: ignore[attr-defined]
    fields["dense"] = [Growth(**g) for g in fields["dense"]]  # type: ignore[attr-defined]
    fields["long"] = LongText(**fields["long"]) if fields["long"] else None  # type: ignore[arg-type]
    for derived in ("cli_ratio", "cli_fixed_cost", "cli_seconds_per_page"):
        fields.pop(derived)
    return BenchReport(**fields)  # type: ignore[arg-type]


def test_a_long_text_is_read_in_pieces_through_the_command_line(run_once: tuple[int, str, dict[str, object]]) -> None:
    """Two million characters: past one piece (pipeline.pieces), so the worker reads it in two."""
    _, markdown, data = run_once
    long = data["long"]
    assert isinstance(long, dict)
    assert long["characters"] == 2_000_000 and long["succeeded"] == 1 and long["error"] is None
    assert long["facts"] > 100 and long["worker_peak_rss_mb"] > 0
    assert "2,000,000 characters" in markdown


def test_text_growing_faster_than_its_lines_fails(run_once: tuple[int, str, dict[str, object]]) -> None:
    _, _, data = run_once
    report = _report_from(data)
    report.dense = [Growth(2000, 1, 1, 1.0, 1.0), Growth(8000, 4, 4, 16.0, 1.0)]  # quadratic
    assert any("fact-dense" in failure for failure in check(report, load_floor(Path("absent.json"))))
    report.dense = [Growth(2000, 1, 1, 1.0, 1.0), Growth(8000, 4, 4, 4.4, 1.0)]  # linear
    assert not any("fact-dense" in failure for failure in check(report, load_floor(Path("absent.json"))))


def test_the_command_line_below_its_floors_fails(run_once: tuple[int, str, dict[str, object]], tmp_path: Path) -> None:
    """min_cli_ratio and max_fixed_cost_seconds fail a run; left out of a floor file, they are not checked."""
    _, _, data = run_once
    report = _report_from(data)
    floor = load_floor(tmp_path / "absent.json")
    assert not any("command line" in f for f in check(report, floor))
    floor["min_cli_ratio"] = report.cli_ratio * 2
    floor["max_fixed_cost_seconds"] = report.cli_fixed_cost / 2
    failures = [f for f in check(report, floor) if f.startswith("command line")]
    assert len(failures) == 2, failures
    floor["min_cli_ratio"] = report.cli_ratio / 2
    floor["max_fixed_cost_seconds"] = report.cli_fixed_cost * 2
    assert not any(f.startswith("command line") for f in check(report, floor))
