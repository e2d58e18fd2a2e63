"""ProgressEditor: mend the record: delete a wrong entry (after a confirm), add one done by hand."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import ipywidgets as widgets
import traitlets
from babel.dates import format_date

from .. import i18n
from ..catalog.loader import Catalog
from ..i18n import _
from ..progress.store import ProgressLog
from ..progress.tables import session_label
from .style import Change, close_all, say, stylesheet

WIDE = {"description_width": "80px"}


class ProgressEditor(widgets.VBox):
    """The last records to pick from and delete, and a form for a stretch done without a timer.

    Callbacks given to ``on_change`` are called after every delete or add.

    ``last`` records are listed; ``now`` gives the form's date and time (a clock for tests).

    >>> import handbook, pathlib, tempfile
    >>> from handbook.widgets import ProgressEditor
    >>> log = handbook.ProgressLog(pathlib.Path(tempfile.mkdtemp()) / "progress.sqlite")
    >>> editor = ProgressEditor(log, handbook.load_catalog())
    >>> editor.stretch.value = "cat-cow"
    >>> editor.add_button.click()
    >>> len(log.sessions())
    1
    """

    asked = traitlets.Unicode(None, allow_none=True)
    """The id of the record Delete asks about; its question shows while this is set."""

    def __init__(
        self,
        log: ProgressLog,
        catalog: Catalog,
        *,
        last: int = 20,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.progress_log = log
        self.catalog = catalog
        self.last = last
        self._now = now
        self._callbacks: list[Callable[[], object]] = []
        super().__init__(
            [
                stylesheet(),
                widgets.HTML(_("<b>Mend the record</b>")),
                *self._build_records(),
                self._build_form(),
                self._build_status(),
            ]
        )
        self._wire()
        self.add_class("hb-progress")
        self.reset_form()
        self.refresh()

    # Building ------------------------------------------------------------------------------
    def _build_records(self) -> list[widgets.Widget]:
        """The last records to pick from, Delete, and the question it asks first."""
        self.records = widgets.Select(
            options=[],
            rows=8,
            description=_("Recent"),
            style=WIDE,
            layout=widgets.Layout(width="640px"),
        )
        self.records.add_class("hb-progress-records")
        self.delete_button = widgets.Button(
            description=_("Delete…"),
            icon="trash",
            tooltip=_("Delete the chosen record (asks first)"),
        )
        self.question = widgets.HTML().add_class("hb-progress-question")
        self.confirm_button = widgets.Button(
            description=_("Yes, delete it"), icon="trash", button_style="danger"
        )
        self.keep_button = widgets.Button(description=_("Keep it"), icon="times")
        self.confirm = widgets.HBox(
            [self.question, self.confirm_button, self.keep_button],
            layout=widgets.Layout(display="none"),
        )
        self.confirm.add_class("hb-progress-confirm")
        return [self.records, self.delete_button, self.confirm]

    def _build_form(self) -> widgets.VBox:
        """A stretch done without a timer: which, which side, when, how long."""
        names = sorted(((s.name, s.id) for s in self.catalog), key=lambda p: p[0].casefold())
        self.stretch = widgets.Dropdown(
            options=names,
            description=_("Stretch"),
            style=WIDE,
            layout=widgets.Layout(width="420px"),
        )
        self.side = widgets.Dropdown(
            options=[
                (_("Both sides"), "both"),
                (_("Left only"), "left"),
                (_("Right only"), "right"),
            ],
            description=_("Side"),
            style=WIDE,
        )
        self.date = widgets.DatePicker(description=_("Day"), style=WIDE)
        self.time = widgets.TimePicker(description=_("At"), style=WIDE)
        self.seconds = widgets.BoundedIntText(
            min=1,
            max=3600,
            description=_("Seconds"),
            tooltip=_("Seconds held, on each side"),
            style=WIDE,
            layout=widgets.Layout(width="180px"),
        )
        self.add_button = widgets.Button(
            description=_("Add"),
            icon="plus",
            button_style="primary",
            tooltip=_("Add this stretch to the record"),
        )
        return widgets.VBox(
            [
                widgets.HTML(_("<b>Add a stretch done without a timer</b>")),
                widgets.HBox(
                    [self.stretch, self.side], layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox(
                    [self.date, self.time, self.seconds, self.add_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
            ]
        )

    def _build_status(self) -> widgets.HTML:
        self.status = widgets.HTML().add_class("hb-progress-status")
        return self.status

    def _wire(self) -> None:
        self.records.observe(self._enable, "value")
        self.stretch.observe(self._fill_stretch, "value")
        self.delete_button.on_click(self._ask)
        self.confirm_button.on_click(self._delete)
        self.keep_button.on_click(self._keep)
        self.add_button.on_click(self._add)
        self.observe(self._show_question, "asked")

    def on_change(self, callback: Callable[[], object]) -> None:
        """Call callback() after every delete or add."""
        self._callbacks.append(callback)

    # Records -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the last records, newest first."""
        frame = self.progress_log.sessions().iloc[::-1].head(self.last)
        current = self.records.value
        self.records.options = [
            (session_label(row, self.catalog), row.id) for row in frame.itertuples()
        ]
        ids = set(frame["id"])
        self.records.value = (
            current if current in ids else (frame["id"].iloc[0] if len(frame) else None)
        )
        self._keep()
        self._enable()

    def _enable(self, _change: Change[str | None] | None = None) -> None:
        self.delete_button.disabled = self.records.value is None or self.asked is not None
        if self.asked is not None and self.records.value != self.asked:
            self.asked = None  # another record was chosen: the question no longer stands

    def _ask(self, _button: widgets.Button | None = None) -> None:
        self.asked = self.records.value

    def _keep(self, _button: widgets.Button | None = None) -> None:
        self.asked = None

    def _show_question(self, change: Change[str | None]) -> None:
        """While a record is asked about, the question and its two answers show."""
        rid = change["new"]
        labels = {v: k for k, v in self.records.options}
        asking = rid is not None and rid in labels
        self.question.value = (
            _("Delete <b>{record}</b>? This cannot be undone.").format(
                record=html.escape(labels[rid])
            )
            if asking
            else ""
        )
        self.confirm.layout.display = None if asking else "none"
        self.delete_button.disabled = asking or self.records.value is None

    def _delete(self, _button: widgets.Button | None = None) -> None:
        rid = self.asked
        if rid is None:
            return
        label = dict((v, k) for k, v in self.records.options).get(rid, _("the record"))
        try:
            gone = self.progress_log.delete(rid)
        except (OSError, ValueError) as exc:
            self._say(_("Could not delete: {error}").format(error=exc), error=True)
        else:
            self._say(
                _("Deleted {record}.").format(record=label)
                if gone
                else _("That record was already gone.")
            )
            self.refresh()
            self._changed()

    # Adding ----------------------------------------------------------------------------------
    def reset_form(self) -> None:
        """The form at now, for the first stretch, at its own hold and reps."""
        now = self._now()
        self.date.value = now.date()
        self.time.value = now.time().replace(second=0, microsecond=0)
        self._fill_stretch()

    def _fill_stretch(self, _change: Change[str] | None = None) -> None:
        stretch = self.catalog[self.stretch.value]
        self.seconds.value = round(stretch.hold_s * stretch.reps)
        self.side.disabled = stretch.sides != "each"
        if self.side.disabled:
            self.side.value = "both"

    def _add(self, _button: widgets.Button | None = None) -> None:
        if self.date.value is None or self.time.value is None:
            self._say(_("Choose the day and the time it was done."), error=True)
            return
        when = dt.datetime.combine(self.date.value, self.time.value)
        stretch = self.catalog[self.stretch.value]
        sides: list[str | None] = (
            ["left", "right"]
            if stretch.sides == "each" and self.side.value == "both"
            else [None if self.side.value == "both" else self.side.value]
        )
        try:
            for n, side in enumerate(sides):
                self.progress_log.add(
                    stretch.id,
                    self.seconds.value,
                    side=side,
                    catalog=self.catalog,
                    when=when + dt.timedelta(seconds=n * self.seconds.value),
                )
        except (OSError, ValueError) as exc:
            self._say(_("Could not add it: {error}").format(error=exc), error=True)
            return
        named = [side for side in sides if side is not None]
        sides_said = {
            ("left",): _("left"),
            ("right",): _("right"),
            ("left", "right"): _("left and right"),
        }
        # Translators: a date pattern (Babel, CLDR): the weekday, the day and the month
        pattern = _("EEEE d MMMM")
        day = format_date(when.date(), pattern, locale=i18n.locale())
        time = f"{when:%H:%M}"
        said = (
            _("Added {stretch}, {sides}, {seconds} s, on {day} at {time}.").format(
                stretch=stretch.name,
                sides=sides_said.get(tuple(named), ", ".join(named)),
                seconds=self.seconds.value,
                day=day,
                time=time,
            )
            if named
            else _("Added {stretch}, {seconds} s, on {day} at {time}.").format(
                stretch=stretch.name, seconds=self.seconds.value, day=day, time=time
            )
        )
        self._say(said)
        self.refresh()
        self._changed()

    def _changed(self) -> None:
        for callback in list(self._callbacks):
            callback()

    def _say(self, text: str, *, error: bool = False) -> None:
        say(self.status, text, error=error)

    def close(self) -> None:
        """Close the editor and every part."""
        self._callbacks = []
        close_all(self)
