"""The JSON Schemas of the dataset's JSON files, committed as `models/record-schemas.json`.

Every run writes them into datapackage.json. Generating them means building the output's models
(`pipeline.schema`), a tenth of a second that the parent of `extract -o`, which never validates
a document, paid on every run; so the parent reads the committed file, and a test fails when it
and `generate()` disagree. After changing a record or the output schema:
`python -m pipeline.batch.record_schemas > models/record-schemas.json`.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

from pydantic import Field

from pipeline.batch.records import ErrorRecord, RecordModel, Sha256, SkipRecord, Summary
from pipeline.schema import DocumentFacts


class ResultRecord(RecordModel):
    """One document that succeeded, with every path it was found at."""

    id: Sha256
    paths: Annotated[list[str], Field(min_length=1)]
    document: DocumentFacts


# The dataset's JSON files, the model of one line (or of the file, summary.json) of each.
MODELS: dict[str, type[RecordModel]] = {"results": ResultRecord, "errors": ErrorRecord, "skipped": SkipRecord,
                                        "summary": Summary}


def generate() -> dict[str, Any]:
    return {name: model.model_json_schema(mode="serialization") for name, model in MODELS.items()}


def generate_text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate_text())
