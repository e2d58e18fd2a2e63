"""Explorer: filter the catalogue, pick a stretch from the matches, see its card."""

from __future__ import annotations

import ipywidgets as widgets

from ..catalog.loader import Catalog
from .card import StretchCard
from .style import close_all, conditions_choice, stylesheet, vocabulary_choice


class Explorer(widgets.VBox):
    """Filters (muscle, position, equipment, level, words, my conditions), the matches, and
    the chosen card, with the advice for the conditions chosen."""

    def __init__(self, catalog: Catalog, **card_options):
        self.catalog = catalog
        self._card_options = card_options
        vocab = catalog.vocabulary
        wide = {"description_width": "80px"}

        self.muscle = vocabulary_choice(vocab, "muscles", "Muscle")
        self.position = vocabulary_choice(vocab, "positions", "Position")
        self.equipment = vocabulary_choice(vocab, "equipment", "Uses")
        self.level = vocabulary_choice(vocab, "levels", "Level")
        self.text = widgets.Text(placeholder="a word, e.g. desk or strap",
                                 description="Words", style=wide)
        self.primary_only = widgets.Checkbox(value=False, description="Main target only",
                                             indent=False)
        self.conditions = conditions_choice(vocab)
        self.count = widgets.HTML().add_class("hb-count")
        self.matches = widgets.Select(options=[], rows=12, description="",
                                      layout=widgets.Layout(width="320px"))
        self.matches.add_class("hb-matches")
        self.card_area = widgets.VBox(layout=widgets.Layout(flex="1 1 480px"))
        self.card: StretchCard | None = None

        filters = [self.muscle, self.position, self.equipment, self.level, self.text,
                   self.primary_only, self.conditions]
        for control in filters:
            control.observe(self._filter, "value")
        self.matches.observe(self._show, "value")
        grid = widgets.GridBox(filters, layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", grid_gap="4px 12px"))
        body = widgets.HBox([widgets.VBox([self.count, self.matches]), self.card_area],
                            layout=widgets.Layout(flex_flow="row wrap")).add_class("hb-row")
        super().__init__([stylesheet(), grid, body])
        self.add_class("hb-explorer")
        self._filter()

    def _filter(self, _change=None) -> None:
        found = self.catalog.find(muscle=self.muscle.value, position=self.position.value,
                                  equipment=self.equipment.value, level=self.level.value,
                                  text=self.text.value.strip() or None,
                                  primary_only=self.primary_only.value,
                                  safe_for=self.conditions.value)
        n = len(found)
        self.count.value = f"<b>{n}</b> stretch{'es' if n != 1 else ''} match"
        current = self.matches.value
        self.matches.unobserve(self._show, "value")  # new options reset the value: not a choice
        self.matches.options = list(zip(found["name"], found.index, strict=True))
        self.matches.value = current if current in found.index else (
            found.index[0] if n else None)
        self.matches.observe(self._show, "value")
        self._show({"new": self.matches.value})
        if self.card is not None:
            self.card.conditions = self.conditions.value

    def _show(self, change) -> None:
        if self.card is not None and self.card.stretch.id == change["new"]:
            return  # already shown: keep its timer running
        if self.card is not None:
            self.card.close()
            self.card = None
        if change["new"] is not None:
            self.card = StretchCard(self.catalog[change["new"]], vocabulary=self.catalog.vocabulary,
                                    conditions=self.conditions.value,
                                    name_of=lambda sid: self.catalog[sid].name,
                                    **self._card_options)
        self.card_area.children = [self.card] if self.card else []

    def close(self) -> None:
        """Close the explorer and the card it shows."""
        if getattr(self, "card", None) is not None:
            self.card.close()
        close_all(self)
