"""No import cycles between modules, counting the imports made inside functions too.

An import moved into a function hides a cycle from Python but not from the reader: the two
modules still need each other. This test reads every module's imports (except those under
``TYPE_CHECKING``) and finds the strongly connected groups of the import graph: there must be none.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "rentan_desktop"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _parsed_graph() -> dict[str, frozenset[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py") if "migrations" not in p.parts}

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, frozenset[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while todo:
            node = todo.pop()
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                todo.extend(node.orelse)
                continue
            if isinstance(node, ast.Import):
                deps.update(r for a in node.names if (r := resolve(a.name)))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                deps.update(r for a in node.names if (r := resolve(f"{node.module}.{a.name}")))
            todo.extend(ast.iter_child_nodes(node))
        deps.discard(name)
        graph[name] = frozenset(deps)
    return graph


def _graph() -> dict[str, set[str]]:
    return {name: set(deps) for name, deps in _parsed_graph().items()}


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def test_no_import_cycles() -> None:
    found = [sorted(g) for g in _cycles(_graph())]
    assert found == [], "modules that import each other (directly or round a loop)"


def test_the_check_sees_imports_inside_functions_and_a_planted_cycle() -> None:
    graph = _graph()
    # gui.errors imports the crash dialog only inside show_crash (Qt widgets load late).
    assert "rentan_desktop.gui.crash" in graph["rentan_desktop.gui.errors"]
    assert all(
        not g <= {"rentan_desktop.domain.nik", "rentan_desktop.domain.region_code"}
        for g in _cycles(graph)
    )
    graph["rentan_desktop.domain.region_code"].add("rentan_desktop.domain.nik")  # nik uses it
    assert {"rentan_desktop.domain.nik", "rentan_desktop.domain.region_code"} in _cycles(graph)
