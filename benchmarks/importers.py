"""Figures of the free-exercise-db importer: converting the real file, loading what it made."""

from __future__ import annotations

import functools
import itertools
import json
import os
import tempfile
from pathlib import Path

import handbook
from handbook.catalog.free_exercise_db.importer import import_free_exercise_db

from .common import Figure, median_time

# The shared copy sits beside the checkout (../shared), on developers' machines and in CI.
SHARED_COPY = Path(
    os.environ.get(
        "FREE_EXERCISE_DB",
        Path(__file__).resolve().parents[2] / "shared/datasets/free-exercise-db/exercises.json",
    )
)


def _load(folder: Path | None) -> None:
    cat = handbook.load_catalog(folder, builtin=folder is not None)
    cat.stretches, cat.targets, cat.steps  # noqa: B018 - build the tables too


def figures() -> list[Figure]:
    """Measure the importer's figures; none when the shared copy of the file is absent."""
    if not SHARED_COPY.is_file():
        return []
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = (Path(tmp) / f"run-{n}" for n in itertools.count())  # a new folder each run
        took = median_time(lambda: import_free_exercise_db(SHARED_COPY, next(fresh)), repeat=5)
        parse = median_time(lambda: json.loads(SHARED_COPY.read_bytes()), repeat=5)
        found.append(
            Figure(
                "import free-exercise-db (123 stretches of 873 entries)",
                took * 1000,
                "ms",
                "< 1 s",
                took < 1.0,
                parse * 1000,
                "json.load of the file",
            )
        )
        folder = Path(tmp) / "run-0"
        n = len(list(folder.glob("*.toml")))
        both = median_time(lambda: _load(folder), repeat=5)
        alone = median_time(lambda: _load(None), repeat=5)
        found.append(
            Figure(
                f"load the built-in catalogue + {n} imported stretches",
                both * 1000,
                "ms",
                "< 500 ms",
                both < 0.5,
                alone * 1000,
                "built-in catalogue alone",
            )
        )
        merged = handbook.load_catalog(folder, builtin=True)
        builtin = handbook.load_catalog()
        week = functools.partial(
            handbook.plan_week, minutes=10, focus=["hamstrings"], level="advanced"
        )
        plan = median_time(lambda: week(merged), repeat=21)
        base = median_time(lambda: week(builtin), repeat=21)
        found.append(
            Figure(
                f"plan_week on built-in + imported ({len(merged)})",
                plan * 1000,
                "ms",
                "median < 50 ms",
                plan < 0.05,
                base * 1000,
                "built-in only",
            )
        )
    return found


if __name__ == "__main__":
    from .common import print_table

    print_table(figures())
