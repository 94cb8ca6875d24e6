"""Writing the review site: Jinja2 templates (autoescaped) into static pages that open from disk.

    DIR/index.html              every document, the errors, filters, sortable columns, the charts
    DIR/documents/SHA.html      one document: its text with the evidence highlighted, its facts and
                                contract records

The stylesheet and the script are inlined into every page and allowed by their hashes in a
Content-Security-Policy that forbids every other load: the pages make no request at all, and a
script smuggled into a document could not run even if escaping failed. Pages are written one
document at a time, atomically, and only when their bytes change; the same dataset always gives
the same bytes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from pipeline import __version__
from pipeline.output import write_atomic
from pipeline.review.charts import bar_chart, combine, timeline
from pipeline.review.load import ErrorEntry, ReviewError, check_dataset, iter_documents, read_errors
from pipeline.review.pages import TYPES, IndexRow, choices, document_page, index_row

_PAGE_NAME = re.compile(r"^[0-9a-f]{64}\.html$")


@dataclass(frozen=True)
class Assets:
    css: Markup
    js: Markup
    csp: str


@dataclass(frozen=True)
class ReviewSummary:
    output: Path
    documents: int
    errors: int


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@cache
def assets() -> Assets:
    """The inline stylesheet and script, and a policy that allows them alone."""
    static = resources.files("pipeline.review") / "static"
    css = (static / "review.css").read_text(encoding="utf-8")
    js = (static / "review.js").read_text(encoding="utf-8")
    for name, text, closing in (("review.css", css, "</style"), ("review.js", js, "</script")):
        if closing in text.lower():  # would end the inline element early
            raise ReviewError(f"{name}: holds {closing}, which cannot be inlined")
    csp = ("default-src 'none'; " f"style-src {_digest(css)}; script-src {_digest(js)}; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")
    return Assets(Markup(css), Markup(js), csp)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("pipeline.review", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def review(dataset: Path, output: Path) -> ReviewSummary:
    """Write the review site of a dataset into `output`; ReviewError (NotADataset for a folder that
    is no dataset) names the file at fault."""
    check_dataset(dataset)
    if output.resolve() == dataset.resolve():
        raise ReviewError(f"{output}: is the dataset itself; give the review its own folder")
    errors = read_errors(dataset)
    env, shared = environment(), assets()
    pages = output / "documents"
    rows: list[IndexRow] = []
    written: set[str] = set()
    try:
        for loaded in iter_documents(dataset):
            page = document_page(loaded)
            html = env.get_template("document.html.j2").render(page=page, assets=shared, types=TYPES,
                                                                version=__version__)
            _write_if_changed(pages / f"{loaded.id}.html", html)
            written.add(f"{loaded.id}.html")
            rows.append(index_row(loaded))
        rows.sort(key=lambda r: (r.path, r.id))
        providers, councils = choices(rows, "providers"), choices(rows, "councils")
        periods = [period for row in rows for period in row.periods]
        charts = [timeline(periods, "Contract periods by provider"),
                  bar_chart(combine(bar for row in rows for bar in row.money), "Money by role, all documents")]
        html = env.get_template("index.html.j2").render(
            rows=rows, errors=errors, error_codes=_codes(errors), types=TYPES, providers=providers,
            provider_index={name: i for i, name in enumerate(providers)}, councils=councils,
            council_index={name: i for i, name in enumerate(councils)}, charts=charts, assets=shared,
            version=__version__)
        _write_if_changed(output / "index.html", html)
        _remove_stale_pages(pages, written)
    except OSError as exc:
        raise ReviewError(f"{exc.filename or output}: cannot write the review ({exc.strerror or exc})") from None
    return ReviewSummary(output, len(rows), len(errors))


def _codes(errors: list[ErrorEntry]) -> list[tuple[str, int]]:
    """How many errors of each code, by code."""
    return sorted(Counter(error.code for error in errors).items())


def _write_if_changed(path: Path, text: str) -> None:
    """A nightly review of thousands of documents rewrites only the pages that change."""
    data = text.encode("utf-8")
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:
            return
    write_atomic(path, text)


def _remove_stale_pages(folder: Path, keep: set[str]) -> None:
    """A document no longer in the dataset loses its page."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if _PAGE_NAME.match(path.name) and path.name not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
