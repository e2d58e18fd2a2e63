"""Saved plans: a round trip, atomic saves, and clear errors that leave broken files alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import MappingProxyType

import pytest
import tomli
import tomli_w
from hypothesis import given

from handbook.catalog.loader import Catalog
from handbook.catalog.vocabulary import Vocabulary
from handbook.errors import PlanError
from handbook.week.model import load_plan
from handbook.week.planfile import SCHEMA, plan_document
from handbook.week.planner import plan_week
from tests.helpers import READER_SETTINGS, builtin_catalog, damaged, hold_to_its_error


@pytest.fixture
def plan(catalog):
    return plan_week(
        catalog,
        minutes={"Mon": 10, "Wed": 12, "Sat": 20},
        focus=["lower back"],
        equipment=["mat", "chair", "wall"],
        seed=3,
    )


@pytest.fixture
def saved(plan, tmp_path):
    return plan.save(tmp_path / "week.toml")


def test_round_trip(catalog, plan, saved):
    again = load_plan(saved, catalog=catalog)
    assert again.settings == plan.settings
    assert again.table().equals(plan.table())
    assert again.check().equals(plan.check())
    assert tomli.loads(saved.read_text())["schema"] == SCHEMA


def test_conditions_are_saved_and_read_back(catalog, tmp_path):
    plan = plan_week(catalog, minutes=10, conditions=["knee-problems", "osteoporosis"])
    path = plan.save(tmp_path / "week.toml")
    assert tomli.loads(path.read_text())["settings"]["conditions"] == [
        "osteoporosis",
        "knee-problems",
    ]
    again = load_plan(path, catalog=catalog)
    assert again.settings.conditions == ("osteoporosis", "knee-problems")
    assert again.settings == plan.settings


def test_load_with_the_builtin_catalogue_by_default(saved):
    assert len(load_plan(saved).table()) > 0


def test_a_crash_mid_save_leaves_the_old_file(plan, saved, monkeypatch):
    before = saved.read_bytes()

    def crash(*_args):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        plan.with_day("Mon", None).save(saved, overwrite=True)
    assert saved.read_bytes() == before and os.listdir(saved.parent) == ["week.toml"]


def untouched(path, expected_error: str):
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(PlanError, match=expected_error) as info:
        load_plan(path, catalog=builtin_catalog())
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    return info.value


def test_truncated_file(saved):
    saved.write_bytes(saved.read_bytes()[: len(saved.read_bytes()) // 2])
    untouched(saved, "not a readable plan file")


def test_corrupted_bytes(saved):
    saved.write_bytes(b"\x00\xff" + saved.read_bytes())
    untouched(saved, "not UTF-8")


def test_not_a_plan(tmp_path):
    path = tmp_path / "routine.toml"
    path.write_text('name = "x"\n')
    untouched(path, "has no plan schema version")


def test_plan_from_a_newer_handbook(saved):
    doc = tomli.loads(saved.read_text())
    doc["schema"] = SCHEMA + 1
    saved.write_text(tomli_w.dumps(doc))
    untouched(saved, f"version {SCHEMA + 1} was written by a newer handbook")


def test_hand_broken_fields(saved):
    doc = tomli.loads(saved.read_text())
    doc["settings"]["minutes"]["Mon"] = -3
    doc["settings"]["level"] = "expert"
    first_day = next(iter(doc["days"]))
    items = doc["days"][first_day]["items"]
    held = next(
        n for n, item in enumerate(items) if not builtin_catalog()[item["stretch"]].is_movement
    )
    items[held]["reps"] = 0
    items[0]["reps"] = 101  # the warm-up's first movement
    saved.write_text(tomli_w.dumps(doc))
    error = untouched(saved, "settings.minutes.Mon")
    text = str(error)
    assert "settings.level: 'expert' is not a level" in text
    assert f"days.{first_day}.items[{held + 1}].reps: must be at least 1" in text
    assert f"days.{first_day}.items[1].reps: must be from 1 to 100 for a movement" in text


def test_a_level_only_a_catalogues_own_vocabulary_has_is_named_plainly(catalog, saved):
    vocab = catalog.vocabulary
    levels = MappingProxyType({**vocab.labels["levels"], "expert": "Expert"})
    labels = MappingProxyType({**vocab.labels, "levels": levels})
    own = Catalog(list(catalog), Vocabulary(labels, vocab.regions))
    doc = tomli.loads(saved.read_text())
    doc["settings"]["level"] = "expert"
    saved.write_text(tomli_w.dumps(doc))
    with pytest.raises(PlanError) as info:
        load_plan(saved, catalog=own)
    assert "settings.level: 'expert' is not a level the planner knows; choose from beginner" in (
        str(info.value)
    )


def test_stretches_gone_from_the_catalogue_are_listed(saved):
    doc = tomli.loads(saved.read_text())
    days = list(doc["days"])
    doc["days"][days[0]]["items"][0]["stretch"] = "retired-stretch"
    doc["days"][days[1]]["items"][1]["stretch"] = "another-old-one"
    saved.write_text(tomli_w.dumps(doc))
    error = untouched(saved, "retired-stretch")
    assert error.missing == ["retired-stretch", "another-old-one"]


def test_missing_file(tmp_path):
    with pytest.raises(PlanError, match="does not exist"):
        load_plan(tmp_path / "none.toml")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"schema": 0}, "must be a version number from 1"),
        ({"settings.older_adult": "false"}, "older_adult: must be true or false"),
        (
            {"settings.focus": ["lower bak"]},
            "'lower bak' is not a muscle; did you mean 'lower back'",
        ),
        ({"settings.equipment": ["towel"]}, "'towel' is not an equipment"),
        (
            {"settings.conditions": ["osteoporsis"]},
            "settings.conditions: 'osteoporsis' is not a condition; did you mean 'osteoporosis'",
        ),
        ({"settings.conditions": "pregnancy"}, "settings.conditions: must be a list of texts"),
    ],
)
def test_settings_are_checked(saved, change, expected):
    doc = tomli.loads(saved.read_text())
    ((key, value),) = change.items()
    if key.startswith("settings."):
        doc["settings"][key.split(".", 1)[1]] = value
    else:
        doc[key] = value
    saved.write_text(tomli_w.dumps(doc))
    untouched(saved, expected)


def test_an_empty_plan_file_says_what_it_is(tmp_path):
    path = tmp_path / "week.toml"
    path.write_text("")
    error = untouched(path, "the file is empty; save a plan")
    assert "a stretch needs" not in str(error)


def test_the_warm_up_setting_is_kept_and_old_plans_had_none(catalog, plan, saved):
    assert plan.settings.warm_up is True
    doc = tomli.loads(saved.read_text())
    assert doc["settings"]["warm_up"] is True
    again = load_plan(saved, catalog=catalog)
    assert again.settings.warm_up and again.days["Mon"].warm_up_items > 0
    del doc["settings"]["warm_up"]
    saved.write_text(tomli_w.dumps(doc))
    assert load_plan(saved, catalog=catalog).settings.warm_up is False
    doc["settings"]["warm_up"] = "yes"
    saved.write_text(tomli_w.dumps(doc))
    assert "settings.warm_up: must be true or false, got 'yes'" in str(untouched(saved, "yes"))


# A plan knows its days, bounds its days, and fights off hostile files -----------------------
def _cut_before(saved, line_start: str) -> None:
    text = saved.read_text()
    saved.write_text(text[: text.index(line_start)])


def test_the_file_lists_its_planned_days(plan, saved):
    assert tomli.loads(saved.read_text())["planned"] == [d for d, r in plan.days.items() if r]


@pytest.mark.parametrize("day", ["Mon", "Wed", "Sat"])
def test_a_file_cut_off_at_a_days_table_is_refused(saved, day):
    _cut_before(saved, f"[days.{day}]")
    error = untouched(saved, rf"days\.{day}: is missing, though planned lists it")
    assert "the file may be cut short" in str(error)


def test_a_file_cut_off_before_the_minutes_is_refused(saved):
    _cut_before(saved, "[settings.minutes]")
    untouched(saved, r"settings\.minutes: is missing; the file may be cut short")


def test_a_day_not_in_planned_is_refused(saved):
    doc = tomli.loads(saved.read_text())
    doc["planned"].remove("Mon")
    saved.write_text(tomli_w.dumps(doc))
    untouched(saved, r"days\.Mon: is not in planned")


def test_a_version_1_file_without_planned_still_loads(catalog, plan, saved):
    doc = tomli.loads(saved.read_text())
    doc["schema"] = 1
    del doc["planned"]
    saved.write_text(tomli_w.dumps(doc))
    assert load_plan(saved, catalog=catalog).table().equals(plan.table())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda day: day["items"][-1].update(reps=2**63 - 1),  # a held stretch: the last
            r"items\[\d+\]\.reps: must be at most 50",
        ),
        (
            lambda day: day.update(items=[{"stretch": "cat-cow", "reps": 2**63 - 1}]),
            r"items\[1\]\.reps: must be from 1 to 100 for a movement",  # a movement's own bound
        ),
        (
            lambda day: day["items"][-1].update(hold={"seconds": 1e-300}),
            r"items\[\d+\]\.hold\.seconds: must be at least 1 second",
        ),
        (lambda day: day.update(rest=1e300), r"rest: must be seconds from 0 to 600"),
        (
            lambda day: day.update(
                items=[{"stretch": "neck-turn", "reps": 50, "hold": {"seconds": 600}}] * 3
            ),
            "items: the day lasts about 50.6 hours; the longest is 4 hours",
        ),
    ],
)
def test_a_day_past_the_bounds_is_refused(saved, change, expected):
    doc = tomli.loads(saved.read_text())
    change(doc["days"]["Mon"])
    saved.write_text(tomli_w.dumps(doc))
    untouched(saved, rf"days\.Mon\.{expected}")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (os.mkfifo, r"is a named pipe \(FIFO\), not a file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),
    ],
)
def test_a_plan_that_is_not_a_file_is_a_plan_error(tmp_path, make, expected):
    path = tmp_path / "week.toml"
    make(path)
    with pytest.raises(PlanError, match=expected):
        load_plan(path, catalog=builtin_catalog())


def test_deep_nesting_is_a_plan_error(saved):
    saved.write_text(saved.read_text() + "\nextra = " + "[" * 1000 + "]" * 1000 + "\n")
    untouched(saved, "nests tables or lists too deeply")


VALID_PLAN = tomli_w.dumps(
    plan_document(plan_week(builtin_catalog(), minutes={"Mon": 10, "Thu": 5}))
).encode()


@READER_SETTINGS
@given(data=damaged(VALID_PLAN))
def test_damaged_plan_files_load_or_get_a_plan_error(catalog, data):
    with tempfile.TemporaryDirectory() as folder:
        hold_to_its_error(
            lambda p: load_plan(p, catalog=catalog).summary(),
            Path(folder) / "damaged.toml",
            data,
            PlanError,
        )


# Saves never replace another's plan; what is ambiguous is refused (issue 24) ---------------


def test_a_save_never_replaces_another_plan(plan, saved, catalog):
    from handbook.week.planfile import PlanExistsError

    before = saved.read_bytes()
    plan.save(saved)  # the same plan again: nothing to lose
    other = plan_week(catalog, minutes=5)
    with pytest.raises(PlanExistsError, match="holds another plan"):
        other.save(saved)
    assert saved.read_bytes() == before
    other.save(saved, overwrite=True)
    assert load_plan(saved, catalog).settings.minutes["Tue"] == 5


def _with_text(path, text):
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    "change, places",
    [
        (
            lambda t: (
                t.replace("[days.Mon]", "[days.monday]", 1)
                + t[t.index("[days.Mon]") : t.index("[days.Wed]")]
            ),
            ("days.monday", "days.Mon"),
        ),
        (lambda t: t.replace("Mon = 10", "Mon = 10\nmonday = 5", 1), ("settings.minutes.monday",)),
        (
            lambda t: t.replace('    "Mon",\n', '    "Mon",\n    "MON",\n', 1),
            ("planned[2] ('MON')",),
        ),
    ],
    ids=["a day twice", "minutes twice", "planned twice"],
)
def test_a_day_given_twice_by_any_spelling_is_refused(saved, change, places):
    text = change(saved.read_text())
    _with_text(saved, text)
    message = str(untouched(saved, "a second time"))
    assert all(place in message for place in places), message
