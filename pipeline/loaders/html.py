"""HTML pages, ModernGov decision and agenda pages among them: their text, not their chrome.

Scripts, styles and navigation are dropped; block elements end a line and paragraphs leave a
blank line, so the sentences of two paragraphs or list items never run together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pipeline.document import Document
from pipeline.errors import ErrorCode, ExtractionError
from pipeline.loaders.text import decode, normalise_text

_DROPPED_TAGS = {
    "script", "style", "noscript", "template", "nav", "svg", "iframe", "object",
    "select", "button", "form", "head", "footer",
}
_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}
_PARAGRAPH_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "table", "ul", "ol",
    "blockquote", "pre", "section", "article", "header", "main", "aside", "address",
}
_LINE_TAGS = {"div", "br", "hr", "caption", "figcaption", "label", "dl"}
_CELL_TAGS = {"td", "th"}
# Elements whose end tag HTML lets authors leave out, and the containers that close them.
_OPTIONAL_END = {"li", "p", "dt", "dd", "tr", "td", "th", "option"}
_CONTAINERS = {"ul", "ol", "dl", "table", "tbody", "thead", "select", "div", "body", "html", "nav", "section"}
# ModernGov and most CMS themes name their navigation in class or id attributes.
_CHROME = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|breadcrumbs?|skip-?links?|cookie\w*|site-?footer|"
    r"site-?header|sidebar)([\s_-]|$)|menu|breadcrumb|mgfooter",
    re.I,
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag and tag in _OPTIONAL_END and self._skip_depth == 1:
                # "<li>menu<li>next": a new item closes the skipped one, whose end tag may be left out
                self._skip_tag, self._skip_depth = None, 0
            elif tag == self._skip_tag:
                self._skip_depth += 1
                return
            else:
                return
        if tag == "title":
            self._in_title = True
            return
        if tag not in _VOID_TAGS and (tag in _DROPPED_TAGS or _is_chrome(attrs)):
            self._skip_tag, self._skip_depth = tag, 1
            return
        self._break(tag)
        if tag == "li":
            self.parts.append("• ")
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if self._skip_tag in _OPTIONAL_END and tag in _CONTAINERS:
                self._skip_tag, self._skip_depth = None, 0  # "</ul>" ends an item left open
                self._break(tag)
                return
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag == "title":
            self._in_title = False
            return
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip_tag is not None:
            return
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def _break(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append("\t")


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        # "siteNav", "mainMenu": camelCase names split into words first
        words = re.sub(r"([a-z])([A-Z])", r"\1 \2", value or "")
        if name in ("class", "id", "role") and value and (_CHROME.search(value) or _CHROME.search(words)):
            return True
        if name == "role" and value in ("navigation", "banner", "contentinfo"):
            return True
    return False


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The readable text of an HTML page and its title.

    >>> html_to_text("<ul><li>One &pound;5</li><li>Two</li></ul><script>x()</script>")[0]
    '• One £5\\n\\n• Two'
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = normalise_text("".join(collector.parts)).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group() else " ", ln).strip()
             for ln in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join("".join(collector.title_parts).split()) or None
    return text, title


def load(data: bytes) -> Document:
    text, title = html_to_text(decode(data))
    if not text:
        raise ExtractionError(ErrorCode.NO_TEXT, "load", "the HTML page has no readable text")
    return Document(text=text, format="html", title=title)
