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
