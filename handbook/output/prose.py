"""Sentences for a notebook, shown as Markdown with every value from data escaped.

A notebook that writes ``Markdown(f"**{routine.name}** ...")`` hands the name to the Markdown
renderer, which runs any HTML in it (a stretch named ``<img src=x onerror=...>`` runs its
script). The notebooks use these instead::

    say("**{name}** takes **{time}** with the timer.", name=routine.name, time=mss(...))
    bullets(plan.notes())          # a list, each item escaped
    text(log.summary())            # one plain sentence, escaped

The template of ``say`` is the notebook's own Markdown; the values are text, shown as written:
HTML, Markdown marks, LaTeX dollars and line breaks in them are escaped or flattened. Values
are written as character references, which a code span would show raw: a template never puts
a value between backticks.
"""

from __future__ import annotations

from collections.abc import Iterable

# Every ASCII punctuation mark Markdown may read as syntax is written as a character reference:
# a reference is never syntax (CommonMark 6.2), in JupyterLab's renderer as in Voila's.
_MARKS = "\\`*_{}[]()#+-.!|~<>&\"'$:=%@^"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _MARKS}
_LINES = {ord(c): " " for c in "\r\n\u2028\u2029\x85\x0b\x0c"}


class Prose:
    """Markdown made by this module: its values escaped. Shown by Jupyter as Markdown."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return f"Prose({self.markdown!r})"


def escape_markdown(value: object) -> str:
    """A value as Markdown that shows it as written: one line, no syntax, no HTML.

    Tabs, and the spaces a line starts with, are written as references too: a line that
    starts with a tab or four spaces would otherwise become a code block.
    """
    line = str(value).translate(_LINES).translate(_TABLE).replace("\t", "&#9;")
    body = line.lstrip(" ")
    return "&#32;" * (len(line) - len(body)) + body


def say(template: str, /, **values: object) -> Prose:
    """The notebook's own Markdown template with each ``{name}`` filled by an escaped value.

    Parameters
    ----------
    template:
        Markdown written in the notebook, with ``{name}`` where each value goes.
    values:
        The values, from data: each is shown as written (HTML and Markdown marks escaped).

    >>> from handbook import say
    >>> print(say("**{name}** takes {time}.", name="<b>Quick</b> one", time="4:10"))
    **&#60;b&#62;Quick&#60;/b&#62; one** takes 4&#58;10.
    """
    return Prose(template.format(**{k: escape_markdown(v) for k, v in values.items()}))


def text(value: object) -> Prose:
    """A plain sentence (a summary, a note) as Markdown, escaped whole.

    Parameters
    ----------
    value:
        The sentence, from data; shown on one line, exactly as written.

    >>> from handbook import text
    >>> print(text("2 stretches *held*"))
    2 stretches &#42;held&#42;
    """
    return Prose(escape_markdown(value))


def bullets(lines: Iterable[object]) -> Prose:
    """A bulleted list, each line escaped.

    Parameters
    ----------
    lines:
        One item per line, from data (a plan's notes, say).

    >>> from handbook import bullets
    >>> print(bullets(["Hips: 3 days", "<i>Calves</i>: 2 days"]))
    - Hips&#58; 3 days
    - &#60;i&#62;Calves&#60;/i&#62;&#58; 2 days
    """
    return Prose("\n".join(f"- {escape_markdown(line)}" for line in lines))
