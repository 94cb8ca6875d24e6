"""Reading what ModernGov sites send: table-driven from the shapes real sites answer with (bare
XML, lowercase elements, dd/mm/yyyy, counts with a leading space, whitespace-only empty elements,
titles entity-encoded twice; relative hrefs with &amp;, spaces and line breaks)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.watch import moderngov
from pipeline.watch.moderngov import Committee, MalformedResponse

URL = "https://democracy.example.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=4967"

COMMITTEES = b"""<?xml version="1.0" encoding="utf-8"?>
<committees>
  <committeescount> 2</committeescount>
  <committee>
    <committeeid>312</committeeid>
    <committeetitle>Appointment Sub Committee for Director of Adult Social Services</committeetitle>
    <committeedeleted>False</committeedeleted>
    <committeeexpired>True</committeeexpired>
  </committee>
  <committee>
    <committeeid>144</committeeid>
    <committeetitle>Audit &amp;amp; Governance Committee</committeetitle>
    <committeedeleted>True</committeedeleted>
  </committee>
</committees>"""

MEETINGS_NESTED = b"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings>
  <meetingscount> 2</meetingscount>
  <committee>
    <committeeid>144</committeeid>
    <committeetitle>Audit Committee</committeetitle>
    <committeemeetings>
      <meeting>
        <meetingid>4966</meetingid>
        <meetingdate>13/01/2026</meetingdate>
        <meetingstatus>Cancelled</meetingstatus>
      </meeting>
      <meeting>
        <meetingid>4967</meetingid>
        <meetingdate>10/02/2026</meetingdate>
        <meetingstatus>Confirmed</meetingstatus>
      </meeting>
    </committeemeetings>
  </committee>
</getmeetings>"""

MEETINGS_FLAT = b"""<getmeetingsbydate>
  <meetingscount>1</meetingscount>
  <meetings>
    <meeting>
      <meetingid>17355</meetingid>
      <meetingdate>04/03/2026</meetingdate>
      <meetingstatus>Confirmed; Budget Council</meetingstatus>
      <committeeid>142</committeeid>
    </meeting>
  </meetings>
</getmeetingsbydate>"""

MEETING = b"""<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>4967</meetingid>
  <meetingdate>10/02/2026</meetingdate>
  <meetingroom>
  </meetingroom>
  <agendaitems>
    <agendaitem>
      <agendaitemid>18831</agendaitemid>
      <agendaitemtitle>Minutes</agendaitemtitle>
      <linkeddocuments>
        <linkeddoc>
          <attachmentid>60860</attachmentid>
          <title>6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025</title>
          <url>https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=60860</url>
          <isrestricted>False</isrestricted>
          <publicationdate>02/02/2026</publicationdate>
          <committeetitle>Audit &amp;amp; Risk Committee</committeetitle>
        </linkeddoc>
      </linkeddocuments>
    </agendaitem>
    <agendaitem>
      <agendaitemtitle>Exempt report</agendaitemtitle>
      <linkeddocuments>
        <linkeddoc>
          <attachmentid>60861</attachmentid>
          <title>Appendix</title>
          <url>https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=60861</url>
          <isrestricted>True</isrestricted>
        </linkeddoc>
        <linkeddoc>
          <attachmentid>60860</attachmentid>
          <title>The minutes again</title>
          <url>https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=60860</url>
        </linkeddoc>
      </linkeddocuments>
    </agendaitem>
  </agendaitems>
</meeting>"""

DOCUMENTS_PAGE = b"""<!DOCTYPE html><html><body>
<table class="mgItemTable"><tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">4.</p></td><td>
<p class="mgAiTitleTxt">Waste collection contract award</p>
<ul  class="mgBulletList" >
<li><a  href="documents/s7942/polc2 - 23.09.2015.pdf"   title="Link&#32;to&#32;file">polc2 - 23.09.2015
<span  class="mgFileSize" ><img src="mgimages/logo-pdf-1.gif" alt="pdf icon" /> PDF 119 KB</span> </a>  </li>
<li><a href="mgConvert2PDF.aspx?ID=25119&amp;ISATT=1">Appendix A PDF 1.2 MB</a></li>
</ul></td></tr></table>
<a href="documents/g6247/Printed minutes\r\n08th-Dec-2025.pdf?T=1">Printed minutes</a>
<a href="mgIssueHistoryHome.aspx?IId=1">Issue history</a>
</body></html>"""


def test_committees_with_double_encoded_titles() -> None:
    assert moderngov.parse_committees(COMMITTEES, URL) == [
        Committee("312", "Appointment Sub Committee for Director of Adult Social Services", False),
        Committee("144", "Audit & Governance Committee", True),
    ]


def test_meetings_nested_per_committee() -> None:
    meetings = moderngov.parse_meetings(MEETINGS_NESTED, URL)
    assert [(m.id, m.committee, m.committee_id, m.date, m.status) for m in meetings] == [
        ("4966", "Audit Committee", "144", date(2026, 1, 13), "Cancelled"),
        ("4967", "Audit Committee", "144", date(2026, 2, 10), "Confirmed"),
    ]


def test_meetings_flat_list_by_date() -> None:
    [meeting] = moderngov.parse_meetings(MEETINGS_FLAT, URL)
    assert (meeting.id, meeting.committee_id, meeting.date) == ("17355", "142", date(2026, 3, 4))


def test_meeting_documents_once_each_with_item_and_restriction() -> None:
    meeting, documents = moderngov.parse_meeting(MEETING, URL)
    assert meeting.id == "4967" and meeting.date == date(2026, 2, 10)
    assert meeting.committee == "Audit & Risk Committee"  # only the linked documents name it
    assert [(d.attachment_id, d.agenda_item, d.restricted, d.published) for d in documents] == [
        ("60860", "Minutes", False, date(2026, 2, 2)),
        ("60861", "Exempt report", True, None),
    ]
    assert documents[0].title == "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"


@pytest.mark.parametrize("data", [
    b"<meeting><agendaitems><agendaitem>",  # cut off
    b"<html><body>Service unavailable</body></html>",  # a page where XML was asked for
    b'<!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><meeting>&b;</meeting>',  # entity expansion
    b"",
])
def test_malformed_answers_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(MalformedResponse):
        moderngov.parse_meeting(data, URL)


def test_documents_page_links_titles_and_items() -> None:
    base = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=151&MId=4832&Ver=4"
    documents = moderngov.parse_documents_page(DOCUMENTS_PAGE, base)
    assert [(d.url, d.title, d.attachment_id, d.agenda_item) for d in documents] == [
        ("https://democracy.example.gov.uk/documents/s7942/polc2%20-%2023.09.2015.pdf", "polc2 - 23.09.2015",
         "s7942", "Waste collection contract award"),
        ("https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=25119&ISATT=1", "Appendix A", "25119",
         "Waste collection contract award"),
        ("https://democracy.example.gov.uk/documents/g6247/Printed%20minutes08th-Dec-2025.pdf?T=1",
         "Printed minutes", "g6247-t1", "Waste collection contract award"),
    ]


def test_meetings_page_dates_from_link_text() -> None:
    page = (b'<html><body><li><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId=568&amp;MId=8165&amp;'
            b'Ver=4">26 May 2026&nbsp;6.00 pm</a></li><li><a href="ieListDocuments.aspx?CId=568&amp;MID=8166">'
            b'2 Jun 2026 CANCELLED</a></li></body></html>')
    meetings = moderngov.parse_meetings_page(page, "https://x.gov.uk/ieListMeetings.aspx?CId=568",
                                             Committee("568", "Cabinet"))
    assert [(m.id, m.committee, m.date, m.status) for m in meetings] == [
        ("8165", "Cabinet", date(2026, 5, 26), None), ("8166", "Cabinet", date(2026, 6, 2), "Cancelled")]


def test_committees_page() -> None:
    page = b'<html><body><a  href="mgCommitteeDetails.aspx?ID=130"  >Cabinet</a><a href="x.aspx">x</a></body></html>'
    assert moderngov.parse_committees_page(page, "https://x.gov.uk/mgListCommittees.aspx") == [
        Committee("130", "Cabinet")]


@pytest.mark.parametrize(("text", "expected"), [
    ("13/01/2026", date(2026, 1, 13)),
    ("19&#47;10&#47;2015 - Policy Committee", date(2015, 10, 19)),
    ("Monday, 9th February, 2026", date(2026, 2, 9)),
    ("26 May 2026\xa06.00 pm", date(2026, 5, 26)),
    ("31/02/2026", None),
    ("", None),
])
def test_dates(text: str, expected: date | None) -> None:
    assert moderngov.parse_date(text) == expected


def test_service_urls_use_uk_dates() -> None:
    url = moderngov.service_url("https://x.gov.uk/moderngov/", "GetMeetings", lCommitteeId="0",
                                sFromDate=moderngov.uk_date(date(2026, 1, 2)), sToDate="31/01/2026")
    assert url == ("https://x.gov.uk/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=0&sFromDate=02/01/2026"
                   "&sToDate=31/01/2026")
