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

from ..errors import FileReadError, ProgressError, suggest
from ..files import read_data
from ..spreadsheet import guard, unguard
from .records import RECORD_ID, FieldError, Row, make_row

CSV_COLUMNS = ("id", "when", "routine", "stretch", "side", "planned_s", "done_s", "completed")
REQUIRED_CSV_COLUMNS = ("id", "when", "stretch", "planned_s", "done_s")
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
            header = [name.strip() for name in next(reader, [])]
            n = 1
            if not header:
                raise ProgressError(
                    path, "is empty; expected the header row " + ",".join(CSV_COLUMNS)
                )
            for name in header:
                if name not in CSV_COLUMNS or header.count(name) > 1:
                    why = "is repeated" if name in CSV_COLUMNS else "is not a column of the log"
                    raise ProgressError(
                        path,
                        f"row 1, column {name!r}: {why}; the columns "
                        f"are {','.join(CSV_COLUMNS)}" + suggest(name, CSV_COLUMNS),
                    )
            for name in REQUIRED_CSV_COLUMNS:
                if name not in header:
                    raise ProgressError(
                        path,
                        f"row 1: the column {name!r} is missing; the "
                        f"columns are {','.join(CSV_COLUMNS)}",
                    )
            rows: list[Row | None] = []
            seen: dict[str, tuple[int, Row]] = {}  # id: the row that gave it first
            for n, fields in enumerate(reader, 2):
                if not fields:
                    continue
                if len(fields) != len(header):
                    raise ProgressError(
                        path, f"row {n}: {len(fields)} values for {len(header)} columns"
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
                        path, f"row {n}, column {exc.field!r}: {exc.reason}"
                    ) from None
                _check_repeat(path, n, rows[-1], seen)
        except csv.Error as exc:
            raise ProgressError(path, f"row {n + 1}: {exc}") from None
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
            f"row {n}, column 'id': {row[0]} is also the id of row {first[0]}, a different "
            "record; give each record its own id",
        )


def _csv_row(fields: dict[str, str]) -> Row | None:
    """A checked record from one CSV row's text values."""
    rid = fields["id"].strip().lower()
    if not RECORD_ID.fullmatch(rid):
        raise FieldError(
            "id",
            f"{fields['id']!r} is not a record id (32 hexadecimal digits, as to_csv writes them)",
        )
    try:
        when = datetime.fromisoformat(fields["when"].strip())
    except ValueError:
        raise FieldError(
            "when",
            f"{fields['when']!r} is not a time; give ISO 8601, e.g. 2026-05-09T07:35:00+00:00",
        ) from None
    seconds: dict[str, float] = {}
    for name in ("planned_s", "done_s"):
        try:
            seconds[name] = float(fields[name])
        except ValueError:
            raise FieldError(name, f"{fields[name]!r} is not a number of seconds") from None
    completed = fields.get("completed", "").strip().lower()
    if completed not in _BOOLEANS:
        raise FieldError("completed", f"{fields['completed']!r} is not true, false or empty")
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
    writer.writerow(CSV_COLUMNS)
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
