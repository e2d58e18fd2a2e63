"""An interactive stretch handbook for Jupyter: stretches, timers, routines and a week plan.

General information, not medical advice: stop on sharp pain.
"""

from .catalog import Catalog, CatalogWarning, load_catalog
from .errors import CatalogError, PlanError, Problem
from .stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch

# Loaded on first use, so `import handbook` costs little more than pandas.
_LAZY = {
    "Routine": "routine", "RoutineError": "routine", "RoutineItem": "routine",
    "load_routine": "routine", "routines": "routine",
    "WeekPlan": "planner", "plan_week": "planner", "load_plan": "planfile",
    "ProgressError": "progress", "ProgressLog": "progress", "ProgressWarning": "progress",
    "SourceError": "importers", "import_free_exercise_db": "importers",
}

__all__ = [
    "DEFAULT_BREATHS_PER_MINUTE",
    "Catalog",
    "CatalogError",
    "CatalogWarning",
    "PlanError",
    "Problem",
    "Stretch",
    "load_catalog",
    *_LAZY,
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """The rest of the public API, imported when first asked for."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
