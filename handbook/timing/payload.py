"""What the browser's player is sent: a timeline as plain data, with the words it speaks.

The kernel builds this once per timeline; the browser walks it on its own clock (see
``handbook/widgets/guide.js``, whose walker mirrors ``Timer``) and sounds, speaks and shows
what it holds. Everything is JSON-able: numbers, strings, lists, dicts and None.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal, TypedDict

from .clock import BACK_GRACE_S
from .timeline import MAX_BPM, MIN_BPM, Kind, Phase, Side

__all__ = [
    "LAST_COUNT_S",
    "Cue",
    "PlayerItem",
    "PlayerPhase",
    "PlayerTimeline",
    "player_timeline",
    "spoken",
]

LAST_COUNT_S = 3.0  # "last three" is said this many seconds before a hold ends
_LAST_WORDS = "Last three"
_DONE_WORDS = "Done"
_ids = itertools.count(1)  # each timeline gets its own id; events name the one they are about


class PlayerPhase(TypedDict):
    """One phase as the player shows it: its kind, span, label, stretch, side and rep."""

    kind: Kind
    start: float
    end: float
    label: str
    stretch: str
    name: str
    item: int
    side: Side | None
    rep: int
    reps: int  # the reps of its stretch
    next: str | None  # the stretch that follows, on the phase that leads to it


class PlayerItem(TypedDict):
    """One stretch of the timeline: its id and name."""

    stretch: str
    name: str


class Cue(TypedDict):
    """Words said and a tone sounded at a moment of the timeline (seconds from its start)."""

    at: float
    say: str
    tone: Kind | Literal["done"] | None


class PlayerTimeline(TypedDict):
    """The whole timeline sent to the browser's player."""

    id: int
    total: float
    bpm: float
    back_grace: float
    phases: list[PlayerPhase]
    items: list[PlayerItem]
    cues: list[Cue]


def _side_words(phase: Phase) -> str:
    """The side as the label says it ("left side", "right knee down"), or "" for none."""
    return phase.label.partition(": ")[2].strip() if phase.side else ""


def spoken(phase: Phase) -> str:
    """The words said as a phase begins."""
    if phase.kind == "ready":
        return f"Get ready: {phase.name}"
    if phase.kind == "hold":
        side = _side_words(phase)
        return f"{phase.name}, {side}" if side else phase.name
    if phase.kind == "rest" and phase.next_name:
        return f"Rest; next up: {phase.next_name}"
    return phase.label


def player_timeline(phases: Sequence[Phase], *, breaths_per_minute: float) -> PlayerTimeline:
    """The timeline for the browser's player: phases, cues (words and tones) and the pace."""
    phases = tuple(phases)
    if not phases:
        raise ValueError("a player needs at least one phase")
    if not MIN_BPM <= breaths_per_minute <= MAX_BPM:
        raise ValueError(
            f"breaths_per_minute must be between {MIN_BPM:g} and {MAX_BPM:g}, "
            f"got {breaths_per_minute!r}"
        )
    cues: list[Cue] = []
    for phase in phases:
        cues.append({"at": phase.start, "say": spoken(phase), "tone": phase.kind})
        if phase.kind == "hold" and phase.duration >= 2 * LAST_COUNT_S:
            cues.append({"at": phase.end - LAST_COUNT_S, "say": _LAST_WORDS, "tone": None})
    total = phases[-1].end
    cues.append({"at": total, "say": _DONE_WORDS, "tone": "done"})
    items: dict[int, PlayerItem] = {}
    reps: dict[int, int] = {}
    for phase in phases:
        items.setdefault(phase.item, {"stretch": phase.stretch, "name": phase.name})
        reps[phase.item] = max(reps.get(phase.item, 1), phase.rep)
    return {
        "id": next(_ids),
        "total": total,
        "bpm": float(breaths_per_minute),
        "back_grace": BACK_GRACE_S,
        "phases": [
            {
                "kind": p.kind,
                "start": p.start,
                "end": p.end,
                "label": p.label,
                "stretch": p.stretch,
                "name": p.name,
                "item": p.item,
                "side": p.side,
                "rep": p.rep,
                "reps": reps[p.item],
                "next": p.next_name,
            }
            for p in phases
        ],
        "items": [items[n] for n in sorted(items)],
        "cues": sorted(cues, key=lambda cue: cue["at"]),
    }
