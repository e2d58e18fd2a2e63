"""What the browser's player is sent: a timeline as plain data, with the words it speaks.

The kernel builds this once per timeline; the browser walks it on its own clock (its walker,
in ``handbook/widgets/guide.js``, is the one clock that runs) and sounds, speaks and shows
what it holds. ``spans`` are what a progress log records (each hold, each side of a
movement): the browser reports each by its index with the seconds really held (see
``timing.events``). Everything is JSON-able: numbers, strings, lists, dicts and None.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal, TypedDict

from .timeline import MAX_BPM, MIN_BPM, Kind, Phase, Side, recorded_spans

__all__ = [
    "BACK_GRACE_S",
    "COUNTDOWN_S",
    "LAST_COUNT_S",
    "Cue",
    "PlayerItem",
    "PlayerPhase",
    "PlayerSpan",
    "PlayerTimeline",
    "player_timeline",
    "shown",
    "spoken",
]

BACK_GRACE_S = 2.0  # Back within this many seconds of a part's start goes to the one before
LAST_COUNT_S = 3.0  # "last three" is said this many seconds before a hold ends
COUNTDOWN_S = (3.0, 2.0, 1.0)  # a short tone this many seconds before each change
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
    side_name: str | None  # the stretch's name for the side ("left leg behind")
    shown: str  # the label as the player shows it ("Rest, then the last round")


class PlayerSpan(TypedDict):
    """What one progress record covers: a hold, or one side of a movement (all its reps)."""

    start: float
    end: float
    item: int
    stretch: str
    side: Side | None


class PlayerItem(TypedDict):
    """One stretch of the timeline: its id and name."""

    stretch: str
    name: str


class Cue(TypedDict):
    """Words said and a tone sounded at a moment of the timeline (seconds from its start)."""

    at: float
    say: str
    tone: Kind | Literal["done", "count"] | None


class PlayerTimeline(TypedDict):
    """The whole timeline sent to the browser's player."""

    id: int
    total: float
    bpm: float
    back_grace: float
    phases: list[PlayerPhase]
    spans: list[PlayerSpan]
    items: list[PlayerItem]
    cues: list[Cue]


def spoken(phase: Phase) -> str:
    """The words said as a phase begins; a switch says which side comes, in the stretch's words."""
    if phase.kind == "ready":
        return f"Get ready: {phase.name}"
    if phase.kind == "hold":
        return f"{phase.name}, {phase.side_name}" if phase.side_name else phase.name
    if phase.kind == "switch" and phase.side_name:
        return f"Switch sides: now {phase.side_name}"
    if phase.kind == "rest" and phase.next_name:
        return f"Rest; next up: {phase.next_name}"
    return phase.label


def shown(phase: Phase, reps: int) -> str:
    """The label as the player shows it: the round of a hold, what a rest or switch leads to."""
    if phase.kind == "switch" and phase.side_name:
        return f"Switch sides: now {phase.side_name}"
    if reps > 1 and phase.kind == "hold":
        return f"{phase.label} ({phase.rep} of {reps})"
    if reps > 1 and phase.kind == "rest" and phase.next_name is None and phase.rep > 1:
        return (
            "Rest, then the last round"
            if phase.rep == reps
            else (f"Rest, then round {phase.rep} of {reps}")
        )
    return phase.label


def _parts(phases: Sequence[Phase]) -> list[tuple[float, float]]:
    """The parts a person lives as one: each phase, but a movement's side (all its reps) once."""
    parts: list[tuple[float, float]] = []
    previous: Phase | None = None
    for phase in phases:
        same_run = (
            previous is not None
            and phase.kind == previous.kind == "move"
            and (phase.item, phase.side) == (previous.item, previous.side)
        )
        if same_run:
            parts[-1] = (parts[-1][0], phase.end)
        else:
            parts.append((phase.start, phase.end))
        previous = phase
    return parts


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
    starts = {phase.start for phase in phases}  # a tone sounds there already (a movement's count)
    for start, end in _parts(phases):  # 3, 2, 1 before each change, where the part is long enough
        cues += [
            {"at": end - before, "say": "", "tone": "count"}
            for before in COUNTDOWN_S
            if end - before > start and end - before not in starts
        ]
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
                "side_name": p.side_name,
                "shown": shown(p, reps[p.item]),
            }
            for p in phases
        ],
        "spans": [
            {
                "start": span.start,
                "end": span.end,
                "item": span.item,
                "stretch": span.stretch,
                "side": span.side,
            }
            for span in recorded_spans(phases)
        ],
        "items": [items[n] for n in sorted(items)],
        "cues": sorted(cues, key=lambda cue: cue["at"]),
    }
