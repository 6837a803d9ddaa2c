"""The package's imports point down and never go round in a circle (read from the source, not run).

Layers, top to bottom: ``cli`` -> ``jobs`` -> ``translate`` -> ``po`` -> ``pages`` -> ``runtime``;
the top-level modules (``config``, ``model``, ``errors`` ...) serve every layer. Imports inside
functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

SOURCE = REPO / "src"
ORDER = ("runtime", "pages", "po", "translate", "jobs", "cli")
"""Packages from the bottom up (the PO writer measures text with ``pages.text``)."""
BELOW = {
    "runtime": set(),
    "pages": {"runtime"},
    "po": {"runtime", "pages"},
    "translate": {"runtime", "pages", "po"},
    "jobs": {"runtime", "pages", "po", "translate"},
    "cli": {"runtime", "pages", "po", "translate", "jobs"},
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name = ".".join(path.relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cheatl10n"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    graph[name].add(full if full in known else node.module)
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name.startswith("cheatl10n"))
    return graph


def package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ORDER else ""


def test_no_module_imports_in_a_circle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert circles == []


def test_imports_point_down() -> None:
    upward = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for target in targets
        if package(module)
        and package(target)
        and package(target) != package(module)
        and package(target) not in BELOW[package(module)]
    ]
    assert upward == []


GENERATED = {"cheatl10n.unidata"}
"""Tables written by ``tests/make_unidata.py``, not by hand."""


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: count
        for name, path in modules().items()
        if name not in GENERATED and (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
