"""Baselines scored beside council-facts with the same scorer, so its figures mean something.

- naive: what one would write in an afternoon with the same libraries: dateparser's
  `search_dates` over each sentence, price-parser over each token with a currency sign, and a
  regex for "N%" and "N per cent".
- spacy-sm: spaCy's `en_core_web_sm` entities mapped to our types (MONEY, DATE, PERCENT, ORG,
  LAW), when that model is installed; reported as absent otherwise. It is never a dependency.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.devtools.evaluate import TYPES, Predictor
from pipeline.loaders import load_bytes

# Types each baseline produces; the others are not scored for it.
NAIVE_TYPES = ("money", "dates", "percentages")
SPACY_TYPES = ("money", "dates", "percentages", "organisations", "legislation")
SPACY_MODEL = "en_core_web_sm"

_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}
_MONEY_TOKEN = re.compile(r"[£$€]\s?\d[\d,.]*(?:\s?(?:m|bn|k|million|billion))?")
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
# A fixed reference date keeps the baseline deterministic.
_BASE = datetime(2025, 1, 1)


def _text(path: Path) -> str:
    """The document's text; a document that cannot be read is the scorer's error line, as it is
    for council-facts itself, not a traceback."""
    from pipeline.errors import ErrorCode, ExtractionError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(ErrorCode.NOT_FOUND, "read", f"cannot read the file ({exc.strerror})",
                              source=str(path)) from None
    return load_bytes(data).text


def _empty() -> dict[str, list[Any]]:
    return {t: [] for t in TYPES}


def _amount(text: str) -> str | None:
    from price_parser import Price

    price = Price.fromstring(text)
    if price.amount is None or price.currency not in _SYMBOLS:
        return None
    return format(price.amount.normalize(), "f")


def naive_predictor(path: Path) -> dict[str, list[Any]]:
    from dateparser.search import search_dates

    text = _text(path)
    out = _empty()
    for token in _MONEY_TOKEN.findall(text):
        amount = _amount(token)
        if amount is not None:
            out["money"].append({"amount": amount, "currency": _SYMBOLS[token[0]]})
    for m in _PERCENT.finditer(text):
        out["percentages"].append({"value": m.group(1)})
    settings = {"DATE_ORDER": "DMY", "RELATIVE_BASE": _BASE, "PREFER_DAY_OF_MONTH": "first"}
    for sentence in _SENTENCE_END.split(text):
        if not sentence.strip():
            continue
        try:
            found = search_dates(sentence, languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - dateparser raises on odd input; a baseline shrugs
            found = []
        out["dates"] += [{"date": when.date().isoformat()} for _, when in found]
    return out


@cache
def spacy_model() -> Any | None:
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError):
        return None


def spacy_predictor(path: Path) -> dict[str, list[Any]]:
    import dateparser

    nlp = spacy_model()
    if nlp is None:
        raise RuntimeError(f"{SPACY_MODEL} is not installed")
    out = _empty()
    nlp.max_length = 10_000_000
    doc = nlp(_text(path))
    for ent in doc.ents:
        if ent.label_ == "MONEY":
            amount = _amount(ent.text)
            if amount is not None:
                out["money"].append({"amount": amount, "currency": _SYMBOLS[ent.text.strip()[0]]})
        elif ent.label_ == "PERCENT":
            m = re.search(r"-?\d+(?:\.\d+)?", ent.text)
            if m:
                out["percentages"].append({"value": m.group(0)})
        elif ent.label_ == "DATE":
            when = dateparser.parse(ent.text, languages=["en"],
                                    settings={"DATE_ORDER": "DMY", "RELATIVE_BASE": _BASE})
            if when is not None:
                out["dates"].append({"date": when.date().isoformat()})
        elif ent.label_ == "ORG":
            out["organisations"].append({"name": ent.text, "aliases": [], "role": "other"})
        elif ent.label_ == "LAW":
            m = re.match(r"(?:the\s+)?(.*?)\s*((?:18|19|20)\d{2})?$", ent.text.strip(), re.I)
            if m and m.group(1):
                out["legislation"].append({"title": m.group(1), "year": int(m.group(2)) if m.group(2) else None})
    return out


def baselines() -> dict[str, tuple[Predictor | None, tuple[str, ...]]]:
    """Name -> (predictor or None when unavailable, the types it produces)."""
    return {
        "naive": (naive_predictor, NAIVE_TYPES),
        "spacy-sm": (spacy_predictor if spacy_model() is not None else None, SPACY_TYPES),
    }
