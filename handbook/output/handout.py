"""Printable handouts: a routine with each stretch's picture, steps, cautions and safety.

A handout is made from anything shaped like a routine (``Printable``; a ``handbook.Routine``
is one), so this module never names the routine it prints: ``Routine.to_html`` calls it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Protocol

import mistune

from ..catalog.conditions import alternatives
from ..catalog.translations import safety_note
from ..i18n import _, language
from ..pictures.draw import svg
from ..timing.timeline import mss
from .cards import facts
from .render import render, stylesheet, trusted

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..catalog.stretch import Stretch
    from ..catalog.vocabulary import Vocabulary


class Printable(Protocol):
    """What a handout needs of a routine (a ``handbook.Routine`` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def rest_s(self) -> float: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def stretches(self) -> Sequence[Stretch]: ...
    @property
    def duration(self) -> float: ...
    def __len__(self) -> int: ...


def safety_html() -> str:
    """The safety note (data/safety.md, or its translation) as HTML, in the handbook's
    language; it is the handbook's own trusted text."""
    return _safety_html(language())


@cache
def _safety_html(code: str) -> str:
    page = mistune.html(safety_note(code))
    assert isinstance(page, str)  # mistune's HTML renderer gives text (its AST one, lists)
    return page


def stretch_section(
    stretch: Stretch, vocabulary: Vocabulary, name_of: Callable[[str], str] | None = None
) -> dict[str, object]:
    """What one stretch shows on paper: its picture, facts (all but the level) and the gentler
    stretches to do instead, for the ``handout.html`` template to lay out and escape."""
    level = _("Level")
    return {
        "stretch": stretch,
        "picture": trusted(svg(stretch, size=130)),
        "facts": [(k, v) for k, v in facts(stretch, vocabulary) if k != level],
        "gentler": gentler_text(stretch, vocabulary, name_of),
    }


def gentler_text(
    stretch: Stretch, vocabulary: Vocabulary, name_of: Callable[[str], str] | None = None
) -> str:
    """The gentler stretches to do instead, each with the conditions naming it ("" for none):
    "Seated chair twist (osteoporosis, hip replacement)"."""
    return "; ".join(
        f"{name_of(sid) if name_of else sid} ("
        + ", ".join(vocabulary.label("conditions", c).lower() for c in why)
        + ")"
        for sid, why in alternatives(stretch)
    )


def routine_html(routine: Printable, *, title: str | None = None) -> str:
    """A complete, self-contained HTML page for printing or taking home; data escaped.

    Print first: A4, short stretches sharing a page and none split, each with its cautions
    beside it, the safety note once at the top; holds as the routine sets them, in the steps
    too. Laid out by the templates ``handout.html`` and ``handout.css``.
    """
    catalog = routine.catalog
    vocabulary = catalog.vocabulary

    def name_of(sid: str) -> str:
        return catalog[sid].name if sid in catalog else sid

    n = len(routine)
    return render(
        "handout.html",
        title=title or routine.name,
        stylesheet=trusted(stylesheet()),
        print_css=trusted(print_css()),
        css_text=css_text,
        count=n,
        minutes=mss(routine.duration),
        rest=f"{routine.rest_s:g}",
        description=routine.description,
        names=[s.name for s in routine.stretches],
        safety=trusted(safety_html()),
        sections=[stretch_section(s, vocabulary, name_of) for s in routine.stretches],
    )


def css_text(words: str) -> object:
    """Words as a CSS string (the page's printed footer): quoted, with quotes, backslashes,
    line breaks and "<" escaped, so no text can end the string or the style element.

    >>> print(css_text('Say "hi" </style>'))
    "Say \\22 hi\\22  \\3c /style>"
    """
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<\n\r' else c for c in words)
    return trusted(f'"{escaped}"')


@cache
def print_css() -> str:
    """The handout's own layout for A4 (``templates/handout.css``)."""
    return (files("handbook.output") / "templates" / "handout.css").read_text(encoding="utf-8")
