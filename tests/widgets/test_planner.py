"""WeekPlanner without a browser: plan, check, edit a day, play today, save and export."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from icalendar import Calendar

import handbook
from handbook.timing.timeline import mss
from handbook.widgets.planner import NO_REMINDER, WeekPlanner
from tests.helpers import write_stretch

A_MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def planner(catalog):
    view = WeekPlanner(catalog, today=lambda: A_MONDAY)
    yield view
    view.close()


def test_nothing_is_shown_before_planning(planner):
    assert planner.plan is None and planner.results.layout.display == "none"
    assert planner.save_button.disabled and planner.edit_button.disabled


def test_plan_my_week_fills_the_week_table(planner):
    planner.minutes["Sun"].value = 0
    planner.focus.value = ("lower back",)
    planner.plan_button.click()
    plan = planner.plan
    assert plan is not None and plan.settings.focus == ("lower back",)
    assert plan.days["Sun"] is None
    assert "<table" in planner.week.value and "Rest day" in planner.week.value
    first = next(s for s in plan.days["Mon"].stretches if not s.is_movement).name
    assert first.replace("'", "&#x27;") in planner.week.value or first in planner.week.value
    assert "Muscle group" in planner.check.value and "Lower back" in planner.check.value
    assert planner.heatmap.value == planner.chart.value == ""  # drawn when their tab opens
    planner.results.selected_index = 2
    assert planner.heatmap.value.startswith("<svg") and planner.chart.value == ""
    planner.results.selected_index = 3
    assert planner.chart.value.startswith("<svg")
    planner.shuffle_button.click()  # a new plan redraws the open tab at once
    assert planner.chart.value.startswith("<svg") and planner.heatmap.value == ""
    assert planner.notes.value.startswith("<p>")
    assert planner.results.layout.display is None


def test_choices_reach_the_planner(catalog, planner):
    for key, button in planner.equipment.items():
        button.value = key == "mat"
    planner.level.value = "intermediate"
    planner.older_adult.value = True
    planner.plan_button.click()
    table = planner.plan.table()
    # a mat folded double stands in for a cushion (issue 25, point 2)
    assert all(set(catalog[s].equipment) <= {"mat", "cushion"} for s in table["stretch"])
    assert table.loc[table["kind"] == "hold", "hold_s"].between(30, 60).all()


def test_shuffle_gives_another_plan(planner):
    planner.plan_button.click()
    first = planner.plan.table()
    planner.shuffle_button.click()
    planner.shuffle_button.click()
    assert not planner.plan.table().equals(first)


def test_too_few_minutes_are_explained(planner):
    for box in planner.minutes.values():
        box.value = 2
    planner.plan_button.click()
    assert "more minutes a week" in planner.notes.value


def test_edit_a_day(planner):
    planner.plan_button.click()
    planner.day.value = "Tue"
    planner.edit_button.click()
    builder = planner.builder
    assert builder is not None and builder.routine == planner.plan.days["Tue"]
    assert planner.apply_button.description == "Use for Tuesday"
    shorter = planner.plan.days["Tue"].remove(0)
    builder.items.value = 0
    builder.remove_button.click()  # as a person would, in the builder
    assert builder.routine == shorter
    planner.apply_button.click()
    assert planner.plan.days["Tue"] == shorter
    assert "Tuesday now has" in planner.status.value
    assert "Rest day" not in planner.week.value.split("Tue", 1)[1].split("</tr>", 1)[0]


def test_play_today(planner):
    planner.plan_button.click()
    planner.today_button.click()
    assert planner.player is not None
    assert planner.player.routine == planner.plan.days["Mon"]  # A_MONDAY
    assert planner.player.timer.timer.status == "idle"  # shown, not started


def test_today_may_be_a_rest_day(planner):
    planner.minutes["Mon"].value = 0
    planner.plan_button.click()
    planner.today_button.click()
    assert planner.player is None and "Monday is a rest day" in planner.status.value


def test_save_and_calendar(planner, tmp_path):
    planner.plan_button.click()
    planner.path.value = str(tmp_path / "plans" / "week.toml")
    planner.save_button.click()
    assert handbook.load_plan(tmp_path / "plans" / "week.toml").table().equals(planner.plan.table())
    assert "Saved the plan to" in planner.status.value
    planner.ics_button.click()
    events = Calendar.from_ical(downloaded(planner, "week.ics")).walk("VEVENT")
    assert len(events) == 7
    assert not (tmp_path / "plans" / "week.ics").exists()  # a download, never a server path
    assert str(tmp_path) not in planner.status.value + planner.download.value
    planner.csv_button.click()
    table = downloaded(planner, "week.csv").decode()
    assert table.splitlines()[0].startswith("day,") and len(table.splitlines()) > 7


def test_save_errors_are_shown_not_raised(planner, tmp_path):
    planner.plan_button.click()
    (tmp_path / "file").write_text("x")
    planner.path.value = str(tmp_path / "file" / "week.toml")
    planner.save_button.click()
    assert "Could not save" in planner.status.value


def test_use_for_a_day_applies_to_the_day_being_edited(catalog):
    planner = WeekPlanner(catalog)
    planner.plan_button.click()
    planner.day.value = "Mon"
    planner.edit_button.click()
    planner.builder.items.value = 0
    planner.builder.remove_button.click()
    edited = planner.builder.routine
    tuesday = planner.plan.days["Tue"]
    planner.day.value = "Tue"  # looking at another day before pressing the button
    planner.apply_button.click()
    assert planner.plan.days["Mon"] == edited and planner.plan.days["Tue"] == tuesday
    planner.close()


def test_toggles_show_what_is_owned(planner):
    strap = planner.equipment["strap"]
    assert strap.value and strap.icon == "check-square-o" and strap.button_style == "info"
    strap.value = False
    assert strap.icon == "square-o" and strap.button_style == "" and "do not have" in strap.tooltip
    strap.value = True
    assert strap.icon == "check-square-o"


def test_edit_this_day_offers_only_what_suits_level_and_equipment(catalog, planner):
    for key in ("strap", "wall"):
        planner.equipment[key].value = False
    planner.plan_button.click()
    planner.day.value = "Wed"
    planner.edit_button.click()
    offered = {sid for _, sid in planner.builder.matches.options}
    assert offered and all(catalog[sid].level == "beginner" for sid in offered)
    assert not any({"strap", "wall"} & set(catalog[sid].equipment) for sid in offered)
    assert "supine-hamstring-strap" not in offered
    assert "(only those that suit your level and equipment)" in planner.builder.count.value


def test_edit_this_day_shows_its_minutes_and_warns_when_over(planner):
    planner.minutes["Wed"].value = 5
    planner.plan_button.click()
    planner.day.value = "Wed"
    planner.edit_button.click()
    builder = planner.builder
    assert "of the day's 5:00" in builder.total.value and "Over by" not in builder.total.value
    while builder.routine.duration <= 5 * 60:
        builder.matches.value = builder.matches.options[0][1]
        builder.add_button.click()
        builder.matches.value = builder.matches.options[-1][1]
        builder.add_button.click()
    over = builder.routine.duration - 300
    assert f"Over by {mss(over)}" in builder.total.value and "hb-over" in builder.total._dom_classes
    planner.apply_button.click()
    assert f"That is {mss(over)} more than the day&#x27;s minutes." in planner.status.value


def test_status_belongs_to_the_plan_on_screen(planner, tmp_path):
    planner.plan_button.click()
    planner.path.value = str(tmp_path / "week.toml")
    planner.ics_button.click()
    assert "The calendar is ready" in planner.status.value
    planner.shuffle_button.click()
    assert planner.status.value == "" and planner.download.value == ""
    planner.save_button.click()
    planner.plan_button.click()
    assert "Saved" not in planner.status.value


def test_calendar_choices(planner, tmp_path):
    planner.minutes["Tue"].value = 0
    planner.minutes["Sun"].value = 0
    planner.plan_button.click()
    planner.path.value = str(tmp_path / "week.toml")
    planner.time_mode.value = "each"
    assert planner.times["Mon"].layout.display is None
    assert planner.times["Tue"].layout.display == "none"  # a rest day has no time to choose
    assert planner.time.layout.display == "none"
    planner.times["Wed"].value = dt.time(18, 30)
    planner.start.value = dt.date(2027, 1, 4)
    planner.weeks.value = 4
    planner.reminder.value = NO_REMINDER
    planner.ics_button.click()
    data = downloaded(planner, "week.ics")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 5
    starts = {e.decoded("dtstart").strftime("%a"): e.decoded("dtstart") for e in events}
    assert starts["Wed"] == dt.datetime(2027, 1, 6, 18, 30)
    assert starts["Mon"] == dt.datetime(2027, 1, 4, 7, 0)
    assert all("COUNT=4" in e["rrule"].to_ical().decode() for e in events)
    assert all(not e.walk("VALARM") for e in events)
    assert "Wednesday at 18:30" in planner.status.value
    assert "for 4 weeks from Monday 4 January 2027, with no reminder." in planner.status.value


def test_the_calendar_starts_next_monday_by_default(planner):
    assert planner.start.value == dt.date(2026, 11, 30)  # A_MONDAY is the 23rd
    assert planner.weeks.label == "every week, no end" and planner.reminder.label == (
        "10 minutes before"
    )
    planner.plan_button.click()
    assert planner.calendar_options() == {
        "at": "07:00",
        "start": dt.date(2026, 11, 30),
        "weeks": None,
        "reminder_minutes": 10,
    }


def downloaded(planner, name: str) -> bytes:
    """The file a download link on the planner carries."""
    found = re.search(
        rf'download="{re.escape(name)}" href="data:[^;]+;(?:charset=utf-8;)?'
        r'base64,([^"]+)"',
        planner.download.value,
    )
    assert found, planner.download.value
    return base64.b64decode(found[1])


def test_own_stretches_join_the_planner_and_bad_files_are_named(catalog, tmp_path):
    own = tmp_path / "my-stretches"
    write_stretch(own, "my-calf-stretch", name="My calf stretch")
    write_stretch(own, "broken", level="expert")
    planner = WeekPlanner(catalog, stretches=own)
    assert "my-calf-stretch" in planner.catalog and "broken" not in planner.catalog
    assert "broken.toml" in planner.status.value and "expert" in planner.status.value
    planner.close()


def test_my_conditions_reach_the_planner(catalog, planner):
    planner.conditions.value = ("osteoporosis", "hip-replacement")
    planner.plan_button.click()
    planned = set(planner.plan.table()["stretch"])
    assert planned and planned.isdisjoint(catalog.ruled_out(["osteoporosis", "hip-replacement"]))
    assert planner.plan.settings.conditions == ("osteoporosis", "hip-replacement")


def test_the_warm_up_box_reaches_the_plan(planner):
    assert planner.warm_up.value is True
    planner.plan_button.click()
    assert planner.plan.settings.warm_up and planner.plan.days["Mon"].warm_up_items > 0
    assert "starts with a warm-up of movements" in planner.notes.value
    assert "<th>Warm-up</th>" in planner.week.value
    planner.warm_up.value = False
    planner.plan_button.click()
    assert not planner.plan.settings.warm_up and planner.plan.days["Mon"].warm_up_items == 0
    assert "warm-up" not in planner.notes.value


def test_saving_over_another_plan_asks_first(catalog, planner, tmp_path):
    path = tmp_path / "week.toml"
    planner.plan_button.click()
    planner.path.value = str(path)
    planner.save_button.click()
    planner.minutes["Sun"].value = 0 if planner.plan.settings.minutes["Sun"] else 10
    planner.plan_button.click()
    planner.save_button.click()  # its own file: saved over freely
    assert handbook.load_plan(path).table().equals(planner.plan.table())
    before = path.read_bytes()
    other = WeekPlanner(catalog)
    other.plan_button.click()
    other.path.value = str(path)
    other.save_button.click()
    assert path.read_bytes() == before and other.save_button.description == "Replace"
    assert "holds another plan" in other.status.value
    other.save_button.click()
    assert handbook.load_plan(path).table().equals(other.plan.table())
    other.close()
