"""The organisation gazetteers (models/gazetteers): suppliers and bodies, public bodies, and every
UK principal council with its short forms; what the organisation finder knows by name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.facts.scanning import alternation
from pipeline.resources import gazetteer, pattern_data
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
def council_places() -> frozenset[str]:
    """Every principal council's place, folded ("dorset", "kensington and chelsea"): alone, a place
    names an area or its council, never a supplier."""
    return frozenset(fold_name(known.place) for known, _ in _gazetteer_rows() if known.place)


@cache
def _gazetteer_forms() -> tuple[str, ...]:
    # Two-letter acronyms ("EA", "HE") are words too often to match on their own.
    return tuple(sorted({form for _, forms in _gazetteer_rows() for form in forms if len(form) >= 3}))


def gazetteer_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ORG", pattern_docs(nlp, _gazetteer_forms()))
    return matcher


def pattern_docs(nlp: Language, forms: Sequence[str]) -> list[Doc]:
    """`[nlp.make_doc(form) for form in forms]`, token for token, from one call of the tokenizer.

    Tokens never span whitespace, so a form of words separated by single spaces is the tokens of
    its words, each word's last token followed by a space. The distinct words of all the forms
    are tokenized together: one call where there were 3,500, which takes 4% off building the
    pipeline when spaCy's own tokenizer makes it (pipeline/nlp.py adds the components before it
    wraps the tokenizer). A form with other whitespace is made by `make_doc` on its own.
    """
    plain = [form.split(" ") == form.split() for form in forms]
    words = sorted({word for form, simple in zip(forms, plain, strict=True) if simple for word in form.split(" ")})
    splits = _split_words(nlp, words)
    docs = []
    for form, simple in zip(forms, plain, strict=True):
        if not simple:
            docs.append(nlp.make_doc(form))
            continue
        tokens: list[str] = []
        spaces: list[bool] = []
        for word in form.split(" "):
            tokens += splits[word]
            spaces += [False] * (len(splits[word]) - 1) + [True]
        spaces[-1] = False
        docs.append(Doc(nlp.vocab, words=tokens, spaces=spaces))
    return docs


def _split_words(nlp: Language, words: list[str]) -> dict[str, list[str]]:
    """Each word (no whitespace in it) and its tokens, from one Doc of the words joined by spaces."""
    tokens = iter(token.text for token in nlp.make_doc(" ".join(words)))
    splits: dict[str, list[str]] = {}
    for word in words:
        split = [next(tokens)]
        while sum(map(len, split)) < len(word):
            split.append(next(tokens))
        if "".join(split) != word:
            raise ValueError(f"the tokenizer split {word!r} as {split!r}")
        splits[word] = split
    return splits


_PLACE_WORDS = r"[A-Z][\w'’-]*(?:[ \t]+(?:and|upon|on|&)?[ \t]*[A-Z][\w'’-]*){0,3}"
_WORDS_BEFORE = re.compile(rf"(?:^|(?<=[^\w'’-]))(?P<words>{_PLACE_WORDS})[ \t]+$")
_WORDS_AFTER = re.compile(rf"[ \t]+(?:in[ \t]+)?(?P<words>{_PLACE_WORDS})")


@cache
def _local_branch() -> re.Pattern[str]:
    data = pattern_data("organisations")
    brands, tails = alternation(data["local_branch_brands"]), alternation(data["local_branch_tails"])
    return re.compile(rf"\b(?:{brands})(?![\w-])(?:[ \t]+(?P<tail>{tails})\b)?")


def local_branches(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, key, name) of a national charity's local body named by its place: "Citizens Advice
    Woking", "Ribble Valley Citizens Advice Bureau", "Age UK Lancashire", "Mind in Bexley". Each
    is a charity of its own, with its own accounts and contracts; the brand alone (the gazetteer's
    "Citizens Advice") is the national body. A brand with neither a place nor a bureau beside it is
    left to the gazetteer. Each comes with its key, the brand's and the place's folded names, the
    same whichever side the place is written ("Halton Healthwatch", "Healthwatch Halton")."""
    places = council_places()
    found = []
    for m in _local_branch().finditer(text):
        start, end = m.start(), m.end()
        before = _WORDS_BEFORE.search(text, max(0, start - 60), start)
        if before:
            words = before.group("words")
            # the longest run of its last words that is a place: "Contract with Ribble Valley"
            starts = [w.start() for w in re.finditer(r"\S+", words)]
            start = next((before.start("words") + i for i in starts if fold_name(words[i:]) in places), start)
        after = _WORDS_AFTER.match(text, end)
        if after:
            words = after.group("words")
            ends = [w.end() for w in re.finditer(r"\S+", words)][::-1]
            end = next((after.start("words") + i for i in ends if fold_name(words[:i]) in places), end)
        if (start, end) != m.span() or m.group("tail"):
            place = text[start:m.start()] + " " + text[m.end():end]
            brand = re.sub(r"['’]", "", fold_name(m.group(0)[:len(m.group(0)) - len(m.group("tail") or "")]))
            found.append((start, end, brand, fold_name(re.sub(r'^[ ]*in[ ]+', ' ', place))))
    # "the Citizens Advice Bureaux" in a text naming one local body of the brand is that body
    placed: dict[str, dict[str, str]] = {}  # brand -> place -> the name as the text writes it
    for start, end, brand, place in found:
        if place:
            placed.setdefault(brand, {}).setdefault(place, " ".join(text[start:end].split()))
    keyed = []
    for start, end, brand, place in found:
        only = placed.get(brand, {})
        if not place and len(only) == 1:
            place = next(iter(only))
        keyed.append((start, end, f"{brand} {place}".strip(), only.get(place, " ".join(text[start:end].split()))))
    return keyed


@cache
def _things_named_after_a_body() -> re.Pattern[str]:
    return re.compile(rf"[ \t]+(?:{alternation(pattern_data('organisations')['things_named_after_a_body'])})\b")


def names_a_thing(text: str, end: int) -> bool:
    """Whether a known body's name ending at `end` names a programme or a thing instead ("NHS
    Health Checks", "NHS Pension Scheme"): not a mention of the body itself."""
    return bool(_things_named_after_a_body().match(text, end))
