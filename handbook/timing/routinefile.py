"""Routine files: TOML read and checked against the catalogue, one file or a whole folder.

A routine file is TOML (``data/routines/<id>.toml``)::

    name = "Back pain basics"
    description = "The four stretches the handbook grew from."
    rest = 10                                  # seconds between stretches (optional)
    warm_up = true                             # optional: start with the built-in warm-up
    [[items]]
    stretch = "kneeling-hip-flexor"
    hold = { breaths = 5 }                     # optional: the stretch's own hold otherwise
    reps = 1                                   # optional: the stretch's own reps otherwise

For a movement, ``reps`` is its count and a ``hold = { seconds = n }`` is read as moving
time (the nearest whole number of reps); a hold in breaths does not apply to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from ..catalog.loader import Catalog, load_catalog
from ..catalog.movement import check_movement_reps
from ..catalog.schema import KEBAB, free_name, read_toml, slug
from ..catalog.stretch import MAX_ITEMS, check_hold, check_length, check_reps, check_rest
from ..catalog.text import LONG, NAME, text_problem
from ..catalog.translations import routine_text
from ..errors import Problem, suggest
from ..errors import shown as shown_value
from ..paths import builtin_data_dir
from .routine import Routine, RoutineError, RoutineItem
from .timeline import REST_S

ROUTINE_KEYS = ("name", "description", "rest", "warm_up", "items")
ITEM_KEYS = ("stretch", "hold", "reps")
WARM_UP = "warm-up"
"""The id of the built-in warm-up routine (data/routines/warm-up.toml)."""


def parse_routine(
    data: Mapping[str, object], rid: str, catalog: Catalog, shown: str, what: str = "routine"
) -> Routine:
    """Check a routine document against the catalogue; RoutineError lists every problem.

    ``what`` names the routine in messages ("routine", or "day" for a day of a plan).
    """
    problems: list[Problem] = []
    for key in data:
        if key not in ROUTINE_KEYS:
            hint = suggest(key, ROUTINE_KEYS)
            problems.append(Problem(shown, key, f"is not a known field{hint}"))
    name = data.get("name")
    if name is None:
        problems.append(Problem(shown, "name", f"is missing; give the {what} a name"))
    elif not isinstance(name, str):
        problems.append(Problem(shown, "name", f"must be text, got {shown_value(name)}"))
    elif not name.strip():
        problems.append(Problem(shown, "name", f"must not be empty; give the {what} a name"))
    elif (odd := text_problem(name.strip(), longest=NAME)) is not None:
        problems.append(Problem(shown, "name", odd))
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append(
            Problem(shown, "description", f"must be text, got {shown_value(description)}")
        )
    elif description.strip() and (
        odd := text_problem(description.strip(), one_line=False, longest=LONG)
    ):
        problems.append(Problem(shown, "description", odd))
    rest = data.get("rest", REST_S)
    check_rest(rest, shown, problems)
    raw_items = data.get("items")
    items: list[RoutineItem] = []
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(
            Problem(
                shown,
                "items",
                'must list at least one stretch, e.g. [[items]] stretch = "neck-turn"',
            )
        )
        raw_items = []
    elif len(raw_items) > MAX_ITEMS:
        check_length(0.0, len(raw_items), shown, problems, what=what)
        raw_items = []
    for n, raw in enumerate(raw_items, 1):
        where = f"items[{n}]"
        if not isinstance(raw, dict):
            problems.append(Problem(shown, where, f"must be a table, got {shown_value(raw)}"))
            continue
        table: Mapping[str, object] = raw
        before = len(problems)
        for key in table:
            if key not in ITEM_KEYS:
                problems.append(
                    Problem(
                        shown, f"{where}.{key}", f"is not a known field{suggest(key, ITEM_KEYS)}"
                    )
                )
        sid = table.get("stretch")
        if not isinstance(sid, str):
            problems.append(
                Problem(
                    shown,
                    f"{where}.stretch",
                    "is missing; give a stretch id"
                    if sid is None
                    else f"must be a stretch id, got {shown_value(sid)}",
                )
            )
        elif sid not in catalog:
            problems.append(
                Problem(
                    shown,
                    f"{where}.stretch",
                    f"{shown_value(sid)} is not in the catalogue{suggest(sid, catalog.ids)}",
                )
            )
        moving = isinstance(sid, str) and sid in catalog and catalog[sid].is_movement
        breaths, seconds = (
            check_hold(table["hold"], shown, problems, f"{where}.hold")
            if "hold" in table
            else (None, None)
        )
        if moving and breaths is not None:
            problems.append(
                Problem(
                    shown,
                    f"{where}.hold",
                    f"{sid!r} is a movement at its own "
                    f"pace; give its reps (or hold = {{ seconds = n }} of "
                    f"moving) instead of breaths",
                )
            )
        reps = table.get("reps")
        if reps is not None:
            (check_movement_reps if moving else check_reps)(reps, shown, problems, f"{where}.reps")
        if len(problems) == before:
            # checked above, with a problem recorded otherwise: a known id, whole reps or none
            assert isinstance(sid, str) and (reps is None or isinstance(reps, int))
            items.append(RoutineItem(sid, hold_s=seconds, hold_breaths=breaths, reps=reps))
    wants_warm_up = data.get("warm_up", False)
    if not isinstance(wants_warm_up, bool):
        problems.append(
            Problem(shown, "warm_up", f"must be true or false, got {shown_value(wants_warm_up)}")
        )
    if not KEBAB.match(rid):
        better = free_name(Path(shown).parent, slug(rid) or "my-routine")
        problems.append(
            Problem(
                shown,
                "id",
                f"the file name {rid!r} is not a kebab-case id; rename it to '{better}'",
            )
        )
    if problems:
        raise RoutineError(problems)
    # each was checked above, with a problem recorded when it was not so
    assert isinstance(name, str) and isinstance(description, str)
    assert isinstance(rest, int | float)
    routine = Routine(rid, name.strip(), tuple(items), catalog, float(rest), description.strip())
    if wants_warm_up is True and rid != WARM_UP:
        try:
            routine = routine.with_warm_up(warm_up(catalog))
        except RoutineError as exc:
            raise RoutineError(
                [
                    Problem(
                        shown,
                        "warm_up",
                        f"the built-in warm-up cannot be "
                        f"used with this catalogue: "
                        f"{p.field}: {p.message}",
                    )
                    for p in exc.problems
                ]
            ) from None
    check_length(routine.duration, len(routine.items), shown, problems, what=what)
    if problems:
        raise RoutineError(problems)
    return routine


def warm_up(catalog: Catalog | None = None) -> Routine:
    """The built-in warm-up: a few minutes of movements to do before stretching.

    ``catalog`` checks its movements (default: the built-in catalogue).

    >>> import handbook
    >>> warm = handbook.warm_up()
    >>> warm.name, all(s.is_movement for s in warm.stretches)
    ('Warm-up', True)
    """
    return load_routine(builtin_data_dir() / "routines" / f"{WARM_UP}.toml", catalog)


def load_routine(path: str | Path, catalog: Catalog | None = None) -> Routine:
    """Read a routine file, checked against the catalogue (the built-in one by default).

    Its name and description come in the catalogue's language, from ``<lang>/<id>.toml``
    beside the file where there is one (docs/translating.md).

    >>> import handbook, pathlib, tempfile
    >>> cat = handbook.load_catalog()
    >>> legs = handbook.Routine.from_ids(cat, ["standing-quad"], name="Legs")
    >>> saved = legs.save(pathlib.Path(tempfile.mkdtemp()) / "legs.toml")
    >>> handbook.load_routine(saved, cat) == legs
    True
    """
    path = Path(path)
    data, problems = read_toml(path, str(path), "; a routine needs a name and its items")
    if problems or data is None:  # read_toml gives no document only with its problems
        raise RoutineError(problems)
    catalog = catalog or load_catalog()
    routine = parse_routine(data, path.stem, catalog, str(path))
    if catalog.language == "en":
        return routine
    text, problems, _missing = routine_text(path, catalog.language)
    if problems:
        raise RoutineError(problems)
    return dataclasses.replace(
        routine,
        name=text.get("name", routine.name),
        description=text.get("description", routine.description),
    )


def routines(catalog: Catalog | None = None) -> dict[str, Routine]:
    """The built-in routines by id, checked against the catalogue (the built-in one by default).

    >>> import handbook
    >>> built_in = handbook.routines()
    >>> "back-pain-basics" in built_in and "warm-up" in built_in
    True
    """
    folder = builtin_data_dir() / "routines"
    found, problems = load_routines(folder, catalog or load_catalog())
    if problems:
        raise RoutineError(problems, folder)
    return found


def load_routines(folder: str | Path, catalog: Catalog) -> tuple[dict[str, Routine], list[Problem]]:
    """Every routine file of a folder by id, and the problems of those that cannot be used.

    A folder that does not exist holds no routines; one bad file does not stop the others.
    """
    folder = Path(folder)
    found: dict[str, Routine] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        try:
            found[path.stem] = load_routine(path, catalog)
        except RoutineError as exc:
            problems += exc.problems
    return found, problems


BUILTIN_NEEDS_CATALOGUE = (
    "The built-in routines need stretches this catalogue does not have; load it with "
    "handbook.load_catalog(folder, builtin=True)."
)


def routines_to_choose(
    catalog: Catalog, folder: str | Path | None = None
) -> tuple[dict[str, Routine], list[Problem]]:
    """What a person may choose from: the built-in routines by id, then each routine file of
    ``folder`` by its path, each group in the order of the names shown; and the problems.

    A built-in routine the catalogue cannot make, or a file that cannot be used, is a problem
    listed (naming the file by its name), never a failure: the other routines stay.
    """
    problems: list[Problem] = []
    try:
        builtin = routines(catalog)
    except RoutineError:
        builtin = {}
        problems.append(Problem("built-in routines", None, BUILTIN_NEEDS_CATALOGUE))
    own: dict[str, Routine] = {}
    folder = None if folder is None else Path(folder)
    for path in sorted(folder.glob("*.toml")) if folder is not None and folder.is_dir() else ():
        try:
            own[str(path)] = load_routine(path, catalog)
        except RoutineError as exc:
            problems += [Problem(path.name, p.field, p.message) for p in exc.problems]
        except OSError as exc:
            problems.append(Problem(path.name, None, exc.strerror or str(exc)))
    return {**by_name(builtin), **by_name(own)}, problems


def by_name(found: Mapping[str, Routine]) -> dict[str, Routine]:
    """Routines in the order of their names as people read them (case aside), then keys."""
    return dict(sorted(found.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])))
