"""The package's layering: the product path (loaders -> facts -> nlp -> extract -> batch -> cli) never
imports the tooling in pipeline/devtools, and no two modules import each other, directly or round
a longer cycle. Read from the source with `ast`, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT

PACKAGE = ROOT / "pipeline"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The package's modules that a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != "pipeline":
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    return {name: imported_modules(path, known) - {name} for name, path in files.items()}


def test_no_module_on_the_product_path_imports_devtools() -> None:
    graph = import_graph()
    product = {name for name in graph if not name.startswith("pipeline.devtools")}
    assert len(product) > 30
    offenders = {name: sorted(m for m in graph[name] if m.startswith("pipeline.devtools")) for name in product}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_there_are_no_import_cycles() -> None:
    graph = import_graph()
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_graph_sees_lazy_imports() -> None:
    # The command line reaches the batch engine only inside its functions: it must still be seen.
    assert "pipeline.batch.run" in import_graph()["pipeline.cli"]
