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
from ..i18n import N_, _, ngettext
from ..timing.timeline import REST_S
from . import guidelines as g
from .budget import minutes_for, seconds_left, stretch_seconds
from .pool import LIMITS, candidates, held, limits, missing_equipment, planned_seconds, stand_ins
from .settings import DAYS, PlannedWeek, PlanSettings, day_name

PLANNED = ("room", "days", "minutes")  # causes within the plan; any other: no stretch fits

# What keeps a stretch out, as a note names it (a cause joins LIMITS with " and ").
_SUITS = {
    "level": N_("your level"),
    "equipment": N_("your equipment"),
    "conditions": N_("your conditions"),
    "level and equipment": N_("your level and equipment"),
    "level and conditions": N_("your level and conditions"),
    "equipment and conditions": N_("your equipment and conditions"),
    "level and equipment and conditions": N_("your level and equipment and conditions"),
}


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
            raise ValueError(
                _("a shortfall with cause {cause} names no stretch").format(cause=repr(self.cause))
            )
        return self.example

    def advice(self, vocabulary: Vocabulary) -> str:
        """One or two sentences for the group's row of the check."""
        head = ngettext(
            "Stretched on {days} day a week; it needs at least {target}.",
            "Stretched on {days} days a week; it needs at least {target}.",
            self.days,
        ).format(days=self.days, target=self.target)
        if self.cause not in PLANNED:
            return f"{head} {_blocked(self, vocabulary)}"
        if self.cause == "room":
            days = [day_name(d) for d in self.open_days]
            if len(days) == 1:
                room = _("{day} has room: add {stretch} there.")
            elif self.missing == 1:
                room = _("{day} have room: add {stretch} to one of them.")
            else:
                room = _("{day} have room: add {stretch} to {n} of them.")
            text = room.format(day=listing(days), stretch=self.stretch.name, n=self.missing)
            return f"{head} {_capital(text)}"
        if self.cause == "days":
            return f"{head} {_capital(_days_sentence([self]))}"
        minutes = sum(self.extra.values())
        more = ngettext(
            "About {n} more minute ({days}) would fit {stretch}.",
            "About {n} more minutes ({days}) would fit {stretch}.",
            minutes,
        ).format(n=minutes, days=_per_day(self.extra), stretch=self.stretch.name)
        return f"{head} {more}"


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
        every = (
            _(
                "Every major muscle group is stretched on at least {major} days"
                " and every focus group on at least {focus}."
            )
            if plan.settings.focus
            else _("Every major muscle group is stretched on at least {major} days.")
        )
        return [every.format(major=g.MAJOR_DAYS, focus=g.FOCUS_DAYS), *kit]
    out: list[str] = []
    blocked = dict.fromkeys(s.cause for s in found if s.cause not in PLANNED)
    for cause in sorted(blocked, key=lambda c: (c == "catalogue", c.count(" and "))):
        group = [s for s in found if s.cause == cause]
        out.append(_blocked_note(group, cause, vocab))
    room = [s for s in found if s.cause == "room"]
    if room:
        days = sorted({d for s in room for d in s.open_days}, key=DAYS.index)
        there = (
            _(
                "There is room on {days} for {groups}: add a stretch for it there, "
                "for example {stretch}."
            )
            if len(room) == 1
            else _(
                "There is room on {days} for {groups}: add a stretch for them there, "
                "for example {stretch}."
            )
        )
        out.append(
            there.format(
                days=listing([day_name(d) for d in days], "or"),
                groups=_groups(room),
                stretch=room[0].stretch.name,
            )
        )
    days_short = [s for s in found if s.cause == "days"]
    if days_short:
        out.append(
            _("More days, not more minutes, would reach {groups}: {why}").format(
                groups=_groups(days_short), why=_days_sentence(days_short)
            )
        )
        spare = _spare_minutes(plan)
        if spare:
            out.append(
                ngettext(
                    "Stretching a group twice on one day does not count as two days, so "
                    "{n} of the week's minutes are left free.",
                    "Stretching a group twice on one day does not count as two days, so "
                    "{n} of the week's minutes are left free.",
                    spare,
                ).format(n=spare)
            )
    minutes = [s for s in found if s.cause == "minutes"]
    if minutes:
        per_day = plan.extra_minutes if plan.extra_minutes is not None else minutes_to_add(plan)
        total = sum(per_day.values())
        cover = (
            ngettext(
                "The minutes on your days are too few for {groups}: about {n} more minute "
                "a week ({days}) would cover it.",
                "The minutes on your days are too few for {groups}: about {n} more minutes "
                "a week ({days}) would cover it.",
                total,
            )
            if len(minutes) == 1
            else ngettext(
                "The minutes on your days are too few for {groups}: about {n} more minute "
                "a week ({days}) would cover them.",
                "The minutes on your days are too few for {groups}: about {n} more minutes "
                "a week ({days}) would cover them.",
                total,
            )
        )
        out.append(cover.format(groups=_groups(minutes), n=total, days=_per_day(per_day)))
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
        _("for {thing}, {how}").format(thing=_article(vocab.label("equipment", e).lower()), how=how)
        for e, how in used.items()
    ]
    return _("What you own stands in where a stretch asks for more: {ways}.").format(
        ways="; ".join(ways)
    )


def _blocked(short: Shortfall, vocabulary: Vocabulary) -> str:
    """The sentence of a check row whose group no allowed stretch reaches."""
    if short.cause == "catalogue":
        return _("No stretch in the catalogue reaches it.")
    return _("No stretch that suits {limits} reaches it; {stretch} would, {how}.").format(
        limits=_suits(short.cause),
        stretch=short.stretch.name,
        how=_what_it_takes(short, vocabulary),
    )


def _suits(cause: str) -> str:
    """ "your level and equipment": what keeps the stretches out, in words."""
    said = _SUITS.get(cause)
    return _(said) if said else _("your {limits}").format(limits=cause)


def _blocked_note(group: Sequence[Shortfall], cause: str, vocabulary: Vocabulary) -> str:
    """One note for the groups that no stretch within the settings' limits reaches."""
    if cause == "catalogue":
        return _("No stretch in the catalogue reaches {groups}.").format(
            groups=_groups(group, "or")
        )
    ways = [
        _("{stretch} would reach the {group} {how}").format(
            stretch=s.stretch.name, group=_short_label(s), how=_what_it_takes(s, vocabulary)
        )
        for s in group[:3]
    ]
    return _("No stretch that suits {limits} reaches {groups}: {ways}.").format(
        limits=_suits(cause), groups=_groups(group, "or"), ways="; ".join(ways)
    )


def _what_it_takes(short: Shortfall, vocabulary: Vocabulary) -> str:
    """ "with a strap or towel", "at the intermediate level", or both."""
    parts: list[str] = []
    if short.needs:
        things = [_article(vocabulary.label("equipment", e).lower()) for e in short.needs]
        parts.append(_("with {things}").format(things=listing(things)))
    for limit in short.cause.split(" and "):
        if limit == "level":
            level = vocabulary.labels["levels"].get(short.stretch.level, short.stretch.level)
            parts.append(_("at the {level} level").format(level=level.lower()))
        elif limit == "conditions":
            parts.append(_("if your conditions allowed it"))
        elif limit != "equipment":
            parts.append(_("if your {limit} allowed it").format(limit=limit))
    return ", ".join(parts)


def _days_sentence(group: Sequence[Shortfall]) -> str:
    """Which days have time for a stretch, and how many more days would need some."""
    with_time = [day_name(d) for d in group[0].open_days]
    more = max(s.missing - max(0, len(s.open_days) - s.days) for s in group)
    more = max(more, 1)
    minutes = minutes_for(max(s.seconds for s in group))
    if not with_time:
        have = _("no day has time for a stretch for it")
    elif len(with_time) == 1:
        have = _("only {days} has time for a stretch").format(days=with_time[0])
    else:
        have = _("only {days} have time for a stretch").format(days=listing(with_time))
    least = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    give = ngettext(
        "Give {n} more day at least {minutes}.", "Give {n} more days at least {minutes}.", more
    ).format(n=more, minutes=least)
    return f"{have}. {give}"


def _spare_minutes(plan: CheckedWeek) -> int:
    """Whole minutes of the settings the plan leaves unused."""
    frame = plan.minutes_per_day()
    return int((frame["available"] - frame["planned"]).clip(lower=0).sum())


def _per_day(extra: Mapping[str, int]) -> str:
    """ "1 on Monday and 2 on Thursday"; "on Wednesday" when there is one day."""
    days = sorted(extra, key=DAYS.index)
    if len(days) == 1:
        return _("on {day}").format(day=day_name(days[0]))
    return listing([_("{n} on {day}").format(n=extra[d], day=day_name(d)) for d in days])


def _groups(group: Sequence[Shortfall], word: str = "and") -> str:
    """ "the hamstrings (1 of 3 days) and the calves and ankles (0 of 2 days)"; beyond four
    groups, the first three and how many more."""
    named = [
        ngettext(
            "the {group} ({days} of {target} day)",
            "the {group} ({days} of {target} days)",
            s.target,
        ).format(group=_short_label(s), days=s.days, target=s.target)
        for s in group
    ]
    if len(named) > 4:
        others = len(named) - 3
        named = [
            *named[:3],
            ngettext("{n} other group", "{n} other groups", others).format(n=others),
        ]
    return listing(named, word)


def _short_label(short: Shortfall) -> str:
    return short.label[0].lower() + short.label[1:]


def listing(items: Iterable[str], word: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (``word`` "or": "a, b or c"), in the handbook's language."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    joined = _("{items} or {last}") if word == "or" else _("{items} and {last}")
    return joined.format(items=", ".join(items[:-1]), last=items[-1])


def _article(noun: str) -> str:
    # Translators: a thing a stretch needs, with its article ("a strap"); Spanish leaves it out
    return (
        _("an {noun}").format(noun=noun) if noun[:1] in "aeiou" else _("a {noun}").format(noun=noun)
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
