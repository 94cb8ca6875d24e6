"""What the organisation finder's rules are made of: a mention, the compiled patterns of
models/patterns/organisations.json, and the small tests a candidate name must pass."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from pipeline.facts.organisation_gazetteers import known_organisations
from pipeline.facts.scanning import (
    alternation,
    finditer_in_stretches,
    finditer_in_windows,
    near_windows,
    opening_words,
    stretches,
)
from pipeline.resources import pattern_data
from pipeline.schema import fold_name

CAP = r"(?:[A-Z][\w'’-]*(?:&[A-Z][\w'’-]*)?|[a-z]+[A-Z][\w'’-]*)"  # "Kent", "ResoLUTiONs", "eBay", "E&S"
# Words of one name are joined by spaces or one line end, never by a paragraph break.
# Read after a lead word: no grant or funding in the rest of its clause ("award a grant of £5,000 to
# X": a grant's recipient is no supplier)
NO_GRANT = r"(?![^.;:\n]*\b(?:grants?|funding)\b)"
# "a funding agreement with X": a grant's recipient, named but no supplier
GRANT_AGREEMENT = re.compile(r"\b(?:grant|funding)[ \t]+(?:agreement|arrangement)s?[ \t]+with[ \t]+(?:the[ \t]+)?$",
                             re.I)
GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
LINK = rf"(?:{GAP}|,[ \t]+(?=[A-Z])|{GAP}(?:and|of|for|&|the|in|on|upon|at|de|du){GAP})"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # gazetteer | branch | council | acronym | defined | suffix | cued | named | model
    key: str  # what groups it with other mentions
    name: str | None = None  # canonical name, when a source knows it
    role: str | None = None
    acronym: str | None = None
    public_body: bool = False  # a gazetteer body that is never a supplier (a department, a regulator)


@dataclass(frozen=True)
class Rules:
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
    council_barrier: re.Pattern[str]  # a character no council name holds (a comma, a bracket)
    # For some name patterns near() seeks, what its every match holds and a character none holds
    within: dict[re.Pattern[str], tuple[re.Pattern[str], re.Pattern[str]]]


@cache
def rules() -> Rules:
    data = pattern_data("organisations")
    types = alternation(data["council_types"])
    connectors = alternation(data["place_connectors"])
    # A place never runs over a line end: "Georgina Little\nCouncil" is a signature, not a council.
    # A full stop ends a place word only as "St." does: "Action Report. The X Parish Council" is two sentences
    # "Council" ends a council's name: "Kent County Council and Medway Council" names two
    word = r"(?:St\.|(?!Council(?:s|lors?)?\b)[A-Z][\w'’-]*(?:\.[\w'’-]+)*)"
    place = rf"{word}(?:(?:[ \t]+(?:{connectors})[ \t]+|[ \t]+|-){word})*"
    council = re.compile(
        rf"\b(?:(?P<lb>(?:Royal|London)[ \t]+Borough[ \t]+of[ \t]+(?P<p1>{place}))(?:\s+Council)?"
        # "City of York Council"; "City and County of Swansea" is a council's whole name
        rf"|City[ \t]+(?P<cc>and[ \t]+County[ \t]+)?of[ \t]+(?P<p2>{place})(?(cc)(?:\s+Council)?|\s+Council)"
        rf"|(?P<p3>{place})(?:\s+(?P<type>{types})\s+|[ \t]+)Council)"
        rf"(?![\w-])"
    )
    council_upper = re.compile(
        r"\b(?P<p>[A-Z][A-Z'’-]+(?:\s+(?:AND|UPON|ON|&)?\s*[A-Z][A-Z'’-]+)*)\s+"
        r"(?P<type>COUNTY|BOROUGH|CITY|DISTRICT|METROPOLITAN BOROUGH)?\s*COUNCIL\b"
    )
    run = rf"{CAP}(?:{LINK}{CAP})*"
    defined = re.compile(rf"(?P<name>{run})\s+\((?P<acr>[A-Z][A-Za-z&]{{1,9}})\)")
    suffixes = alternation(data["legal_suffixes"])
    # "Farrans (Construction) Ltd", "Plexus UK (First Project) Limited": a qualifier in brackets
    # A company's name may hold "to" ("Freedom to Travel Ltd"); organisations.py cuts a run that an
    # act's word opens ("Award to Acme Ltd") back to the name
    suffixed_run = rf"{CAP}(?:(?:{LINK}|{GAP}to{GAP}){CAP})*"
    suffixed = re.compile(
        rf"(?P<name>{suffixed_run}(?:[ \t]+\([A-Z][\w &'’-]{{1,40}}\))?)\s+(?P<suffix>{suffixes})(?![\w])")
    # "awarded to X", "the supplier: X", "the preferred bidder is X", "the lowest offer, from X"
    cue = re.compile(rf"(?:^|\W)(?:{alternation(data['provider_cues'])})"
                     rf"(?:\s+(?:is|was|are|were|will\s+be|has\s+been))?\s*(?:\(|,|:|[-–])?\s*(?:the\s+|to\s+|from\s+)?"
                     r"[‘“\"']?$",  # "the Principal Contractor ‘Westway Group Ltd’"
                     re.I)
    # "was currently commissioned", "has also been appointed", "currently provides": an adverb may
    # stand before a supplier's verb or inside it
    adverb = rf"(?:{alternation(data['verb_adverbs'])})\s+"
    gap = r"\s+"
    verbs = alternation(data["provider_verbs_after"]).replace(gap, rf"{gap}(?:{adverb})?")
    verbs_after = rf"(?:{adverb})?(?:{verbs})"
    # "Fenmoor Leisure Trust Limited, a charitable trust, was appointed"
    cue_after = re.compile(
        rf"[\s)”\"’']*(?:,[^,.;]{{0,50}},\s*)?{verbs_after}\b", re.I)
    # "King and Shaxson acts as the Council's broker": a name the verb after it makes a supplier
    named_by_verb = re.compile(
        rf"(?P<name>{run})[ \t]*(?:,[^,.;\n]{{0,50}},[ \t]*)?{verbs_after}\b")
    quoted = re.compile(
        rf"(?P<name>{run})\s+\((?:the\s+|hereafter\s+)?[“\"‘'](?P<acr>[A-Z][\w &'’-]{{1,40}}?)[”\"’']\)")
    heads = re.compile(rf"\b(?:{alternation(data['heads'])})\b")
    suffix_anchor = re.compile(rf"(?:{suffixes})(?![\w])")
    # "the Living Wage Foundation", "Kent Police": a name ending in a word that only bodies end in
    heads_of = "Bank|University|College|Institute|Society|Association|Federation"
    # The anchors as whole words, written so that a scan skips to their first letters
    head_anchor = re.compile(opening_words([*data["named_heads"], *heads_of.split("|")]) + r"\b")
    verb_anchor = re.compile(opening_words(data["provider_verbs_after"], ignore_case=True) + r"\b")
    named = re.compile(
        rf"(?P<name>(?:(?:{CAP}{LINK})+?(?:{alternation(data['named_heads'])})|\b(?:{heads_of}))"
        rf"(?:[ \t]+(?:of|for)[ \t]+{CAP}(?:[ \t]+{CAP})*)?)"  # "Bank of Nova Scotia", "Bank of Montreal"
        rf"(?![\w'’-]|[ \t]+[A-Z])")  # "Early Years Foundation Stage" goes on: not a body's name
    # "\b[A-Z]{1,3}", written as a capital after \b then up to two more: a scan skips to capitals
    initialism = re.compile(r"(?P<acr>[A-Z](?<=\b.)[A-Z]{0,2}(?:CC|BC|DC|MBC))(?:['’]s)?\b")
    lead = re.compile(rf"\b(?:{alternation(data['provider_lead_words'])})\b{NO_GRANT}"
                      rf"[^.;:\n]{{0,240}}?"
                      r"[ \t](?:to|with|from|of)[ \t]+(?:the[ \t]+)?$", re.I)
    # Place words, "St.", connectors ("&") and white space are all a council's name can hold.
    named_chars = re.escape("".join(sorted(set("".join([*data["place_connectors"], *data["council_types"]])))))
    council_barrier = re.compile(rf"[^\w\s'’.\-{named_chars}]")
    # A run of capitalised words holds word characters, white space, ",", "&", "'" and "-" only.
    run_chars = r"\w\s'’\-,&"
    # (Only where it pays: a supplier's verb or a legal suffix is met in most stretches of its windows.)
    within = {
        defined: (ACRONYM_ANCHOR, re.compile(rf"[^{run_chars}()]")),
        named: (re.compile(alternation([*data["named_heads"], *heads_of.split("|")])),
                re.compile(rf"[^{run_chars}{_chars(data['named_heads'])}]")),
    }
    return Rules(council, council_upper, defined, suffixed, cue, cue_after, named_by_verb, quoted, heads, named,
                  initialism, lead, suffix_anchor, head_anchor, verb_anchor,
                  frozenset(data["not_places"]), frozenset(data["sentence_starters"]),
                  frozenset(data["generic_words"]), frozenset(data["job_words"]), council_barrier, within)


def _chars(phrases: list[str]) -> str:
    """The characters of the phrases, for a character class."""
    return re.escape("".join(sorted(set("".join(phrases)))))


@cache
def _partner_title() -> re.Pattern[str]:
    titles = alternation(pattern_data("organisations")["partner_titles"])
    return re.compile(rf"^(?:(?:{titles})\s+)*Partners?\s+(?=[A-Za-z])")


def trim_run(text: str, start: int, starters: frozenset[str]) -> tuple[str, int]:
    """Drop sentence openers, connectors and a partner's title ("Platinum Partner NexaSoft") from
    the front of a capitalised run.

    >>> trim_run("Platinum Partner NexaSoft", 10, frozenset()), trim_run("Partnership Homes", 0, frozenset())
    (('NexaSoft', 27), ('Partnership Homes', 0))
    """
    title = _partner_title().match(text)
    if title and text[title.end():]:
        text, start = text[title.end():], start + title.end()
    words = text.split(" ")
    while words and (words[0] in starters or words[0].islower() or words[0] in ("", ",")):
        start += len(words[0]) + 1
        words.pop(0)
    # "a contract between the Council and Capita Symonds Limited": the council, then the other party
    if len(words) > 2 and words[0] in _THE_COUNCIL and words[1] in ("and", "&"):
        start += len(words[0]) + len(words[1]) + 2
        words = words[2:]
    return " ".join(words), start


_THE_COUNCIL = frozenset({"Council", "Authority", "Cabinet", "Executive"})


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


@cache
def anonymised_pattern() -> re.Pattern[str]:
    words = alternation(pattern_data("organisations")["anonymised"])
    return re.compile(rf"^(?:{words})\s+(?:[A-Z]|\d+)\b")


def anonymised(name: str) -> bool:
    """"Bidder A", "Supplier 2 Limited": bodies a report chose not to name.

    >>> anonymised("Bidder A"), anonymised("Bidder A Limited"), anonymised("Brightpath Care")
    (True, True, False)
    """
    return bool(anonymised_pattern().match(name))


def looks_like_date_or_place_word(name: str) -> bool:
    months = {"January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"}
    return name.split()[0] in months


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """"Kent Police" inside "Kent Police and Crime Commissioner" is not a mention of its own."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return bool(re.match(r" [A-Z]", after) and not re.match(r" [A-Z]+\b", after)) or bool(
        re.search(r"[A-Za-z]-?$", before.strip(" ")) and before.endswith(" ") and before.strip()[-1:].isupper())


_LIST_CUE = re.compile(r"\b(?:contracts?|providers?|suppliers?|contractors?)\s*:\s*\n", re.I)


ACRONYM_ANCHOR = re.compile(r"\([A-Z][A-Za-z&]{1,9}\)")
QUOTE_ANCHOR = re.compile(r"\((?:the\s+|hereafter\s+)?[“\"‘']")
_BEFORE, _AFTER = 400, 200  # how far a name may reach before its anchor word, and after it


def near(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """A name pattern's matches, sought only around the words every match must hold (an
    acronym in brackets, a legal suffix, a body's word, a supplier's verb): scanning the whole
    text tries a run of capitalised words from each of its words. Within the windows, only the
    stretches between characters no match holds that hold what every match holds are scanned
    (Rules.within)."""
    within = rules().within.get(pattern)
    return finditer_in_windows(pattern, text, near_windows(anchor, text, _BEFORE, _AFTER),
                               stretches(*within, text) if within else None)


# One of which every council name holds ("London Borough of Merton", "City of York Council")
_COUNCIL_WORD = re.compile(r"Council|Borough|City")
_UPPER_COUNCIL_WORD = re.compile(r"COUNCIL")


def council_names(text: str) -> list[re.Match[str]]:
    """The council pattern's matches, sought only in the stretches between characters no council
    name holds that hold "Council", "Borough" or "City": the pattern opens with any capital."""
    r = rules()
    return finditer_in_stretches(r.council, _COUNCIL_WORD, r.council_barrier, text)


def upper_council_names(text: str) -> list[re.Match[str]]:
    """"KENT COUNTY COUNCIL", sought as council_names is."""
    r = rules()
    return finditer_in_stretches(r.council_upper, _UPPER_COUNCIL_WORD, r.council_barrier, text)


def acronym_form_starts(text: str, acronyms: Iterable[str]) -> Iterator[int]:
    """Where "(Brand) ACR", an acronym with a capitalised word before it or none, may open: at
    each place an acronym is written, and anywhere in the word just before it, across white
    space ("xResoLUTiONs CGL" opens at the "x"). The pattern is tried only there, not at every
    character.

    >>> list(acronym_form_starts("the Acme  CGL, CGL", ["CGL"]))
    [4, 5, 6, 7, 10, 15]
    """
    needle = re.compile("|".join(map(re.escape, acronyms)))
    hit = needle.search(text)
    while hit is not None:
        end = hit.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end < hit.start():
            start = end
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-"):  # [\w'’-]
                start -= 1
            yield from range(start, end)
        yield hit.start()
        hit = needle.search(text, hit.start() + 1)


class Claims:
    """The character ranges mentions hold, looked up by bisection: a long report names
    thousands of bodies, and a scan of every mention per new one would grow with their square.

    >>> claims = Claims(blocked=[(50, 60)])
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


def listed_under_cue(text: str, start: int) -> bool:
    """A name opening a line of a list headed "... the following contracts:" is a supplier.

    >>> text = "It affects these contracts:\\nAcme Care Ltd Northgate Hub\\nBrightpath CIC Southgate Hub"
    >>> listed_under_cue(text, text.index("Acme")), listed_under_cue(text, text.index("Brightpath"))
    (True, True)
    >>> text = "The contracts: none.\\n\\nAcme Care Ltd wrote to us."
    >>> listed_under_cue(text, text.index("Acme"))
    False
    """
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    paragraph = max(text.rfind("\n\n", 0, start), start - 400)
    return bool(_LIST_CUE.search(text, paragraph, line_start))


def known_tail(name: str, start: int) -> tuple[str, int]:
    """The longest known organisation a run of words ends with, when it ends with one:
    "Call Account National Westminster Bank" is a table's cells running into the name."""
    words = list(re.finditer(r"\S+", name))
    for word in words[1:]:
        tail = name[word.start():]
        if fold_name(tail) in known_organisations():
            return tail, start + word.start()
    return name, start


def council_key(place: str) -> str:
    words = fold_name(place).split()
    generic = {"borough", "county", "city", "district", "metropolitan", "royal", "london", "of", "council", "town"}
    return "council:" + " ".join(w for w in words if w not in generic)


@cache
def as_a_post() -> re.Pattern[str]:
    """What follows a person's name appointed to a post: "as the interim Chief Finance Officer",
    "as Acting Director of Place". A body is appointed "as the provider", never to a post."""
    posts = alternation(pattern_data("organisations")["posts"])
    return re.compile(r"[ \t]+as[ \t]+(?:the[ \t]+|an?[ \t]+)?"
                      r"(?:(?:[Ii]nterim|[Aa]cting|[Tt]emporary|[Dd]eputy)[ \t]+)?"
                      rf"(?:[A-Z][\w'’-]*[ \t]+(?:(?:of|for|and|&)[ \t]+)?){{0,6}}(?:{posts})\b")
