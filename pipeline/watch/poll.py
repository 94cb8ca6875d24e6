"""One pass over the watched sites: find the meetings in each site's window, and download every
linked document whose content is new. Sites are polled concurrently (up to a bound); each host
still sees one request at a time at its rate (fetch.py).

A site is read through its web service; where that is switched off or answers nonsense, through
its HTML pages. What each step finds goes into the watch state at once, so a killed pass loses
nothing: a document's file is in place before its URL is recorded, and a file with no ledger
record is extracted by the next pass.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders.sniff import sniff_format
from pipeline.watch import moderngov
from pipeline.watch.fetch import Fetched, Fetcher, FetchError, FetchSettings, Validators
from pipeline.watch.moderngov import Committee, LinkedDocument, MalformedResponse, Meeting
from pipeline.watch.sites import Site
from pipeline.watch.state import KnownUrl, Source, WatchState

T = TypeVar("T")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "text": ".txt"}
SNIFF_BYTES = 2**20


@dataclass(frozen=True)
class Arrival:
    """A document whose content the dataset has not had: extract it."""

    sha256: str
    path: Path
    meeting_date: str | None  # its reference date when its text shows none


@dataclass(frozen=True)
class Failure:
    url: str
    site: str
    code: ErrorCode
    message: str


@dataclass
class PassCounts:
    sites: int = 0
    sites_failed: int = 0  # no meeting list could be read, by the service or the pages
    sites_by_pages: int = 0  # read through the HTML pages
    meetings: int = 0
    meetings_new: int = 0
    documents_linked: int = 0
    downloaded: int = 0  # bodies received
    new_documents: int = 0  # bodies the dataset did not have
    not_modified: int = 0  # answered 304
    unchanged: int = 0  # no validators: known by URL or attachment id, not asked again
    restricted: int = 0
    fetch_errors: int = 0
    requests: int = 0


class SitePoller:
    def __init__(self, site: Site, span: tuple[date, date], fetcher: Fetcher, state: WatchState, downloads: Path,
                 now: str, counts: PassCounts, deliver: Callable[[Arrival], None],
                 report: Callable[[Failure], None]) -> None:
        self.site, self.span, self.fetcher, self.state = site, span, fetcher, state
        self.downloads, self.now, self.counts, self.deliver, self.report = downloads, now, counts, deliver, report
        self._handled: set[str] = set()
        self.by_pages = False

    async def poll(self) -> None:
        self.state.clear_listing_failures(self.site.name)
        meetings = await self._meetings()
        if meetings is None:
            self.counts.sites_failed += 1
            return
        for meeting in sorted(meetings, key=lambda m: (m.date or date.min, m.id)):
            documents = await self._documents(meeting)
            if documents is None:
                continue
            self.counts.meetings += 1
            self.counts.meetings_new += not self.state.meeting_known(self.site.name, meeting.id)
            self.state.record_meeting(self.site.name, meeting.id, meeting.committee, _iso(meeting.date), self.now)
            for document in documents:
                self.counts.documents_linked += 1
                if document.restricted:
                    self.counts.restricted += 1
                    continue
                await self._document(document, meeting)
        self.state.record_pass(self.site.name, self.now)

    # --- meetings ------------------------------------------------------------------------

    def _wanted(self, meeting: Meeting) -> bool:
        start, end = self.span
        # Sites given dates they dislike answer with their whole history: filter here as well.
        return (meeting.date is not None and start <= meeting.date <= end
                and not (meeting.status or "").lower().startswith("cancelled")
                and self.site.follows(meeting.committee))

    async def _meetings(self) -> list[Meeting] | None:
        self.by_pages = False
        committees = await self._listing(moderngov.service_url(self.site.root, "GetCommittees"),
                                         moderngov.parse_committees)
        if committees is not None:
            return await self._service_meetings(committees)
        self.by_pages = True
        self.counts.sites_by_pages += 1
        committees = await self._listing(moderngov.committees_page_url(self.site.root),
                                         moderngov.parse_committees_page)
        if committees is None:
            return None
        meetings: list[Meeting] = []
        for committee in self._followed(committees):
            url = moderngov.meetings_page_url(self.site.root, committee.id)
            found = await self._listing(url, functools.partial(_meetings_page, committee=committee))
            meetings += [m for m in found or [] if self._wanted(m)]
        return meetings

    def _followed(self, committees: list[Committee]) -> list[Committee]:
        return [c for c in committees if not c.deleted and self.site.follows(c.title)]

    async def _service_meetings(self, committees: list[Committee]) -> list[Meeting]:
        start, end = self.span
        meetings: list[Meeting] = []
        for committee in self._followed(committees):
            url = moderngov.service_url(self.site.root, "GetMeetings", lCommitteeId=committee.id,
                                        sFromDate=moderngov.uk_date(start), sToDate=moderngov.uk_date(end))
            found = await self._listing(url, moderngov.parse_meetings)
            for meeting in found or []:
                if meeting.committee is None:
                    meeting = Meeting(meeting.id, committee.title, committee.id, meeting.date, meeting.status)
                if self._wanted(meeting):
                    meetings.append(meeting)
        return meetings

    async def _documents(self, meeting: Meeting) -> list[LinkedDocument] | None:
        if not self.by_pages:
            url = moderngov.service_url(self.site.root, "GetMeeting", lMeetingId=meeting.id)
            answer = await self._listing(url, moderngov.parse_meeting)
            return answer[1] if answer is not None else None
        url = moderngov.documents_page_url(self.site.root, meeting.committee_id or "", meeting.id)
        return await self._listing(url, moderngov.parse_documents_page)

    async def _listing(self, url: str, parse: Callable[[bytes, str], T]) -> T | None:
        """A page of the site read and parsed, or None with its failure recorded."""
        try:
            fetched = await self.fetcher.get(url)
            return parse(fetched.body, url)
        except FetchError as error:
            self._fail(error.url, "listing", error.code, error.message)
        except MalformedResponse as error:
            self._fail(url, "listing", ErrorCode.MALFORMED_RESPONSE, str(error))
        return None

    def _fail(self, url: str, kind: str, code: ErrorCode, message: str) -> None:
        self.counts.fetch_errors += 1
        self.state.record_failure(url, self.site.name, kind, code.value, message, self.now)
        self.report(Failure(url, self.site.name, code, message))

    # --- documents -----------------------------------------------------------------------

    async def _document(self, document: LinkedDocument, meeting: Meeting) -> None:
        source = Source(url=document.url, site=self.site.name, committee=meeting.committee, meeting_id=meeting.id,
                        meeting_date=_iso(meeting.date), agenda_item=document.agenda_item, title=document.title,
                        published=_iso(document.published))
        known = self.state.known_url(document.url)
        if document.url in self._handled:  # linked again (another item or meeting): one request a pass
            if known is not None:
                self._seen(known, source, document)
            return
        self._handled.add(document.url)
        if known is None and document.attachment_id:
            # The same attachment under another URL (http and https, a second link form).
            known = self.state.known_attachment(self.site.name, document.attachment_id)
            if known is not None and self._have(known):
                self._seen(known, source, document)
                return
            known = None
        validators = None
        if known is not None and known.sha256 and self._have(known):
            if not (known.etag or known.last_modified):
                # No validators to ask with: the attachment id and the content hash stand for it.
                self.counts.unchanged += 1
                self._seen(known, source, document)
                return
            validators = Validators(known.etag, known.last_modified)
        try:
            fetched = await self.fetcher.get(document.url, validators=validators, to_folder=self.downloads)
        except FetchError as error:
            self._fail(document.url, "document", error.code, error.message)
            return
        if fetched.not_modified and known is not None:
            self.counts.not_modified += 1
            self._seen(known, source, document)
            return
        self._store(fetched, document, source)

    def _have(self, known: KnownUrl) -> bool:
        """A known body is still at hand (its file kept, or it was never a document)."""
        return known.file is None or (self.downloads / known.file).is_file()

    def _seen(self, known: KnownUrl, source: Source, document: LinkedDocument) -> None:
        if known.sha256 is None:
            return
        if known.url != document.url:
            self.state.record_url(document.url, self.site.name, document.attachment_id, known.etag,
                                  known.last_modified, known.sha256, known.file, None, self.now)
        if known.file is not None:
            self.state.record_source(known.sha256, source, self.now)

    def _store(self, fetched: Fetched, document: LinkedDocument, source: Source) -> None:
        assert fetched.path is not None and fetched.sha256 is not None
        self.counts.downloaded += 1
        with open(fetched.path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
        try:
            suffix = SUFFIXES[sniff_format(head)]
        except ExtractionError as error:
            fetched.path.unlink(missing_ok=True)
            self._remember(fetched, document, None)
            self._fail(document.url, "document", error.code, f"downloaded, but {error.message}")
            return
        name = fetched.sha256 + suffix
        target = self.downloads / name
        new = not target.exists()
        if new:
            os.replace(fetched.path, target)  # the file first, then the state that points at it
        else:
            fetched.path.unlink(missing_ok=True)
        self._remember(fetched, document, name)
        self.state.record_source(fetched.sha256, source, self.now)
        self.state.clear_failure(document.url)
        if new:
            self.counts.new_documents += 1
            self.deliver(Arrival(fetched.sha256, target, source.meeting_date))

    def _remember(self, fetched: Fetched, document: LinkedDocument, name: str | None) -> None:
        self.state.record_url(document.url, self.site.name, document.attachment_id, fetched.validators.etag,
                              fetched.validators.last_modified, fetched.sha256, name, fetched.content_type, self.now)


async def poll_sites(sites: list[Site], spans: dict[str, tuple[date, date]], settings: FetchSettings,
                     state: WatchState, downloads: Path, now: str, concurrency: int,
                     deliver: Callable[[Arrival], None], report: Callable[[Failure], None],
                     transport: object = None) -> PassCounts:
    counts = PassCounts(sites=len(sites))
    fetcher = Fetcher(settings, {s.host for s in sites}, transport)  # type: ignore[arg-type]
    bound = asyncio.Semaphore(max(1, concurrency))

    async def one(site: Site) -> None:
        async with bound:
            poller = SitePoller(site, spans[site.name], fetcher, state, downloads, now, counts, deliver, report)
            try:
                await poller.poll()
            except Exception as exc:  # a bug met on one site must not stop the others
                counts.sites_failed += 1
                poller._fail(site.root, "listing", ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}")

    try:
        await asyncio.gather(*(one(site) for site in sites))
    finally:
        counts.requests = fetcher.requests
        await fetcher.close()
    return counts


def _meetings_page(data: bytes, url: str, committee: Committee) -> list[Meeting]:
    return moderngov.parse_meetings_page(data, url, committee)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
