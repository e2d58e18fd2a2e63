"""HTML from the handbook's Jinja2 templates (``output/templates/``), escaped by default.

Every template is rendered with autoescape on: text from data (names, steps, cautions) is
escaped wherever it lands, and only what the handbook itself made (an SVG picture drawn from
numbers, the safety note rendered from its own Markdown) is passed in as ``Markup``.
The stylesheet ``handbook.css`` carries the handbook's colours as CSS variables: the views
inject it (``handbook.widgets.style``), the player's own CSS reads the variables, and the
handouts include it, so a colour is named once.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from .. import i18n

if TYPE_CHECKING:  # Jinja2 is imported where a page is made: `import handbook` stays cheap
    import jinja2

STYLESHEET = "handbook.css"
"""The one stylesheet: colours as CSS variables (light and dark), and the views' shared rules."""


@cache
def environment() -> jinja2.Environment:
    """The templates' environment: autoescape always on, an unknown name is an error.

    Its words (``{% trans %}``, ``_()``) are said in the handbook's language at the moment a
    page is rendered (``handbook.i18n``), not when this environment was made.
    """
    import jinja2

    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.PackageLoader("handbook.output", "templates"),
        autoescape=True,  # every template, whatever its suffix: .html, .css, .svg
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    return env


def render(name: str, /, **context: object) -> str:
    """The template ``name`` rendered with ``context``; data in it is escaped.

    ``lang`` (the page's language, for ``<html lang>``) is the handbook's unless given.

    >>> render("conditions.html", tag="h4", heading="<b>", lines=["<i>"])
    '<div class="hb-conditions" role="note"><h4>&lt;b&gt;</h4><ul><li>&lt;i&gt;</li></ul></div>'
    """
    context.setdefault("lang", i18n.language())
    return environment().get_template(name).render(**context)


@cache
def stylesheet() -> str:
    """The text of ``handbook.css``: the colours as variables and the shared rules."""
    return (files("handbook.output") / "templates" / STYLESHEET).read_text(encoding="utf-8")


def colour(name: str) -> str:
    """One of the handbook's colours as named in ``handbook.css`` (``--hb-<name>``), for what
    cannot read a CSS variable (a matplotlib chart).

    >>> colour("accent")
    '#d9622b'
    """
    import re

    found = re.search(rf"--hb-{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}})\s*;", stylesheet())
    if found is None:
        raise KeyError(f"handbook.css names no colour --hb-{name}")
    return found[1]


def trusted(html: str) -> object:
    """HTML the handbook made itself (a drawn SVG, the rendered safety note), not escaped."""
    import markupsafe

    return markupsafe.Markup(html)
