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

from ..i18n import N_, _, language
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
    "voice_language",
    "words",
]

BACK_GRACE_S = 2.0  # Back within this many seconds of a part's start goes to the one before
LAST_COUNT_S = 3.0  # "last three" is said this many seconds before a hold ends
COUNTDOWN_S = (3.0, 2.0, 1.0)  # a short tone this many seconds before each change
_LAST_WORDS = N_("Last three")
_DONE_WORDS = N_("Done")
VOICES = {"en": "en", "es": "es-ES"}
"""The language a browser's voice speaks for each of the handbook's (BCP 47; the browser picks
a voice for it)."""
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
    words: dict[str, str]
    lang: str


def voice_language() -> str:
    """The language the browser's voice is asked to speak: the handbook's ("es-ES", "en").

    >>> voice_language()
    'en'
    """
    return VOICES.get(language(), language())


def words() -> dict[str, str]:
    """Every word the player shows or says that is not in the timeline, in the language now.

    The player (``guide.js``) writes no word of its own: its buttons, labels, statuses and end
    screen come from here, with ``{name}`` placeholders it fills.

    >>> words()["well_done"], words()["stretch_of"]
    ('Well done!', 'Stretch {n} of {count}')
    """
    return {
        "done": _(_DONE_WORDS),
        "breathe_in": _("Breathe in"),
        "breathe_out": _("Breathe out"),
        "breathe_freely": _("Breathe freely"),
        # Translators: the player's buttons.
        "start": _("Start"),
        "pause": _("Pause"),
        # Translators: a button of the class's player: to the stretch before.
        "back": _("Back"),
        # Translators: a button of the class's player: to the next stretch.
        "next": _("Next"),
        "reset": _("Reset"),
        # Translators: a button of the timer: to the next part.
        "skip": _("Skip"),
        # Translators: a button: the class fills the screen.
        "present": _("Present"),
        "leave_full_screen": _("Leave full screen"),
        "mute": _("Mute"),
        "muted": _("Muted"),
        "mute_title": _("Mute the tones, the 3-2-1 countdown included"),
        # Translators: a button: the voice that says the cues (before it shows on or off).
        "voice": _("Voice"),
        "voice_on": _("Voice on"),
        "voice_off": _("Voice off"),
        # Translators: a button: larger text and buttons.
        "large": _("Large"),
        "large_title": _("Larger text and buttons"),
        "label": _("Guided timer: Space starts and pauses, arrows move, R resets"),
        "phase_bar": _("This part"),
        "total_bar": _("The whole timer"),
        "stretch_of": _("Stretch {n} of {count}"),
        "stretch_of_name": _("Stretch {n} of {count}: {name}"),
        "next_up": _("Next up: {name}"),
        "next_end": _("Next up: the end of the class"),
        "left_in_class": _("{time} left in the class"),
        # Translators: the whole timer's length: "4:30 in all".
        "in_all": _("{time} in all"),
        "held": _("{held} of stretching held, of {planned} planned"),
        "skipped": _("Skipped: {names}."),
        "cut_short": _("Cut short: {names}."),
        "all_held": _("Every stretch held in full."),
        # Translators: the last of a list of names: "A, B and C".
        "and": _("{names} and {last}"),
        "well_done": _("Well done!"),
        "class_over": _("The class is over"),
        # Translators: what a screen reader hears as a part begins: "Hold: Neck turn".
        "announce": _("{label}: {name}"),
        # Translators: a movement's side, as a screen reader hears it: "Cat-cow, left leg".
        "announce_side": _("{name}, {side}"),
        "gone": _(
            "The kernel has stopped: this run is not being recorded. "
            "Run the cell again to reconnect."
        ),
    }


def spoken(phase: Phase) -> str:
    """The words said as a phase begins; a switch says which side comes, in the stretch's words."""
    if phase.kind == "ready":
        return _("Get ready: {name}").format(name=phase.name)
    if phase.kind == "hold":
        if phase.side_name:
            # Translators: said as a hold begins: the stretch, then its side.
            return _("{name}, {side}").format(name=phase.name, side=phase.side_name)
        return phase.name
    if phase.kind == "switch" and phase.side_name:
        return _("Switch sides: now {side}").format(side=phase.side_name)
    if phase.kind == "rest" and phase.next_name:
        return _("Rest; next up: {name}").format(name=phase.next_name)
    return phase.label


def shown(phase: Phase, reps: int) -> str:
    """The label as the player shows it: the round of a hold, what a rest or switch leads to."""
    if phase.kind == "switch" and phase.side_name:
        return _("Switch sides: now {side}").format(side=phase.side_name)
    if reps > 1 and phase.kind == "hold":
        # Translators: a hold's label and its round: "Hold: left leg (1 of 3)".
        return _("{label} ({rep} of {reps})").format(label=phase.label, rep=phase.rep, reps=reps)
    if reps > 1 and phase.kind == "rest" and phase.next_name is None and phase.rep > 1:
        return (
            _("Rest, then the last round")
            if phase.rep == reps
            else _("Rest, then round {rep} of {reps}").format(rep=phase.rep, reps=reps)
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
            cues.append({"at": phase.end - LAST_COUNT_S, "say": _(_LAST_WORDS), "tone": None})
    starts = {phase.start for phase in phases}  # a tone sounds there already (a movement's count)
    for start, end in _parts(phases):  # 3, 2, 1 before each change, where the part is long enough
        cues += [
            {"at": end - before, "say": "", "tone": "count"}
            for before in COUNTDOWN_S
            if end - before > start and end - before not in starts
        ]
    total = phases[-1].end
    cues.append({"at": total, "say": _(_DONE_WORDS), "tone": "done"})
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
        "words": words(),
        "lang": voice_language(),
    }
