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


def imports_in(source: str, name: str, *, is_package: bool = False) -> set[str]:
    """Every module the source of `name` imports, resolved to full names.

    Imports inside functions count, and so do those under ``if TYPE_CHECKING:``: they never
    run, but a reader (and a type checker) follows them, so a module that names a type from
    a module above it still ties the two together. ``from . import x`` counts as importing
    the module ``x`` when it is one (the package it comes from is loaded first whatever is
    imported, so it is no edge).
    """
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
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


def imports(name: str) -> set[str]:
    """Every module the handbook module `name` imports (see imports_in)."""
    path = MODULES[name]
    source = path.read_text(encoding="utf-8")
    return imports_in(source, name, is_package=path.name == "__init__.py")


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


CHECKER_SAMPLE = """
from __future__ import annotations
from typing import TYPE_CHECKING
from . import guidelines
from ..catalog.stretch import Stretch

if TYPE_CHECKING:
    from .model import WeekPlan

def save():
    from .planfile import save_plan
"""


def test_the_checker_sees_every_kind_of_import():
    found = imports_in(CHECKER_SAMPLE, "handbook.week.sample")
    assert {
        "handbook.week.guidelines",  # from . import a module
        "handbook.catalog.stretch",  # relative, two levels up
        "handbook.week.model",  # under TYPE_CHECKING
        "handbook.week.planfile",  # inside a function
    } <= found
    assert "handbook.week" not in found  # the package a module comes from is no edge


def test_the_checker_reads_the_real_package():
    assert "handbook.week.guidelines" in own_imports("handbook.week.model")


def test_no_module_imports_one_that_imports_it_back():
    assert cycles() == []


@pytest.mark.parametrize("name", [n for n in MODULES if not n.startswith("handbook.widgets")])
def test_engines_never_import_views(name):
    assert not {m for m in imports(name) if m.split(".")[0] in VIEW_LIBRARIES}
    assert not {m for m in own_imports(name) if m.startswith("handbook.widgets")}


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("handbook.widgets")])
def test_views_hold_no_file_formats(name):
    assert not {m for m in imports(name) if m.split(".")[0] in FILE_FORMATS}
