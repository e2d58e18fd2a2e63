"""Printable handouts: a routine with each stretch's picture, steps, cautions and safety.

A handout is made from anything shaped like a routine (``Printable``; a ``handbook.Routine``
is one), so this module never names the routine it prints: ``Routine.to_html`` calls it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Protocol

import mistune

from ..catalog.conditions import alternatives
from ..paths import builtin_data_dir
from ..pictures.draw import svg
from ..timing.timeline import mss
from .cards import facts

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..catalog.stretch import Stretch
    from ..catalog.vocabulary import Vocabulary

PRINT_CSS = """
@page { size: A4; margin: 11mm 12mm 13mm;
  @bottom-center { content: "From the stretch handbook. General information, not medical advice.";
    font-size: 8pt; color: #666; } }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
  max-width: 820px; margin: 24px auto; padding: 0 16px; line-height: 1.26; font-size: 9.5pt;
  overflow-wrap: anywhere; }
h1 { font-size: 19pt; margin: 0 0 2px; } h2 { font-size: 13pt; margin: 0 0 2px; }
h3 { font-size: 9.5pt; margin: 4px 0 1px; }
ul, ol { margin: 0; padding-left: 1.3em; } li { margin: 0 0 1px; }
p { margin: 0 0 4px; }
.hb-meta { color: #555; }
.hb-order { margin: 2px 0 6px; padding-left: 1.4em; columns: 2; }
.hb-safety { border: 1.5px solid #d9622b; border-radius: 6px; padding: 4px 10px; margin: 6px 0 8px;
  font-size: 8.6pt; line-height: 1.22; }
.hb-safety h2 { font-size: 10.5pt; } .hb-safety ul { padding-left: 1.1em; }
.hb-safety p { margin: 2px 0; }
.hb-stretch { border-top: 1px solid #bbb; padding: 7px 0 6px; break-inside: avoid;
  page-break-inside: avoid; }
.hb-summary { color: #333; margin-bottom: 4px; }
.hb-top { display: grid; grid-template-columns: 130px 1fr; gap: 4px 14px; }
.hb-top svg { width: 130px; height: auto; display: block; }
.hb-facts { font-size: 9pt; margin: 0 0 2px; }
.hb-bottom { display: grid; grid-template-columns: 1fr 1fr 1.25fr; gap: 4px 12px; margin-top: 4px;
  font-size: 8.6pt; line-height: 1.22; }
.hb-cautions { border-left: 4px solid #d9622b; padding: 2px 8px; background: #fbeee6; }
.hb-cautions h3 { margin-top: 2px; }
.hb-alternatives { margin: 4px 0 2px; }
.hb-source { color: #666; font-size: 8pt; margin-top: 3px; }
.hb-footer { color: #666; font-size: 8.5pt; margin-top: 6px; }
@media print { .hb-footer { display: none; } }  /* the page's own footer says it */
.hb-stretch li, .hb-stretch p, .hb-safety { overflow-wrap: break-word; word-break: break-word; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; } }
@media screen and (max-width: 560px) { .hb-top, .hb-bottom { grid-template-columns: 1fr; } }
"""


class Printable(Protocol):
    """What a handout needs of a routine (a ``handbook.Routine`` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def rest_s(self) -> float: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def stretches(self) -> Sequence[Stretch]: ...
    @property
    def duration(self) -> float: ...
    def __len__(self) -> int: ...


@cache
def safety_html() -> str:
    """The safety note (data/safety.md) as HTML; it is the handbook's own trusted text."""
    text = (builtin_data_dir() / "safety.md").read_text(encoding="utf-8")
    page = mistune.html(text)
    assert isinstance(page, str)  # mistune's HTML renderer gives text (its AST one, lists)
    return page


def _items(tag: str, texts: Iterable[str]) -> str:
    """Texts as an HTML list (``ul`` or ``ol``), each escaped."""
    return f"<{tag}>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + f"</{tag}>"


def stretch_section(
    n: int, stretch: Stretch, vocabulary: Vocabulary, name_of: Callable[[str], str] | None = None
) -> str:
    """One stretch on paper, kept on one page: picture and facts beside the steps, then
    how it should feel, common mistakes and the cautions side by side; data escaped."""
    line = " &middot; ".join(
        f"<b>{escape(k)}</b> {escape(v)}" for k, v in facts(stretch, vocabulary) if k != "Level"
    )
    feel = ("<h3>How it should feel</h3>" + _items("ul", stretch.cues)) if stretch.cues else ""
    wrong = (
        ("<h3>Common mistakes</h3>" + _items("ul", stretch.mistakes)) if stretch.mistakes else ""
    )
    source = f'<p class="hb-source">Source: {escape(stretch.source)}</p>' if stretch.source else ""
    return (
        f'<section class="hb-stretch"><h2 class="hb-name">{n}. {escape(stretch.name)}</h2>'
        f'<p class="hb-summary">{escape(stretch.summary)}</p>'
        f'<p class="hb-facts">{line}</p>'
        f'<div class="hb-top"><div>{svg(stretch, size=130)}</div>'
        f"<div><h3>How to do it</h3>{_items('ol', stretch.steps)}</div></div>"
        f'<div class="hb-bottom"><div>{feel}</div><div>{wrong}</div>'
        f'<div class="hb-cautions" role="note"><h3>Cautions</h3>'
        f"{_items('ul', stretch.cautions)}{_alternatives(stretch, vocabulary, name_of)}"
        f"</div></div>{source}</section>"
    )


def _alternatives(
    stretch: Stretch, vocabulary: Vocabulary, name_of: Callable[[str], str] | None
) -> str:
    """The gentler stretches to do instead, each with the conditions naming it; escaped."""
    found = alternatives(stretch)
    if not found:
        return ""
    lines = [
        f"{name_of(sid) if name_of else sid} ("
        + ", ".join(vocabulary.label("conditions", c).lower() for c in why)
        + ")"
        for sid, why in found
    ]
    return f'<p class="hb-alternatives"><b>Gentler instead:</b> {escape("; ".join(lines))}</p>'


def routine_html(routine: Printable, *, title: str | None = None) -> str:
    """A complete, self-contained HTML page for printing or taking home; data escaped.

    Print first: A4, each stretch on one page with its cautions beside it, the safety note
    once at the top; holds as the routine sets them, in the steps too.
    """
    title = title or routine.name
    vocabulary = routine.catalog.vocabulary
    catalog = routine.catalog
    sections = "".join(
        stretch_section(
            n, stretch, vocabulary, lambda sid: catalog[sid].name if sid in catalog else sid
        )
        for n, stretch in enumerate(routine.stretches, 1)
    )
    listing = "".join(f"<li>{escape(s.name)}</li>" for s in routine.stretches)
    description = f"<p>{escape(routine.description)}</p>" if routine.description else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{PRINT_CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="hb-meta">{len(routine)} stretches, about {mss(routine.duration)} minutes with the
timer's pauses; rest about {routine.rest_s:g} s between stretches.</p>
{description}
<ol class="hb-order">{listing}</ol>
<div class="hb-safety"><h2>Safety</h2>{safety_html()}</div>
{sections}
<p class="hb-footer">From the stretch handbook. General information, not medical advice.</p>
</body></html>
"""
