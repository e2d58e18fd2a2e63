"""The importer's command line: ``python -m handbook.catalog.free_exercise_db JSON OUT``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ...i18n import _
from .importer import import_free_exercise_db, summarise


def main(argv: list[str] | None = None) -> int:
    """Import JSON_PATH into OUT_FOLDER; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m handbook.catalog.free_exercise_db",
        description=_(
            "Turn the stretches of free-exercise-db's exercises.json into "
            "stretch files the handbook loads."
        ),
    )
    parser.add_argument("json_path", help=_("free-exercise-db's exercises.json"))
    parser.add_argument("out_folder", help=_("your folder of stretch files (created if needed)"))
    parser.add_argument(
        "--category",
        action="append",
        dest="categories",
        metavar="NAME",
        help=_("a category to import (repeat for more); default: stretching"),
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help=_("replace files that already exist (kept by default)"),
    )
    args = parser.parse_args(argv)
    bar = _ProgressBar(sys.stderr)
    try:
        report = import_free_exercise_db(
            args.json_path,
            args.out_folder,
            categories=args.categories or ("stretching",),
            overwrite=args.overwrite,
            progress=bar,
        )
    except ValueError as exc:  # a SourceError, or an unknown category
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        bar.close()
        print(
            _("error: cannot write to {out_folder}: {exc}").format(
                out_folder=args.out_folder, exc=exc
            ),
            file=sys.stderr,
        )
        return 1
    bar.close()
    print(summarise(report, args.out_folder))
    return 0


class _ProgressBar:
    """A text progress bar on a terminal; elsewhere a line every `every` entries."""

    def __init__(self, stream: TextIO, width: int = 30, every: int = 50):
        self.stream, self.width, self.every = stream, width, every
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            filled = self.width * done // max(total, 1)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} entries"
            )
            self.drawn = True
        elif done % self.every == 0 or done == total:
            self.stream.write(_("{done} of {total} entries done\n").format(done=done, total=total))
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


if __name__ == "__main__":
    sys.exit(main())
