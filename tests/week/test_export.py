"""Calendar and CSV exports: read back with icalendar, recurrence expanded onto planned days."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from handbook import Catalog
from handbook.week.export import describe_calendar, next_monday
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


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"weeks": 0}, "weeks must be a whole number of 1 or more"),
        ({"weeks": -1}, "weeks must be a whole number of 1 or more"),
        ({"reminder_minutes": -5}, "reminder_minutes must be from 0 to 1440"),
    ],
)
def test_calendar_options_are_checked(plan, options, expected):
    with pytest.raises(ValueError, match=expected):
        plan.to_ics(**options)


def expanded(data: bytes) -> list[dt.datetime]:
    """Every occurrence of every event (series must end), sorted."""
    found = []
    for event in events(data):
        start = event.decoded("dtstart")
        found += list(rrulestr(event["rrule"].to_ical().decode(), dtstart=start))
    return sorted(found)


def test_a_time_per_day(plan):
    at = {"Mon": "07:00", "wednesday": "18:30", "Sat": "9:15"}
    data = plan.to_ics(start=dt.date(2027, 1, 4), at=at, weeks=2)  # a Monday
    assert expanded(data) == [
        dt.datetime(2027, 1, 4, 7, 0),
        dt.datetime(2027, 1, 6, 18, 30),
        dt.datetime(2027, 1, 9, 9, 15),
        dt.datetime(2027, 1, 11, 7, 0),
        dt.datetime(2027, 1, 13, 18, 30),
        dt.datetime(2027, 1, 16, 9, 15),
    ]


def test_start_date_as_text_and_mid_week(plan):
    data = plan.to_ics(start="2027-01-07", weeks=1)  # a Thursday: Mon and Wed move on a week
    assert [d.date() for d in expanded(data)] == [
        dt.date(2027, 1, 9),
        dt.date(2027, 1, 11),
        dt.date(2027, 1, 13),
    ]


@pytest.mark.parametrize("weeks", [1, 3, 10])
def test_the_number_of_weeks_gives_the_count(plan, weeks):
    assert len(expanded(plan.to_ics(weeks=weeks))) == 3 * weeks


def test_no_end_without_weeks(plan):
    for event in events(plan.to_ics()):
        assert "COUNT" not in event["rrule"] and "UNTIL" not in event["rrule"]


@pytest.mark.parametrize("minutes", [0, 5, 60])
def test_reminder_before_each_event(plan, minutes):
    for event in events(plan.to_ics(reminder_minutes=minutes)):
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == -dt.timedelta(minutes=minutes)
        assert str(alarm["action"]) == "DISPLAY"


def test_no_reminder(plan):
    assert all(not event.walk("VALARM") for event in events(plan.to_ics(reminder_minutes=None)))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"at": {"Mon": "07:00", "Wed": "18:30"}},
            "at has no time for Sat; give a time for every planned day \\(Mon, Wed, Sat\\)",
        ),
        ({"at": {"Mon": "7", "Wed": "8", "Sat": "9"}}, "at\\['Mon'\\] must be a time like '07:00'"),
        ({"at": {"Funday": "07:00"}}, "not a day of the week"),
        ({"start": "next week"}, "start must be a date like '2027-01-04'"),
    ],
)
def test_bad_calendar_choices(plan, options, expected):
    with pytest.raises(ValueError, match=expected):
        plan.to_ics(**options)


def test_a_rest_day_may_have_a_time(plan):
    times = {d: "06:45" for d in DAYS}
    assert len(events(plan.to_ics(at=times))) == 3


def test_the_calendar_in_a_sentence(plan):
    assert describe_calendar(
        plan,
        start=dt.date(2027, 1, 6),
        weeks=4,
        reminder_minutes=60,
        at={"Mon": "07:00", "Wed": "18:30", "Sat": "9:00"},
    ) == (
        "Monday at 07:00, Wednesday at 18:30 and Saturday at 09:00, for 4 weeks from "
        "Wednesday 6 January 2027, with a reminder 1 hour before."
    )
    assert describe_calendar(plan, start=dt.date(2027, 1, 4), weeks=1, reminder_minutes=None) == (
        "Monday, Wednesday and Saturday at 07:00, for 1 week from Monday 4 January 2027, "
        "with no reminder."
    )
    assert describe_calendar(plan, start="2027-01-04", reminder_minutes=1).endswith(
        "every week from Monday 4 January 2027, with a reminder 1 minute before."
    )


def test_csv_text_that_would_run_as_a_formula_is_written_as_text(catalog, tmp_path):
    evil = '=HYPERLINK("http://example.com","click")'
    picked = plan_week(catalog, minutes=30).table()["stretch"].iloc[-1]  # one the plan uses
    shared = dataclasses.replace(catalog[picked], name=evil)
    cat = Catalog([shared, *(s for s in catalog if s.id != picked)], catalog.vocabulary)
    plan = plan_week(cat, minutes=30)
    assert evil in set(plan.table()["name"])
    table = pd.read_csv(plan.to_csv(tmp_path / "week.csv"))
    assert f"'{evil}" in set(table["name"]) and evil not in set(table["name"])
    for column in ("order", "hold_s", "reps", "seconds"):  # numbers stay numbers
        assert pd.api.types.is_numeric_dtype(table[column]), column
    assert table[["hold_s", "reps", "seconds"]].equals(
        plan.table()[["hold_s", "reps", "seconds"]].reset_index(drop=True)
    )
