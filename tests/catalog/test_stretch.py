"""The Stretch model: holds in seconds and breaths, and steps that state the hold it has."""

from __future__ import annotations

import pytest

from handbook.catalog.stretch import HOLD_PHRASE, restate_hold


@pytest.mark.parametrize(("step", "said"), [
    ("Stay there for five deep, slow breaths, then ease back.",
     "Stay there for 120 s, then ease back."),
    ("Hold for about 30 seconds, breathing freely.", "Hold for 120 s, breathing freely."),
    ("Go only as far as is comfortable, and stay for one deep breath, about 10 seconds.",
     "Go only as far as is comfortable, and stay for 120 s."),
    ("Stay there for one deep breath, up to about 10 seconds.", "Stay there for 120 s."),
    ("Keep your chest up and hold for 45 seconds, then swap.",
     "Keep your chest up and hold for 120 s, then swap."),
])
def test_a_step_that_states_the_hold_states_the_new_one(step, said):
    assert restate_hold((step,), "120 s") == (said,)


def test_steps_without_a_hold_stay_as_they_are():
    steps = ("Breathe out and fold forward from the hips.", "Rest for a few breaths.")
    assert restate_hold(steps, "120 s") == steps


def test_a_new_hold_reaches_the_steps(catalog):
    kneeling = catalog["kneeling-hip-flexor"]
    assert any("five deep" in step for step in kneeling.steps)
    longer = kneeling.with_hold(seconds=120)
    assert not any("breaths" in step for step in longer.steps)
    assert any("for 120 s" in step for step in longer.steps)
    assert longer.hold_text == "120 s"
    assert kneeling.with_hold(breaths=8).hold_text == "8 deep breaths (about 80 s)"


def test_every_builtin_stretch_with_a_timed_step_follows_a_new_hold(catalog):
    for stretch in catalog:
        if stretch.is_movement:  # a movement keeps its pace: seconds become reps
            assert stretch.with_hold(seconds=77).reps == max(1, round(77 / stretch.rep_s))
            continue
        longer = stretch.with_hold(seconds=77)
        for step in longer.steps:
            found = HOLD_PHRASE.search(step)
            assert found is None or found.group().endswith("for 77 s"), (stretch.id, step)
