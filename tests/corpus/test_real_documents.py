"""Real documents written by others: every Kent PDF gives valid output; every PDF that breaks
parsers gives one clear line or a valid result; the seed article scores perfectly."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import ExtractionError, extract
from pipeline.devtools.evaluate import evaluate
from pipeline.schema import DocumentFacts
from tests.paths import needs_shared, shared_files, shared_path

pytestmark = needs_shared("corpus")
KENT = shared_files("corpus", "kent", pattern="*.pdf")
BAD = shared_files("corpus", "bad", pattern="*.pdf")

# What each broken PDF must give: an error code, or "ok" for a valid result.
EXPECTED_BAD = {
    "jsvine-pdfplumber-empty.pdf": "E_EMPTY",
    "jsvine-pdfplumber-issue-297-example.pdf": "E_NO_TEXT",
    "jsvine-pdfplumber-issue-848.pdf": "ok",
    "jsvine-pdfplumber-malformed-from-issue-932.pdf": "ok",
    "jsvine-pdfplumber-password-example.pdf": "E_PDF_ENCRYPTED",
    "jsvine-pdfplumber-pr-136-example.pdf": "ok",
    "pdfminer.six-aes-256-r6.pdf": "E_PDF_ENCRYPTED",
    "pdfminer.six-encrypted_doc_no_id.pdf": "E_NO_TEXT",
    "pdfminer.six-issue-1113-evil-xobjects.pdf": "ok",
    "pdfminer.six-issue-886-xref-stream-widths.pdf": "ok",
    "pdfminer.six-missing_xref_trailer.pdf": "ok",
    "pdfminer.six-pdf-with-jbig2.pdf": "E_NO_TEXT",
    "pdfminer.six-rc4-40.pdf": "E_PDF_ENCRYPTED",
    "pdfminer.six-zen_of_python_corrupted.pdf": "ok",
}


def test_the_corpus_is_all_there() -> None:
    assert len(KENT) == 77
    assert {p.name for p in BAD} == set(EXPECTED_BAD)


@pytest.mark.parametrize("pdf", KENT, ids=lambda p: p.name[:60])
def test_every_kent_pdf_gives_valid_output(pdf: Path) -> None:
    result = extract(pdf)
    again = DocumentFacts.model_validate_json(result.to_json())
    assert again == result
    assert result.source.format == "pdf" and result.source.pages
    assert result.facts, "a council report with no facts at all means a reader broke"
    for fact in result.facts:
        assert fact.page is not None and 1 <= fact.page <= result.source.pages


@pytest.mark.parametrize("pdf", BAD, ids=lambda p: p.name)
def test_broken_pdfs_give_a_clear_error_or_a_valid_result(pdf: Path) -> None:
    try:
        result = extract(pdf)
        outcome = "ok"
        DocumentFacts.model_validate_json(result.to_json())
    except ExtractionError as error:
        outcome = error.code.value
        line = str(error)
        assert "\n" not in line and pdf.name in line and len(line) < 700
    assert outcome == EXPECTED_BAD[pdf.name]


def test_broken_pdfs_each_finish_within_30_seconds_in_the_cli(tmp_path: Path) -> None:
    # A hang in a parser is the failure this guards against; each file gets its own process.
    for pdf in BAD:
        out = tmp_path / pdf.name
        run = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(pdf), "-o", str(out),
                              "--log-format", "text"], capture_output=True, text=True, timeout=30)
        assert "Traceback" not in run.stderr, pdf.name
        if EXPECTED_BAD[pdf.name] == "ok":
            assert run.returncode == 0, run.stderr
        else:
            assert run.returncode == 3
            assert run.stderr.splitlines()[0].startswith(f"{pdf}: {EXPECTED_BAD[pdf.name]} (load): ")
        # Output files are named by content: documents/<sha256>.json, for a valid result only.
        written = [p.name for p in (out / "documents").glob("*.json")]
        ok = EXPECTED_BAD[pdf.name] == "ok"
        assert written == ([f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}.json"] if ok else []), pdf.name


def test_seed_article_scores_perfectly_on_every_type() -> None:
    report = evaluate(shared_path("seed"))
    assert report.documents == 1 and not report.errors
    assert {t: c.f1 for t, c in report.types.items()} == {t: 1.0 for t in report.types}
