"""The contract triggers' patterns, written so that a scan skips to their first letters, and the
stem scan over ASCII bytes, find what their plain forms (kept here) find."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.contracts import triggers
from pipeline.facts.scanning import alternation
from pipeline.resources import pattern_data


def _plain_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = pattern_data("contracts")
    found = []
    for action in data["priority"]:
        options = [alternation(data["actions"][action]), *data.get("action_patterns", {}).get(action, [])]
        found.append((action, re.compile(rf"(?<![\w-])(?:{'|'.join(options)})(?![\w-])", re.I)))
    return found


def _texts(seed: int) -> list[str]:
    data = pattern_data("contracts")
    phrases = [p for ps in data["actions"].values() for p in ps] + data["decision_verbs"]
    rng = random.Random(seed)
    pieces = [*phrases, "the", "contracts", "Contract", "AWARD", "extend the", "of", "-", ".", " ", " ", "\n", "x",
              "ſ", "İ", "K", "é", "’"]
    texts = []
    for _ in range(300):
        words = [rng.choice(pieces) for _ in range(rng.randrange(1, 20))]
        text = "".join(w if rng.random() < 0.3 else w + " " for w in words)
        texts.append(text.upper() if rng.random() < 0.2 else text)
    return texts


@pytest.mark.parametrize("seed", range(5))
def test_action_patterns(seed: int) -> None:
    verbs = re.compile(rf"(?<![\w-])(?:{alternation(pattern_data('contracts')['decision_verbs'])})(?![\w-])", re.I)
    for text in _texts(seed):
        for (action, fast), (_, plain) in zip(triggers._patterns(), _plain_patterns(), strict=True):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (action, text)
        assert [m.span() for m in triggers.decision_verbs().finditer(text)] == [m.span() for m in verbs.finditer(text)]


@pytest.mark.parametrize("seed", range(5))
def test_sentences_with_stems(seed: int) -> None:
    lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    stems = re.compile("|".join(map(re.escape, triggers._stems())))
    for text in _texts(seed):
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+", text)]
        starts = [s for s, _ in bounds]
        expected: dict[int, tuple[int, int]] = {}
        for hit in stems.finditer(text.translate(lower)):
            i = max(k for k, s in enumerate([-1, *starts]) if s <= hit.start()) - 1
            if i >= 0 and hit.end() <= bounds[i][1]:
                expected.setdefault(i, bounds[i])
        assert triggers.sentences_with_actions(text, bounds) == sorted(expected.items()), text
