"""Test helpers for the progress wing: times, stored rows, CSV text, random records."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from handbook.catalog.text import text_problem

BERLIN = ZoneInfo("Europe/Berlin")


def stored(path: Path, sql: str) -> list[tuple]:
    """Rows straight from the file, bypassing the log."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def at(day: str, hour: int = 8, minute: int = 0) -> datetime:
    """A Berlin wall-clock time on an ISO day."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(
        hour=hour, minute=minute, tzinfo=BERLIN
    )


texts = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1
).filter(lambda t: t.strip() and text_problem(t) is None)  # what the text rule lets in


@st.composite
def records(draw) -> dict:
    planned = draw(st.floats(0, 7200))
    return {
        "stretch": draw(texts),
        "planned_s": planned,
        "done_s": draw(st.floats(0, 2 * planned + 60, exclude_min=True)),
        "side": draw(st.sampled_from([None, "left", "right"])),
        "routine": draw(st.none() | texts),
        "completed": draw(st.none() | st.booleans()),
        "when": draw(
            st.datetimes(datetime(1970, 1, 1), datetime(2200, 1, 1), timezones=st.just(UTC))
        ),
    }


HEADER = "id,when,routine,stretch,side,planned_s,done_s,completed"


GOOD = "0123456789abcdef0123456789abcdef,2026-03-10T07:00:00+00:00,,cat-cow,left,30,30,true"
