"""Train the organisation-name model (models/ner/) from our gold annotations.

    python -m pipeline.devtools.train_ner                   # build the data, train, install the model
    python -m pipeline.devtools.train_ner --data-only       # only write the training data and its stats

What it learns from: the development gold of Kent documents (tests/gold/kent) and council pages
(tests/gold/pages and pages-extra, texts collected as docs/gold.md says, into COUNCIL_FACTS_PAGES). Every
occurrence in a document's text of a gold organisation's name or alias is an ORG span. Documents
annotated completely teach where names are not, too; key-facts lists (complete: false) only teach
the names they list, every other token left missing. Unseen documents are refused, whatever folder
they sit in. The texts and the data made from them stay in the working folder (build/ner/ by
default), never in the project; only the trained model is shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.devtools.evaluate import gold_files, load_gold
from pipeline.devtools.splits import kent_is_unseen, page_is_unseen
from pipeline.devtools.suites import ROOT, SHARED, pages_folder
from pipeline.devtools.synthetic_names import synthetic_name

CONFIG = Path(__file__).parent / "training" / "ner.cfg"
MODEL = ROOT / "models" / "ner"
LABEL = "ORG"
MAX_CHUNK_CHARACTERS = 1500  # paragraphs are grouped into examples of about this size
DEV_SHARE = 6  # one document in six (by hash of its name) is the training run's own dev set
COPIES = 3  # copies of each training example with its non-council names swapped for made-up ones


@dataclass
class TrainingDocument:
    name: str
    text: str
    forms: list[str]  # every surface form of every gold organisation
    complete: bool
    councils: frozenset[str] = frozenset()  # the forms that name councils: never swapped


def training_documents(shared: Path = SHARED, pages: Path | None = None) -> Iterator[TrainingDocument]:
    from pipeline.loaders import load_bytes

    pages = pages or pages_folder()
    sources = [(ROOT / "tests" / "gold" / "kent", shared / "corpus" / "kent", "kent"),
               (ROOT / "tests" / "gold" / "pages", pages, "pages"),
               (ROOT / "tests" / "gold" / "pages-extra", pages, "pages")]
    for gold_dir, docs_dir, kind in sources:
        for path in gold_files(gold_dir):
            gold = load_gold(path)
            unseen = kent_is_unseen(gold["document"]) if kind == "kent" else page_is_unseen(gold.get("url", ""))
            if unseen:
                raise SystemExit(f"{path}: an unseen document in a training folder")
            source = docs_dir / gold["document"]
            if not source.is_file():
                print(f"{source}: not found, left out", file=sys.stderr)
                continue
            orgs = gold.get("organisations", [])
            forms = [f for org in orgs for f in [org["name"], *org.get("aliases", [])]]
            councils = frozenset(f for org in orgs if org.get("role") == "council"
                                 for f in [org["name"], *org.get("aliases", [])])
            yield TrainingDocument(gold["document"], load_bytes(source.read_bytes()).text, forms,
                                   bool(gold.get("complete")), councils)


def entity_offsets(text: str, forms: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every form, longest first, none overlapping another.

    >>> entity_offsets("Change Grow Live (CGL) and CGL staff", ["CGL", "Change Grow Live"])
    [(0, 16), (18, 21), (27, 30)]
    """
    taken: list[tuple[int, int]] = []
    for form in sorted({f.strip() for f in forms if len(f.strip()) > 1}, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if all(match.end() <= s or match.start() >= e for s, e in taken):
                taken.append((match.start(), match.end()))
    return sorted(taken)


def chunks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph-aligned pieces of about MAX_CHUNK_CHARACTERS, as (start, end)."""
    start = 0
    for match in re.finditer(r"\n\s*\n", text):
        if match.start() - start >= MAX_CHUNK_CHARACTERS:
            yield start, match.start()
            start = match.end()
    if text[start:].strip():
        yield start, len(text)


def swapped(text: str, offsets: list[tuple[int, int]], councils: frozenset[str],
            rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """The text with each name that is not a council's replaced by a made-up one (the same name
    for the same form), and the new offsets.

    >>> text, spans = swapped("Awarded to Acme Ltd by Kent County Council.", [(11, 19), (23, 42)],
    ...                       frozenset({"Kent County Council"}), random.Random(1))
    >>> text[spans[1][0]:spans[1][1]], text.startswith("Awarded to Acme")
    ('Kent County Council', False)
    """
    names: dict[str, str] = {}
    parts, new_offsets, cursor, shift = [], [], 0, 0
    for start, end in offsets:
        form = text[start:end]
        replacement = form if form in councils else names.setdefault(form, synthetic_name(rng))
        parts += [text[cursor:start], replacement]
        new_offsets.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), new_offsets


def build(documents: list[TrainingDocument], out: Path) -> dict[str, int]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bins = {"train": DocBin(), "dev": DocBin()}
    stats = {"documents": 0, "examples": 0, "entities": 0, "dev_documents": 0}
    for document in documents:
        part = "dev" if int(hashlib.sha256(document.name.encode()).hexdigest(), 16) % DEV_SHARE == 0 else "train"
        stats["documents"] += 1
        stats["dev_documents"] += part == "dev"
        entities = entity_offsets(document.text, document.forms)
        rng = random.Random(document.name)
        for start, end in chunks(document.text):
            inside = [(s - start, e - start) for s, e in entities if s >= start and e <= end]
            if not inside and not document.complete:
                continue
            chunk = document.text[start:end]
            variants = [(chunk, inside)]
            if part == "train" and inside:
                variants += [swapped(chunk, inside, document.councils, rng) for _ in range(COPIES)]
            for text, offsets in variants:
                doc = nlp.make_doc(text)
                aligned = [doc.char_span(s, e, label=LABEL, alignment_mode="expand") for s, e in offsets]
                spans = [s for s in aligned if s is not None]
                spans = [s for i, s in enumerate(spans)
                         if all(s.start >= o.end or s.end <= o.start for o in spans[:i])]
                doc.set_ents(spans, default="outside" if document.complete else "missing")
                bins[part].add(doc)
                stats["examples"] += 1
                stats["entities"] += len(spans)
    out.mkdir(parents=True, exist_ok=True)
    for part, docbin in bins.items():
        docbin.to_disk(out / f"{part}.spacy")
    (out / "stats.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    return stats


def train(data: Path, model: Path = MODEL) -> Path:
    from spacy.cli.train import train as spacy_train

    output = data / "training"
    spacy_train(CONFIG, output, overrides={"paths.train": str(data / "train.spacy"),
                                           "paths.dev": str(data / "dev.spacy")})
    best = output / "model-best"
    if model.exists():
        shutil.rmtree(model)
    shutil.copytree(best, model)
    # The shipped config names no file of the machine that trained it.
    config = model / "config.cfg"
    config.write_text(re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.devtools.train_ner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared material (Kent PDFs)")
    parser.add_argument("--pages", type=Path, default=None, help="collected council-page texts")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "ner", help="working folder")
    parser.add_argument("--data-only", action="store_true", help="write the training data, do not train")
    args = parser.parse_args(argv)
    stats = build(list(training_documents(args.shared, args.pages)), args.work)
    print(json.dumps(stats))
    if not args.data_only:
        model = train(args.work)
        size = sum(p.stat().st_size for p in model.rglob("*") if p.is_file())
        print(f"model written to {model.relative_to(ROOT)} ({size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
