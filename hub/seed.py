"""Copy the handbook's notebooks (and the class page) into a participant's home, run as them.

The hub runs this as the participant's own Unix user before their server starts, so root
never writes into a folder the participant controls (a planted symlink cannot redirect it).
A file already there is the participant's and is left as it is.

    python hub/seed.py SOURCE_FOLDER DESTINATION_FOLDER
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

CLASS_PAGE = "class-page.html"  # as hub.room.CLASS_PAGE: this script runs alone, in the venv


def seed(source: Path, destination: Path, books: bool = True) -> list[str]:
    """Copy each notebook of source, its class page and each language's book (a folder of
    notebooks, one level down, hidden folders left out), missing from destination; return the
    names copied."""
    destination.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in sorted([*source.glob("*.ipynb"), *source.glob(CLASS_PAGE)]):
        target = destination / notebook.name
        if target.exists() or target.is_symlink():
            continue
        shutil.copyfile(notebook, target)  # contents only: the copy is the participant's
        copied.append(notebook.name)
    if not books:
        return copied
    found = [p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")]
    for book in sorted(p for p in found if any(p.glob("*.ipynb"))):  # a language's book: es/
        folder = destination / book.name
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            continue  # the participant's own file of that name
        copied += [f"{book.name}/{name}" for name in seed(book, folder, books=False)]
    return copied


def main(argv: list[str]) -> int:
    """Seed the folder given on the command line; print what was copied."""
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    for name in seed(Path(argv[0]), Path(argv[1])):
        print(f"copied {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
