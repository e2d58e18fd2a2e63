"""Figures of issue 4: planning a week, fast enough to re-plan on every change in the widget."""

from __future__ import annotations

import tempfile
from pathlib import Path

import handbook

from .catalog import generated_catalogue
from .common import Figure, median_time

SETTINGS = {"minutes": {"Mon": 10, "Tue": 10, "Wed": 15, "Thu": 10, "Fri": 10, "Sat": 20},
            "focus": ["lower back", "hamstrings"], "level": "advanced"}


def figures() -> list[Figure]:
    """Median time of plan_week on the built-in catalogue and on 1,000 generated stretches."""
    builtin = handbook.load_catalog()
    small = median_time(lambda: handbook.plan_week(builtin, **SETTINGS), repeat=21)
    with tempfile.TemporaryDirectory() as tmp:
        big_cat = handbook.load_catalog(generated_catalogue(Path(tmp) / "big", 1000))
    big = median_time(lambda: handbook.plan_week(big_cat, **SETTINGS), repeat=21)
    return [
        Figure(f"plan_week, built-in catalogue ({len(builtin)})", small * 1000, "ms",
               "median < 50 ms", small < 0.05),
        Figure("plan_week, 1,000 stretches", big * 1000, "ms", "median < 50 ms", big < 0.05,
               small * 1000, "built-in"),
    ]
