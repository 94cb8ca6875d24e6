"""What a ModernGov site says, read from its web service XML or, where the service is switched
off, from its HTML pages. Pure functions: bytes and the URL they came from in, records out.

The web service (`mgWebService.asmx`, plain GET, bare XML with lowercase elements):
    GetCommittees                                  <committees><committee><committeeid>, <committeetitle>
    GetMeetings?lCommitteeId=N&sFromDate=dd/mm/yyyy&sToDate=dd/mm/yyyy
                                                   <getmeetings><committee>...<committeemeetings><meeting>
    GetMeeting?lMeetingId=N                        <meeting><agendaitems><agendaitem><linkeddocuments><linkeddoc>
Dates are dd/mm/yyyy; sites given ISO dates ignore the range and answer with their whole history,
so the caller filters meetings by date as well. Titles arrive entity-encoded twice (`&amp;amp;`).

The HTML pages: mgListCommittees.aspx (links to mgCommitteeDetails.aspx?ID=N), ieListMeetings.aspx
?CId=N&Year=0 (links to ieListDocuments.aspx?CId=N&MId=M, text "26 May 2026 6.00 pm"), and
ieListDocuments.aspx (item titles in p.mgAiTitleTxt, documents under documents/… or
mgConvert2PDF.aspx?ID=N). Hrefs are relative, carry `&amp;`, literal spaces and even line breaks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring


class MalformedResponse(Exception):
    """A response that is not what a ModernGov site sends; the message says how."""


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    deleted: bool = False


@dataclass(frozen=True)
class Meeting:
    id: str
    committee: str | None
    committee_id: str | None
    date: date | None
    status: str | None = None


@dataclass(frozen=True)
class LinkedDocument:
    url: str
    title: str | None
    attachment_id: str | None
    agenda_item: str | None
    published: date | None = None
    restricted: bool = False


# --- URLs ---------------------------------------------------------------------------------------

def site_root(url: str) -> str:
    """The folder holding the site's mg*.aspx pages, with a trailing slash: a user may give the
    root, a page of it, or the web service's own URL.

    >>> site_root("https://democracy.kent.gov.uk/ieListMeetings.aspx?CId=144")
    'https://democracy.kent.gov.uk/'
    >>> site_root("http://modgov.sefton.gov.uk/moderngov")
    'http://modgov.sefton.gov.uk/moderngov/'
    """
    parts = urlsplit(url.strip())
    path = parts.path
    last = path.rsplit("/", 1)[-1]
    if "." in last:  # a page: keep its folder
        path = path[: len(path) - len(last)]
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def uk_date(day: date) -> str:
    """The service's date form.

    >>> uk_date(date(2026, 3, 4))
    '04/03/2026'
    """
    return day.strftime("%d/%m/%Y")


def service_url(root: str, operation: str, **params: str) -> str:
    query = "&".join(f"{k}={quote(v, safe='/')}" for k, v in params.items())
    return urljoin(root, f"mgWebService.asmx/{operation}") + (f"?{query}" if query else "")


def meetings_page_url(root: str, committee_id: str) -> str:
    return urljoin(root, "ieListMeetings.aspx?" + urlencode({"CId": committee_id, "Year": "0"}))


def documents_page_url(root: str, committee_id: str, meeting_id: str) -> str:
    return urljoin(root, "ieListDocuments.aspx?" + urlencode({"CId": committee_id, "MId": meeting_id, "Ver": "4"}))


def committees_page_url(root: str) -> str:
    return urljoin(root, "mgListCommittees.aspx?bcr=1")


def clean_href(href: str, base: str) -> str:
    """An absolute URL from an href as ModernGov writes it (entities, spaces, line breaks).

    >>> clean_href("documents/s7942/polc2 - 23.09.2015.pdf", "https://x.gov.uk/ieListDocuments.aspx?CId=1")
    'https://x.gov.uk/documents/s7942/polc2%20-%2023.09.2015.pdf'
    """
    href = re.sub(r"[\x00-\x1f\x7f]", "", html.unescape(href)).strip()
    return quote(urljoin(base, href), safe=":/?&=%#+;,@!$'()*~")


def attachment_id(url: str) -> str | None:
    """The id ModernGov gives a document, from its URL (mgConvert2PDF.aspx?ID=N, documents/sN/…).

    >>> attachment_id("https://x.gov.uk/mgConvert2PDF.aspx?ID=60860")
    '60860'
    >>> attachment_id("https://x.gov.uk/documents/s90579/Minutes.pdf")
    's90579'
    """
    parts = urlsplit(url)
    query = {k.lower(): v for k, v in parse_qs(parts.query).items()}
    if parts.path.lower().endswith("mgconvert2pdf.aspx") and query.get("id"):
        return query["id"][0]
    match = re.search(r"/documents/([gs]\d+)/", parts.path, re.I)
    if match:
        tail = query.get("t")
        return match[1].lower() + (f"-t{tail[0]}" if tail and match[1].lower().startswith("g") else "")
    return None


# --- the web service ------------------------------------------------------------------------------

def _root(data: bytes, url: str, expected: str) -> Element:
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise MalformedResponse(f"not well-formed XML ({' '.join(str(exc).split())})") from None
    except ValueError as exc:  # defusedxml refuses what it cannot parse safely
        raise MalformedResponse(f"XML refused ({exc})") from None
    if root.tag.lower() != expected:
        raise MalformedResponse(f"expected a <{expected}> document, got <{root.tag}>")
    return root


def _text(element: Element | None, name: str) -> str | None:
    """A child's text, stripped and decoded again (titles come entity-encoded twice)."""
    if element is None:
        return None
    child = element.find(name)
    if child is None or child.text is None:
        return None
    text = html.unescape(child.text).strip()
    return " ".join(text.split()) or None


def parse_date(text: str | None) -> date | None:
    """A date as ModernGov writes it: 13/01/2026 in XML, "26 May 2026 6.00 pm" in pages.

    >>> parse_date("13/01/2026")
    datetime.date(2026, 1, 13)
    >>> parse_date("26 May 2026\\xa06.00 pm")
    datetime.date(2026, 5, 26)
    >>> parse_date("Wednesday, 4th February, 2026 6.30 pm")
    datetime.date(2026, 2, 4)
    >>> parse_date("soon") is None
    True
    """
    if not text:
        return None
    text = " ".join(text.replace("&#47;", "/").split())
    match = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?,?\s+([A-Za-z]{3,9}),?\s+(\d{4})\b", text)
    if match:
        for form in ("%d %b %Y", "%d %B %Y"):
            try:
                return datetime.strptime(f"{match[1]} {match[2]} {match[3]}", form).date()
            except ValueError:
                continue
    return None


def parse_committees(data: bytes, url: str) -> list[Committee]:
    root = _root(data, url, "committees")
    committees = []
    for element in root.iter("committee"):
        cid, title = _text(element, "committeeid"), _text(element, "committeetitle")
        if cid:
            committees.append(Committee(cid, title or cid, (_text(element, "committeedeleted") or "") == "True"))
    return committees


def parse_meetings(data: bytes, url: str) -> list[Meeting]:
    """GetMeetings (meetings nested per committee) or GetAllMeetingsByDate (a flat list)."""
    root = _root(data, url, root_name(data))
    meetings = []
    for committee in [root, *root.iter("committee")]:
        for element in committee.findall("./committeemeetings/meeting") + committee.findall("./meetings/meeting"):
            meeting_id = _text(element, "meetingid")
            if not meeting_id:
                continue
            meetings.append(Meeting(
                id=meeting_id,
                committee=_text(element, "committeetitle") or _text(committee, "committeetitle"),
                committee_id=_text(element, "committeeid") or _text(committee, "committeeid"),
                date=parse_date(_text(element, "meetingdate")),
                status=_text(element, "meetingstatus")))
    return meetings


def root_name(data: bytes) -> str:
    """The root element a meetings answer should have: getmeetings, or getmeetingsbydate."""
    return "getmeetingsbydate" if b"<getmeetingsbydate" in data[:4096] else "getmeetings"


def parse_meeting(data: bytes, url: str) -> tuple[Meeting, list[LinkedDocument]]:
    """GetMeeting: the meeting and its documents, each once (the same link can sit under
    several agenda items: the first keeps it)."""
    root = _root(data, url, "meeting")
    meeting = Meeting(id=_text(root, "meetingid") or "", committee=_text(root, "committeetitle"),
                      committee_id=_text(root, "committeeid"), date=parse_date(_text(root, "meetingdate")),
                      status=_text(root, "meetingstatus"))
    documents: dict[str, LinkedDocument] = {}
    for item in root.iter("agendaitem"):
        item_title = _text(item, "agendaitemtitle")
        for doc in item.iter("linkeddoc"):
            href = _text(doc, "url")
            if not href or href in documents:
                continue
            committee = _text(doc, "committeetitle")
            if committee and not meeting.committee:
                meeting = Meeting(meeting.id, committee, meeting.committee_id, meeting.date, meeting.status)
            documents[href] = LinkedDocument(
                url=clean_href(href, url), title=_text(doc, "title"),
                attachment_id=_text(doc, "attachmentid") or attachment_id(href), agenda_item=item_title,
                published=parse_date(_text(doc, "publicationdate")),
                restricted=(_text(doc, "isrestricted") or "") == "True")
    return meeting, list(documents.values())


# --- the HTML pages -------------------------------------------------------------------------------

class _Links(HTMLParser):
    """Every link of a page with its text, and the agenda item title it sits under."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str | None]] = []  # href, text, agenda item
        self._href: str | None = None
        self._text: list[str] = []
        self._item: str | None = None
        self._in_item_title = 0
        self._item_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self._href, self._text = values["href"], []
        if tag == "p" and "mgAiTitleTxt" in (values.get("class") or ""):
            self._in_item_title, self._item_text = 1, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split()), self._item))
            self._href = None
        if tag == "p" and self._in_item_title:
            self._in_item_title = 0
            title = " ".join("".join(self._item_text).split())
            if title and not re.fullmatch(r"[\d.()a-z]{1,6}", title):  # the number cell repeats the class
                self._item = title

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self._in_item_title and self._href is None:
            self._item_text.append(data)


def _links(data: bytes) -> list[tuple[str, str, str | None]]:
    parser = _Links()
    try:
        parser.feed(data.decode("utf-8", "replace"))
        parser.close()
    except AssertionError as exc:  # html.parser's own complaint about hopeless markup
        raise MalformedResponse(f"unreadable HTML ({exc})") from None
    return parser.links


def _query(href: str) -> dict[str, str]:
    return {k.lower(): v[0] for k, v in parse_qs(urlsplit(html.unescape(href)).query).items()}


def parse_committees_page(data: bytes, url: str) -> list[Committee]:
    committees: dict[str, Committee] = {}
    for href, text, _ in _links(data):
        if "mgcommitteedetails.aspx" in href.lower() and (cid := _query(href).get("id")):
            committees.setdefault(cid, Committee(cid, text or cid))
    if not committees and b"<html" not in data[:2048].lower():
        raise MalformedResponse("not an HTML page")
    return list(committees.values())


def parse_meetings_page(data: bytes, url: str, committee: Committee) -> list[Meeting]:
    meetings: dict[str, Meeting] = {}
    for href, text, _ in _links(data):
        query = _query(href)
        if "ielistdocuments.aspx" in href.lower() and (mid := query.get("mid")):
            status = "Cancelled" if "cancelled" in text.lower() else None
            meetings.setdefault(mid, Meeting(mid, committee.title, query.get("cid", committee.id), parse_date(text),
                                             status))
    if not meetings and b"<html" not in data[:2048].lower():
        raise MalformedResponse("not an HTML page")
    return list(meetings.values())


_FILE_SIZE = re.compile(r"\s*(?:PDF|DOC|DOCX|XLS|XLSX|RTF)\s+[\d.,]+\s*[KMG]B\s*$", re.I)


def parse_documents_page(data: bytes, url: str) -> list[LinkedDocument]:
    documents: dict[str, LinkedDocument] = {}
    for href, text, item in _links(data):
        lower = href.lower()
        if "/documents/" not in "/" + lower.lstrip("./") and "mgconvert2pdf.aspx" not in lower:
            continue
        absolute = clean_href(href, url)
        title = _FILE_SIZE.sub("", text).strip() or None
        documents.setdefault(absolute, LinkedDocument(absolute, title, attachment_id(absolute), item))
    if not documents and b"<html" not in data[:2048].lower():
        raise MalformedResponse("not an HTML page")
    return list(documents.values())
