"""PDF documents: text from pypdfium2, table structure from pdfplumber where it is needed.

pypdfium2 reads text about fifty times faster than pdfplumber, so it reads every page;
pdfplumber (pdfminer underneath) parses only the pages that carry a money table header
such as "£000", where the cell-to-header structure changes what a number means.
"""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium

from pipeline.document import Document, Page
from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders.pdf_tables import OpenPages, has_money_header, read_money_tables

MAX_PAGES = 5000
# "Page 3 of 12", "3 of 12", "- 3 -", "3": page numbers, not content.
_PAGE_NUMBER = re.compile(r"^\s*(page\s+\d+(\s*(of|/)\s*\d+)?|\d+\s*(of|/)\s*\d+|[-–]?\s*\d{1,4}\s*[-–]?)\s*$", re.I)
_BARE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$")
_EDGE_LINES = 3
# Pages whose text shows a money header stay open for the table reader, up to this many: a
# page parsed twice costs as much as its text, and a budget book may hold hundreds of them.
_KEEP_OPEN = 64


def load(data: bytes) -> Document:
    pdf = _open(data)
    opened: OpenPages = {}
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise ExtractionError(ErrorCode.PDF_CORRUPT, "load", "the PDF has no pages")
        if page_count > MAX_PAGES:
            raise ExtractionError(ErrorCode.TOO_LARGE, "load", f"the PDF has more than {MAX_PAGES} pages")
        raw_pages = [_page_text(pdf, i, opened) for i in range(page_count)]
        document = _document(raw_pages)
        # The same open PDF gives the table pages their characters and ruling lines.
        document.tables = read_money_tables(data, document, pdf, opened)
        return document
    finally:
        for page, textpage in opened.values():
            textpage.close()
            page.close()
        pdf.close()


def _document(raw_pages: list[str]) -> Document:
    page_lines = remove_running_lines([_lines(t) for t in raw_pages])
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, lines in enumerate(page_lines, start=1):
        body = join_hyphenated("\n".join(lines)).strip()
        if parts:
            parts.append("\n\n")
            offset += 2
        pages.append(Page(number, offset, offset + len(body)))
        parts.append(body)
        offset += len(body)
    text = "".join(parts)
    if not any(c.isalnum() for c in text):
        raise ExtractionError(
            ErrorCode.NO_TEXT, "load",
            f"none of the PDF's {len(raw_pages)} page(s) has a text layer (scanned?); run OCR on it first",
        )
    return Document(text=text, format="pdf", pages=pages)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium's error code is process-wide and not reset by a later failure, so after one
        # encrypted document every unreadable one would read "Incorrect password": the bytes
        # decide whether the document is encrypted, the code only names the damage.
        if _ENCRYPT_KEY.search(data):
            raise ExtractionError(
                ErrorCode.PDF_ENCRYPTED, "load", "the PDF is encrypted and needs a password"
            ) from None
        reason = str(exc).removeprefix("Failed to load document ").strip("().")
        if "password" in reason.lower() or "success" in reason.lower():
            reason = "PDFium could not parse it"
        raise ExtractionError(
            ErrorCode.PDF_CORRUPT, "load", f"the PDF is damaged and cannot be read ({reason})"
        ) from None


# The trailer's (or an xref stream's) /Encrypt entry: what marks a PDF as encrypted.
_ENCRYPT_KEY = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")


def _page_text(pdf: pdfium.PdfDocument, index: int, opened: OpenPages | None = None) -> str:
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
    except pdfium.PdfiumError:
        return ""  # one unreadable page should not cost the others
    if opened is not None and len(opened) < _KEEP_OPEN and has_money_header(text):
        opened[index] = (page, textpage)
    else:
        textpage.close()
        page.close()
    return join_marked_hyphens(text.replace("\x02", "\ufffe")).replace("\xa0", " ")


_MARKED_HYPHEN = re.compile(r"(\S*?)\ufffe(?=(\w?))")


def join_marked_hyphens(text: str) -> str:
    """PDFium marks a hyphen that ended a line with U+FFFE and joins the two lines. Between
    lower-case letters it split one word, unless that word had a hyphen of its own already.

    >>> join_marked_hyphens("open procure\ufffement, sub\ufffecommittee, day-to\ufffeday, Mar\ufffe25")
    'open procurement, subcommittee, day-to-day, Mar-25'
    """
    if "\ufffe" not in text:  # most pages: the pattern's scan of every word finds nothing
        return text

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        split_word = left[-1:].islower() and right.islower() and "-" not in left
        return left + ("" if split_word else "-")

    return _MARKED_HYPHEN.sub(join, text)


def _lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and running headers and footers after their first appearance.

    A line in the top or bottom few lines of a page that recurs (digits aside) on at least
    half the pages is a running header or footer. Its first appearance is kept: it often
    carries the meeting and its date, which are facts about the document.

    >>> pages = [["Cabinet 4 June", "Text one", "Page 1 of 2"], ["Cabinet 4 June", "Text two", "Page 2 of 2"]]
    >>> remove_running_lines(pages)
    [['Cabinet 4 June', 'Text one'], ['Text two']]
    """
    def edge_indexes(lines: list[str]) -> list[int]:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))

    counts: Counter[str] = Counter()
    offsets: Counter[int] = Counter()
    for number, lines in enumerate(pages, start=1):
        counts.update({_edge_key(lines[i]) for i in edge_indexes(lines)})
        offsets.update({int(lines[i].strip()) - number for i in edge_indexes(lines)
                        if _BARE_NUMBER.match(lines[i]) and not re.search(r"[-–]", lines[i])})
    # A bare number is a page number when the pages agree on it: it runs with the page count
    # (from some offset). A lone "342" at the foot of one page is a table's figure.
    page_offset = offsets.most_common(1)[0][0] if offsets and offsets.most_common(1)[0][1] >= 2 else None
    threshold = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= threshold and key}
    seen: set[str] = set()
    cleaned: list[list[str]] = []
    for number, lines in enumerate(pages, start=1):
        drop: set[int] = set()
        for i in edge_indexes(lines):
            key = _edge_key(lines[i])
            bare = _BARE_NUMBER.match(lines[i]) and not re.search(r"[-–]", lines[i])
            if (bare and page_offset is not None and int(lines[i].strip()) - number == page_offset) or (
                    not bare and _PAGE_NUMBER.match(lines[i])):
                drop.add(i)
            elif key in running:
                if key in seen:
                    drop.add(i)
                seen.add(key)
        cleaned.append([ln for i, ln in enumerate(lines) if i not in drop])
    return cleaned


def join_hyphenated(text: str) -> str:
    """Rejoin words split by a hyphen at a line end; keep real compounds' hyphens.

    >>> join_hyphenated("the procure-\\nment of day-to-\\nday services")
    'the procurement\\nof day-to-day\\nservices'
    >>> join_hyphenated("an inter-\\nnation-\\nally known")
    'an internationally\\nknown'
    """
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        line, following = lines[i], lines[i + 1]
        # (A line is split at "\n", so "$" is its end: one that does not end in "-" is passed
        # over without asking the pattern.)
        if line.endswith("-") and re.search(r"[a-z]-$", line) and re.match(r"[a-z]", following):
            head, _, rest = following.partition(" ")
            word_start = line.rfind(" ") + 1
            joiner = "-" if "-" in line[word_start:-1] else ""
            lines[i] = line[:-1] + joiner + head
            lines[i + 1] = rest
            if not rest and i + 2 < len(lines) and re.search(r"[a-z]-$", lines[i]):
                del lines[i + 1]  # "inter-/nation-/ally": the word breaks again; join on
                continue
            i += 1
            continue
        i += 1
    return "\n".join(lines)
