"""The log read for people: local times to the minute, names, words where numbers are missing."""

from __future__ import annotations

import re

import pandas as pd

from handbook.progress.tables import (
    count_text,
    duration_text,
    least_reached,
    routine_text,
    session_table,
    sessions_table,
)
from handbook.week.planner import plan_week
from tests.progress.helpers import at


def test_sessions_read_as_words(log, catalog):
    log.record("neck-turn", 30, 30.283617, when=at("2026-03-09", 7, 5))  # a Monday
    log.record(
        "kneeling-hip-flexor",
        50,
        12,
        side="left",
        routine="plan-mon",
        when=at("2026-03-10", 18, 53),
    )
    log.record(
        "standing-quad",
        50,
        50,
        side="right",
        routine="Back-care routine",
        when=at("2026-03-10", 19, 0),
    )
    table = log.recent(catalog)
    assert list(table.columns) == ["When", "Stretch", "Side", "Held", "Finished", "Routine"]
    assert table.to_dict("records") == [
        {
            "When": "Tue 10 Mar 19:00",
            "Stretch": "Standing quad stretch",
            "Side": "right",
            "Held": "50 s",
            "Finished": "yes",
            "Routine": "Back-care routine",
        },
        {
            "When": "Tue 10 Mar 18:53",
            "Stretch": "Kneeling hip flexor stretch",
            "Side": "left",
            "Held": "12 s",
            "Finished": "stopped part-way",
            "Routine": "Monday plan",
        },
        {
            "When": "Mon 9 Mar 07:05",
            "Stretch": "Neck turn",
            "Side": "both sides",
            "Held": "30 s",
            "Finished": "yes",
            "Routine": "on its own",
        },
    ]
    assert not table.isna().any().any()
    assert len(log.recent(catalog, last=2)) == 2


def test_a_stretch_gone_from_the_catalogue_keeps_its_id(log, catalog):
    log.record("retired-stretch", 30, 30, when=at("2026-03-09"))
    assert sessions_table(log.sessions(), catalog)["Stretch"].tolist() == ["retired-stretch"]


def test_routine_words():
    assert routine_text(None) == routine_text(float("nan")) == "on its own"
    assert routine_text("plan-sat") == "Saturday plan"
    assert (
        routine_text("desk-break", {"desk-break": "Five-minute desk break"})
        == "Five-minute desk break"
    )


def test_week_summary(log):
    assert log.summary(today="2026-03-11").startswith("Nothing recorded yet.")
    log.record("a", 30, 30, when=at("2026-03-02"))  # the week before
    assert log.summary(today="2026-03-11") == (
        "Nothing yet this week; 1 record from 1 earlier week, the last stretch on Monday "
        "2 March at 08:00."
    )
    log.record("a", 60, 60, when=at("2026-03-09"))
    log.record("a", 30, 30, when=at("2026-03-10"))
    log.record("a", 30, 30, when=at("2026-03-10", 9))
    log.record("a", 30, 10, when=at("2026-03-11"))
    assert log.summary(today="2026-03-11") == (
        "This week: 2 min 10 s on 3 days; 3 stretches finished and 1 stopped part-way; "
        "a streak of 2 days in a row."
    )
    for day in range(12, 20):
        log.record("a", 60, 60, when=at(f"2026-03-{day}"))
    assert log.summary(today="2026-03-15") == (
        "This week: 6 min 10 s on 7 days; 7 stretches finished and 1 stopped part-way; "
        "a streak of 4 days in a row."
    )
    assert log.summary(today="2026-03-19").startswith(
        "This week: 4 min on 4 days; 4 stretches finished; a streak of 8"
    )


def test_plan_against_done_in_words(log, catalog):
    plan = plan_week(catalog, minutes={"Mon": 10, "Wed": 10, "Fri": 10})
    monday = plan.days["Mon"].stretches[0]
    log.record(monday.id, monday.hold_s, monday.hold_s, when=at("2026-03-09"))
    table = log.week_against(plan, today="2026-03-11")
    assert table["Day"].tolist()[:3] == ["Monday 9 Mar", "Tuesday 10 Mar", "Wednesday 11 Mar"]
    tuesday = table.iloc[1]
    assert tuesday["Planned"] == "rest day" and tuesday["Share of the plan"] == "rest day"
    assert tuesday["Done"] == "nothing" and tuesday["Planned stretches done"] == "none planned"
    n = len(plan.days["Mon"])
    assert table.iloc[0]["Planned stretches done"] == f"1 of {n}"
    assert table.iloc[0]["Share of the plan"].endswith("%")
    assert not table.isin(["nan", "NaN"]).any().any() and not table.isna().any().any()
    friday = table.iloc[4]  # after today: not "nothing" yet
    assert friday["Done"] == friday["Share of the plan"] == "to come"
    assert table.iloc[2]["Done"] == "nothing" and table.iloc[2]["Share of the plan"] == "0%"
    # Times in words that fit, as everywhere else: "30 s", "9 min 50 s", never "9.8 min"
    for said in (table.iloc[0]["Done"], table.iloc[0]["Planned"]):
        assert re.fullmatch(r"(\d+ h ?)?(\d+ min ?)?(\d+ s)?", said) and said, said


def test_least_reached_in_a_sentence(catalog):
    grid = pd.DataFrame({"d": [0.0, 90.0, 30.0]}, index=["neck", "calves", "chest"])
    labels = catalog.vocabulary.labels["muscles"]
    assert least_reached(grid, labels, n=2) == (
        "Stretched least in the last four weeks: neck (not at all) and chest (30 s)."
    )


def test_a_date_shows_its_year_when_not_this_year():
    from datetime import date, datetime

    from handbook.progress.tables import when_text

    today = date(2026, 12, 7)
    assert when_text(datetime(2026, 12, 1, 18, 53), today) == "Tue 1 Dec 18:53"
    assert when_text(datetime(2099, 1, 1, 7, 0), today) == "Thu 1 Jan 2099 07:00"
    assert when_text(datetime(2025, 12, 31, 7, 0), today) == "Wed 31 Dec 2025 07:00"


def test_times_read_in_words_that_fit():
    assert duration_text(0) == "0 s" and duration_text(44.6) == "45 s"
    assert duration_text(60) == "1 min" and duration_text(250) == "4 min 10 s"
    assert duration_text(3900) == "1 h 5 min" and duration_text(3600) == "1 h"
    assert count_text(1) == "1 stretch, both sides" and count_text(2) == "2 stretches, both sides"
    assert count_text(3, 1) == "3 stretches, 1 on one side only"
    assert count_text(1, 1) == "1 stretch, one side only" and count_text(0) == "0 stretches"


def test_a_session_is_a_routine_held_through(log, catalog):
    start = at("2026-03-10", 18, 0)
    t = 0.0
    for sid, side, seconds in (
        ("kneeling-hip-flexor", "right", 50),
        ("kneeling-hip-flexor", "left", 50),
        ("standing-quad", "right", 50),
        ("standing-quad", "left", 50),
        ("neck-turn", None, 50),
    ):
        log.record(
            sid,
            50,
            seconds,
            side=side,
            routine="back-pain-basics",
            when=start + pd.Timedelta(seconds=t),
        )
        t += seconds + 15  # the switch or the rest between holds
    log.record(
        "crossover-hamstring",
        50,
        10,
        side="right",
        routine="back-pain-basics",
        when=start + pd.Timedelta(seconds=t),
    )
    log.record("neck-turn", 30, 30, when=at("2026-03-10", 21, 0))  # later, on its own
    table = session_table(log.sessions(), catalog, routine_names={"back-pain-basics": "Basics"})
    assert list(table.columns) == [
        "When",
        "Routine",
        "Stretches",
        "What was held",
        "Held",
        "Finished",
    ]
    assert table.to_dict("records") == [
        {
            "When": "Tue 10 Mar 21:00",
            "Routine": "on its own",
            "Stretches": "1 stretch, both sides",
            "What was held": "Neck turn, both sides",
            "Held": "30 s",
            "Finished": "yes",
        },
        {
            "When": "Tue 10 Mar 18:00",
            "Routine": "Basics",
            "Stretches": "4 stretches, 1 on one side only",
            "What was held": "Kneeling hip flexor stretch, both sides; Standing quad stretch, "
            "both sides; Neck turn, both sides; Crossover hamstring stretch, right side only",
            "Held": "4 min 20 s",
            "Finished": "1 stopped part-way",
        },
    ]
    assert len(session_table(log.sessions(), catalog, last=1)) == 1


def test_the_summary_counts_stretches_not_sides(log):
    day = at("2026-03-10", 7, 0)
    for n, side in enumerate(("right", "left")):
        log.record(
            "standing-quad", 30, 30, side=side, routine="r", when=day + pd.Timedelta(seconds=40 * n)
        )
    assert "1 stretch finished" in log.summary(today="2026-03-10")
    assert "30 s" not in log.summary(today="2026-03-10")  # the two sides: 1 min
    assert log.summary(today="2026-03-10").startswith("This week: 1 min on 1 day;")
