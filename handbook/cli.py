"""The ``stretch-handbook`` command: the book for people who installed the handbook with pip.

``stretch-handbook lab [FOLDER]`` copies the book (the notebooks of every language's book, and
class mode's Voila settings) into a folder of the person's, never over their edits, and opens
JupyterLab at its start page (``--lang es``: the Spanish book, with JupyterLab in Spanish);
``stretch-handbook class [FOLDER]`` does the same copy and serves class mode with
Voila, with the settings of ``make class``. ``--dry-run`` copies and prints the command
without starting it.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .files import atomic_write
from .i18n import languages

_PACKAGE = Path(__file__).resolve().parent
START_PAGE = "00-start-here.ipynb"
CLASS_PAGE = "05-class-mode.ipynb"
DEFAULT_FOLDER = "stretch-handbook"
CLASS_PORT = 8866  # as make class: CLASS_PORT, CLASS_THEME, CLASS_POOL
CLASS_THEME = "light"
CLASS_POOL = 3


def book_dir() -> Path:
    """The folder the book is copied from: handbook/book in a wheel, notebooks/ in a checkout."""
    installed = _PACKAGE / "book"  # the wheel force-includes the notebooks here
    if (installed / START_PAGE).is_file():
        return installed
    return _PACKAGE.parent / "notebooks"  # a source checkout or an editable install


def start_pages() -> dict[str, str]:
    """The start page of each language's book, as a path in the book's folder: English at its
    top, another language's book in a folder named by its code, opening at its chapter 00."""
    pages = {"en": START_PAGE}
    for code in languages()[1:]:
        found = sorted((book_dir() / code).glob("00-*.ipynb"))
        if found:
            pages[code] = f"{code}/{found[0].name}"
    return pages


def book_files() -> dict[str, Path]:
    """The files of the book by the name they get in the person's folder: the notebooks (each
    other language's book in its folder, ``es/``) and voila.json (class mode's settings, read by
    Voila from the folder it starts in)."""
    source = book_dir()
    files = {p.name: p for p in sorted(source.glob("*.ipynb"))}
    for code in languages()[1:]:
        files |= {f"{code}/{p.name}": p for p in sorted((source / code).glob("*.ipynb"))}
    settings = source / "voila.json"
    if not settings.is_file():  # a checkout keeps it at the root, beside the Makefile
        settings = source.parent / "voila.json"
    files["voila.json"] = settings
    return files


@dataclass
class Copied:
    """What copying the book did, file by file."""

    folder: Path
    written: list[str] = field(default_factory=list)  # new files
    same: list[str] = field(default_factory=list)  # already there, as this version writes them
    kept: list[str] = field(default_factory=list)  # there and different: the person's, kept

    def report(self) -> str:
        """What happened, in a few lines for the terminal."""
        lines = [f"The book is in {self.folder}"]
        if self.written:
            lines.append(f"  copied: {', '.join(self.written)}")
        if self.kept:
            lines.append(
                f"  kept as you left them (they differ from this version's): {', '.join(self.kept)}"
            )
        if self.same and not self.written and not self.kept:
            lines.append("  already up to date")
        return "\n".join(lines)


def copy_book(folder: str | Path) -> Copied:
    """Copy the book into ``folder`` (made if needed), never over a file that differs.

    A file that is missing is written (atomically); one that holds exactly what would be
    written is left; one that differs (a notebook the person edited or ran) is left as it
    is and reported in ``Copied.kept``.
    """
    target = Path(folder).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file, not a folder for the book")
    target.mkdir(parents=True, exist_ok=True)
    done = Copied(target)
    for name, source in book_files().items():
        data = source.read_bytes()
        path = target / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            atomic_write(path, data, overwrite=False)
            done.written.append(name)
        elif path.is_file() and path.read_bytes() == data:
            done.same.append(name)
        else:
            done.kept.append(name)
    return done


KEEP_WHAT_LASTS = "--ContentsManager.pre_save_hook=handbook.output.notebook.keep_what_lasts"
"""Saved notebooks keep no live view, so a reopened one never reads "model not found"."""


def lab_command(extra: Sequence[str] = (), lang: str = "en") -> list[str]:
    """JupyterLab at the start page of the book in ``lang``, its file browser at the book's
    folder (run there), saving notebooks as ``make lab`` does (each live view kept as a line
    saying how to bring it back). In another language than English, JupyterLab reads its
    settings from the folder the handbook installs for it (``share/jupyter/lab/settings-es``:
    its menus in that language, from the language pack), as ``make lab HANDBOOK_LANG=es`` does.
    """
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / f"settings-{lang}"
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        *_as_root(),
        KEEP_WHAT_LASTS,
        "--ServerApp.root_dir=.",  # both books in the file browser, whichever opens
        *([f"--LabApp.app_settings_dir={settings}"] if settings.is_dir() else []),
        *extra,
        start_pages()[lang],
    ]


def lab_language(chosen: str | None) -> str:
    """The book's language: ``--lang``, else ``HANDBOOK_LANG`` (``es_ES.UTF-8`` is ``es``), else
    English; a language without a book of its own opens the English one."""
    code = chosen or os.environ.get("HANDBOOK_LANG") or "en"
    code = code.strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    return code if code in start_pages() else "en"


def class_command(
    port: int = CLASS_PORT,
    theme: str = CLASS_THEME,
    pool: int = CLASS_POOL,
    extra: Sequence[str] = (),
) -> list[str]:
    """Voila serving class mode on this machine only, as ``make class`` does (the rest of its
    settings come from voila.json, in the folder it runs in)."""
    return [
        sys.executable,
        "-m",
        "voila",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--theme={theme}",
        f"--pool_size={pool}",
        *extra,
        CLASS_PAGE,
    ]


def _as_root() -> list[str]:
    """Jupyter refuses to run as root unless told to (containers, CI machines)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def parser() -> argparse.ArgumentParser:
    """The command line: ``lab`` and ``class``, each with a folder and ``--dry-run``."""
    top = argparse.ArgumentParser(
        prog="stretch-handbook",
        description="Open the stretch handbook: a book of notebooks about stretching. "
        "General information, not medical advice: stop on sharp pain.",
        epilog="Options it does not know go to JupyterLab (lab) or Voila (class), "
        "such as --port=8890.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("lab", "copy the book into FOLDER and open JupyterLab at its start page"),
        ("class", "copy the book into FOLDER and serve class mode with Voila"),
    ):
        sub = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        sub.add_argument(
            "folder",
            nargs="?",
            default=DEFAULT_FOLDER,
            metavar="FOLDER",
            help=f"where your copy of the book lives (default: ./{DEFAULT_FOLDER}); "
            "files you changed there are never overwritten",
        )
        sub.add_argument(
            "--dry-run",
            action="store_true",
            help="copy the book and print the command, without starting it",
        )
    lab = commands.choices["lab"]
    lab.add_argument(
        "--no-browser", action="store_true", help="start JupyterLab without opening a browser"
    )
    lab.add_argument(
        "--lang",
        choices=list(start_pages()),
        help="the book's language, and JupyterLab's (default: HANDBOOK_LANG, else en)",
    )
    room = commands.choices["class"]
    room.add_argument("--port", type=int, default=CLASS_PORT, help=f"(default {CLASS_PORT})")
    room.add_argument(
        "--theme", choices=("light", "dark"), default=CLASS_THEME, help="dark for a dim room"
    )
    room.add_argument(
        "--pool", type=int, default=CLASS_POOL, help="kernels kept ready (about 100 MB each)"
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; its exit status is JupyterLab's or Voila's (0 with --dry-run)."""
    args, extra = parser().parse_known_args(argv)
    if stray := [a for a in extra if not a.startswith("--")]:
        parser().error(f"unrecognized arguments: {' '.join(stray)}")
    try:
        copied = copy_book(args.folder)
    except OSError as exc:
        print(f"stretch-handbook: cannot copy the book: {exc}", file=sys.stderr)
        return 1
    print(copied.report())
    env = os.environ.copy()
    if args.command == "lab":
        lang = lab_language(args.lang)
        env["HANDBOOK_LANG"] = lang  # the kernels speak the book's language
        command = lab_command([*(["--no-browser"] if args.no_browser else []), *extra], lang)
    else:
        command = class_command(args.port, args.theme, args.pool, extra)
    if args.dry_run:
        shown = shlex.join(command)
        if args.command == "lab" and env["HANDBOOK_LANG"] != "en":
            shown = f"HANDBOOK_LANG={env['HANDBOOK_LANG']} {shown}"
        print(f"would run, in {copied.folder}:\n  {shown}")
        return 0
    print("Stop it with Ctrl+C.")
    try:
        return subprocess.run(command, cwd=copied.folder, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":  # pragma: no cover - python -m handbook.cli
    sys.exit(main())
