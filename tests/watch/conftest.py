"""A ModernGov site made of the bundled samples (our own writing), played on 127.0.0.1 by
pipeline/devtools/fake_moderngov.py, and `council-facts watch` run against it in process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.devtools.fake_moderngov import FakeDocument, FakeMeeting, FakeModernGov, FakeSite

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TODAY = date.today()


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def make_site(**options: Any) -> FakeSite:
    """Two committees, two meetings in the default window (three documents, one linked twice
    and one restricted), and one meeting long before it."""
    leisure = FakeDocument(101, "Leisure contract: annual review", sample("annual-leisure-contract-review.pdf"))
    extension = FakeDocument(102, "Contract extension & variation", sample("contract-extension-report.txt"),
                             link="documents")
    decision = FakeDocument(103, "Record of decision", sample("moderngov-decision.html"))
    exempt = FakeDocument(104, "Exempt appendix", b"%PDF-1.4 exempt", restricted=True)
    old = FakeDocument(105, "Old minutes", b"Minutes of a meeting held long ago.")
    return FakeSite(
        committees={1: "Cabinet", 2: "Audit & Governance Committee"},
        meetings=[
            FakeMeeting(11, 1, TODAY - timedelta(days=3), [("Leisure management", [leisure, extension]),
                                                           ("Exempt business", [exempt])]),
            FakeMeeting(12, 2, TODAY - timedelta(days=10), [("Decisions", [decision]), ("Leisure again", [leisure])]),
            FakeMeeting(13, 2, TODAY - timedelta(days=200), [("Old business", [old])]),
        ],
        **options)


@pytest.fixture
def site() -> FakeSite:
    return make_site()


@pytest.fixture
def server(site: FakeSite) -> Iterator[FakeModernGov]:
    with FakeModernGov(site) as running:
        yield running


WatchRunner = Callable[..., Result]


@pytest.fixture
def watch(tmp_path: Path) -> WatchRunner:
    """watch(url, *options) -> click's Result of one pass into tmp_path/out, polite but quick."""

    def run(*arguments: str, out: Path | None = None) -> Result:
        out = out or tmp_path / "out"
        args = ["watch", *arguments, "-o", str(out), "--contact", "tests@example.org", "--rate", "10",
                "--backoff", "0", "--retries", "1", "--workers", "1", "--log-format", "json"]
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    return run


def errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]


def summary(out: Path) -> dict[str, Any]:
    return json.loads((out / "summary.json").read_text())  # type: ignore[no-any-return]
