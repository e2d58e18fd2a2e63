"""Files people take away from a page: a download link that carries the file itself.

A link whose address is the file (a ``data:`` URL with the ``download`` attribute) works the
same in JupyterLab, Notebook and Voila, on the teacher's machine or a participant's phone:
nothing is written on the server and no server path is shown.
"""

from __future__ import annotations

import base64
from html import escape

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
    shown = label or f"Download {filename}"
    return (
        f'<a class="hb-download" download="{escape(filename)}" '
        f'href="{data_url(data, mime)}">{escape(shown)}</a>'
    )
