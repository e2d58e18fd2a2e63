"""The handbook's views: ipywidgets wired to the engines, with no logic of their own."""

from .card import StretchCard
from .explorer import Explorer
from .timer import StretchTimer

__all__ = ["Explorer", "StretchCard", "StretchTimer"]
