"""The handbook's views: ipywidgets wired to the engines, with no logic of their own; and
``handout_link(routine)``, a routine's handout as a download link in a notebook."""

from ..output.download import handout_link
from .builder import RoutineBuilder
from .card import StretchCard
from .classmode import ClassMode
from .explorer import Explorer
from .planner import WeekPlanner
from .player import RoutinePlayer
from .progress import ProgressEditor
from .timer import StretchTimer

__all__ = [
    "ClassMode",
    "Explorer",
    "ProgressEditor",
    "RoutineBuilder",
    "RoutinePlayer",
    "StretchCard",
    "StretchTimer",
    "WeekPlanner",
    "handout_link",
]
