"""Calendar and CSV exports: read back with icalendar, recurrence expanded onto planned days."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from handbook import Catalog
from handbook.week.export import next_monday
from handbook.week.planner import plan_week
from handbook.week.settings import DAYS


@pytest.fixture
def plan(catalog):
    return plan_week(catalog, minutes={"Mon": 10, "Wed": 10, "Sat": 15})


def events(data: bytes):
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def test_defaults_next_week_at_seven(plan, tmp_path):
    path = tmp_path / "week.ics"
    data = plan.to_ics(path)
    assert path.read_bytes() == data
    found = events(data)
    assert len(found) == 3
    monday = next_monday()
    for event in found:
        start = event.decoded("dtstart")
        assert start.time() == dt.time(7, 0) and start.tzinfo is None  # local, floating
        assert monday <= start.date() < monday + dt.timedelta(days=7)
        assert "not medical advice" in str(event["description"])
        assert event.walk("VALARM")


def test_recurrence_lands_on_the_planned_weekdays(plan):
    data = plan.to_ics(start=dt.date(2027, 1, 6), at="18:30", weeks=4)  # a Wednesday
    weekdays = set()
    for event in events(data):
        start = event.decoded("dtstart")
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
        dates = list(rule)
        assert len(dates) == 4
        assert all(d.time() == dt.time(18, 30) for d in dates)
        assert all(d.date() >= dt.date(2027, 1, 6) for d in dates)
        assert len({d.weekday() for d in dates}) == 1
        weekdays |= {DAYS[d.weekday()] for d in dates}
    assert weekdays == {"Mon", "Wed", "Sat"}


def test_timezone_is_written(plan):
    data = plan.to_ics(tz="Europe/Paris")
    cal = Calendar.from_ical(data)
    assert cal.walk("VTIMEZONE")
    start = events(data)[0].decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Paris"


def test_summary_and_description_name_the_routine(plan):
    event = events(plan.to_ics())[0]
    routine = plan.days["Mon"]
    assert str(event["summary"]).startswith(f"Stretch: {routine.name} (")
    for stretch in routine.stretches:
        assert stretch.name in str(event["description"])


def test_bad_time(plan):
    with pytest.raises(ValueError, match="a time like '07:00'"):
        plan.to_ics(at="seven")


def test_csv(plan, tmp_path):
    path = plan.to_csv(tmp_path / "week.csv")
    back = pd.read_csv(path)
    assert list(back.columns) == list(plan.table().columns)
    assert len(back) == len(plan.table()) and set(back["day"]) == {"Mon", "Wed", "Sat"}


@pytest.mark.parametrize(("options", "expected"), [
    ({"weeks": 0}, "weeks must be a whole number of 1 or more"),
    ({"weeks": -1}, "weeks must be a whole number of 1 or more"),
    ({"reminder_minutes": -5}, "reminder_minutes must be from 0 to 1440"),
])
def test_calendar_options_are_checked(plan, options, expected):
    with pytest.raises(ValueError, match=expected):
        plan.to_ics(**options)


def test_csv_text_that_would_run_as_a_formula_is_written_as_text(catalog, tmp_path):
    evil = '=HYPERLINK("http://example.com","click")'
    shared = dataclasses.replace(catalog["neck-turn"], name=evil)
    cat = Catalog([shared, *(s for s in catalog if s.id != "neck-turn")], catalog.vocabulary)
    plan = plan_week(cat, minutes=30)
    assert evil in set(plan.table()["name"])
    table = pd.read_csv(plan.to_csv(tmp_path / "week.csv"))
    assert f"'{evil}" in set(table["name"]) and evil not in set(table["name"])
    for column in ("order", "hold_s", "reps", "seconds"):  # numbers stay numbers
        assert pd.api.types.is_numeric_dtype(table[column]), column
    assert table[["hold_s", "reps", "seconds"]].equals(
        plan.table()[["hold_s", "reps", "seconds"]].reset_index(drop=True))
