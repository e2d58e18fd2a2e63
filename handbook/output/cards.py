"""A stretch as HTML: the card text shown in notebooks and printed on handouts.

The HTML comes from the templates ``card.html`` and ``conditions.html`` (autoescaped): every
text from data is escaped, so a name like ``<img src=x onerror=...>`` is shown
as those characters and never runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..catalog.conditions import advice_text
from ..catalog.stretch import Stretch
from ..catalog.translations import vocabulary as vocabulary_in
from ..catalog.vocabulary import Vocabulary
from ..i18n import _, ngettext, pgettext
from .render import render, trusted

WRAP = "overflow-wrap: anywhere"
"""The style that lets a long word from data wrap instead of widening the page."""


def hold_summary(stretch: Stretch) -> str:
    """How long and how often: "5 deep breaths (about 50 s), each side, once".

    A movement: "5 reps of arch 5 s, round 5 s (50 s), both sides together".
    """
    each = stretch.sides == "each"
    if stretch.is_movement:
        # Translators: {hold} is the stretch's hold, "5 reps of arch 5 s, round 5 s (50 s)".
        return (_("{hold}, each side") if each else _("{hold}, both sides together")).format(
            hold=stretch.hold_text
        )
    # Translators: {hold} is "5 deep breaths (about 50 s)"; {n} how many times it is done.
    said = (
        ngettext("{hold}, each side, once", "{hold}, each side, {n} times", stretch.reps)
        if each
        else ngettext(
            "{hold}, both sides together, once",
            "{hold}, both sides together, {n} times",
            stretch.reps,
        )
    )
    return said.format(hold=stretch.hold_text, n=stretch.reps)


def facts(stretch: Stretch, vocabulary: Vocabulary | None = None) -> list[tuple[str, str]]:
    """The card's short facts as (label, plain text) pairs, labels from the vocabulary."""
    vocab = vocabulary or vocabulary_in()
    muscles = ", ".join(vocab.label("muscles", m) for m in stretch.primary)
    if stretch.secondary:
        # Translators: the muscles a stretch reaches besides its targets: "Hamstrings; also calves".
        muscles = _("{main}; also {more}").format(
            main=muscles,
            more=", ".join(vocab.label("muscles", m).lower() for m in stretch.secondary),
        )
    # Translators: the equipment a stretch needs: none.
    equipment = ", ".join(vocab.label("equipment", e) for e in stretch.equipment) or _("None")
    return [
        (_("Targets"), muscles),
        (_("Position"), vocab.label("positions", stretch.position)),
        (_("Equipment"), equipment),
        (_("Level"), vocab.label("levels", stretch.level)),
        (_("Reps") if stretch.is_movement else pgettext("card", "Hold"), hold_summary(stretch)),
        *([(_("Sides"), sides_summary(stretch))] if stretch.sides == "each" else []),
    ]


def sides_summary(stretch: Stretch) -> str:
    """Which side comes first, by the limb: "Right knee down first, then left knee down"."""
    first, second = (stretch.side_name(side) for side in stretch.sides_in_order)
    # Translators: {first} and {second} are the stretch's names for its sides ("right knee down").
    said = _("{first} first, then {second}").format(first=first, second=second)
    return f"{said[:1].upper()}{said[1:]}"


def condition_lines(
    stretch: Stretch,
    conditions: Iterable[str] | None = None,
    vocabulary: Vocabulary | None = None,
    name_of: Callable[[str], str] | None = None,
) -> list[str]:
    """What to do with each condition given (None: every one the stretch has advice for)."""
    vocab = vocabulary or vocabulary_in()
    wanted = None if conditions is None else set(conditions)
    return [
        advice_text(entry, vocab, name_of)
        for entry in stretch.conditions
        if wanted is None or entry.condition in wanted
    ]


def conditions_html(
    stretch: Stretch,
    conditions: Iterable[str] | None = None,
    vocabulary: Vocabulary | None = None,
    name_of: Callable[[str], str] | None = None,
    *,
    heading: str | None = None,
    tag: str = "h4",
) -> str:
    """The advice for the conditions as an escaped block ("For your conditions" heads it
    unless ``heading`` says otherwise); "" when none applies."""
    lines = condition_lines(stretch, conditions, vocabulary, name_of)
    if not lines:
        return ""
    said = _("For your conditions") if heading is None else heading
    return render("conditions.html", heading=said, tag=tag, lines=lines)


def details_html(
    stretch: Stretch,
    vocabulary: Vocabulary | None = None,
    heading: str = "h3",
    conditions: Iterable[str] = (),
    name_of: Callable[[str], str] | None = None,
) -> str:
    """Name, summary, facts, steps, cues, mistakes and cautions (set apart), escaped.

    With ``conditions``, the advice for those of them that concern this stretch follows the
    cautions (``name_of`` turns the id of a stretch to do instead into its name). Long words
    wrap wherever the card is shown, so one 3,000-letter word cannot widen a page.
    """
    advice = conditions_html(stretch, conditions, vocabulary, name_of) if conditions else ""
    return render(
        "card.html",
        stretch=stretch,
        heading=heading,
        facts=facts(stretch, vocabulary),
        conditions=trusted(advice),  # rendered (and escaped) by its own template
        wrap=WRAP,
    )
