"""The OCDS export: a release package valid against the OCDS 1.1.5 schemas (read from
../shared/ocds, references resolved locally, nothing downloaded), one release per dated contract
record, dates from the documents and never from the clock."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from pipeline import extract
from pipeline.cli import cli
from pipeline.contracts.ocds import release_package
from tests.paths import SAMPLES, needs_shared, shared_path

TEXT = ("NORTHBRIDGE BOROUGH COUNCIL\n\nDate of decision: 12 March 2025\n\nThe Executive agreed to award the contract "
        "for cleaning services to Brightclean Ltd for £450,000 from 1 April 2025 to 31 March 2028. A contract "
        "variation was agreed with Kingsmere Housing Ltd and the value was reduced by £20,000 to £180,000.")


def validator() -> jsonschema.Draft4Validator:
    package = json.loads(shared_path("ocds", "release-package-schema.json").read_text(encoding="utf-8"))
    release = json.loads(shared_path("ocds", "release-schema.json").read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resources([
        (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
        (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
    ])
    return jsonschema.Draft4Validator(package, registry=registry, format_checker=jsonschema.FormatChecker())


def test_one_release_per_record_with_parties_awards_and_contracts() -> None:
    document = json.loads(extract(TEXT).to_json())
    export = release_package([document], prefix="ocds-abc123")
    releases = sorted(export.package["releases"], key=lambda r: r["tag"] != ["award", "contract"])
    assert [r["tag"] for r in releases] == [["award", "contract"], ["contractAmendment"]]
    award = releases[0]
    assert award["ocid"] == f"ocds-abc123-{award['id']}" and award["date"] == "2025-03-12T00:00:00Z"
    assert {p["roles"][0]: p["name"] for p in award["parties"]} == {"buyer": "Northbridge Borough Council",
                                                                   "supplier": "Brightclean Ltd"}
    assert award["awards"][0]["value"] == {"amount": 450000, "currency": "GBP"}
    assert award["awards"][0]["contractPeriod"] == {"startDate": "2025-04-01T00:00:00Z",
                                                    "endDate": "2028-03-31T00:00:00Z"}
    assert award["awards"][0]["suppliers"][0]["name"] == "Brightclean Ltd"
    assert award["contracts"][0]["awardID"] == award["awards"][0]["id"]
    assert releases[1]["contracts"][0]["value"]["amount"] == 180000
    assert export.package["publishedDate"] == "2025-03-12T00:00:00Z"


def test_a_record_with_no_date_in_its_document_is_not_exported() -> None:
    document = json.loads(extract("The contract was awarded to Brightclean Ltd for £450,000.").to_json())
    export = release_package([document])
    assert export.package["releases"] == [] and len(export.undated) == 1
    assert "publishedDate" not in export.package


@needs_shared("ocds")
def test_the_package_is_valid_ocds() -> None:
    documents = [json.loads(extract(TEXT).to_json()), *(json.loads(extract(p).to_json())
                 for p in sorted(SAMPLES.iterdir()) if p.suffix in {".txt", ".html", ".pdf"})]
    package = release_package(documents).package
    assert len(package["releases"]) >= 5
    errors = sorted(validator().iter_errors(package), key=str)
    assert errors == [], errors[0].message if errors else ""


def test_the_export_command_writes_the_package(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "decision.txt").write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1",
                               "--log-format", "text"]).exit_code == 0
    result = runner.invoke(cli, ["export", "ocds", str(tmp_path / "out"), "-o", str(tmp_path / "releases.json"),
                                 "--ocid-prefix", "ocds-xyz789"])
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "releases.json").read_text(encoding="utf-8"))
    assert len(package["releases"]) == 2 and all(r["ocid"].startswith("ocds-xyz789-") for r in package["releases"])
    assert "2 releases from 1 documents" in result.stderr


def test_the_export_command_refuses_a_folder_that_is_no_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "ocds", str(tmp_path), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2 and "not a dataset" in result.output
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("kind", ["release-package-schema.json", "release-schema.json"])
@needs_shared("ocds")
def test_the_schemas_are_read_locally(kind: str) -> None:
    assert json.loads(shared_path("ocds", kind).read_text(encoding="utf-8"))["id"].startswith("https://")
