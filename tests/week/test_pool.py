"""Equipment means what people own: a chair is a support to hold, a doubled mat pads a knee."""

from __future__ import annotations

import pytest

import handbook
from handbook.catalog.vocabulary import parse_vocabulary
from handbook.errors import CatalogError
from handbook.paths import builtin_data_dir
from handbook.week.planner import plan_week
from handbook.week.pool import candidates, missing_equipment, owns, stand_ins
from handbook.week.settings import DAYS, PlanSettings


def settings(*equipment: str) -> PlanSettings:
    return PlanSettings(minutes=dict.fromkeys(DAYS, 10.0), equipment=equipment)


def test_the_vocabulary_says_what_stands_in_for_what(catalog):
    stands_in = catalog.vocabulary.stands_in
    assert stands_in["chair"]["support"] == "the back of a sturdy chair"
    assert stands_in["mat"]["cushion"] == "the mat folded double"
    assert "support" not in stands_in.get("mat", {})  # a mat is nothing to hold


def test_a_chair_is_a_support_and_a_mat_a_cushion(catalog):
    quad, kneeling = catalog["standing-quad"], catalog["kneeling-hip-flexor"]
    vocab = catalog.vocabulary
    kit = settings("mat", "chair")
    assert owns(quad, kit, vocab) and owns(kneeling, kit, vocab)
    assert stand_ins(quad, kit, vocab) == {"support": ("chair", "the back of a sturdy chair")}
    assert stand_ins(kneeling, kit, vocab) == {"cushion": ("mat", "the mat folded double")}
    assert missing_equipment(quad, settings("mat"), vocab) == ("support",)
    assert not owns(quad, settings("mat"), vocab)
    assert {quad.id, kneeling.id} <= {s.id for s in candidates(catalog, kit)}
    # what is owned itself needs no stand-in; any equipment allowed: nothing to replace
    assert stand_ins(quad, settings("support"), vocab) == {}
    assert stand_ins(quad, PlanSettings(minutes=dict.fromkeys(DAYS, 10.0)), vocab) == {}


def test_mat_and_chair_reach_the_quadriceps(catalog):
    """The issue's case: the planner said no stretch reaches the quadriceps and suggested a
    cushion to someone with a mat and a chair."""
    plan = plan_week(catalog, minutes=10, equipment=["mat", "chair"])
    check = plan.check()
    assert check.loc["quadriceps", "days"] >= 2, plan.notes()
    assert "quadriceps" not in plan.shortfall.index
    assert not [n for n in plan.notes() if "cushion" in n and "with a" in n]  # nothing to buy
    used = {s.id for d in DAYS for s in plan.holds(d)}
    assert used & {"standing-quad", "kneeling-hip-flexor"}
    (note,) = [n for n in plan.notes() if n.startswith("What you own stands in")]
    assert "the back of a sturdy chair" in note or "the mat folded double" in note


def test_advice_names_what_to_buy_only_when_nothing_owned_will_do(tmp_path):
    from tests.helpers import write_stretch

    base = {"primary": ["quadriceps"], "secondary": [], "sides": "both", "reps": 2}
    write_stretch(tmp_path, "held-quad", name="Held quad", equipment=["support"], **base)
    write_stretch(tmp_path, "strap-quad", name="Strap quad", equipment=["strap", "cushion"], **base)
    write_stretch(
        tmp_path, "neck-tilt", name="Neck tilt", equipment=["none"], **base | {"primary": ["neck"]}
    )
    cat = handbook.load_catalog(tmp_path)
    with_chair = plan_week(cat, minutes=5, focus=["quadriceps"], equipment=["chair"], warm_up=0)
    assert "quadriceps" not in with_chair.shortfall.index
    mat_only = plan_week(cat, minutes=5, focus=["quadriceps"], equipment=["mat"], warm_up=0)
    row = mat_only.check().loc["quadriceps"]
    assert row["cause"] == "equipment"
    # the strap quad needs a strap and a cushion: the mat does for the cushion, so only the
    # strap is to buy, against a support for the held quad: one item either way, and the
    # advice never names the cushion the mat replaces
    assert "cushion" not in row["advice"]
    assert "with a strap or towel" in row["advice"] or "with a support to hold" in row["advice"]


def test_the_chart_and_the_check_count_a_group_the_same_way(catalog):
    """A secondary target is no day of the check, so the chart does not shade it either."""
    plan = plan_week(catalog, minutes=10, equipment=["mat", "chair"])
    grid, check = plan.coverage(), plan.check()
    for muscle in check.index:
        assert (grid.loc[muscle] > 0).sum() == check.loc[muscle, "days"], muscle
        assert plan.reached[muscle] == tuple(d for d in DAYS if grid.loc[muscle, d] > 0)
    secondary_only = {
        (m, d)
        for d in DAYS
        for s in plan.holds(d)
        for m in s.secondary
        if all(m not in t.primary for t in plan.holds(d))
    }
    assert secondary_only  # the case exists in this plan, and is not shaded
    assert all(grid.loc[m, d] == 0 for m, d in secondary_only)


@pytest.mark.parametrize(
    ("entry", "field", "says"),
    [
        ('{ label = "Chair", stands_in_for = ["support"] }', "equipment.chair.stands_in_for",
         "must be a table"),
        ('{ label = "Chair", stands_in_for = { suport = "hold it" } }',
         "equipment.chair.stands_in_for.suport", "'suport' is not other equipment"),
        ('{ label = "Chair", stands_in_for = { support = "" } }',
         "equipment.chair.stands_in_for.support", "needs a text saying how"),
        ('{ label = "Chair", stands_in_for = { chair = "itself" } }',
         "equipment.chair.stands_in_for.chair", "is not other equipment"),
    ],
)  # fmt: skip
def test_a_wrong_stand_in_is_reported_with_its_field(tmp_path, entry, field, says):
    text = (builtin_data_dir() / "vocabulary.toml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith('"chair" = '))
    path = tmp_path / "vocabulary.toml"
    path.write_text(text.replace(line, f'"chair" = {entry}'), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        parse_vocabulary(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path) and problem.field == field and says in problem.message
