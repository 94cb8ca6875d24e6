"""Patterns rewritten so that a scan can skip to where a match may open find what their plain
forms (kept here) find."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from pipeline.facts import dates, legislation, money, organisation_rules, periods
from pipeline.facts.organisation_rules import CAP
from pipeline.facts.scanning import (
    MergedAnchor,
    alternation,
    case_blind_class,
    finditer_at,
    finditer_in_stretches,
    finditer_near,
    finditer_opening_near,
    finditer_within,
    opening_words,
    stretches,
    word_opener,
)
from pipeline.resources import pattern_data

PLAIN_NUMERIC_DATES = (
    re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<mon>[01]?\d)(?P=sep)(?P<year>(?:19|20)?\d{2})"
               r"(?![\d/]|\.\d)"),
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
)


def _random_texts(pieces: list[str], seed: int, count: int = 300) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))) for _ in range(count)]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return _spans(pattern.finditer(text))


@pytest.mark.parametrize("seed", range(5))
def test_numeric_dates(seed: int) -> None:
    pieces = ["31/03/2025", "3.4.25", "2025-03-31", "12-12-1999", "4/٣/20", "31", "3", "1", "2025", "/", ".", "-",
              " ", "a", "\n"]
    for text in _random_texts(pieces, seed):
        for fast, plain in zip(dates._numeric_patterns(), PLAIN_NUMERIC_DATES, strict=True):
            assert _found(fast, text) == _found(plain, text), text


def test_case_blind_classes_hold_every_character_a_case_blind_letter_matches() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        blind = set(re.findall(letter, everything, re.IGNORECASE))
        assert set(re.findall(f"[{case_blind_class(letter)}]", everything)) == blind, letter


PLAIN_MONEY_WORD_FIRST = re.compile(
    r"(?P<neg>\(|(?<![\w.,])[-–−])?\b(?P<cword>dollars|dollar|euros|pounds|pound|euro)\s+(?P<num>\d+(?:\.\d+)?)"
    r"[ \t]?(?P<mag>million|m|k|bn)(?![\w£$€])", re.I)


@pytest.mark.parametrize("seed", range(5))
def test_a_pattern_tried_where_its_opening_word_is(seed: int) -> None:
    pieces = ["dollar 5 million", "(Dollars 22.5m", "-EURO 3k", "pound\n7 bn", "dollar", "pounds", "po", "(", "-", "–",
              ".", "x", " ", "\n", "5", "22.5", "million", "m", "ſ", "£"]
    opener = word_opener(["dollars", "dollar", "euros", "pounds", "pound", "euro"])
    for text in _random_texts(pieces, seed):
        near = finditer_opening_near(PLAIN_MONEY_WORD_FIRST, opener, text, 1)
        assert [(m.span(), m.groupdict()) for m in near] == _found(PLAIN_MONEY_WORD_FIRST, text), text


def test_the_money_pattern_opening_with_its_word() -> None:
    pattern, opens = money.vocab().patterns[-1]
    assert isinstance(opens, money._Opens)
    for text in _random_texts(["dollar 5 million", "(Dollars 22.5m", "-EURO 3k", "pound\n7 bn", "dollar", "(", "-", " ",
                               "5", "22.5", "million", "bn", "x", "."], 0, 1000):
        near = finditer_opening_near(pattern, opens.opener, text, opens.back)
        assert [(m.span(), m.groupdict()) for m in near] == _found(pattern, text), text


@pytest.mark.parametrize("seed", range(5))
def test_council_names_sought_in_stretches_holding_a_council_word(seed: int) -> None:
    pieces = ["Kent County Council", "London Borough of Merton", "City of York Council", "City and County of Swansea",
              "Stoke-on-Trent City Council", "St. Albans", "Council", "Borough", "City", "Kent", "of", "and", "&",
              "KENT COUNTY COUNCIL", "AND", "-", ",", "(", ")", ";", ":", "’s", ".", " ", " ", "\n", "\t", "x", "2"]
    rules = organisation_rules.rules()
    for text in _random_texts(pieces, seed):
        assert _spans(organisation_rules.council_names(text)) == _found(rules.council, text), text
        assert _spans(organisation_rules.upper_council_names(text)) == _found(rules.council_upper, text), text


def test_stretches_hold_their_barriers() -> None:
    # The barrier after a stretch is searched with it: a look-ahead there sees it.
    pattern, text = re.compile(r"Council(?!;)"), "Council; Council"
    found = finditer_in_stretches(pattern, re.compile("Council"), re.compile(";"), text)
    assert [m.start() for m in found] == [m.start() for m in pattern.finditer(text)] == [9]


@pytest.mark.parametrize("seed", range(5))
def test_citations_sought_in_stretches_holding_a_kind(seed: int) -> None:
    pieces = ["Care Act 2014", "the 2014 Act", "The 1972 Local Government Act", "Public Contracts Regulations 2015",
              "(England)", "(No. 2)", "Order", "Rules", "Act", "Acts", "etc.", "&", "and", "of", "(", ")", ",", ";",
              ":", "-", "–", "’", ".", " ", " ", "\n", "2012", "x", "Local"]
    patterns = [legislation._CITATION, legislation._YEAR_FIRST, legislation._SHORT_REFERENCE]
    for text in _random_texts(pieces, seed):
        spans = stretches(legislation._KIND, legislation._NOT_IN_CITATION, text)
        for pattern in patterns:
            assert _spans(finditer_within(pattern, text, spans)) == _found(pattern, text), text


PLAIN_PERIODS = {
    "_SHORT_FY": re.compile(r"(?<![\w/£$€.,:-])(?P<y1>\d{2})[/-](?P<y2>\d{2})(?![\w/.:-]|,\d)"),
    "_CALENDAR_QUARTER": re.compile(r"\bQ(?P<q>[1-4])\s+(?P<year>(?:19|20)\d{2})\b(?![/–-]\d)"),
}


@pytest.mark.parametrize("seed", range(5))
def test_periods_sought_where_they_open(seed: int) -> None:
    pieces = ["FY", "FY ", "xFY 24/25", "2024/25", "24-25", "Q3 2024", "Q1", "quarter", "Quarter 2 of 2024/25",
              "first half of 2024/25", "second", "Next financial year", "this", "financial years 23/24, 24/25", "years",
              "1 April to 31 March 2025", "June 10-17, 2024", "Oct 2 - Nov 14, 2019", "(", ")", "/", "-", "–", ",", ".",
              ":", " ", " ", "\n", "x", "2019", "20", "19", "£"]
    fast = {
        "_QUARTER": lambda t: finditer_opening_near(periods._QUARTER, periods._OPENS_QUARTER, t, 0),
        "_HALF_YEAR": lambda t: finditer_opening_near(periods._HALF_YEAR, periods._OPENS_HALF_YEAR, t, 0),
        "_YEARS_LIST": lambda t: finditer_opening_near(periods._YEARS_LIST, periods._OPENS_YEARS_LIST, t, 0),
        "_RELATIVE_FY": lambda t: finditer_opening_near(periods._RELATIVE_FY, periods._OPENS_RELATIVE_FY, t, 0),
        "_FY": lambda t: finditer_at(periods._FY, t, periods._fy_starts(t)),
    }
    for text in _random_texts(pieces, seed):
        for name, find in fast.items():
            assert _spans(find(text)) == _found(getattr(periods, name), text), (name, text)
        for name, plain in PLAIN_PERIODS.items():
            assert _found(getattr(periods, name), text) == _found(plain, text), (name, text)
        month_ranges = finditer_in_stretches(periods._month_range(), periods._YEAR, periods._NOT_IN_MONTH_RANGE, text)
        assert _spans(month_ranges) == _found(periods._month_range(), text), text


@pytest.mark.parametrize("seed", range(5))
def test_opening_words_match_as_the_words_at_a_word_start_do(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        words = list({"".join(rng.choice("sSkKiIab") for _ in range(rng.randint(1, 4)))
                      for _ in range(rng.randint(1, 5))})
        text = "".join(rng.choice("sSſkKKiIıİab -\n") for _ in range(60))
        for tail in ("", r"\b", "a"):
            for ignore_case in (False, True):
                plain = re.compile(rf"\b(?:{alternation(words)}){tail}", re.I if ignore_case else 0)
                fast = re.compile(opening_words(words, ignore_case) + tail)
                assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (
                    words, text, tail, ignore_case)


def test_the_organisation_anchors_are_whole_words() -> None:
    data = pattern_data("organisations")
    rules = organisation_rules.rules()
    heads = re.compile(rf"\b(?:{alternation(data['named_heads'])}|Bank|University|College|Institute|Society"
                       rf"|Association|Federation)\b")
    verbs = re.compile(rf"\b(?:{alternation(data['provider_verbs_after'])})\b", re.I)
    pieces = [*data["named_heads"], *data["provider_verbs_after"], "WAS APPOINTED", "Trusts", "x", " ", "\n", "-"]
    for text in _random_texts(pieces, 0, 500):
        assert [m.span() for m in rules.head_anchor.finditer(text)] == [m.span() for m in heads.finditer(text)]
        assert [m.span() for m in rules.verb_anchor.finditer(text)] == [m.span() for m in verbs.finditer(text)]


@pytest.mark.parametrize("seed", range(5))
def test_acronyms_sought_where_they_or_the_word_before_them_open(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        acronyms = rng.sample(["CGL", "PHE", "KCC", "CG", "GL", "DfE", "Joint Venture"], rng.randint(1, 4))
        pieces = [*acronyms, "ResoLUTiONs", "xAcme", "the", "Kent", "(", ")", ",", "-", "’s", " ", "  ", "\n", "\t"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
        pattern = re.compile(rf"(?:(?P<prefix>{CAP})\s+)?\b(?P<acr>{'|'.join(map(re.escape, acronyms))})\b(?!\s*\()")
        near = finditer_at(pattern, text, organisation_rules.acronym_form_starts(text, acronyms))
        assert _spans(near) == _found(pattern, text), (acronyms, text)


@pytest.mark.parametrize("seed", range(5))
def test_names_near_their_anchors_sought_in_stretches_only(seed: int) -> None:
    rules = organisation_rules.rules()
    pieces = ["Acme Care Ltd", "Ltd.", "C.I.C.", "Plexus UK (First Project) Limited", "Change Grow Live (CGL)",
              "Public Health England (PHE)", "the Living Wage Foundation", "Bank of England", "Kent Police", "Trust",
              "Brightpath Care was appointed", "King and Shaxson acts as", ", a charitable trust, was awarded",
              "(the “Provider”)", "Acme Care (“Acme”)", "provides", "runs", "of", "and", "&", ",", ".", ";", ":",
              "(", ")", "“", "”", "’s", "-", " ", " ", "\n", "\n\n", "\t", "x", "Run", "Acme"]
    anchors = [(rules.defined, organisation_rules.ACRONYM_ANCHOR), (rules.quoted, organisation_rules.QUOTE_ANCHOR),
               (rules.suffixed, rules.suffix_anchor), (rules.named, rules.head_anchor),
               (rules.named_by_verb, rules.verb_anchor)]
    for text in _random_texts(pieces, seed, 200):
        for pattern, anchor in anchors:
            plain = finditer_near(pattern, anchor, text, organisation_rules._BEFORE, organisation_rules._AFTER)
            assert _spans(organisation_rules.near(pattern, anchor, text)) == _spans(plain), text


@pytest.mark.parametrize("seed", range(5))
def test_currency_codes_found_in_each_case_apart_as_together(seed: int) -> None:
    data = pattern_data("money")
    together = re.compile("|".join([*data["codes"], *data["lowercase_codes"]]))
    _, anchor = money.vocab().patterns[3]
    assert isinstance(anchor, MergedAnchor)
    pieces = [*data["codes"][:8], *data["lowercase_codes"][:6], "USDGBP", "usdgbp", "eurUSD", "G", "BP", "u", "sd", " "]
    for text in _random_texts(pieces, seed):
        assert [m.span() for m in anchor.finditer(text)] == [m.span() for m in together.finditer(text)], text


@pytest.mark.parametrize("seed", range(5))
def test_initialisms_and_anchor_words(seed: int) -> None:
    plain_initialism = re.compile(r"\b(?P<acr>[A-Z]{1,3}(?:CC|BC|DC|MBC))(?:['’]s)?\b")
    pieces = ["KCC", "RBKC", "LBC", "LB", "MBC", "ABCDCC", "xKCC", "KCC’s", "Quarter", "quarter", "Half", "half", "H",
              "alf", " ", "-", "s"]
    for text in _random_texts(pieces, seed):
        assert _found(organisation_rules.rules().council_initialism, text) == _found(plain_initialism, text), text
        for anchor, plain in ((periods._QUARTER_WORD, "[Qq]uarter"), (periods._HALF_WORD, "[Hh]alf")):
            assert [m.span() for m in anchor.finditer(text)] == [m.span() for m in re.finditer(plain, text)]
        initials = ["LBC", "LB", "KCC", "RBKC"]
        plain_initials = re.compile(rf"\b(?:{'|'.join(initials)})\b")
        assert _found(re.compile(opening_words(initials) + r"\b"), text) == _found(plain_initials, text), text


@pytest.mark.parametrize("seed", range(5))
def test_dates_without_a_year(seed: int) -> None:
    names = sorted(pattern_data("dates")["months"], key=len, reverse=True)
    month = "|".join(m.capitalize() for m in names)
    plain_yearless = re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{month})\b(?!\.?,?\s+\d)")
    pieces = ["13th February", "4 of June", "31", "3", "x3", "42 March", "Next month", "last", "this", "month", "s",
              "June", " ", ",", ".", "\n", "2025", "2"]
    for text in _random_texts(pieces, seed):
        assert _found(dates._yearless(), text) == _found(plain_yearless, text), text
        near = finditer_opening_near(dates._RELATIVE_MONTH, dates._OPENS_RELATIVE_MONTH, text, 0)
        assert _spans(near) == _found(dates._RELATIVE_MONTH, text), text
