"""The handbook's stylesheet, shipped inside the widgets so it works in JupyterLab and Voila;
and what every view shares: closing, and being closed before Python exits."""

from __future__ import annotations

import atexit
import contextlib
from typing import Generic, TypedDict, TypeVar

import ipywidgets as widgets
from ipywidgets.widgets import widget as _registry

from ..catalog.vocabulary import Vocabulary

T = TypeVar("T")


class Change(TypedDict, Generic[T]):
    """What traitlets hands an observer: the trait, its old and new value, and its widget."""

    name: str
    old: T
    new: T
    owner: widgets.Widget
    type: str


CSS = """
.hb-timer, .hb-card, .hb-player, .hb-explorer, .hb-builder, .hb-planner {
  overflow-wrap: anywhere; }
.hb-timer, .hb-card {
  --hb-accent: #d9622b; --hb-calm: #2f7d95; --hb-muted: var(--jp-ui-font-color2, #777);
  color: var(--jp-ui-font-color0, inherit);
}
.hb-timer { max-width: 620px; padding: 12px 16px; border: 1px solid var(--jp-border-color2, #ccc);
  border-radius: 10px; }
.hb-timer .jupyter-widgets-disconnected::before, .hb-class .jupyter-widgets-disconnected::before,
.hb-timer.jupyter-widgets-disconnected::before { display: none; }
.hb-row { gap: 16px; }
.hb-table { border-collapse: collapse; margin: 6px 0; }
.hb-table th, .hb-table td, .hb-table thead th { padding: 4px 10px; text-align: left !important;
  vertical-align: top;
  border-bottom: 1px solid var(--jp-border-color2, #ddd); }
.hb-notes p { margin: 4px 0; font-weight: 500; }
.hb-card .hb-cautions { border-left: 5px solid var(--hb-accent); padding: 4px 12px;
  background: rgba(217, 98, 43, 0.08); }
.hb-card .hb-conditions { border-left: 5px solid var(--hb-calm); padding: 4px 12px;
  margin-top: 8px; background: rgba(47, 125, 149, 0.1); }
.hb-class .hb-gentler { color: var(--jp-ui-font-color2, #666); }
"""


def stylesheet() -> widgets.HTML:
    """A widget carrying the stylesheet; include it once in any view that uses hb- classes."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))


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


ANY = "Any"
ANY_KEY = ""  # not None: a Dropdown whose value is None shows nothing at all, not "Any"


def vocabulary_choice(vocabulary: Vocabulary, kind: str, description: str) -> widgets.Dropdown:
    """A dropdown of one vocabulary kind by display label, starting at "Any" (value "")."""
    options = [(ANY, ANY_KEY)] + [
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
        description="My conditions",
        tooltip="Leave out what your conditions rule out; Ctrl-click to choose several",
        style={"description_width": "100px"},
    )
    choice.add_class("hb-conditions-choice")
    return choice
