"""A notebook as it is saved: what lasts past the kernel stays, live views become a line.

A widget's output is a reference to a model in the running kernel. JupyterLab saves it with
the notebook; reopened after the server restarts, the model is gone and each view reads
"Error displaying widget: model not found". Given to the Jupyter server as its pre-save hook
(``make lab`` does this)::

    jupyter lab --ContentsManager.pre_save_hook=handbook.output.notebook.keep_what_lasts

each widget output is saved as one plain line that says how to bring it back, and the widget
state JupyterLab may save in the notebook's metadata is left out. Tables, charts and text
are saved as they are.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from html import escape

from ..i18n import N_, _

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RERUN = N_("Run the cells (Run menu, Run All Cells) to show this again: live views are not saved.")
"""What a reopened notebook shows where a live view was (in English; ``rerun()`` says it in the
handbook's language)."""
RERUN_HTML = f'<p class="hb-rerun"><em>{RERUN}</em></p>'


def rerun() -> tuple[str, str]:
    """The saved-view line in the handbook's language: (text, HTML).

    >>> rerun()[0] == RERUN
    True
    """
    said = _(RERUN)
    return said, f'<p class="hb-rerun"><em>{escape(said)}</em></p>'


def keep_what_lasts(model: MutableMapping[str, object], **_context: object) -> None:
    """The pre-save hook: in a notebook model about to be written, each widget view becomes
    ``RERUN`` (text and HTML) and the widget state goes; anything else is left as it is.

    >>> cell = {"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...     "data": {"text/plain": "StretchCard(...)", WIDGET_VIEW: {"model_id": "1a"}},
    ...     "metadata": {}}]}
    >>> model = {"type": "notebook", "content": {"cells": [cell],
    ...     "metadata": {"widgets": {"state": {}}}}}
    >>> keep_what_lasts(model)
    >>> cell["outputs"][0]["data"]["text/plain"] == RERUN, model["content"]["metadata"]
    (True, {})
    """
    said, said_html = rerun()
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, MutableMapping):
        return
    metadata = content.get("metadata")
    if isinstance(metadata, MutableMapping):
        metadata.pop("widgets", None)
    cells = content.get("cells")
    for cell in cells if isinstance(cells, list) else ():
        outputs = cell.get("outputs") if isinstance(cell, MutableMapping) else None
        for output in outputs if isinstance(outputs, list) else ():
            data = output.get("data") if isinstance(output, MutableMapping) else None
            if isinstance(data, MutableMapping) and WIDGET_VIEW in data:
                data.clear()
                data.update({"text/plain": said, "text/html": said_html})
