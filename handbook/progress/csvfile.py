"""The log as CSV: written with every record, read back checked row by row.

Text cells that a spreadsheet would run as a formula are written with a leading apostrophe
(see ``handbook.spreadsheet``), and read back without it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from .. import i18n
from ..errors import FileReadError, ProgressError, suggest
from ..files import read_data
from ..i18n import _
from ..spreadsheet import guard, unguard
from .records import RECORD_ID, FieldError, Row, make_row

CSV_COLUMNS = ("id", "when", "routine", "stretch", "side", "planned_s", "done_s", "completed")
REQUIRED_CSV_COLUMNS = ("id", "when", "stretch", "planned_s", "done_s")


def _headers() -> dict[str, str]:
    """Each column's header in the handbook's language (the values stay machine format)."""
    # Translators: the CSV's column names; short, lower case, no spaces or commas
    return {
        "id": i18n.pgettext("CSV column", "id"),
        "when": i18n.pgettext("CSV column", "when"),
        "routine": i18n.pgettext("CSV column", "routine"),
        "stretch": i18n.pgettext("CSV column", "stretch"),
        "side": i18n.pgettext("CSV column", "side"),
        "planned_s": i18n.pgettext("CSV column", "planned_s"),
        "done_s": i18n.pgettext("CSV column", "done_s"),
        "completed": i18n.pgettext("CSV column", "completed"),
    }


def csv_headers() -> tuple[str, ...]:
    """The header row ``to_csv`` writes: the columns named in the handbook's language.

    >>> csv_headers()[:3]
    ('id', 'when', 'routine')
    """
    return tuple(_headers().values())


def _column(name: str) -> str:
    """The column a header names, in any language the handbook speaks ("fecha": "when");
    the header itself when it names none."""
    wanted = name.strip().lower()
    for code in i18n.languages():
        words = i18n.translations(code)
        for column in CSV_COLUMNS:
            if words.pgettext("CSV column", column).lower() == wanted:
                return column
    return name.strip()


_BOOLEANS = {
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
    "": None,
}


MAX_CSV_BYTES = 200_000_000
"""The largest CSV read: about a million records, a lifetime of stretching."""


def read_csv(path: Path) -> list[Row | None]:
    """The checked records of a CSV file (None for rows with nothing done)."""
    try:
        text = read_data(path, limit=MAX_CSV_BYTES)
    except FileReadError as exc:
        raise ProgressError(path, exc.reason) from None
    with io.StringIO(text, newline="") as file:
        reader = csv.reader(file)
        n = 0  # the last row read; the header is row 1
        try:
            given = [name.strip() for name in next(reader, [])]
            header = [_column(name) for name in given]
            shown = _headers()
            columns = ",".join(shown.values())
            n = 1
            if not header:
                raise ProgressError(
                    path, _("is empty; expected the header row {columns}").format(columns=columns)
                )
            for name, written in zip(header, given, strict=True):
                if name not in CSV_COLUMNS or header.count(name) > 1:
                    why = (
                        _("is repeated") if name in CSV_COLUMNS else _("is not a column of the log")
                    )
                    raise ProgressError(
                        path,
                        _("row 1, column {name!r}: {why}; the columns are {columns}").format(
                            name=written, why=why, columns=columns
                        )
                        + suggest(written, shown.values()),
                    )
            for name in REQUIRED_CSV_COLUMNS:
                if name not in header:
                    raise ProgressError(
                        path,
                        _(
                            "row 1: the column {name!r} is missing; the columns are {columns}"
                        ).format(name=shown[name], columns=columns),
                    )
            rows: list[Row | None] = []
            seen: dict[str, tuple[int, Row]] = {}  # id: the row that gave it first
            for n, fields in enumerate(reader, 2):
                if not fields:
                    continue
                if len(fields) != len(header):
                    raise ProgressError(
                        path,
                        _("row {n}: {fields} values for {header} columns").format(
                            n=n, fields=len(fields), header=len(header)
                        ),
                    )
                try:
                    rows.append(
                        _csv_row(
                            {
                                name: unguard(value)
                                for name, value in zip(header, fields, strict=True)
                            }
                        )
                    )
                except FieldError as exc:
                    raise ProgressError(
                        path,
                        _("row {n}, column {field!r}: {reason}").format(
                            n=n, field=shown.get(exc.field, exc.field), reason=exc.reason
                        ),
                    ) from None
                _check_repeat(path, n, rows[-1], seen)
        except csv.Error as exc:
            raise ProgressError(path, _("row {n}: {why}").format(n=n + 1, why=exc)) from None
    return rows


def _check_repeat(path: Path, n: int, row: Row | None, seen: dict[str, tuple[int, Row]]) -> None:
    """The same record twice is one record; one id on two different records is refused,
    naming both rows (taking either would drop the other without a word)."""
    if row is None:
        return
    first = seen.setdefault(row[0], (n, row))
    if first[1] != row:
        raise ProgressError(
            path,
            _(
                "row {n}, column {column!r}: {id} is also the id of row {first}, a "
                "different record; give each record its own id"
            ).format(n=n, column=_headers()["id"], id=row[0], first=first[0]),
        )


def _csv_row(fields: dict[str, str]) -> Row | None:
    """A checked record from one CSV row's text values."""
    rid = fields["id"].strip().lower()
    if not RECORD_ID.fullmatch(rid):
        raise FieldError(
            "id",
            _("{value!r} is not a record id (32 hexadecimal digits, as to_csv writes them)").format(
                value=fields["id"]
            ),
        )
    try:
        when = datetime.fromisoformat(fields["when"].strip())
    except ValueError:
        raise FieldError(
            "when",
            _("{value!r} is not a time; give ISO 8601, e.g. 2026-05-09T07:35:00+00:00").format(
                value=fields["when"]
            ),
        ) from None
    seconds: dict[str, float] = {}
    for name in ("planned_s", "done_s"):
        try:
            seconds[name] = float(fields[name])
        except ValueError:
            raise FieldError(
                name, _("{value!r} is not a number of seconds").format(value=fields[name])
            ) from None
    completed = fields.get("completed", "").strip().lower()
    if completed not in _BOOLEANS:
        raise FieldError(
            "completed",
            _("{value!r} is not true, false or empty").format(value=fields["completed"]),
        )
    return make_row(
        fields["stretch"],
        side=fields.get("side", "") or None,
        routine=fields.get("routine", "") or None,
        completed=_BOOLEANS[completed],
        when=when,
        rid=rid,
        **seconds,
    )


def csv_text(rows: Iterable[Row]) -> str:
    """CSV text of stored rows (id, at, routine, stretch, side, planned, done, completed)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(csv_headers())
    for rid, at, routine, stretch, side, planned, done, completed in rows:
        writer.writerow(
            [
                rid,
                at,
                guard(routine or ""),
                guard(stretch),
                side or "",
                repr(planned),
                repr(done),
                "true" if completed else "false",
            ]
        )
    return out.getvalue()
