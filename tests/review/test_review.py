"""The review site without a browser: highlights that nest and cross, escaping everywhere, charts,
values, the Content-Security-Policy, deterministic output, and a clear error naming the file for
every way a dataset can be broken."""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import Page
from pipeline.review import NotADataset, ReviewError, review
from pipeline.review.charts import Bar, Period, bar_chart, combine, money_by_role, timeline
from pipeline.review.highlight import Span, highlight
from pipeline.review.pages import TYPES, legislation_url, value_parts
from pipeline.schema import VALUE_MODELS
from tests.paths import SAMPLES

HOSTILE = '</text></svg><script>alert(1)</script><img src=x onerror="alert(2)"> & \'quoted\' "name"'


class _Marks(HTMLParser):
    """Collects each fact's text from highlight markup, as a browser's textContent would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            values = dict(attrs)
            key = values.get("data-fact") or f"{values.get('data-mention')}@{values.get('data-at')}"
            self.open.append(key)
            self.texts.setdefault(key, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for key in set(self.open):
            if key is not None:
                self.texts[key] += data


def marks(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    parser.close()
    assert parser.open == []  # every mark closed, none crossing
    return parser


# --- highlights ------------------------------------------------------------------------------

def test_nested_crossing_and_empty_spans_each_keep_exactly_their_text() -> None:
    text = "from 1 April 2026 to 31 March 2029 under the Care Act 2014 s.5"
    spans = [Span(0, 34, "period", "period"), Span(5, 17, "start", "date"), Span(21, 34, "end", "date"),
             Span(28, 58, "cross", "duty"), Span(45, 58, "act", "legislation"), Span(40, 40, "empty", "money")]
    found = marks(str(highlight(text, spans)))
    assert found.texts == {s.fact_id: text[s.start:s.end] for s in spans}


def test_every_first_piece_is_focusable_and_anchored_once() -> None:
    markup = str(highlight("abcdefghij", [Span(0, 6, "a", "period"), Span(3, 9, "b", "date")]))
    assert markup.count('id="f-a"') == markup.count('id="f-b"') == 1
    assert markup.count('tabindex="0"') == 2
    assert 'class="hl t-date cont"' in markup  # the crossing span goes on in a second piece


def test_mentions_are_highlighted_apart_from_the_evidence() -> None:
    text = "Acme Ltd (Acme) ... Acme"
    spans = [Span(0, 15, "org", "organisation"), Span(10, 14, "org", "organisation", mention=True),
             Span(20, 24, "org", "organisation", mention=True)]
    found = marks(str(highlight(text, spans)))
    assert found.texts == {"org": "Acme Ltd (Acme)", "org@10": "Acme", "org@20": "Acme"}


def test_document_text_is_escaped_and_page_markers_add_no_text() -> None:
    text = "<script>alert(1)</script> & \r\n</mark><b onmouseover=x>"
    markup = str(highlight(text, [Span(0, 8, "s", "money")], [Page(1, 0, 10), Page(2, 12, len(text))]))
    assert "<script" not in markup and "<b " not in markup and "</mark><b" not in markup
    assert "&#13;" in markup  # a carriage return survives the HTML parser as itself
    parser = marks(markup)
    assert parser.texts == {"s": "<script>"}
    assert set(parser.tags) == {"mark", "span"}
    assert markup.count('class="page-break"') == 2


def test_highlights_cost_linear_time_in_the_text() -> None:
    words = "The contract is worth £4.5m from 1 April 2026. " * 4000
    spans = [Span(i + 22, i + 27, f"m{i}", "money") for i in range(0, len(words), 47)]
    markup = str(highlight(words, spans))
    assert markup.count("<mark") == len(spans)


# --- values and charts -----------------------------------------------------------------------

def test_every_fact_type_of_the_schema_has_a_value_rendering() -> None:
    assert tuple(VALUE_MODELS) == TYPES
    examples: dict[str, dict[str, Any]] = {
        "money": {"amount": "4500000", "currency": "GBP", "role": "contract_value", "per_annum": True},
        "date": {"date": "2026-04-01", "precision": "day", "role": "start"},
        "period": {"start": "2026-04-01", "end": "2029-03-31", "kind": "range"},
        "duration": {"duration": "P5Y"},
        "organisation": {"name": "Acme Ltd", "aliases": ["Acme"], "role": "provider"},
        "legislation": {"title": "Care Act", "year": 2014, "kind": "act", "legislation_id": "ukpga/2014/23",
                        "citation": "Care Act 2014"},
        "duty": {"legislation": "Care Act 2014", "holder": "the Council", "duty": "to assess"},
        "percentage": {"value": "12.5", "kind": "target", "unit": "percent"},
    }
    assert set(examples) == set(TYPES)
    shown = {t: " ".join(f"{p.label} {p.text}" for p in value_parts(t, v)) for t, v in examples.items()}
    assert "4500000 GBP" in shown["money"] and "contract_value" in shown["money"] and "per annum" in shown["money"]
    assert "2026-04-01 to 2029-03-31" in shown["period"] and "P5Y" in shown["duration"]
    assert "12.5%" in shown["percentage"] and "provider" in shown["organisation"]
    [link] = [p for p in value_parts("legislation", examples["legislation"]) if p.href]
    assert link.href == "https://www.legislation.gov.uk/ukpga/2014/23"
    assert value_parts("future", {"b": "2", "a": "1"})[0].label == "a"  # an unknown type still shows


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ukpga/2014/23?x=<y>", "//evil.example/ukpga", "", None])
def test_only_legislation_ids_become_links(bad: str | None) -> None:
    assert legislation_url(bad) is None


def test_charts_escape_every_label_and_stay_well_formed_svg() -> None:
    periods = [Period(HOSTILE, "2024-04-01", "2027-03-31", "award", "documents/x.html#c-1"),
               Period(HOSTILE, "2025-01-01", "2026-01-01", "extension <b>"),
               Period("B", "2020-01-01", "2020-01-01", "")]
    for svg in (timeline(periods, "Contract <periods>"), bar_chart([Bar(HOSTILE, "GBP", Decimal(5), 1)], HOSTILE)):
        root = ElementTree.fromstring(str(svg))  # well-formed: nothing broke out of its element
        assert root.tag.endswith("svg")
        assert not [e for e in root.iter() if e.tag.split("}")[-1] in {"script", "img", "foreignObject"}]
        assert not [k for e in root.iter() for k in e.attrib if k.startswith("on")]
    texts = "".join(ElementTree.fromstring(str(timeline(periods, "t"))).itertext())
    assert HOSTILE in texts  # shown as the characters it is


def test_overlapping_periods_of_one_provider_get_their_own_lanes() -> None:
    one = timeline([Period("A", "2024-01-01", "2025-01-01", "x")], "t")
    two = timeline([Period("A", "2024-01-01", "2025-01-01", "x"), Period("A", "2024-06-01", "2026-01-01", "y")], "t")
    heights = [int(ElementTree.fromstring(str(svg)).attrib["height"]) for svg in (one, two)]
    assert heights[1] > heights[0]


def test_money_by_role_sums_per_role_and_currency() -> None:
    bars = money_by_role([("total", "GBP", Decimal("1.5")), ("total", "EUR", Decimal(2)), ("total", "GBP", Decimal(1))])
    assert [(b.label, b.currency, b.amount, b.count) for b in bars] == [("total", "GBP", Decimal("2.5"), 2),
                                                                         ("total", "EUR", Decimal(2), 1)]
    assert combine(bars + bars)[0].amount == Decimal(5)


# --- the site --------------------------------------------------------------------------------

def pages_of(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / "documents").glob("*.html"))]


def test_the_site_has_an_index_and_a_page_per_document(samples_site: tuple[Path, Path]) -> None:
    dataset, site = samples_site
    ids = sorted(p.stem for p in (dataset / "documents").glob("*.json"))
    assert sorted(p.stem for p in (site / "documents").glob("*.html")) == ids and len(ids) == 3
    index = (site / "index.html").read_text(encoding="utf-8")
    for document_id in ids:
        assert f'href="documents/{document_id}.html"' in index
    for fact_type in TYPES:
        assert f'<option value="{fact_type}">' in index


def test_each_page_allows_only_its_own_inline_style_and_script(samples_site: tuple[Path, Path]) -> None:
    _, site = samples_site
    for page in pages_of(site):
        markup = page.read_text(encoding="utf-8")
        [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', markup)
        policy = html.unescape(policy)
        assert "default-src 'none'" in policy and "http" not in policy and "'unsafe-inline'" not in policy
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            [body] = re.findall(rf"<{tag}>(.*?)</{tag}>", markup, re.S)
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in policy, (page.name, tag)
        assert markup.index("Content-Security-Policy") < markup.index("<style>")
        # Nothing is loaded: no src, no stylesheet link; the only remote addresses are links to legislation.
        assert not re.search(r"\s(src|srcset|data)=", markup)
        assert not re.search(r"<link\b", markup)
        assert set(re.findall(r'href="(https?://[^/"]+)', markup)) <= {"https://www.legislation.gov.uk"}


def test_each_fact_has_a_highlight_a_value_and_a_link(samples_site: tuple[Path, Path]) -> None:
    dataset, site = samples_site
    for path in sorted((dataset / "documents").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        markup = (site / "documents" / f"{path.stem}.html").read_text(encoding="utf-8")
        found = marks(markup[markup.index('<div class="body"'):markup.index('<section class="facts"')])
        for fact in document["facts"]:
            assert found.texts[fact["id"]] == fact["text"]
            assert f'<td id="v-{fact["id"]}">' in markup and f'href="#f-{fact["id"]}"' in markup
        for contract in document.get("contracts", []):
            assert f'id="c-{contract["id"]}"' in markup
            for fact_id in contract["evidence"]["fact_ids"]:
                assert f'href="#f-{fact_id}"' in markup


def test_a_pdf_page_shows_its_page_markers(samples_site: tuple[Path, Path]) -> None:
    dataset, site = samples_site
    pdf = hashlib.sha256((SAMPLES / "annual-leisure-contract-review.pdf").read_bytes()).hexdigest()
    markup = (site / "documents" / f"{pdf}.html").read_text(encoding="utf-8")
    assert [int(n) for n in re.findall(r'class="page-break" id="page-(\d+)"', markup)] == [1, 2, 3]


def test_the_same_dataset_gives_the_same_bytes(samples_site: tuple[Path, Path], tmp_path: Path) -> None:
    dataset, site = samples_site
    review(dataset, tmp_path / "again")
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == \
           {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}


def test_a_document_gone_from_the_dataset_loses_its_page(samples_site: tuple[Path, Path], tmp_path: Path) -> None:
    dataset, _ = samples_site
    site = tmp_path / "site"
    review(dataset, site)
    stale = site / "documents" / f"{'0' * 64}.html"
    stale.write_text("old", encoding="utf-8")
    mine = site / "documents" / "notes.txt"  # not ours: left alone
    mine.write_text("mine", encoding="utf-8")
    review(dataset, site)
    assert not stale.exists() and mine.exists()


def test_errors_are_listed_with_their_codes_and_only_web_urls_are_links(
        samples_site: tuple[Path, Path], tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(samples_site[0], dataset)
    records = [{"id": None, "paths": ["bad/<img src=x onerror=alert(1)>.pdf"], "code": "E_PDF_CORRUPT", "stage": "load",
                "message": "the PDF <script>alert(1)</script> is damaged"},
               {"id": None, "paths": ["fetched"], "code": "E_HTTP_STATUS", "stage": "fetch", "message": "404",
                "url": "https://democracy.example.gov.uk/doc.pdf?a=1&b=2"},
               {"id": None, "paths": ["odd"], "code": "E_URL_REFUSED", "stage": "fetch", "message": "refused",
                "url": "javascript:alert(1)"}]
    (dataset / "errors.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    summary = review(dataset, tmp_path / "site")
    assert summary.errors == 3
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for code in ("E_PDF_CORRUPT", "E_HTTP_STATUS", "E_URL_REFUSED"):
        assert f"<code>{code}</code>" in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index and "<img" not in index
    assert 'href="https://democracy.example.gov.uk/doc.pdf?a=1&amp;b=2"' in index
    assert 'href="javascript:' not in index and "<code>javascript:alert(1)</code>" in index


# --- a broken dataset: one clear error naming the file ----------------------------------------

def broken_copy(samples_site: tuple[Path, Path], tmp_path: Path) -> tuple[Path, str]:
    dataset = tmp_path / "dataset"
    shutil.copytree(samples_site[0], dataset)
    return dataset, hashlib.sha256((SAMPLES / "contract-extension-report.txt").read_bytes()).hexdigest()


@pytest.mark.parametrize("damage,named", [
    ("missing text", "texts/{id}.txt.gz"),
    ("truncated text", "texts/{id}.txt.gz"),
    ("wrong text", "texts/{id}.txt.gz"),
    ("missing document", "documents/{id}.json"),
    ("invalid document", "documents/{id}.json"),
    ("missing pages", "texts/{pdf}.pages.json"),
    ("bad documents table", "documents.parquet"),
    ("bad errors", "errors.jsonl"),
])
def test_a_broken_file_is_a_review_error_naming_it(damage: str, named: str, samples_site: tuple[Path, Path],
                                                   tmp_path: Path) -> None:
    dataset, doc_id = broken_copy(samples_site, tmp_path)
    pdf = hashlib.sha256((SAMPLES / "annual-leisure-contract-review.pdf").read_bytes()).hexdigest()
    text = dataset / "texts" / f"{doc_id}.txt.gz"
    if damage == "missing text":
        text.unlink()
    elif damage == "truncated text":
        text.write_bytes(text.read_bytes()[:20])
    elif damage == "wrong text":
        text.write_bytes(gzip.compress(b"x" * 10_000, mtime=0))
    elif damage == "missing document":
        (dataset / "documents" / f"{doc_id}.json").unlink()
    elif damage == "invalid document":
        (dataset / "documents" / f"{doc_id}.json").write_text('{"facts": 5}', encoding="utf-8")
    elif damage == "missing pages":
        (dataset / "texts" / f"{pdf}.pages.json").unlink()
    elif damage == "bad documents table":
        (dataset / "documents.parquet").write_bytes(b"PAR1 not really")
    elif damage == "bad errors":
        (dataset / "errors.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ReviewError) as caught:
        review(dataset, tmp_path / "site")
    assert str(caught.value).startswith(str(dataset / named.format(id=doc_id, pdf=pdf))), str(caught.value)
    assert not isinstance(caught.value, NotADataset)


@pytest.mark.parametrize("what", ["empty folder", "no folder", "a documents folder only"])
def test_a_folder_that_is_no_dataset_is_refused(what: str, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    if what != "no folder":
        folder.mkdir()
    if what == "a documents folder only":
        (folder / "documents").mkdir()
    with pytest.raises(NotADataset, match="not a"):
        review(folder, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_the_review_never_writes_into_the_dataset(samples_site: tuple[Path, Path]) -> None:
    with pytest.raises(ReviewError, match="dataset itself"):
        review(samples_site[0], samples_site[0])
