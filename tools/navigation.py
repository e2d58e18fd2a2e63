"""Write the generated cells of the notebooks: navigation bars, the map and the safety note.

Cells are found by their tag: "navigation" (first and last cell of every notebook),
"contents" (the map in 00-start-here) and "safety" (the note from data/safety.md).
In the README, the map and the safety note sit between <!-- contents --> and <!-- safety -->
markers. `--check` changes nothing and
exits 1 when a generated cell is stale (the tests run it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
SAFETY = ROOT / "data" / "safety.md"
START = "00-start-here.ipynb"
# Chapters Voila serves on their own (`make class`): there the other notebooks are not
# served, so a link to one would answer 403. Their navigation bars are left out of the app
# (Voila drops cells tagged remove-cell) and stay in JupyterLab.
APPS = {"05-class-mode.ipynb"}


def chapters(folder: Path = NOTEBOOKS) -> list[tuple[str, str, str]]:
    """(file, title, blurb) of each numbered notebook, from its first markdown cell."""
    found = []
    for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "markdown" and not _tags(c))
        lines = [line.strip() for line in first.source.splitlines() if line.strip()]
        title = lines[0].lstrip("# ").strip()
        blurb = next((line for line in lines[1:] if not line.startswith("#")), "")
        found.append((path.name, title, blurb))
    return found


def contents(prefix: str = "") -> str:
    """The map of the handbook as a markdown list, links relative to prefix."""
    return "\n".join(
        f"{n}. [{title}]({prefix}{name}): {blurb}"
        for n, (name, title, blurb) in enumerate(chapters())
    )


def navigation(name: str) -> str:
    """The bar linking a notebook to the previous one, the start page and the next one."""
    names = [c[0] for c in chapters()]
    titles = {c[0]: c[1] for c in chapters()}
    i = names.index(name)
    parts = []
    if i > 0:
        parts.append(f"< [{titles[names[i - 1]]}]({names[i - 1]})")
    if START not in (name, names[i - 1] if i > 0 else None):
        parts.append(f"[Contents]({START})")
    if i + 1 < len(names):
        parts.append(f"[{titles[names[i + 1]]}]({names[i + 1]}) >")
    return "*The stretch handbook* | " + " | ".join(parts)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    tags: list[str] = cell.get("metadata", {}).get("tags", [])
    return tags


def _generated(tag: str, name: str) -> str:
    if tag == "navigation":
        return navigation(name)
    if tag == "contents":
        return "## What is in the handbook\n\n" + contents()
    return "## Before you start: safety\n\n" + SAFETY.read_text(encoding="utf-8").strip()


def update(check: bool = False) -> list[str]:
    """Rewrite every generated cell; return the files that were (or would be) changed."""
    stale = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            for tag in ("navigation", "contents", "safety"):
                if tag in _tags(cell) and cell.source != (text := _generated(tag, path.name)):
                    cell.source, changed = text, True
            if (
                path.name in APPS
                and "navigation" in _tags(cell)
                and "remove-cell" not in _tags(cell)
            ):
                cell.metadata["tags"] = [*_tags(cell), "remove-cell"]
                changed = True
        if changed:
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                nbformat.write(nb, path)
    readme = new = README.read_text(encoding="utf-8")
    for tag, text in (
        ("contents", contents("notebooks/")),
        ("safety", SAFETY.read_text(encoding="utf-8").strip()),
    ):
        start, end = f"<!-- {tag} -->", f"<!-- /{tag} -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)

        def block(_: re.Match[str], put: str = f"{start}\n{text}\n{end}") -> str:
            return put

        new = pattern.sub(block, new)
    if new != readme:
        stale.append("README.md")
        if not check:
            README.write_text(new, encoding="utf-8")
    return stale


if __name__ == "__main__":
    check = "--check" in sys.argv
    stale = update(check=check)
    for name in stale:
        print(f"{'stale' if check else 'updated'}: {name}")
    sys.exit(1 if check and stale else 0)
