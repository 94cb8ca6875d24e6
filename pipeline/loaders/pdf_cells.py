"""Table cells' text from a page's characters, exactly as pdfplumber's `Table.extract` reads it.

pdfplumber tests every character of the page against every row, then reads each cell with
`extract_text`, which builds a dictionary per word and a word extractor per call: on a page
of figures that cost more than finding the tables. Here the characters are plain tuples
(`Char`), found by bisection on the height of their middles, and a cell is read by the
same steps as `extract_text` with its defaults (no layout, text upright, read left to right
and top to bottom), comparison for comparison: tests/loaders holds the two side by side.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from pdfplumber.table import Table
from pdfplumber.utils.text import LIGATURES

# A character as pdfminer boxes it, the page's top at 0: text, x0, x1, top, bottom.
Char = tuple[str, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# pdfplumber's default tolerances for joining characters into words and lines.
TOLERANCE = 3.0
T = TypeVar("T")
_first = itemgetter(0)


class CharsByHeight:
    """A page's characters ordered by the height of their middles, so that a table row finds
    its characters by bisection instead of testing every character of the page."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.chars = chars
        # The middles as pdfplumber computes them, once per character instead of once per cell.
        self.middle_x = middle_x = [(c[1] + c[2]) / 2 for c in chars]
        self.middle_y = middle_y = [(c[3] + c[4]) / 2 for c in chars]
        # A middle that is NaN fails each of pdfplumber's tests (and would upset a bisection):
        # that character is in no cell.
        placed = [i for i in range(len(chars)) if middle_x[i] == middle_x[i] and middle_y[i] == middle_y[i]]
        self._index = sorted(placed, key=middle_y.__getitem__)
        self._middles = [middle_y[i] for i in self._index]

    def indexes_within(self, bbox: Box) -> list[int]:
        """The indexes of the characters whose middle lies in the box, in the page's order:
        pdfplumber's test (left and top edges in, right and bottom edges out)."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self._middles, top), bisect_left(self._middles, bottom)
        middle_x = self.middle_x
        return sorted(i for i in self._index[lo:hi] if x0 <= middle_x[i] < x1)

    def within(self, bbox: Box) -> list[Char]:
        return [self.chars[i] for i in self.indexes_within(bbox)]


def table_text(table: Table, chars: CharsByHeight, x_tolerance: float = TOLERANCE,
               y_tolerance: float = TOLERANCE) -> list[list[str | None]]:
    """What pdfplumber's `Table.extract` gives (rows of cell texts, None where a merged cell
    spans) with its default text settings."""
    rows: list[list[str | None]] = []
    page_chars, middle_x, middle_y = chars.chars, chars.middle_x, chars.middle_y
    for row in table.rows:
        row_indexes = chars.indexes_within(row.bbox)
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            cell_chars = [page_chars[i] for i in row_indexes
                          if x0 <= middle_x[i] < x1 and top <= middle_y[i] < bottom]
            texts.append(extract_text(cell_chars, x_tolerance, y_tolerance) if cell_chars else "")
        rows.append(texts)
    return rows


def extract_text(chars: Sequence[Char], x_tolerance: float = TOLERANCE, y_tolerance: float = TOLERANCE) -> str:
    """pdfplumber's `extract_text(chars, x_tolerance=..., y_tolerance=...)` for upright
    characters: lines by the tops of the characters, each line's characters left to right,
    words split at blanks and gaps, then the words' lines by the words' tops."""
    if not chars:
        return ""
    tops = [c[3] for c in chars]
    if _one_cluster(tops, y_tolerance):
        # One line; its words' tops, each a top of the line's characters, make one line too.
        return " ".join(text for _, text in _words(sorted(chars, key=_x0), x_tolerance, y_tolerance))
    words: list[tuple[float, str]] = []
    for line in _clusters(chars, tops, y_tolerance):
        line.sort(key=_x0)
        words += _words(line, x_tolerance, y_tolerance)
    lines = _clusters(words, [top for top, _ in words], y_tolerance)
    return "\n".join(" ".join(text for _, text in line) for line in lines)


def _x0(char: Char) -> float:
    return char[1]


def _words(line: list[Char], x_tolerance: float, y_tolerance: float) -> list[tuple[float, str]]:
    """pdfplumber's WordExtractor on one line of characters, left to right: each word's top
    (the least of its characters') and text (ligatures expanded)."""
    words: list[tuple[float, str]] = []
    word: list[Char] = []
    for char in line:
        text = char[0]
        if text.isspace():
            if word:
                words.append(_word(word))
            word = []
        elif text == "":  # pdfplumber: "" is in its (empty) set of splitting punctuation
            if word:
                words.append(_word(word))
            words.append(_word([char]))
            word = []
        elif word and (char[1] < word[-1][1] or char[1] > word[-1][2] + x_tolerance
                       or abs(char[3] - word[-1][3]) > y_tolerance):  # char_begins_new_word
            words.append(_word(word))
            word = [char]
        else:
            word.append(char)
    if word:
        words.append(_word(word))
    return words


def _word(chars: list[Char]) -> tuple[float, str]:
    if len(chars) == 1:
        return chars[0][3], LIGATURES.get(chars[0][0], chars[0][0])
    return min([c[3] for c in chars]), "".join([LIGATURES.get(c[0], c[0]) for c in chars])


def _one_cluster(keys: list[float], tolerance: float) -> bool:
    """Whether pdfplumber's clustering puts all the keys in one cluster, known without it:
    each within the tolerance of the least (chained clusters then hold them all, as the sum
    of a float and the tolerance never falls as the float rises). False on NaN."""
    least = min(keys)
    limit = least + tolerance
    return all(least <= key <= limit for key in keys)


def _clusters(items: Sequence[T], keys: list[float], tolerance: float) -> list[list[T]]:
    """pdfplumber's cluster_objects: the distinct keys sorted and chained into clusters where
    each is within the tolerance of the one before; the items grouped by cluster, in order."""
    values = sorted(set(keys))
    cluster_of: dict[float, int] = {}
    if tolerance == 0 or len(values) < 2:
        cluster_of = {value: n for n, value in enumerate(values)}
    else:
        n, last = 0, values[0]
        for value in values:
            if value > last + tolerance:
                n += 1
            cluster_of[value] = n
            last = value
    numbered = sorted(((cluster_of[key], item) for key, item in zip(keys, items, strict=True)), key=_first)
    return [[item for _, item in group] for _, group in groupby(numbered, key=_first)]

