"""Check one stretch file against the catalogue format and turn it into a Stretch."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import tomli

from ..errors import FileReadError, Problem, suggest
from ..errors import shown as shown_value
from ..files import read_data
from ..i18n import _
from .conditions import apply_rules, check_conditions
from .movement import KINDS, PACE_EXAMPLE, Pace, check_movement_reps, parse_pace
from .pose import check_pose
from .positions import check_positions
from .sides import check_sides
from .stretch import MAX_HOLD_S, Stretch, check_hold, check_reps
from .text import LINE, LONG, NAME, text_problem
from .vocabulary import Vocabulary

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TEXT_FIELDS = ("name", "summary", "source")
LIST_FIELDS = ("primary", "secondary", "equipment", "steps", "cues", "mistakes", "cautions", "tags")
REQUIRED = ("name", "summary", "primary", "position", "level", "sides", "hold", "steps", "cautions")
OPTIONAL = (
    "secondary",
    "equipment",
    "reps",
    "cues",
    "mistakes",
    "tags",
    "source",
    "pose",
    "first_side",
    "side_names",
    "conditions",
    "positions",
)
MOVEMENT = ("kind", "pace", "pose_end")  # a movement needs reps and pace instead of hold
KNOWN = REQUIRED + OPTIONAL + MOVEMENT

LONGEST = {"name": NAME, "source": LONG}
"""The longest each text may be (text.LINE for the others)."""
UNIQUE_FIELDS = ("primary", "secondary", "equipment", "tags")
EXAMPLE_LIST = '["...", "..."]'


def slug(text: str) -> str:
    """A kebab-case id made from any text: "Hip Flexor_2" becomes "hip-flexor-2"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_toml(
    path: Path, shown: str, empty: str | None = None
) -> tuple[dict[str, object] | None, list[Problem]]:
    """Read a TOML data file, reporting what keeps it from being read, with the line if any.

    Only a regular file of at most 1 MB is read (see ``handbook.files.read_data``).
    """
    try:
        data = read_data(path, _toml)
    except FileReadError as exc:
        return None, [Problem(shown, None, exc.reason)]
    except tomli.TOMLDecodeError as exc:
        return None, [Problem(shown, None, _("is not valid TOML: {exc}").format(exc=exc))]
    if data is None:
        return None, [
            Problem(
                shown,
                None,
                _("the file is empty")
                + (
                    empty
                    if empty is not None
                    else _("; a stretch needs at least ") + ", ".join(REQUIRED)
                ),
            )
        ]
    return data, []


def _toml(text: str) -> dict[str, object] | None:
    """The TOML document in text, or None when it holds nothing but blanks."""
    return tomli.loads(text) if text.strip() else None


def free_name(folder: Path | None, stem: str) -> str:
    """A file name for stem that is not taken in folder: "x.toml", else "x-2.toml", ..."""
    name, n = f"{stem}.toml", 1
    while folder is not None and (folder / name).exists():
        n += 1
        name = f"{stem}-{n}.toml"
    return name


def _text(data: Mapping[str, object], key: str, shown: str, problems: list[Problem]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        problems.append(
            Problem(shown, key, _("must be text, got {kind}").format(kind=type(value).__name__))
        )
        return ""
    if key in REQUIRED and key in data and not value.strip():
        problems.append(Problem(shown, key, _("must not be empty")))
    if value.strip() and (
        odd := text_problem(value.strip(), one_line=key == "name", longest=LONGEST.get(key, LINE))
    ):
        problems.append(Problem(shown, key, odd))
    return value.strip()


def _texts(
    data: Mapping[str, object], key: str, shown: str, problems: list[Problem]
) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        problems.append(
            Problem(
                shown,
                key,
                _(
                    "must be a list of texts, got a single text; write {key} = {example_list}"
                ).format(key=key, example_list=EXAMPLE_LIST),
            )
        )
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            Problem(
                shown,
                key,
                _("must be a list of texts, got {value}").format(value=shown_value(value)),
            )
        )
        return ()
    if any(not v.strip() for v in value):
        problems.append(Problem(shown, key, _("holds an empty text")))
    if key in REQUIRED and key in data and not value:
        problems.append(Problem(shown, key, _("must list at least one item")))
    for odd in dict.fromkeys(text_problem(v.strip(), one_line=False) for v in value if v.strip()):
        if odd is not None:
            problems.append(Problem(shown, key, odd))
    if key in UNIQUE_FIELDS:
        twice = [v for v in dict.fromkeys(value) if value.count(v) > 1]
        if twice:
            problems.append(
                Problem(
                    shown,
                    key,
                    _("lists {items} twice; give each once").format(
                        items=", ".join(map(repr, twice))
                    ),
                )
            )
    return tuple(v.strip() for v in value)


def parse_stretch(
    data: Mapping[str, object], sid: str, vocab: Vocabulary, shown: str, file: Path | None = None
) -> tuple[Stretch | None, list[Problem]]:
    """Check a stretch's fields; return the Stretch, or None and every problem found."""
    problems: list[Problem] = []
    if not KEBAB.match(sid):
        better = free_name(file and file.parent, slug(sid) or "my-stretch")
        problems.append(
            Problem(
                shown,
                "id",
                _("the file name {sid!r} is not a kebab-case id; rename it to '{better}'").format(
                    sid=sid, better=better
                ),
            )
        )
    for key in data:
        if key not in KNOWN:
            problems.append(
                Problem(
                    shown,
                    key,
                    _("is not a known field{suggest}").format(suggest=suggest(key, KNOWN)),
                )
            )
    entry_kind = data.get("kind", "hold")
    if not isinstance(entry_kind, str) or entry_kind not in KINDS:
        problems.append(
            Problem(
                shown,
                "kind",
                _(
                    "{entry_kind!r} is not a kind of entry{suggest}; leave kind out for "
                    'a held stretch, or write kind = "movement"'
                ).format(entry_kind=entry_kind, suggest=suggest(entry_kind, KINDS)),
            )
        )
        entry_kind = "hold"  # checked as a held stretch, which it is not made into
    moving = entry_kind == "movement"
    for key in REQUIRED:
        if key not in data and not (key == "hold" and moving):
            problems.append(Problem(shown, key, _("is missing; every stretch needs it")))

    texts = {key: _text(data, key, shown, problems) for key in TEXT_FIELDS}
    lists = {key: _texts(data, key, shown, problems) for key in LIST_FIELDS}
    lists["equipment"] = tuple(e for e in lists["equipment"] if e != "none")

    for key, kind in (("primary", "muscles"), ("secondary", "muscles"), ("equipment", "equipment")):
        for value in lists[key]:
            if (msg := vocab.check(kind, value)) is not None:
                problems.append(Problem(shown, key, msg))
    both = set(lists["primary"]) & set(lists["secondary"])
    if both:
        problems.append(
            Problem(shown, "secondary", _("repeats {both} from primary").format(both=sorted(both)))
        )
    for tag in lists["tags"]:
        if not KEBAB.match(tag):
            problems.append(
                Problem(
                    shown,
                    "tags",
                    _("{tag!r} is not kebab-case; write '{slug}'").format(tag=tag, slug=slug(tag)),
                )
            )

    scalars: dict[str, str] = {}  # position, level and sides, each a key of the vocabulary
    for key, kind in (("position", "positions"), ("level", "levels"), ("sides", "sides")):
        given = data.get(key)
        if key in data and (msg := vocab.check(kind, given)) is not None:
            problems.append(Problem(shown, key, msg))
        elif isinstance(given, str):
            scalars[key] = given

    reps = data.get("reps", 1)
    pace: Pace = ()
    breaths: int | None = None
    seconds: float | None = None
    if moving:
        pace = _movement(data, shown, problems)
    else:
        check_reps(reps, shown, problems)
        for key in MOVEMENT[1:]:
            if key in data:
                problems.append(
                    Problem(
                        shown,
                        key,
                        _(
                            'belongs to a movement; add kind = "movement" (with reps and a '
                            "pace), or remove {key}"
                        ).format(key=key),
                    )
                )
        if "hold" in data:
            breaths, seconds = check_hold(data["hold"], shown, problems)

    first_side, side_names = check_sides(data, data.get("sides"), shown, problems)
    conditions = check_conditions(data.get("conditions", {}), vocab, shown, problems)
    positions = check_positions(
        data.get("positions"), vocab.keys("positions-taken"), shown, problems
    )
    conditions = apply_rules(conditions, positions, vocab, shown, problems)

    pose = data.get("pose")
    if pose is not None:
        problems += [Problem(shown, "pose", message) for message in check_pose(pose)]
    pose_end = data.get("pose_end")
    if moving and pose_end is not None:
        problems += [Problem(shown, "pose_end", message) for message in check_pose(pose_end)]
        if pose is None:
            problems.append(
                Problem(
                    shown,
                    "pose_end",
                    _(
                        "needs a [pose] too: [pose] is where the movement starts, [pose_end] "
                        "where it turns"
                    ),
                )
            )
        elif (
            isinstance(pose, dict)
            and isinstance(pose_end, dict)
            and pose_end.get("view", "side") != pose.get("view", "side")
        ):
            problems.append(
                Problem(
                    shown,
                    "pose_end",
                    _(
                        "view {get!r} differs from the [pose]'s {get2!r}; both ends are "
                        "drawn in one picture"
                    ).format(get=pose_end.get("view", "side"), get2=pose.get("view", "side")),
                )
            )

    if problems:
        return None, problems
    assert isinstance(reps, int)  # check_reps or _movement reported any other reps above
    stretch = Stretch(
        id=sid,
        name=texts["name"],
        summary=texts["summary"],
        source=texts["source"],
        primary=lists["primary"],
        secondary=lists["secondary"],
        equipment=lists["equipment"],
        steps=lists["steps"],
        cues=lists["cues"],
        mistakes=lists["mistakes"],
        cautions=lists["cautions"],
        tags=lists["tags"],
        position=scalars["position"],
        level=scalars["level"],
        sides=scalars["sides"],
        reps=reps,
        hold_breaths=breaths,
        hold_fixed_s=seconds,
        first_side=first_side,
        side_names=side_names,
        conditions=conditions,
        positions=positions,
        kind=entry_kind,
        pace=pace,
        pose=pose if isinstance(pose, dict) else None,  # check_pose refused any other
        pose_end=pose_end if moving and isinstance(pose_end, dict) else None,
        file=file,
    )
    return stretch, []


def _movement(data: Mapping[str, object], shown: str, problems: list[Problem]) -> Pace:
    """Check what a movement needs instead of a hold: reps, a pace, no hold; return the pace."""
    if "hold" in data:
        problems.append(
            Problem(
                shown,
                "hold",
                _(
                    "a movement is done in reps at a pace, not held; remove hold and "
                    "give reps and pace"
                ),
            )
        )
    if "reps" not in data:
        problems.append(
            Problem(shown, "reps", _("is missing; a movement needs its count, e.g. reps = 10"))
        )
    else:
        check_movement_reps(data["reps"], shown, problems)
    if "pace" not in data:
        problems.append(
            Problem(
                shown,
                "pace",
                _("is missing; a movement needs a pace, e.g. {pace_example}").format(
                    pace_example=PACE_EXAMPLE
                ),
            )
        )
        return ()
    pace = parse_pace(data["pace"], shown, problems)
    reps = data.get("reps")
    if pace and isinstance(reps, int) and not isinstance(reps, bool) and reps >= 1:
        moving = reps * sum(s for _, s in pace)
        if moving > MAX_HOLD_S:
            problems.append(
                Problem(
                    shown,
                    "reps",
                    _(
                        "{reps} reps of {value:g} s make {moving:g} s, over 10 minutes on "
                        "one side; give fewer reps"
                    ).format(reps=reps, value=moving / reps, moving=moving),
                )
            )
    return pace
