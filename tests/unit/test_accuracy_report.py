"""The accuracy report (docs/accuracy.md) names an example of each kind of miss, except on the unseen
splits, whose misses it only counts: an example read there would be a rule's first draft."""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.devtools.accuracy import _error_classes


def _results(name: str) -> dict[str, object]:
    misses = [SimpleNamespace(type="providers", kind="missed", value="harbour software"),
              SimpleNamespace(type="providers", kind="missed", value="brightwave")]
    return {name: {"ours": SimpleNamespace(misses=misses)}}


def test_a_development_suite_shows_an_example() -> None:
    line = _error_classes(_results("pages-extra"))[-1]
    assert line == "- **pages-extra**: providers missed ×2 (e.g. `harbour software`)"


def test_an_unseen_suite_shows_counts_only() -> None:
    line = _error_classes(_results("pages-extra-unseen"))[-1]
    assert line == "- **pages-extra-unseen**: providers missed ×2"
