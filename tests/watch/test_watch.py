"""`council-facts watch` end to end against a ModernGov site played on 127.0.0.1: what a first
pass fetches, that later passes fetch nothing twice, that a new meeting brings exactly its
documents, and that the site's pages stand in for a switched-off web service."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from pipeline.batch.query import query
from pipeline.devtools.fake_moderngov import FakeDocument, FakeMeeting, FakeModernGov, FakeSite
from tests.watch.conftest import TODAY, WatchRunner, errors, make_site, sample, summary

DOCUMENT_PATHS = ("mgconvert2pdf", "/documents/")


def document_requests(server: FakeModernGov, since: int = 0) -> list[tuple[str, int]]:
    return [(path, status) for _, path, status, _ in server.log[since:]
            if any(part in path.lower() for part in DOCUMENT_PATHS)]


def test_a_first_pass_downloads_and_extracts_every_document_of_the_window(
        server: FakeModernGov, watch: WatchRunner, tmp_path: Path) -> None:
    result = watch(server.url)
    out = tmp_path / "out"
    assert result.exit_code == 0, result.output
    downloads = sorted(p.name for p in (out / "downloads").iterdir())
    assert sorted(name.split(".")[1] for name in downloads) == ["html", "pdf", "txt"]
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {r["id"] for r in results} == {name.split(".")[0] for name in downloads}
    assert not server.requests("ID=104"), "a restricted document is not fetched"
    assert not server.requests("ID=105") and not server.requests("lMeetingId=13"), "outside the window"
    counts = summary(out)["watch"]
    assert (counts["meetings"], counts["new_documents"], counts["restricted"]) == (2, 3, 1)
    assert summary(out)["run"]["processed"] == 3
    assert "tests@example.org" in server.log[0][3]["User-Agent"]


def test_sources_say_where_each_document_came_from_and_join_in_query(
        server: FakeModernGov, watch: WatchRunner, tmp_path: Path) -> None:
    assert watch(server.url).exit_code == 0
    columns, rows = query(tmp_path / "out", "SELECT s.committee, s.meeting_id, s.meeting_date, s.agenda_item, "
                                            "s.title, d.format FROM sources s JOIN documents d USING (document_id) "
                                            "ORDER BY s.title")
    assert rows == [
        ("Cabinet", "11", TODAY - timedelta(days=3), "Leisure management", "Contract extension & variation", "text"),
        # linked from both meetings: the earlier one is where it first appeared
        ("Audit & Governance Committee", "12", TODAY - timedelta(days=10), "Leisure again",
         "Leisure contract: annual review", "pdf"),
        ("Audit & Governance Committee", "12", TODAY - timedelta(days=10), "Decisions", "Record of decision", "html"),
    ]
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    sources = next(r for r in package["resources"] if r["name"] == "sources")
    assert sources["schema"]["primaryKey"] == ["document_id", "url"]


def test_a_second_pass_downloads_no_body_again_and_processes_nothing(
        server: FakeModernGov, watch: WatchRunner, tmp_path: Path) -> None:
    assert watch(server.url).exit_code == 0
    first = (tmp_path / "out" / "results.jsonl").read_bytes()
    mark = len(server.log)
    result = watch(server.url)
    assert result.exit_code == 0, result.output
    assert {status for _, status in document_requests(server, mark)} == {304}
    assert summary(tmp_path / "out")["run"]["processed"] == 0
    assert summary(tmp_path / "out")["watch"]["not_modified"] == 3
    assert (tmp_path / "out" / "results.jsonl").read_bytes() == first


def test_a_new_meeting_brings_exactly_its_documents(site: FakeSite, server: FakeModernGov, watch: WatchRunner,
                                                     tmp_path: Path) -> None:
    assert watch(server.url).exit_code == 0
    report = sample("contract-extension-report.txt") + b"\nAddendum: the Executive agreed this on appeal.\n"
    site.meetings.append(FakeMeeting(14, 1, TODAY - timedelta(days=1), [("New contract", [
        FakeDocument(106, "New report", report)])]))
    mark = len(server.log)
    result = watch(server.url)
    assert result.exit_code == 0, result.output
    fetched = [path for path, status in document_requests(server, mark) if status == 200]
    assert fetched == ["/mgConvert2PDF.aspx?ID=106"]
    assert summary(tmp_path / "out")["run"]["processed"] == 1
    assert summary(tmp_path / "out")["dataset"]["documents"] == 4


def test_papers_added_to_a_known_meeting_are_picked_up(site: FakeSite, server: FakeModernGov, watch: WatchRunner,
                                                       tmp_path: Path) -> None:
    assert watch(server.url).exit_code == 0
    site.meetings[0].items.append(("Minutes", [FakeDocument(107, "Minutes", b"Minutes: the Cabinet agreed.")]))
    assert watch(server.url).exit_code == 0
    assert summary(tmp_path / "out")["run"]["processed"] == 1


def test_with_no_validators_a_known_attachment_is_not_asked_for_again(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site(validators="none")) as server:
        assert watch(server.url).exit_code == 0
        mark = len(server.log)
        assert watch(server.url).exit_code == 0
        assert document_requests(server, mark) == []
    assert summary(tmp_path / "out")["watch"]["unchanged"] == 3


def test_last_modified_alone_gives_conditional_requests(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site(validators="last-modified")) as server:
        assert watch(server.url).exit_code == 0
        mark = len(server.log)
        assert watch(server.url).exit_code == 0
        assert {status for _, status in document_requests(server, mark)} == {304}
        assert all("If-Modified-Since" in headers for _, path, _, headers in server.log[mark:]
                   if "mgConvert2PDF" in path)


def test_the_pages_stand_in_for_a_switched_off_web_service(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site()) as server:
        assert watch(server.url, out=tmp_path / "service").exit_code == 0
    with FakeModernGov(make_site(service=False)) as server:
        result = watch(server.url, out=tmp_path / "pages")
        assert not server.requests("lMeetingId=13"), "outside the window"
    by_service = sorted(p.name for p in (tmp_path / "service" / "downloads").iterdir())
    by_pages = sorted(p.name for p in (tmp_path / "pages" / "downloads").iterdir())
    assert by_pages == by_service
    assert summary(tmp_path / "pages")["watch"]["sites_by_pages"] == 1
    # The switched-off service is recorded (a listing failure of this pass), the documents are not.
    assert [e["code"] for e in errors(tmp_path / "pages")] == ["E_HTTP_STATUS"]
    assert result.exit_code == 3


def test_meetings_are_filtered_by_date_when_the_site_ignores_the_range(watch: WatchRunner, tmp_path: Path) -> None:
    with FakeModernGov(make_site(ignores_dates=True)) as server:
        assert watch(server.url).exit_code == 0
        assert not server.requests("lMeetingId=13")


def test_only_the_committees_asked_for(server: FakeModernGov, watch: WatchRunner, tmp_path: Path) -> None:
    assert watch(server.url, "--committee", "cabinet").exit_code == 0
    assert not server.requests("lMeetingId=12")
    assert summary(tmp_path / "out")["watch"]["new_documents"] == 2


def test_sites_from_a_file(server: FakeModernGov, watch: WatchRunner, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nurl = "{server.url}"\nname = "Westmarsh"\ncommittees = ["Audit & Governance '
                     f'Committee"]\n')
    assert watch("--sites", str(sites)).exit_code == 0
    _, rows = query(tmp_path / "out", "SELECT DISTINCT site, committee FROM sources")
    assert rows == [("Westmarsh", "Audit & Governance Committee")]


def test_a_document_with_no_date_of_its_own_takes_its_meetings(site: FakeSite, server: FakeModernGov,
                                                               watch: WatchRunner, tmp_path: Path) -> None:
    day = TODAY - timedelta(days=5)
    notes = FakeDocument(108, "Notes", "The grant is £5m.".encode())
    site.meetings.append(FakeMeeting(15, 1, day, [("Notes", [notes])]))
    assert watch(server.url).exit_code == 0
    _, rows = query(tmp_path / "out", "SELECT d.reference_date, d.reference_date_origin FROM documents d "
                                      "JOIN sources s USING (document_id) WHERE s.meeting_id = '15'")
    assert rows == [(day, "meeting")]


def test_usage_errors(watch: WatchRunner, tmp_path: Path) -> None:
    assert watch("ftp://example.org/").exit_code == 2
    assert watch().exit_code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[[site]]\nname = 1\n")
    result = watch("--sites", str(bad))
    assert result.exit_code == 2 and "bad.toml" in result.output
    from click.testing import CliRunner

    from pipeline.cli import cli

    no_contact = CliRunner(env={"COUNCIL_FACTS_CONTACT": ""}).invoke(
        cli, ["watch", "https://example.org/", "-o", str(tmp_path / "x")])
    assert no_contact.exit_code == 2 and "--contact" in no_contact.output
    assert not (tmp_path / "x").exists()
