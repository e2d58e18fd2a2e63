"""The handbook's views: ipywidgets wired to the engines, with no logic of their own."""

from .timer import StretchTimer

__all__ = ["StretchTimer"]
