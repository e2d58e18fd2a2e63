"""WeekPlanner: minutes, focus, level, equipment and conditions in; a checked week out."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypedDict

import ipywidgets as widgets
from babel.dates import get_day_names

from .. import i18n
from ..catalog.loader import Catalog, load_catalog, load_with_own
from ..errors import Problem
from ..i18n import N_, _, ngettext
from ..output.charts import coverage_svg, minutes_svg
from ..output.download import download_link
from ..output.tables import in_words
from ..timing.routine import Routine
from ..timing.timeline import mss
from ..week.export import CalendarChoices, describe_calendar, next_monday
from ..week.model import WeekPlan
from ..week.planfile import PlanExistsError
from ..week.planner import plan_week
from ..week.pool import candidates
from ..week.settings import DAYS, MAX_MINUTES
from .builder import RoutineBuilder
from .player import RoutinePlayer
from .style import Change, close_all, conditions_choice, say, stylesheet

CHECK_COLUMNS = {
    "label": N_("Muscle group"),
    "days": N_("Days"),
    "target_days": N_("Aim"),
    "seconds_per_session": N_("Seconds a session"),
    "status": N_("Status"),
    "advice": N_("Advice"),
}
SUMMARY_COLUMNS = {
    "day": N_("Day"),
    "planned": N_("Planned"),
    "available": N_("Available"),
    "warm_up": N_("Warm-up"),
    "stretches": N_("Stretches"),
}

# Not None for "no end" and "no reminder": a Dropdown whose value is None shows nothing.
NO_END, NO_REMINDER = 0, -1
WEEKS = (NO_END, 4, 8, 12, 26, 52)
REMINDERS = (NO_REMINDER, 0, 5, 10, 15, 30, 60)


def weeks_options() -> list[tuple[str, int]]:
    """How many weeks the calendar runs, as options in the language of the moment."""
    return [
        (
            _("every week, no end")
            if n == NO_END
            else ngettext("{n} week", "{n} weeks", n).format(n=n),
            n,
        )
        for n in WEEKS
    ]


def reminder_options() -> list[tuple[str, int]]:
    """When the calendar reminds, as options in the language of the moment."""
    said = {NO_REMINDER: _("no reminder"), 0: _("as it starts"), 60: _("1 hour before")}
    return [
        (
            said.get(m) or ngettext("{n} minute before", "{n} minutes before", m).format(n=m),
            m,
        )
        for m in REMINDERS
    ]


def day_names(width: Literal["abbreviated", "wide"] = "wide") -> list[str]:
    """Monday to Sunday in the language of the moment (Babel), as a label starts.

    >>> day_names()[0], day_names("abbreviated")[6]
    ('Monday', 'Sun')
    """
    names = get_day_names(width, locale=i18n.locale())
    return [names[n][:1].upper() + names[n][1:] for n in range(7)]


class PlanChoices(TypedDict):
    """The planner's inputs as plan_week's keyword arguments."""

    minutes: dict[str, int]
    focus: list[str]
    level: str
    equipment: list[str]
    older_adult: bool
    warm_up: bool
    seed: int
    conditions: list[str]


class WeekPlanner(widgets.VBox):
    """Plan a week, see it checked against the guidelines, edit a day, play today, save it.

    ``catalog`` (default: the built-in one with ``stretches``, your folder); ``minutes`` a day
    to start with; ``folder`` where Save writes; ``today`` the date Play today starts from.

    >>> import handbook
    >>> from handbook.widgets import WeekPlanner
    >>> planner = WeekPlanner(handbook.load_catalog())
    >>> planner.plan_button.click()
    >>> planner.plan is not None
    True
    """

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        minutes: int = 10,
        folder: str = "my-plans",
        stretches: str | Path | None = "my-stretches",
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        problems: list[Problem] = []
        if stretches is not None:  # the person's own stretches join the built-in ones
            catalog, problems = load_with_own(stretches, catalog)
        elif catalog is None:
            catalog = load_catalog()
        self.catalog = catalog
        self.plan: WeekPlan | None = None
        self._today = today
        self._seed = 0
        self.builder: RoutineBuilder | None = None
        self.player: RoutinePlayer | None = None
        self._editing: tuple[str, str] = ("", "")  # the day being edited: key, label
        self._stale: set[widgets.HTML] = set()
        self.status = widgets.HTML().add_class("hb-planner-status")
        self.workspace = widgets.VBox()
        parts = [
            stylesheet(),
            *self._build_choices(minutes),
            *self._build_results(),
            self._build_days(),
            *self._build_files(folder),
            self.status,
            self.workspace,
        ]
        self._wire()
        super().__init__(parts)
        self.add_class("hb-planner")
        if problems:  # the planner goes on without the files it cannot use
            self._say(
                _("Some of your stretch files could not be used: {problems}").format(
                    problems="; ".join(str(p) for p in problems)
                ),
                error=True,
            )

    # Building -----------------------------------------------------------------------------
    def _build_choices(self, minutes: int) -> list[widgets.Widget]:
        """What the plan is made from: minutes a day, focus, level, conditions, equipment."""
        vocab = self.catalog.vocabulary
        self.minutes = {
            day: widgets.BoundedIntText(
                value=minutes,
                min=0,
                max=MAX_MINUTES,
                description=short,
                layout=widgets.Layout(width="120px"),
                style={"description_width": "36px"},
            )
            for day, short in zip(DAYS, day_names("abbreviated"), strict=True)
        }
        self.focus = widgets.SelectMultiple(
            options=[(vocab.label("muscles", m), m) for m in vocab.keys("muscles")],
            rows=7,
            description=_("Focus on"),
            style={"description_width": "80px"},
        )
        self.level = widgets.Dropdown(
            options=[(vocab.label("levels", k), k) for k in vocab.keys("levels")],
            description=_("Level"),
            style={"description_width": "80px"},
        )
        self.equipment = {
            key: widgets.ToggleButton(value=True, description=vocab.label("equipment", key))
            for key in vocab.keys("equipment")
            if key != "none"
        }
        for button in self.equipment.values():
            button.add_class("hb-have")
            self._show_owned(button)
        self.conditions = conditions_choice(vocab)
        self.warm_up = widgets.Checkbox(
            value=True, description=_("Start each day with a warm-up"), indent=False
        )
        self.older_adult = widgets.Checkbox(
            description=_("Older adult (holds of 30-60 s)"), indent=False
        )
        self.plan_button = widgets.Button(
            description=_("Plan my week"), icon="calendar", button_style="primary"
        )
        self.shuffle_button = widgets.Button(
            description=_("Shuffle"),
            icon="random",
            tooltip=_("Another plan from the same choices"),
            disabled=True,
        )
        minutes_row = widgets.HBox(
            list(self.minutes.values()), layout=widgets.Layout(flex_flow="row wrap")
        )
        choices = widgets.HBox(
            [
                self.focus,
                widgets.VBox([self.level, self.older_adult, self.warm_up]),
                self.conditions,
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        ).add_class("hb-row")
        kit = widgets.HBox(
            [widgets.HTML(_("<b>I have:</b>")), *self.equipment.values()],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        actions = widgets.HBox([self.plan_button, self.shuffle_button])
        return [widgets.HTML(_("<b>Minutes each day</b>")), minutes_row, choices, kit, actions]

    def _build_results(self) -> list[widgets.Widget]:
        """The plan's notes, and its tabs: the week, the guidelines, coverage, minutes."""
        self.notes = widgets.HTML().add_class("hb-notes")
        self.week = widgets.HTML().add_class("hb-week")
        self.check = widgets.HTML().add_class("hb-check")
        self.heatmap = widgets.HTML().add_class("hb-heatmap")
        self.chart = widgets.HTML().add_class("hb-minutes")
        self.results = widgets.Tab(
            children=[self.week, self.check, self.heatmap, self.chart],
            titles=[_("Week"), _("Guidelines"), _("Coverage"), _("Minutes")],
            layout=widgets.Layout(display="none"),
        )
        return [self.notes, self.results]

    def _build_days(self) -> widgets.HBox:
        """A day of the plan: edit it in a builder, or play today's routine."""
        self.day = widgets.Dropdown(
            options=list(zip(day_names(), DAYS, strict=True)),
            description=_("Day"),
            style={"description_width": "40px"},
        )
        self.edit_button = widgets.Button(
            description=_("Edit this day"), icon="pencil", disabled=True
        )
        self.apply_button = widgets.Button(
            description=_("Use for this day"),
            icon="check",
            layout=widgets.Layout(display="none", width="auto"),
        )
        self.today_button = widgets.Button(
            description=_("Play today's routine"),
            icon="play",
            disabled=True,
            layout=widgets.Layout(width="auto"),
        )
        return widgets.HBox([self.day, self.edit_button, self.apply_button, self.today_button])

    def _build_files(self, folder: str) -> list[widgets.Widget]:
        """The plan's file, and the calendar and table to download."""
        self.path = widgets.Text(
            value=f"{folder}/week.toml",
            description=_("Save to"),
            style={"description_width": "60px"},
        )
        self.save_button = widgets.Button(description=_("Save plan"), icon="save", disabled=True)
        self._replace: tuple[Path, WeekPlan] | None = None  # a save over another's file, asked
        self._own: Path | None = None  # the file this planner saved last: saved over freely
        self.ics_button = widgets.Button(
            description=_("Calendar (.ics)"), icon="calendar-plus-o", disabled=True
        )
        self.csv_button = widgets.Button(description=_("Table (.csv)"), icon="table", disabled=True)
        self.download = widgets.HTML().add_class("hb-planner-download")
        narrow = {"description_width": "60px"}
        self.time_mode = widgets.ToggleButtons(
            options=[(_("Same time every day"), "same"), (_("A time per day"), "each")],
            value="same",
            style={"button_width": "auto"},
        )
        self.time = widgets.TimePicker(value=dt.time(7, 0), description=_("At"), style=narrow)
        self.times = {
            day: widgets.TimePicker(
                value=dt.time(7, 0),
                description=short,
                style={"description_width": "36px"},
                layout=widgets.Layout(display="none"),
            )
            for day, short in zip(DAYS, day_names("abbreviated"), strict=True)
        }
        self.start = widgets.DatePicker(
            value=next_monday(self._today()), description=_("From"), style=narrow
        )
        self.weeks = widgets.Dropdown(
            options=weeks_options(),
            value=NO_END,
            description=_("For"),
            style=narrow,
            layout=widgets.Layout(width="250px"),
        )
        self.reminder = widgets.Dropdown(
            options=reminder_options(),
            value=10,
            description=_("Remind"),
            style=narrow,
            layout=widgets.Layout(width="260px"),
        )
        files = widgets.HBox([self.path, self.save_button])
        calendar = widgets.VBox(
            [
                widgets.HTML(_("<b>In your calendar</b>")),
                widgets.HBox(
                    [self.time_mode, self.time], layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox(
                    list(self.times.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox(
                    [self.start, self.weeks, self.reminder, self.ics_button, self.csv_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.download,
            ]
        ).add_class("hb-calendar")
        return [files, calendar]

    def _wire(self) -> None:
        for button in self.equipment.values():
            button.observe(self._on_owned, "value")
        self.time_mode.observe(self._show_times, "value")
        self.results.observe(self._draw_charts, "selected_index")
        self.plan_button.on_click(self._on_plan)
        self.shuffle_button.on_click(self._on_shuffle)
        self.edit_button.on_click(self._on_edit)
        self.apply_button.on_click(self._on_apply)
        self.today_button.on_click(self._on_today)
        self.save_button.on_click(self._on_save)
        self.ics_button.on_click(self._on_ics)
        self.csv_button.on_click(self._on_csv)

    # Planning ---------------------------------------------------------------------------
    def settings(self) -> PlanChoices:
        """The planner's inputs as plan_week's keyword arguments."""
        return {
            "minutes": {day: box.value for day, box in self.minutes.items()},
            "focus": list(self.focus.value),
            "level": self.level.value,
            "equipment": ["none", *(k for k, b in self.equipment.items() if b.value)],
            "older_adult": self.older_adult.value,
            "warm_up": self.warm_up.value,
            "seed": self._seed,
            "conditions": list(self.conditions.value),
        }

    def _on_owned(self, change: Change[bool]) -> None:
        self._show_owned(change["owner"])

    @staticmethod
    def _show_owned(button: widgets.ToggleButton) -> None:
        """A ticked box on a coloured button for what the person has; an empty box if not."""
        button.icon = "check-square-o" if button.value else "square-o"
        button.button_style = "info" if button.value else ""
        button.tooltip = (
            _("I have this: press if you do not")
            if button.value
            else _("I do not have this: press if you do")
        )

    def calendar_options(self) -> CalendarChoices:
        """The calendar choices as to_ics' keyword arguments."""
        if self.time_mode.value == "same" or self.plan is None:
            at: str | dict[str, str] = f"{self.time.value or dt.time(7, 0):%H:%M}"
        else:
            at = {
                day: f"{self.times[day].value or self.time.value or dt.time(7, 0):%H:%M}"
                for day in DAYS
                if self.plan.days[day] is not None
            }
        return {
            "at": at,
            "start": self.start.value,
            "weeks": None if self.weeks.value == NO_END else self.weeks.value,
            "reminder_minutes": (
                None if self.reminder.value == NO_REMINDER else self.reminder.value
            ),
        }

    def _show_times(self, _change: Change[str] | None = None) -> None:
        """One time picker, or one per planned day when each day has its own time."""
        each = self.time_mode.value == "each"
        self.time.layout.display = "none" if each else None
        for day, picker in self.times.items():
            planned = self.plan is not None and self.plan.days[day] is not None
            picker.layout.display = None if each and planned else "none"
            if each and picker.value is None:
                picker.value = self.time.value

    def _on_plan(self, _button: widgets.Button | None = None) -> None:
        try:
            self.show(plan_week(self.catalog, **self.settings()))
        except ValueError as exc:
            self._say(str(exc), error=True)

    def _on_shuffle(self, _button: widgets.Button | None = None) -> None:
        self._seed += 1
        self._on_plan()

    def show(self, plan: WeekPlan) -> None:
        """Show a plan: the week, the guideline check, the coverage and the minutes."""
        self.plan = plan
        self.status.value = ""  # what was said of the last plan is not said of this one
        self.download.value = ""
        self._show_times()
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in plan.notes())
        self.notes.value = notes
        shown = dict(zip(DAYS, day_names("abbreviated"), strict=True))
        summary = plan.summary().reset_index()
        if "day" in summary:
            summary["day"] = summary["day"].map(lambda d: shown.get(d, d))
        self.week.value = summary.rename(
            columns=lambda c: (
                _(SUMMARY_COLUMNS[c]) if c in SUMMARY_COLUMNS else c.replace("_", "-").capitalize()
            )
        ).to_html(classes="hb-table", index=False, justify="left", float_format="{:.1f}".format)
        check = in_words(plan.check()[list(CHECK_COLUMNS)]).rename(
            columns={k: _(v) for k, v in CHECK_COLUMNS.items()}
        )
        self.check.value = check.to_html(
            classes="hb-table", index=False, justify="left", float_format="{:.0f}".format
        )
        self._stale = {self.heatmap, self.chart}
        self.heatmap.value = self.chart.value = ""  # never show a chart of the last plan
        self._draw_charts()
        self.results.layout.display = None
        for button in (
            self.shuffle_button,
            self.edit_button,
            self.today_button,
            self.save_button,
            self.ics_button,
            self.csv_button,
        ):
            button.disabled = False

    def _draw_charts(self, _change: Change[int | None] | None = None) -> None:
        """Draw a chart when its tab is open (matplotlib takes a few tenths of a second)."""
        shown = self.results.children[self.results.selected_index or 0]
        if shown not in self._stale or self.plan is None:  # only show() makes charts stale
            return
        self._stale.discard(shown)
        if shown is self.heatmap:
            self.heatmap.value = coverage_svg(
                self.plan.coverage(), self.catalog.vocabulary.labels["muscles"]
            )
        else:
            self.chart.value = minutes_svg(self.plan.minutes_per_day())

    def _shown(self) -> WeekPlan:
        """The plan on show; the buttons that act on it stay disabled until there is one."""
        if self.plan is None:
            raise RuntimeError(_("there is no plan yet: press Plan my week first"))
        return self.plan

    # A day ------------------------------------------------------------------------------
    def _on_edit(self, _button: widgets.Button | None = None) -> None:
        plan = self._shown()
        self._clear_workspace()
        day = self.day.value
        routine = plan.days[day] or Routine(
            f"plan-{day.lower()}",
            _("{day} stretches").format(day=self.day.label),
            (),
            self.catalog,
        )
        allowed = [s.id for s in candidates(self.catalog, plan.settings)]
        self.builder = RoutineBuilder(
            self.catalog,
            routine=routine,
            only=allowed,
            only_reason=_("that suit your level and equipment"),
            budget_s=plan.settings.minutes[day] * 60,
        )
        self._editing = (self.day.value, self.day.label)  # the day stays, whatever is chosen next
        self.apply_button.description = _("Use for {day}").format(day=self.day.label)
        self.apply_button.layout.display = None
        self.workspace.children = [self.builder]

    def _on_apply(self, _button: widgets.Button | None = None) -> None:
        if self.builder is None:
            raise RuntimeError(_("no day is being edited: press Edit this day first"))
        routine = self.builder.routine
        day, label = self._editing
        over = self.builder.over_budget_s
        plan = self._shown().with_day(day, routine if routine.items else None)
        self.show(plan)
        n = len(routine)
        said = ngettext(
            "{day} now has {n} stretch, {time} of its {budget}.",
            "{day} now has {n} stretches, {time} of its {budget}.",
            n,
        ).format(
            day=label,
            n=n,
            time=mss(routine.duration),
            budget=mss(plan.settings.minutes[day] * 60),
        )
        if over:
            said += " " + _("That is {over} more than the day's minutes.").format(over=mss(over))
        self._say(said, error=bool(over))

    def _on_today(self, _button: widgets.Button | None = None) -> None:
        plan = self._shown()
        self._clear_workspace()
        today = self._today()
        routine = plan.for_date(today)
        if routine is None:
            self._say(
                _("{day} is a rest day in this plan.").format(day=day_names()[today.weekday()])
            )
            return
        self.player = RoutinePlayer(routine)
        self.workspace.children = [self.player]

    def _clear_workspace(self) -> None:
        for view in (self.builder, self.player):
            if view is not None:
                view.close()
        self.builder = self.player = None
        self.apply_button.layout.display = "none"
        self.workspace.children = []

    # Files ------------------------------------------------------------------------------
    def _on_save(self, _button: widgets.Button | None = None) -> None:
        plan = self._shown()
        target = Path(self.path.value)
        try:
            # A file holding another plan is replaced only when Save is pressed again.
            again = target == self._own or self._replace == (target, plan)  # its own file
            path = plan.save(target, overwrite=again)
        except PlanExistsError:
            self._replace = (target, plan)
            self.save_button.description = _("Replace")
            self._say(
                _(
                    "{file} holds another plan or another file. Press Replace to save over "
                    "it, or change the file name."
                ).format(file=target),
                error=True,
            )
        except (OSError, ValueError) as exc:
            self._say(_("Could not save: {error}").format(error=exc), error=True)
        else:
            self._replace, self._own = None, target
            self.save_button.description = _("Save plan")
            self._say(
                _("Saved the plan to {file}. Load it with {code}.").format(
                    file=path, code=f"handbook.load_plan({str(path)!r})"
                )
            )

    def _on_ics(self, _button: widgets.Button | None = None) -> None:
        plan = self._shown()
        options = self.calendar_options()
        try:
            data = plan.to_ics(None, **options)
            said = describe_calendar(plan, **options)
        except ValueError as exc:
            self._say(_("Could not make the calendar: {error}").format(error=exc), error=True)
        else:
            name = Path(self.path.value).with_suffix(".ics").name
            self.download.value = download_link(
                data, name, _("Download the calendar ({name})").format(name=name)
            )
            self._say(
                _(
                    "The calendar is ready: {said} Download it and open it with your calendar app."
                ).format(said=said)
            )

    def _on_csv(self, _button: widgets.Button | None = None) -> None:
        plan = self._shown()
        name = Path(self.path.value).with_suffix(".csv").name
        self.download.value = download_link(
            plan.to_csv(None), name, _("Download the table ({name})").format(name=name)
        )
        self._say(_("The table is ready: one row per stretch and day, for a spreadsheet."))

    def _say(self, text: str, *, error: bool = False) -> None:
        say(self.status, text, error=error)

    def close(self) -> None:
        """Close the planner, any builder or player it opened, and every part."""
        if hasattr(self, "workspace"):
            self._clear_workspace()
        close_all(self)
