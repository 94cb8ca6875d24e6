"""A ModernGov site played on 127.0.0.1, for the watch tests and benchmark: no test touches the
internet. It answers as real sites do (from public captures of real responses): the web service's
bare XML with lowercase elements, dd/mm/yyyy dates, counts with a leading space, whitespace-only
empty elements and titles entity-encoded twice; and the HTML pages with relative links written
with `&amp;` and literal spaces. Documents can misbehave on purpose: withdrawn (404), slow,
oversized, redirected (on the host or off it), flaky (503 then fine).

    with FakeModernGov(site) as server:
        server.url            # http://127.0.0.1:PORT/
        server.log            # every request: (monotonic time it came, path, status, request headers)
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

Behaviour = Literal["ok", "missing", "slow", "huge", "huge-declared", "redirect", "redirect-away", "flaky"]
Validators = Literal["etag", "last-modified", "none"]
LAST_MODIFIED = email.utils.formatdate(datetime(2026, 1, 5, 9, 0).timestamp(), usegmt=True)


@dataclass
class FakeDocument:
    id: int
    title: str
    body: bytes
    behaviour: Behaviour = "ok"
    link: Literal["convert", "documents"] = "convert"  # mgConvert2PDF.aspx?ID=N or documents/sN/Title.pdf
    restricted: bool = False

    def path(self) -> str:
        if self.link == "convert":
            return f"mgConvert2PDF.aspx?ID={self.id}"
        return f"documents/s{self.id}/{self.title}.pdf"


@dataclass
class FakeMeeting:
    id: int
    committee_id: int
    day: date
    items: list[tuple[str, list[FakeDocument]]] = field(default_factory=list)
    malformed: bool = False  # GetMeeting answers broken XML
    status: str = "Confirmed"


@dataclass
class FakeSite:
    committees: dict[int, str]
    meetings: list[FakeMeeting] = field(default_factory=list)
    service: bool = True  # False: mgWebService.asmx is switched off (404), only the pages answer
    validators: Validators = "etag"
    robots: str | None = "User-agent: *\nDisallow: /private/\n"  # None: no robots.txt (404)
    delay: float = 0.0  # seconds every answer takes, as a distant server would
    ignores_dates: bool = False  # GetMeetings answers with the whole history, as some sites do
    slow_seconds: float = 5.0  # how long a "slow" document trickles

    def document(self, attachment: int) -> FakeDocument | None:
        for meeting in self.meetings:
            for _, documents in meeting.items:
                for document in documents:
                    if document.id == attachment:
                        return document
        return None


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _twice(text: str) -> str:
    """Entity-encoded twice, as the service sends titles."""
    return escape(escape(text, quote=False), quote=False)


class FakeModernGov:
    def __init__(self, site: FakeSite, redirect_host: str = "127.0.0.2") -> None:
        self.site = site
        self.redirect_host = redirect_host
        self.log: list[tuple[float, str, int, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._flaky_seen: set[int] = set()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> FakeModernGov:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def requests(self, fragment: str = "") -> list[str]:
        return [path for _, path, _, _ in self.log if fragment.lower() in path.lower()]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet: the fake keeps its own log
                pass

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                arrived = time.monotonic()  # the log keeps when each request came, for rate checks
                if fake.site.delay:
                    time.sleep(fake.site.delay)
                status = fake._answer(self)
                with fake._lock:
                    fake.log.append((arrived, self.path, status, dict(self.headers)))

        return Handler

    # --- routing ---------------------------------------------------------------------------

    def _answer(self, request: BaseHTTPRequestHandler) -> int:
        parts = urlsplit(request.path)
        path = unquote(parts.path).lower()
        query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        site = self.site
        if path == "/robots.txt":
            return _send(request, 200, site.robots.encode(), "text/plain") if site.robots is not None \
                else _send(request, 404, b"not found", "text/plain")
        if path.startswith("/mgwebservice.asmx/"):
            if not site.service:
                return _send(request, 404, b"<html><body>The resource cannot be found.</body></html>", "text/html")
            return self._service(request, path.rsplit("/", 1)[1], query)
        if path == "/mglistcommittees.aspx":
            links = "".join(f'<li><a  href="mgCommitteeDetails.aspx?ID={cid}"  >{escape(title)}</a></li>\n'
                            for cid, title in site.committees.items())
            return _page(request, f"<ul class=\"mgBulletList\">{links}</ul>")
        if path == "/ielistmeetings.aspx":
            cid = int(query.get("cid", "0"))
            links = "".join(
                f'<li><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId={cid}&amp;MId={m.id}&amp;Ver=4">'
                f'{m.day.strftime("%d %b %Y")}&nbsp;6.00 pm</a> - Agenda</li>\n'
                for m in site.meetings if m.committee_id == cid)
            return _page(request, f"<ul>{links}</ul>")
        if path == "/ielistdocuments.aspx":
            meeting = self._meeting(query.get("mid"))
            return _page(request, _documents_page(meeting)) if meeting else _send(request, 404, b"", "text/html")
        if path == "/mgconvert2pdf.aspx":
            return self._document(request, site.document(int(query.get("id", "0"))))
        if path.startswith("/documents/s"):
            number = path.split("/")[2][1:]
            return self._document(request, site.document(int(number)) if number.isdigit() else None)
        if path.startswith("/moved/"):
            return self._document(request, site.document(int(path.split("/")[2])), moved=True)
        return _send(request, 404, b"not found", "text/html")

    def _meeting(self, meeting_id: str | None) -> FakeMeeting | None:
        return next((m for m in self.site.meetings if str(m.id) == meeting_id), None)

    def _service(self, request: BaseHTTPRequestHandler, operation: str, query: dict[str, str]) -> int:
        site = self.site
        if operation == "getcommittees":
            body = "".join(f"  <committee>\n    <committeeid>{cid}</committeeid>\n    <committeetitle>{_twice(t)}"
                           f"</committeetitle>\n    <committeedeleted>False</committeedeleted>\n    "
                           f"<committeeexpired>False</committeeexpired>\n  </committee>\n"
                           for cid, t in site.committees.items())
            return _xml(request, f"<committees>\n  <committeescount> {len(site.committees)}</committeescount>\n"
                                 f"{body}</committees>")
        if operation == "getmeetings":
            if "lcommitteeid" not in query:
                return _send(request, 500, b"Missing parameter: lCommitteeId.", "text/plain")
            cid = int(query["lcommitteeid"])
            meetings = [m for m in site.meetings if m.committee_id == cid or cid in (0, -1)]
            start, end = _uk_date(query.get("sfromdate")), _uk_date(query.get("stodate"))
            if start and end and not site.ignores_dates:  # real sites ignore ISO dates: the whole history
                meetings = [m for m in meetings if start <= m.day <= end]
            return _xml(request, _meetings_xml(site, meetings))
        if operation == "getmeeting":
            meeting = self._meeting(query.get("lmeetingid"))
            if meeting is None:
                return _xml(request, "<meeting>\n</meeting>")
            if meeting.malformed:
                return _send(request, 200, b"<?xml version=\"1.0\"?><meeting><agendaitems><agendaitem>",
                             "text/xml; charset=utf-8")
            return _xml(request, _meeting_xml(self, meeting))
        return _send(request, 500, b"Unknown web method.", "text/plain")

    def _document(self, request: BaseHTTPRequestHandler, document: FakeDocument | None, moved: bool = False) -> int:
        if document is None or document.behaviour == "missing":
            return _send(request, 404, b"<html><body>Document not found</body></html>", "text/html")
        if document.behaviour == "redirect" and not moved:
            return _redirect(request, f"/moved/{document.id}/{quote(document.title)}.pdf")
        if document.behaviour == "redirect-away":
            port = self._server.server_address[1]
            return _redirect(request, f"http://{self.redirect_host}:{port}/moved/{document.id}/x.pdf")
        if document.behaviour == "flaky":
            with self._lock:
                first = document.id not in self._flaky_seen
                self._flaky_seen.add(document.id)
            if first:
                return _send(request, 503, b"busy", "text/plain", {"Retry-After": "0"})
        if document.behaviour == "huge-declared":
            request.send_response(200)
            request.send_header("Content-Type", "application/pdf")
            request.send_header("Content-Length", str(10 * 2**30))
            request.end_headers()
            return 200
        if document.behaviour == "huge":
            return _stream(request, (b"%PDF-1.4\n" + b"0" * 65536 for _ in range(4096)))
        if document.behaviour == "slow":
            steps = max(1, int(self.site.slow_seconds / 0.25))
            size = -(-len(document.body) // steps)
            return _stream(request, (document.body[i * size:(i + 1) * size] for i in range(steps)), 0.25)
        headers = self._validators(document)
        if _unchanged(request, headers):
            return _send(request, 304, b"", None, headers)
        return _send(request, 200, document.body, "application/pdf" if document.body.startswith(b"%PDF") else
                     "text/html" if document.body.lstrip().startswith(b"<") else "text/plain", headers)

    def _validators(self, document: FakeDocument) -> dict[str, str]:
        if self.site.validators == "etag":
            return {"ETag": f'"{hashlib.sha256(document.body).hexdigest()[:16]}"'}
        if self.site.validators == "last-modified":
            return {"Last-Modified": LAST_MODIFIED}
        return {}


def _unchanged(request: BaseHTTPRequestHandler, headers: dict[str, str]) -> bool:
    if "ETag" in headers and request.headers.get("If-None-Match") == headers["ETag"]:
        return True
    return "Last-Modified" in headers and request.headers.get("If-Modified-Since") == headers["Last-Modified"]


def _uk_date(text: str | None) -> date | None:
    try:
        return datetime.strptime(text or "", "%d/%m/%Y").date()
    except ValueError:
        return None


def _meetings_xml(site: FakeSite, meetings: list[FakeMeeting]) -> str:
    parts = [f"<getmeetings>\n  <meetingscount> {len(meetings)}</meetingscount>\n"]
    for cid, title in site.committees.items():
        mine = [m for m in meetings if m.committee_id == cid]
        if not mine:
            continue
        rows = "".join(f"      <meeting>\n        <meetingid>{m.id}</meetingid>\n        <meetingdate>{_uk(m.day)}"
                       f"</meetingdate>\n        <meetingstatus>{m.status}</meetingstatus>\n        <meetingtime>"
                       f"10.00 am</meetingtime>\n        <iswebcast>False</iswebcast>\n      </meeting>\n"
                       for m in mine)
        parts.append(f"  <committee>\n    <committeeid>{cid}</committeeid>\n    <committeetitle>{_twice(title)}"
                     f"</committeetitle>\n    <committeemeetingcount> {len(mine)}</committeemeetingcount>\n"
                     f"    <committeemeetings>\n{rows}    </committeemeetings>\n  </committee>\n")
    return "".join(parts) + "</getmeetings>"


def _meeting_xml(server: FakeModernGov, meeting: FakeMeeting) -> str:
    committee = server.site.committees[meeting.committee_id]
    items = []
    for number, (title, documents) in enumerate(meeting.items, 1):
        docs = "".join(
            f"        <linkeddoc>\n          <attachmentid>{d.id}</attachmentid>\n          <title>{_twice(d.title)}"
            f"</title>\n          <isurl>False</isurl>\n          <url>{escape(server.url + d.path())}</url>\n"
            f"          <isrestricted>{d.restricted}</isrestricted>\n          <restrictionsRef>\n          "
            f"</restrictionsRef>\n          <publicationdate>{_uk(meeting.day)}</publicationdate>\n          "
            f"<meetingdate>{_uk(meeting.day)}</meetingdate>\n          <committeetitle>{_twice(committee)}"
            f"</committeetitle>\n        </linkeddoc>\n" for d in documents)
        items.append(f"    <agendaitem>\n      <agendaitemid>{meeting.id * 100 + number}</agendaitemid>\n"
                     f"      <agendaitemtitle>{_twice(title)}</agendaitemtitle>\n      <agendaitemnumber>{number}"
                     f"</agendaitemnumber>\n      <agendaitemsubnumber>\n      </agendaitemsubnumber>\n"
                     f"      <linkeddocuments>\n{docs}      </linkeddocuments>\n    </agendaitem>\n")
    return (f"<meeting>\n  <meetingid>{meeting.id}</meetingid>\n  <meetingdate>{_uk(meeting.day)}</meetingdate>\n"
            f"  <meetingstatus>{meeting.status}</meetingstatus>\n  <meetingroom>\n  </meetingroom>\n"
            f"  <agendaitems>\n{''.join(items)}  </agendaitems>\n</meeting>")


def _documents_page(meeting: FakeMeeting) -> str:
    rows = []
    for number, (title, documents) in enumerate(meeting.items, 1):
        links = "".join(f'<li><a  href="{d.path()}"   title="Link&#32;to&#32;file">{escape(d.title)}\n'
                        f'<span  class="mgFileSize" > PDF 119 KB</span> </a>  </li>' for d in documents
                        if not d.restricted)
        rows.append(f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{number}.</p></td><td>'
                    f'<p class="mgAiTitleTxt">{escape(title)}</p><ul class="mgBulletList">{links}</ul></td></tr>')
    return f'<table class="mgItemTable">{"".join(rows)}</table>'


def _page(request: BaseHTTPRequestHandler, body: str) -> int:
    html = f"<!DOCTYPE html><html><head><title>ModernGov</title></head><body><div id=\"modgov\">{body}</div></body>" \
           f"</html>"
    return _send(request, 200, html.encode(), "text/html; charset=utf-8")


def _xml(request: BaseHTTPRequestHandler, body: str) -> int:
    return _send(request, 200, ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode(), "text/xml; charset=utf-8")


def _send(request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
          headers: dict[str, str] | None = None) -> int:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    if status != 304:
        request.wfile.write(body)
    return status


def _redirect(request: BaseHTTPRequestHandler, location: str) -> int:
    return _send(request, 302, b"", "text/html", {"Location": location})


def _stream(request: BaseHTTPRequestHandler, chunks: Any, pause: float = 0.0) -> int:
    """A body with no length, sent as it is made (and as slowly as asked)."""
    request.send_response(200)
    request.send_header("Content-Type", "application/pdf")
    request.send_header("Connection", "close")
    request.end_headers()
    try:
        for chunk in chunks:
            request.wfile.write(chunk)
            request.wfile.flush()
            if pause:
                time.sleep(pause)
    except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
        pass
    request.close_connection = True
    return 200
