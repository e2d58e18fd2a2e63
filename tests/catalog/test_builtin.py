"""The built-in catalogue: complete, every field filled with care, every group reached."""

from __future__ import annotations

import pytest

from tests.helpers import builtin_catalog

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
FOUNDING = ["kneeling-hip-flexor", "crossover-hamstring", "standing-quad",
            "hip-and-lower-back-twist"]
MAJOR_GROUPS = ["neck", "traps", "shoulders", "chest", "middle back", "lats", "lower back",
                "abdominals", "hip flexors", "glutes", "adductors", "abductors", "quadriceps",
                "hamstrings", "calves", "forearms", "triceps"]


def test_at_least_24_stretches(catalog):
    assert len(catalog) >= 24


def test_the_founding_four_hold_five_breaths(catalog):
    for sid in FOUNDING:
        stretch = catalog[sid]
        assert stretch.hold_breaths == 5 and stretch.hold_s == 50
        assert stretch.sides == "each" and "founding-four" in stretch.tags


def test_founding_four_targets(catalog):
    assert "hip flexors" in catalog["kneeling-hip-flexor"].primary
    assert "hamstrings" in catalog["crossover-hamstring"].primary
    assert "quadriceps" in catalog["standing-quad"].primary
    twist = catalog["hip-and-lower-back-twist"]
    assert {"glutes", "lower back"} <= set(twist.muscles) and twist.position == "seated-floor"
    assert "support" in catalog["standing-quad"].equipment


@pytest.mark.parametrize("group", MAJOR_GROUPS)
def test_every_major_group_is_a_primary_target(catalog, group):
    assert not catalog.find(muscle=group, primary_only=True).empty


def test_every_position_is_used(catalog):
    assert set(catalog.stretches["position"]) == set(catalog.vocabulary.keys("positions"))


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_every_field_is_filled(stretch):
    assert stretch.summary and stretch.source
    assert len(stretch.steps) >= 3 and stretch.cues and stretch.mistakes and stretch.cautions
    for text in (stretch.name, stretch.summary, *stretch.steps, *stretch.cues,
                 *stretch.mistakes, *stretch.cautions):
        assert text[0].isupper() or text[0].isdigit(), text
    for text in (stretch.summary, *stretch.steps, *stretch.cues, *stretch.mistakes,
                 *stretch.cautions):
        assert text.endswith((".", "!", "?", ")")), text


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_hold_is_within_the_guidelines(stretch):
    assert 5 <= stretch.hold_s <= 120
    assert 1 <= stretch.reps <= 10


GUIDELINE_S = 50  # about 60 s a stretch (a side) a session (ACSM), five deep breaths at least


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_a_hold_short_of_the_guideline_says_why(stretch):
    if stretch.hold_s * stretch.reps < GUIDELINE_S:
        assert "Hold:" in stretch.source and "short of the 60 s guideline" in stretch.source


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_sources_are_named(stretch):
    assert "commonly recommended" not in stretch.source.lower()
    if "founding-four" in stretch.tags:
        assert '"Best Stretches to Reduce Back Pain"' in stretch.source
