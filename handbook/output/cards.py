"""A stretch as HTML: the card text shown in notebooks and printed on handouts.

Every text from data is escaped here, so a name like ``<img src=x onerror=...>`` is shown
as those characters and never runs.
"""

from __future__ import annotations

from html import escape

from ..catalog.stretch import Stretch
from ..catalog.vocabulary import Vocabulary, builtin_vocabulary

WRAP = "overflow-wrap: anywhere"
"""The style that lets a long word from data wrap instead of widening the page."""


def hold_summary(stretch: Stretch) -> str:
    """How long and how often: "5 deep breaths (about 50 s), each side, once"."""
    sides = "each side" if stretch.sides == "each" else "both sides together"
    reps = "once" if stretch.reps == 1 else f"{stretch.reps} times"
    return f"{stretch.hold_text}, {sides}, {reps}"


def facts(stretch: Stretch, vocabulary: Vocabulary | None = None) -> list[tuple[str, str]]:
    """The card's short facts as (label, plain text) pairs, labels from the vocabulary."""
    vocab = vocabulary or builtin_vocabulary()
    muscles = ", ".join(vocab.label("muscles", m) for m in stretch.primary)
    if stretch.secondary:
        muscles += "; also " + ", ".join(vocab.label("muscles", m).lower()
                                         for m in stretch.secondary)
    equipment = ", ".join(vocab.label("equipment", e) for e in stretch.equipment) or "None"
    return [
        ("Targets", muscles),
        ("Position", vocab.label("positions", stretch.position)),
        ("Equipment", equipment),
        ("Level", vocab.label("levels", stretch.level)),
        ("Hold", hold_summary(stretch)),
    ]


def _items(tag: str, texts) -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + f"</{tag}>"


def details_html(stretch: Stretch, vocabulary: Vocabulary | None = None,
                 heading: str = "h3") -> str:
    """Name, summary, facts, steps, cues, mistakes and cautions (set apart), escaped.

    Long words wrap wherever the card is shown, so one 3,000-letter word cannot widen a page.
    """
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>"
                   for k, v in facts(stretch, vocabulary))
    parts = [
        f'<{heading} class="hb-name">{escape(stretch.name)}</{heading}>',
        f'<p class="hb-summary">{escape(stretch.summary)}</p>',
        f'<table class="hb-facts">{rows}</table>',
        '<h4>How to do it</h4>' + _items("ol", stretch.steps),
    ]
    if stretch.cues:
        parts.append('<h4>How it should feel</h4>' + _items("ul", stretch.cues))
    if stretch.mistakes:
        parts.append('<h4>Common mistakes</h4>' + _items("ul", stretch.mistakes))
    parts.append('<div class="hb-cautions" role="note"><h4>Cautions</h4>'
                 + _items("ul", stretch.cautions) + "</div>")
    if stretch.source:
        parts.append(f'<p class="hb-source"><small>Source: {escape(stretch.source)}</small></p>')
    return f'<div class="hb-card-text" style="{WRAP}">' + "\n".join(parts) + "</div>"
