"""Import the stretches of free-exercise-db (a public exercise catalogue) as stretch files."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import tomli
import tomli_w

from .errors import suggest
from .files import atomic_write
from .paths import builtin_data_dir
from .schema import parse_stretch, slug
from .vocabulary import builtin_vocabulary

SOURCE = "free-exercise-db"
HOMEPAGE = "github.com/yuhonas/free-exercise-db"
CATEGORIES = ("powerlifting", "strength", "stretching", "cardio", "olympic weightlifting",
              "strongman", "plyometrics")
REQUIRED_KEYS = ("id", "name", "category", "level", "equipment", "primaryMuscles",
                 "secondaryMuscles", "instructions")
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
# The source's equipment in our words; None means "no match in the handbook's vocabulary".
EQUIPMENT = {
    "body only": "none", "bands": "strap", "other": None, "exercise ball": None,
    "foam roll": None, "medicine ball": None, "dumbbell": None, "kettlebells": None,
    "cable": None, "machine": None, "barbell": None, "e-z curl bar": None,
}
DEFAULT_HOLD_S = 30
STATUSES = ("imported", "skipped", "exists", "error")
COLUMNS = ("id", "name", "stretch_id", "file", "status", "reason", "position", "sides",
           "hold_s", "defaults", "notes")
CAUTIONS = [
    "No cautions came with this stretch from free-exercise-db: check that it suits your body "
    "before you try it, and skip it after a recent injury or operation in the area.",
    "Ease in until you feel mild tension; stop at once on sharp pain, pain in a joint, "
    "numbness or tingling.",
    "Read the handbook's safety note (notebook 00, Start here) before you begin.",
]
PARTNER_CAUTION = ("It needs a partner: agree on a word that means stop, and tell them at once "
                   "when the stretch is enough.")

# Words that say an entry is not a held stretch.
FOAM = re.compile(r"\bSMR\b|foam roll|muscle roller|rolling pin|foot roller", re.I)
DYNAMIC_NAME = re.compile(r"\b(?:circles?|swings?|rolls?|dynamic|hops?|kicks?)\b", re.I)
DYNAMIC_TEXT = re.compile(r"\b(?:dynamic|circles?|circular|repetitions|jump\w*|hops?|kicks?)\b",
                          re.I)
MOVING_TEXT = re.compile(r"\b(?:swing\w*|alternat\w*|quickly)\b", re.I)  # unless a hold is stated
HIP_FLEXOR = re.compile(r"\bhip[ -]?flexors?\b", re.I)
QUADS = re.compile(r"\bquad(?:s|riceps)?\b", re.I)
PARTNER = re.compile(r"\bpartner\b", re.I)

# Position: the earliest phrase in the text wins; on a tie, the first rule listed.
_LIE = r"\b(?:lie|lies|lying|lay|laying)\b"
POSITIONS = (
    ("prone", re.compile(_LIE + r"[^.;]*?\b(?:face ?down|stomach|belly)\b|\bface ?down\b", re.I)),
    ("side-lying", re.compile(_LIE + r"[^.;,]*?\bon (?:your|the) (?:left |right )?side\b"
                              r"|\bside[ -]lying\b", re.I)),
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
    re.compile(r"\b(?:one|left|right) (?:leg|arm|foot|knee|heel|hand|hip|elbow|shoulder)\b",
               re.I),
)

_WORDS = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "forty-five": 45, "sixty": 60}
_NUM = r"(\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
SECONDS = re.compile(rf"\b{_NUM}(?:\s*(?:-|\u2013|to)\s*{_NUM})?(?:\s+or\s+more)?"
                     r"[\s-]*sec(?:ond)?s?\b", re.I)
HOLD_WORD = re.compile(r"\b(?:hold|holding|stay|pause|pausing)\b", re.I)

# Equipment the text names, for entries whose source value says little ("other", null).
EQUIPMENT_TEXT = (
    ("strap", re.compile(r"\b(?:belts?|bands?|ropes?|straps?|towels?)\b", re.I)),
    ("chair", CHAIR),
    ("wall", re.compile(r"\bwalls?\b", re.I)),
    ("door-frame", re.compile(r"\b(?:doorways?|door[ -]?frames?)\b", re.I)),
    ("mat", re.compile(r"\bmats?\b", re.I)),
    ("support", re.compile(r"\b(?:a|the) (?:bench|step|squat rack|chin-?up bar)\b"
                           r"|\bsturdy object\b|\b(?:vertical|other) support\b", re.I)),
)


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
    position: str | None = None
    sides: str | None = None
    hold_s: int | None = None
    defaults: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # the comment lines of the file

    def row(self) -> dict:
        return {"id": self.id, "name": self.name, "stretch_id": self.stretch_id,
                "file": self.file, "status": self.status, "reason": self.reason,
                "position": self.position, "sides": self.sides, "hold_s": self.hold_s,
                "defaults": self.defaults, "notes": "; ".join(self.notes)}


def read_source(json_path: str | Path) -> list[dict]:
    """Read a free-exercise-db JSON file: a list of exercise objects, or SourceError."""
    path = Path(json_path).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file; give the path of exercises.json") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder; give the path of exercises.json") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(f"{path} is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line "
                          f"{line})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column "
                          f"{exc.colno})") from None
    if not isinstance(data, list):
        raise SourceError(f"{path} should hold a list of exercises, found {_what(data)}")
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise SourceError(f"{path} should hold a list of exercise objects, found "
                              f"{_what(entry)} at position {n}")
    return data


def import_free_exercise_db(json_path: str | Path, out_folder: str | Path, *,
                            categories: Iterable[str] = ("stretching",),
                            overwrite: bool = False,
                            progress: Callable[[int, int], object] | None = None
                            ) -> pd.DataFrame:
    """Write the entries of the given categories as stretch files; return one report row each.

    Only held stretches are written: foam-roller self-massage, dynamic moves and entries
    without instructions are skipped, and a broken entry is an error row, never a file.
    Position, sides and hold are inferred from the instructions (a stated range of seconds
    gives its shorter end; no stated time gives 30 s, marked as a default), and every file
    says at its top what was given, mapped, inferred or defaulted. An existing file is kept
    unless ``overwrite=True``; ids already used by the built-in catalogue or by an earlier
    entry get a numbered suffix. ``progress(done, total)`` is called after each entry.
    """
    entries = read_source(json_path)
    wanted = _categories(categories, entries)
    chosen = [e for e in entries if not isinstance(e.get("category"), str)
              or e["category"] in wanted]
    out = Path(out_folder).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    target = out / "stretches" if (out / "stretches").is_dir() else out  # as the loader reads
    taken = {p.stem: "the built-in catalogue"
             for p in (builtin_data_dir() / "stretches").glob("*.toml")}
    rows = []
    for done, entry in enumerate(chosen, 1):
        rows.append(_import_one(entry, target, taken, overwrite).row())
        if progress is not None:
            progress(done, len(chosen))
    report = pd.DataFrame(rows, columns=list(COLUMNS))
    report["status"] = report["status"].astype(pd.CategoricalDtype(STATUSES))
    report["hold_s"] = report["hold_s"].astype("float64")
    return report


def summarise(report: pd.DataFrame, out_folder: str | Path) -> str:
    """A few lines for people: counts by status, top reasons, errors, how to load the folder."""
    counts = report["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    lines = [f"{len(report)} entries of {SOURCE}:"]
    lines += [f"  {status:<9} {n:4d}" for status, n in counts.items()]
    kinds = report.loc[report["reason"] != "", "reason"].str.split(":").str[0]
    if len(kinds):
        lines.append("Top reasons:")
        lines += [f"  {n:4d}  {kind}" for kind, n in kinds.value_counts().head(5).items()]
    errors = report[report["status"] == "error"]
    if len(errors):
        lines.append("Errors (fix the entry, or leave it out):")
        lines += [f"  {row.id if isinstance(row.id, str) else row.name}: {row.reason}"
                  for row in errors.head(10).itertuples()]
        if len(errors) > 10:
            lines.append(f"  ... and {len(errors) - 10} more in the report")
    if counts["imported"] + counts["exists"]:
        folder = json.dumps(str(out_folder), ensure_ascii=False)
        lines += [f"The stretch files are in {out_folder}. Load them with the built-in catalogue:",
                  f"  handbook.load_catalog({folder}, builtin=True)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """The command line: python -m handbook.importers JSON_PATH OUT_FOLDER [options]."""
    parser = argparse.ArgumentParser(
        prog="python -m handbook.importers",
        description="Turn the stretches of free-exercise-db's exercises.json into stretch "
                    "files the handbook loads.")
    parser.add_argument("json_path", help="free-exercise-db's exercises.json")
    parser.add_argument("out_folder", help="your folder of stretch files (created if needed)")
    parser.add_argument("--category", action="append", dest="categories", metavar="NAME",
                        help="a category to import (repeat for more); default: stretching")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace files that already exist (kept by default)")
    args = parser.parse_args(argv)
    bar = _ProgressBar(sys.stderr)
    try:
        report = import_free_exercise_db(args.json_path, args.out_folder,
                                         categories=args.categories or ("stretching",),
                                         overwrite=args.overwrite, progress=bar)
    except ValueError as exc:  # a SourceError, or an unknown category
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        bar.close()
        print(f"error: cannot write to {args.out_folder}: {exc}", file=sys.stderr)
        return 1
    bar.close()
    print(summarise(report, args.out_folder))
    return 0


class _ProgressBar:
    """A text progress bar on a terminal; elsewhere a line every `every` entries."""

    def __init__(self, stream, width: int = 30, every: int = 50):
        self.stream, self.width, self.every = stream, width, every
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            filled = self.width * done // max(total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                              f"{done}/{total} entries")
            self.drawn = True
        elif done % self.every == 0 or done == total:
            self.stream.write(f"{done} of {total} entries done\n")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


# One entry ----------------------------------------------------------------------------------

def _import_one(entry: dict, folder: Path, taken: dict[str, str], overwrite: bool) -> _Entry:
    result = _Entry(id=entry.get("id"), name=entry.get("name"))
    if (problem := _check_entry(entry)) is not None:
        result.status, result.reason = "error", problem
        return result
    text = " ".join(entry["instructions"])
    if (why := _not_a_stretch(entry, text)) is not None:
        result.status, result.reason = "skipped", why
        return result

    sid = _unique_id(slug(entry["id"]) or slug(entry["name"]) or "imported-stretch",
                     entry["id"], taken, result)
    data = _stretch_fields(entry, text, result)
    body = _file_text(entry, data, result)
    path = folder / f"{sid}.toml"
    result.stretch_id = sid
    try:
        raw = body.encode("utf-8")
    except UnicodeEncodeError:
        result.status, result.reason = "error", "bad value: a text holds invalid Unicode"
        return result
    stretch, problems = parse_stretch(tomli.loads(body), sid, builtin_vocabulary(), str(path))
    if stretch is None:
        result.status = "error"
        result.reason = "invalid stretch: " + "; ".join(
            f"{p.field}: {p.message}" if p.field else p.message for p in problems)
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


def _check_entry(entry: dict) -> str | None:
    """The first thing wrong with an entry's shape or words, as "kind: detail", or None."""
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if missing:
        return f"missing key: {', '.join(missing)}"
    for key in ("id", "name", "category", "level"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            return f"bad value: {key} must be a non-empty text, got {entry[key]!r}"
    for key in ("primaryMuscles", "secondaryMuscles", "instructions"):
        value = entry[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"bad value: {key} must be a list of texts, got {value!r}"
    if entry["equipment"] is not None and not isinstance(entry["equipment"], str):
        return f"bad value: equipment must be a text or null, got {entry['equipment']!r}"
    if not entry["primaryMuscles"]:
        return "bad value: primaryMuscles is empty"
    vocab = builtin_vocabulary()
    for muscle in entry["primaryMuscles"] + entry["secondaryMuscles"]:
        if (msg := vocab.check("muscles", muscle)) is not None:
            return f"unknown muscle: {msg}"
    if entry["level"] not in LEVELS:
        return f"bad value: level {entry['level']!r} is not one of the source's levels" \
               f"{suggest(entry['level'], LEVELS)}"
    return None


def _not_a_stretch(entry: dict, text: str) -> str | None:
    """Why a well-formed entry is not imported as a held stretch, or None."""
    if entry["equipment"] == "foam roll":
        return 'self-massage with a foam roller: equipment "foam roll"'
    if found := FOAM.search(entry["id"] + " " + entry["name"] + " " + text):
        return f'self-massage with a foam roller: says "{found.group()}"'
    if not text.strip():
        return "no instructions: the entry has none, and a stretch needs its steps"
    if found := DYNAMIC_NAME.search(entry["name"]) or DYNAMIC_TEXT.search(text):
        return f'dynamic move: says "{found.group()}"; the handbook holds still stretches'
    if (found := MOVING_TEXT.search(text)) and not SECONDS.search(text):
        return f'dynamic move: says "{found.group()}" and states no hold'
    return None


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


def _stretch_fields(entry: dict, text: str, result: _Entry) -> dict:
    """The fields of the stretch file; each mapping, inference and default told in result.said."""
    said, defaults = result.said, []
    said.append("given by the source: name, muscles, level, equipment; steps are its "
                "instructions")
    primary, secondary = _muscles(entry, said)
    level = LEVELS[entry["level"]]
    if level != entry["level"]:
        said.append(f'level: {level}, from the source\'s "{entry["level"]}"')
    result.position, found = _position(text)
    said.append(f'position: {result.position}, inferred from "{found}"' if found
                else "position: standing by default; the text names no position")
    result.sides, found_sides = _sides(text)
    said.append(f'sides: each, inferred from "{found_sides}"' if found_sides
                else "sides: both by default; the text never mentions the other side")
    result.hold_s, found_hold, ranged = _hold(entry["instructions"])
    if found_hold is None:
        said.append(f"hold: {DEFAULT_HOLD_S} s by default; the source states no time")
    else:
        how = "the shorter end of" if ranged else "inferred from"
        said.append(f'hold: {result.hold_s} s, {how} "{found_hold}"')
    defaults += [name for name, value in (("position", found), ("sides", found_sides),
                                          ("hold", found_hold)) if value is None]
    equipment = _equipment(entry, text, result, defaults)
    result.defaults = tuple(defaults)
    partner = bool(PARTNER.search(text))
    said.append("summary, cautions, tags, source: written by the importer; the source has "
                "no summary or cautions")
    muscles = primary + secondary
    listed = muscles[0] if len(muscles) == 1 else ", ".join(muscles[:-1]) + " and " + muscles[-1]
    return {
        "name": entry["name"].strip(),
        "summary": f"Stretches the {listed}{' with a partner' if partner else ''} "
                   f"(imported from {SOURCE}).",
        "primary": primary,
        "secondary": secondary,
        "position": result.position,
        "equipment": equipment,
        "level": level,
        "sides": result.sides,
        "hold": {"seconds": result.hold_s},
        "steps": [step.strip() for step in entry["instructions"] if step.strip()],
        "cautions": CAUTIONS + ([PARTNER_CAUTION] if partner else []),
        "tags": [SOURCE] + (["partner"] if partner else []),
        "source": f'{SOURCE} ({HOMEPAGE}), entry "{entry["id"]}", under the Unlicense '
                  f"(public domain); converted from the user's own copy.",
    }


def _muscles(entry: dict, said: list[str]) -> tuple[list[str], list[str]]:
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
        said.append(f'primary: hip flexors, from the name "{name}" (the source files it under '
                    f'{" and ".join(entry["primaryMuscles"])})')
    return primary, secondary


def _position(text: str) -> tuple[str, str | None]:
    """The position of the earliest posture phrase, and that phrase; standing and None if none."""
    best = None
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


def _sides(text: str) -> tuple[str, str | None]:
    """("each", the phrase that says so), or ("both", None) when nothing does."""
    for pattern in EACH_SIDE:
        if found := pattern.search(text):
            return "each", _span(text, found.start(), found.end())
    return "both", None


def _hold(instructions: list[str]) -> tuple[int, str | None, bool]:
    """Seconds stated in the text, preferring a stated hold: (seconds, quote, was a range).

    A range ("10-20 seconds") gives its shorter end: a safe start for a stretch nobody here
    has checked. No stated time gives the default of 30 s and no quote.
    """
    first = None
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


def _equipment(entry: dict, text: str, result: _Entry, defaults: list[str]) -> list[str]:
    """Equipment keys from the source's value and the things the text names."""
    given, said = entry["equipment"], result.said
    named = [key for key, pattern in EQUIPMENT_TEXT if pattern.search(text)]
    keys = list(named)
    if EQUIPMENT.get(given) is not None:
        keys.insert(0, EQUIPMENT[given])
        said.append(f'equipment: {EQUIPMENT[given]} from the source\'s "{given}"')
    elif given is None and not named:
        defaults.append("equipment")
        said.append("equipment: none by default; neither the source nor the text names any")
    elif given == "other" and not named:
        result.notes.append("equipment 'other' matches nothing the handbook knows; "
                            "check the steps")
        said.append("equipment: the source says 'other' and the text names nothing the "
                    "handbook knows; check the steps")
    elif given not in (None, "other"):
        result.notes.append(f"equipment {given!r} has no match in the handbook; left out")
        said.append(f'equipment: the source\'s "{given}" has no match here; left out')
    if named:
        said.append(f"equipment: {', '.join(named)}, inferred from the text")
    keys = list(dict.fromkeys(keys))
    if len(keys) > 1 and "none" in keys:
        keys.remove("none")
    return keys or (["none"] if given is None else [])


def _file_text(entry: dict, data: dict, result: _Entry) -> str:
    """The TOML text: comments saying where every field came from, then the fields."""
    head = [f'Imported from {SOURCE} ({HOMEPAGE}), entry "{entry["id"]}", under the Unlicense,',
            "from your own copy on this machine. These comments are for you; the handbook "
            "ignores them.", *result.said]
    return "".join(f"# {_one_line(line)}\n" for line in head) + "\n" + tomli_w.dumps(data)


# Helpers ----------------------------------------------------------------------------------

def _categories(categories: Iterable[str], entries: list[dict]) -> set[str]:
    wanted = {categories} if isinstance(categories, str) else set(categories)
    known = set(CATEGORIES) | {e["category"] for e in entries if isinstance(e.get("category"),
                                                                            str)}
    for category in wanted:
        if category not in known:
            raise ValueError(f"{category!r} is not a category of {SOURCE}"
                             f"{suggest(category, known)}; choose from "
                             f"{', '.join(sorted(known))}")
    return wanted


def _clause(text: str, start: int, end: int, stops: str = ".,;:!?()") -> str:
    """The part of text around [start, end) between the nearest stops on either side."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    rights = [i for c in stops if (i := text.find(c, end)) != -1]
    return text[left: min(rights) if rights else len(text)].strip()


def _span(text: str, start: int, end: int) -> str:
    """A quote for a comment: the clause around [start, end), shortened when it is long."""
    clause = _clause(text, start, end)
    if len(clause) <= 80:
        return clause
    more = text[end: end + 30]
    return text[start:end] + (more[: more.rfind(" ")] if " " in more else more) + "..."


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", " ", str(text))


def _what(value: object) -> str:
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:5])
        return f"an object (keys: {keys})" if keys else "an empty object"
    names = {str: "a text", int: "a number", float: "a number", bool: "true or false",
             list: "a list", type(None): "null"}
    return names.get(type(value), type(value).__name__)


if __name__ == "__main__":
    sys.exit(main())
