"""An interactive stretch handbook for Jupyter: stretches, timers, routines and a week plan.

General information, not medical advice: stop on sharp pain.
"""

from .catalog import Catalog, CatalogWarning, load_catalog
from .errors import CatalogError, PlanError, Problem
from .planfile import load_plan
from .planner import WeekPlan, plan_week
from .progress import ProgressError, ProgressLog, ProgressWarning
from .routine import Routine, RoutineError, RoutineItem, load_routine, routines
from .stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch

__all__ = [
    "DEFAULT_BREATHS_PER_MINUTE",
    "Catalog",
    "CatalogError",
    "CatalogWarning",
    "PlanError",
    "Problem",
    "ProgressError",
    "ProgressLog",
    "ProgressWarning",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "SourceError",
    "Stretch",
    "WeekPlan",
    "import_free_exercise_db",
    "load_catalog",
    "load_plan",
    "load_routine",
    "plan_week",
    "routines",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """The importer, loaded on first use: `python -m handbook.importers` then runs it once."""
    if name in ("SourceError", "import_free_exercise_db"):
        from . import importers

        return getattr(importers, name)
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")
