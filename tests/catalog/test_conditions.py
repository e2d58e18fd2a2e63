"""Conditions as data: the file format, find(safe_for=...), alternatives, the cautions' prose."""

from __future__ import annotations

import re

import pytest

from handbook import CatalogError, load_catalog
from handbook.catalog.conditions import advice_text
from tests.helpers import builtin_catalog, write_stretch

CAT = builtin_catalog()
CONDITIONS = CAT.vocabulary.keys("conditions")

# How the cautions' prose names each condition; a caution that says it needs the data.
MENTIONS = {
    "osteoporosis": r"osteoporosis",
    "hip-replacement": r"hip replacement",
    "knee-problems": r"knee problems|sore knee",
    "pregnancy": r"pregnan",
    "shoulder-problems": r"shoulder\b[^.:;]{0,25}\b(pain|instability|problems|injury)|dislocation",
    "high-blood-pressure-or-glaucoma": r"blood pressure|glaucoma",
    "recent-injury-or-surgery": r"recent\b[^.:;]{0,40}\b(injury|surgery|fracture|strain)",
}
# GUIDANCE section 6: what each of these conditions rules out, by stretch.
RULED_OUT = {
    "osteoporosis": {
        "single-knee-to-chest",
        "double-knee-hug",
        "crossover-hamstring",
        "seated-forward-fold",
        "hip-and-lower-back-twist",
        "childs-pose",
    },
    "hip-replacement": {
        "figure-four-stretch",
        "seated-figure-four",
        "hip-and-lower-back-twist",
        "crossover-hamstring",
        "standing-crossover-side-lean",
        "supine-outer-hip-strap",
        "pigeon-stretch",
        "single-knee-to-chest",
        "double-knee-hug",
        "childs-pose",
        "downward-dog",
    },
}


def problems(folder, **fields) -> list[str]:
    write_stretch(folder, "test-calf", **fields)
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    return [str(p) for p in info.value.problems]


def test_the_vocabulary_names_the_seven_conditions():
    assert set(CONDITIONS) == set(MENTIONS)
    assert CAT.label("conditions", "hip-replacement") == "Hip replacement"


def test_conditions_are_read_in_vocabulary_order(tmp_path):
    write_stretch(tmp_path, "test-other", conditions={})
    write_stretch(
        tmp_path,
        "test-calf",
        conditions={
            "pregnancy": {"advice": "modify", "how": "Keep it short."},
            "osteoporosis": {"advice": "skip", "instead": "test-other"},
        },
    )
    stretch = load_catalog(tmp_path)["test-calf"]
    assert [c.condition for c in stretch.conditions] == ["osteoporosis", "pregnancy"]
    assert stretch.advice_for("osteoporosis").skip and stretch.skipped_for(["osteoporosis"])
    assert stretch.advice_for("pregnancy").how == "Keep it short."
    assert stretch.advice_for("knee-problems") is None


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            {"osteoporsis": {"advice": "skip"}},
            "conditions.osteoporsis: 'osteoporsis' is not a condition; "
            "did you mean 'osteoporosis'?",
        ),
        ({"pregnancy": "skip"}, "conditions.pregnancy: must be a table such as"),
        (
            {"pregnancy": {"advice": "avoid"}},
            "conditions.pregnancy.advice: must be 'skip' or 'modify', got 'avoid'",
        ),
        (
            {"pregnancy": {"advice": "modify"}},
            "conditions.pregnancy.how: is needed with advice = 'modify'",
        ),
        (
            {"pregnancy": {"advice": "skip", "insted": "x"}},
            "conditions.pregnancy.insted: is not a setting of a condition; did you mean 'instead'?",
        ),
        (
            {"pregnancy": {"advice": "skip", "instead": "test-calff"}},
            "conditions.pregnancy.instead: 'test-calff' is not a stretch of this catalogue",
        ),
        (
            {"pregnancy": {"advice": "skip", "instead": "test-calf"}},
            "conditions.pregnancy.instead: names the stretch itself",
        ),
    ],
)
def test_a_bad_condition_is_named_with_the_fix(tmp_path, table, expected):
    found = problems(tmp_path, conditions=table)
    assert any("test-calf.toml" in p and expected in p for p in found), found


def test_an_alternative_must_be_allowed_for_the_same_condition(tmp_path):
    write_stretch(tmp_path, "test-other", conditions={"pregnancy": {"advice": "skip"}})
    found = problems(
        tmp_path, conditions={"pregnancy": {"advice": "skip", "instead": "test-other"}}
    )
    assert any("'test-other' is itself to be skipped with pregnancy" in p for p in found)


def test_a_users_stretch_may_name_a_builtin_alternative(tmp_path):
    write_stretch(
        tmp_path,
        "test-calf",
        conditions={"knee-problems": {"advice": "skip", "instead": "wall-calf-stretch"}},
    )
    cat = load_catalog(tmp_path, builtin=True)
    assert cat.alternative("test-calf", ["knee-problems"]) == "wall-calf-stretch"


def test_find_safe_for_leaves_out_what_a_condition_rules_out(catalog):
    safe = catalog.find(safe_for=["osteoporosis"])
    assert RULED_OUT["osteoporosis"].isdisjoint(safe.index)
    assert "seated-chair-twist" in safe.index  # modified, not ruled out
    both = catalog.find(safe_for=["Osteoporosis", "hip replacement"], position="supine")
    assert set(both.index).isdisjoint(RULED_OUT["osteoporosis"] | RULED_OUT["hip-replacement"])
    assert len(both) and set(both["position"]) == {"supine"}
    assert len(catalog.find(safe_for=[])) == len(catalog)


def test_an_unknown_condition_gets_a_suggestion(catalog):
    with pytest.raises(ValueError, match="'knee problem' is not a condition; did you mean"):
        catalog.find(safe_for=["knee problem"])


@pytest.mark.parametrize("condition", sorted(RULED_OUT))
def test_guidance_section_6_rules_these_out(catalog, condition):
    assert RULED_OUT[condition] <= set(catalog.ruled_out([condition]))


def test_the_twists_alternative_is_data(catalog):
    assert catalog.alternative("hip-and-lower-back-twist", ["osteoporosis"]) == "seated-chair-twist"
    assert catalog.alternative("kneeling-hip-flexor", ["knee-problems"]) is None  # modify only
    entry = catalog["hip-and-lower-back-twist"].advice_for("osteoporosis")
    text = advice_text(entry, catalog.vocabulary, lambda sid: catalog[sid].name)
    assert text.startswith("Osteoporosis: skip this stretch")
    assert text.endswith("or do the seated chair twist instead.")


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_every_caution_naming_a_condition_has_it_in_the_data(stretch):
    for caution in stretch.cautions:
        for condition, pattern in MENTIONS.items():
            if re.search(pattern, caution, re.IGNORECASE):
                assert stretch.advice_for(condition) is not None, (condition, caution)


@pytest.mark.parametrize("stretch", [s for s in CAT if s.conditions], ids=lambda s: s.id)
def test_every_condition_in_the_data_has_a_caution_in_words(stretch):
    prose = " ".join(stretch.cautions)
    for entry in stretch.conditions:
        if entry.from_rules and CAT.vocabulary.rule(entry.condition).for_every_stretch:
            continue  # the vocabulary's words for every stretch (recent injury: ask first)
        assert re.search(MENTIONS[entry.condition], prose, re.IGNORECASE), entry
