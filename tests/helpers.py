"""What many test modules share: a valid stretch to vary, a fake clock, the built-in catalogue."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import tomli_w

import handbook

VALID = {
    "name": "Test calf stretch",
    "summary": "Stretches the calf against a wall.",
    "primary": ["calves"],
    "secondary": ["hamstrings"],
    "position": "standing",
    "equipment": ["wall"],
    "level": "beginner",
    "sides": "each",
    "hold": {"seconds": 30},
    "reps": 2,
    "steps": ["Face the wall.", "Step one foot back.", "Press the heel down."],
    "cues": ["A pull in the calf."],
    "mistakes": ["Lifting the heel."],
    "cautions": ["Skip it with a calf injury."],
    "tags": ["after-run"],
    "source": "Test data",
}


def write_stretch(folder: Path, sid: str, **fields) -> Path:
    """Write a valid stretch file, with some fields replaced (None removes a field)."""
    data = {k: v for k, v in (VALID | fields).items() if v is not None}
    path = folder / f"{sid}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tomli_w.dumps(data).encode())
    return path


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def run_in_fresh_loop(scenario):
    """Run a coroutine function in a thread of its own: Playwright's sync API may hold this
    thread's event loop when the browser tests ran first."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


@cache
def builtin_catalog() -> handbook.Catalog:
    """The built-in catalogue, loaded once per test session (the ``catalog`` fixture)."""
    return handbook.load_catalog()
