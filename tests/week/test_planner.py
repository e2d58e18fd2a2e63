"""The weekly planner: fits the minutes, spreads the groups, checks the guidelines honestly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handbook
from handbook.week import guidelines
from handbook.week.planner import plan_week
from handbook.week.settings import DAYS
from tests.helpers import write_stretch


def test_ten_minutes_a_day_meets_the_guidelines(catalog):
    plan = plan_week(catalog, minutes=10, focus=["lower back"])
    check = plan.check()
    assert (check["days"] >= check["target_days"]).all(), check[["days", "target_days"]]
    assert check.loc["lower back", "target_days"] == 3
    assert set(guidelines.MAJOR_GROUPS) <= set(check.index)
    assert plan.notes()[0].startswith("Every major muscle group is stretched")
    assert (check["status"] == "on track").all(), check["advice"].tolist()


def test_short_minutes_say_so_and_by_how_much(catalog):
    plan = plan_week(catalog, minutes=3)
    short = plan.shortfall
    assert not short.empty and (short["missing_days"] > 0).all()
    assert set(short["cause"]) == {"minutes"}
    note = plan.notes()[0]
    assert note.startswith("The minutes on your days are too few for ")
    more = plan_week(catalog, minutes={d: 3 + plan.extra_minutes.get(d, 0) for d in DAYS})
    assert more.shortfall.empty


def test_same_inputs_same_plan_and_seed_varies_it(catalog):
    a = plan_week(catalog, minutes=12, focus=["hamstrings"], seed=1)
    b = plan_week(catalog, minutes=12, focus=["hamstrings"], seed=1)
    assert a.table().equals(b.table())
    others = [plan_week(catalog, minutes=12, focus=["hamstrings"], seed=s).table()
              for s in range(2, 6)]
    assert any(not o.equals(a.table()) for o in others)


def test_rest_days_and_day_names(catalog):
    plan = plan_week(catalog, minutes={"monday": 10, "Wed": 10, "fr": 10})
    assert [d for d in DAYS if plan.days[d] is not None] == ["Mon", "Wed", "Fri"]
    with pytest.raises(ValueError, match="not a day of the week"):
        plan_week(catalog, minutes={"Funday": 10})


def test_level_and_equipment_are_respected(catalog):
    plan = plan_week(catalog, minutes=15, level="beginner", equipment=["mat"])
    table = plan.table()
    for sid in table["stretch"]:
        assert catalog[sid].level == "beginner" and set(catalog[sid].equipment) <= {"mat"}


def test_focus_groups_get_three_days(catalog):
    plan = plan_week(catalog, minutes=10, focus=["neck", "calves"])
    check = plan.check()
    assert (check.loc[["neck", "calves"], "days"] >= 3).all()


def test_older_adults_hold_longer(catalog):
    plan = plan_week(catalog, minutes=20, older_adult=True)
    assert plan.table()["hold_s"].between(30, 60).all()
    check = plan.check()
    assert "Holds as short" not in " ".join(check["advice"])


def test_older_adult_minutes_note(catalog):
    plan = plan_week(catalog, minutes={"Mon": 6, "Thu": 6}, older_adult=True)
    assert any("at least 10 minutes on at least 2 days" in n for n in plan.notes())


def test_holds_follow_the_guidelines(catalog):
    table = plan_week(catalog, minutes=10).table()
    assert table["hold_s"].between(10, 30).all()
    per_side = table["hold_s"] * table["reps"]
    assert per_side.between(*guidelines.ABOUT_SESSION_S).all()


def test_bad_input(catalog):
    with pytest.raises(ValueError, match="did you mean 'hamstrings'"):
        plan_week(catalog, focus=["hamstring"])
    with pytest.raises(ValueError, match="minutes for Mon must be from 0 to 240"):
        plan_week(catalog, minutes={"Mon": -5})
    with pytest.raises(ValueError, match="not a level"):
        plan_week(catalog, level="expert")


def test_nothing_suits_the_equipment(tmp_path):
    write_stretch(tmp_path, "wall-only", equipment=["wall"])
    with pytest.raises(ValueError, match="no stretch in the catalogue suits level 'beginner' "
                                         "with equipment \\['mat'\\]; allow more equipment"):
        plan_week(handbook.load_catalog(tmp_path), equipment=["mat"])


def test_check_gives_advice_for_an_edited_day(catalog):
    plan = plan_week(catalog, minutes=10)
    lazy = plan
    for day in DAYS:
        lazy = lazy.with_day(day, None)
    check = lazy.check()
    assert (check["days"] == 0).all() and (check["status"] == "too few days").all()
    assert (check["cause"] == "room").all()
    assert "have room: add " in check.loc["hamstrings", "advice"]


def test_coverage_grid(catalog):
    plan = plan_week(catalog, minutes=10)
    grid = plan.coverage()
    assert list(grid.columns) == list(DAYS) and list(grid.index) == list(
        catalog.vocabulary.keys("muscles"))
    assert (grid >= 0).all().all() and grid.to_numpy().sum() > 0


@settings(deadline=None, max_examples=40)
@given(minutes=st.dictionaries(st.sampled_from(DAYS), st.integers(0, 40)),
       focus=st.lists(st.sampled_from(guidelines.MAJOR_GROUPS), max_size=3, unique=True),
       older=st.booleans(), seed=st.integers(0, 1000))
def test_a_plan_never_exceeds_a_day_and_the_check_agrees(catalog, minutes, focus, older, seed):
    plan = plan_week(catalog, minutes=minutes, focus=focus, older_adult=older, seed=seed)
    per_day = plan.minutes_per_day()
    assert (per_day["planned"] <= per_day["available"] + 1e-9).all()
    table = plan.table()
    check = plan.check()
    for muscle, row in check.iterrows():
        days = {r.day for r in table.itertuples() if muscle in catalog[r.stretch].primary}
        assert row["days"] == len(days)
    short = set(plan.shortfall.index)
    assert short == set(check.index[check["days"] < check["target_days"]])


def test_summary_lists_each_day(catalog):
    plan = plan_week(catalog, minutes={"Mon": 10, "Tue": 0})
    summary = plan.summary()
    assert list(summary.index) == list(DAYS)
    assert summary.loc["Tue", "stretches"] == "Rest day"
    assert summary.loc["Mon", "stretches"].split("; ")[0] == plan.days["Mon"].stretches[0].name
    assert summary.loc["Mon", "planned"] <= summary.loc["Mon", "available"] == 10


@settings(deadline=None, max_examples=60)
@given(hold=st.floats(1, 120), reps=st.integers(1, 6), sides=st.sampled_from(["each", "both"]))
def test_item_seconds_agrees_with_the_timer(hold, reps, sides):
    from handbook.timing.timeline import TimedItem, build_phases, item_seconds

    phases = build_phases([TimedItem("x", "X", hold, sides, reps)], get_ready=0)
    assert item_seconds(hold, reps, sides) == pytest.approx(phases[-1].end)
