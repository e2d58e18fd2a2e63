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
    assert "osteoporosis" not in explorer.count.value and "match" in explorer.count.value
    assert explorer.card is card  # still allowed: only changed, so it stays open
    assert "For your conditions" in card.details.value
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
