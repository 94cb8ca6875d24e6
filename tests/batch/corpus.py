"""Batches for the batch tests: unique copies of the samples, broken documents with the code each
must end in, and documents that make a worker misbehave (pipeline/batch/faults.py)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from pipeline.batch.faults import fault_document
from tests.paths import SAMPLES, shared_path

SAMPLE_FILES = [SAMPLES / "annual-leisure-contract-review.pdf", SAMPLES / "contract-extension-report.txt",
                SAMPLES / "moderngov-decision.html"]

# The documents of ../shared/corpus/bad that fail, and how; the others are damaged but readable.
CORPUS_BAD = {
    "jsvine-pdfplumber-empty.pdf": "E_EMPTY",
    "jsvine-pdfplumber-issue-297-example.pdf": "E_NO_TEXT",
    "jsvine-pdfplumber-password-example.pdf": "E_PDF_ENCRYPTED",
    "pdfminer.six-aes-256-r6.pdf": "E_PDF_ENCRYPTED",
    "pdfminer.six-encrypted_doc_no_id.pdf": "E_NO_TEXT",
    "pdfminer.six-pdf-with-jbig2.pdf": "E_NO_TEXT",
    "pdfminer.six-rc4-40.pdf": "E_PDF_ENCRYPTED",
}
ENCRYPTED = ["jsvine-pdfplumber-password-example.pdf", "pdfminer.six-aes-256-r6.pdf", "pdfminer.six-rc4-40.pdf"]


def unique_copy(sample: Path, number: int) -> bytes:
    """The sample's bytes made unique by a tail no loader reads as a fact."""
    data = sample.read_bytes()
    tail = {".pdf": f"\n%copy {number:04d}\n", ".txt": f"\nCopy ref {number:04d}\n",
            ".html": f"\n<!-- copy {number:04d} -->\n"}[sample.suffix]
    return data + tail.encode()


def write_good(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` distinct documents, spread over subfolders so that walking recurses."""
    paths = []
    for number in range(start, start + count):
        sample = SAMPLE_FILES[number % len(SAMPLE_FILES)]
        path = folder / "good" / f"part-{number % 4}" / f"{number:04d}-{sample.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(unique_copy(sample, number))
        paths.append(path)
    return paths


def write_bad(folder: Path) -> dict[Path, str]:
    """25 documents that fail, each with its expected code: 7 from ../shared/corpus/bad and 18 made
    here (empty, truncated, garbage, encrypted)."""
    bad = folder / "bad"
    bad.mkdir(parents=True)
    expected: dict[Path, str] = {}
    for name, code in CORPUS_BAD.items():
        shutil.copy(shared_path("corpus", "bad", name), bad / name)
        expected[bad / name] = code
    generated: dict[str, tuple[bytes, str]] = {}
    for i, blank in enumerate([b" ", b"  \n", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf  "]):
        generated[f"empty-{i}.txt"] = (blank, "E_EMPTY")
    pdf = SAMPLE_FILES[0].read_bytes()
    for i, fraction in enumerate([0.1, 0.3, 0.5, 0.7, 0.9]):
        generated[f"truncated-{i}.pdf"] = (pdf[:int(len(pdf) * fraction)], "E_PDF_CORRUPT")
    rng = random.Random(20250313)
    for i in range(4):
        generated[f"garbage-{i}.pdf"] = (rng.randbytes(2000), "E_UNSUPPORTED")
    for i in range(4):
        source = shared_path("corpus", "bad", ENCRYPTED[i % len(ENCRYPTED)]).read_bytes()
        generated[f"encrypted-{i}.pdf"] = (source + f"\n%variant {i}\n".encode(), "E_PDF_ENCRYPTED")
    for name, (data, code) in generated.items():
        (bad / name).write_bytes(data)
        expected[bad / name] = code
    assert len(expected) == 25
    return expected


def write_faults(folder: Path) -> dict[Path, str]:
    expected = {}
    for kind, code in [("hang", "E_TIMEOUT"), ("allocate", "E_MEMORY"), ("crash", "E_CRASH")]:
        path = folder / f"fault-{kind}.txt"
        path.write_bytes(fault_document(kind))
        expected[path] = code
    return expected
