"""No import cycles among graphsvc's modules, counting imports inside functions too.

A lazy import hides a cycle from Python (it only runs later) but not from the reader:
``core`` importing ``workshop.service`` while that imports ``core`` makes both modules
one. This walks the source with :mod:`ast`, so it sees every import, run or not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import graphsvc

PACKAGE = Path(graphsvc.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.Module, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The graphsvc modules that importing ``module`` runs, from anywhere in its source.

    ``from graphsvc.x import y`` imports the module ``graphsvc.x.y`` when there is one,
    else ``graphsvc.x``; either way Python first runs the packages above it
    (``graphsvc.x``'s ``__init__``), except those ``module`` itself lies in, which are
    already under way.
    """
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    own_packages = {".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 1)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # a name imported from a module: the module
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
            while name := name.rpartition(".")[0]:
                if name not in own_packages:
                    found.add(name)
    return found & known


def import_graph() -> nx.DiGraph:
    paths = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = imported(tree, module, path.name == "__init__.py", set(paths))
        graph.add_edges_from((module, target) for target in targets)
    return graph


def test_the_walk_sees_function_level_imports() -> None:
    graph = import_graph()
    assert len(graph) > 50  # every module of the package, not an empty walk
    assert graph.has_edge("graphsvc.core", "graphsvc.maps")  # imported inside map_html
    assert graph.has_edge("graphsvc.api.deps", "graphsvc.core")


def test_no_import_cycles() -> None:
    graph = import_graph()
    tangles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    report = [
        f"{', '.join(tangle)}\n  e.g. " + " -> ".join([*(a for a, _ in cycle), cycle[0][0]])
        for tangle in tangles
        for cycle in [nx.find_cycle(graph.subgraph(tangle))]
    ]
    assert not tangles, "modules that import each other:\n" + "\n".join(report)
