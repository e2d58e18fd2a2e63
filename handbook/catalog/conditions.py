"""Conditions as data: per health condition, skip a stretch or change it, and what to do instead.

A stretch file may hold a ``[conditions]`` table, one entry per condition of the
vocabulary that the stretch needs advice for::

    [conditions]
    osteoporosis = { advice = "skip", instead = "seated-chair-twist" }
    knee-problems = { advice = "modify", how = "Kneel on a folded cushion.",
                      instead = "standing-split-stance-hip-flexor" }

``advice`` is "skip" (leave the stretch out) or "modify" (do it as ``how`` says, which it
then needs); ``how`` may also say why a stretch is skipped; ``instead`` names a stretch of
the catalogue to do in its place (optional), which must not be one ruled out for the same
condition. The catalogue, the planner, the explorer, cards, handouts and class mode read it.

With positions (``positions = [...]``, see ``handbook.catalog.positions``) the advice is held
to the vocabulary's rules: a "modify" must take away, in ``removes = [...]``, every position
the stretch takes that the condition forbids (else the file is refused with the fix); a
stretch taking a forbidden position with no advice for that condition is ruled out for it,
and one taking a limited position with no advice gets the vocabulary's words for going
gently (a condition with a ``limit`` and no ``limits`` gives them to every stretch).
A file without positions is held to its own advice only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..errors import Problem, suggest
from ..i18n import _
from .positions import FIELD
from .text import text_problem
from .vocabulary import Vocabulary

ADVICE = ("skip", "modify")
ENTRY_KEYS = ("advice", "how", "instead", "removes")
EXAMPLE = '{ advice = "skip", instead = "seated-chair-twist" }'


@dataclass(frozen=True)
class ConditionAdvice:
    """What a person with one condition does about one stretch."""

    condition: str
    advice: str  # "skip" or "modify"
    how: str = ""
    instead: str | None = None
    removes: tuple[str, ...] = ()  # positions the change in ``how`` takes away
    from_rules: bool = False  # made from the vocabulary's rules, not written in the file

    @property
    def skip(self) -> bool:
        """True when the stretch is left out for this condition."""
        return self.advice == "skip"


class Advised(Protocol):
    """What the checks here read of a stretch (a ``Stretch`` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def conditions(self) -> tuple[ConditionAdvice, ...]: ...

    def advice_for(self, condition: str) -> ConditionAdvice | None: ...


_Stretch = TypeVar("_Stretch", bound=Advised)


def check_conditions(
    table: object, vocab: Vocabulary, shown: str, problems: list[Problem]
) -> tuple[ConditionAdvice, ...]:
    """Check a stretch's [conditions] table; return its advice in vocabulary order."""
    if not isinstance(table, dict):
        problems.append(
            Problem(
                shown,
                "conditions",
                _("must be a table of condition = {example}, got {table!r}").format(
                    example=EXAMPLE, table=table
                ),
            )
        )
        return ()
    found: dict[str, ConditionAdvice] = {}

    def add(where: str, message: str) -> None:
        problems.append(Problem(shown, where, message))

    for condition, entry in table.items():
        where = f"conditions.{condition}"
        if (msg := vocab.check("conditions", condition)) is not None:
            problems.append(Problem(shown, where, msg))
            continue
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    shown,
                    where,
                    _("must be a table such as {example}, got {entry!r}").format(
                        example=EXAMPLE, entry=entry
                    ),
                )
            )
            continue
        for key in entry:
            if key not in ENTRY_KEYS:
                add(f"{where}.{key}", f"is not a setting of a condition{suggest(key, ENTRY_KEYS)}")
        advice, how, instead = entry.get("advice"), entry.get("how", ""), entry.get("instead")
        if advice not in ADVICE:
            add(
                f"{where}.advice",
                f"must be 'skip' or 'modify', got {advice!r}{suggest(advice, ADVICE)}",
            )
            continue
        if not isinstance(how, str):
            add(f"{where}.how", f"must be text, got {how!r}")
            continue
        if advice == "modify" and not how.strip():
            add(f"{where}.how", "is needed with advice = 'modify': say how to change the stretch")
            continue
        if how.strip() and (wrong := text_problem(how.strip())) is not None:
            add(f"{where}.how", wrong)
            continue
        if instead is not None and not isinstance(instead, str):
            add(f"{where}.instead", f"must be a stretch id, got {instead!r}")
            continue
        removes = entry.get("removes", [])
        taken = vocab.keys("positions-taken")
        if not isinstance(removes, list) or not all(isinstance(r, str) for r in removes):
            add(f"{where}.removes", f"must be a list of positions, got {removes!r}")
            continue
        unknown = [r for r in removes if r not in taken]
        if unknown:
            add(
                f"{where}.removes",
                f"{unknown[0]!r} is not a position a stretch takes{suggest(unknown[0], taken)}",
            )
            continue
        found[condition] = ConditionAdvice(
            condition, advice, how.strip(), instead, tuple(dict.fromkeys(removes))
        )
    order = vocab.keys("conditions")
    return tuple(found[c] for c in order if c in found)


def apply_rules(
    advice: tuple[ConditionAdvice, ...],
    positions: tuple[str, ...] | None,
    vocab: Vocabulary,
    shown: str,
    problems: list[Problem],
) -> tuple[ConditionAdvice, ...]:
    """Hold a stretch's advice to the positions it takes; add what the rules imply.

    A "modify" that keeps a forbidden position, or removes one the stretch does not take,
    is a problem named with its fix; a forbidden position with no advice rules the stretch
    out, a limited one with no advice gets the vocabulary's words for going gently.
    Without positions (None) the advice stands as written.
    """
    if positions is None:
        return advice
    given = {entry.condition: entry for entry in advice}
    labels = vocab.labels["positions-taken"]
    for entry in advice:
        where = f"conditions.{entry.condition}"
        extra = [r for r in entry.removes if r not in positions]
        if extra:
            problems.append(
                Problem(
                    shown,
                    f"{where}.removes",
                    _(
                        "{value!r} is not one of the stretch's {field}; add it to {field} or "
                        "remove it here"
                    ).format(value=extra[0], field=FIELD),
                )
            )
        kept = [
            p for p in vocab.rule(entry.condition).forbidden(positions) if p not in entry.removes
        ]
        if entry.advice == "modify" and kept:
            label = vocab.label("conditions", entry.condition)
            problems.append(
                Problem(
                    shown,
                    f"{where}.advice",
                    _(
                        "is 'modify', but the stretch still takes {value!r} ({lower}), which "
                        '{lower2} rules out: add removes = ["{value}"] if the how takes it '
                        'away, or advice = "skip"'
                    ).format(value=kept[0], lower=labels[kept[0]].lower(), lower2=label.lower()),
                )
            )
    derived = dict(given)
    for condition in vocab.keys("conditions"):
        if condition in given:
            continue
        rule = vocab.rule(condition)
        if forbidden := rule.forbidden(positions):
            why = "; ".join(labels[p].lower() for p in forbidden)
            derived[condition] = ConditionAdvice(
                condition,
                "skip",
                _("It takes a position ruled out: {why}.").format(why=why),
                from_rules=True,
            )
        elif rule.limited(positions) or rule.for_every_stretch:
            derived[condition] = ConditionAdvice(condition, "modify", rule.limit, from_rules=True)
    return tuple(derived[c] for c in vocab.keys("conditions") if c in derived)


def check_alternatives(
    stretches: Iterable[_Stretch], shown: Callable[[_Stretch], str]
) -> list[Problem]:
    """Each ``instead`` must name a stretch of the catalogue that the condition allows."""
    by_id = {s.id: s for s in stretches}
    problems: list[Problem] = []
    for stretch in by_id.values():
        for entry in stretch.conditions:
            if entry.instead is None:
                continue
            where = f"conditions.{entry.condition}.instead"
            other = by_id.get(entry.instead)
            if other is None:
                others = [sid for sid in by_id if sid != stretch.id]
                hint = suggest(entry.instead, others) or (
                    _("; to name a built-in one, load the folder with builtin=True")
                )
                message = _("{instead!r} is not a stretch of this catalogue{hint}").format(
                    instead=entry.instead, hint=hint
                )
            elif other.id == stretch.id:
                message = _("names the stretch itself; name another stretch")
            elif (theirs := other.advice_for(entry.condition)) is not None and theirs.skip:
                message = _(
                    "{instead!r} is itself to be skipped with {condition}; name a stretch it allows"
                ).format(instead=entry.instead, condition=entry.condition)
            else:
                continue
            problems.append(Problem(shown(stretch), where, message))
    return problems


def normalise_conditions(
    vocab: Vocabulary, conditions: Iterable[str] | str | None
) -> tuple[str, ...]:
    """Condition keys, in vocabulary order, from keys or labels in any case.

    An unknown condition raises ValueError with the closest one suggested.
    """
    if conditions is None:
        return ()
    if isinstance(conditions, str):
        conditions = [conditions]
    wanted = {vocab.normalise("conditions", c) for c in conditions}
    return tuple(c for c in vocab.keys("conditions") if c in wanted)


def advice_text(
    entry: ConditionAdvice, vocab: Vocabulary, name_of: Callable[[str], str] | None = None
) -> str:
    """One line for a reader: "Osteoporosis: skip this stretch; do X instead. Why." """
    label = vocab.label("conditions", entry.condition)
    how = entry.how[:1].lower() + entry.how[1:]
    text = f"{label}: {_('skip this stretch') if entry.skip else how}"
    if entry.skip and how:
        text += f" ({how.rstrip('.')})"
    if entry.instead is not None:
        other = name_of(entry.instead) if name_of else entry.instead
        text = text.rstrip(".") + _("; or do the {value} instead").format(
            value=other[:1].lower() + other[1:]
        )
    return text.rstrip(".") + "."


def alternatives(stretch: Advised) -> list[tuple[str, tuple[str, ...]]]:
    """The stretches named to do instead of this one: (id, the conditions naming it)."""
    found: dict[str, list[str]] = {}
    for entry in stretch.conditions:
        if entry.instead is not None:
            found.setdefault(entry.instead, []).append(entry.condition)
    return [(sid, tuple(conditions)) for sid, conditions in found.items()]
