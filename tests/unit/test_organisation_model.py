"""The trained organisation model (models/ner/): shipped small, read only around contracting
words, switched off by COUNCIL_FACTS_ORG_MODEL=off, and its proposals held to the rules' filters.

What the model finds is measured by `council-facts eval` on the unseen split (docs/accuracy.md),
not asserted here: a retrained model may find other names. Here the model's proposals are
replaced by fixed ones, to test what the finder does with them."""

from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.facts import organisation_model, organisations
from pipeline.resources import models_dir

SHIPPED = (models_dir() / "ner" / "meta.json").is_file()


def test_the_shipped_model_is_small_and_knows_one_label_or_none_is_shipped() -> None:
    organisation_model.model.cache_clear()
    nlp = organisation_model.model()
    if not SHIPPED:  # the rules work alone (docs/accuracy.md says why no model is shipped now)
        assert nlp is None and organisation_model.proposed_names("Awarded to Harbour Software.") == []
        return
    folder = models_dir() / "ner"
    assert sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) <= 25 * 2**20
    assert nlp is not None and nlp.get_pipe("ner").labels == ("ORG",)
    assert "/work" not in (folder / "config.cfg").read_text(encoding="utf-8")  # no machine's paths


def test_switched_off_it_proposes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    organisation_model.model.cache_clear()
    monkeypatch.setenv(organisation_model.SWITCH, "off")
    try:
        assert organisation_model.proposed_names("The contract was awarded to Harbour Software.") == []
    finally:
        organisation_model.model.cache_clear()


def test_windows_skip_text_without_contracting_words() -> None:
    assert organisation_model.windows("The budget rose by £4m. Members noted the report.") == []
    text = "Members noted the report. " * 30 + "The contract went to Tayside Contracts."
    [(start, end)] = organisation_model.windows(text)
    assert "Tayside Contracts" in text[start:end] and start > 0


def _proposing(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    def propose(text: str) -> list[tuple[int, int]]:
        return [(text.index(name), text.index(name) + len(name)) for name in names if name in text]
    monkeypatch.setattr(organisations, "proposed_names", propose)


@pytest.mark.parametrize(("text", "proposed", "expected"), [
    pytest.param("The tender from P and G Blacksmiths for the railings was accepted.", ["P and G Blacksmiths"],
                 [("P and G Blacksmiths", "provider")], id="a-proposal-gets-its-role-from-the-cue"),
    pytest.param("P and G Blacksmiths repaired the railings last year.", ["P and G Blacksmiths"], [],
                 id="a-proposal-no-cue-makes-a-supplier-is-dropped"),
    pytest.param("The contract with Kier Ltd was signed.", ["Ltd"], [("Kier Ltd", "provider")],
                 id="a-bare-suffix-is-no-name"),
    pytest.param("The contract was let by Strategic Procurement last year.", ["Strategic Procurement"], [],
                 id="generic-words-are-no-name"),
    pytest.param("The contract was awarded to Bidder A after evaluation.", ["Bidder A"], [],
                 id="an-anonymised-bidder-is-no-name"),
])
def test_proposals_pass_the_rules_filters(monkeypatch: pytest.MonkeyPatch, text: str, proposed: list[str],
                                          expected: list[tuple[str, str]]) -> None:
    _proposing(monkeypatch, *proposed)
    found = [(f.value.name, f.value.role) for f in extract(text).facts if f.type == "organisation"]
    assert found == expected
