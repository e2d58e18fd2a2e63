"""Import the stretches of free-exercise-db (a public exercise catalogue) as stretch files."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import tomli_w

from ...errors import CatalogError, FileReadError, Problem, suggest
from ...files import atomic_write, read_data
from ...i18n import _
from ...paths import builtin_data_dir
from ..schema import parse_stretch, read_toml, slug
from ..vocabulary import builtin_vocabulary
from .rules import (
    CATEGORIES,
    CAUTIONS,
    COLUMNS,
    DEFAULT_HOLD_S,
    EQUIPMENT,
    EQUIPMENT_TEXT,
    HOMEPAGE,
    JUMP_CAUTION,
    JUMPS,
    LEVELS,
    MOVEMENT_CAUTION,
    PARTNER,
    PARTNER_CAUTION,
    SOURCE,
    STATUSES,
    Exercise,
    check_entry,
    describe,
    dynamic_move,
    infer_hold,
    infer_muscles,
    infer_position,
    infer_rep_seconds,
    infer_reps,
    infer_sides,
    not_a_stretch,
    one_line,
)

MAX_SOURCE_BYTES = 100_000_000
"""The largest JSON file read (free-exercise-db's whole exercises.json is about 1 MB)."""


class SourceError(ValueError):
    """A free-exercise-db file that cannot be read: missing, not JSON, or the wrong shape."""


@dataclass
class _Entry:
    """What the importer makes of one source entry."""

    id: object
    name: object
    status: str = "imported"
    reason: str = ""
    stretch_id: str | None = None
    file: str | None = None
    kind: str | None = None
    position: str | None = None
    sides: str | None = None
    hold_s: float | None = None
    reps: int | None = None
    pace: str | None = None
    defaults: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # the comment lines of the file

    def row(self) -> dict[str, object]:
        """The entry's row of the report (see COLUMNS)."""
        return {
            "id": self.id,
            "name": self.name,
            "stretch_id": self.stretch_id,
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "kind": self.kind,
            "position": self.position,
            "sides": self.sides,
            "hold_s": self.hold_s,
            "reps": self.reps,
            "pace": self.pace,
            "defaults": self.defaults,
            "notes": "; ".join(self.notes),
        }


def read_source(json_path: str | Path) -> list[dict[str, object]]:
    """Read a free-exercise-db JSON file: a list of exercise objects, or SourceError."""
    path = Path(json_path).expanduser()
    try:
        data = read_data(path, json.loads, limit=MAX_SOURCE_BYTES)
    except FileReadError as exc:
        hint = (
            _("; give the path of exercises.json")
            if "does not exist" in exc.reason or ("a folder" in exc.reason)
            else ""
        )
        raise SourceError(f"{path}: {exc.reason}{hint}") from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            _("{path} is not valid JSON: {msg} (line {lineno}, column {colno})").format(
                path=path, msg=exc.msg, lineno=exc.lineno, colno=exc.colno
            )
        ) from None
    if not isinstance(data, list):
        raise SourceError(
            _("{path} should hold a list of exercises, found {describe}").format(
                path=path, describe=describe(data)
            )
        )
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise SourceError(
                _(
                    "{path} should hold a list of exercise objects, found {describe} at "
                    "position {n}"
                ).format(path=path, describe=describe(entry), n=n)
            )
    return data


def import_free_exercise_db(
    json_path: str | Path,
    out_folder: str | Path,
    *,
    categories: Iterable[str] = ("stretching",),
    overwrite: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """Write the entries of the given categories as stretch files; return one report row each.

    ``json_path`` is free-exercise-db's exercises.json; ``out_folder`` receives one file per
    entry (made if needed), ready for ``handbook.load_catalog(out_folder)``.

    Held stretches are written as holds and dynamic moves (circles, swings, repetitions) as
    movements; foam-roller self-massage and entries without instructions are skipped, and a
    broken entry is an error row, never a file. Position, sides and hold are inferred from
    the instructions (a stated range of seconds gives its shorter end; no stated time gives
    30 s, marked as a default); a movement's reps likewise (no stated count gives 10) and its
    pace from its words (slowly 4 s a rep, quickly 2 s, else 3 s). Every file says at its
    top what was given, mapped, inferred or defaulted. An existing file is kept
    unless ``overwrite=True``; ids already used by the built-in catalogue or by an earlier
    entry get a numbered suffix. ``progress(done, total)`` is called after each entry.

    >>> import handbook, json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> entry = {"id": "Calf_Stretch", "name": "Calf Stretch", "force": None, "level": "beginner",
    ...          "mechanic": None, "equipment": None, "primaryMuscles": ["calves"],
    ...          "secondaryMuscles": [], "category": "stretching", "images": [],
    ...          "instructions": ["Stand facing a wall with one foot back.",
    ...                           "Press the back heel down and hold for 30 seconds."]}
    >>> _ = (folder / "exercises.json").write_text(json.dumps([entry]))
    >>> report = handbook.import_free_exercise_db(folder / "exercises.json", folder / "mine")
    >>> sorted(p.name for p in (folder / "mine").glob("*.toml"))
    ['calf-stretch.toml']
    """
    entries = read_source(json_path)
    wanted = _categories(categories, entries)
    chosen = [
        e for e in entries if not isinstance(e.get("category"), str) or e["category"] in wanted
    ]
    out = _out_folder(out_folder)
    target = out / "stretches" if (out / "stretches").is_dir() else out  # as the loader reads
    taken = {
        p.stem: "the built-in catalogue" for p in (builtin_data_dir() / "stretches").glob("*.toml")
    }
    rows: list[dict[str, object]] = []
    for done, entry in enumerate(chosen, 1):
        rows.append(_import_one(entry, target, taken, overwrite).row())
        if progress is not None:
            progress(done, len(chosen))
    report = pd.DataFrame(rows, columns=list(COLUMNS))
    report["status"] = report["status"].astype(pd.CategoricalDtype(list(STATUSES)))
    report["hold_s"] = report["hold_s"].astype("float64")
    report["reps"] = report["reps"].astype("Int64")
    return report


def summarise(report: pd.DataFrame, out_folder: str | Path) -> str:
    """A few lines for people: counts by status, top reasons, errors, how to load the folder."""
    counts = report["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    lines = [_("{report} entries of {source}:").format(report=len(report), source=SOURCE)]
    lines += [f"  {status:<9} {n:4d}" for status, n in counts.items()]
    kinds = report.loc[report["reason"] != "", "reason"].str.split(":").str[0]
    if len(kinds):
        lines.append(_("Top reasons:"))
        lines += [f"  {n:4d}  {kind}" for kind, n in kinds.value_counts().head(5).items()]
    errors = report[report["status"] == "error"]
    if len(errors):
        lines.append(_("Errors (fix the entry, or leave it out):"))
        first = errors.head(10)
        lines += [
            f"  {sid if isinstance(sid, str) else name}: {reason}"
            for sid, name, reason in zip(first["id"], first["name"], first["reason"], strict=True)
        ]
        if len(errors) > 10:
            lines.append(_("  ... and {value} more in the report").format(value=len(errors) - 10))
    if counts["imported"] + counts["exists"]:
        folder = json.dumps(str(out_folder), ensure_ascii=False)
        lines += [
            _(
                "The stretch files are in {out_folder}. Load them with the built-in catalogue:"
            ).format(out_folder=out_folder),
            _("  handbook.load_catalog({folder}, builtin=True)").format(folder=folder),
        ]
    return "\n".join(lines)


# One entry ----------------------------------------------------------------------------------


def _import_one(
    given: Mapping[str, object], folder: Path, taken: dict[str, str], overwrite: bool
) -> _Entry:
    result = _Entry(id=given.get("id"), name=given.get("name"))
    entry = check_entry(given)
    if isinstance(entry, str):
        result.status, result.reason = "error", entry
        return result
    text = " ".join(entry["instructions"])
    if (why := not_a_stretch(entry, text)) is not None:
        result.status, result.reason = "skipped", why
        return result

    sid = _unique_id(
        slug(entry["id"]) or slug(entry["name"]) or "imported-stretch", entry["id"], taken, result
    )
    data = _stretch_fields(entry, text, result, dynamic_move(entry, text))
    body = _file_text(entry, data, result)
    path = folder / f"{sid}.toml"
    result.stretch_id = sid
    try:
        raw = body.encode("utf-8")
    except UnicodeEncodeError:
        result.status, result.reason = "error", "bad value: a text holds invalid Unicode"
        return result
    data_read, problems = _read_as_the_loader_would(raw, path)
    stretch = None
    if data_read is not None and not problems:
        stretch, problems = parse_stretch(data_read, sid, builtin_vocabulary(), str(path))
    if stretch is None:
        result.status = "error"
        result.reason = "invalid stretch: " + "; ".join(
            f"{p.field}: {p.message}" if p.field else p.message for p in problems
        )
        return result
    result.file = str(path)
    existed = path.exists()
    if existed and not overwrite:
        result.status, result.reason = "exists", "file exists: pass overwrite=True to replace it"
        return result
    try:
        atomic_write(path, raw, overwrite=overwrite)
    except FileExistsError:
        result.status, result.reason = "exists", "file exists: pass overwrite=True to replace it"
    except OSError as exc:
        result.status, result.reason, result.file = "error", f"write failed: {exc}", None
    else:
        if existed:
            result.notes.append("replaced the existing file")
    return result


def _read_as_the_loader_would(
    raw: bytes, path: Path
) -> tuple[dict[str, object] | None, list[Problem]]:
    """The file's document as load_catalog would read it (its size, nesting and number
    limits), from a scratch copy: a file the loader refuses is never written."""
    with tempfile.TemporaryDirectory(prefix="hb-import-") as scratch:
        trial = Path(scratch) / path.name
        trial.write_bytes(raw)
        return read_toml(trial, str(path))


def _unique_id(sid: str, source_id: str, taken: dict[str, str], result: _Entry) -> str:
    """sid, or sid-2, sid-3 ... when the built-in catalogue or an earlier entry has it."""
    if sid in taken:
        base, n = sid, 2
        while f"{base}-{n}" in taken:
            n += 1
        sid = f"{base}-{n}"
        said = f'id: "{base}" is already used by {taken[base]}; written as "{sid}"'
        result.said.append(said)
        result.notes.append(said)
    taken[sid] = f'entry "{source_id}"'
    return sid


def _stretch_fields(
    entry: Exercise, text: str, result: _Entry, moving: str | None
) -> dict[str, object]:
    """The fields of the stretch file; each mapping, inference and default told in result.said.

    ``moving`` (what says the entry is a dynamic move) makes it a movement.
    """
    said = result.said
    defaults: list[str] = []
    said.append("given by the source: name, muscles, level, equipment; steps are its instructions")
    primary, secondary = infer_muscles(entry, said)
    level = LEVELS[entry["level"]]
    if level != entry["level"]:
        said.append(f'level: {level}, from the source\'s "{entry["level"]}"')
    result.position, found = infer_position(text)
    said.append(
        f'position: {result.position}, inferred from "{found}"'
        if found
        else "position: standing by default; the text names no position"
    )
    result.sides, found_sides = infer_sides(text)
    said.append(
        f'sides: each, inferred from "{found_sides}"'
        if found_sides
        else "sides: both by default; the text never mentions the other side"
    )
    result.kind = "movement" if moving else "hold"
    timing: dict[str, object]
    found_time: dict[str, str | None]
    if moving:
        timing, found_time = _movement_timing(entry, text, result, moving)
    else:
        result.hold_s, found_hold, ranged = infer_hold(entry["instructions"])
        if found_hold is None:
            said.append(f"hold: {DEFAULT_HOLD_S} s by default; the source states no time")
        else:
            how = "the shorter end of" if ranged else "inferred from"
            said.append(f'hold: {result.hold_s} s, {how} "{found_hold}"')
        timing, found_time = {"hold": {"seconds": result.hold_s}}, {"hold": found_hold}
    defaults += [
        name
        for name, value in (("position", found), ("sides", found_sides), *found_time.items())
        if value is None
    ]
    equipment = _equipment(entry, text, result, defaults)
    result.defaults = tuple(defaults)
    partner = bool(PARTNER.search(text))
    said.append(
        "summary, cautions, tags, source: written by the importer; the source has "
        "no summary or cautions"
    )
    muscles = primary + secondary
    listed = muscles[0] if len(muscles) == 1 else ", ".join(muscles[:-1]) + " and " + muscles[-1]
    verb = "Moves and warms" if moving else "Stretches"
    extra = ([MOVEMENT_CAUTION] if moving else []) + ([JUMP_CAUTION] if JUMPS.search(text) else [])
    return {
        "name": entry["name"].strip(),
        "summary": f"{verb} the {listed}{' with a partner' if partner else ''} "
        f"(imported from {SOURCE}).",
        "primary": primary,
        "secondary": secondary,
        "position": result.position,
        "equipment": equipment,
        "level": level,
        "sides": result.sides,
        **timing,
        "steps": [step.strip() for step in entry["instructions"] if step.strip()],
        "cautions": CAUTIONS + extra + ([PARTNER_CAUTION] if partner else []),
        "tags": [SOURCE] + (["partner"] if partner else []),
        "source": f'{SOURCE} ({HOMEPAGE}), entry "{entry["id"]}", under the Unlicense '
        f"(public domain); converted from the user's own copy.",
    }


def _movement_timing(
    entry: Exercise, text: str, result: _Entry, moving: str
) -> tuple[dict[str, object], dict[str, str | None]]:
    """A movement's kind, reps and pace, each inference told; and the quote behind each."""
    said = result.said
    said.append(f"kind: movement, as the text {moving}: done in reps, not held")
    rep_s, found_pace = infer_rep_seconds(text)
    result.reps, found_reps, ranged = infer_reps(entry["instructions"], rep_s)
    result.pace = f"{rep_s} s"
    result.hold_s = float(result.reps * rep_s)
    if found_reps is None:
        said.append(f"reps: {result.reps} by default; the source states no count")
    else:
        how = "the shorter end of" if ranged else "inferred from"
        said.append(f'reps: {result.reps}, {how} "{found_reps}"')
    said.append(
        f'pace: {rep_s} s a rep, inferred from "{found_pace}"'
        if found_pace
        else f"pace: {rep_s} s a rep by default; the source gives no pace"
    )
    return (
        {"kind": "movement", "reps": result.reps, "pace": result.pace},
        {"reps": found_reps, "pace": found_pace},
    )


def _equipment(entry: Exercise, text: str, result: _Entry, defaults: list[str]) -> list[str]:
    """Equipment keys from the source's value and the things the text names."""
    given, said = entry["equipment"], result.said
    named = [key for key, pattern in EQUIPMENT_TEXT if pattern.search(text)]
    keys = list(named)
    ours = None if given is None else EQUIPMENT.get(given)
    if ours is not None:
        keys.insert(0, ours)
        said.append(f'equipment: {ours} from the source\'s "{given}"')
    elif given is None and not named:
        defaults.append("equipment")
        said.append("equipment: none by default; neither the source nor the text names any")
    elif given == "other" and not named:
        result.notes.append("equipment 'other' matches nothing the handbook knows; check the steps")
        said.append(
            "equipment: the source says 'other' and the text names nothing the "
            "handbook knows; check the steps"
        )
    elif given not in (None, "other"):
        result.notes.append(f"equipment {given!r} has no match in the handbook; left out")
        said.append(f'equipment: the source\'s "{given}" has no match here; left out')
    if named:
        said.append(f"equipment: {', '.join(named)}, inferred from the text")
    keys = list(dict.fromkeys(keys))
    if len(keys) > 1 and "none" in keys:
        keys.remove("none")
    return keys or (["none"] if given is None else [])


def _file_text(entry: Exercise, data: Mapping[str, object], result: _Entry) -> str:
    """The TOML text: comments saying where every field came from, then the fields."""
    head = [
        f'Imported from {SOURCE} ({HOMEPAGE}), entry "{entry["id"]}", under the Unlicense,',
        "from your own copy on this machine. These comments are for you; the handbook "
        "ignores them.",
        *result.said,
    ]
    return "".join(f"# {one_line(line)}\n" for line in head) + "\n" + tomli_w.dumps(data)


# Helpers ----------------------------------------------------------------------------------


def _out_folder(out_folder: str | Path) -> Path:
    """The folder to write into, made if need be; CatalogError when it cannot be one."""
    out = Path(out_folder).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CatalogError(
            [
                Problem(
                    str(out),
                    None,
                    "is a file, or inside one, not a folder; give a folder for the stretch files",
                )
            ],
            out,
        ) from None
    except OSError as exc:
        raise CatalogError(
            [
                Problem(
                    str(out),
                    None,
                    _("cannot be made ({strerror}); give a folder you may write").format(
                        strerror=exc.strerror
                    ),
                )
            ],
            out,
        ) from None
    return out


def _categories(categories: Iterable[str], entries: list[dict[str, object]]) -> set[str]:
    wanted = {categories} if isinstance(categories, str) else set(categories)
    known = set(CATEGORIES) | {c for e in entries if isinstance(c := e.get("category"), str)}
    for category in wanted:
        if category not in known:
            raise ValueError(
                _(
                    "{category!r} is not a category of {source}{suggest}; choose from {items}"
                ).format(
                    category=category,
                    source=SOURCE,
                    suggest=suggest(category, known),
                    items=", ".join(sorted(known)),
                )
            )
    return wanted
