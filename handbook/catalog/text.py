"""One rule for every text that reaches a person: names, side names, steps, cues, cautions,
condition advice, routine and plan names, and the texts of an imported progress CSV.

A text may not hold control characters (a line break only where the field is more than one
line), nor the bidirectional controls that reorder what is shown (U+202A-202E, U+2066-2069),
nor a lone surrogate or a noncharacter; it must not be empty once invisible characters
(zero-width spaces, joiners, combining marks alone, formatting characters) are taken away;
and it has a bounded length. A side's name must not name the other side.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import Problem
from ..i18n import _

NAME = 120
"""The longest name (a stretch's, a routine's, a plan's, a day's), in characters."""
LINE = 1000
"""The longest line of text (a step, a cue, a caution, a summary, a condition's advice)."""
LONG = 4000
"""The longest text of several lines (a routine's description, a source)."""

_LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters a person cannot see: what is left when they are removed must not be empty.
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp")
_SIDES = ("left", "right")


# Plain ASCII text (most of it) is judged at once: a control character (a tab aside, and a
# line break where lines are allowed) sends it to the character-by-character reading below,
# which names the character; one printable character makes it visible.
_ASCII_CONTROL = {
    True: re.compile("[\x00-\x08\x0a-\x1f\x7f]"),
    False: re.compile("[\x00-\x08\x0b-\x1f\x7f]"),
}
_ASCII_SEEN = re.compile("[\x21-\x7e]")

# Text in other scripts and accents (a translation) is judged at once too when it holds none
# of the characters the reading below refuses and a letter, digit or printable ASCII
# character: the reading below would find nothing wrong with it either.
_NONCHARACTERS = "".join(chr(p + 0xFFFE) + chr(p + 0xFFFF) for p in range(0, 0x110000, 0x10000))
_SUSPECT = {
    one_line: re.compile(
        "[\x00-\x08"
        + ("\x0a" if one_line else "")
        + "\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
        + "\ud800-\udfff\ufdd0-\ufdef"
        + _NONCHARACTERS
        + "]"
    )
    for one_line in (True, False)
}
_SEEN = re.compile(r"[\x21-\x7e]|[^\W_]")


def text_problem(text: str, *, one_line: bool = True, longest: int = LINE) -> str | None:
    """What is wrong with a text by the rule above, in words with the fix; None if nothing."""
    if len(text) > longest:
        return _("is {text:,} characters long; keep it to {longest:,} or fewer").format(
            text=len(text), longest=longest
        )
    if not one_line:  # a line ends with LF or CRLF; a CR alone moves a terminal's cursor
        text = text.replace("\r\n", "\n")
    if text.isascii() and not _ASCII_CONTROL[one_line].search(text):
        if _ASCII_SEEN.search(text):
            return None
        return _("has nothing a person can see once invisible characters are taken away")
    if not _SUSPECT[one_line].search(text) and _SEEN.search(text):
        return None
    for position, char in enumerate(text, 1):
        if char in _LINE_BREAKS and (one_line or char != "\n"):
            if one_line:
                return _("must be one line; it holds a line break")
            return _("holds the control character U+{ord:04X}; use a plain line break").format(
                ord=ord(char)
            )
        if _BIDI.match(char):
            return _(
                "holds the bidirectional control U+{ord:04X} (character {position}), "
                "which reorders what is shown; remove it"
            ).format(ord=ord(char), position=position)
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\n\t":
            return _("holds the control character U+{ord:04X}; remove it").format(ord=ord(char))
        if category == "Cs" or _noncharacter(char):
            return _("holds U+{ord:04X}, which is not a character; remove it").format(ord=ord(char))
    if not any(_seen(c) for c in text):
        return _("has nothing a person can see once invisible characters are taken away")
    return None


def _seen(char: str) -> bool:
    return char != "\t" and unicodedata.category(char) not in _INVISIBLE_CATEGORIES


def check_text(
    value: str,
    shown: str,
    field: str,
    problems: list[Problem],
    *,
    one_line: bool = True,
    longest: int = LINE,
) -> bool:
    """Add a Problem naming the file and the field when value breaks the rule; True if not."""
    found = text_problem(value, one_line=one_line, longest=longest)
    if found is not None:
        problems.append(Problem(shown, field, found))
    return found is None


def side_problem(side: str, name: str) -> str | None:
    """What is wrong with a side's name that names the other side first ("left knee" for the
    right); "right ankle over left knee" is the right side's name: it leads with its own."""
    other = "left" if side == "right" else "right"
    sides = [w for w in re.findall(r"[a-z]+", name.lower()) if w in _SIDES]
    if sides and sides[0] == other:
        return _(
            "{kind!r} names the {other} side first; the {side} side's name leads "
            'with {side!r}, e.g. "{side} knee down"'
        ).format(kind=name, other=other, side=side)
    return None


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
