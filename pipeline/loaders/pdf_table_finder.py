"""pdfplumber's TableFinder, with its search for cells done without rebuilding sets.

pdfplumber finds a table's cells from the points where ruling lines cross: for each point,
the nearest points below and to its right that the same lines reach. Its `edge_connects`
rebuilds both points' sets of lines (and evaluates its own type hints) on each of tens of
thousands of calls, which made this search most of the cost of finding a page's tables.
Here each point's sets are built once and the points below and to the right are looked up
by column and row; the points are tried in the same order and the test is the same, so the
cells, and the tables grouped from them by pdfplumber, are pdfplumber's own (tests/loaders
compares the two).
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.table import intersections_to_cells as pdfplumbers_intersections_to_cells

Point = tuple[float, float]
Bbox = tuple[float, float, float, float]


class FastTableFinder(TableFinder):
    """TableFinder(page, settings) with `intersections_to_cells` below: the same steps."""

    def __init__(self, page: Any, settings: TableSettings | dict[str, Any] | None = None) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance,
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, cell_group) for cell_group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Bbox]:
    """pdfplumber's `intersections_to_cells`: for each point in order, the smallest cell it is
    the top left corner of, tried below-point by below-point, then right-point by right-point."""
    points = sorted(intersections)
    if any(x != x or y != y for x, y in points):  # NaN: only pdfplumber's own scan says where it sorts
        return pdfplumbers_intersections_to_cells(intersections)
    vertical = {p: {_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    horizontal = {p: {_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        # pdfplumber's edge_connects: a line in common, along a column or along a row.
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    # The points after each one in sorted order that share its column (below it) or its row
    # (right of it): the same points, in the same order, as pdfplumber's scans of the rest.
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in points:
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    in_column = {p: n for column in columns.values() for n, p in enumerate(column)}
    in_row = {p: n for row in rows.values() for n, p in enumerate(row)}

    cells: list[Bbox] = []
    for point in points[:-1]:
        below = columns[point[0]][in_column[point] + 1:]
        right = rows[point[1]][in_row[point] + 1:]
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell:
            cells.append(cell)
    return cells


def _smallest_cell(point: Point, below: list[Point], right: list[Point], intersections: dict[Point, Any],
                   connects: Any) -> Bbox | None:
    for below_point in below:
        if not connects(point, below_point):
            continue
        for right_point in right:
            if not connects(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _bbox(edge: dict[str, Any]) -> Bbox:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])
