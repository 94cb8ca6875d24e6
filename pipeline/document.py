"""What loaders produce: the text of a document with its page and table structure.

Offsets are character offsets into `Document.text`; every fact's evidence refers to them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, as printed
    start: int
    end: int


@dataclass(frozen=True)
class TableCell:
    """A cell of a table that holds an amount of money, tied to its headers."""

    text: str
    start: int  # offsets of the cell's text in Document.text
    end: int
    row_header: str
    column_header: str
    scale: Decimal  # 1000 under a "£000" header, 1 when the header gives no scale
    currency: str


@dataclass
class Table:
    page: int
    cells: list[TableCell] = field(default_factory=list)


@dataclass
class Document:
    text: str
    format: str  # "pdf" | "html" | "text"
    pages: list[Page] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    title: str | None = None

    def page_at(self, offset: int) -> int | None:
        """The page number holding a character offset, or None for formats without pages.

        >>> d = Document("ab\\ncd", "pdf", [Page(1, 0, 3), Page(2, 3, 5)])
        >>> d.page_at(0), d.page_at(3), d.page_at(4)
        (1, 2, 2)
        """
        if not self.pages:
            return None
        i = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(i, 0)].number

    @cached_property
    def _page_starts(self) -> list[int]:
        return [p.start for p in self.pages]
