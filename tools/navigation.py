"""Write the generated cells of both books: navigation bars, the map and the safety note.

The English book is ``notebooks/``, the Spanish one ``notebooks/es/`` (the same chapters, by
number). Cells are found by their tag: "navigation" (first and last cell of every notebook),
"contents" (the map on the start page) and "safety" (the note from data/safety.md, or its
translation). Each start page's bar links to the other book. In the README, the map and the
safety note sit between <!-- contents --> and <!-- safety --> markers. `--check` changes
nothing and exits 1 when a generated cell is stale (the tests run it).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
SAFETY = ROOT / "data" / "safety.md"
START = "00-start-here.ipynb"


@dataclass(frozen=True)
class Book:
    """One language's book: its folder, start page and the words of its generated cells."""

    language: str
    folder: Path
    start: str
    title: str  # the name on every bar
    contents: str  # the bar's link to the start page
    map_heading: str
    safety_heading: str
    other: str  # the start page's link to the other book: its words, then its address
    other_link: str
    # Where the safety note is read from (a translation sits in data/<code>/); while that file
    # is missing, the cell is left as it is, translated by hand.
    safety: Path
    # Chapters Voila serves on their own (`make class`): there the other notebooks are not
    # served, so a link to one would answer 403. Their navigation bars are left out of the app
    # (Voila drops cells tagged remove-cell) and stay in JupyterLab.
    apps: frozenset[str]


ENGLISH = Book(
    language="en",
    folder=NOTEBOOKS,
    start=START,
    title="The stretch handbook",
    contents="Contents",
    map_heading="What is in the handbook",
    safety_heading="Before you start: safety",
    other="Leer en español",
    other_link="es/00-empieza-aqui.ipynb",
    safety=SAFETY,
    apps=frozenset({"05-class-mode.ipynb"}),
)
SPANISH = Book(
    language="es",
    folder=NOTEBOOKS / "es",
    start="00-empieza-aqui.ipynb",
    title="El manual de estiramientos",
    contents="Índice",
    map_heading="Qué hay en el manual",
    safety_heading="Antes de empezar: seguridad",
    other="Read this in English",
    other_link="../00-start-here.ipynb",
    safety=ROOT / "data" / "es" / "safety.md",
    apps=frozenset({"05-modo-clase.ipynb"}),
)
BOOKS = (ENGLISH, SPANISH)


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


def contents(prefix: str = "", book: Book = ENGLISH) -> str:
    """The map of a book as a markdown list, links relative to prefix."""
    return "\n".join(
        f"{n}. [{title}]({prefix}{name}): {blurb}"
        for n, (name, title, blurb) in enumerate(chapters(book.folder))
    )


def navigation(name: str, book: Book = ENGLISH) -> str:
    """The bar linking a notebook to the previous one, the start page and the next one; the
    start page's bar also links to the other book."""
    found = chapters(book.folder)
    names = [c[0] for c in found]
    titles = {c[0]: c[1] for c in found}
    i = names.index(name)
    parts = []
    if i > 0:
        parts.append(f"< [{titles[names[i - 1]]}]({names[i - 1]})")
    if book.start not in (name, names[i - 1] if i > 0 else None):
        parts.append(f"[{book.contents}]({book.start})")
    if i + 1 < len(names):
        parts.append(f"[{titles[names[i + 1]]}]({names[i + 1]}) >")
    if name == book.start:
        parts.append(f"[{book.other}]({book.other_link})")
    return f"*{book.title}* | " + " | ".join(parts)


def safety_note(book: Book) -> str | None:
    """The safety note in the book's language, or None when it has no file yet."""
    path = book.safety
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    tags: list[str] = cell.get("metadata", {}).get("tags", [])
    return tags


def _generated(tag: str, name: str, book: Book) -> str | None:
    if tag == "navigation":
        return navigation(name, book)
    if tag == "contents":
        return f"## {book.map_heading}\n\n" + contents(book=book)
    note = safety_note(book)
    return None if note is None else f"## {book.safety_heading}\n\n{note}"


def update_book(book: Book, check: bool = False) -> list[str]:
    """Rewrite every generated cell of one book; return the files (to be) changed."""
    stale = []
    for path in sorted(book.folder.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            for tag in ("navigation", "contents", "safety"):
                if tag not in _tags(cell):
                    continue
                text = _generated(tag, path.name, book)
                if text is not None and cell.source != text:
                    cell.source, changed = text, True
            if (
                path.name in book.apps
                and "navigation" in _tags(cell)
                and "remove-cell" not in _tags(cell)
            ):
                cell.metadata["tags"] = [*_tags(cell), "remove-cell"]
                changed = True
        if changed:
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                nbformat.write(nb, path)
    return stale


def update(check: bool = False) -> list[str]:
    """Rewrite every generated cell of both books and the README's map; return the files that
    were (or would be) changed."""
    stale = [name for book in BOOKS for name in update_book(book, check)]
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
