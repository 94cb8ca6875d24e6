"""alternation() writes its phrases as a trie: the same matches, preferred in the same order, as
the flat list of phrases longest first, with and without case, whatever follows it."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data


def _flat(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# What follows the alternation decides whether the engine must back into it for a shorter phrase.
TAILS = ["", r"\b", "x", r"(?!a)", r"\s*b", r"(?=\s)", "$"]


def _same(phrases: list[str], text: str) -> None:
    for tail in TAILS:
        for flags in (0, re.I):
            flat = re.compile(f"(?:{_flat(phrases)}){tail}", flags)
            trie = re.compile(f"(?:{alternation(phrases)}){tail}", flags)
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], (
                phrases, text, tail, flags)


@pytest.mark.parametrize("seed", range(8))
def test_random_phrases_match_as_the_flat_list_does(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        phrases = list({"".join(rng.choice("abAB ") for _ in range(rng.randint(1, 5))).strip() or "a"
                        for _ in range(rng.randint(1, 6))})
        _same(phrases, "".join(rng.choice("abAB  x\n") for _ in range(40)))


@pytest.mark.parametrize("seed", range(4))
def test_letters_with_odd_cases_match_as_the_flat_list_does(seed: int) -> None:
    # "ſ" is "s" to a case-blind pattern, "K" (the kelvin sign) is "k", "ı" and "İ" are "i"
    rng = random.Random(seed)
    for _ in range(200):
        phrases = list({"".join(rng.choice("sSſkKKiIıİóÓ ") for _ in range(rng.randint(1, 4))).strip() or "s"
                        for _ in range(rng.randint(1, 5))})
        _same(phrases, "".join(rng.choice("sSſkKKiIıİóÓ \n") for _ in range(40)))


def test_the_pattern_files_phrases_match_as_the_flat_list_does() -> None:
    rng = random.Random(0)
    for name in ("organisations", "money", "durations", "contracts", "percentages"):
        lists = [v for v in pattern_data(name).values() if isinstance(v, list) and all(isinstance(p, str) for p in v)]
        lists += [list(v) for v in pattern_data(name).values() if isinstance(v, dict)]
        for phrases in lists:
            text = " ".join(rng.choice(phrases) + rng.choice(["", "s", " x", "ed", "-"]) for _ in range(60))
            _same(phrases, text)
            _same(phrases, text.upper())


def test_a_trie_shares_openings() -> None:
    assert alternation(["was awarded", "was", "will run"]) == r"w(?:as(?:\s+awarded)?|ill\s+run)"


def test_phrases_differing_only_in_case_stay_a_flat_list() -> None:
    # "PLC" and "plc" are one phrase to a case-blind pattern: a trie could not keep their order.
    assert alternation(["plc", "PLC", "Limited"]) == "Limited|plc|PLC"
    assert alternation(["Kelvin", "kilo"]) == "Kelvin|kilo"
    assert alternation(["sun", "ſum"]) == "sun|ſum"


def test_other_letters_make_a_trie() -> None:
    assert alternation(["colón", "colones"]) == "col(?:ones|ón)"


def test_empty_and_single() -> None:
    assert alternation([]) == ""
    assert alternation(["per cent"]) == r"per\s+cent"
