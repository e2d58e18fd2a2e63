"""The rules of the house, read from the source with ast: no import cycles, layers kept apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "handbook"
VIEW_LIBRARIES = ("ipywidgets", "anywidget", "traitlets", "IPython")
FILE_FORMATS = ("sqlite3", "tomli", "tomllib", "tomli_w", "csv", "json")


def module_name(path: Path) -> str:
    """handbook/week/model.py -> handbook.week.model; a package's __init__ is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def imports(name: str) -> set[str]:
    """Every module `name` imports, at the top or inside functions, resolved to full names.

    Imports under ``if TYPE_CHECKING:`` are left out: they are never run, only read by a
    type checker. ``from . import x`` counts as importing the module ``x`` when it is one
    (the package it comes from is loaded first whatever is imported, so it is no edge).
    """
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for block in ast.walk(tree)
        if _type_checking_only(block)
        for stmt in block.body
        for n in ast.walk(stmt)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = {
                f"{module}.{alias.name}"
                for alias in node.names
                if f"{module}.{alias.name}" in MODULES
            }
            found |= submodules
            if len(submodules) < len(node.names):  # names from the module itself
                found.add(module)
    return found


def own_imports(name: str) -> set[str]:
    """The handbook modules `name` imports (itself left out)."""
    return {m for m in imports(name) if m in MODULES and m != name}


def cycles() -> list[list[str]]:
    """Each group of modules that import one another, directly or round a loop (Tarjan)."""
    graph = {name: own_imports(name) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def test_the_checker_sees_imports_inside_functions_and_relative_ones():
    assert "handbook.output.handout" in own_imports("handbook.timing.routine")  # in to_html
    assert "handbook.week.guidelines" in own_imports("handbook.week.model")  # from . import g
    assert "handbook.week.model" not in own_imports("handbook.week.planfile")  # TYPE_CHECKING


def test_no_module_imports_one_that_imports_it_back():
    assert cycles() == []


@pytest.mark.parametrize("name", [n for n in MODULES if not n.startswith("handbook.widgets")])
def test_engines_never_import_views(name):
    assert not {m for m in imports(name) if m.split(".")[0] in VIEW_LIBRARIES}
    assert not {m for m in own_imports(name) if m.startswith("handbook.widgets")}


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("handbook.widgets")])
def test_views_hold_no_file_formats(name):
    assert not {m for m in imports(name) if m.split(".")[0] in FILE_FORMATS}
