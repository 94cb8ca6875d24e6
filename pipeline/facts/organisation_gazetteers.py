"""The organisation gazetteers (models/gazetteers): suppliers and bodies, public bodies, and every
UK principal council with its short forms; what the organisation finder knows by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from pipeline.resources import gazetteer
from pipeline.schema import fold_name


@dataclass(frozen=True)
class KnownOrganisation:
    name: str
    role: str
    place: str | None = None  # a council's bare place name ("Kensington and Chelsea")


# The gazetteers of models/gazetteers: suppliers and bodies, public bodies (departments, agencies,
# NHS bodies, buying organisations), and every UK principal council with its short forms.
GAZETTEERS = ("organisations", "public_bodies", "councils")


def _gazetteer_rows() -> list[tuple[KnownOrganisation, list[str]]]:
    rows = []
    for name in GAZETTEERS:
        for row in gazetteer(name):
            known = KnownOrganisation(row["name"], row["role"], row.get("place") or None)
            forms = [f.strip() for f in [row["name"], *(row.get("aliases") or "").split("|")] if f.strip()]
            rows.append((known, forms))
    return rows


@cache
def known_organisations() -> dict[str, KnownOrganisation]:
    """Gazetteer surface forms (folded) to their organisation; the first gazetteer to name a form
    keeps it."""
    table: dict[str, KnownOrganisation] = {}
    for known, forms in _gazetteer_rows():
        for form in forms:
            table.setdefault(fold_name(form), known)
    return table


@cache
def _gazetteer_forms() -> tuple[str, ...]:
    # Two-letter acronyms ("EA", "HE") are words too often to match on their own.
    return tuple(sorted({form for _, forms in _gazetteer_rows() for form in forms if len(form) >= 3}))


def gazetteer_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ORG", [nlp.make_doc(form) for form in _gazetteer_forms()])
    return matcher
