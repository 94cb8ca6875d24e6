"""The gazetteers are data the pipeline trusts: check their shape, not just their presence."""

from __future__ import annotations

import re

from pipeline.facts.legislation import find_citations, known_legislation
from pipeline.resources import gazetteer


def test_legislation_gazetteer_lists_at_least_150_acts_and_instruments() -> None:
    rows = gazetteer("legislation")
    assert len(rows) >= 150
    assert {r["type"] for r in rows} >= {"act", "si"}
    assert len({(r["title"], r["year"]) for r in rows}) == len(rows), "duplicate (title, year)"


def test_legislation_ids_agree_with_their_rows() -> None:
    for row in gazetteer("legislation"):
        if not row["legislation_id"]:
            continue
        kind, year, number = row["legislation_id"].split("/")
        assert kind == ("ukpga" if row["type"] == "act" else "uksi"), row
        assert year == row["year"] and number.isdigit(), row
        assert re.search(r"\b(Act|Regulations|Order|Rules)\b", row["title"]), row


def test_every_gazetteer_title_is_found_when_cited() -> None:
    for (_, year), known in known_legislation().items():
        text = f"The council acted under the {known.title} {year} last year."
        found = [c.value for c in find_citations(text)]
        assert [(v.title, v.year, v.legislation_id) for v in found] == [
            (known.title, year, known.legislation_id)], text


def test_organisations_gazetteer_rows_are_well_formed() -> None:
    rows = gazetteer("organisations")
    assert len(rows) >= 200
    assert {r["role"] for r in rows} <= {"provider", "other", "council"}
    surface_forms = [f for r in rows for f in [r["name"], *filter(None, r["aliases"].split("|"))]]
    assert all(f == f.strip() and not re.search(r"\s{2}", f) for f in surface_forms)
    assert len(set(surface_forms)) == len(surface_forms), "a surface form names two organisations"


def test_every_organisation_gazetteer_is_well_formed_and_no_form_names_two_bodies() -> None:
    from pipeline.facts.organisations import GAZETTEERS
    from pipeline.schema import fold_name

    owner: dict[str, str] = {}
    for name in GAZETTEERS:
        rows = gazetteer(name)
        assert rows, f"models/gazetteers/{name}.csv is missing or empty"
        for row in rows:
            assert row["role"] in {"provider", "other", "council"}, row
            for form in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
                assert form == form.strip() and not re.search(r"\s{2}", form), form
                folded = fold_name(form)
                assert owner.setdefault(folded, row["name"]) == row["name"], (form, owner[folded], row["name"])


def test_the_council_gazetteer_covers_every_principal_authority() -> None:
    rows = gazetteer("councils")
    assert len(rows) >= 390  # 317 English + 22 Welsh + 32 Scottish + 11 Northern Irish, and former ones
    assert all(r["role"] == "council" and r["place"] for r in rows)
    forms = {f for r in rows for f in [r["name"], *r["aliases"].split("|")]}
    for known in ["Royal Borough of Kensington and Chelsea", "RBKC", "B&NES", "Kent County Council", "LBHF",
                  "City of Edinburgh Council", "Cardiff Council", "Belfast City Council"]:
        assert known in forms, known


def test_public_body_short_forms_are_found_with_their_role() -> None:
    from pipeline import extract

    text = ("The contract was let through YPO with approval from NHS England and the Royal Borough of Kensington "
            "and Chelsea (RBKC). RBKC will report to DHSC.")
    orgs = {f.value.name: f.value.role for f in extract(text).facts if f.type == "organisation"}
    assert orgs.get("Royal Borough of Kensington and Chelsea") == "council", orgs
    assert orgs.get("NHS England") == "other", orgs
    assert any("Health and Social Care" in name for name in orgs), orgs
