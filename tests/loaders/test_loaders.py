"""Loaders: regression fixtures, each named after the problem it caught (pdfplumber style).

Inputs are built here or in tmp_path; the PDF is samples/annual-leisure-contract-review.pdf
(three pages, a running header "Westmarsh District Council — Cabinet 4 June 2025", a footer
"Page N of 3", "procure-ment" hyphenated across a line, and a £000 table on page 2), and the
ModernGov fixtures come from ../shared/corpus/other/. Known failures keep their correct
expectation, marked xfail(strict=True).
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from pipeline import ExtractionError, extract
from pipeline.document import Document
from pipeline.loaders import load_bytes, sniff_format
from pipeline.loaders import text as text_loader
from pipeline.loaders.html import html_to_text
from pipeline.loaders.pdf import join_hyphenated, remove_running_lines
from tests.paths import SAMPLES, shared_path

SAMPLE_PDF = SAMPLES / "annual-leisure-contract-review.pdf"
RUNNING_HEADER = "Westmarsh District Council — Cabinet 4 June 2025"
SENTENCE = "The contract value is £3,629,500 – see “Table 1”."


def xfail(*values: object, reason: str, id: str | None = None) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason), id=id)


def error_of(source: object) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract(source)  # type: ignore[arg-type]
    return caught.value


@pytest.fixture(scope="module")
def pdf_document() -> Document:
    return load_bytes(SAMPLE_PDF.read_bytes())


# --- text decoding ---------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_pound_sign_survives_each_council_encoding(encoding: str) -> None:
    data = f"{SENTENCE}\r\nSecond line.\r\n".encode(encoding)
    for document in (text_loader.load(data), load_bytes(data)):
        assert document.format == "text"
        assert document.text == f"{SENTENCE}\nSecond line.\n"
        assert "\ufeff" not in document.text and "\ufffd" not in document.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_pound_amount_is_a_money_fact_in_each_encoding(encoding: str) -> None:
    money = [f.value for f in extract(SENTENCE.encode(encoding)).facts if f.type == "money"]
    assert [(m.amount, m.currency) for m in money] == [("3629500", "GBP")]


@pytest.mark.parametrize("raw,expected", [
    pytest.param(b"one\r\ntwo\r\n", "one\ntwo\n", id="crlf"),
    pytest.param(b"one\rtwo\r", "one\ntwo\n", id="lone-cr"),
    pytest.param(b"one\r\n\r\ntwo", "one\n\ntwo", id="crlf-blank-line"),
])
def test_line_endings_are_normalised(raw: bytes, expected: str) -> None:
    assert load_bytes(raw).text == expected


# --- sniffing by content, not by name --------------------------------------------------------

HTML_PAGE = (b"<!DOCTYPE html><html><head><title>Decision</title></head><body>"
             b"<p>The contract is worth &pound;5m.</p></body></html>")


def test_html_page_named_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "decision.txt"
    path.write_bytes(HTML_PAGE)
    result = extract(path)
    assert result.source.format == "html"
    money = [f for f in result.facts if f.type == "money"]
    assert [(f.text, f.sentence) for f in money] == [("£5m", "The contract is worth £5m.")]


def test_pdf_named_html_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    shutil.copy(SAMPLE_PDF, path)
    result = extract(path)
    assert (result.source.format, result.source.pages) == ("pdf", 3)


def test_text_file_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("The contract is worth £4.5m.\n", encoding="utf-8")
    result = extract(path)
    assert result.source.format == "text"
    assert [f.text for f in result.facts if f.type == "money"] == ["£4.5m"]


@pytest.mark.parametrize("data,named", [
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "ZIP archive", id="zip-docx"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG image", id="png"),
])
def test_binary_formats_are_unsupported_and_named(tmp_path: Path, data: bytes, named: str) -> None:
    path = tmp_path / "report.pdf"  # the name lies; the bytes decide
    path.write_bytes(data)
    error = error_of(path)
    assert error.code == "E_UNSUPPORTED"
    assert named in error.message
    assert str(path) in str(error)


@pytest.mark.parametrize("data", [
    pytest.param(b"", id="zero-bytes"),
    pytest.param(b"   \n\t\r\n  ", id="spaces-tabs-newlines"),
    pytest.param(b"\n" * 5000, id="many-newlines"),
    pytest.param(b"\xef\xbb\xbf", id="bom-only"),
    pytest.param(b"\xef\xbb\xbf \r\n \r\n", id="bom-then-spaces"),
    pytest.param("\u00a0 \n".encode(), id="no-break-space"),
])
def test_whitespace_only_is_e_empty(data: bytes) -> None:
    assert error_of(data).code == "E_EMPTY"


def test_sniff_format_decides_from_bytes() -> None:
    assert sniff_format(b"\xef\xbb\xbf<!DOCTYPE html><p>x</p>") == "html"
    assert sniff_format(b"<div>a</div><p>b</p>") == "html"
    assert sniff_format(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") == "pdf"
    assert sniff_format("Costs rose by £5m (< 2%).".encode("cp1252")) == "text"


# --- HTML ------------------------------------------------------------------------------------

CHROME_PAGE = """<!DOCTYPE html>
<html><head><title>Decision details</title>
<style>.mgLabel { font-weight: bold; } /* style-words */</style>
<script>var mgSiteConfig = { note: "script-words £99m" };</script></head>
<body>
<nav><a href="/">nav-words</a> £1m</nav>
<div id="mgSideMenu"><ul><li><a href="ieDocHome.aspx">menu-words</a></li><li>£2m</li></ul></div>
<div class="mgBreadCrumbs"><a href="/">breadcrumb-words</a> &gt; Decisions</div>
<ul class="breadcrumb"><li>crumb-words</li></ul>
<div class="mgMenu"><a href="mgListPlans.aspx">mgmenu-words</a></div>
<div id="modgov"><div class="mgContent">
<p>The contract is awarded to Safer Futures Partnership CIC for &pound;780,000 a year.</p>
</div></div>
<footer>footer-words</footer>
</body></html>"""


def test_scripts_styles_nav_menus_and_breadcrumbs_are_dropped() -> None:
    text, _ = html_to_text(CHROME_PAGE)
    assert text == "The contract is awarded to Safer Futures Partnership CIC for £780,000 a year."
    money = [f.text for f in extract(CHROME_PAGE.encode()).facts if f.type == "money"]
    assert money == ["£780,000"]


def test_camel_case_site_nav_menu_of_the_sample_page_is_dropped() -> None:
    text, _ = html_to_text((SAMPLES / "moderngov-decision.html").read_text(encoding="utf-8"))
    assert "Councillors" not in text and "Forward Plans" not in text and "Calendar" not in text
    assert text.startswith("Decision details")


def test_sample_page_loses_its_header_breadcrumb_footer_and_script() -> None:
    text, _ = html_to_text((SAMPLES / "moderngov-decision.html").read_text(encoding="utf-8"))
    assert "Council and democracy" not in text  # breadcrumb
    assert "mgSiteConfig" not in text and "font-weight" not in text  # script, style
    assert "/privacy" not in text and "Accessibility" not in text  # footer
    assert "Date of decision: 13/05/2025" in text.splitlines()


def test_menu_items_without_end_tags_do_not_swallow_the_page() -> None:
    page = ('<html><body><ul><li class="mgMenuItem">Home<li class="mgMenuItem">Meetings</ul>'
            "<p>The contract is worth &pound;5m.</p></body></html>")
    text, _ = html_to_text(page)
    assert text == "The contract is worth £5m."


LIST_PAGE = ("<html><body><p>The contract is awarded to Acme Ltd</p><p>The value is &pound;5m per annum</p>"
             "<ul><li>Grant of &pound;3m</li><li>Saving of &pound;2.5m</li></ul></body></html>")


def test_list_items_and_paragraphs_do_not_run_together() -> None:
    text, _ = html_to_text(LIST_PAGE)
    assert [ln for ln in text.splitlines() if ln] == [
        "The contract is awarded to Acme Ltd", "The value is £5m per annum", "• Grant of £3m", "• Saving of £2.5m"]
    sentences = {f.text: f.sentence for f in extract(LIST_PAGE.encode()).facts if f.type == "money"}
    assert sentences == {"£5m": "The value is £5m per annum", "£3m": "• Grant of £3m", "£2.5m": "• Saving of £2.5m"}


def test_no_fact_runs_across_two_html_paragraphs() -> None:
    facts = extract(LIST_PAGE.encode()).facts
    assert not [f.text for f in facts if "\n" in f.text]
    assert [f.value.name for f in facts if f.type == "organisation"] == ["Acme Ltd"]


@pytest.mark.parametrize("markup,expected", [
    pytest.param("<p>Value &pound;5m</p>", "Value £5m", id="pound"),
    pytest.param("<p>Value&nbsp;of&nbsp;£5m</p>", "Value of £5m", id="nbsp"),
    pytest.param("<p>Decided 19&#47;10&#47;2015</p>", "Decided 19/10/2015", id="slash-decimal"),
    pytest.param("<p>Homes &#38; Neighbourhoods &amp; More</p>", "Homes & Neighbourhoods & More", id="ampersand"),
    pytest.param("<p>&#163;1m &#x2013; &euro;2m</p>", "£1m – €2m", id="numeric-hex-named"),
])
def test_entities_are_decoded(markup: str, expected: str) -> None:
    text, _ = html_to_text(markup)
    assert text == expected
    assert "\xa0" not in text


def test_moderngov_decision_detail_fixture() -> None:
    path = shared_path("corpus", "other", "moderngov-decision-detail.html")
    lines = html_to_text(path.read_text(encoding="utf-8"))[0].splitlines()
    for line in ["Date of decision: 19/10/2015", "Publication date: 22/10/2015",
                 "Decided at meeting: 19/10/2015 - Policy Committee", "Decision status: Recommendations Approved",
                 "The Minutes of the Policy Committee meeting on 23 September 2015 were approved as a correct record."]:
        assert line in lines, line


def test_moderngov_multi_paragraph_fixture_keeps_paragraphs_apart() -> None:
    path = shared_path("corpus", "other", "moderngov-decision-multi-paragraph.html")
    lines = [ln for ln in html_to_text(path.read_text(encoding="utf-8"))[0].splitlines() if ln]
    assert "Decision Maker: Service Director - Homes & Neighbourhoods" in lines
    assert "Date of decision: 27/07/2021" in lines
    first = "The demolition of the existing tower blocks has been approved to support the regeneration of Berry Brow."
    second = "This decision was authorised by the Cabinet at its meeting on Tuesday, 27 July 2021."
    assert first in lines and second in lines
    result = extract(path)
    assert result.source.format == "html"
    dates = {f.value.date for f in result.facts if f.type == "date"}
    assert {"2021-07-27"} <= dates


# --- PDF -------------------------------------------------------------------------------------

def test_page_n_of_3_footers_are_gone(pdf_document: Document) -> None:
    assert not re.search(r"Page\s+\d+\s+of\s+3", pdf_document.text)


def test_running_header_appears_once_on_the_first_page(pdf_document: Document) -> None:
    assert pdf_document.text.count(RUNNING_HEADER) == 1
    assert pdf_document.text.startswith(RUNNING_HEADER)


def test_word_hyphenated_across_a_line_is_rejoined(pdf_document: Document) -> None:
    assert "open procurement exercise" in pdf_document.text
    assert not re.search(r"procure\W+ment", pdf_document.text)
    assert "\ufffe" not in pdf_document.text and "\x02" not in pdf_document.text


def test_page_offsets_are_contiguous(pdf_document: Document) -> None:
    pages, text = pdf_document.pages, pdf_document.text
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[0].start == 0 and pages[-1].end == len(text)
    for page, following in pairwise(pages):
        assert page.start < page.end
        assert text[page.end:following.start] == "\n\n"  # the separator, and nothing else, between pages


@pytest.mark.parametrize("words,page", [
    ("Fenmoor Leisure Trust Limited", 1),
    ("compliance through quarterly audits", 2),  # the first line of page 2, under the dropped header
    ("1,084,000 visits", 2),
    ("Income share received (64) (87)", 2),
    ("Background papers: None", 3),
])
def test_page_at_maps_offsets_back_to_their_page(pdf_document: Document, words: str, page: int) -> None:
    start = pdf_document.text.index(words)
    assert pdf_document.page_at(start) == page
    assert pdf_document.page_at(start + len(words) - 1) == page


def test_page_at_is_right_at_every_page_edge(pdf_document: Document) -> None:
    for page in pdf_document.pages:
        assert pdf_document.page_at(page.start) == page.number
        assert pdf_document.page_at(page.end - 1) == page.number


def test_pound_thousands_table_gives_scaled_cells_with_headers(pdf_document: Document) -> None:
    assert [t.page for t in pdf_document.tables] == [2]
    cells = pdf_document.tables[0].cells
    assert len(cells) == 8
    for cell in cells:
        assert (cell.scale, cell.currency) == (Decimal(1000), "GBP")
        assert "£000" in cell.column_header
        assert cell.row_header
        assert pdf_document.text[cell.start:cell.end] == cell.text
        assert pdf_document.page_at(cell.start) == 2
    by_text = {c.text: c for c in cells}
    contract = by_text["1,250"]
    assert contract.row_header == "Contract sum" and "2024/25" in contract.column_header
    income = by_text["(64)"]
    assert income.row_header == "Income share received" and "2023/24" in income.column_header


def test_bracketed_table_cell_is_a_negative_scaled_amount() -> None:
    money = [f for f in extract(SAMPLE_PDF).facts if f.type == "money" and f.text == "(64)"]
    assert len(money) == 1
    value = money[0].value
    assert (value.amount, value.currency, money[0].page) == ("-64000", "GBP", 2)
    assert value.table is not None and value.table.scale == "1000"
    assert value.table.row == "Income share received" and "£000" in value.table.column


# --- remove_running_lines ---------------------------------------------------------------------

RUNNING_LINES = [
    pytest.param([["Cabinet 4 June", "Text one", "Page 1 of 2"], ["Cabinet 4 June", "Text two", "Page 2 of 2"]],
                 [["Cabinet 4 June", "Text one"], ["Text two"]], id="header-kept-once-page-numbers-dropped"),
    pytest.param([["Cabinet report page 1", "Alpha"], ["Cabinet report page 2", "Bravo"],
                  ["Cabinet report page 3", "Charlie"]],
                 [["Cabinet report page 1", "Alpha"], ["Bravo"], ["Charlie"]], id="digits-differ-still-running"),
    pytest.param([["Body", "3 of 12"]], [["Body"]], id="n-of-m"),
    pytest.param([["Body", "- 3 -"]], [["Body"]], id="dashed-number"),
    pytest.param([["Body", "Page 3"]], [["Body"]], id="page-n"),
    pytest.param([["Body", "3/12"]], [["Body"]], id="n-slash-m"),
    pytest.param([["Westmarsh District Council", "Body"]], [["Westmarsh District Council", "Body"]],
                 id="one-page-nothing-runs"),
    pytest.param([["", "  ", "Header", "Alpha"], ["Header", "Bravo", ""]],
                 [["", "  ", "Header", "Alpha"], ["Bravo", ""]], id="blank-edge-lines-ignored"),
    pytest.param([["Alpha", "Bravo", "Charlie", "Delta", "Same line", "Echo", "Foxtrot", "Golf"],
                  ["Hotel", "India", "Juliet", "Kilo", "Same line", "Lima", "Mike", "November"]],
                 [["Alpha", "Bravo", "Charlie", "Delta", "Same line", "Echo", "Foxtrot", "Golf"],
                  ["Hotel", "India", "Juliet", "Kilo", "Same line", "Lima", "Mike", "November"]],
                 id="recurring-body-line-kept"),
    pytest.param([["Appendix", "Alpha"], ["Appendix", "Bravo"], ["Charlie"], ["Delta"], ["Echo"]],
                 [["Appendix", "Alpha"], ["Appendix", "Bravo"], ["Charlie"], ["Delta"], ["Echo"]],
                 id="on-fewer-than-half-the-pages-kept"),
    pytest.param([["Table 2", "Utilities support", "342"], ["More text", "Other text", "2"]],
          [["Table 2", "Utilities support", "342"], ["More text", "Other text"]], id="table-figure-at-page-foot"),
]


@pytest.mark.parametrize("pages,expected", RUNNING_LINES)
def test_remove_running_lines(pages: list[list[str]], expected: list[list[str]]) -> None:
    assert remove_running_lines(pages) == expected


# --- join_hyphenated --------------------------------------------------------------------------

JOIN_HYPHENATED = [
    pytest.param("procure-\nment", "procurement\n", id="split-word"),
    pytest.param("the procure-\nment of services", "the procurement\nof services", id="newline-moves-after-word"),
    pytest.param("the procure-\nment, and", "the procurement,\nand", id="punctuation-stays-with-word"),
    pytest.param("(procure-\nment)", "(procurement)\n", id="brackets"),
    pytest.param("day-to-\nday care", "day-to-day\ncare", id="compound-keeps-hyphen"),
    pytest.param("open procure-\nment and main-\ntenance work", "open procurement\nand maintenance\nwork",
                 id="two-breaks"),
    pytest.param("Covid-\n19", "Covid-\n19", id="digit-after-kept"),
    pytest.param("mid-\nMarch", "mid-\nMarch", id="capital-after-kept"),
    pytest.param("co-operate", "co-operate", id="hyphen-inside-line"),
    pytest.param("total-", "total-", id="hyphen-at-end-of-text"),
    pytest.param("", "", id="empty"),
]


@pytest.mark.parametrize("text,expected", JOIN_HYPHENATED)
def test_join_hyphenated(text: str, expected: str) -> None:
    assert join_hyphenated(text) == expected


def test_join_hyphenated_word_broken_over_three_lines() -> None:
    assert join_hyphenated("an inter-\nnation-\nally known").split() == ["an", "internationally", "known"]


def test_a_long_line_of_text_is_text_not_a_file_name() -> None:
    # A one-line text longer than a file name may be once raised ENAMETOOLONG as E_INTERNAL.
    text = "The contract with Acme Ltd is worth £4.5m. " + "Members noted the report. " * 20
    result = extract(text)
    assert result.source.format == "text" and [f.text for f in result.facts if f.type == "money"] == ["£4.5m"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_decoded_not_called_binary(tmp_path: Path, encoding: str) -> None:
    text = "The contract with Acme Ltd is worth £4.5m from 1 April 2026.\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path = tmp_path / "notepad.txt"
    path.write_bytes(bom + text.encode(encoding))
    result = extract(path)
    assert result.source.format == "text"
    assert [f.text for f in result.facts if f.type == "money"] == ["£4.5m"]


def test_utf16_without_a_byte_order_mark_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "no-bom.txt"
    path.write_bytes("Contract worth £4.5m".encode("utf-16-le"))
    assert error_of(path).code == "E_UNSUPPORTED"
