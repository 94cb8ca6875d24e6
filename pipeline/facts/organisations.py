"""Organisations: councils, providers and other bodies, one fact per organisation with every
surface form as an alias ("ResoLUTiONs Change Grow Live (CGL)" ... "CGL" ... "ResoLUTiONs CGL").

Mentions come from the gazetteers (organisation_gazetteers.py), council names ("Luton Borough
Council"), acronym definitions whose long form names a body ("Public Health England (PHE)"),
capitalised names that a legal suffix ends ("Change, Grow, Live Services Limited"), suppliers named
by their context, a cue or a label (organisation_cues.py), and, last, names a trained model
proposes (organisation_model.py). Then roles are given (organisation_roles.py) and mentions are
grouped into organisations (organisation_groups.py). The patterns and tests the rules share are
in organisation_rules.py.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.base import add_candidate, spans, text_of
from pipeline.facts.organisation_aliases import LEGAL_TAIL, short_forms
from pipeline.facts.organisation_cues import cued, kinded, labelled, listed, siblings
from pipeline.facts.organisation_gazetteers import (
    GAZETTEERS,
    council_places,
    gazetteer_matcher,
    known_organisations,
    local_branches,
    names_a_thing,
)
from pipeline.facts.organisation_groups import group_mentions
from pipeline.facts.organisation_model import proposed_names
from pipeline.facts.organisation_roles import assign_roles
from pipeline.facts.organisation_rules import (
    ACRONYM_ANCHOR,
    CAP,
    QUOTE_ANCHOR,
    Claims,
    Mention,
    acronym_form_starts,
    acronym_matches,
    anonymised,
    council_key,
    council_names,
    inside_longer_name,
    known_tail,
    near,
    rules,
    trim_run,
    upper_council_names,
)
from pipeline.facts.scanning import alternation, finditer_at, opening_words
from pipeline.resources import pattern_data
from pipeline.schema import OrganisationValue, fold_name

COMPONENT = "organisation_finder"
__all__ = ["COMPONENT", "GAZETTEERS", "OrganisationFinder"]

@cache
def _inner_suffix() -> re.Pattern[str]:
    """Where one name ends inside a suffixed run and another begins: after a legal suffix or a
    body's head word ("Kendal College and Ginger Dog OD Ltd")."""
    data = pattern_data("organisations")
    ends = alternation([*data["legal_suffixes"], *data["heads"]])
    return re.compile(rf"[ \t](?:{ends})(?P<join>[ \t]+(?:and|&)[ \t]+)(?=[A-Z])")


# The words before "of" in a place's name ("Isle of Wight", "Vale of Glamorgan", "Forest of Dean")
_OF_PLACES = frozenset({"Isle", "Isles", "Vale", "Forest", "Soke", "Hundred"})
# "at Site B to Acme Ltd", "from Dover to Acme Ltd": a place before "to", not a name's first words
_FROM_PLACE = re.compile(r"\b(?:at|from|between|in|on)[ \t]+$")
# Words of an act or a document, which open a title ("Award to Acme Ltd"), never a company's name
_ACT_WORDS = frozenset({
    "award", "awarded", "awards", "payment", "payments", "paid", "grant", "grants", "transfer", "transferred",
    "extension", "variation", "letter", "report", "appendix", "annex", "novation", "novated", "change", "changes",
    "amendment", "amendments", "response", "submission", "approval", "recommendation", "update", "introduction",
    "welcome", "return", "move", "lease", "loan", "sale", "sold", "funding", "contribution", "delegation",
    "option", "options", "proposal", "proposals", "addendum", "assignment", "subsidy", "let", "licence",
    "notice", "request", "order", "orders", "direction", "referral", "reply", "thanks", "note",
})


# A deal's word earlier in the clause, and no cue right before the run: "award a contract for the
# old Church End Library to Acme Ltd" names what the contract is for, then its supplier
_DEAL_BEFORE = re.compile(r"\b(?:award|awarded|awarding|contract|contracts|let|lease|sale|transfer)\b[^.;:\n]*"
                          r"(?<!\bto)(?<!\bwith)(?<!\bby)(?<!\bfrom)[ \t]+$", re.I)
_AN_ARRANGEMENT = re.compile(r"\b(?:Contracts?|Agreements?|Framework|Frameworks|Scheme|Programme|Project)$")
_SENTENCE_AFTER = re.compile(r"[ \t]*(?:$|\n|[ \t][A-Z“\"‘(])")
_PLURAL_VERB = re.compile(r"[ \t]+(?:were|are|have|will\s+be|would\s+be)\b")


# What may follow an acronym in brackets and still be its name's: a trust's or company's last words
_TAIL_AFTER_ACRONYM = re.compile(r"[ \t]+((?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust|Ltd\.?|Limited|plc|LLP|CIC)\b")


class OrganisationFinder:
    def __init__(self, nlp: Language) -> None:
        self.matcher = gazetteer_matcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.mentions(doc)
        for org in group_mentions(mentions):
            first = org.mentions[0]
            aliases = sorted({f for f in org.forms if f != org.name})
            value = OrganisationValue(name=org.name, aliases=aliases, role=org.role or "other")  # type: ignore[arg-type]
            add_candidate(doc, "organisations", first.start, first.end, value, COMPONENT,
                          detail=[(m.start, m.end) for m in org.mentions])
        return doc

    def mentions(self, doc: Doc) -> list[Mention]:
        text = text_of(doc)
        r = rules()
        found: list[Mention] = []
        claims = Claims([(s.start_char, s.end_char) for s in spans(doc, "legislation")])

        def free(start: int, end: int) -> bool:
            """Take [start, end) for a mention about to be added, when it crosses no citation
            and no other mention, except shorter ones it contains ("CGL" in "ResoLUTiONs CGL")."""
            replaced = claims.claim(start, end)
            if replaced is None:
                return False
            if replaced:
                found[:] = [m for m in found if (m.start, m.end) not in replaced]
            return True

        for m in near(r.defined, ACRONYM_ANCHOR, text):
            self._defined(m, text, found, free)
        for m in near(r.quoted, QUOTE_ANCHOR, text):
            self._defined(m, text, found, free)
        for m in council_names(text):
            self._council(m, found, free)
        for m in upper_council_names(text):
            place = m.group("p").title()
            words = place.split()
            while words and words[0] in r.not_places | r.starters:
                words.pop(0)
            if words and free(m.start(), m.end()):
                kind = (m.group("type") or "").title()
                name = " ".join([*words, kind, "Council"]).replace("  ", " ")
                found.append(Mention(m.start(), m.end(), m.group(0), "council", council_key(" ".join(words)),
                                     name=name, role="council"))
        for start, end, key, name in local_branches(text):  # before the gazetteer, which knows the brand alone
            if free(start, end):
                found.append(Mention(start, end, text[start:end], "branch", key, name=name))
        # An acronym this text defines is its own: "CCS" after "Cambridgeshire Community Services
        # (CCS)" is that trust, not the gazetteer's Crown Commercial Service
        defined = {m.acronym for m in found if m.acronym}
        for _, s, e in self.matcher(doc):
            span = doc[s:e]
            known = None if span.text in defined else known_organisations().get(fold_name(span.text))
            if known and not inside_longer_name(text, span.start_char, span.end_char) and not (
                    names_a_thing(text, span.end_char)) and free(
                    span.start_char, span.end_char):
                # A supplier in the gazetteer is a provider only where the text says so here.
                # A council's short form ("RBKC") is one organisation with its spelled-out name.
                key = council_key(known.place or known.name) if known.role == "council" else fold_name(known.name)
                found.append(Mention(span.start_char, span.end_char, span.text, "gazetteer", key, name=known.name,
                                     role=None if known.role == "provider" else known.role,
                                     public_body=known.role == "other"))
        for m in near(r.suffixed, r.suffix_anchor, text):
            self._suffixed(m, text, found, free)
        for m in near(r.named, r.head_anchor, text):
            self._named(m, found, free)
        # A label's value ends at its line or cell: it goes before the cued run, which reads on
        labelled(text, found, free)
        listed(text, found, free)
        cued(text, found, free)
        kinded(text, found, free)
        self._later_forms(text, found, free)
        self._initialisms(text, found, free)
        self._council_initialisms(text, found, free)
        for m in near(r.named_by_verb, r.verb_anchor, text):
            self._named(m, found, free, role="provider")
        short_forms(text, found, free)  # after every rule that finds a suffixed name
        siblings(text, found, free)  # after every rule that finds a name a list may go on from
        # Last, so that every rule has had its say: the model only fills what they left.
        for start, end in proposed_names(text):
            self._add_name(text[start:end], start, found, free, kind="model")
        found.sort(key=lambda m: m.start)
        assign_roles(text, found)
        # A proposal stays only where the text makes it a supplier: the model is there to find the
        # suppliers the rules miss, and elsewhere its guesses cost more than they find.
        return [m for m in found if m.kind != "model" or m.role == "provider"]

    def _suffixed(self, m: re.Match[str], text: str, found: list[Mention], free: object) -> None:
        r = rules()
        if m.group("suffix") == "Limited" and re.match(r"[ \t]+[A-Z]", text[m.end():m.end() + 2]):
            return  # "Time Limited Debate": an adjective, not a company
        name, start = trim_run(m.group("name"), m.start("name"), r.starters)
        if not name or anonymised(name):
            return
        before, to, _ = name.rpartition(" to ")
        if to and (any(w in r.generic or w in r.not_places or w.lower() in _ACT_WORDS or len(w) < 2
                       or any(c.isdigit() for c in w) for w in before.split())
                   or fold_name(before) in council_places() or _FROM_PLACE.search(text[max(0, start - 12):start])
                   or _DEAL_BEFORE.search(text, max(0, start - 120), start)):
            # "Contract Award to Acme Ltd", "Kent to Acme Ltd", "the housing at Site B to Acme Ltd",
            # "award a contract for the old Church End Library to Acme Ltd": the name is what follows "to"
            start += len(before) + len(to)
            name = name[len(before) + len(to):]
        name, start = known_tail(name, start)
        # "Mears Housing Management Limited & Plexus UK ... Limited": two companies, not one
        inner = _inner_suffix().search(name)
        if inner:
            parts = [(start, start + inner.start("join")), (start + inner.end("join"), m.end())]
        else:
            parts = [(start, m.end())]
        for first, last in parts:
            if text[last - 1] == "." and _SENTENCE_AFTER.match(text, last):
                last -= 1  # "awarded to Acme Ltd. The works start": the full stop ends the sentence
            if free(first, last):  # type: ignore[operator]
                surface = text[first:last]
                found.append(Mention(first, last, surface, "suffix", fold_name(surface)))

    def _named(self, m: re.Match[str], found: list[Mention], free: object, role: str | None = None) -> None:
        name, start = m.group("name"), m.start("name")
        # "NexaSoft and Brightwave were appointed": a plural verb after names joined by "and"
        if role and _PLURAL_VERB.match(m.string, m.end("name")) and " and " in name:
            for part in re.finditer(r"\S(?:.*?\S)?(?=\s+and\s+|$)", name.replace(" and ", " and  ")):
                self._add_name(part.group(0).strip(), start + part.start(), found, free, role=role)
            return
        self._add_name(name, start, found, free, role=role)

    def _add_name(self, name: str, start: int, found: list[Mention], free: object, role: str | None = None,
                  kind: str = "named") -> None:
        """A name found by its shape or proposed by the model, once it passes the filters every
        such name passes: no sentence starter, place, job title, anonymised bidder or run of
        generic words ("Strategic Procurement")."""
        r = rules()
        name, start = trim_run(name, start, r.starters)
        name = re.sub(r"['’]s$", "", name)  # "the Bank of England's": the name, not the possessive
        name, start = known_tail(name, start)
        words = name.split()
        if not words or words[0] in r.not_places or all(w in r.generic or not w[:1].isupper() for w in words):
            return
        if any(w in r.jobs for w in words) or anonymised(name) or _AN_ARRANGEMENT.search(name):
            return  # "The Veolia Waste Contract runs to 2030": a contract, not its supplier
        end = start + len(name)
        if not fold_name(name):
            return  # "Ltd" alone, "The": nothing left once suffixes and articles are folded away
        if free(start, end):  # type: ignore[operator]
            found.append(Mention(start, end, name, kind, fold_name(name), role=role))

    def _council_initialisms(self, text: str, found: list[Mention], free: object) -> None:
        """"KCC", "LBC", "RBKC": a council's initials, used again and again, name it even where
        the document never spells the name out."""
        r = rules()
        matches = list(r.council_initialism.finditer(text))
        counts: dict[str, int] = {}
        for m in matches:
            counts[m.group("acr")] = counts.get(m.group("acr"), 0) + 1
        for m in matches:
            acronym = m.group("acr")
            if counts[acronym] >= 2 and free(m.start("acr"), m.end("acr")):  # type: ignore[operator]
                found.append(Mention(m.start("acr"), m.end("acr"), acronym, "acronym", f"council:{acronym.lower()}",
                                     name=acronym, role="council"))

    def _defined(self, m: re.Match[str], text: str, found: list[Mention], free: object) -> None:
        r = rules()
        name, start = trim_run(m.group("name"), m.start("name"), r.starters)
        acronym = m.group("acr")
        quoted = m.re is r.quoted
        expansion = (name if quoted else acronym_matches(name, acronym)) if name else None
        if expansion is None or any(w in r.jobs for w in expansion.split()):
            return  # "Police Community Support Officer (PCSO)" is a job
        prefix = name[: len(name) - len(expansion)].rstrip()
        if prefix and re.search(r"(?:\band|\bof|\bfor|&|,)$", prefix):
            # "the Department of Health and Social Care and Public Health England (PHE)": two bodies
            start += len(name) - len(expansion)
            name = expansion
        elif " and " in prefix:  # "Kirklees Council and Kirklees Integrated Care Board (ICB)": two too
            cut = prefix.rindex(" and ") + len(" and ")
            start, name = start + cut, name[cut:]
        known = known_organisations().get(fold_name(expansion)) or known_organisations().get(fold_name(name))
        is_council = bool(re.search(r"\bCouncil$", expansion))
        # a supplier's cue before it, or its verb after the brackets ("British Telecom (BT) be awarded")
        cued = bool(r.cue.search(text[max(0, start - 45):start]) or r.cue_after.match(text, m.end(), m.end() + 80))
        legal = bool(re.search(r"\b(?:Ltd|Limited|plc|LLP|CIC)\.?$", expansion))
        end = m.end()
        tail = None if known or is_council or acronym[1:].islower() else _TAIL_AFTER_ACRONYM.match(text, end)
        if tail:
            # "Cambridgeshire Community Services (CCS) NHS Trust": the acronym inside the name
            end, expansion = tail.end(), f"{expansion} {tail.group(1)}"
            name, legal = expansion, True
        if not (known or is_council or cued or legal or r.heads.search(expansion)):
            return  # (before claiming the span: a rule after this one may still find a name there)
        if not free(start, end):  # type: ignore[operator]
            return
        canonical = known.name if known else name
        role = "council" if is_council else (known.role if known else None)
        key = council_key(expansion) if is_council else fold_name(known.name if known else expansion)
        found.append(Mention(start, end, text[start:end], "defined", key, name=canonical,
                             role=role, acronym=acronym))
        if expansion != name:
            found[-1].name = known.name if known else expansion

    def _council(self, m: re.Match[str], found: list[Mention], free: object) -> None:
        r = rules()
        place = m.group("p1") or m.group("p2") or m.group("p3")
        start = m.start("p1") if m.group("p1") else (m.start("p2") if m.group("p2") else m.start("p3"))
        words = place.split()
        connectors = set(pattern_data("organisations")["place_connectors"])
        acronyms = [i for i, w in enumerate(words) if len(w) >= 2 and w.isupper()]
        if acronyms and acronyms[-1] + 1 < len(words) and words[acronyms[-1] + 1] == "and":
            # "NHS and Medway Council": a body, then a council
            cut = acronyms[-1] + 2
            start += len(" ".join(words[:cut])) + 1
            words = words[cut:]
        cuts = [i for i, w in enumerate(words) if w == "of" and i and words[i - 1] not in _OF_PLACES]
        if cuts and not (m.group("lb") or m.group("p2")):
            # "Councillors of Dorset Council", "Cllr Smith of Dorset Council": a person of the council
            start += len(" ".join(words[:cuts[-1] + 1])) + 1
            words = words[cuts[-1] + 1:]
        while words and (words[0] in r.not_places or words[0] in r.starters or words[0] in connectors):
            start += len(words[0]) + 1
            words.pop(0)
        # "Public Health Kirklees Council": a department's generic words before a council's place
        cut = next((i for i in range(1, len(words)) if fold_name(" ".join(words[i:])) in council_places()
                    and all(w in r.generic for w in words[:i])), 0)
        start, words = start + len(" ".join(words[:cut])) + bool(cut), words[cut:]
        types = {w for t in pattern_data("organisations")["council_types"] for w in t.split()}
        while words and words[-1] in types:
            words.pop()  # "Luton Borough": the type belongs to the council, not the place
        if not words or words[-1] in r.not_places:
            return
        if m.group("lb") or m.group("p2"):
            start = m.start()  # "London Borough of Merton", "City of York Council": the name is whole
        if not free(start, m.end()):  # type: ignore[operator]
            return
        surface = m.string[start:m.end()]
        found.append(Mention(start, m.end(), surface, "council", council_key(" ".join(words)),
                             name=surface, role="council"))

    def _later_forms(self, text: str, found: list[Mention], free: object) -> None:
        """Acronyms defined earlier, alone or after a brand word ("ResoLUTiONs CGL")."""
        acronyms = {m.acronym: m for m in found if m.acronym}
        if not acronyms:
            return
        pattern = re.compile(rf"(?:(?P<prefix>{CAP})\s+)?\b(?P<acr>{'|'.join(map(re.escape, acronyms))})\b(?!\s*\()")
        for m in finditer_at(pattern, text, acronym_form_starts(text, acronyms)):
            owner = acronyms[m.group("acr")]
            start = m.start()
            prefix = m.group("prefix")
            if not prefix or prefix not in owner.text.split():
                start = m.start("acr")
            if free(start, m.end()):  # type: ignore[operator]
                found.append(Mention(start, m.end(), text[start:m.end()], "acronym", owner.key,
                                     name=owner.name, role=owner.role))


    def _initialisms(self, text: str, found: list[Mention], free: object) -> None:
        """Initials of a name found in the text stand for it: "LBC" for "Luton Borough Council"."""
        by_initials: dict[str, Mention] = {}
        for mention in found:
            # (a company's legal suffix is no word of its initials: "TPE" for "Tatton Park Enterprises Ltd")
            words = [w for w in LEGAL_TAIL.sub("", mention.name or mention.text).split() if w[:1].isupper()]
            if len(words) >= 3 and mention.kind in ("council", "defined", "gazetteer", "branch", "suffix"):
                by_initials.setdefault("".join(w[0] for w in words), mention)
        if not by_initials:
            return
        for mention in found:  # "TPE Ltd", found by its suffix: the initials with the suffix
            owner = by_initials.get(LEGAL_TAIL.sub("", mention.text)) if mention.kind == "suffix" else None
            if owner is not None and owner is not mention:
                mention.key, mention.name, mention.role = owner.key, owner.name, mention.role or owner.role
        # `\b(?:initials)\b`, written so that a scan skips to their first letters. (Their order never
        # mattered: of two, one a start of the other, only the shorter could be followed by a \b.)
        pattern = re.compile(opening_words(by_initials) + r"\b")
        for m in pattern.finditer(text):
            owner = by_initials[m.group(0)]
            if free(m.start(), m.end()):  # type: ignore[operator]
                found.append(Mention(m.start(), m.end(), m.group(0), "acronym", owner.key,
                                     name=owner.name, role=owner.role))


@Language.factory(COMPONENT, assigns=["doc.spans"], requires=["doc.spans"])
def make_organisation_finder(nlp: Language, name: str) -> OrganisationFinder:
    return OrganisationFinder(nlp)
