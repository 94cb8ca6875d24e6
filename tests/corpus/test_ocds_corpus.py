"""Every contract record of every real corpus document exports as valid OCDS 1.1.5."""

from __future__ import annotations

import json

from pipeline import ExtractionError, extract
from pipeline.contracts.ocds import release_package
from tests.paths import needs_shared, shared_files
from tests.unit.test_ocds import validator

pytestmark = [needs_shared("corpus"), needs_shared("ocds")]
DOCUMENTS = [*shared_files("corpus", "kent", pattern="*.pdf"), *shared_files("corpus", "councils", pattern="*.pdf"),
             *shared_files("corpus", "other", pattern="*.*")]


def test_the_corpus_exports_as_valid_ocds() -> None:
    documents = []
    for path in DOCUMENTS:
        try:
            documents.append(json.loads(extract(path).to_json()))
        except ExtractionError:
            continue
    assert len(documents) >= 80
    export = release_package(documents)
    records = sum(len(d.get("contracts", [])) for d in documents)
    assert records > 0 and len(export.package["releases"]) + len(export.undated) == records
    errors = list(validator().iter_errors(export.package))
    assert errors == [], errors[0].message if errors else ""
