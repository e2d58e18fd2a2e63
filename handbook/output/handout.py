"""Printable handouts: a routine with each stretch's picture, steps, cautions and safety."""

from __future__ import annotations

from functools import cache
from html import escape

import mistune

from ..paths import builtin_data_dir
from ..pictures.draw import svg
from ..timing.timeline import mss
from .cards import details_html

PRINT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
  max-width: 820px; margin: 24px auto; padding: 0 16px; line-height: 1.45;
  overflow-wrap: anywhere; }
h1 { margin-bottom: 0.2em; } .hb-meta { color: #555; }
.hb-stretch { display: grid; grid-template-columns: 220px 1fr; gap: 18px; padding: 14px 0;
  border-top: 1px solid #ccc; break-inside: avoid; page-break-inside: avoid; }
.hb-stretch svg { width: 220px; height: auto; }
.hb-facts th { text-align: left; padding-right: 12px; font-weight: 600; }
.hb-cautions { border-left: 5px solid #d9622b; padding: 2px 12px; background: #fbeee6; }
.hb-safety { border: 2px solid #d9622b; border-radius: 8px; padding: 4px 16px; margin: 16px 0; }
.hb-source { color: #666; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


@cache
def safety_html() -> str:
    """The safety note (data/safety.md) as HTML; it is the handbook's own trusted text."""
    text = (builtin_data_dir() / "safety.md").read_text(encoding="utf-8")
    return mistune.html(text)


def routine_html(routine, *, title: str | None = None) -> str:
    """A complete, self-contained HTML page for printing or taking home; data escaped."""
    title = title or routine.name
    sections = []
    for n, stretch in enumerate(routine.stretches, 1):
        sections.append(
            f'<section class="hb-stretch"><div>{svg(stretch, size=220)}</div><div>'
            + details_html(stretch, routine.catalog.vocabulary, heading="h2")
                .replace('<h2 class="hb-name">', f'<h2 class="hb-name">{n}. ', 1)
            + "</div></section>")
    listing = "".join(f"<li>{escape(s.name)}</li>" for s in routine.stretches)
    description = f"<p>{escape(routine.description)}</p>" if routine.description else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{PRINT_CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="hb-meta">{len(routine)} stretches, about {mss(routine.duration)} minutes with the timer's
pauses. Rest about {routine.rest_s:g} s between stretches.</p>
{description}
<ol>{listing}</ol>
<div class="hb-safety"><h2>Safety</h2>{safety_html()}</div>
{''.join(sections)}
<p class="hb-source"><small>From the stretch handbook. General information, not medical
advice.</small></p>
</body></html>
"""
