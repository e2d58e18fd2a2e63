"""The progress log: where it lives, what it records, its schema, several writers, bad
files, the pandas answers, and CSV export and import."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import load_catalog
from handbook.errors import ProgressWarning
from handbook.progress import reports
from handbook.progress.store import (
    ProgressLog,
)
from tests.progress.helpers import at


def test_streak_counts_consecutive_local_days_with_a_completed_record(log):
    for day in ("2026-03-05", "2026-03-07", "2026-03-08", "2026-03-09"):
        log.record("a", 30, 30, when=at(day))
    log.record("a", 30, 5, when=at("2026-03-06"))  # stopped early: not a day done
    assert log.streak(today="2026-03-09") == 3
    assert log.streak(today=date(2026, 3, 10)) == 3  # not yet today: the run ends yesterday
    assert log.streak(today="2026-03-11") == 0
    log.record("a", 30, 30, when=at("2026-03-10", 23, 30))  # 22:30 UTC, still the 10th here
    log.record("a", 30, 30, when=at("2026-03-12", 0, 30))  # 23:30 UTC on the 11th
    assert log.streak(today="2026-03-11") == 4
    assert log.streak(today="2026-03-12") == 1


def test_minutes_per_week_are_zero_filled_and_start_on_monday(log):
    log.record("a", 120, 120, when=at("2026-03-04"))  # Wednesday
    log.record("a", 60, 60, when=at("2026-03-08", 23, 30))  # Sunday night, same week
    log.record("a", 30, 15, when=at("2026-03-16"))  # stopped early still counts
    weeks = log.minutes_per_week(today="2026-03-25")
    assert weeks.index.tolist() == [
        pd.Timestamp(d) for d in ("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23")
    ]
    assert weeks.tolist() == [3.0, 0.0, 0.25, 0.0]
    assert (weeks.index.day_of_week == 0).all() and weeks.index.name == "week"
    last = log.minutes_per_week(2, today="2026-03-22")
    assert last.to_dict() == {pd.Timestamp("2026-03-09"): 0.0, pd.Timestamp("2026-03-16"): 0.25}
    with pytest.raises(ValueError, match="whole number of weeks"):
        log.minutes_per_week(0)


def test_coverage_is_seconds_per_muscle_and_day(log, folder):
    catalog = load_catalog(folder)  # calf: calves + hamstrings (secondary); hamstring test
    log.record("wall-calf-test", 60, 60, when=at("2026-03-09"))
    log.record("seated-hamstring-test", 40, 40, when=at("2026-03-10", 23, 50))
    log.record("seated-hamstring-test", 40, 40, when=at("2026-03-03"))  # before the week
    log.record("gone", 30, 30, when=at("2026-03-10"))
    with pytest.warns(ProgressWarning, match="gone"):
        table = log.coverage(catalog, weeks=1, today="2026-03-10")
    assert table.attrs["unknown"] == ["gone"]
    assert table.index.tolist() == list(catalog.vocabulary.keys("muscles"))
    assert table.columns.tolist() == list(pd.date_range("2026-03-04", "2026-03-10"))
    assert table.loc["calves", pd.Timestamp("2026-03-09")] == 60
    assert table.loc["hamstrings", pd.Timestamp("2026-03-09")] == 30
    assert table.loc["hamstrings", pd.Timestamp("2026-03-10")] == 40
    assert table.to_numpy().sum() == 130


def test_coverage_of_the_builtin_catalogue_warns_only_when_needed(log):
    catalog = load_catalog()
    sid = catalog.ids[0]
    log.record(sid, 30, 30, when=at("2026-03-10"))
    table = log.coverage(catalog, today="2026-03-10")
    assert table.shape == (len(catalog.vocabulary.keys("muscles")), 28)
    assert table.attrs["unknown"] == []
    primary = catalog.targets.query("id == @sid and role == 'primary'")["muscle"].astype(str)
    assert (table.loc[list(primary), pd.Timestamp("2026-03-10")] == 30).all()


def test_against_a_plan_compares_this_week_day_by_day(tmp_path):
    import handbook

    cat = handbook.load_catalog()
    plan = handbook.plan_week(cat, minutes={"Mon": 10, "Wed": 10})
    log = ProgressLog(tmp_path / "log.sqlite")
    monday = datetime(2026, 11, 23, 8, 0)  # a Monday, local time
    first = plan.days["Mon"].stretches[0]
    planned_first = first.hold_s * first.reps * (2 if first.sides == "each" else 1)
    log.record(first.id, planned_first, planned_first, when=monday)
    log.record("neck-turn", 60, 30, when=monday + timedelta(days=2))  # part-way, any stretch
    table = log.against(plan, today=date(2026, 11, 26))
    assert list(table.index) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert table.loc["Mon", "date"] == date(2026, 11, 23)
    assert table.loc["Mon", "done_stretches"] == 1
    assert table.loc["Mon", "done_min"] == round(planned_first / 60, 1)
    assert table.loc["Mon", "planned_stretches"] == len(plan.days["Mon"])
    assert table.loc["Wed", "done_min"] == 0.5
    assert pd.isna(table.loc["Tue", "share"]) and table.loc["Tue", "planned_min"] == 0
    assert 0 < table.loc["Mon", "share"] < 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5000), st.integers(1, 120), st.sampled_from("ab")), max_size=30
    )
)
def test_sessions_are_runs_of_one_routine_without_a_long_pause(spans):
    start = pd.Timestamp("2026-03-10 08:00", tz="Europe/Berlin")
    rows = sorted(spans)
    frame = pd.DataFrame(
        {
            "when": [start + pd.Timedelta(seconds=s) for s, _, _ in rows],
            "done_s": [float(d) for _, d, _ in rows],
            "routine": [r for _, _, r in rows],
            "stretch": ["neck-turn"] * len(rows),
        }
    )
    numbers = reports.session_numbers(frame).tolist()
    assert numbers == sorted(numbers) and (not numbers or numbers[0] == 0)
    assert all(b - a in (0, 1) for a, b in itertools.pairwise(numbers))
    for n in range(1, len(rows)):
        pause = rows[n][0] - (rows[n - 1][0] + rows[n - 1][1])
        same = rows[n][2] == rows[n - 1][2] and pause <= reports.SESSION_GAP_S
        assert (numbers[n] == numbers[n - 1]) == same
