"""Explorer: filter the catalogue, pick a stretch from the matches, see its card."""

from __future__ import annotations

import html
from typing import Unpack

import ipywidgets as widgets

from ..catalog.loader import Catalog, Filters
from ..i18n import _, ngettext
from .card import CardOptions, StretchCard
from .style import (
    ANY_KEY,
    Change,
    chosen,
    close_all,
    conditions_choice,
    name_options,
    stylesheet,
    vocabulary_choice,
)


class Explorer(widgets.VBox):
    """Filters (muscle, position, equipment, level, words), my conditions, the matches, and
    the chosen card, with the advice for the conditions chosen.

    ``card_options`` go to each StretchCard shown (``timer=False`` for none).

    >>> import handbook
    >>> from handbook.widgets import Explorer
    >>> explorer = Explorer(handbook.load_catalog(), timer=False)
    >>> explorer.muscle.value = "calves"
    >>> len(explorer.matches.options) == len(explorer.catalog.find(muscle="calves"))
    True
    """

    card: StretchCard | None = None  # the card shown; also when __init__ failed before one

    def __init__(self, catalog: Catalog, **card_options: Unpack[CardOptions]) -> None:
        self.catalog = catalog
        self._card_options = card_options
        vocab = catalog.vocabulary
        wide = {"description_width": "80px"}

        self.muscle = vocabulary_choice(vocab, "muscles", _("Muscle"))
        self.position = vocabulary_choice(vocab, "positions", _("Position"))
        self.equipment = vocabulary_choice(vocab, "equipment", _("Uses"))
        self.level = vocabulary_choice(vocab, "levels", _("Level"))
        self.text = widgets.Text(
            placeholder=_("a word, e.g. desk or strap"), description=_("Words"), style=wide
        )
        self.primary_only = widgets.Checkbox(
            value=False, description=_("Main target only"), indent=False
        )
        self.conditions = conditions_choice(vocab)  # not a filter to clear: the reader's own
        self.clear_button = widgets.Button(
            description=_("Clear filters"), icon="times", tooltip=_("Show every stretch again")
        )
        self.clear_button.add_class("hb-clear")
        self.count = widgets.HTML().add_class("hb-count")
        self.matches = widgets.Select(
            options=[], rows=12, description="", layout=widgets.Layout(width="320px")
        )
        self.matches.add_class("hb-matches")
        self.card_area = widgets.VBox(layout=widgets.Layout(flex="1 1 480px"))

        filters = [
            self.muscle,
            self.position,
            self.equipment,
            self.level,
            self.text,
            self.primary_only,
        ]
        for control in (*filters, self.conditions):
            control.observe(self._filter, "value")
        self.matches.observe(self._on_match, "value")
        self.clear_button.on_click(self.clear)
        self._filters = filters
        grid = widgets.GridBox(
            [*filters, self.clear_button, self.conditions],
            layout=widgets.Layout(
                grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", grid_gap="4px 12px"
            ),
        )
        body = widgets.HBox(
            [widgets.VBox([self.count, self.matches]), self.card_area],
            layout=widgets.Layout(flex_flow="row wrap"),
        ).add_class("hb-row")
        super().__init__([stylesheet(), grid, body])
        self.add_class("hb-explorer")
        self._filter()

    def criteria(self) -> Filters:
        """The filters as Catalog.find's keyword arguments (None for "Any")."""
        return {
            "muscle": chosen(self.muscle),
            "position": chosen(self.position),
            "equipment": chosen(self.equipment),
            "level": chosen(self.level),
            "text": self.text.value.strip() or None,
            "primary_only": self.primary_only.value,
        }

    def clear(self, _button: widgets.Button | None = None) -> None:
        """Every filter back to "Any", no words: every stretch matches."""
        self._clearing = True
        try:
            for control in (self.muscle, self.position, self.equipment, self.level):
                control.value = ANY_KEY
            self.text.value = ""
            self.primary_only.value = False
        finally:
            self._clearing = False
        self._filter()

    _clearing = False

    def _filter(self, _change: Change[object] | None = None) -> None:
        if self._clearing:
            return
        criteria = self.criteria()
        found = self.catalog.find(**criteria, safe_for=self.conditions.value)
        n = len(found)
        self.count.value = (
            ngettext("<b>{n}</b> stretch match", "<b>{n}</b> stretches match", n).format(n=n)
            if n
            else self._nothing(criteria)
        )
        self.clear_button.disabled = not any(v for v in criteria.values())
        current = self.matches.value
        self.matches.unobserve(self._on_match, "value")  # new options reset it: not a choice
        self.matches.options = name_options(found)
        first = self.matches.options[0][1] if n else None
        self.matches.value = current if current in found.index else first
        self.matches.observe(self._on_match, "value")
        self._show(self.matches.value)
        if self.card is not None:
            self.card.conditions = self.conditions.value

    def _nothing(self, criteria: Filters) -> str:
        """No stretch matches: say so, and which filter to loosen for how many."""
        names = {
            "muscle": self.muscle,
            "position": self.position,
            "equipment": self.equipment,
            "level": self.level,
        }
        counts = self.catalog.loosen(**criteria, safe_for=self.conditions.value)
        counts.pop("safe_for", None)  # the reader's conditions stay
        ways = []
        for key, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            if not count:
                continue
            if key == "text":
                assert criteria["text"] is not None  # loosen counts only the criteria given
                what = _("the words \u201c{words}\u201d").format(
                    words=html.escape(criteria["text"])
                )
            elif key == "primary_only":
                what = _("\u201cMain target only\u201d")
            else:
                # Translators: a filter and its choice, e.g. "Muscle Calves"
                what = _("{filter} {choice}").format(
                    filter=names[key].description, choice=html.escape(names[key].label)
                )
            ways.append(
                # Translators: {what} is a filter; {count} stretches would match without it
                ngettext(
                    "without {what}, {count} would", "without {what}, {count} would", count
                ).format(what=what, count=count)
            )
        advice = (
            # Translators: followed by the ways, each "without X, N would", joined by "; "
            _("Loosen a filter: {ways}.").format(ways="; ".join(ways))
            if ways
            else _("Loosen more than one filter, or press Clear filters.")
        )
        return _("<b>No stretch matches all of these.</b> {advice}").format(advice=advice)

    def _on_match(self, change: Change[str | None]) -> None:
        self._show(change["new"])

    def _show(self, sid: str | None) -> None:
        """The card of the stretch chosen among the matches (none for None)."""
        if self.card is not None and self.card.stretch.id == sid:
            return  # already shown: keep its timer running
        if self.card is not None:
            self.card.close()
            self.card = None
        if sid is not None:
            self.card = StretchCard(
                self.catalog[sid],
                vocabulary=self.catalog.vocabulary,
                conditions=self.conditions.value,
                name_of=lambda sid: self.catalog[sid].name,
                **self._card_options,
            )
        self.card_area.children = [self.card] if self.card else []

    def close(self) -> None:
        """Close the explorer and the card it shows."""
        if self.card is not None:
            self.card.close()
        close_all(self)
