"""An interactive stretch handbook for Jupyter: stretches, timers, routines and a week plan.

General information, not medical advice: stop on sharp pain.
"""

from .catalog import Catalog, CatalogWarning, load_catalog
from .errors import CatalogError, Problem
from .stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch

__all__ = [
    "DEFAULT_BREATHS_PER_MINUTE",
    "Catalog",
    "CatalogError",
    "CatalogWarning",
    "Problem",
    "Stretch",
    "load_catalog",
]
__version__ = "0.1.0"
