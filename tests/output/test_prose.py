"""Sentences for notebooks: the notebook's own Markdown, every value from data escaped."""

from __future__ import annotations

import mistune
import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook.output.prose import bullets, escape_markdown, say, text

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "**bold** _it_ `code`",
    "$\\alert{1}$",
    "line\n# heading",
    "&lt;b&gt; already escaped",
]


def rendered(markdown: str) -> str:
    """Markdown as HTML with raw HTML let through, as a trusted notebook's output is."""
    return str(mistune.create_markdown(escape=False)(markdown))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_is_shown_as_written_never_as_markup(value):
    markdown = say("**{name}** takes 5 min.", name=value)._repr_markdown_()
    page = rendered(markdown)
    assert page.startswith("<p><strong>") and "<img" not in page and "<script" not in page
    assert "<a " not in page and "<em>" not in page and "<code>" not in page and "<h1>" not in page
    assert "$" not in markdown  # no LaTeX for JupyterLab to typeset


@given(st.text(max_size=40))
def test_any_text_reads_back_as_itself(value):
    import html

    page = rendered(text(value).markdown)
    shown = html.unescape(page.removeprefix("<p>").removesuffix("</p>\n"))
    flat = " ".join(value.replace("\r", "\n").splitlines()) if value.strip() else ""
    assert "<" not in page.replace("<p>", "").replace("</p>", "") or not value.strip()
    if value.strip() and value == value.strip() and "  " not in value and value.isprintable():
        assert shown == flat


def test_bullets_are_one_item_each():
    page = rendered(bullets(["one <b>", "two\nthree"]).markdown)
    assert page.count("<li>") == 2 and "&lt;b&gt;" in page


def test_escape_markdown_is_one_line():
    assert "\n" not in escape_markdown("a\nb\r\nc\u2028d")
