"""The log read for people: local times to the minute, names, words where numbers are missing."""

from __future__ import annotations

import pandas as pd

from handbook.progress.tables import least_reached, routine_text, sessions_table
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
    assert list(table.columns) == ["When", "Stretch", "Side", "Minutes", "Finished", "Routine"]
    assert table.to_dict("records") == [
        {
            "When": "Tue 10 Mar 19:00",
            "Stretch": "Standing quad stretch",
            "Side": "right",
            "Minutes": "0.8",
            "Finished": "yes",
            "Routine": "Back-care routine",
        },
        {
            "When": "Tue 10 Mar 18:53",
            "Stretch": "Kneeling hip flexor stretch",
            "Side": "left",
            "Minutes": "0.2",
            "Finished": "stopped part-way",
            "Routine": "Monday plan",
        },
        {
            "When": "Mon 9 Mar 07:05",
            "Stretch": "Neck turn",
            "Side": "both sides",
            "Minutes": "0.5",
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
        "This week: 2.2 minutes on 3 days; 3 stretches finished and 1 stopped part-way; "
        "a streak of 2 days in a row."
    )
    for day in range(12, 20):
        log.record("a", 60, 60, when=at(f"2026-03-{day}"))
    assert log.summary(today="2026-03-15") == (
        "This week: 6.2 minutes on 7 days; 7 stretches finished and 1 stopped part-way; "
        "a streak of 4 days in a row."
    )
    assert log.summary(today="2026-03-19").startswith(
        "This week: 4 minutes on 4 days; 4 stretches finished; a streak of 8"
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


def test_least_reached_in_a_sentence(catalog):
    grid = pd.DataFrame({"d": [0.0, 90.0, 30.0]}, index=["neck", "calves", "chest"])
    labels = catalog.vocabulary.labels["muscles"]
    assert least_reached(grid, labels, n=2) == (
        "Stretched least in the last four weeks: neck (not at all) and chest (0.5 min)."
    )


def test_a_date_shows_its_year_when_not_this_year():
    from datetime import date, datetime

    from handbook.progress.tables import when_text

    today = date(2026, 12, 7)
    assert when_text(datetime(2026, 12, 1, 18, 53), today) == "Tue 1 Dec 18:53"
    assert when_text(datetime(2099, 1, 1, 7, 0), today) == "Thu 1 Jan 2099 07:00"
    assert when_text(datetime(2025, 12, 31, 7, 0), today) == "Wed 31 Dec 2025 07:00"
