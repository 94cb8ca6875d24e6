"""Organisations: councils, providers and other bodies, one fact per organisation with every
surface form as an alias ("ResoLUTiONs Change Grow Live (CGL)" ... "CGL" ... "ResoLUTiONs CGL").

Without a statistical model, mentions come from four sources: the gazetteer
(models/gazetteers/organisations.csv), council names ("Luton Borough Council"), acronym
definitions whose long form names a body ("Public Health England (PHE)"), and capitalised names
that a provider cue introduces ("an arrangement with X", "awarded to X") or a legal suffix ends
("Change, Grow, Live Services Limited"). Mentions are then grouped into organisations.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.facts.base import add_candidate, alternation, finditer_near, spans, text_of
from pipeline.facts.organisation_model import proposed_names
from pipeline.resources import gazetteer, pattern_data
from pipeline.schema import OrganisationValue, fold_name

COMPONENT = "organisation_finder"

_CAP = r"(?:[A-Z][\w'’-]*|[a-z]+[A-Z][\w'’-]*)"  # "Kent", "ResoLUTiONs", "eBay"
# Words of one name are joined by spaces or one line end, never by a paragraph break.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_LINK = rf"(?:{_GAP}|,[ \t]+(?=[A-Z])|{_GAP}(?:and|of|for|&|the|in|on|upon|at|de|du){_GAP})"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # gazetteer | council | acronym | defined | suffix | cued | named | model
    key: str  # what groups it with other mentions
    name: str | None = None  # canonical name, when a source knows it
    role: str | None = None
    acronym: str | None = None
    public_body: bool = False  # a gazetteer body that is never a supplier (a department, a regulator)


@dataclass
class Organisation:
    name: str
    role: str | None
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Rules:
    council: re.Pattern[str]
    council_upper: re.Pattern[str]
    defined: re.Pattern[str]
    suffixed: re.Pattern[str]
    cue: re.Pattern[str]
    cue_after: re.Pattern[str]
    named_by_verb: re.Pattern[str]
    quoted: re.Pattern[str]
    heads: re.Pattern[str]
    named: re.Pattern[str]
    council_initialism: re.Pattern[str]
    lead: re.Pattern[str]
    suffix_anchor: re.Pattern[str]
    head_anchor: re.Pattern[str]
    verb_anchor: re.Pattern[str]
    not_places: frozenset[str]
    starters: frozenset[str]
    generic: frozenset[str]
    jobs: frozenset[str]


@cache
def rules() -> _Rules:
    data = pattern_data("organisations")
    types = alternation(data["council_types"])
    connectors = alternation(data["place_connectors"])
    # A place never runs over a line end: "Georgina Little\nCouncil" is a signature, not a council.
    place = rf"[A-Z][\w'’.-]*(?:(?:[ \t]+(?:{connectors})[ \t]+|[ \t]+|-)[A-Z][\w'’.-]*)*"
    council = re.compile(
        rf"\b(?:(?P<lb>(?:Royal|London)[ \t]+Borough[ \t]+of[ \t]+(?P<p1>{place}))(?:\s+Council)?"
        rf"|City[ \t]+of[ \t]+(?P<p2>{place})\s+Council|(?P<p3>{place})(?:\s+(?P<type>{types})\s+|[ \t]+)Council)"
        rf"(?![\w-])"
    )
    council_upper = re.compile(
        r"\b(?P<p>[A-Z][A-Z'’-]+(?:\s+(?:AND|UPON|ON|&)?\s*[A-Z][A-Z'’-]+)*)\s+"
        r"(?P<type>COUNTY|BOROUGH|CITY|DISTRICT|METROPOLITAN BOROUGH)?\s*COUNCIL\b"
    )
    run = rf"{_CAP}(?:{_LINK}{_CAP})*"
    defined = re.compile(rf"(?P<name>{run})\s+\((?P<acr>[A-Z][A-Za-z&]{{1,9}})\)")
    suffixes = alternation(data["legal_suffixes"])
    # "Farrans (Construction) Ltd", "Plexus UK (First Project) Limited": a qualifier in brackets
    suffixed = re.compile(rf"(?P<name>{run}(?:[ \t]+\([A-Z][\w &'’-]{{1,40}}\))?)\s+(?P<suffix>{suffixes})(?![\w])")
    cue = re.compile(rf"(?:^|\W)(?:{alternation(data['provider_cues'])})\s*(?:\(|,|:)?\s*(?:the\s+|to\s+)?$", re.I)
    # "Fenmoor Leisure Trust Limited, a charitable trust, was appointed"
    cue_after = re.compile(
        rf"[\s)”\"’']*(?:,[^,.;]{{0,50}},\s*)?(?:{alternation(data['provider_verbs_after'])})\b", re.I)
    # "King and Shaxson acts as the Council's broker": a name the verb after it makes a supplier
    named_by_verb = re.compile(
        rf"(?P<name>{run})[ \t]*(?:,[^,.;\n]{{0,50}},[ \t]*)?(?:{alternation(data['provider_verbs_after'])})\b")
    quoted = re.compile(
        rf"(?P<name>{run})\s+\((?:the\s+|hereafter\s+)?[“\"‘'](?P<acr>[A-Z][\w &'’-]{{1,40}}?)[”\"’']\)")
    heads = re.compile(rf"\b(?:{alternation(data['heads'])})\b")
    suffix_anchor = re.compile(rf"(?:{suffixes})(?![\w])")
    head_anchor = re.compile(rf"\b(?:{alternation(data['named_heads'])}|Bank|University|College|Institute|Society"
                             rf"|Association|Federation)\b")
    verb_anchor = re.compile(rf"\b(?:{alternation(data['provider_verbs_after'])})\b", re.I)
    # "the Living Wage Foundation", "Kent Police": a name ending in a word that only bodies end in
    heads_of = "Bank|University|College|Institute|Society|Association|Federation"
    named = re.compile(
        rf"(?P<name>(?:(?:{_CAP}{_LINK})+?(?:{alternation(data['named_heads'])})|\b(?:{heads_of}))"
        rf"(?:[ \t]+(?:of|for)[ \t]+{_CAP}(?:[ \t]+{_CAP})*)?)"  # "Bank of Nova Scotia", "Bank of Montreal"
        rf"(?![\w'’-]|[ \t]+[A-Z])")  # "Early Years Foundation Stage" goes on: not a body's name
    initialism = re.compile(r"\b(?P<acr>[A-Z]{1,3}(?:CC|BC|DC|MBC))(?:['’]s)?\b")
    lead = re.compile(rf"\b(?:{alternation(data['provider_lead_words'])})\b[^.;:\n]{{0,140}}?"
                      r"[ \t](?:to|with|from|of)[ \t]+(?:the[ \t]+)?$", re.I)
    return _Rules(council, council_upper, defined, suffixed, cue, cue_after, named_by_verb, quoted, heads, named,
                  initialism, lead, suffix_anchor, head_anchor, verb_anchor,
                  frozenset(data["not_places"]), frozenset(data["sentence_starters"]),
                  frozenset(data["generic_words"]), frozenset(data["job_words"]))


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


def _matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ORG", [nlp.make_doc(form) for form in _gazetteer_forms()])
    return matcher


def _trim_run(text: str, start: int, starters: frozenset[str]) -> tuple[str, int]:
    """Drop sentence openers and connectors from the front of a capitalised run."""
    words = text.split(" ")
    while words and (words[0] in starters or words[0].islower() or words[0] in ("", ",")):
        start += len(words[0]) + 1
        words.pop(0)
    return " ".join(words), start


def acronym_matches(name: str, acronym: str) -> str | None:
    """The words at the end of a name whose initials spell an acronym, or None.

    >>> acronym_matches("ResoLUTiONs Change Grow Live", "CGL")
    'Change Grow Live'
    >>> acronym_matches("Office for Health Improvement and Disparities", "OHID")
    'Office for Health Improvement and Disparities'
    >>> acronym_matches("Department for Education", "DfE")
    'Department for Education'
    >>> acronym_matches("Medium Term Financial Plan", "KCC") is None
    True
    """
    letters = [c for c in acronym if c.isupper()]
    words = name.replace(",", " ").split()
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(capitals) < len(letters):
        return None
    tail = capitals[-len(letters):]
    if [words[i][0] for i in tail] == letters:
        return " ".join(words[tail[0]:])
    return None


class OrganisationFinder:
    def __init__(self, nlp: Language) -> None:
        self.matcher = _matcher(nlp)

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
        claims = _Claims([(s.start_char, s.end_char) for s in spans(doc, "legislation")])

        def free(start: int, end: int) -> bool:
            """Take [start, end) for a mention about to be added, when it crosses no citation
            and no other mention, except shorter ones it contains ("CGL" in "ResoLUTiONs CGL")."""
            replaced = claims.claim(start, end)
            if replaced is None:
                return False
            if replaced:
                found[:] = [m for m in found if (m.start, m.end) not in replaced]
            return True

        for m in _near(r.defined, _ACRONYM_ANCHOR, text):
            self._defined(m, text, found, free)
        for m in _near(r.quoted, _QUOTE_ANCHOR, text):
            self._defined(m, text, found, free)
        for m in r.council.finditer(text):
            self._council(m, found, free)
        for m in r.council_upper.finditer(text):
            place = m.group("p").title()
            words = place.split()
            while words and words[0] in r.not_places | r.starters:
                words.pop(0)
            if words and free(m.start(), m.end()):
                kind = (m.group("type") or "").title()
                name = " ".join([*words, kind, "Council"]).replace("  ", " ")
                found.append(Mention(m.start(), m.end(), m.group(0), "council", _council_key(" ".join(words)),
                                     name=name, role="council"))
        for _, s, e in self.matcher(doc):
            span = doc[s:e]
            known = known_organisations().get(fold_name(span.text))
            if known and not _inside_longer_name(text, span.start_char, span.end_char) and free(
                    span.start_char, span.end_char):
                # A supplier in the gazetteer is a provider only where the text says so here.
                # A council's short form ("RBKC") is one organisation with its spelled-out name.
                key = _council_key(known.place or known.name) if known.role == "council" else fold_name(known.name)
                found.append(Mention(span.start_char, span.end_char, span.text, "gazetteer", key, name=known.name,
                                     role=None if known.role == "provider" else known.role,
                                     public_body=known.role == "other"))
        for m in _near(r.suffixed, r.suffix_anchor, text):
            self._suffixed(m, text, found, free)
        for m in _near(r.named, r.head_anchor, text):
            self._named(m, found, free)
        self._cued(text, found, free)
        self._later_forms(text, found, free)
        self._initialisms(text, found, free)
        self._council_initialisms(text, found, free)
        for m in _near(r.named_by_verb, r.verb_anchor, text):
            self._named(m, found, free, role="provider")
        # Last, so that every rule has had its say: the model only fills what they left.
        for start, end in proposed_names(text):
            self._add_name(text[start:end], start, found, free, kind="model")
        found.sort(key=lambda m: m.start)
        previous: Mention | None = None
        for mention in found:
            if mention.role == "council":
                previous = mention
                continue
            before = r.cue.search(text[max(0, mention.start - 45):mention.start])
            after = r.cue_after.match(text, mention.end, mention.end + 80)
            # "award of the contract for the supply of food to X": the cue stands further back
            led = r.lead.search(text[max(0, mention.start - 160):mention.start])
            # "a contract with A Limited & B Limited", "A Ltd and B plc were appointed": names joined
            # to a supplier are suppliers too, whichever of them the cue stands by
            joined = previous is not None and bool(_JOINED.fullmatch(text, previous.end, mention.start))
            # "the DfE provides funding": a public body's verbs do not make it a supplier
            if (before or ((after or led or (joined and previous and previous.role == "provider"))
                           and not mention.public_body) or _listed_under_cue(text, mention.start)):
                mention.role = "provider"
                if joined and previous and previous.role is None and not previous.public_body:
                    previous.role = "provider"
            previous = mention
        return found

    def _suffixed(self, m: re.Match[str], text: str, found: list[Mention], free: object) -> None:
        r = rules()
        if m.group("suffix") == "Limited" and re.match(r"[ \t]+[A-Z]", text[m.end():m.end() + 2]):
            return  # "Time Limited Debate": an adjective, not a company
        name, start = _trim_run(m.group("name"), m.start("name"), r.starters)
        if not name or _anonymised(name):
            return
        name, start = _known_tail(name, start)
        # "Mears Housing Management Limited & Plexus UK ... Limited": two companies, not one
        inner = re.search(rf"[ \t](?:{alternation(pattern_data('organisations')['legal_suffixes'])})"
                          r"(?P<join>[ \t]+(?:and|&)[ \t]+)(?=[A-Z])", name)
        if inner:
            parts = [(start, start + inner.start("join")), (start + inner.end("join"), m.end())]
        else:
            parts = [(start, m.end())]
        for first, last in parts:
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
        name, start = _trim_run(name, start, r.starters)
        name = re.sub(r"['’]s$", "", name)  # "the Bank of England's": the name, not the possessive
        name, start = _known_tail(name, start)
        words = name.split()
        if not words or words[0] in r.not_places or all(w in r.generic or not w[:1].isupper() for w in words):
            return
        if any(w in r.jobs for w in words) or _anonymised(name):
            return
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
        name, start = _trim_run(m.group("name"), m.start("name"), r.starters)
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
        if not free(start, m.end()):  # type: ignore[operator]
            return
        known = known_organisations().get(fold_name(expansion)) or known_organisations().get(fold_name(name))
        is_council = bool(re.search(r"\bCouncil$", expansion))
        cued = bool(r.cue.search(text[max(0, start - 45):start]))
        legal = bool(re.search(r"\b(?:Ltd|Limited|plc|LLP|CIC)\.?$", expansion))
        if not (known or is_council or cued or legal or r.heads.search(expansion)):
            return
        canonical = known.name if known else (name if is_council else name)
        role = "council" if is_council else (known.role if known else None)
        key = _council_key(expansion) if is_council else fold_name(known.name if known else expansion)
        found.append(Mention(start, m.end(), text[start:m.end()], "defined", key, name=canonical,
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
        while words and (words[0] in r.not_places or words[0] in r.starters or words[0] in connectors):
            start += len(words[0]) + 1
            words.pop(0)
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
        found.append(Mention(start, m.end(), surface, "council", _council_key(" ".join(words)),
                             name=surface, role="council"))

    def _cued(self, text: str, found: list[Mention], free: object) -> None:
        """Capitalised names right after a provider cue: "arrangement with Brightpath Care"."""
        r = rules()
        run = re.compile(rf"{_CAP}(?:{_LINK}{_CAP})*")
        for cue in re.finditer(r"(?:with|to|by|from|of|provider|providers|contractor|supplier|operator|bidder)"
                               r"\s*[(,:]?\s*(?:the\s+)?", text):
            if not r.cue.search(text[max(0, cue.end() - 45):cue.end()]):
                continue
            m = run.match(text, cue.end())
            if not m:
                continue
            name, start = _trim_run(m.group(0), m.start(), r.starters)
            name = re.sub(r"['’]s$", "", name.rstrip(" ,."))
            words = name.split()
            if len(name) < 3 or not words or all(w in r.generic for w in words):
                continue  # "the Council's": no name at all
            if words[0] in r.not_places or _looks_like_date_or_place_word(name) or _anonymised(name):
                continue
            if not free(start, start + len(name)):  # type: ignore[operator]
                continue
            found.append(Mention(start, start + len(name), name, "cued", fold_name(name), role="provider"))

    def _later_forms(self, text: str, found: list[Mention], free: object) -> None:
        """Acronyms defined earlier, alone or after a brand word ("ResoLUTiONs CGL")."""
        acronyms = {m.acronym: m for m in found if m.acronym}
        if not acronyms:
            return
        pattern = re.compile(rf"(?:(?P<prefix>{_CAP})\s+)?\b(?P<acr>{'|'.join(map(re.escape, acronyms))})\b(?!\s*\()")
        for m in pattern.finditer(text):
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
            words = [w for w in (mention.name or mention.text).split() if w[:1].isupper()]
            if len(words) >= 3 and mention.kind in ("council", "defined", "gazetteer", "suffix"):
                by_initials.setdefault("".join(w[0] for w in words), mention)
        if not by_initials:
            return
        pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, by_initials))})\b")
        for m in pattern.finditer(text):
            owner = by_initials[m.group(0)]
            if free(m.start(), m.end()):  # type: ignore[operator]
                found.append(Mention(m.start(), m.end(), m.group(0), "acronym", owner.key,
                                     name=owner.name, role=owner.role))


_PLURAL_VERB = re.compile(r"[ \t]+(?:were|are|have|will\s+be|would\s+be)\b")
_JOINED = re.compile(r"(?:[ \t]+(?:Ltd|Limited|plc|PLC|LLP)\.?)?\s*(?:,|,?\s*(?:and|&))\s*")


@cache
def _anonymised_pattern() -> re.Pattern[str]:
    words = alternation(pattern_data("organisations")["anonymised"])
    return re.compile(rf"^(?:{words})\s+(?:[A-Z]|\d+)\b")


def _anonymised(name: str) -> bool:
    """"Bidder A", "Supplier 2 Limited": bodies a report chose not to name.

    >>> _anonymised("Bidder A"), _anonymised("Bidder A Limited"), _anonymised("Brightpath Care")
    (True, True, False)
    """
    return bool(_anonymised_pattern().match(name))


def _looks_like_date_or_place_word(name: str) -> bool:
    months = {"January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"}
    return name.split()[0] in months


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """"Kent Police" inside "Kent Police and Crime Commissioner" is not a mention of its own."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return bool(re.match(r" [A-Z]", after) and not re.match(r" [A-Z]+\b", after)) or bool(
        re.search(r"[A-Za-z]-?$", before.strip(" ")) and before.endswith(" ") and before.strip()[-1:].isupper())


_LIST_CUE = re.compile(r"\b(?:contracts?|providers?|suppliers?|contractors?)\s*:\s*\n", re.I)


_ACRONYM_ANCHOR = re.compile(r"\([A-Z][A-Za-z&]{1,9}\)")
_QUOTE_ANCHOR = re.compile(r"\((?:the\s+|hereafter\s+)?[“\"‘']")
_BEFORE, _AFTER = 400, 200  # how far a name may reach before its anchor word, and after it


def _near(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """A name pattern's matches, sought only around the words every match must hold (an
    acronym in brackets, a legal suffix, a body's word, a supplier's verb): scanning the whole
    text tries a run of capitalised words from each of its words."""
    return finditer_near(pattern, anchor, text, _BEFORE, _AFTER)


class _Claims:
    """The character ranges mentions hold, looked up by bisection: a long report names
    thousands of bodies, and a scan of every mention per new one would grow with their square.

    >>> claims = _Claims(blocked=[(50, 60)])
    >>> claims.claim(0, 3), claims.claim(0, 10), claims.claim(5, 12), claims.claim(55, 58)
    (set(), {(0, 3)}, None, None)
    """

    def __init__(self, blocked: list[tuple[int, int]]) -> None:
        blocked = sorted(blocked)
        self._blocked_starts = [s for s, _ in blocked]
        self._blocked_reach: list[int] = []  # the furthest end among the first k citations
        for _, e in blocked:
            self._blocked_reach.append(max(e, self._blocked_reach[-1]) if self._blocked_reach else e)
        # Claimed ranges never overlap, so sorted by start they are sorted by end as well.
        self._starts: list[int] = []
        self._ends: list[int] = []

    def claim(self, start: int, end: int) -> set[tuple[int, int]] | None:
        """The ranges the new one replaces (those it contains), or None when it may not be taken."""
        j = bisect.bisect_left(self._blocked_starts, end)
        if j and self._blocked_reach[j - 1] > start:
            return None
        i, k = bisect.bisect_right(self._ends, start), bisect.bisect_left(self._starts, end)
        overlapping = list(zip(self._starts[i:k], self._ends[i:k], strict=True))
        if any(not (start <= s and e <= end) or (s, e) == (start, end) for s, e in overlapping):
            return None
        del self._starts[i:k], self._ends[i:k]
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return set(overlapping)


def _listed_under_cue(text: str, start: int) -> bool:
    """A name opening a line of a list headed "... the following contracts:" is a supplier.

    >>> text = "It affects these contracts:\\nAcme Care Ltd Northgate Hub\\nBrightpath CIC Southgate Hub"
    >>> _listed_under_cue(text, text.index("Acme")), _listed_under_cue(text, text.index("Brightpath"))
    (True, True)
    >>> text = "The contracts: none.\\n\\nAcme Care Ltd wrote to us."
    >>> _listed_under_cue(text, text.index("Acme"))
    False
    """
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    paragraph = max(text.rfind("\n\n", 0, start), start - 400)
    return bool(_LIST_CUE.search(text, paragraph, line_start))


def _known_tail(name: str, start: int) -> tuple[str, int]:
    """The longest known organisation a run of words ends with, when it ends with one:
    "Call Account National Westminster Bank" is a table's cells running into the name."""
    words = list(re.finditer(r"\S+", name))
    for word in words[1:]:
        tail = name[word.start():]
        if fold_name(tail) in known_organisations():
            return tail, start + word.start()
    return name, start


def _council_key(place: str) -> str:
    words = fold_name(place).split()
    generic = {"borough", "county", "city", "district", "metropolitan", "royal", "london", "of", "council", "town"}
    return "council:" + " ".join(w for w in words if w not in generic)


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


@Language.factory(COMPONENT, assigns=["doc.spans"], requires=["doc.spans"])
def make_organisation_finder(nlp: Language, name: str) -> OrganisationFinder:
    return OrganisationFinder(nlp)
