"""Figures of issue 4: planning a week, fast enough to re-plan on every change in the widget."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import handbook
from handbook.catalog import search

from .catalog import generated_catalogue
from .common import Figure, median_cpu_time

WEEK = functools.partial(
    handbook.plan_week,
    minutes={"Mon": 10, "Tue": 10, "Wed": 15, "Thu": 10, "Fri": 10, "Sat": 20},
    focus=["lower back", "hamstrings"],
    level="advanced",
)


def figures() -> list[Figure]:
    """Median time of plan_week (and of notes that re-plan) on the built-in catalogue and on
    1,000 generated stretches, and of a word search: CPU time, pure computing."""
    builtin = handbook.load_catalog()
    small = median_cpu_time(lambda: WEEK(builtin), repeat=21)
    with tempfile.TemporaryDirectory() as tmp:
        big_cat = handbook.load_catalog(generated_catalogue(Path(tmp) / "big", 1000))
        big = median_cpu_time(lambda: WEEK(big_cat), repeat=21)
        # Short of minutes: the notes' minutes are checked by planning again with them.
        short = median_cpu_time(lambda: handbook.plan_week(builtin, minutes=3).notes(), repeat=21)
        short_big = median_cpu_time(
            lambda: handbook.plan_week(big_cat, minutes=3).notes(), repeat=11
        )
        index = median_cpu_time(lambda: search.build_index(big_cat), repeat=5)
        words = median_cpu_time(lambda: big_cat.find(text="kneeling hamstring"), repeat=21)
    return [
        Figure(
            f"plan_week, built-in catalogue ({len(builtin)})",
            small * 1000,
            "ms",
            "median < 50 ms",
            small < 0.05,
        ),
        Figure(
            "plan_week, 1,000 stretches",
            big * 1000,
            "ms",
            "median < 50 ms",
            big < 0.05,
            small * 1000,
            "built-in",
        ),
        Figure(
            "plan_week + notes, 3 min a day (minutes checked)",
            short * 1000,
            "ms",
            "median < 100 ms",
            short < 0.1,
            small * 1000,
            "plan_week",
        ),
        Figure(
            "plan_week + notes, 3 min a day, 1,000 stretches",
            short_big * 1000,
            "ms",
            "median < 250 ms",
            short_big < 0.25,
            big * 1000,
            "plan_week",
        ),
        Figure(
            "word-search index of 1,000 stretches (built once)",
            index * 1000,
            "ms",
            "median < 500 ms",
            index < 0.5,
        ),
        Figure(
            "find(text=...) on 1,000 stretches",
            words * 1000,
            "ms",
            "median < 50 ms (as you type)",
            words < 0.05,
        ),
    ]
