"""Which organisations are suppliers: a mention is a provider where a cue says so, before it
("awarded to", "the tender of"), after it ("was appointed"), further back in its sentence ("award
of the contract for ... to X"), in a list headed by one, or joined to a supplier ("A Ltd and B plc").
Councils keep their role; a public body's own verbs never make it a supplier."""

from __future__ import annotations

import re
from functools import cache

from pipeline.facts.organisation_rules import GRANT_AGREEMENT, Mention, listed_under_cue, rules
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data

# (a bracketed qualifier may stand between: "Elmtree Surfacing Ltd (Lot 1), Granite Roads Ltd (Lot 2)")
JOINED = re.compile(r"(?:[ \t]+(?:Ltd|Limited|plc|PLC|LLP)\.?)?(?:[ \t]*\([^()\n]{1,30}\))?\s*(?:,|,?\s*(?:and|&))\s*")


_ITS_CONTRACT = re.compile(r"(?:[ \t]+[A-Z][\w&'’-]*){0,3}[ \t]+Contracts?\b")


@cache
def _public_heads() -> re.Pattern[str]:
    """Words only public bodies' names hold: "Wirral Primary Care Trust", "Kent Police"."""
    return re.compile(rf"(?<!\w)(?:{alternation(pattern_data('organisations')['public_body_heads'])})(?!\w)")


@cache
def _public_body_cue() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(pattern_data('organisations')['public_body_cues'])})\b", re.I)


def assign_roles(text: str, found: list[Mention]) -> None:
    """Set `role` to "provider" on the mentions (in text order) that the text makes suppliers."""
    r = rules()
    previous: Mention | None = None
    for mention in found:
        if mention.role == "council":
            previous = mention
            continue
        before = r.cue.search(text[max(0, mention.start - 45):mention.start])
        after = r.cue_after.match(text, mention.end, mention.end + 80) or (
            # "Royal Mail Post Contract 1 year Extension": a known supplier naming its contract
            mention.kind == "gazetteer" and _ITS_CONTRACT.match(text, mention.end, mention.end + 60))
        # "award of the contract for the supply of food to X": the cue stands further back
        led = r.lead.search(text[max(0, mention.start - 260):mention.start])
        # "a contract with A Limited & B Limited", "A Ltd and B plc were appointed": names joined
        # to a supplier are suppliers too, whichever of them the cue stands by
        joined = previous is not None and bool(JOINED.fullmatch(text, previous.end, mention.start))
        # (an acronym is as public as the name it stands for: "the ICB")
        public = mention.public_body or bool(_public_heads().search(mention.name or mention.text)
                                             or _public_heads().search(mention.text))
        # "a settlement agreement with HMRC": only an award or a contract makes a public body a supplier
        if before and public and not _public_body_cue().search(before.group(0)):
            before = None
        if before and GRANT_AGREEMENT.search(text, max(0, mention.start - 45), mention.start):
            before = None  # "a grant agreement with Get Cycling": a grant's recipient
        # "the DfE provides funding": a public body's verbs do not make it a supplier
        if (before or ((after or led or (joined and previous and previous.role == "provider"))
                       and not public) or listed_under_cue(text, mention.start)):
            mention.role = "provider"
            if joined and previous and previous.role is None and not previous.public_body:
                previous.role = "provider"
        previous = mention
