"""Sides by the limb: which side of a one-side-at-a-time stretch comes first, and their names.

A stretch done on each side in turn may say, in its file::

    sides = "each"
    first_side = "right"                      # the side its steps start on
    side_names = { right = "right knee down", left = "left knee down" }

A side is named for the limb that is stretched (or leads) on it: the picture of the
``right`` side marks the right limb, and the timer says "Hold: right knee down". Each name
says its own side ("right ..." for right). Without these fields a stretch starts on the
left and its sides are called "left side" and "right side".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import Problem, suggest
from ..i18n import _
from .text import side_problem, text_problem

SIDE_KEYS = ("left", "right")
DEFAULT_FIRST = "left"
EXAMPLE = 'side_names = { right = "right knee down", left = "left knee down" }'


def other_side(side: str) -> str:
    """ "left" for "right" and "right" for "left"."""
    return "left" if side == "right" else "right"


def default_names() -> dict[str, str]:
    """The names of the sides of a stretch that gives none: "left side", "right side"."""
    return {side: f"{side} side" for side in SIDE_KEYS}


def check_sides(
    data: Mapping[str, object], sides: object, shown: str, problems: list[Problem]
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Check first_side and side_names; return (first side, ((side, name), ...) first first)."""
    first = data.get("first_side", DEFAULT_FIRST)
    names = data.get("side_names")
    if sides != "each":
        for key in ("first_side", "side_names"):
            if key in data:
                problems.append(
                    Problem(
                        shown,
                        key,
                        _(
                            'is only for a stretch with sides = "each"; remove it or set sides = '
                            '"each"'
                        ),
                    )
                )
        return DEFAULT_FIRST, ()
    if not isinstance(first, str) or first not in SIDE_KEYS:
        problems.append(
            Problem(
                shown,
                "first_side",
                _("must be 'left' or 'right', got {first!r}{suggest}").format(
                    first=first, suggest=suggest(first, SIDE_KEYS)
                ),
            )
        )
        first = DEFAULT_FIRST
    if names is None:
        found = default_names()
    elif not isinstance(names, dict):
        problems.append(
            Problem(
                shown,
                "side_names",
                _("must be a table of both sides, got {names!r}; write {example}").format(
                    names=names, example=EXAMPLE
                ),
            )
        )
        found = default_names()
    else:
        found = _check_names(names, shown, problems)
    return first, tuple((side, found[side]) for side in (first, other_side(first)))


def check_side_keys(names: Mapping[object, object], shown: str, problems: list[Problem]) -> None:
    """Name each key of a side_names table that is not a side (a translation's too)."""
    for key in names:
        if key not in SIDE_KEYS:
            problems.append(
                Problem(
                    shown,
                    f"side_names.{key}",
                    _("is not a side{suggest}; the sides are left and right").format(
                        suggest=suggest(key, SIDE_KEYS)
                    ),
                )
            )


def _check_names(
    names: Mapping[object, object], shown: str, problems: list[Problem]
) -> dict[str, str]:
    found = default_names()
    check_side_keys(names, shown, problems)
    for side in SIDE_KEYS:
        where = f"side_names.{side}"
        name = names.get(side)
        if name is None:
            problems.append(
                Problem(
                    shown,
                    where,
                    _("is missing; name both sides, e.g. {example}").format(example=EXAMPLE),
                )
            )
        elif not isinstance(name, str) or not name.strip():
            problems.append(
                Problem(shown, where, _("must be a short text, got {kind!r}").format(kind=name))
            )
        elif side not in re.findall(r"[a-z]+", name.lower()):
            problems.append(
                Problem(
                    shown,
                    where,
                    _(
                        "{kind!r} does not say {side!r}; a side is named by its limb, e.g. "
                        '"{side} knee down"'
                    ).format(kind=name, side=side),
                )
            )
        elif (wrong := text_problem(name.strip()) or side_problem(side, name)) is not None:
            problems.append(Problem(shown, where, wrong))
        elif len(name) > 40:
            problems.append(
                Problem(
                    shown,
                    where,
                    _(
                        "is {kind} characters; keep it to 40 or fewer, as the timer shows "
                        "and says it"
                    ).format(kind=len(name)),
                )
            )
        else:
            found[side] = name.strip()
    if found["left"] == found["right"]:
        problems.append(Problem(shown, "side_names", _("gives both sides the same name")))
    return found
