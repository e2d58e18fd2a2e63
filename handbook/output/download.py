"""Files people take away from a page: a download link that carries the file itself.

A link whose address is the file (a ``data:`` URL with the ``download`` attribute) works the
same in JupyterLab, Notebook and Voila, on the teacher's machine or a participant's phone:
nothing is written on the server and no server path is shown.
"""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from .handout import Printable

MIME = {
    ".html": "text/html",
    ".ics": "text/calendar",
    ".csv": "text/csv",
    ".toml": "application/toml",
}


def data_url(data: bytes | str, mime: str) -> str:
    """The file as a data: URL (text is sent as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    charset = ";charset=utf-8" if mime.startswith("text/") else ""
    return f"data:{mime}{charset};base64,{base64.b64encode(raw).decode('ascii')}"


def download_link(data: bytes | str, filename: str, label: str | None = None) -> str:
    """An HTML link that downloads ``data`` as ``filename``; every text escaped."""
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    mime = MIME.get(suffix, "application/octet-stream")
    shown = label or _("Download {filename}").format(filename=filename)
    return (
        f'<a class="hb-download" download="{escape(filename)}" '
        f'href="{data_url(data, mime)}">{escape(shown)}</a>'
    )


class Download:
    """A file to take away, shown in a notebook (JupyterLab, Voila) as its download link.

    >>> Download("a,b\\n", "week.csv", "Download the table")._repr_html_()[:60]
    '<a class="hb-download" download="week.csv" href="data:text/c'
    """

    def __init__(self, data: bytes | str, filename: str, label: str | None = None) -> None:
        self.data, self.filename, self.label = data, filename, label

    def _repr_html_(self) -> str:
        return download_link(self.data, self.filename, self.label)

    def __repr__(self) -> str:
        return f"Download({self.filename!r})"


def handout_link(routine: Printable, filename: str | None = None) -> Download:
    """A routine's printable handout (``routine.to_html()``) as a download link: nothing is
    written on the server; the person saves the page, opens it in a browser and prints it.

    >>> import handbook
    >>> from handbook.widgets import handout_link
    >>> link = handout_link(handbook.routines()["desk-break"])
    >>> link.filename, 'download="desk-break-handout.html"' in link._repr_html_()
    ('desk-break-handout.html', True)
    """
    from .handout import routine_html

    name = filename or f"{getattr(routine, 'id', 'routine')}-handout.html"
    label = _("Download the handout: {name}").format(name=routine.name)
    return Download(routine_html(routine), name, label)
