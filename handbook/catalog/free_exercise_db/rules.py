"""What the importer infers from an entry: is it a stretch; its muscles, position, sides, hold."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypedDict

from ...errors import suggest
from ...i18n import _
from ..vocabulary import builtin_vocabulary

SOURCE = "free-exercise-db"
HOMEPAGE = "github.com/yuhonas/free-exercise-db"
CATEGORIES = (
    "powerlifting",
    "strength",
    "stretching",
    "cardio",
    "olympic weightlifting",
    "strongman",
    "plyometrics",
)
REQUIRED_KEYS = (
    "id",
    "name",
    "category",
    "level",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "instructions",
)
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
# The source's equipment in our words; None means "no match in the handbook's vocabulary".
EQUIPMENT = {
    "body only": "none",
    "bands": "strap",
    "other": None,
    "exercise ball": None,
    "foam roll": None,
    "medicine ball": None,
    "dumbbell": None,
    "kettlebells": None,
    "cable": None,
    "machine": None,
    "barbell": None,
    "e-z curl bar": None,
}
DEFAULT_HOLD_S = 30
DEFAULT_REPS = 10  # a movement whose text states no count
REP_S = {"slow": 4, "plain": 3, "quick": 2}  # seconds a rep of a movement takes, by its words
STATUSES = ("imported", "skipped", "exists", "error")
COLUMNS = (
    "id",
    "name",
    "stretch_id",
    "file",
    "status",
    "reason",
    "kind",
    "position",
    "sides",
    "hold_s",
    "reps",
    "pace",
    "defaults",
    "notes",
)
CAUTIONS = [
    "No cautions came with this stretch from free-exercise-db: check that it suits your body "
    "before you try it, and skip it after a recent injury or operation in the area.",
    "Ease in until you feel mild tension; stop at once on sharp pain, pain in a joint, "
    "numbness or tingling.",
    "Read the handbook's safety note (notebook 00, Start here) before you begin.",
]
PARTNER_CAUTION = (
    "It needs a partner: agree on a word that means stop, and tell them at once "
    "when the stretch is enough."
)
MOVEMENT_CAUTION = (
    "Move slowly and only through a range that feels easy; free-exercise-db "
    "gives no pace, so the count here is a guess to adjust."
)
JUMP_CAUTION = (
    "It has jumps or hops: skip it with joint, bone or balance problems, with "
    "osteoporosis, or in pregnancy."
)
FOAM_WHY = (
    "the handbook times stretches and movements, and rolling on a foam roller is "
    "self-massage, with its own technique and cautions"
)

# Words that say an entry is not a stretch or movement to time, and those that say it moves.
FOAM = re.compile(r"\bSMR\b|foam roll|muscle roller|rolling pin|foot roller", re.I)
DYNAMIC_NAME = re.compile(r"\b(?:circles?|swings?|rolls?|dynamic|hops?|kicks?)\b", re.I)
DYNAMIC_TEXT = re.compile(
    r"\b(?:dynamic|circles?|circular|repetitions|jump\w*|hops?|kicks?)\b", re.I
)
MOVING_TEXT = re.compile(r"\b(?:swing\w*|alternat\w*|quickly)\b", re.I)  # unless a hold is stated
HIP_FLEXOR = re.compile(r"\bhip[ -]?flexors?\b", re.I)
QUADS = re.compile(r"\bquad(?:s|riceps)?\b", re.I)
PARTNER = re.compile(r"\bpartner\b", re.I)

# Position: the earliest phrase in the text wins; on a tie, the first rule listed.
_LIE = r"\b(?:lie|lies|lying|lay|laying)\b"
POSITIONS = (
    ("prone", re.compile(_LIE + r"[^.;]*?\b(?:face ?down|stomach|belly)\b|\bface ?down\b", re.I)),
    (
        "side-lying",
        re.compile(
            _LIE + r"[^.;,]*?\bon (?:your|the) (?:left |right )?side\b"
            r"|\bside[ -]lying\b",
            re.I,
        ),
    ),
    ("supine", re.compile(_LIE + r"[^.;]*?\b(?:your|the) back\b|\bon your back\b", re.I)),
    ("supine", re.compile(_LIE, re.I)),
    ("seated", re.compile(r"\b(?:sit|sits|sitting|seated|seat yourself)\b", re.I)),
    ("kneeling", re.compile(r"\bkneel(?:s|ing)?\b", re.I)),
    ("all-fours", re.compile(r"\bhands and knees\b|\ball fours\b", re.I)),
    ("standing", re.compile(r"\bstand(?:s|ing)?\b", re.I)),
)
CHAIR = re.compile(r"\b(?:chair|stool)\b", re.I)

# Sides: a phrase about the other side first, then a single named limb.
EACH_SIDE = (
    re.compile(r"\bswitch(?:es|ing)?\b(?: (?:sides|legs|arms|feet))?", re.I),
    re.compile(r"\b(?:the |your )?(?:other|opposite) (?:side|leg|arm|foot|hand)s?\b", re.I),
    re.compile(r"\beach (?:side|leg|arm|foot)\b|\bon both sides\b", re.I),
    re.compile(r"\b(?:one|left|right) (?:leg|arm|foot|knee|heel|hand|hip|elbow|shoulder)\b", re.I),
)

_WORDS = {
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
}
_NUM = r"(\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
SECONDS = re.compile(
    rf"\b{_NUM}(?:\s*(?:-|\u2013|to)\s*{_NUM})?(?:\s+or\s+more)?"
    r"[\s-]*sec(?:ond)?s?\b",
    re.I,
)
HOLD_WORD = re.compile(r"\b(?:hold|holding|stay|pause|pausing)\b", re.I)

# Equipment the text names, for entries whose source value says little ("other", null).
EQUIPMENT_TEXT = (
    ("strap", re.compile(r"\b(?:belts?|bands?|ropes?|straps?|towels?)\b", re.I)),
    ("chair", CHAIR),
    ("wall", re.compile(r"\bwalls?\b", re.I)),
    ("door-frame", re.compile(r"\b(?:doorways?|door[ -]?frames?)\b", re.I)),
    ("mat", re.compile(r"\bmats?\b", re.I)),
    (
        "support",
        re.compile(
            r"\b(?:a|the) (?:bench|step|squat rack|chin-?up bar)\b"
            r"|\bsturdy object\b|\b(?:vertical|other) support\b",
            re.I,
        ),
    ),
)


class Exercise(TypedDict):
    """A free-exercise-db entry as check_entry passes it: the fields the importer reads."""

    id: str
    name: str
    category: str
    level: str
    equipment: str | None
    primaryMuscles: list[str]
    secondaryMuscles: list[str]
    instructions: list[str]


def check_entry(entry: Mapping[str, object]) -> Exercise | str:
    """The entry with its shape and words checked, or the first thing wrong, as "kind: detail"."""
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if missing:
        return _("missing key: {items}").format(items=", ".join(missing))
    texts: dict[str, str] = {}
    for key in ("id", "name", "category", "level"):
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            return _("bad value: {key} must be a non-empty text, got {value!r}").format(
                key=key, value=value
            )
        texts[key] = value
    lists: dict[str, list[str]] = {}
    for key in ("primaryMuscles", "secondaryMuscles", "instructions"):
        value = entry[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("bad value: {key} must be a list of texts, got {value!r}").format(
                key=key, value=value
            )
        lists[key] = value
    equipment = entry["equipment"]
    if equipment is not None and not isinstance(equipment, str):
        return _("bad value: equipment must be a text or null, got {equipment!r}").format(
            equipment=equipment
        )
    if not lists["primaryMuscles"]:
        return _("bad value: primaryMuscles is empty")
    vocab = builtin_vocabulary()
    for muscle in lists["primaryMuscles"] + lists["secondaryMuscles"]:
        if (msg := vocab.check("muscles", muscle)) is not None:
            return _("unknown muscle: {msg}").format(msg=msg)
    if texts["level"] not in LEVELS:
        return _("bad value: level {value!r} is not one of the source's levels{suggest}").format(
            value=texts["level"], suggest=suggest(texts["level"], LEVELS)
        )
    return Exercise(
        id=texts["id"],
        name=texts["name"],
        category=texts["category"],
        level=texts["level"],
        equipment=equipment,
        primaryMuscles=lists["primaryMuscles"],
        secondaryMuscles=lists["secondaryMuscles"],
        instructions=lists["instructions"],
    )


def not_a_stretch(entry: Exercise, text: str) -> str | None:
    """Why a well-formed entry is not imported at all (neither a stretch nor a movement)."""
    if entry["equipment"] == "foam roll":
        return _('self-massage with a foam roller: equipment "foam roll"; {foam_why}').format(
            foam_why=FOAM_WHY
        )
    if found := FOAM.search(entry["id"] + " " + entry["name"] + " " + text):
        return _('self-massage with a foam roller: says "{group}"; {foam_why}').format(
            group=found.group(), foam_why=FOAM_WHY
        )
    if not text.strip():
        return _("no instructions: the entry has none, and a stretch needs its steps")
    return None


def dynamic_move(entry: Exercise, text: str) -> str | None:
    """What says an entry is a dynamic move, done in reps (a movement), or None for a hold."""
    if found := DYNAMIC_NAME.search(entry["name"]) or DYNAMIC_TEXT.search(text):
        return f'says "{found.group()}"'
    if (found := MOVING_TEXT.search(text)) and not SECONDS.search(text):
        return _('says "{group}" and states no hold').format(group=found.group())
    return None


REPS = re.compile(rf"\b{_NUM}(?:\s*(?:-|\u2013|to)\s*{_NUM})?\s+(?:repetitions|reps|times)\b", re.I)
SLOW = re.compile(r"\bslow(?:ly)?\b", re.I)
QUICK = re.compile(r"\b(?:quick(?:ly)?|fast|rapid(?:ly)?|promptly|increasing speed)\b", re.I)
JUMPS = re.compile(r"\bjump\w*|\bhops?\b", re.I)
WHOLE_TIME = re.compile(r"\b(?:continue|keep going|for about)\b", re.I)


def infer_reps(instructions: list[str], rep_s: float) -> tuple[int, str | None, bool]:
    """A movement's count from its text: (reps, quote, was a range); the default and None if none.

    "10-20 repetitions" or "5-10 times" give the shorter end; a stated time for the whole
    ("continue for about ten seconds") gives the reps that fill it at ``rep_s`` a rep, while
    a time inside a rep ("hold this for 2 seconds") says nothing of the count.
    """
    for sentence in instructions:
        if (found := REPS.search(sentence)) and _number(found.group(1)) >= 2:
            return (
                _number(found.group(1)),
                _span(sentence, found.start(), found.end()),
                found.group(2) is not None,
            )
    for sentence in instructions:  # "continue ... for about ten seconds": the whole of it
        if (found := SECONDS.search(sentence)) and WHOLE_TIME.search(sentence):
            reps = max(2, math.ceil(_number(found.group(1)) / rep_s))
            return reps, _span(sentence, found.start(), found.end()), found.group(2) is not None
    return DEFAULT_REPS, None, False


def infer_rep_seconds(text: str) -> tuple[int, str | None]:
    """Seconds a rep takes: 4 when the text says slowly, 2 when quickly, else 3 (and None)."""
    if found := SLOW.search(text):
        return REP_S["slow"], _span(text, found.start(), found.end())
    if found := QUICK.search(text):
        return REP_S["quick"], _span(text, found.start(), found.end())
    return REP_S["plain"], None


def infer_muscles(entry: Exercise, said: list[str]) -> tuple[list[str], list[str]]:
    """Primary and secondary muscles, hip flexors named where the source says quadriceps."""
    primary = list(dict.fromkeys(entry["primaryMuscles"]))
    secondary = [m for m in dict.fromkeys(entry["secondaryMuscles"]) if m not in primary]
    name = entry["name"]
    if HIP_FLEXOR.search(name) and "hip flexors" not in primary:
        keep_quads = "quadriceps" in primary and QUADS.search(name)
        if "quadriceps" in primary and not keep_quads:
            primary.remove("quadriceps")
            secondary = ["quadriceps"] + [m for m in secondary if m != "quadriceps"]
        primary.insert(0, "hip flexors")
        said.append(
            _(
                'primary: hip flexors, from the name "{kind}" (the source files it under {items})'
            ).format(kind=name, items=" and ".join(entry["primaryMuscles"]))
        )
    return primary, secondary


def infer_position(text: str) -> tuple[str, str | None]:
    """The position of the earliest posture phrase, and that phrase; standing and None if none."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for rank, (position, pattern) in enumerate(POSITIONS):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, position, found)
    if best is None:
        return "standing", None
    position, found = best[2], best[3]
    if position == "seated":
        sentence = _clause(text, found.start(), found.end(), ".;!?")
        position = "seated-chair" if CHAIR.search(sentence) else "seated-floor"
    return position, _span(text, found.start(), found.end())


def infer_sides(text: str) -> tuple[str, str | None]:
    """("each", the phrase that says so), or ("both", None) when nothing does."""
    for pattern in EACH_SIDE:
        if found := pattern.search(text):
            return "each", _span(text, found.start(), found.end())
    return "both", None


def infer_hold(instructions: list[str]) -> tuple[int, str | None, bool]:
    """Seconds stated in the text, preferring a stated hold: (seconds, quote, was a range).

    A range ("10-20 seconds") gives its shorter end: a safe start for a stretch nobody here
    has checked. No stated time gives the default of 30 s and no quote.
    """
    first: tuple[re.Match[str], str] | None = None
    for sentence in instructions:
        for found in SECONDS.finditer(sentence):
            clause = _span(sentence, found.start(), found.end())
            if HOLD_WORD.search(clause):
                return _number(found.group(1)), clause, found.group(2) is not None
            first = first or (found, clause)
    if first is None:
        return DEFAULT_HOLD_S, None, False
    return _number(first[0].group(1)), first[1], first[0].group(2) is not None


def _number(word: str) -> int:
    return _WORDS[word.lower()] if word.lower() in _WORDS else int(word)


def _clause(text: str, start: int, end: int, stops: str = ".,;:!?()") -> str:
    """The part of text around [start, end) between the nearest stops on either side."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    rights = [i for c in stops if (i := text.find(c, end)) != -1]
    return text[left : min(rights) if rights else len(text)].strip()


def _span(text: str, start: int, end: int) -> str:
    """A quote for a comment: the clause around [start, end), shortened when it is long."""
    clause = _clause(text, start, end)
    if len(clause) <= 80:
        return clause
    more = text[end : end + 30]
    return text[start:end] + (more[: more.rfind(" ")] if " " in more else more) + "..."


def one_line(text: str) -> str:
    """The text on one line: each run of control characters made one space."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", str(text))


def describe(value: object) -> str:
    """What a JSON value is, in words: "a text", "an object (keys: ...)", "null"."""
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:5])
        return _("an object (keys: {keys})").format(keys=keys) if keys else _("an empty object")
    names: dict[type, str] = {
        str: "a text",
        int: "a number",
        float: "a number",
        bool: _("true or false"),
        list: "a list",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
