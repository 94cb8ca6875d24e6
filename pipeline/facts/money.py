"""Money: "£3,629,500", "£4.5m", "£6,745k", "(£120k)", "USD 200", "five million pounds",
and cells of "£000" tables, as an amount in whole units with an ISO 4217 currency.

price-parser reads the digits; it ignores magnitudes ("£4.5m" gives 4.5) and returns symbols,
so scaling and currency codes are ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from price_parser import Price
from spacy.tokens import Doc

from pipeline.facts.base import (
    Ranges,
    add_candidate,
    document_of,
    phrase_pattern,
    register_finder,
    text_of,
    words_after,
    words_before,
)
from pipeline.facts.scanning import (
    MergedAnchor,
    alternation,
    finditer_in_windows,
    finditer_opening_near,
    near_windows,
    word_opener,
)
from pipeline.numerals import DIGITS, number_words_pattern, parse_words
from pipeline.resources import pattern_data
from pipeline.schema import MoneyValue, TableContext

COMPONENT = "money_finder"


@dataclass(frozen=True)
class _Opens:
    """Every match of a pattern opens at most `back` characters before a match of `opener`."""

    opener: re.Pattern[str]
    back: int


@dataclass(frozen=True)
class _Vocab:
    symbols: dict[str, str]
    codes: dict[str, str]
    words: dict[str, str]
    subunits: dict[str, tuple[str, Decimal]]
    magnitudes: dict[str, Decimal]
    # Each pattern with what its every match holds near its start (a currency sign, a code),
    # so that it is sought only around those; None: the whole text is scanned.
    # _Opens: tried only where its every match opens.
    patterns: tuple[tuple[re.Pattern[str], re.Pattern[str] | MergedAnchor | _Opens | None], ...]
    bounds: tuple[tuple[str, re.Pattern[str]], ...]  # "up to", "at least": ending the words before
    roles: tuple[tuple[str, re.Pattern[str]], ...]  # "contract value", "saving": among the words before
    per_annum: re.Pattern[str]


@cache
def vocab() -> _Vocab:
    data = pattern_data("money")
    codes = {c: data["code_aliases"].get(c, c) for c in data["codes"]}
    magnitudes = {k: Decimal(v) for k, v in data["magnitudes"].items()}
    subunits = {k: (v[0], Decimal(v[1])) for k, v in data["subunits"].items()}
    sym = alternation(data["symbols"])
    code = alternation(codes)
    word = alternation(data["words"])
    mag = alternation(magnitudes)
    numwords = number_words_pattern()
    num = rf"(?P<num>{DIGITS})"
    # "£150\nmillion": a line may end between a number and its magnitude word
    mag_group = rf"(?:(?:[ \t]?|\n(?=(?:million|billion|thousand|trillion)))(?P<mag>{mag})(?![\w£$€]))?"
    neg = r"(?P<neg>\(|(?<![\w.,])[-–−])?"  # "-£5m" and "(£5m)"; "lost - $ 75" has a dash
    # "C$", "hk $", "aud$": a single capital letter counts only when it touches the "$" ("Option C $ 5" is no CAD)
    several = alternation([p for p in data["dollar_prefixes"] if len(p) > 1 or p.islower()])
    single = "|".join(p for p in data["dollar_prefixes"] if len(p) == 1 and p.isupper())
    prefix = rf"(?:(?P<dprefix>(?:{several})(?=[ \t]?\$)|(?:{single})(?=\$))[ \t]?)?"
    lower_codes = alternation(data["lowercase_codes"])  # all three letters long: their order never mattered
    before = alternation(data["words_before_number"])
    # "10 000 dollars": a space between thousands, only where a currency word follows at once
    spaced = rf"(?P<num>\d{{1,3}}(?: \d{{3}})+(?![\d,.])|{DIGITS})"
    sign = re.compile("[" + re.escape("".join(sorted({s[-1] for s in data["symbols"]}))) + "]")
    patterns = (
        # £1-2m, $5–10 million: two amounts sharing the magnitude
        (re.compile(rf"{neg}(?P<sym>{sym})\s?{num}\s?[-–]\s?(?:(?P=sym))?(?P<num2>{DIGITS}){mag_group}"), sign),
        # £4.5m, $ 75 million, € 15, £1, 002,318, C$ 1.34, hk $ 10.05 billion, $-99.99
        (re.compile(rf"{neg}{prefix}(?P<sym>{sym})\s?(?P<neg2>[-–−])?{num}{mag_group}(?:\s(?P<cword>{word})\b)?"),
         sign),
        # 200 USD, 48.5 MGBP, 75 USD million, 20 Million Dollars, 15€, five million pounds, 50p,
        # 470 pence, 12-cent, one-yen
        (re.compile(
            rf"(?<![\w.,/-]){neg}(?:{spaced}(?:[ \t]?(?P<mag>{mag}))?"
            rf"|(?P<words>{numwords})\b(?:[ \t]+(?P<wmag>million|billion|thousand|trillion)s?\b)?)[ \t-]?"
            rf"(?:(?P<mcode>[MK])?(?P<code>{code})(?![A-Za-z])(?:[ \t]?(?P<mag2>{mag})(?![\w]))?"
            rf"|(?P<sym>{sym})|(?P<cword>{word})(?![\w])|(?P<sub>{alternation(subunits)})\b)",
            re.I,
        ), None),
        # USD 200, GBP 1.2m, EUR 5, rmb 10
        (re.compile(rf"{neg}(?<![A-Za-z])(?P<code>{code}|{lower_codes})\s?{num}{mag_group}"),
         # codes, then lower-case ones, in the two cases: the first letters of each a set a scan skips to
         MergedAnchor(re.compile("|".join(codes)), re.compile("|".join(data["lowercase_codes"])))),
        # dollar 22.5 million: the magnitude makes it money ("the pound 12 months ago" is not)
        # (its currency word opens it, after a sign if any)
        (re.compile(rf"{neg}\b(?P<cword>{before})\s+{num}[ \t]?(?P<mag>{mag})(?![\w£$€])", re.I),
         _Opens(word_opener(data["words_before_number"]), 1)),
        # "in the sum of 4,406,011.59": a price phrase, then a sum whose sign was lost
        (_bare_sum_pattern(data["bare_sum"]["cues"], data["bare_sum"]["followers"], _THOUSANDS),
         _Opens(word_opener(data["bare_sum"]["cues"]), 1)),
        (_bare_sum_pattern(data["bare_sum"]["weak_cues"], data["bare_sum"]["followers"], _LARGE),
         _Opens(word_opener(data["bare_sum"]["weak_cues"]), 1)),
    )
    pa = alternation(data["per_annum"])
    return _Vocab(
        symbols=data["symbols"], codes=codes, words=data["words"], subunits=subunits,
        magnitudes=magnitudes, patterns=patterns,
        bounds=tuple((name, re.compile(rf"(?:^|\W)(?:{alternation(phrases)})\W*$"))
                     for name, phrases in data["bounds"].items()),
        roles=tuple((name, phrase_pattern(phrases)) for name, phrases in data["roles"].items()),
        per_annum=re.compile(rf"^(?:{pa})(?=\W|$)", re.I),
    )

_THOUSANDS = r"\d{1,3}(?:,\d{3})+(?:\.\d{2})?"
_LARGE = r"(?:\d{1,3}(?:,\d{3})+\.\d{2}|\d{2,3},\d{3}|\d{1,3}(?:,\d{3}){2,})"  # in pence, or 10,000 and up


def _bare_sum_pattern(cues: list[str], followers: list[str], number: str) -> re.Pattern[str]:
    """A number with thousands separators after a price phrase, where nothing follows that
    would make it a count ("a total of 1,200 homes")."""
    return re.compile(
        rf"\b(?P<bare>{alternation(cues)})\s+(?P<neg>)?(?P<num>{number})"
        rf"(?![\d,.]\d)(?=[ \t]*(?:[,.;:)(\n]|$|(?:{alternation(followers)})\b))", re.I)


_COMMA_SPACE = re.compile(r",\s")
_OPENING = re.compile(r"\s*\(?\s*")  # what stands between words and figures that restate them

def parse_amount(number: str) -> Decimal:
    """The amount price-parser reads from digits, with PDF stray spaces taken out.

    >>> parse_amount("1, 002,318"), parse_amount("4.5")
    (Decimal('1002318'), Decimal('4.5'))
    """
    price = Price.fromstring(_COMMA_SPACE.sub(",", number), decimal_separator=".")
    if price.amount is None:
        raise ValueError(f"no amount in {number!r}")
    return price.amount


def format_amount(amount: Decimal) -> str:
    """
    >>> format_amount(Decimal("4.5") * 1000000), format_amount(Decimal("-120.000")), format_amount(Decimal("0.50"))
    ('4500000', '-120', '0.5')
    """
    text = format(amount.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _currency(match: re.Match[str], v: _Vocab) -> tuple[str, Decimal] | None:
    groups = match.groupdict()
    if groups.get("sub"):
        return v.subunits[groups["sub"].lower()]
    if groups.get("sym"):
        code = v.symbols[groups["sym"]]
        if groups.get("dprefix"):
            code = pattern_data("money")["dollar_prefixes"][groups["dprefix"]]
        # "$5 Canadian dollars": the word is more specific than the symbol.
        if groups.get("cword"):
            code = v.words[" ".join(groups["cword"].lower().split())]
        return code, Decimal(1)
    if groups.get("code"):
        return v.codes.get(groups["code"].upper(), groups["code"].upper()), Decimal(1)
    if groups.get("cword"):
        return v.words[" ".join(groups["cword"].lower().split())], Decimal(1)
    if groups.get("bare"):
        return pattern_data("money")["bare_sum"]["currency"], Decimal(1)
    return None


def normalise_money(match: re.Match[str]) -> list[tuple[Decimal, str]]:
    """Amounts and currency of one match (two for a range such as "£1-2m")."""
    v = vocab()
    found = _currency(match, v)
    if found is None:
        return []
    currency, unit = found
    groups = match.groupdict()
    scale = unit
    for key in ("mag", "mag2", "wmag"):
        if groups.get(key):
            mag = groups[key]
            scale *= v.magnitudes.get(mag, v.magnitudes.get(mag.lower(), Decimal(1)))
    if groups.get("mcode"):
        scale *= v.magnitudes[groups["mcode"]]
    if groups.get("words"):
        words = groups["words"]
        lone_article = words.lower() in ("a", "an", "one") and not groups.get("mag")
        number = Decimal(1) if lone_article else parse_words(words)
    else:
        number = parse_amount(groups["num"].replace(" ", ""))
    sign = -1 if _negative(match) else 1
    amounts = [number * scale * sign]
    if groups.get("num2"):
        amounts.append(parse_amount(groups["num2"]) * scale * sign)
    return [(a, currency) for a in amounts]


# "Twenty Million Dollars ($20,000,000)", "as 2020-21 (£48.5m)": brackets that restate or
# qualify, not an accounting negative ("Variance: (£120k)", "was (£1.2m)")
_RESTATED = re.compile(r"(?:dollars?|pounds?|euros?|sterling|million|thousand|billion|"
                       r"(?:19|20)\d{2}(?:[-/]\d{2,4})?)[ \t]*$", re.I)


# "part funded by Public Health (£18,000) and part by", "the remaining funding (£22,710) to the
# bureau": a sum in brackets after a noun, the sentence going on after it, says how much, as an aside
_ASIDE_BEFORE = re.compile(r"(?<![\w.])(?!(?:was|is|are|were|be|been|of|by|at|to|than)\b)[A-Za-z]{3,}[ \t]$")
_ASIDE_AFTER = re.compile(r"[ \t]+(?:and|or|to|for|from|in|of|is|was|will|has|had|which|with|towards?)\b")


def _negative(match: re.Match[str]) -> bool:
    neg = (match.group("neg") or "").strip()
    if match.groupdict().get("neg2"):
        return True
    if neg == "(":
        # "(£120k)" in accounts is negative; "Twenty Million Dollars ($20,000,000)" restates.
        closed = match.string[match.end():match.end() + 1] == ")"
        before = match.string[max(0, match.start() - 40):match.start()]
        return closed and not _RESTATED.search(before) and not (
            _ASIDE_BEFORE.search(before) and _ASIDE_AFTER.match(match.string, match.end() + 1))
    return neg in ("-", "–", "−")


@cache
def _cents_pattern() -> re.Pattern[str]:
    # With "cents" the amount is plain; without, a number followed by more words is something else
    # ("15 dollars and 15 staff").
    return re.compile(rf"[ \t]+(?:and[ \t]+)?(?P<n>\d{{1,2}}|{number_words_pattern()})"
                      rf"(?:[ \t]*(?:cents?|pence|p)\b|(?![\w£$€%-]|[.,]\d|[ \t]*(?:\d|[A-Za-z])))", re.I)


def _cents_after(match: re.Match[str]) -> tuple[Decimal, int] | None:
    """The cents of a compound amount: only after a currency written as a word or code that
    follows its number ("15 dollars and 15", "17 USD 25")."""
    groups = match.groupdict()
    if not (groups.get("cword") or groups.get("code")) or groups.get("mag") or groups.get("wmag") or groups.get("num2"):
        return None
    if match.start("cword" if groups.get("cword") else "code") < match.start("num" if groups.get("num") else "words"):
        return None  # "dollar 22.5": the currency came first
    m = _cents_pattern().match(match.string, match.end())
    if m is None:
        return None
    try:
        cents = parse_words(m.group("n")) if not m.group("n").isdigit() else Decimal(m.group("n"))
    except ValueError:
        return None
    return (cents / 100, m.end()) if 0 < cents < 100 else None


def _is_header(match: re.Match[str]) -> bool:
    number = match.groupdict().get("num") or ""
    tail = match.string[match.end():match.end() + 1]
    return number == "000" or (number.startswith("000") and tail in "s'’")


def classify(text: str, start: int, end: int) -> tuple[str | None, bool, str | None]:
    """Role, per-annum flag and bound of an amount from the words around it."""
    v = vocab()
    before = words_before(text, start, 80)
    after = words_after(text, end, 30)
    per_annum = bool(v.per_annum.match(after))
    bound = None
    for name, pattern in v.bounds:
        if pattern.search(before):
            bound = name
            break
    # The cue nearest the amount wins; of two ending together, the longer
    # ("annual contract value" over "contract value").
    role, best = None, (-1, 0)
    for name, pattern in v.roles:
        for m in pattern.finditer(before):
            if (m.end(), m.end() - m.start()) > best:
                role, best = name, (m.end(), m.end() - m.start())
    if role is None and per_annum:
        role = "annual_value"
    return role, per_annum, bound


def find_money(doc: Doc) -> None:
    text = text_of(doc)
    found = find_amounts(text)
    for start, end, amounts in found:
        role, per_annum, bound = classify(text, start, end)
        for amount, currency in amounts:
            value = MoneyValue.model_validate({"amount": format_amount(amount), "currency": currency,
                                               "role": role, "per_annum": per_annum, "bound": bound})
            add_candidate(doc, "money", start, end, value, COMPONENT)
    _add_table_cells(doc, Ranges((s, e) for s, e, _ in found))


Amounts = list[tuple[Decimal, str]]


# An amount opens at most this far before its sign or code ("(U.S. $"), and ends within this
# far after it ("$ 1, 002,318.50 million Canadian dollars"; a longer one is matched again whole).
_BEFORE_ANCHOR, _AFTER_ANCHOR = 20, 80


def find_amounts(text: str) -> list[tuple[int, int, Amounts]]:
    """Every amount of money in a text with its offsets, in text order; patterns run most
    specific first and a later pattern never takes characters an earlier one claimed.

    >>> text = "Twenty Million Dollars ($20,000,000) and (£120k)."
    >>> [(text[s:e], [str(a) for a, _ in amounts]) for s, e, amounts in find_amounts(text)]
    [('Twenty Million Dollars', ['20000000']), ('(£120k)', ['-120000'])]
    """
    v = vocab()
    found: list[tuple[int, int, Amounts]] = []
    taken = Ranges()
    # Patterns sharing an anchor share its windows.
    windows: dict[re.Pattern[str] | MergedAnchor, list[tuple[int, int]]] = {}
    for pattern, anchor in v.patterns:
        if anchor is None:
            matches: Iterable[re.Match[str]] = pattern.finditer(text)
        elif isinstance(anchor, _Opens):
            matches = finditer_opening_near(pattern, anchor.opener, text, anchor.back)
        else:
            if anchor not in windows:
                windows[anchor] = near_windows(anchor, text, _BEFORE_ANCHOR, _AFTER_ANCHOR)
            matches = finditer_in_windows(pattern, text, windows[anchor])
        for match in matches:
            start, end = match.span()
            if match.groupdict().get("bare"):
                start = match.start("num")  # the sum, without the phrase that priced it
            if match.group("neg") and not _negative(match):
                start = match.start("neg") + len(match.group("neg"))
            if taken.overlaps(start, end) or _is_header(match):
                continue
            if _negative(match) and (match.group("neg") or "").startswith("("):
                end = text.find(")", end) + 1
            try:
                amounts = normalise_money(match)
            except (ValueError, ArithmeticError):
                continue
            cents = _cents_after(match)
            if cents is not None and len(amounts) == 1:
                # "3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount
                amounts = [(amounts[0][0] + cents[0], amounts[0][1])]
                end = cents[1]
            found.append((start, end, amounts))
            taken.add(start, end)
    found.sort(key=lambda f: f[0])
    return [f for i, f in enumerate(found) if not (i and _restates(text, f, found[i - 1]))]


def _restates(text: str, amount: tuple[int, int, Amounts], previous: tuple[int, int, Amounts]) -> bool:
    """"Twenty Million Dollars ($20,000,000)": figures in brackets repeating the words are one amount."""
    same = [(abs(a), c) for a, c in amount[2]] == [(abs(a), c) for a, c in previous[2]]
    return same and bool(_OPENING.fullmatch(text[previous[1]:amount[0]])) and "(" in text[previous[1]:amount[1]]


_CELL_NUMBER = re.compile(r"^\(?([-–−])?\s?([\d,]+(?:\.\d+)?)\)?$")


def _add_table_cells(doc: Doc, taken: Ranges) -> None:
    document = document_of(doc)
    if document is None:
        return
    roles: dict[str, str | None] = {}
    for table in document.tables:
        for cell in table.cells:
            match = _CELL_NUMBER.match(cell.text)
            if not match or taken.overlaps(cell.start, cell.end):
                continue
            negative = bool(match.group(1)) or cell.text.startswith("(")
            amount = parse_amount(match.group(2)) * cell.scale * (-1 if negative else 1)
            if cell.row_header not in roles:  # a row's cells share its header, and so its role
                roles[cell.row_header] = classify(cell.row_header.lower(), len(cell.row_header),
                                                  len(cell.row_header))[0]
            role = roles[cell.row_header]
            value = MoneyValue.model_validate({
                "amount": format_amount(amount), "currency": cell.currency, "role": role,
                "table": TableContext(row=cell.row_header, column=cell.column_header,
                                      scale=format_amount(cell.scale)),
            })
            add_candidate(doc, "money", cell.start, cell.end, value, COMPONENT)


register_finder(COMPONENT, find_money, requires=("doc._.document",))
