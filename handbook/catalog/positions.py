"""Positions as data: what a stretch takes, and what each condition forbids or limits.

The vocabulary lists the positions a stretch may take (``[positions-taken]``: a hip bent past
a right angle, the head below the heart, getting down to the floor and up...) and, for each
condition, the positions it forbids and those it only limits::

    [conditions]
    "hip-replacement" = { label = "Hip replacement", forbids = ["hip-past-90", ...],
                          limits = [], limit = "" }

A stretch file lists every position it takes, on the way in, in the hold and on the way out
(getting down to the floor and up counts)::

    positions = ["lying-on-back", "floor-down-and-up", "knees-to-chest"]

A condition rules a stretch out when the stretch takes a position the condition forbids,
unless its ``[conditions]`` advice changes the stretch so that it no longer does (``advice =
"modify"`` with ``removes = [...]``, see ``handbook.catalog.conditions``). A position a
condition limits needs advice on how to go gently; ``limit`` is the vocabulary's words for
it, used when a person's own file gives none. A condition with a ``limit`` but no ``limits``
(recent injury or surgery) says its limit of every stretch that gives no advice of its own,
so ticking it never leaves the catalogue looking vetted. A file without ``positions`` is
checked by its own advice only, as before positions were data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import Problem, suggest
from ..errors import shown as shown_value
from ..i18n import _, ngettext

FIELD = "positions"
"""The field of a stretch file that lists the positions it takes."""

RULE_KEYS = ("label", "forbids", "limits", "limit")


@dataclass(frozen=True)
class Rule:
    """What one condition forbids and limits, as positions of the vocabulary."""

    condition: str
    forbids: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    limit: str = ""  # how to go gently in a limited position, in a reader's words

    def forbidden(self, positions: Sequence[str]) -> tuple[str, ...]:
        """The positions of a stretch that this condition forbids, in the stretch's order."""
        return tuple(p for p in positions if p in self.forbids)

    def limited(self, positions: Sequence[str]) -> tuple[str, ...]:
        """The positions of a stretch that this condition limits, in the stretch's order."""
        return tuple(p for p in positions if p in self.limits)

    @property
    def for_every_stretch(self) -> bool:
        """A ``limit`` with no ``limits`` is said of every stretch (recent injury: ask first)."""
        return bool(self.limit) and not self.limits


def parse_rule(
    condition: str,
    entry: Mapping[str, object],
    taken: Sequence[str],
    shown: str,
    problems: list[Problem],
) -> Rule:
    """Read one condition's rule from the vocabulary, reporting unknown positions."""
    where = f"conditions.{condition}"
    for key in entry:
        if key not in RULE_KEYS:
            problems.append(
                Problem(
                    shown,
                    f"{where}.{key}",
                    _("is not a setting of a condition{suggest}").format(
                        suggest=suggest(key, RULE_KEYS)
                    ),
                )
            )
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("forbids", "limits"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(
                Problem(
                    shown,
                    f"{where}.{key}",
                    _("must be a list of positions, got {value}").format(value=shown_value(value)),
                )
            )
            value = []
        for position in value:
            if position not in taken:
                problems.append(
                    Problem(
                        shown,
                        f"{where}.{key}",
                        _("{position!r} is not in [positions-taken]{suggest}").format(
                            position=position, suggest=suggest(position, taken)
                        ),
                    )
                )
        lists[key] = tuple(p for p in value if p in taken)
    both = set(lists["forbids"]) & set(lists["limits"])
    if both:
        problems.append(
            Problem(
                shown,
                f"{where}.limits",
                _("repeats {both} from forbids; give each once").format(both=sorted(both)),
            )
        )
    limit = entry.get("limit", "")
    if not isinstance(limit, str):
        problems.append(
            Problem(
                shown,
                f"{where}.limit",
                _("must be text, got {limit}").format(limit=shown_value(limit)),
            )
        )
        limit = ""
    if lists["limits"] and not limit.strip():
        problems.append(
            Problem(
                shown, f"{where}.limit", _("is needed with limits: say how to go gently in them")
            )
        )
    return Rule(condition, lists["forbids"], lists["limits"], limit.strip())


def check_positions(
    value: object, taken: Sequence[str], shown: str, problems: list[Problem]
) -> tuple[str, ...] | None:
    """Check a stretch's ``positions`` list; None when the file does not give one."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            Problem(
                shown,
                FIELD,
                _("must be a list of positions such as {example}, got {value}").format(
                    example=EXAMPLE, value=shown_value(value)
                ),
            )
        )
        return None
    for position in value:
        if position not in taken:
            problems.append(
                Problem(
                    shown,
                    FIELD,
                    _("{position!r} is not a position a stretch takes{value}").format(
                        position=position, value=suggest(position, taken) or LISTED
                    ),
                )
            )
    twice = [v for v in dict.fromkeys(value) if value.count(v) > 1]
    if twice:
        problems.append(
            Problem(
                shown,
                FIELD,
                _("lists {items} twice; give each once").format(items=", ".join(map(repr, twice))),
            )
        )
    return tuple(dict.fromkeys(v for v in value if v in taken))


def positions_note(count: int) -> str:
    """What a reader is told about stretches whose files do not list their positions."""
    return ngettext(
        "{n} of them does not list the positions it takes (`{field} = [...]`), so **My "
        "conditions** follows only its own `[conditions]` advice there.",
        "{n} of them do not list the positions they take (`{field} = [...]`), so **My "
        "conditions** follows only their own `[conditions]` advice there.",
        count,
    ).format(n=count, field=FIELD)


EXAMPLE = '["lying-on-back", "floor-down-and-up"]'
LISTED = "; the vocabulary lists them under [positions-taken]"
