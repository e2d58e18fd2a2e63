"""The sentence a picture carries for people who cannot see it, made from the stretch's data.

It says the position, the side, how to get there (the first step, its left and right
swapped for the second side, as the picture is mirrored) and where the stretch is felt.
Plain text: drawing escapes it where it becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog.stretch import Stretch

POSITIONS = {
    "standing": "Standing",
    "seated-chair": "Seated on a chair",
    "seated-floor": "Seated on the floor",
    "kneeling": "Kneeling",
    "all-fours": "On all fours",
    "supine": "Lying on the back",
    "prone": "Lying face down",
    "side-lying": "Lying on one side",
}
"""The built-in positions in words; another position is said by its name."""

_SIDE_WORD = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)\b")
_SWAP = {"left": "right", "right": "left"}


def swap_sides(text: str) -> str:
    """The text with left and right exchanged, keeping each word's case."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = _SWAP[word.lower()]
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other

    return _SIDE_WORD.sub(swap, text)


def listed(items: Sequence[str]) -> str:
    """Items joined as a person says them: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sentence(stretch: Stretch, side: str | None, ends: bool = False) -> str:
    """What the picture shows, in one or two sentences, for one side (None: both together)."""
    where = POSITIONS.get(stretch.position, stretch.position.replace("-", " ").capitalize())
    if side is not None:
        where += f", {stretch.side_name(side)}"
    step = stretch.steps[0].strip() if stretch.steps else ""
    if step and side is not None and side != stretch.first_side:
        step = swap_sides(step)
    if step and not step.endswith((".", "!", "?")):
        step += "."
    felt = f"The stretch is felt in the {listed(stretch.primary)}" if stretch.primary else ""
    if felt and stretch.secondary:
        felt += f", and also in the {listed(stretch.secondary)}"
    out = f"{where}: {step}" if step else f"{where}."
    if ends:
        out += " Two pictures: where the movement starts, and, in blue, where it turns."
    return f"{out} {felt}." if felt else out
