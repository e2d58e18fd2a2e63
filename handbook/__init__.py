"""An interactive stretch handbook for Jupyter: stretches, timers, routines and a week plan.

General information, not medical advice: stop on sharp pain.

This module is the public face: the notebooks import only ``handbook`` and
``handbook.widgets``, so everything a reader's code needs is named here (the rest of the
package may move). ``import handbook`` stays cheap: the wings load on first use.

>>> import handbook
>>> cat = handbook.load_catalog()
>>> plan = handbook.plan_week(cat, minutes=10, focus=["lower back"])
>>> int(plan.check().loc["lower back", "days"]) >= 3  # a focus group: 3 days or more
True
"""

from typing import TYPE_CHECKING

from .catalog.loader import Catalog, CatalogWarning, load_catalog
from .catalog.stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch
from .errors import (
    CatalogError,
    PlanError,
    Problem,
    ProgressBusyError,
    ProgressError,
    ProgressWarning,
)
from .i18n import LanguageError, language, languages, set_language

if TYPE_CHECKING:  # the names loaded on first use (below), as a type checker reads them
    from .catalog.free_exercise_db.importer import SourceError, import_free_exercise_db
    from .catalog.report import translation_report
    from .output.charts import coverage_svg, minutes_svg, weeks_svg
    from .output.prose import bullets, say, text
    from .output.tables import readable
    from .progress.store import ProgressLog
    from .progress.tables import least_reached
    from .timing.routine import Routine, RoutineError, RoutineExistsError, RoutineItem
    from .timing.routinefile import load_routine, routines, warm_up
    from .timing.timeline import item_seconds, mss
    from .week.export import describe_calendar
    from .week.model import WeekPlan, load_plan
    from .week.planfile import PlanExistsError
    from .week.planner import plan_week

# Loaded on first use, so `import handbook` costs little more than pandas.
_LAZY = {
    "Routine": "timing.routine",
    "RoutineError": "timing.routine",
    "RoutineExistsError": "timing.routine",
    "PlanExistsError": "week.planfile",
    "RoutineItem": "timing.routine",
    "load_routine": "timing.routinefile",
    "routines": "timing.routinefile",
    "warm_up": "timing.routinefile",
    "item_seconds": "timing.timeline",
    "mss": "timing.timeline",
    "WeekPlan": "week.model",
    "load_plan": "week.model",
    "plan_week": "week.planner",
    "describe_calendar": "week.export",
    "readable": "output.tables",
    "say": "output.prose",
    "text": "output.prose",
    "bullets": "output.prose",
    "coverage_svg": "output.charts",
    "minutes_svg": "output.charts",
    "weeks_svg": "output.charts",
    "least_reached": "progress.tables",
    "ProgressLog": "progress.store",
    "SourceError": "catalog.free_exercise_db.importer",
    "import_free_exercise_db": "catalog.free_exercise_db.importer",
    "translation_report": "catalog.report",
}

__all__ = [
    "DEFAULT_BREATHS_PER_MINUTE",
    "Catalog",
    "CatalogError",
    "CatalogWarning",
    "LanguageError",
    "PlanError",
    "PlanExistsError",
    "Problem",
    "ProgressBusyError",
    "ProgressError",
    "ProgressLog",
    "ProgressWarning",
    "Routine",
    "RoutineError",
    "RoutineExistsError",
    "RoutineItem",
    "SourceError",
    "Stretch",
    "WeekPlan",
    "bullets",
    "coverage_svg",
    "describe_calendar",
    "import_free_exercise_db",
    "item_seconds",
    "language",
    "languages",
    "least_reached",
    "load_catalog",
    "load_plan",
    "load_routine",
    "minutes_svg",
    "mss",
    "plan_week",
    "readable",
    "routines",
    "say",
    "set_language",
    "text",
    "translation_report",
    "warm_up",
    "weeks_svg",
]
__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)


def __getattr__(name: str) -> object:
    """The rest of the public API, imported when first asked for."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
