"""CSV cells a spreadsheet will not run: text that would start a formula gets an apostrophe.

A spreadsheet takes a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return for a formula, so a stretch shared as ``=HYPERLINK(...)`` would run when its CSV is
opened. Such a text cell is written with a leading apostrophe, which spreadsheets show as
text and hide; numbers are never touched. ``unguard`` undoes ``guard`` exactly, for any text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _starts_formula(text: str) -> bool:
    """True when text, after any apostrophes it starts with, starts a formula."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def guard(text: str) -> str:
    """A text cell as it is written to CSV: with an apostrophe in front if it starts a formula.

    Text that is already apostrophes and then a formula start gets one more, so that
    ``unguard`` can tell the two apart.
    """
    return "'" + text if _starts_formula(text) else text


def unguard(text: str) -> str:
    """A text cell as it was before ``guard``."""
    return text[1:] if text.startswith("'") and _starts_formula(text[1:]) else text
