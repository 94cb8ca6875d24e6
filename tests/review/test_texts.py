"""The dataset keeps each succeeded document's text (OUT/texts/SHA.txt.gz, and SHA.pages.json for a
PDF): the exact text the facts' offsets index into, in deterministic bytes, gone when the document
leaves the dataset."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

from pipeline.batch.texts import read_text
from pipeline.document import Document, Page
from pipeline.extract import extract_with_text
from pipeline.output import TEMP_PREFIX
from tests.batch.checks import check_dataset
from tests.paths import SAMPLES
from tests.review.conftest import run_cli

SAMPLE_DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".pdf"})


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_fact_of_the_samples_is_at_its_offsets_in_the_kept_text(samples_site: tuple[Path, Path]) -> None:
    dataset, _ = samples_site
    check_dataset(dataset)  # every document's text kept, every fact and mention at its offsets, on its page
    checked = 0
    for sample in SAMPLE_DOCUMENTS:
        document = json.loads((dataset / "documents" / f"{sha(sample)}.json").read_text(encoding="utf-8"))
        # The file is plain gzip of UTF-8: what any tool reads, with offsets counting characters.
        text = gzip.decompress((dataset / "texts" / f"{sha(sample)}.txt.gz").read_bytes()).decode("utf-8")
        assert document["facts"]
        for fact in document["facts"]:
            assert text[fact["start"]:fact["end"]] == fact["text"], (sample.name, fact)
            checked += 1
    assert checked > 100


def test_the_kept_text_is_the_loaded_text_and_pages_of_a_pdf(samples_site: tuple[Path, Path]) -> None:
    dataset, _ = samples_site
    pdf = SAMPLES / "annual-leisure-contract-review.pdf"
    found = extract_with_text(pdf)
    stored = read_text(dataset / "texts", sha(pdf), paged=True)
    assert stored.content == found.document.text
    assert list(stored.pages) == found.document.pages and len(stored.pages) == 3
    assert not (dataset / "texts" / f"{sha(SAMPLES / 'moderngov-decision.html')}.pages.json").exists()


def test_text_files_are_deterministic_gzip_with_no_timestamp(samples_site: tuple[Path, Path], tmp_path: Path) -> None:
    dataset, _ = samples_site
    again = tmp_path / "again"
    assert run_cli("extract", SAMPLES, "-o", again).exit_code == 0
    for path in sorted((dataset / "texts").iterdir()):
        assert path.read_bytes() == (again / "texts" / path.name).read_bytes(), path.name
        if path.name.endswith(".gz"):
            assert path.read_bytes()[4:8] == b"\0\0\0\0"  # gzip's MTIME field


def test_a_document_leaving_the_dataset_takes_its_text_with_it(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for sample in SAMPLE_DOCUMENTS:
        shutil.copy(sample, inputs / sample.name)
    out = tmp_path / "out"
    assert run_cli("extract", inputs, "-o", out).exit_code == 0
    assert len(list((out / "texts").iterdir())) == 4  # three texts and the PDF's pages
    (inputs / "annual-leisure-contract-review.pdf").unlink()
    assert run_cli("extract", inputs, "-o", out).exit_code == 0
    kept = sorted(p.name for p in (out / "texts").iterdir())
    assert kept == sorted(f"{sha(p)}.txt.gz" for p in SAMPLE_DOCUMENTS if p.suffix != ".pdf")
    check_dataset(out)


def test_text_entry_round_trips_pages() -> None:
    from pipeline.batch.texts import compress, pages_json, text_entry

    entry = text_entry(Document("ab\n\ncd", "pdf", [Page(1, 0, 2), Page(2, 4, 6)]))
    assert entry == {"content": "ab\n\ncd", "pages": [[1, 0, 2], [2, 4, 6]]}
    assert json.loads(pages_json(entry["pages"])) == {"pages": [{"number": 1, "start": 0, "end": 2},
                                                                {"number": 2, "start": 4, "end": 6}]}
    assert gzip.decompress(compress("£\r\n")).decode("utf-8") == "£\r\n"  # no newline translation


def test_a_texts_folder_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "texts").symlink_to(elsewhere)  # writing through it would put texts wherever it points
    result = run_cli("extract", SAMPLES / "contract-extension-report.txt", "-o", out)
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_killed_run_s_temporary_text_file_is_swept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "texts").mkdir(parents=True)
    leftover = out / "texts" / f"{TEMP_PREFIX}abc.tmp"
    leftover.write_bytes(b"half a gzip")
    assert run_cli("extract", SAMPLES / "contract-extension-report.txt", "-o", out).exit_code == 0
    assert not leftover.exists()
    assert [p.name for p in (out / "texts").iterdir()] == [f"{sha(SAMPLES / 'contract-extension-report.txt')}.txt.gz"]
