"""What a run really held: the end screen's minutes and the stretches skipped or cut short.

A run is the spans of the timeline that really ran, as (start, end) seconds (``Timer.lived``
in Python, the same in the browser's walker, handbook/widgets/guide.js, whose ``summary``
mirrors this module: tests/timing/test_walker.py holds the two together).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypedDict

from .timeline import Phase

__all__ = ["HELD_KINDS", "SLACK_S", "RunSummary", "run_summary", "summary_words"]

HELD_KINDS = ("hold", "move")
"""The phases that count as stretching done: holds, and the reps of a movement."""
SLACK_S = 1.0
"""Within this many seconds of its plan a stretch counts as done in full; under it, as skipped."""


class RunSummary(TypedDict):
    """Seconds held and planned in a run, and the stretches skipped and cut short, by name."""

    held: float
    planned: float
    skipped: list[str]
    short: list[str]


def run_summary(phases: Sequence[Phase], spans: Iterable[tuple[float, float]]) -> RunSummary:
    """Seconds held and planned, and the names of the stretches skipped and cut short."""
    spans = tuple(spans)
    held: dict[int, float] = {}
    planned: dict[int, float] = {}
    names: dict[int, str] = {}
    for phase in phases:
        names.setdefault(phase.item, phase.name)
        if phase.kind not in HELD_KINDS:
            continue
        planned[phase.item] = planned.get(phase.item, 0.0) + phase.duration
        held[phase.item] = held.get(phase.item, 0.0) + sum(
            max(0.0, min(end, phase.end) - max(start, phase.start)) for start, end in spans
        )
    skipped = [names[i] for i in sorted(planned) if held[i] < SLACK_S]
    short = [names[i] for i in sorted(planned) if SLACK_S <= held[i] < planned[i] - SLACK_S]
    return {
        "held": sum(held.values()),
        "planned": sum(planned.values()),
        "skipped": skipped,
        "short": short,
    }


def _mss(seconds: float) -> str:
    """Seconds as M:SS, rounded half up as the browser rounds."""
    whole = max(0, math.floor(seconds + 0.5))  # half up, as the browser rounds
    return f"{whole // 60}:{whole % 60:02d}"


def _names(names: list[str]) -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summary_words(summary: RunSummary) -> tuple[str, str]:
    """The end screen's two lines: what was held, and what was skipped or cut short."""
    held = f"{_mss(summary['held'])} of stretching held, of {_mss(summary['planned'])} planned"
    parts: list[str] = []
    if summary["skipped"]:
        parts.append(f"Skipped: {_names(summary['skipped'])}.")
    if summary["short"]:
        parts.append(f"Cut short: {_names(summary['short'])}.")
    return held, " ".join(parts) or "Every stretch held in full."
