"""Figures of issue 27: the catalogue in Spanish at start-up, and switching language warm."""

from __future__ import annotations

import warnings

import handbook
from handbook.catalog import CatalogWarning

from .common import Figure, median_time, process_cpu_times

SPANISH_START = (
    "import warnings; warnings.simplefilter('ignore'); import handbook; "
    "handbook.load_catalog(language='es').stretches"
)
ENGLISH_START = "import handbook; handbook.load_catalog().stretches"


def _switch() -> None:
    handbook.set_language("es")
    handbook.load_catalog()
    handbook.set_language("en")
    handbook.load_catalog()


def figures() -> list[Figure]:
    """Measure this issue's figures."""
    found = []
    bare, english, spanish = process_cpu_times(
        ["import pandas", ENGLISH_START, SPANISH_START], repeat=11
    )
    found.append(
        Figure(
            "import handbook + load the catalogue in Spanish (CPU)",
            spanish * 1000,
            "ms",
            "<= 1.15x import pandas",
            spanish <= 1.15 * bare,
            bare * 1000,
            "import pandas",
        )
    )
    found.append(
        Figure(
            "  the same in English, this run (CPU)",
            english * 1000,
            "ms",
            "(as measured)",
            True,
            bare * 1000,
            "import pandas",
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        _switch()  # both languages read once: what follows is a switch at run time
        took = median_time(_switch, repeat=9) / 2  # two switches a run
    handbook.set_language("en")
    found.append(
        Figure(
            "switch language (set_language + load_catalog, warm)",
            took * 1000,
            "ms",
            "< 50 ms",
            took < 0.05,
        )
    )
    return found
