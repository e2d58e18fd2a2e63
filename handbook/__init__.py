"""An interactive stretch handbook for Jupyter: stretches, timers, routines and a week plan.

General information, not medical advice: stop on sharp pain.
"""

from .catalog import Catalog, CatalogWarning, load_catalog
from .errors import CatalogError, PlanError, Problem
from .planfile import load_plan
from .planner import WeekPlan, plan_week
from .routine import Routine, RoutineError, RoutineItem, load_routine, routines
from .stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch

__all__ = [
    "DEFAULT_BREATHS_PER_MINUTE",
    "Catalog",
    "CatalogError",
    "CatalogWarning",
    "PlanError",
    "Problem",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "Stretch",
    "WeekPlan",
    "load_catalog",
    "load_plan",
    "load_routine",
    "plan_week",
    "routines",
]
__version__ = "0.1.0"
