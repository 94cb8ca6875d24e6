"""A broken or hostile site cannot hurt the user: every misbehaviour ends as an error record with
a stable code and the URL, the other documents go on, nothing is written under a name the server
chose, and a pass killed midway loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.devtools.fake_moderngov import Behaviour, FakeDocument, FakeMeeting, FakeModernGov, FakeSite
from tests.watch.conftest import TODAY, WatchRunner, errors, make_site, sample, summary

HOSTILE: list[tuple[Behaviour, str]] = [
    ("missing", "E_HTTP_STATUS"),
    ("slow", "E_FETCH_TIMEOUT"),
    ("huge", "E_DOWNLOAD_TOO_LARGE"),
    ("huge-declared", "E_DOWNLOAD_TOO_LARGE"),
    ("redirect-away", "E_REDIRECT_REFUSED"),
]


def hostile_site() -> FakeSite:
    site = make_site(slow_seconds=6.0)
    documents = [FakeDocument(200 + n, f"Hostile {behaviour}", b"%PDF-1.4 never read", behaviour=behaviour)
                 for n, (behaviour, _) in enumerate(HOSTILE)]
    documents += [FakeDocument(210, "Moved on the same host", sample("contract-extension-report.txt") + b"\nMoved.",
                               behaviour="redirect"),
                  FakeDocument(211, "Busy at first", sample("contract-extension-report.txt") + b"\nFlaky.",
                               behaviour="flaky"),
                  FakeDocument(212, "A Word file", b"PK\x03\x04 a docx")]
    site.meetings.append(FakeMeeting(20, 1, TODAY - timedelta(days=2), [("Hostile", documents)]))
    site.meetings.append(FakeMeeting(21, 1, TODAY - timedelta(days=4), [("Broken", [])], malformed=True))
    return site


def test_every_hostile_case_is_a_coded_error_with_its_url(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(hostile_site()) as server:
        result = watch(server.url, "--fetch-timeout", "2", "--max-download", "1M")
    out = tmp_path / "out"
    assert result.exit_code == 3, result.output
    found = {(e["code"], e["url"].replace(server.url, "")) for e in errors(out)}
    expected = {(code, f"mgConvert2PDF.aspx?ID={200 + n}") for n, (_, code) in enumerate(HOSTILE)}
    expected |= {("E_UNSUPPORTED", "mgConvert2PDF.aspx?ID=212"),
                 ("E_MALFORMED_RESPONSE", "mgWebService.asmx/GetMeeting?lMeetingId=21")}
    assert found == expected
    assert all(e["stage"] == "fetch" and e["id"] is None and e["message"] for e in errors(out))
    # The rest went on: the three documents of the window, the one moved on its host, the flaky one.
    assert summary(out)["dataset"]["succeeded"] == 5
    assert all(p.name.split(".")[0].isalnum() and len(p.name.split(".")[0]) == 64
               for p in (out / "downloads").iterdir()), "file names come from content hashes only"
    assert not server.requests("127.0.0.2"), "the redirect off the host was not followed"


def test_a_withdrawn_document_stays_recorded(site: FakeSite, server: FakeModernGov, watch: WatchRunner,
                                            tmp_path: Path) -> None:
    assert watch(server.url).exit_code == 0
    withdrawn = site.meetings[0].items[0][1][0]
    withdrawn.behaviour = "missing"
    # Its conditional request now answers 404: recorded, and the facts read before are kept.
    site.validators = "last-modified"
    result = watch(server.url)
    assert result.exit_code == 3
    assert [(e["code"], e["url"]) for e in errors(tmp_path / "out")] == [
        ("E_HTTP_STATUS", f"{server.url}mgConvert2PDF.aspx?ID=101")]
    assert "withdrawn" in errors(tmp_path / "out")[0]["message"]
    assert summary(tmp_path / "out")["dataset"]["succeeded"] == 3


def test_robots_txt_is_honoured(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site(robots="User-agent: *\nDisallow: /\n")) as server:
        result = watch(server.url)
        assert server.requests() == ["/robots.txt"]
    assert result.exit_code == 3
    assert {e["code"] for e in errors(tmp_path / "out")} == {"E_ROBOTS_DISALLOWED"}


def test_an_unreachable_robots_txt_disallows_and_a_missing_one_allows(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site(robots=None)) as server:
        assert watch(server.url).exit_code == 0


def test_one_request_at_a_time_per_host_at_the_rate_asked(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import cli

    with FakeModernGov(make_site()) as server:
        result = CliRunner().invoke(cli, ["watch", server.url, "-o", str(tmp_path / "out"), "--contact",
                                          "tests@example.org", "--rate", "4", "--workers", "1"])
        starts = [when for when, *_ in server.log]
    assert result.exit_code == 0, result.output
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) >= 8 and min(gaps) >= 0.24, gaps


@pytest.mark.parametrize("kill_after_downloads", [1, 3])
def test_a_pass_killed_midway_loses_nothing(tmp_path: Path, kill_after_downloads: int) -> None:
    site = make_site(delay=0.3)
    command = [sys.executable, "-m", "pipeline", "watch", "", "-o", "", "--contact", "tests@example.org",
               "--rate", "10", "--workers", "1", "--log-format", "json"]
    with FakeModernGov(site) as server:
        command[4] = server.url
        command[6] = str(tmp_path / "reference")
        assert subprocess.run(command, capture_output=True).returncode == 0
        command[6] = str(tmp_path / "killed")
        downloads = tmp_path / "killed" / "downloads"
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if downloads.is_dir() and len([p for p in downloads.iterdir() if not p.name.startswith(".")]) \
                    >= kill_after_downloads:
                break
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    for name in ("results.jsonl", "sources.parquet", "facts.parquet"):
        reference = (tmp_path / "reference" / name).read_bytes()
        if name == "sources.parquet":  # first_seen differs between the two folders; compare rows
            assert _source_keys(tmp_path / "killed") == _source_keys(tmp_path / "reference")
        elif name == "results.jsonl":
            assert _result_ids(tmp_path / "killed") == _result_ids(tmp_path / "reference")
        else:
            assert (tmp_path / "killed" / name).read_bytes() == reference
    assert not list(downloads.glob(".part-*"))


def _source_keys(out: Path) -> list[tuple[str, str, str]]:
    import pyarrow.parquet as pq

    rows = pq.read_table(out / "sources.parquet").to_pylist()
    return sorted((r["document_id"], r["url"].split("/", 3)[3], r["meeting_id"]) for r in rows)


def _result_ids(out: Path) -> list[str]:
    import json

    return sorted(json.loads(line)["id"] for line in (out / "results.jsonl").read_text().splitlines())
