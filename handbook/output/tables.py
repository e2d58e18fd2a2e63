"""Tables for people: pandas frames styled to read, with words for keys and no raw reprs.

``readable(frame)`` is what a notebook shows instead of a bare DataFrame or Series: column
names in words, lists joined, vocabulary keys as their labels, whole numbers without a
decimal point, a dash for a missing value, no index of ids or row numbers, and a long table
cut short with a caption that says so. Every cell, column name and caption is escaped: text
from data is shown as text, never run as HTML.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from ..i18n import N_, _, ngettext, pgettext

if TYPE_CHECKING:  # annotations only: a table needs no catalogue to show
    from ..catalog.vocabulary import Vocabulary

COLUMN_WORDS = {
    "name": N_("Stretch"),
    "summary": N_("Summary"),
    "primary": N_("Main targets"),
    "secondary": N_("Also reaches"),
    "position": N_("Position"),
    "equipment": N_("Equipment"),
    "level": N_("Level"),
    "sides": N_("Sides"),
    "hold_s": N_("Hold (s)"),
    "hold_breaths": N_("Breaths"),
    "reps": N_("Reps"),
    "tags": N_("Tags"),
    "label": N_("Muscle group"),
    "region": N_("Region"),
    "stretches": N_("Stretches"),
    "minutes": N_("Minutes"),
    "planned": N_("Planned (min)"),
    "available": N_("Available (min)"),
    "days": N_("Days"),
    "target_days": N_("Aim (days)"),
    "seconds_per_session": N_("Seconds a session"),
    "shortest_hold": N_("Shortest hold (s)"),
    "longest_hold": N_("Longest hold (s)"),
    "status": N_("Status"),
    "advice": N_("Advice"),
    "cause": N_("Cause"),
    "missing_days": N_("Days missing"),
    "day": N_("Day"),
    "order": N_("Order"),
    "stretch": N_("Stretch id"),
    "seconds": N_("Seconds"),
    "count": N_("Stretches"),
    "median": N_("Median"),
    "max": N_("Longest"),
}
"""Column names in words (marked; said in the handbook's language where a table is made);
other names get their underscores turned to spaces."""


def value_words() -> dict[str, dict[str, str]]:
    """The words of the values a plan's check keeps as keys (its status and a shortfall's
    cause), in the handbook's language, by column.

    >>> value_words()["status"]["too few days"]
    'too few days'
    """
    return {
        "status": {
            "on track": pgettext("plan status", "on track"),
            "too few days": pgettext("plan status", "too few days"),
            "adjust": pgettext("plan status", "adjust"),
        },
        "cause": {
            "level": pgettext("shortfall cause", "level"),
            "equipment": pgettext("shortfall cause", "equipment"),
            "level and equipment": pgettext("shortfall cause", "level and equipment"),
            "conditions": pgettext("shortfall cause", "conditions"),
            "level and conditions": pgettext("shortfall cause", "level and conditions"),
            "equipment and conditions": pgettext("shortfall cause", "equipment and conditions"),
            "level and equipment and conditions": pgettext(
                "shortfall cause", "level and equipment and conditions"
            ),
            "catalogue": pgettext("shortfall cause", "catalogue"),
            "room": pgettext("shortfall cause", "room"),
            "days": pgettext("shortfall cause", "days"),
            "minutes": pgettext("shortfall cause", "minutes"),
        },
    }


def in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose key values (a check's status and cause) read as words."""
    frame = frame.copy()
    for column, words in value_words().items():
        if column in frame.columns:
            frame[column] = [words.get(v, v) if isinstance(v, str) else v for v in frame[column]]
    return frame


VOCABULARY_COLUMNS = {
    "primary": "muscles",
    "secondary": "muscles",
    "muscle": "muscles",
    "position": "positions",
    "equipment": "equipment",
    "level": "levels",
    "sides": "sides",
}
DASH = "\u2014"
KEEP_WORDS = "overflow-wrap: break-word; word-break: normal; hyphens: manual;"
"""A table cell's words: whole, however narrow the page; only a word longer than the cell
breaks (the views' ``overflow-wrap: anywhere`` would let a squeezed column read "D ay")."""


def readable(
    data: pd.DataFrame | pd.Series[Any],
    vocabulary: Vocabulary | None = None,
    *,
    rows: int | None = 12,
    caption: str | None = None,
    index: bool = False,
    columns: Mapping[str, str] | None = None,
) -> Styler:
    """A frame (or series) styled for reading: see the module's docstring.

    ``rows`` cuts a longer table to its first rows (None: every row); ``index=True`` keeps
    the index as the first column; ``columns`` names columns beyond COLUMN_WORDS.

    ``vocabulary`` turns keys into labels (cat.vocabulary); ``caption`` goes under the table.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> table = handbook.readable(cat.stretches[["name", "level"]], cat.vocabulary, rows=3)
    >>> list(table.data.columns), len(table.data)
    (['Stretch', 'Level'], 3)
    """
    frame = data.to_frame() if isinstance(data, pd.Series) else data.copy()
    total = len(frame)
    if rows is not None and total > rows:
        frame = frame.head(rows)
        more = ngettext(
            "The first {rows} of {total} row.", "The first {rows} of {total} rows.", total
        ).format(rows=rows, total=total)
        caption = f"{caption} {more}" if caption else more
    if index:
        frame = frame.reset_index()
    frame = in_words(frame)
    for column in frame.columns:
        kind = VOCABULARY_COLUMNS.get(str(column))
        frame[column] = [_cell(value, vocabulary, kind) for value in frame[column]]
    words = {key: _(said) for key, said in COLUMN_WORDS.items()} | dict(columns or {})
    frame.columns = [
        words.get(str(c), str(c).replace("_", " ").capitalize()) for c in frame.columns
    ]
    frame.index = pd.RangeIndex(len(frame))
    # Cells and column names may come from data (a stretch's name, a CSV's routine): escaped.
    styler = frame.style.hide(axis="index").format(escape="html")
    styler = styler.format_index(escape="html", axis=1)
    styler = styler.set_table_styles(
        [
            {"selector": "th", "props": "text-align: left; padding: 4px 10px;"},
            {
                "selector": "td",
                "props": "text-align: left; padding: 4px 10px; vertical-align: top;",
            },
            # Words stay whole ("Day", never "D ay"); only a word too long for its cell breaks.
            {"selector": "", "props": "overflow-wrap: normal; max-width: 100%;"},
            {"selector": "th, td", "props": KEEP_WORDS},
            {
                "selector": "caption",
                "props": "caption-side: bottom; text-align: left; "
                "color: var(--jp-ui-font-color2, #777);",
            },
        ]
    )
    return styler.set_caption(html.escape(caption)) if caption else styler


def _cell(value: object, vocabulary: Vocabulary | None, kind: str | None) -> str:
    """One value as text: labels for vocabulary keys, lists joined, numbers tidy."""
    if isinstance(value, list | tuple | set | frozenset):
        parts = [_cell(v, vocabulary, kind) for v in value]
        return ", ".join(parts) if parts else DASH
    if value is None or value is pd.NA or value is pd.NaT:
        return DASH
    if isinstance(value, float) and math.isnan(value):
        return DASH
    if vocabulary is not None and kind and isinstance(value, str):
        label: str = vocabulary.labels[kind].get(value, value)
        return label
    if isinstance(value, bool | np.bool_):
        return _("yes") if value else _("no")
    if isinstance(value, numbers.Real):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return str(value)
