"""Why a muscle group falls short of its days in a plan, and the sentences that say so.

A group short of its days has one cause, found in this order:

- ``level``, ``equipment`` (or both, "level and equipment"; any limit of pool.LIMITS):
  no stretch the settings allow reaches it; the note names a stretch that would, and what
  it needs;
- ``catalogue``: no stretch in the catalogue reaches it at all;
- ``room``: days without it still have room for one of its stretches (an edited plan);
- ``days``: too few days have minutes enough for one of its stretches, however long they are;
- ``minutes``: enough days have minutes, but not enough are left on them; the note gives the
  minutes to add on which days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypedDict

import pandas as pd

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..catalog.vocabulary import Vocabulary
from ..timing.timeline import REST_S
from . import guidelines as g
from .budget import minutes_for, seconds_left, stretch_seconds
from .pool import LIMITS, candidates, held, limits, missing_equipment, planned_seconds, stand_ins
from .settings import DAY_NAMES, DAYS, PlannedWeek, PlanSettings

PLANNED = ("room", "days", "minutes")  # causes within the plan; any other: no stretch fits


class CheckedWeek(PlannedWeek, Protocol):
    """What the advice reads of a week plan (WeekPlan has it all)."""

    @property
    def catalog(self) -> Catalog: ...

    @property
    def extra_minutes(self) -> dict[str, int] | None: ...

    @property
    def reached(self) -> Mapping[str, tuple[str, ...]]: ...

    @property
    def seconds(self) -> Mapping[str, float | None]: ...

    def holds(self, day: str) -> list[Stretch]: ...

    def groups(self) -> list[str]: ...

    def minutes_per_day(self) -> pd.DataFrame: ...


class _Group(TypedDict):
    """The fields of a Shortfall that every cause has."""

    muscle: str
    label: str
    days: int
    target: int


@dataclass(frozen=True)
class Shortfall:
    """One group below its days a week, the cause, and what would mend it."""

    muscle: str
    label: str
    days: int
    target: int
    cause: str  # level | equipment | level and equipment | catalogue | room | days | minutes
    example: Stretch | None = None  # a stretch that would reach it
    needs: tuple[str, ...] = ()  # equipment the example needs (cause equipment)
    open_days: tuple[str, ...] = ()  # days with room (room) or minutes enough (days)
    extra: dict[str, int] = field(default_factory=dict)  # minutes to add per day (minutes)
    seconds: float = 0.0  # what the example takes in a plan, get-ready and rest left out

    @property
    def missing(self) -> int:
        """Days short of the target."""
        return self.target - self.days

    @property
    def stretch(self) -> Stretch:
        """The example: every cause has one but "catalogue" (no stretch reaches the group)."""
        if self.example is None:
            raise ValueError(f"a shortfall with cause {self.cause!r} names no stretch")
        return self.example

    def advice(self, vocabulary: Vocabulary) -> str:
        """One or two sentences for the group's row of the check."""
        head = (
            f"Stretched on {self.days} {plural(self.days, 'day')} a week; "
            f"it needs at least {self.target}."
        )
        if self.cause not in PLANNED:
            return f"{head} {_blocked(self, vocabulary)}"
        if self.cause == "room":
            days = [DAY_NAMES[DAYS.index(d)] for d in self.open_days]
            where = (
                "there"
                if len(days) == 1
                else ("to one of them" if self.missing == 1 else f"to {self.missing} of them")
            )
            return (
                f"{head} {listing(days)} {'has' if len(days) == 1 else 'have'} room: "
                f"add {self.stretch.name} {where}."
            )
        if self.cause == "days":
            return f"{head} {_capital(_days_sentence([self]))}"
        minutes = sum(self.extra.values())
        return (
            f"{head} About {minutes} more {plural(minutes, 'minute')} "
            f"({_per_day(self.extra)}) would fit {self.stretch.name}."
        )


def shortfalls(plan: CheckedWeek) -> list[Shortfall]:
    """Every group of the plan below its days a week, each with its cause, in check order."""
    settings, catalog = plan.settings, plan.catalog
    pool = candidates(catalog, settings)
    labels = catalog.vocabulary.labels["muscles"]
    left = _left(plan)
    found: list[Shortfall] = []
    for muscle in plan.groups():
        target = g.target_days(muscle, settings.focus)
        reached = plan.reached[muscle]
        days = len(reached)
        if days >= target:
            continue
        short: _Group = {"muscle": muscle, "label": labels[muscle], "days": days, "target": target}
        fits = [s for s in pool if muscle in s.primary]
        if not fits:
            found.append(_blocked_cause(short, catalog, settings, muscle))
            continue
        cost = {s.id: planned_seconds(s, settings.older_adult) for s in fits}
        cheapest = min(fits, key=lambda s: cost[s.id])
        without = [d for d in DAYS if d not in reached]
        room = [
            d for d in without if left[d] >= cost[cheapest.id] + (REST_S if plan.days[d] else 0.0)
        ]
        if len(room) >= target - days:
            found.append(
                Shortfall(
                    **short,
                    cause="room",
                    example=cheapest,
                    open_days=tuple(room),
                    seconds=cost[cheapest.id],
                )
            )
            continue
        usable = [d for d in without if stretch_seconds(settings.minutes[d]) >= cost[cheapest.id]]
        if len(usable) < target - days:
            with_time = tuple(
                d for d in DAYS if stretch_seconds(settings.minutes[d]) >= cost[cheapest.id]
            )
            found.append(
                Shortfall(
                    **short,
                    cause="days",
                    example=cheapest,
                    open_days=with_time,
                    seconds=cost[cheapest.id],
                )
            )
            continue
        extra = _extra_minutes(
            [(muscle, cheapest, cost[cheapest.id], usable, target - days)], plan, left
        )[muscle]
        found.append(
            Shortfall(
                **short,
                cause="minutes",
                example=cheapest,
                extra=extra,
                seconds=cost[cheapest.id],
                open_days=tuple(usable),
            )
        )
    return found


def minutes_to_add(plan: CheckedWeek, found: Sequence[Shortfall] | None = None) -> dict[str, int]:
    """Whole minutes to add per day so that the groups short of minutes fit, all together."""
    found = shortfalls(plan) if found is None else found
    wants = [
        (s.muscle, s.stretch, s.seconds, s.open_days, s.missing)
        for s in found
        if s.cause == "minutes"
    ]
    per_day: dict[str, int] = {}
    for extra in _extra_minutes(wants, plan, _left(plan)).values():
        for d, m in extra.items():
            per_day[d] = per_day.get(d, 0) + m
    return {d: per_day[d] for d in DAYS if d in per_day}


def _extra_minutes(
    wants: Sequence[tuple[str, Stretch, float, Sequence[str], int]],
    plan: CheckedWeek,
    left: Mapping[str, float],
) -> dict[str, dict[str, int]]:
    """Whole minutes to add per day so each group gets its stretch on the days it misses.

    ``wants`` holds (muscle, stretch, seconds it takes, days it could go on, days missing),
    taken in order: a stretch added for one group counts for every group it reaches, and
    the minutes added to a day are spent, so the next group on that day needs its own.
    """
    left = dict(left)
    added: dict[str, list[Stretch]] = {d: [] for d in DAYS}
    out: dict[str, dict[str, int]] = {}
    for muscle, stretch, seconds, usable, missing in wants:
        cost = {d: seconds + (REST_S if plan.days[d] or added[d] else 0.0) for d in usable}
        need = {
            d: 0.0
            if any(muscle in s.primary for s in added[d])
            else max(0.0, cost[d] - max(left[d], 0.0))
            for d in usable
        }
        chosen = sorted(usable, key=lambda d: (need[d], DAYS.index(d)))[:missing]
        out[muscle] = {}
        for d in sorted(chosen, key=DAYS.index):
            if need[d] == 0 and any(muscle in s.primary for s in added[d]):
                continue
            added[d].append(stretch)
            left[d] += need[d] - cost[d]
            if need[d] > 0:
                out[muscle][d] = max(1, math.ceil(need[d] / 60 - 1e-9))
    return out


def _left(plan: CheckedWeek) -> dict[str, float]:
    """Seconds each day's minutes leave after its routine."""
    return {d: seconds_left(plan.settings.minutes[d], plan.seconds[d]) for d in DAYS}


def _blocked_cause(
    short: _Group, catalog: Catalog, settings: PlanSettings, muscle: str
) -> Shortfall:
    """Why no allowed stretch reaches a group: the limits of the stretch that is held back least."""
    reaching = [s for s in held(catalog) if muscle in s.primary]
    if not reaching:
        return Shortfall(**short, cause="catalogue")
    best = min(
        reaching,
        key=lambda s: (
            len(limits(s, settings, catalog.vocabulary)),
            len(missing_equipment(s, settings, catalog.vocabulary)),
        ),
    )
    why = limits(best, settings, catalog.vocabulary)
    return Shortfall(
        **short,
        cause=" and ".join(w for w in LIMITS if w in why),
        example=best,
        needs=missing_equipment(best, settings, catalog.vocabulary),
    )


def notes(plan: CheckedWeek) -> list[str]:
    """Plain sentences: whether every group gets its days, and for each cause what to change."""
    found = shortfalls(plan)
    vocab = plan.catalog.vocabulary
    kit = [] if (note := stand_in_note(plan)) is None else [note]
    if not found:
        return [
            f"Every major muscle group is stretched on at least {g.MAJOR_DAYS} days"
            + (
                f" and every focus group on at least {g.FOCUS_DAYS}."
                if plan.settings.focus
                else "."
            ),
            *kit,
        ]
    out: list[str] = []
    blocked = dict.fromkeys(s.cause for s in found if s.cause not in PLANNED)
    for cause in sorted(blocked, key=lambda c: (c == "catalogue", c.count(" and "))):
        group = [s for s in found if s.cause == cause]
        out.append(_blocked_note(group, cause, vocab))
    room = [s for s in found if s.cause == "room"]
    if room:
        days = sorted({d for s in room for d in s.open_days}, key=DAYS.index)
        out.append(
            f"There is room on {listing([DAY_NAMES[DAYS.index(d)] for d in days], 'or')} "
            f"for {_groups(room)}: add a stretch for "
            f"{'it' if len(room) == 1 else 'them'} there, for example "
            f"{room[0].stretch.name}."
        )
    days_short = [s for s in found if s.cause == "days"]
    if days_short:
        out.append(
            f"More days, not more minutes, would reach {_groups(days_short)}: "
            + _days_sentence(days_short)
        )
        spare = _spare_minutes(plan)
        if spare:
            out.append(
                f"Stretching a group twice on one day does not count as two days, so "
                f"{spare} of the week's minutes are left free."
            )
    minutes = [s for s in found if s.cause == "minutes"]
    if minutes:
        per_day = plan.extra_minutes if plan.extra_minutes is not None else minutes_to_add(plan)
        total = sum(per_day.values())
        them = "it" if len(minutes) == 1 else "them"
        out.append(
            f"The minutes on your days are too few for {_groups(minutes)}: about "
            f"{total} more {plural(total, 'minute')} a week ({_per_day(per_day)}) "
            f"would cover {them}."
        )
    return out + kit


def stand_in_note(plan: CheckedWeek) -> str | None:
    """What the person owns that the plan uses in place of equipment they lack, in words
    ("for a cushion, the mat folded double"); None when nothing stands in."""
    vocab = plan.catalog.vocabulary
    used: dict[str, str] = {}
    for day in DAYS:
        routine = plan.days[day]
        for stretch in routine.stretches if routine else ():
            for needed, (_owned, how) in stand_ins(stretch, plan.settings, vocab).items():
                used.setdefault(needed, how)
    if not used:
        return None
    ways = [
        f"for {_article(vocab.label('equipment', e).lower())}, {how}" for e, how in used.items()
    ]
    return f"What you own stands in where a stretch asks for more: {'; '.join(ways)}."


def _blocked(short: Shortfall, vocabulary: Vocabulary) -> str:
    """The sentence of a check row whose group no allowed stretch reaches."""
    if short.cause == "catalogue":
        return "No stretch in the catalogue reaches it."
    return (
        f"No stretch that suits your {short.cause} reaches it; "
        f"{short.stretch.name} would, {_what_it_takes(short, vocabulary)}."
    )


def _blocked_note(group: Sequence[Shortfall], cause: str, vocabulary: Vocabulary) -> str:
    """One note for the groups that no stretch within the settings' limits reaches."""
    if cause == "catalogue":
        return f"No stretch in the catalogue reaches {_groups(group, 'or')}."
    ways = [
        f"{s.stretch.name} would reach the {_short_label(s)} {_what_it_takes(s, vocabulary)}"
        for s in group[:3]
    ]
    return f"No stretch that suits your {cause} reaches {_groups(group, 'or')}: {'; '.join(ways)}."


def _what_it_takes(short: Shortfall, vocabulary: Vocabulary) -> str:
    """ "with a strap or towel", "at the intermediate level", or both."""
    parts: list[str] = []
    if short.needs:
        parts.append(
            "with "
            + listing([_article(vocabulary.label("equipment", e).lower()) for e in short.needs])
        )
    for limit in short.cause.split(" and "):
        if limit == "level":
            parts.append(f"at the {short.stretch.level} level")
        elif limit != "equipment":
            parts.append(f"if your {limit} allowed it")
    return ", ".join(parts)


def _days_sentence(group: Sequence[Shortfall]) -> str:
    """Which days have time for a stretch, and how many more days would need some."""
    with_time = [DAY_NAMES[DAYS.index(d)] for d in group[0].open_days]
    more = max(s.missing - max(0, len(s.open_days) - s.days) for s in group)
    more = max(more, 1)
    minutes = minutes_for(max(s.seconds for s in group))
    if not with_time:
        have = "no day has time for a stretch for it"
    else:
        have = (
            f"only {listing(with_time)} {'has' if len(with_time) == 1 else 'have'} "
            f"time for a stretch"
        )
    return (
        f"{have}. Give {more} more {plural(more, 'day')} at least {minutes} "
        f"{plural(minutes, 'minute')}."
    )


def _spare_minutes(plan: CheckedWeek) -> int:
    """Whole minutes of the settings the plan leaves unused."""
    frame = plan.minutes_per_day()
    return int((frame["available"] - frame["planned"]).clip(lower=0).sum())


def _per_day(extra: Mapping[str, int]) -> str:
    """ "1 on Monday and 2 on Thursday"; "on Wednesday" when there is one day."""
    days = sorted(extra, key=DAYS.index)
    if len(days) == 1:
        return f"on {DAY_NAMES[DAYS.index(days[0])]}"
    return listing([f"{extra[d]} on {DAY_NAMES[DAYS.index(d)]}" for d in days])


def _groups(group: Sequence[Shortfall], word: str = "and") -> str:
    """ "the hamstrings (1 of 3 days) and the calves and ankles (0 of 2 days)"; beyond four
    groups, the first three and how many more."""
    named = [f"the {_short_label(s)} ({s.days} of {s.target} days)" for s in group]
    if len(named) > 4:
        named = [*named[:3], f"{len(named) - 3} other groups"]
    return listing(named, word)


def _short_label(short: Shortfall) -> str:
    return short.label[0].lower() + short.label[1:]


def listing(items: Iterable[str], word: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def plural(n: float, word: str) -> str:
    """The word, with an s unless n is one."""
    return word if n == 1 else f"{word}s"


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
