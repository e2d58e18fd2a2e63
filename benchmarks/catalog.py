"""Figures of issues 2 and 14: start-up cost, and loading catalogues (movements among them)."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import tomli

import handbook
from handbook.paths import builtin_data_dir

from .common import Figure, median_time, process_cpu_times, process_time


def generated_catalogue(folder: Path, size: int) -> Path:
    """A folder of size stretch files, cycling through the built-in ones under new ids.

    A stretch to do instead names its copy in the first cycle, so size must cover one.
    The built-in catalogue holds movements, so about one generated entry in six is one.
    """
    sources = sorted((builtin_data_dir() / "stretches").glob("*.toml"))
    if size < len(sources):
        raise ValueError(f"a generated catalogue needs at least {len(sources)} stretches")
    first = {path.stem: f"{path.stem}-{n:05d}" for n, path in enumerate(sources)}
    instead = re.compile(r'instead = "([a-z0-9-]+)"')
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        source = sources[n % len(sources)]
        text = instead.sub(
            lambda m: f'instead = "{first[m[1]]}"', source.read_text(encoding="utf-8")
        )
        (folder / f"{source.stem}-{n:05d}.toml").write_text(text, encoding="utf-8")
    return folder


def _parse_only(folder: Path) -> None:
    for path in sorted(folder.glob("*.toml")):
        tomli.loads(path.read_text(encoding="utf-8"))


def _load(folder: Path) -> None:
    cat = handbook.load_catalog(folder)
    cat.stretches, cat.targets, cat.steps  # noqa: B018 - build the tables too


def _timelines(cat: handbook.Catalog) -> None:
    """Every entry timed on its own: a movement is a phase per part of each rep."""
    from handbook.timing.timeline import TimedItem, build_phases

    for stretch in cat:
        build_phases([TimedItem.from_stretch(stretch)])


def figures() -> list[Figure]:
    """Measure this issue's figures."""
    found = []
    start = "import handbook; handbook.load_catalog().stretches"
    # CPU time, the target: on a machine shared with other work the wall clock counts the
    # time others hold the cores (the two figures alternate, so both see the same machine).
    bare, full = process_cpu_times(["import pandas", start], repeat=11)
    found.append(
        Figure(
            "import handbook + load built-in catalogue (CPU)",
            full * 1000,
            "ms",
            "<= 1.15x import pandas",
            full <= 1.15 * bare,
            bare * 1000,
            "import pandas",
        )
    )
    bare, full = process_time("import pandas"), process_time(start)
    found.append(
        Figure(
            "  the same, wall clock",
            full * 1000,
            "ms",
            "(as measured)",
            True,
            bare * 1000,
            "import pandas",
        )
    )
    per_stretch = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (100, 1000):
            folder = generated_catalogue(Path(tmp) / str(size), size)
            took = median_time(functools.partial(_load, folder), repeat=5)
            parse = median_time(functools.partial(_parse_only, folder), repeat=5)
            per_stretch[size] = took / size
            moving = len(handbook.load_catalog(folder).find(kind="movement"))
            target, met = ("< 500 ms", took < 0.5) if size == 1000 else ("(for growth)", True)
            found.append(
                Figure(
                    f"load a catalogue of {size} entries ({moving} movements)",
                    took * 1000,
                    "ms",
                    target,
                    met,
                    parse * 1000,
                    "TOML parse only",
                )
            )
        cat = handbook.load_catalog(folder)
        timed = median_time(lambda: _timelines(cat), repeat=5)
        found.append(
            Figure(
                "time every one of the 1,000 entries (build_phases)",
                timed * 1000,
                "ms",
                "< 500 ms",
                timed < 0.5,
            )
        )
    growth = per_stretch[1000] / per_stretch[100]
    found.append(
        Figure(
            "time per stretch, 1,000 against 100", growth, "x", "<= 1.3x (linear)", growth <= 1.3
        )
    )
    return found
