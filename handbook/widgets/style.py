"""What every view shares: the handbook's stylesheet (shipped inside the widgets, so it works
in JupyterLab and Voila), the status line, closing, and being closed before Python exits."""

from __future__ import annotations

import atexit
import contextlib
import html
from collections.abc import Iterable
from typing import Generic, TypedDict, TypeVar

import ipywidgets as widgets
import pandas as pd
from ipywidgets.widgets import widget as _registry

from ..catalog.vocabulary import Vocabulary
from ..i18n import N_, _
from ..output.render import stylesheet as css

T = TypeVar("T")


class Change(TypedDict, Generic[T]):
    """What traitlets hands an observer: the trait, its old and new value, and its widget."""

    name: str
    old: T
    new: T
    owner: widgets.Widget
    type: str


def stylesheet() -> widgets.HTML:
    """A widget carrying the handbook's one stylesheet (``output/templates/handbook.css``: the
    colours as CSS variables, the views' shared rules); include it once in any view that uses
    hb- classes. The player's own CSS reads the same variables."""
    return widgets.HTML(f"<style>{css()}</style>", layout=widgets.Layout(display="none"))


def say(status: widgets.HTML, text: str, *, error: bool = False, items: Iterable[str] = ()) -> None:
    """Show a message in a view's status line: the text (and ``items`` as a list) escaped, an
    error set apart (the ``hb-error`` class on the line and on the words)."""
    body = html.escape(text)
    listed = [html.escape(item) for item in items]
    if listed:
        body += "<ul>" + "".join(f"<li>{item}</li>" for item in listed) + "</ul>"
    status.value = f'<span class="hb-error">{body}</span>' if error else body
    status.add_class("hb-status")
    if error:
        status.add_class("hb-error")
    else:
        status.remove_class("hb-error")


def close_all(widget: widgets.Widget) -> None:
    """Close a widget and every widget inside it, so none lingers in the kernel."""
    for child in getattr(widget, "children", ()):
        close_all(child)
    widgets.Widget.close(widget)


def close_views_at_exit() -> None:
    """Close every handbook view still open, while Python can still import and record.

    ipywidgets keeps each widget in its registry until it is closed, and closes it from
    ``__del__``; for a view never closed that runs only as the interpreter is torn down, when
    the view's ``close`` (a timer's recorder saving the stretch in progress) can no longer
    import anything: "Exception ignored in Widget.__del__ ... sys.meta_path is None". Closed
    here first (atexit runs before the teardown), a view does its work and ``__del__`` has
    nothing left to do.
    """
    views = [
        w
        for w in list(getattr(_registry, "_instances", {}).values())
        if type(w).__module__.startswith(f"{__package__}.")
    ]
    for view in views:
        with contextlib.suppress(Exception):  # a kernel going away may refuse the message
            view.close()


atexit.register(close_views_at_exit)


ANY = N_("Any")  # said in the language of the moment: _(ANY)
ANY_KEY = ""  # not None: a Dropdown whose value is None shows nothing at all, not "Any"


def vocabulary_choice(vocabulary: Vocabulary, kind: str, description: str) -> widgets.Dropdown:
    """A dropdown of one vocabulary kind by display label, starting at "Any" (value "");
    ``description`` as it is shown (translated by the caller)."""
    options = [(_(ANY), ANY_KEY)] + [
        (vocabulary.label(kind, key), key) for key in vocabulary.keys(kind) if key != "none"
    ]
    return widgets.Dropdown(
        options=options, value=ANY_KEY, description=description, style={"description_width": "80px"}
    )


def chosen(dropdown: widgets.Dropdown) -> str | None:
    """A vocabulary dropdown's key, None for "Any" (or nothing chosen)."""
    return dropdown.value or None


def conditions_choice(vocabulary: Vocabulary) -> widgets.SelectMultiple:
    """ "My conditions": pick none, one or several health conditions (Ctrl- or Shift-click)."""
    choice = widgets.SelectMultiple(
        options=[
            (vocabulary.label("conditions", key), key) for key in vocabulary.keys("conditions")
        ],
        value=(),
        rows=4,
        description=_("My conditions"),
        tooltip=_("Leave out what your conditions rule out; Ctrl-click to choose several"),
        style={"description_width": "100px"},
    )
    choice.add_class("hb-conditions-choice")
    return choice


def name_options(found: pd.DataFrame) -> list[tuple[str, str]]:
    """A frame of stretches (``Catalog.find``'s) as (name, id) options, in the order of the
    names a person reads (case aside), not of the ids."""
    names = found["name"].astype(str)
    order = sorted(range(len(found)), key=lambda n: (names.iloc[n].casefold(), found.index[n]))
    return [(names.iloc[n], str(found.index[n])) for n in order]
