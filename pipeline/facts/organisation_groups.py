"""Mentions grouped into organisations: one per body, its name the gazetteer's or the fullest
form, every surface form an alias, its role the strongest its mentions carry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.facts.organisation_rules import Mention


@dataclass
class Organisation:
    name: str
    role: str | None
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def group_mentions(mentions: list[Mention]) -> list[Organisation]:
    """Mentions with the same key, or whose names nest ("Luton Council" / "Luton Borough
    Council"), are one organisation; its name is the gazetteer's, else the fullest form."""
    orgs: dict[str, Organisation] = {}
    order: list[str] = []
    for mention in mentions:
        key = mention.key
        if key not in orgs:
            prefixed = next((k for k in order if mention.kind == "cued" and _shares_acronym(mention, orgs[k])), None)
            if prefixed:
                key = prefixed
            else:
                orgs[key] = Organisation(name=mention.name or mention.text, role=None)
                order.append(key)
        org = orgs[key]
        org.mentions.append(mention)
        org.forms.append(mention.text)
        if mention.acronym:
            org.forms.append(mention.acronym)
            bare = mention.text[: mention.text.rfind("(")].strip()
            org.forms.append(bare)
        if mention.role == "council" or (mention.role == "provider" and org.role != "council") or org.role is None:
            org.role = mention.role
        named = mention.kind == "gazetteer" or (mention.kind == "defined" and org.name == org.mentions[0].text)
        if named and mention.name:
            org.name = mention.name
    _join_first_words(orgs, order)
    for org in orgs.values():
        if org.role == "council":
            councils = [m.name or m.text for m in org.mentions if m.kind in ("council", "defined")]
            org.name = max(councils, key=len) if councils else org.name
            org.name = re.sub(r"\s*\([^)]*\)$", "", org.name)
        org.name = " ".join(org.name.split())  # "Swale Borough\nCouncil" broke over a line
        org.forms = [" ".join(f.split()) for f in org.forms if f.strip()]
    return [orgs[k] for k in order]


def _shares_acronym(mention: Mention, org: Organisation) -> bool:
    return any(f.isupper() and f in mention.text.split() for f in org.forms)


_FULL_KINDS = {"suffix", "gazetteer", "defined", "named", "kinded"}  # a name given in full


def _join_first_words(orgs: dict[str, Organisation], order: list[str]) -> None:
    """A name that opens one body's full name found in the same text is that body named again:
    "Capita" after "Capita Symonds Limited", "Greater Manchester Mental Health" beside "Greater
    Manchester Mental Health NHS Foundation Trust (GMMH)", "Ginger Dog" after "Ginger Dog OD Ltd".
    Councils keep their own rules of nesting (a place and its council). Every full name is indexed
    by its openings, so a document of many names costs their words, not their pairs."""
    openings: dict[tuple[str, ...], list[str]] = {}
    for key in order:
        org = orgs[key]
        if org.role != "council" and any(m.kind in _FULL_KINDS for m in org.mentions):
            words = tuple(org.name.lower().split())
            for n in range(1, len(words)):
                openings.setdefault(words[:n], []).append(key)
    joined: set[str] = set()
    for key in order:
        org = orgs[key]
        if org.role == "council" or (org.role == "other" and any(m.kind == "gazetteer" for m in org.mentions)):
            continue
        fuller = [k for k in openings.get(tuple(org.name.lower().split()), []) if k != key and k not in joined]
        if len(fuller) != 1:
            continue
        target = orgs[fuller[0]]
        target.mentions = sorted([*target.mentions, *org.mentions], key=lambda m: m.start)
        target.forms += org.forms
        if org.role == "provider":
            target.role = "provider"
        joined.add(key)
    order[:] = [k for k in order if k not in joined]
    for key in joined:
        del orgs[key]
