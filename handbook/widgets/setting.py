"""A setting on a scale, as the browser's own slider: named for screen readers (setting.js)."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent

CSS = """
.hb-setting { display: flex; align-items: center; gap: 10px; padding: 2px 0; }
.hb-setting label { min-width: 110px; }
.hb-setting input[type="range"] { flex: 0 1 220px; accent-color: #24687d; }
.hb-setting output { min-width: 4em; font-variant-numeric: tabular-nums; }
.hb-large .hb-setting, .hb-timer:has(.hb-large) .hb-setting { font-size: 20px; }
.hb-setting input[type="range"]:disabled + output { opacity: 0.7; }
"""


class Setting(anywidget.AnyWidget):
    """A whole number chosen on a slider, with its label tied to it and the value beside it.

    The same traits as ipywidgets' ``IntSlider`` that the views use (``value``, ``min``,
    ``max``, ``step``, ``description``, ``disabled``) and a ``unit`` said after the value.
    """

    _esm = HERE / "setting.js"
    _css = CSS
    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(100).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    unit = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, *, value: int = 0, min: int = 0, max: int = 100, **traits: object) -> None:
        super().__init__(min=min, max=max, **traits)  # the scale first, then the value on it
        self.value = value

    @traitlets.validate("value")
    def _within(self, proposal: traitlets.Bunch) -> int:
        """A value outside the scale is brought to its nearest end, as a slider does."""
        value: int = proposal["value"]
        return max(self.min, min(self.max, value))
