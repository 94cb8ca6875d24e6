"""Later forms of a name the text gave in full: a company named again without its legal suffix.
(Acronyms defined in brackets and initials are read by the organisation finder itself.)"""

from __future__ import annotations

import re

from pipeline.facts.organisation_rules import Mention, inside_longer_name, rules

# A legal suffix at the end of a company's name, which the text may leave out when it names the
# company again ("Ringway Jacobs Limited ... to Ringway Jacobs").
LEGAL_TAIL = re.compile(r"[\s,]+(?:Ltd\.?|Limited|PLC|plc|LLP|CIC)$")


def short_forms(text: str, found: list[Mention], free: object) -> None:
    """A company named with its legal suffix and again without it ("Ringway Jacobs Limited ...
    task orders to Ringway Jacobs"): the short form is the same company, and the names inside it
    ("Ringway", "Jacobs", each in a gazetteer) are no mentions of their own."""
    r = rules()
    owners: dict[str, Mention] = {}
    for mention in found:
        stem = LEGAL_TAIL.sub("", mention.text)
        words = stem.split()
        if stem == mention.text or len(stem) < 4 or all(w in r.generic or not w[:1].isupper() for w in words):
            continue
        owners.setdefault(stem, mention)
    if not owners:
        return
    names = "|".join(map(re.escape, sorted(owners, key=len, reverse=True)))
    for m in re.finditer(rf"(?<![\w&-])(?:{names})(?![\w&-])", text):
        owner = owners[m.group(0)]
        if owner.start <= m.start() < owner.end or inside_longer_name(text, m.start(), m.end()):
            continue  # the full name itself, or a part of a longer one ("Ringway Jacobs Highways")
        if free(m.start(), m.end()):  # type: ignore[operator]
            found.append(Mention(m.start(), m.end(), m.group(0), "suffix", owner.key, name=owner.name,
                                 role=owner.role))
