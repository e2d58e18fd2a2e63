"""The sentence a picture carries for people who cannot see it, made from the stretch's data.

It says the position, the side, how to get there (the first step, its left and right
swapped for the second side, as the picture is mirrored) and where the stretch is felt, in
the handbook's language (the side by the stretch's own words for it, which follow the limb:
"pierna derecha", "brazo derecho"). Plain text: drawing escapes it where it becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import DEFAULT, N_, _, language

if TYPE_CHECKING:
    from ..catalog.stretch import Stretch

POSITIONS = {
    "standing": N_("Standing"),
    "seated-chair": N_("Seated on a chair"),
    "seated-floor": N_("Seated on the floor"),
    "kneeling": N_("Kneeling"),
    "all-fours": N_("On all fours"),
    "supine": N_("Lying on the back"),
    "prone": N_("Lying face down"),
    "side-lying": N_("Lying on one side"),
}
"""The built-in positions in words (said in the handbook's language); another position is
said by its name."""

_SWAP = {
    "left": "right",
    "right": "left",
    # Spanish: the side's word agrees with its limb (pierna izquierda, brazo izquierdo).
    "izquierda": "derecha",
    "derecha": "izquierda",
    "izquierdo": "derecho",
    "derecho": "izquierdo",
    "izquierdas": "derechas",
    "derechas": "izquierdas",
    "izquierdos": "derechos",
    "derechos": "izquierdos",
}
_SIDE_WORD = re.compile(r"\b(" + "|".join(_SWAP) + r")\b", re.IGNORECASE)


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
    # Translators: the last of a list of names: "A, B and C".
    return _("{names} and {last}").format(names=", ".join(items[:-1]), last=items[-1])


def muscles(keys: Sequence[str]) -> list[str]:
    """Muscle groups as a sentence names them: in English the key itself ("hip flexors"),
    in another language the vocabulary's label, lower case ("flexores de la cadera")."""
    if language() == DEFAULT:
        return list(keys)
    from ..catalog.vocabulary import builtin_vocabulary

    labels = builtin_vocabulary().labels.get("muscles", {})
    return [labels.get(key, key).lower() for key in keys]


def sentence(stretch: Stretch, side: str | None, ends: bool = False) -> str:
    """What the picture shows, in one or two sentences, for one side (None: both together)."""
    known = POSITIONS.get(stretch.position)
    where = _(known) if known else stretch.position.replace("-", " ").capitalize()
    if side is not None:
        where += f", {stretch.side_name(side)}"
    step = stretch.steps[0].strip() if stretch.steps else ""
    if step and side is not None and side != stretch.first_side:
        step = swap_sides(step)
    if step and not step.endswith((".", "!", "?")):
        step += "."
    main, more = listed(muscles(stretch.primary)), listed(muscles(stretch.secondary))
    felt = (
        ""
        if not main
        else _("The stretch is felt in the {muscles}.").format(muscles=main)
        if not more
        else _("The stretch is felt in the {muscles}, and also in the {more}.").format(
            muscles=main, more=more
        )
    )
    out = f"{where}: {step}" if step else f"{where}."
    if ends:
        out += " " + _("Two pictures: where the movement starts, and, in blue, where it turns.")
    return f"{out} {felt}" if felt else out
