"""The explorer: filters, matches and the open card."""

from __future__ import annotations

from handbook.widgets import Explorer


def test_changing_a_filter_keeps_the_open_card_and_its_timer(catalog):
    explorer = Explorer(catalog)
    explorer.matches.value = "wall-calf-stretch"
    card = explorer.card
    explorer.muscle.value = "calves"
    explorer.text.value = "wall"
    assert explorer.card is card and card.comm is not None
    explorer.close()


def test_dropdowns_show_any_until_chosen(catalog):
    explorer = Explorer(catalog)
    for dropdown in (explorer.muscle, explorer.position, explorer.equipment, explorer.level):
        assert dropdown.label == "Any" and dropdown.index == 0
    assert explorer.criteria() == {
        "muscle": None,
        "position": None,
        "equipment": None,
        "level": None,
        "text": None,
        "primary_only": False,
    }
    explorer.close()


def test_clear_filters(catalog):
    explorer = Explorer(catalog)
    assert explorer.clear_button.disabled
    explorer.muscle.value = "neck"
    explorer.level.value = "advanced"
    explorer.text.value = "strap"
    assert not explorer.clear_button.disabled
    explorer.clear_button.click()
    assert explorer.muscle.label == explorer.level.label == "Any" and explorer.text.value == ""
    assert len(explorer.matches.options) == len(catalog) and explorer.clear_button.disabled
    explorer.close()


def test_nothing_matches_says_what_to_loosen(catalog):
    explorer = Explorer(catalog)
    explorer.muscle.value = "neck"
    explorer.position.value = "supine"
    assert explorer.matches.options == () and explorer.card is None
    text = explorer.count.value
    assert text.startswith("<b>No stretch matches all of these.</b> Loosen a filter: ")
    assert f"without Position Lying on your back, {len(catalog.find(muscle='neck'))} would" in text
    assert f"without Muscle Neck, {len(catalog.find(position='supine'))} would" in text
    explorer.close()


def test_words_find_their_forms(catalog):
    explorer = Explorer(catalog)
    explorer.text.value = "hamstring"
    found = {sid for _, sid in explorer.matches.options}
    assert set(catalog.find(muscle="hamstrings").index) <= found
    explorer.text.value = "neck stretch"
    assert {sid for _, sid in explorer.matches.options} == set(catalog.find(text="neck").index)
    explorer.close()


def test_my_conditions_leave_out_what_they_rule_out_and_the_card_gives_the_advice(catalog):
    explorer = Explorer(catalog, timer=False)
    every = len(explorer.matches.options)
    explorer.matches.value = "seated-chair-twist"
    card = explorer.card
    assert "For your conditions" not in card.details.value
    explorer.conditions.value = ("osteoporosis",)
    shown = {sid for _, sid in explorer.matches.options}
    assert shown.isdisjoint(catalog.ruled_out(["osteoporosis"]))
    assert len(shown) == every - len(catalog.ruled_out(["osteoporosis"]))
    assert explorer.card is card  # still allowed: only changed, so it stays open
    assert "Osteoporosis: keep the turn small" in card.details.value
    explorer.conditions.value = ()
    assert "For your conditions" not in card.details.value
    explorer.close()


def test_a_stretch_a_condition_rules_out_is_closed_when_chosen(catalog):
    explorer = Explorer(catalog, timer=False)
    explorer.matches.value = "hip-and-lower-back-twist"
    explorer.conditions.value = ("hip-replacement",)
    assert explorer.card.stretch.id != "hip-and-lower-back-twist"
    explorer.close()


def test_my_conditions_are_not_a_filter_that_clear_resets(catalog):
    explorer = Explorer(catalog, timer=False)
    explorer.conditions.value = ("pregnancy",)
    assert explorer.clear_button.disabled  # nothing to clear: conditions are the reader's
    explorer.muscle.value = "neck"
    explorer.clear_button.click()
    assert explorer.conditions.value == ("pregnancy",)
    assert len(explorer.matches.options) == len(catalog) - len(catalog.ruled_out(["pregnancy"]))
    explorer.close()


def test_the_matches_read_in_the_order_of_their_names(catalog):
    explorer = Explorer(catalog, timer=False)
    try:
        names = [name for name, _ in explorer.matches.options]
        assert names == sorted(names, key=str.casefold) and len(names) == len(catalog)
        assert explorer.card is not None and explorer.card.stretch.name == names[0]
    finally:
        explorer.close()
