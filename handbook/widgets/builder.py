"""RoutineBuilder: pick stretches from the catalogue, order and time them, save and play."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import Unpack

import ipywidgets as widgets
import traitlets

from ..catalog.loader import Catalog
from ..i18n import N_, _, ngettext
from ..output.cards import hold_summary
from ..output.download import download_link
from ..timing.routine import Routine, RoutineError, RoutineExistsError
from ..timing.routinefile import by_name, load_routine, load_routines, parse_routine, routines
from ..timing.timeline import HOLD_CHOICE_S, MOVEMENT_REPS_CHOICE, REPS_CHOICE, mss
from .player import RoutinePlayer
from .style import Change, chosen, close_all, name_options, say, stylesheet, vocabulary_choice
from .timer import TimerOptions

CHOOSE = N_("Choose a routine to open")
HOLD_MIN_S, HOLD_MAX_S = HOLD_CHOICE_S
REPS_MIN, REPS_MAX = REPS_CHOICE
WIDE = {"description_width": "80px"}


class RoutineBuilder(widgets.VBox):
    """Filters and matches on the left, the routine on the right; save, hand out and play it.

    Every edit goes through the Routine's own methods; ``routine`` is always the current one,
    and callbacks given to ``on_change`` receive it after every edit.

    ``routine`` to start from; ``folder`` where Save writes; ``only`` the ids it may use (and
    ``only_reason`` says why); ``budget_s`` the seconds it should fit; the rest go to the player.

    >>> import handbook
    >>> from handbook.widgets import RoutineBuilder
    >>> cat = handbook.load_catalog()
    >>> builder = RoutineBuilder(cat, handbook.Routine.from_ids(cat, ["standing-quad"]), log=False)
    >>> [s.id for s in builder.routine.stretches]
    ['standing-quad']
    """

    opening = traitlets.Unicode(None, allow_none=True)
    """The saved routine Open waits on while it asks about unsaved edits (None: not asking)."""

    def __init__(
        self,
        catalog: Catalog,
        routine: Routine | None = None,
        folder: str | Path = "my-routines",
        *,
        only: Iterable[str] | None = None,
        only_reason: str = "",
        budget_s: float | None = None,
        **player_options: Unpack[TimerOptions],
    ) -> None:
        """``only`` limits the stretches offered to these ids (``only_reason`` says why, e.g.
        "that suit your level and equipment"); ``budget_s`` is the time the routine should
        fit, shown against its total with a warning when it runs over."""
        self.catalog = catalog
        self.folder = Path(folder)
        self._only = None if only is None else set(only)
        self._only_reason = only_reason
        self._budget_s = budget_s
        self._saved: dict[str, Routine] = {}
        self._routine = (
            routine if routine is not None else Routine.from_ids(catalog, [], name=_("My routine"))
        )
        self._clean = self._routine  # as last opened or saved: edits since then are unsaved
        self._callbacks: list[Callable[[Routine], object]] = []
        self._player_options = player_options
        self._quiet = False  # set while the view itself moves the controls
        self.player: RoutinePlayer | None = None
        left = self._build_finder()
        right = self._build_routine()
        files = self._build_files()
        self._wire()
        body = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__(
            [
                stylesheet(),
                widgets.HBox([self.saved, self.open_button]),
                self.confirm,
                body.add_class("hb-row"),
                files,
                self.status,
                self.download,
                self.play_button,
                self.player_area,
            ]
        )
        self.add_class("hb-builder")
        self.list_saved()
        self._filter()
        self._refresh(0 if self._routine.items else None)

    # Building -----------------------------------------------------------------------------
    def _build_finder(self) -> widgets.VBox:
        """Left: filters, the matches (by name) and Add."""
        vocab = self.catalog.vocabulary
        self.muscle = vocabulary_choice(vocab, "muscles", _("Muscle"))
        self.position = vocabulary_choice(vocab, "positions", _("Position"))
        self.text = widgets.Text(
            placeholder=_("a word, e.g. desk or strap"), description=_("Words"), style=WIDE
        )
        self.count = widgets.HTML().add_class("hb-count")
        self.matches = widgets.Select(
            options=[],
            rows=12,
            description=_("Stretches"),
            style=WIDE,
            layout=widgets.Layout(width="400px"),
        )
        self.matches.add_class("hb-builder-matches")
        self.add_button = widgets.Button(
            description=_("Add"), icon="plus", tooltip=_("Add the chosen stretch at the end")
        )
        return widgets.VBox(
            [self.muscle, self.position, self.text, self.count, self.matches, self.add_button]
        )

    def _build_routine(self) -> widgets.VBox:
        """Right: the routine's name, its items in order, the chosen item's hold and reps."""
        self.name = widgets.Text(
            value=self._routine.name, description=_("Name"), style=WIDE, continuous_update=False
        )
        self.items = widgets.Select(
            options=[],
            rows=10,
            description=_("In order"),
            style=WIDE,
            layout=widgets.Layout(width="100%", min_width="360px"),
        )
        self.items.add_class("hb-builder-items")
        self.up_button = widgets.Button(description=_("Up"), icon="arrow-up")
        self.down_button = widgets.Button(description=_("Down"), icon="arrow-down")
        self.remove_button = widgets.Button(description=_("Remove"), icon="trash")
        self.selected = widgets.HTML().add_class("hb-builder-selected")
        # Number boxes, not sliders: a box carries its label to a screen reader (a slider's
        # handle has no name) and takes a typed number as well as the arrow keys.
        self.hold = widgets.BoundedIntText(
            min=HOLD_MIN_S, max=HOLD_MAX_S, step=1, description=_("Hold (s)"), style=WIDE
        )
        self.reps = widgets.BoundedIntText(
            min=REPS_MIN, max=REPS_MAX, step=1, description=_("Reps"), style=WIDE
        )
        for box in (self.hold, self.reps):
            box.layout = widgets.Layout(width="190px")
        self.own_button = widgets.Button(
            description=_("Use the stretch's own"), icon="undo", layout=widgets.Layout(width="auto")
        )
        self.total = widgets.HTML().add_class("hb-builder-total")
        return widgets.VBox(
            [
                self.name,
                self.items,
                widgets.HBox([self.up_button, self.down_button, self.remove_button]),
                self.selected,
                self.hold,
                self.reps,
                self.own_button,
                self.total,
            ],
            layout=widgets.Layout(flex="1 1 380px"),
        )

    def _build_files(self) -> widgets.HBox:
        """Below: opening, saving, the handout, playing, and the question Open may ask."""
        self.path = widgets.Text(
            value=self._default_path(self._routine),
            description=_("Save to"),
            style=WIDE,
            layout=widgets.Layout(width="420px"),
        )
        self.save_button = widgets.Button(description=_("Save"), icon="save")
        self.handout_button = widgets.Button(description=_("Handout"), icon="print")
        self.class_page_button = widgets.Button(
            description=_("Class page"),
            icon="download",
            tooltip=_("This routine as one file that runs the class offline in any browser"),
        )
        self.status = widgets.HTML().add_class("hb-builder-status").add_class("hb-status")
        self._replace: tuple[Path, Routine] | None = None  # a save over another's file, asked
        self.download = widgets.HTML().add_class("hb-builder-download")
        self.saved = widgets.Dropdown(
            description=_("Saved"), style=WIDE, layout=widgets.Layout(width="420px")
        )
        self.saved.add_class("hb-builder-saved")
        self.open_button = widgets.Button(
            description=_("Open"),
            icon="folder-open",
            tooltip=_("Open the chosen routine here to edit or play"),
        )
        self.question = widgets.HTML().add_class("hb-builder-question")
        self.discard_button = widgets.Button(
            description=_("Open, drop my changes"),
            icon="folder-open",
            button_style="warning",
            layout=widgets.Layout(width="auto"),
        )
        self.keep_button = widgets.Button(description=_("Keep editing"), icon="times")
        self.confirm = widgets.HBox(
            [self.question, self.discard_button, self.keep_button],
            layout=widgets.Layout(display="none", flex_flow="row wrap"),
        ).add_class("hb-builder-confirm")
        self.play_button = widgets.Button(
            description=_("Play"), icon="play", button_style="primary"
        )
        self.player_area = widgets.VBox().add_class("hb-builder-player")
        return widgets.HBox(
            [self.path, self.save_button, self.handout_button, self.class_page_button]
        )

    def _wire(self) -> None:
        for control in (self.muscle, self.position, self.text):
            control.observe(self._filter, "value")
        self.matches.observe(self._enable, "value")
        self.add_button.on_click(self._add)
        self.name.observe(self._rename, "value")
        self.items.observe(self._show_item, "value")
        self.up_button.on_click(lambda _: self._move(-1))
        self.down_button.on_click(lambda _: self._move(+1))
        self.remove_button.on_click(self._remove)
        self.hold.observe(self._set_hold, "value")
        self.reps.observe(self._set_reps, "value")
        self.own_button.on_click(self._clear)
        self.save_button.on_click(self._save)
        self.handout_button.on_click(self._handout)
        self.class_page_button.on_click(self._class_page)
        self.play_button.on_click(self._play)
        self.open_button.on_click(self._open)
        self.discard_button.on_click(self._open_anyway)
        self.keep_button.on_click(self._keep_editing)
        self.observe(self._show_question, "opening")
        self.saved.observe(self._enable, "value")

    # State --------------------------------------------------------------------------------
    @property
    def routine(self) -> Routine:
        """The routine as it stands now."""
        return self._routine

    def on_change(self, callback: Callable[[Routine], object]) -> None:
        """Call callback(routine) with the new routine after every edit."""
        self._callbacks.append(callback)

    def _edit(self, routine: Routine, select: int | None) -> None:
        old, self._routine = self._routine, routine
        if self.path.value == self._default_path(old):
            self.path.value = self._default_path(routine)
        self._refresh(select)
        for callback in list(self._callbacks):
            callback(routine)

    def _default_path(self, routine: Routine) -> str:
        return str(self.folder / f"{routine.id}.toml")

    # Views --------------------------------------------------------------------------------
    def _filter(self, _change: Change[str] | None = None) -> None:
        found = self.catalog.find(
            muscle=chosen(self.muscle),
            position=chosen(self.position),
            text=self.text.value.strip() or None,
        )
        if self._only is not None:
            found = found[found.index.isin(self._only)]
        n = len(found)
        count = ngettext("<b>{n}</b> stretch match", "<b>{n}</b> stretches match", n).format(n=n)
        if self._only_reason:
            # Translators: the count of matches, then why only some stretches are offered
            count = _("{count} (only those {reason})").format(
                count=count, reason=escape(self._only_reason)
            )
        self.count.value = count
        current = self.matches.value
        self.matches.options = name_options(found)
        if current in found.index:
            self.matches.value = current
        elif n:
            self.matches.value = self.matches.options[0][1]
        self._enable()

    def _refresh(self, select: int | None) -> None:
        """Show the routine: its name, its items (selecting one), the total and the buttons."""
        routine = self._routine
        self.name.value = routine.name
        labels = [f"{n}. {s.name}: {hold_summary(s)}" for n, s in enumerate(routine.stretches, 1)]
        self._quiet = True
        try:
            self.items.options = list(zip(labels, range(len(labels)), strict=True))
        finally:
            self._quiet = False
        select = min(max(select or 0, 0), len(labels) - 1) if labels else None
        if self.items.value == select:
            self._show_item()
        else:
            self.items.value = select
        self.total.value = self._total_text(routine)
        self._enable()

    def _total_text(self, routine: Routine) -> str:
        """The total, against the budget when there is one, with a warning when over."""
        if self._budget_s is None:
            self.total.remove_class("hb-over")
            return _("<b>Total {total}</b>").format(total=mss(routine.duration))
        over = routine.duration - self._budget_s
        text = _("<b>Total {total} of the day's {budget}</b>").format(
            total=mss(routine.duration), budget=mss(self._budget_s)
        )
        if over > 0.5:
            self.total.add_class("hb-over")
            warning = _(
                "Over by {over}: remove a stretch or shorten a hold, or give the day more minutes."
            ).format(over=mss(over))
            return (
                f'{text}<br><span style="color: var(--jp-error-color1, #c62828)">{warning}</span>'
            )
        self.total.remove_class("hb-over")
        return text

    @property
    def over_budget_s(self) -> float:
        """Seconds the routine runs over its budget (0 when it fits or has none)."""
        if self._budget_s is None:
            return 0.0
        return max(0.0, self._routine.duration - self._budget_s)

    def _show_item(self, _change: Change[int | None] | None = None) -> None:
        """Fill the hold and reps sliders with the selected item's current values."""
        if self._quiet:
            return
        index = self.items.value
        stretch = None if index is None else self._routine.stretches[index]
        self._quiet = True
        try:
            if stretch is None:
                self.selected.value = _("Add a stretch to set its hold and reps.")
            else:
                self.selected.value = (
                    f"<b>{escape(stretch.name)}</b>: {escape(hold_summary(stretch))}"
                )
                self.hold.value = round(stretch.hold_s)
                high = (MOVEMENT_REPS_CHOICE if stretch.is_movement else REPS_CHOICE)[1]
                self.reps.max = max(high, stretch.reps)
                self.reps.value = stretch.reps
        finally:
            self._quiet = False
        self._enable()

    def _enable(self, _change: Change[str | None] | None = None) -> None:
        index = self.items.value
        n = len(self._routine.items)
        self.add_button.disabled = self.matches.value is None
        self.up_button.disabled = index is None or index == 0
        self.down_button.disabled = index is None or index == n - 1
        for control in (self.remove_button, self.hold, self.reps, self.own_button):
            control.disabled = index is None
        self.play_button.disabled = self.handout_button.disabled = n == 0
        self.class_page_button.disabled = n == 0
        self.open_button.disabled = not self.saved.value

    # Edits --------------------------------------------------------------------------------
    def _add(self, _button: widgets.Button | None = None) -> None:
        if self.matches.value is not None:
            self._edit(self._routine.add(self.matches.value), len(self._routine.items))

    def _rename(self, change: Change[str]) -> None:
        name = change["new"].strip()
        if name != self._routine.name:
            self._edit(self._routine.renamed(name), self.items.value)

    def _move(self, step: int) -> None:
        index = self.items.value
        if index is not None:
            to = max(0, min(index + step, len(self._routine.items) - 1))
            self._edit(self._routine.move(index, to), to)

    def _remove(self, _button: widgets.Button | None = None) -> None:
        index = self.items.value
        if index is not None:
            self._edit(self._routine.remove(index), index)

    def _set_hold(self, change: Change[int]) -> None:
        index = self.items.value
        if self._quiet or index is None:
            return
        self._edit(self._routine.set_item(index, hold_s=change["new"]), index)

    def _set_reps(self, change: Change[int]) -> None:
        index = self.items.value
        if self._quiet or index is None:
            return
        self._edit(self._routine.set_item(index, reps=change["new"]), index)

    def _clear(self, _button: widgets.Button | None = None) -> None:
        index = self.items.value
        if index is not None:
            self._edit(self._routine.set_item(index, hold_s=None, reps=None), index)

    # Files and playing ---------------------------------------------------------------------
    def _target(self) -> Path:
        """The file the path box names; a folder (or a path ending in /) gets <id>.toml."""
        text = self.path.value.strip()
        path = Path(text)
        folder = text.endswith(("/", os.sep)) or path.is_dir()
        return path / f"{self._routine.id}.toml" if folder else path

    def list_saved(self) -> None:
        """Fill the Saved list: the routine files of the folder, then the built-in routines."""
        mine, problems = load_routines(self.folder, self.catalog)
        try:
            builtin = routines(self.catalog)
        except RoutineError:
            builtin = {}  # a catalogue without the built-in stretches
        self._saved = by_name({str(self.folder / f"{rid}.toml"): r for rid, r in mine.items()})
        self._saved |= by_name({f"builtin:{rid}": r for rid, r in builtin.items()})
        options = [
            (
                f"{r.name} ({Path(key).name})"
                if not key.startswith("builtin:")
                else _("{name} (comes with the handbook)").format(name=r.name),
                key,
            )
            for key, r in self._saved.items()
        ]
        current = self.saved.value
        self.saved.options = [(_(CHOOSE), ""), *options]  # "" not None: None would show blank
        self.saved.value = current if current in self._saved else ""
        if problems:
            files = sorted({Path(p.file).name for p in problems})
            self._say(
                _("Could not read {files} in {folder}: {problems}").format(
                    files=", ".join(files),
                    folder=self.folder,
                    problems="; ".join(
                        f"{p.field}: {p.message}" if p.field else p.message for p in problems
                    ),
                ),
                error=True,
            )

    @property
    def unsaved(self) -> bool:
        """Whether the routine has edits since it was last opened or saved."""
        return self._routine != self._clean and bool(self._routine.items)

    def _open(self, _button: widgets.Button | None = None) -> None:
        """Open the chosen routine; with edits not saved, ask first (Open, or Keep editing)."""
        key = self.saved.value
        if not key:
            return
        if self.unsaved:
            self.opening = key
        else:
            self._load(key)

    def _open_anyway(self, _button: widgets.Button | None = None) -> None:
        key, self.opening = self.opening, None
        if key:
            self._load(key)

    def _keep_editing(self, _button: widgets.Button | None = None) -> None:
        self.opening = None
        self._say(_("Kept your changes: save them, or open another routine."))

    def _show_question(self, change: Change[str | None]) -> None:
        """While Open waits on a routine, the question and its two answers show."""
        asked = self._saved.get(change["new"] or "")
        self.question.value = (
            ""
            if asked is None
            else _(
                "Your changes to <b>{mine}</b> are not saved. Open <b>{other}</b> anyway?"
            ).format(mine=escape(self._routine.name), other=escape(asked.name))
        )
        self.confirm.layout.display = "none" if asked is None else None

    def _load(self, key: str) -> None:
        if key.startswith("builtin:"):
            routine = self._saved[key]
        else:
            try:
                routine = load_routine(key, self.catalog)  # as the file is now
            except RoutineError as exc:
                self._say(
                    _("Could not open {file}: {error}").format(file=key, error=exc), error=True
                )
                return
        self._close_player()
        self._clean = routine
        self._edit(routine, 0)
        self.path.value = key if not key.startswith("builtin:") else self._default_path(routine)
        n = len(routine)
        self._say(
            ngettext(
                "Opened {name}: {n} stretch, {time}.", "Opened {name}: {n} stretches, {time}.", n
            ).format(name=routine.name, n=n, time=mss(routine.duration))
        )

    def _save(self, _button: widgets.Button | None = None) -> None:
        try:
            target = self._target()
            # The file's name becomes the routine's id when it is read back: check it too.
            parse_routine(self._routine.to_dict(), target.stem, self.catalog, str(target))
            # A file holding another routine is replaced only when Save is pressed again.
            saved = self._routine.save(target, overwrite=self._replace == (target, self._routine))
        except RoutineExistsError as exc:
            self._replace = (target, self._routine)
            self.save_button.description = _("Replace")
            said = (
                _(
                    "{file} holds another routine, {name}. Press Replace to save over it, "
                    "or change the file name."
                ).format(file=target, name=repr(exc.held))
                if exc.held
                else _(
                    "{file} holds something else. Press Replace to save over it, "
                    "or change the file name."
                ).format(file=target)
            )
            self._say(said, error=True)
        except (OSError, ValueError) as exc:
            self._say(_("Could not save: {error}").format(error=exc), error=True)
        else:
            self._replace = None
            self.save_button.description = _("Save")
            self._clean = self._routine
            self.list_saved()
            self._say(_("Saved to {file}").format(file=saved))

    def _handout(self, _button: widgets.Button | None = None) -> None:
        try:
            name = self._target().with_suffix(".html").name
        except ValueError as exc:
            self._say(_("Could not make the handout: {error}").format(error=exc), error=True)
            return
        self.download.value = download_link(
            self._routine.to_html(), name, _("Download the handout ({name})").format(name=name)
        )
        self._say(_("The handout is ready: download it, open it in a browser, print it."))

    def _class_page(self, _button: widgets.Button | None = None) -> None:
        try:
            name = self._target().with_suffix("").name + "-class.html"
        except ValueError as exc:
            self._say(_("Could not make the class page: {error}").format(error=exc), error=True)
            return
        self.download.value = download_link(
            self._routine.to_class_page(),
            name,
            _("Download the class page ({name})").format(name=name),
        )
        self._say(
            _("The class page is ready: one file that runs this routine offline in any browser.")
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        say(self.status, text, error=error)

    def _play(self, _button: widgets.Button | None = None) -> None:
        self._close_player()
        if self._routine.items:
            self.player = RoutinePlayer(self._routine, **self._player_options)
            self.player_area.children = [self.player]

    def _close_player(self) -> None:
        if self.player is not None:
            self.player.close()
            self.player = None
        self.player_area.children = []

    def close(self) -> None:
        """Close the builder, its player (cancelling any countdown) and every part."""
        if getattr(self, "player", None) is not None:
            self._close_player()
        self._callbacks = []
        close_all(self)
