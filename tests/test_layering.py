"""The grader's import graph runs one way: no module imports, even only for type checking or inside a
function, a module that imports it back; and `reference/` (the trusted implementations) is imported
only by the specs and by the one figures module that draws with it."""
from __future__ import annotations

import ast
from pathlib import Path

from grader.course import ROOT

GRADER = ROOT / "grader"
MAY_IMPORT_REFERENCE = ("grader.specs.", "grader.figures.lesson")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(GRADER.rglob("*.py")) if "__pycache__" not in p.parts}


def imports_of(name: str) -> set[str]:
    """Every module `name` imports, wherever the import statement is (top, function, TYPE_CHECKING)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    return found


GRAPH = {name: {m for m in imports_of(name) if m in MODULES and m != name} for name in MODULES}


def circles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_the_grader_has_no_import_circles():
    found = circles()
    assert not found, "\n".join(" <-> ".join(c) + ": " + "; ".join(f"{a} -> {sorted(GRAPH[a] & set(c))}" for a in c)
                                for c in found)


def test_reference_is_imported_only_by_the_specs_and_the_figures_that_draw_with_it():
    importers = sorted(name for name in MODULES if any(m == "reference" or m.startswith("reference.")
                                                       for m in imports_of(name)))
    assert importers and all(name.startswith(MAY_IMPORT_REFERENCE) for name in importers), importers


def test_the_layering_test_sees_a_circle_when_there_is_one():
    """The detector itself: two modules that import each other (one only for type checking) are found."""
    saved = dict(GRAPH)
    try:
        assert "grader.learner" in GRAPH["grader.engine"]
        GRAPH["grader.learner"] = GRAPH["grader.learner"] | {"grader.engine"}
        assert any("grader.learner" in c and "grader.engine" in c for c in circles())
    finally:
        GRAPH.clear()
        GRAPH.update(saved)
