"""Suppliers named by the words around them rather than by their shape: after a cue ("awarded to X",
"the successful bidder was X", "entered into with X", "bought laptops from X") and as the value of
a label in a form or a table row ("Name of successful contractor: X", "Supplier | X | £45,000").
The names found here carry the role provider; organisations.py runs these rules among its others.
"""

from __future__ import annotations

import re

from pipeline.facts.organisation_gazetteers import council_places, known_organisations
from pipeline.facts.organisation_rules import (
    CAP,
    GRANT_AGREEMENT,
    LINK,
    NO_GRANT,
    Mention,
    anonymised,
    as_a_post,
    looks_like_date_or_place_word,
    near,
    rules,
    trim_run,
)
from pipeline.schema import fold_name

# A label that names a supplier, at a line's start or a table cell's, then ":" or "|"
_LABEL = re.compile(
    r"(?im)(?:^|\|)[ \t]*(?:name\s+of\s+(?:the\s+)?)?(?:successful\s+|preferred\s+|appointed\s+|recommended\s+"
    r"|winning\s+|chosen\s+)?(?:supplier|contractor|provider|service\s+provider|bidder|tenderer|operator|consultant"
    r"|vendor|awarded\s+to|contract\s+awarded\s+to|contract\s+award(?:ed)?)(?:['’]s)?(?:\s+name)?[ \t]*(?::|\|)[ \t]*")
# Its value: the rest of the line or cell, a name's length at most
_LABEL_VALUE = re.compile(r"[A-Za-z0-9][^|\n:;]{0,79}?(?=[ \t]*(?:\||\n|$|;|,[ \t]+(?:at|for|of|with)\b|[ \t]+-[ \t]))")
# "the award of the contract for the provision of foods to X": an award's recipient, far from the verb
_AWARD_LEAD = re.compile(rf"\baward(?:ed|ing)?\b{NO_GRANT}[^.;:\n]{{0,240}}?[ \t]to[ \t]+"
                         r"(?:the[ \t]+)?$", re.I)
# "A contract will be entered into with X", "the lowest tender was received from X": a deal's word
# earlier in the clause makes the name after "with" or "from" its other party
_DEAL_LEAD = re.compile(r"(?:\b(?:contracts?|call-offs?|orders?|agreements?|tenders?|bids?|quotations?|quotes?"
                        r"|offers?)\b[^.;:\n]{0,100}?[ \t](?:(?:entered(?:[ \t]+into)?|signed|placed|agreed|concluded"
                        r"|let|held|made|negotiated)[ \t]+with|(?:received|accepted|obtained|submitted|sought|invited"
                        r"|requested),?[ \t]+from)"
                        # "enter into a contract to secure a partnership for marketing support with X"
                        r"|\benter(?:s|ed|ing)?[ \t]+into[ \t]+(?:an?[ \t]+|the[ \t]+)?"
                        r"(?:(?!grant\b|funding\b)[\w-]+[ \t]+){0,3}(?:contract|agreement|partnership|arrangement)s?\b"
                        r"[^.;:\n]{0,100}?[ \t]with)[ \t]+(?:the[ \t]+)?$", re.I)
# "The council bought laptops from X", "equipment is leased from X": whom the council buys from
_BUY_LEAD = re.compile(r"\b(?:bought|buy|buying|purchased?|purchasing|procured?|procuring|sourced?|ordered|hired?"
                       r"|leased?|rented?)\b[^.;:\n]{0,60}?[ \t]from[ \t]+(?:the[ \t]+)?$", re.I)
# Where a cued name may follow: a preposition, a role noun (with a verb: "the successful bidder was
# X"), or a verb whose object is the supplier ("the council has appointed X"); the cue before it decides
_CUE_END = re.compile(r"(?:with|to|by|from|of|(?<![\w-])(?P<verb>appointed|appoint|commissioned|commission|engaged)"
                      r"|(?:provider|providers|contractor|supplier|operator|bidder|tenderer|incumbent)"
                      r"(?:\s+(?:is|was|are|were|will\s+be|has\s+been))?)\s*(?:[(,:]|[-–](?=[ \t]))?\s*(?:the\s+)?"
                      # "awarded to local firm X": what the name is, between the cue and the name
                      r"(?P<kind>(?:(?:local|specialist|independent|national|voluntary)\s+)?"
                      r"(?:firm|company|charity|organisation|social\s+enterprise)\s+)?")
# "the newly appointed X", "new commissioned Children Centres": the verb as an adjective names no supplier
_ADJECTIVAL = re.compile(r"(?:\b(?:the|a|an|new|newly|existing|currently|recently|previously|externally|jointly"
                         r"|directly|all|our|its|their|these|those|any|other|such|and|or)|\d)[ \t]+$", re.I)
# "commission drug and alcohol services": a service is commissioned as often as a supplier, who is
# commissioned to do something ("commissioned Harrowgate Analytics to carry out the review")
_TO_DO = re.compile(r"[ \t]+to[ \t]+[a-z]")
# "Blakemore Foodservice of Steelmans Road, Darlaston": the address is not part of the name
_ADDRESS = re.compile(r"[ \t]+of[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*[ \t]+(?:Road|Street|Lane|Avenue|Way|Close"
                      r"|Drive|Park|Estate|Place|Square|House|Court|Crescent|Industrial)\b.*", re.S)
# "Oakfield Care Ltd in March", "Andrew Shepherd Construction Ltd, Forfar": a company's name ends
# with its suffix, whatever word or town follows
_SUFFIX_INSIDE = re.compile(r"[ \t](?:Ltd|Limited|plc|PLC|LLP|CIC)\.?(?=[ \t]+(?:in|on|at|for|of|the|and)[ \t]"
                            r"|,[ \t]+[A-Z][a-z]+$)")
_PLACEHOLDER = re.compile(r"(?i)^(?:n/?a|tb[ca]|tbd|none|nil|unknown|various|not\s+\w+(?:\s+\w+)?|see\s+.*"
                          r"|to\s+be\s+\w+.*|pending|awaited)$")
_LABEL_REST = re.compile(r"[ \t]*(?:[a-z][\w'’-]*[ \t]+){0,3}?[a-z]*[ \t]*:")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "entered with Wates for Block B", "to NexaSoft and Lot 3 to Kingfisher": a contract's part, no name
_SCOPE_TAIL = re.compile(r"(?:[ \t]+(?:for|and|&)|,)[ \t]+(?:Block|Phase|Lot|Stage|Package|Area|Zone|Site|Year)\b.*$",
                         re.S)
_NOT_A_BODY = re.compile(r"\b(?:Rules|Regulations|Act|Policy|Strategy|Procedures?|Orders|Plan|Framework)$")
# A company's head word, then "for" and one word: what it was hired for, not more of its name
# ("Department for Education" and "Action for Children" have no such head word before "for")
_PURPOSE_TAIL = re.compile(r"\b(?P<head>Services|Solutions|Systems|Consulting|Consultants|Contractors|Builders)"
                           r"[ \t]+for[ \t]+[A-Z][\w'’-]*$")
_DATE_TAIL = re.compile(rf"[ \t]+(?:in|on|from|at|for|of)[ \t]+(?:{_MONTHS}|\d).*$", re.S)


# A company's last word: a name that ends so is a company's, whatever word opens it
_COMPANY_TAIL = re.compile(r"\b(?:Services|Solutions|Ltd|Limited|plc|PLC|LLP|CIC|Care|Trust|Homes|Housing|Transport"
                           r"|Construction|Contractors|Consulting|Consultants|Systems|Foundation|Company)\.?$")


# "City of Wolverhampton Catering Services": a council's own service
_OF_A_PLACE = re.compile(r"(?:(?:Royal|London)\s+)?(?:City|Borough|County)\s+of\s")


def _capitalised(word: str) -> bool:
    """"Harbour", and a brand's "eFinancials" or "iCare", which the run of capitalised words holds too."""
    return word[:1].isupper() or (word[:1].islower() and any(c.isupper() for c in word[1:]))


def _a_name_alone(part: str) -> bool:
    """Two words or more, an acronym ("ABC and XYZ") or a name the gazetteers know ("the YMCA and
    Age UK"): a part that is a name by itself, where "Marks" or "Greenfield" is not."""
    return len(part.split()) >= 2 or (len(part) >= 2 and part.isupper()) or fold_name(part) in known_organisations()


def _coordinated(name: str) -> list[tuple[str, int]]:
    """The names of a run "X and Y" or "X, Y and Z" when each is a name by itself ("Dunmore
    Electrical and Pike Lighting", "ABC and XYZ"): "Marks and Spencer", "Greenfield and Foster" and
    "Change, Grow, Live" are one firm's name."""
    parts = re.split(r"(,[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)", name)
    names = parts[::2]
    alone = sum(map(_a_name_alone, names))
    # A list of three or more, most of them names by themselves: its one-word items are names too
    # ("Delta Coaches, J&C Coaches, Hodgsons and Compass Royston"; never "Change, Grow, Live")
    if len(names) < 2 or (alone < len(names) and not (len(names) >= 3 and 3 * alone >= 2 * len(names))):
        return [(name, 0)]
    offsets = [sum(len(p) for p in parts[:i]) for i in range(0, len(parts), 2)]
    return list(zip(names, offsets, strict=True))


# A run of capitalised words: a name and maybe words after it that the rules trim
_RUN = re.compile(rf"{CAP}(?:{LINK}{CAP})*")
# "Papyrus Office (the Supplier)", "Urbanex's contract": a name its role or its contract follows
_ROLE_AFTER = re.compile(
    rf"(?P<name>{_RUN.pattern})(?:[ \t]+\((?:the[ \t]+)?[“\"‘']?(?:Supplier|Contractor|Provider"
    rf"|Service[ \t]+Provider|Consultant|Operator)[”\"’']?\)|['’]s[ \t]+(?:current[ \t]+|existing[ \t]+)?"
    rf"(?:contract|contracts|tender|bid|quotation)\b)")
# What every match of it holds: sought first, so that the name pattern runs only around them
_ROLE_AFTER_ANCHOR = re.compile(r"\((?:the[ \t]+)?[“\"‘']?(?:Supplier|Contractor|Provider|Service|Consultant|Operator)"
                                r"|['’]s[ \t]+(?:current|existing|contract|tender|bid|quotation)")


# "Cabinet awards Adullam Homes a 4-year contract", "directly award Bench Outreach a 3-year contract"
_AWARDS_X_A_CONTRACT = re.compile(rf"\b(?:award|awards|awarded|awarding)[ \t]+(?P<name>{CAP}(?:{LINK}{CAP})*)[ \t]+"
                                  r"(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,5}?"
                                  r"(?:contract|contracts|extension|framework)\b")
# "the appointment of an interim operator, Your Leisure, for the centre": the role, then the name
_ROLE_COMMA_NAME = re.compile(r"\b(?:operator|provider|contractor|supplier|consultant|consultants|partner|bidder)"
                              rf"[ \t]*,[ \t]+(?P<name>{CAP}(?:{LINK}{CAP})*)[ \t]*,")


def cued(text: str, found: list[Mention], free: object) -> None:
    """Capitalised names right after a provider cue: "arrangement with Brightpath Care"."""
    r = rules()
    for cue in _CUE_END.finditer(text):
        m = _RUN.match(text, cue.end())  # first: most "to"s and "of"s have no name after them
        if not m:
            continue
        verb = cue.group("verb")
        if verb and _ADJECTIVAL.search(text, max(0, cue.start() - 20), cue.start()):
            continue
        # "awarded to X", or "the award of the contract for ... to X" with the cue further back
        said = cue.start("kind") if cue.group("kind") else cue.end()  # the cue's words, before the name's kind
        back = text[max(0, said - 260):said]
        if not (r.cue.search(text[max(0, said - 45):said]) or (
                cue.group(0).startswith("to") and "ward" in back and _AWARD_LEAD.search(back)) or (
                cue.group(0).startswith(("with", "from")) and _DEAL_LEAD.search(back)) or (
                cue.group(0).startswith("from") and _BUY_LEAD.search(back))):
            continue
        if m.group(0).split()[0] in r.jobs:
            continue  # "delegate the award to the Director of Place": an officer, not a body
        if verb and verb.startswith("commission") and not _TO_DO.match(text, m.end()):
            continue
        _add_cued(text, m.group(0), m.start(), found, free)
    for m in near(_ROLE_AFTER, _ROLE_AFTER_ANCHOR, text):
        _add_cued(text, m.group("name"), m.start("name"), found, free, split=False)
    for m in _AWARDS_X_A_CONTRACT.finditer(text):
        _add_cued(text, m.group("name"), m.start("name"), found, free)
    for m in _ROLE_COMMA_NAME.finditer(text):
        _add_cued(text, m.group("name"), m.start("name"), found, free, split=False)


# A name's last word run into the next sentence's first word when a page lost its line break
_GLUED_OPENING = re.compile(r"[a-z](?P<next>[A-Z][a-z]+)$")


def _add_cued(text: str, run: str, at: int, found: list[Mention], free: object, split: bool = True) -> None:
    """A run of capitalised words that a cue makes a supplier, trimmed to its name and filtered."""
    r = rules()
    name, start = trim_run(_ADDRESS.sub("", run), at, r.starters)
    name = re.sub(r"['’]s$", "", name.rstrip(" ,."))
    suffix = _SUFFIX_INSIDE.search(name)
    if suffix:
        name = name[:suffix.end()]  # "Oakfield Care Ltd in March": the name ends with its suffix
    line_end = name.find("\n")
    if line_end > 0 and _LABEL_REST.match(text, start + len(name)):
        # "Harbour Software\nValue: £40,000", "Northgate Electrical Ltd\nContract value: £80,000":
        # the next line is a label of its own
        name = name[:line_end].rstrip()
    name = _DATE_TAIL.sub("", name)  # "signed with Northwind Energy in June"
    glued = _GLUED_OPENING.search(name)
    if glued and glued.group("next") in r.starters:
        name = name[:glued.start("next")]  # "Contract with AmeyWith over £33M": a heading glued to its text
    name = _PURPOSE_TAIL.sub(r"\g<head>", name)  # "a direct award to Circuit IT Services for IT support"
    name = _SCOPE_TAIL.sub("", name)  # "entered with Wates for Block B of phase 1"
    if _NOT_A_BODY.search(name):
        return  # "in accordance with the Contract Procedure Rules"
    if as_a_post().match(text, start + len(name)):
        return  # "to appoint Adele Taylor as the interim Chief Finance Officer": a person, to a post
    words = [re.sub(r"['’]s$", "", w) for w in name.split()]
    if len(name) < 3 or not words or all(w in r.generic or not _capitalised(w) for w in words):
        return  # "the Council's", "the Council's Finance Team": no name at all
    if (words[0] in r.not_places and not (len(words) > 1 and _COMPANY_TAIL.search(name) and not _OF_A_PLACE.match(name))
            ) or any(w in r.jobs for w in words):
        return  # "provided by Members", not "provided by Green Leaf Services" or "by New Horizons Ltd"
    if looks_like_date_or_place_word(name) or anonymised(name) or fold_name(name) in council_places():
        return  # "a contract with Dorset": the council or its area
    if len(words) > 1 and fold_name(words[0]) in council_places() and all(w in r.generic for w in words[1:]):
        return  # "carried out by Kent Highways": the council's own service
    # "a funding agreement with Jones Brothers Ltd": a grant's recipient, named but no supplier
    role = "other" if GRANT_AGREEMENT.search(text, max(0, at - 40), at) else "provider"
    for part, offset in _coordinated(name) if split else [(name, 0)]:
        if free(start + offset, start + offset + len(part)):  # type: ignore[operator]
            found.append(Mention(start + offset, start + offset + len(part), part, "cued", fold_name(part),
                                 role=role))


def labelled(text: str, found: list[Mention], free: object) -> None:
    """The value of a label naming a supplier, in a form or a table row ("Name of successful
    contractor: Harbour Software", "Supplier | brightwave | £45,000"), and the cells under a
    supplier column's heading ("Contract | Supplier | Value", then a row a line)."""
    headings = set()
    by_start = {m.start: m for m in found}
    for heading, rows in _supplier_columns(text):
        headings.add(heading)
        for start, name in rows:
            _add_labelled(name, start, found, free, by_start)
    for m in _LABEL.finditer(text):
        if text.rfind("\n", 0, m.start()) + 1 in headings:
            continue  # "Contract | Supplier | Value": a heading, its neighbour another heading
        value = _LABEL_VALUE.match(text, m.end())
        if value:
            _add_labelled(value.group(0).strip(" .,;"), value.start(), found, free, by_start)


def _add_labelled(name: str, start: int, found: list[Mention], free: object, by_start: dict[int, Mention]) -> None:
    """A supplier named as a label's value or a list's item; `by_start`: the mentions found so far
    by where they start (a scan of `found` for each name grew with its square)."""
    r = rules()
    words = name.split()
    if not words or len(name) < 2 or all(w in r.generic for w in words) or anonymised(name):
        return
    if _PLACEHOLDER.match(name):
        return  # "Supplier: TBC", "Provider: N/A"
    named = by_start.get(start)
    if named is not None:  # "Contractor name: NexaSoft Ltd", found by its suffix already
        named.role = named.role or "provider"
        return
    if words[0] in r.not_places or looks_like_date_or_place_word(name) or not any(c.isalpha() for c in name):
        return
    if free(start, start + len(name)):  # type: ignore[operator]
        found.append(Mention(start, start + len(name), name, "labelled", fold_name(name), role="provider"))
        by_start[start] = found[-1]


# A table's row as text: cells split by tabs (a web page's table) or by "|"
_CELL_SEPARATOR = re.compile(r"\t|\|")
_SUPPLIER_HEADING = re.compile(
    r"(?i)(?:name\s+of\s+(?:the\s+)?)?(?:successful\s+|preferred\s+|appointed\s+|awarded\s+)?(?:supplier|contractor"
    r"|provider|service\s+provider|bidder|tenderer|company|vendor|consultant|awarded\s+to|contract\s+awarded\s+to)"
    r"(?:\(s\)|s)?(?:\s+name)?")


def _cells(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The cells of the line text[start:end], each with where its words start; one cell if it has no separator."""
    cells, at = [], start
    for part in _CELL_SEPARATOR.split(text[start:end]):
        stripped = part.strip()
        cells.append((at + (part.find(stripped) if stripped else 0), stripped))
        at += len(part) + 1
    return cells


def _supplier_columns(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each table with a supplier column: where its heading line starts, and the cell of that column
    in each row after it (rows: the lines that follow with as many cells, blank lines between them
    allowed, as a web page's table rows are paragraphs)."""
    if "\t" not in text and "|" not in text:
        return []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    tables = []
    i = 0
    while i < len(lines):
        heading = _cells(text, *lines[i])
        column = next((k for k, (_, cell) in enumerate(heading) if _SUPPLIER_HEADING.fullmatch(cell)), None)
        i += 1
        if len(heading) < 2 or column is None:
            continue
        rows = []
        while i < len(lines) and len(row := _cells(text, *lines[i])) == len(heading):
            rows.append(row[column])
            i += 1
        if rows:  # "Supplier | Riverside Recovery | £45,000" alone is a label and its value
            tables.append((lines[i - len(rows) - 1][0], [(start, cell) for start, cell in rows if cell]))
    return tables


# "That the following are appointed to the Framework Agreement:", "Contracts were awarded to the
# following suppliers:": a line that introduces a list of those who won
_LIST_INTRO = re.compile(
    r"\b(?:following|below)\b[^\n:]*?\b(?:appointed|awarded|selected|successful|admitted|approved"
    r"|suppliers?|contractors?|providers?|companies|firms|bidders|tenderers|organisations)\b"
    r"|\b(?:appointed|awarded)[ \t]+(?:on[ \t]+)?to[ \t]+(?:the[ \t]+)?(?:framework|lots?|dps)\b", re.I)
_LINE_END_COLON = re.compile(r":[ \t]*$", re.M)
_INTRO_REACH = 300  # how far back from its colon an intro's words are sought (a bounded look keeps this linear)
# An item of that list: a number, letter or bullet, then the name, up to a bracket, a dash or a comma
_LIST_ITEM = re.compile(r"[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[•*–-])[ \t]+(?P<name>[^\n(,;:–]{2,80}?)"
                        r"[ \t]*(?=[(,;–]|[ \t]-[ \t]|\n|$)")
_LEGAL_END = re.compile(r"(?i)[ \t](?:ltd|limited|plc|llp|cic|inc)\.?$")
_LIST_WORDS = frozenset({"and", "&", "of", "the", "for", "n", "in", "on", "at", "de"})
_MAX_LIST = 40  # items read under one intro


def listed(text: str, found: list[Mention], free: object) -> None:
    """The names in a numbered or bulleted list under a line that says they won ("That the
    following are appointed to the Framework Agreement:", then "1. Fox Flooring (Lot 1)"). An
    item is a name when its words are capitalised or it ends in a legal suffix; the list ends at
    the first line that is no item."""
    by_start = {m.start: m for m in found}
    for colon in _LINE_END_COLON.finditer(text):
        line_start = text.rfind("\n", max(0, colon.start() - _INTRO_REACH), colon.start()) + 1
        if not _LIST_INTRO.search(text, max(line_start, colon.start() - _INTRO_REACH), colon.start()):
            continue
        at = colon.end()
        for _ in range(_MAX_LIST):
            while at < len(text) and text[at] in " \t\r\n":
                at += 1
            item = _LIST_ITEM.match(text, at)
            if item is None:
                break
            at = text.find("\n", item.end())
            at = len(text) if at < 0 else at
            name = item.group("name").strip(" .")
            words = name.split()
            if len(words) > 8 or not (_LEGAL_END.search(name) or all(
                    _capitalised(w) or w.lower() in _LIST_WORDS for w in words)):
                continue
            _add_labelled(name, item.start("name"), found, free, by_start)


# "contract extensions with Biffa, FCC and Mid UK": the other names of a list one known name is in
_NEXT_IN_LIST = re.compile(rf"(?:,[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)(?P<name>{CAP}(?:[ \t]+{CAP}){{0,3}})")
_LIST_GOES_ON = re.compile(r"(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+)[A-Z]")


def siblings(text: str, found: list[Mention], free: object) -> None:
    """Names listed after a supplier or a known body, one to four capitalised words each, joined
    by commas and a last "and" ("with Biffa, FCC and Mid UK"): organisations of the same list.
    A name found already may stand in the list. Nothing is added where the list runs on into
    words that are no names."""
    r = rules()
    starts = {m.start: m for m in found}
    for mention in [m for m in found if m.role != "council" and m.kind not in ("council", "acronym", "model")]:
        added: list[tuple[int, str]] = []
        last, at = mention.start, mention.end
        while (m := _NEXT_IN_LIST.match(text, at)) is not None and len(added) < 10:
            known = starts.get(m.start("name"))
            if known is not None:  # "..., Home Start and ...": a member named already
                last, at = known.start, known.end
                continue
            name = m.group("name")
            words = name.split()
            if (any(w in r.generic or w in r.jobs or w in r.not_places for w in words)
                    or re.match(r"[ \t]*\d", text[m.end():m.end() + 3])  # "and Lot 3": a part, no name
                    or looks_like_date_or_place_word(name) or fold_name(name) in council_places()):
                break
            added.append((m.start("name"), name))
            last, at = m.start("name"), m.end()
        if not added or _LIST_GOES_ON.match(text, at) or not re.search(r"(?:and|&)[ \t]+$", text[:last]):
            continue  # a list that ends with "and" its last name, and nothing after it
        for start, name in added:
            if free(start, start + len(name)):  # type: ignore[operator]
                found.append(Mention(start, start + len(name), name, "listed", fold_name(name)))


# What a body is, said beside its name: "the charity Dads Unlimited", "SAIT Recycling, a company
# based in Queenborough", "REPC, a leading non-profit organisation,"
_KIND = (r"(?:charity|company|firm|social\s+enterprise|housing\s+association|consultancy"
         r"|community\s+interest\s+company)")
_KIND_BEFORE = re.compile(rf"\b(?:the|a|local|national|specialist)\s+{_KIND}\s+(?=[A-Z])", re.I)
_KIND_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{_KIND}|organisation|provider|supplier"
                         rf"|contractor)\b(?!\s+[A-Z])", re.I)  # (not "X, the charity Y": that names Y)


def kinded(text: str, found: list[Mention], free: object) -> None:
    """Names that the words beside them call a charity, a company or another kind of body. The
    role is left to the cues (organisation_roles.py): a charity named is not yet a supplier."""
    r = rules()
    named = {m.start for m in found}
    for kind in _KIND_BEFORE.finditer(text):
        m = _RUN.match(text, kind.end())
        if m:
            _add_kinded(m.group(0), m.start(), found, free, named)
    for kind in _KIND_AFTER.finditer(text):
        back = max(0, kind.start() - 200)  # (a name is near its kind: a bounded look back keeps this linear)
        line_start = max(text.rfind("\n", back, kind.start()), text.rfind(". ", back, kind.start()) + 1, back)
        runs = list(_RUN.finditer(text, line_start, kind.start()))
        if runs and runs[-1].end() == kind.start() and runs[-1].group(0).split()[0] not in r.starters:
            _add_kinded(runs[-1].group(0), runs[-1].start(), found, free, named)


def _add_kinded(run: str, at: int, found: list[Mention], free: object, named: set[int]) -> None:
    r = rules()
    name, start = trim_run(run, at, r.starters)
    words = name.split()
    if (not words or len(words) > 6 or all(w in r.generic or not _capitalised(w) for w in words)
            or words[0] in r.not_places or any(w in r.jobs for w in words) or anonymised(name)
            or looks_like_date_or_place_word(name) or fold_name(name) in council_places()):
        return
    if start in named:
        return  # named already, by its suffix or a gazetteer
    if free(start, start + len(name)):  # type: ignore[operator]
        found.append(Mention(start, start + len(name), name, "kinded", fold_name(name)))
        named.add(start)
