"""Contract records as an OCDS 1.1 release package (the Open Contracting Data Standard).

One release per contract record. Its `ocid` is the prefix (by default "ocds-cfacts", which is no
registered prefix: a publisher sets its own with --ocid-prefix) and the record's id; its `id` is
the record's id. Dates come from the document, never from the clock: a release is dated by its
decision, else by the document's own date, and a record with neither is not exported (it is
counted apart). The package's `publishedDate` is its latest release date.

What each action becomes:

| action      | tag                   | what the release holds                                    |
|-------------|-----------------------|-----------------------------------------------------------|
| award       | award, contract       | an award (value, period, suppliers) and its contract       |
| extension   | contractAmendment     | the contract, with an amendment; period and value after it |
| variation   | contractAmendment     | the same                                                    |
| termination | contractTermination   | the contract, status terminated                            |
| procurement | planning, tender      | a planned tender with its value                            |
| other       | contractUpdate        | the contract                                               |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

DEFAULT_OCID_PREFIX = "ocds-cfacts"
OCDS_VERSION = "1.1"
_TAGS = {"award": ["award", "contract"], "extension": ["contractAmendment"], "variation": ["contractAmendment"],
         "termination": ["contractTermination"], "procurement": ["planning", "tender"], "other": ["contractUpdate"]}
_AMENDMENT = {"extension": "The contract was extended.", "variation": "The contract was varied."}


@dataclass
class Export:
    package: dict[str, Any]
    undated: list[str] = field(default_factory=list)  # ids of records with no date to give their release


def _datetime(day: str) -> str:
    """An OCDS date-time from a day or a month ("2025-03" is its first day), at midnight UTC."""
    return (day if len(day) > 7 else f"{day}-01") + "T00:00:00Z"


def _value(value: dict[str, Any]) -> dict[str, Any]:
    amount = Decimal(value["amount"])
    return {"amount": int(amount) if amount == amount.to_integral_value() else float(amount),
            "currency": value["currency"]}


def _period(period: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"startDate": _datetime(period["start"]), "endDate": _datetime(period["end"])} if period else None


def _party(prefix: str, party: dict[str, Any], role: str) -> dict[str, Any]:
    return {"id": f"{prefix}-{party['fact_id']}", "name": party["name"], "roles": [role]}


def release(record: dict[str, Any], document: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """The release of one contract record of one document, or None when nothing dates it."""
    day = record.get("decision_date") or document["reference_date"].get("date")
    if not day:
        return None
    rid, action = record["id"], record["action"]
    out: dict[str, Any] = {"ocid": f"{prefix}-{rid}", "id": rid, "date": _datetime(day), "tag": _TAGS[action],
                           "initiationType": "tender", "language": "en"}
    parties = []
    if record.get("buyer"):
        buyer = _party("buyer", record["buyer"], "buyer")
        parties.append(buyer)
        out["buyer"] = {"id": buyer["id"], "name": buyer["name"]}
    supplier = _party("supplier", record["provider"], "supplier") if record.get("provider") else None
    if supplier:
        parties.append(supplier)
    if parties:
        out["parties"] = parties
    value = _value(record["value"]) if record.get("value") else None
    period = _period(record.get("period"))
    title = record.get("subject")
    if action == "procurement":
        out["planning"] = {"rationale": " ".join(record["evidence"]["sentences"])[:1000]}
        out["tender"] = {"id": rid, "status": "planned", **({"title": title} if title else {}),
                         **({"value": value} if value else {}), **({"contractPeriod": period} if period else {})}
        return out
    # OCDS requires a contract's awardID: the award this record is, or (for an amendment, a
    # termination) the award the document does not describe, under the same id.
    contract: dict[str, Any] = {"id": rid, "awardID": rid,
                                "status": "terminated" if action == "termination" else "active",
                                **({"title": title} if title else {}), **({"value": value} if value else {}),
                                **({"period": period} if period else {})}
    if action in _AMENDMENT:
        rationale = _AMENDMENT[action] + " " + " ".join(record["evidence"]["sentences"])[:900]
        contract["amendments"] = [{"id": f"{rid}-{action}", "date": _datetime(day), "rationale": rationale}]
    if action == "award":
        award: dict[str, Any] = {"id": rid, "status": "active", "date": _datetime(day),
                                 **({"title": title} if title else {}), **({"value": value} if value else {}),
                                 **({"contractPeriod": period} if period else {})}
        if supplier:
            award["suppliers"] = [{"id": supplier["id"], "name": supplier["name"]}]
        out["awards"] = [award]
    out["contracts"] = [contract]
    return out


def release_package(documents: Iterable[dict[str, Any]], prefix: str = DEFAULT_OCID_PREFIX,
                    uri: str = "urn:council-facts:release-package") -> Export:
    """A release package of every contract record of the documents (the JSON `extract` writes)."""
    releases, undated = [], []
    for document in documents:
        for record in document.get("contracts", []):
            made = release(record, document, prefix)
            if made is None:
                undated.append(record["id"])
            else:
                releases.append(made)
    releases.sort(key=lambda r: (r["date"], r["id"]))
    package: dict[str, Any] = {"uri": uri, "version": OCDS_VERSION,
                               "publisher": {"name": "council-facts"}, "releases": releases}
    if releases:
        package["publishedDate"] = max(r["date"] for r in releases)
    return Export(package, undated)
