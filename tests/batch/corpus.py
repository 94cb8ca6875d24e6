"""Batches for the batch tests: unique copies of the samples, broken documents with the code each
must end in, and documents that make a worker misbehave (pipeline/batch/faults.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.batch.faults import fault_document
from tests import hostile
from tests.paths import SAMPLES

SAMPLE_FILES = [SAMPLES / "annual-leisure-contract-review.pdf", SAMPLES / "contract-extension-report.txt",
                SAMPLES / "moderngov-decision.html"]

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
    """25 documents that fail, each with its expected code, all made here (tests/hostile.py):
    empty, blank, truncated, garbage, binary, encrypted, no pages, no text layer."""
    bad = folder / "bad"
    bad.mkdir(parents=True)
    generated: dict[str, tuple[bytes, str]] = {"zero-bytes.pdf": (b"", "E_EMPTY")}
    for i, blank in enumerate([b" ", b"  \n", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf  "]):
        generated[f"empty-{i}.txt"] = (blank, "E_EMPTY")
    for i, fraction in enumerate([0.1, 0.3, 0.5, 0.7, 0.9]):
        generated[f"truncated-{i}.pdf"] = (hostile.truncated_pdf(fraction), "E_PDF_CORRUPT")
    for i in range(4):
        generated[f"garbage-{i}.pdf"] = (hostile.garbage(20250313 + i), "E_UNSUPPORTED")
    generated["binary.txt"] = (hostile.binary_text(), "E_UNSUPPORTED")
    for i, algorithm in enumerate(["RC4-40", "RC4-128", "RC4-40", "RC4-128", "RC4-40", "RC4-128"]):
        generated[f"encrypted-{i}.pdf"] = (hostile.encrypted_pdf(f"password-{i}", algorithm), "E_PDF_ENCRYPTED")
    generated["no-pages.pdf"] = (hostile.zero_page_pdf(), "E_PDF_CORRUPT")
    generated["no-text-0.pdf"] = (hostile.blank_page_pdf(), "E_NO_TEXT")
    generated["no-text-1.pdf"] = (hostile.blank_page_pdf() + b"\n%variant 1\n", "E_NO_TEXT")
    expected: dict[Path, str] = {}
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
