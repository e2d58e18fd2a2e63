"""Errors raised when data files are wrong, each naming the file, the field and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .i18n import _, ngettext


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file: where it is and what to do about it.

    ``file`` is the file's path, ``field`` the field (None: the whole file), ``message``
    what is wrong; a CatalogError, RoutineError or PlanError lists them in ``problems``.

    >>> import handbook
    >>> print(handbook.Problem("my-stretches/calf.toml", "hold", "must be 5-120 s, got 300"))
    my-stretches/calf.toml: hold: must be 5-120 s, got 300
    """

    file: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class DataFileError(ValueError):
    """A data file (or folder) that cannot be used; ``problems`` lists everything found."""

    def __init__(self, problems: Iterable[Problem], folder: str | Path | None = None):
        self.problems = list(problems)
        self.folder = None if folder is None else str(folder)
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        if self.folder:
            head = ngettext("{n} problem in {folder}:", "{n} problems in {folder}:", n).format(
                n=n, folder=self.folder
            )
        else:
            head = ngettext("{n} problem:", "{n} problems:", n).format(n=n)
        lines = [head] + [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class CatalogError(DataFileError):
    """A catalogue folder that cannot be loaded; ``problems`` lists everything found."""


class PlanError(DataFileError):
    """A saved plan that cannot be read; ``missing`` lists stretch ids gone from the catalogue."""

    def __init__(
        self,
        problems: Iterable[Problem],
        folder: str | Path | None = None,
        missing: Iterable[str] = (),
    ):
        self.missing = list(missing)
        super().__init__(problems, folder)


class ProgressError(ValueError):
    """A log file that cannot be used, or a CSV that cannot be imported; names the file."""

    def __init__(self, path: str | Path, message: str):
        self.path = Path(path)
        super().__init__(f"{path}: {message}")


class ProgressBusyError(ProgressError):
    """The log is held by another program longer than the wait allowed; try again later.

    Nothing was written, so the same rows can be given again (a retry adds each at most once
    when the rows carry their ``id``).
    """


class FileReadError(ValueError):
    """A data file that cannot be read at all; ``reason`` says why, each reader reports it."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: {reason}")


class ProgressWarning(UserWarning):
    """Records left out of an answer, e.g. stretches that are not in the catalogue."""


def shown(value: object, limit: int = 60) -> str:
    """A value as an error message quotes it: its repr cut short, a huge number in 6 digits."""
    if isinstance(value, float) and len(repr(value)) <= 20:
        return repr(value)
    if isinstance(value, float) or (
        isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15
    ):
        try:
            return f"{value:.6g}"
        except OverflowError:  # an int beyond any float
            return _("a number of more than 300 digits")
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + " ..."


def suggest(word: object, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or "" when none is close."""
    if not isinstance(word, str):
        return ""
    pool = list(choices)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return _("; did you mean '{name}'?").format(name=lowered[word.lower()])
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return _("; did you mean '{name}'?").format(name=lowered[close[0]]) if close else ""
