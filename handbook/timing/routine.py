"""Routines: stretches in order, each with an optional hold and reps, and rest between them."""

from __future__ import annotations

import dataclasses
import enum
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, NotRequired, TypedDict

import pandas as pd
import tomli_w

from ..catalog.loader import Catalog
from ..catalog.movement import MAX_REPS as MOVEMENT_MAX_REPS
from ..catalog.movement import check_movement_reps, reps_for
from ..catalog.schema import KEBAB, read_toml, slug
from ..catalog.stretch import (
    DEFAULT_BREATHS_PER_MINUTE,
    MAX_REPS,
    Stretch,
    check_hold,
    check_length,
    check_reps,
    check_rest,
)
from ..catalog.text import LONG, NAME, text_problem
from ..errors import DataFileError, Problem
from ..files import atomic_write
from ..i18n import _
from .timeline import (
    GET_READY_S,
    REST_S,
    SWITCH_S,
    Phase,
    TimedItem,
    build_phases,
    phases_frame,
)


class Keep(enum.Enum):
    """The type of ``KEEP``: a value of ``Routine.set_item`` left as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP  # set_item: leave this value as it is
ANY_REPS = max(MAX_REPS, MOVEMENT_MAX_REPS)  # the most reps of any item: a movement's


class RoutineError(DataFileError):
    """A routine file that cannot be used; ``problems`` lists everything found."""


class RoutineExistsError(RoutineError):
    """A save that would replace a file holding another routine (or something else).

    ``path`` is that file and ``held`` the name of the routine it holds ("" when it holds no
    routine); nothing was written. Save with ``overwrite=True`` to replace it.
    """

    def __init__(self, path: Path, held: str, message: str):
        self.path, self.held = path, held
        super().__init__([Problem(str(path), None, message)])


class HoldTable(TypedDict, total=False):
    """An item's hold in a routine file: ``{ seconds = 30 }`` or ``{ breaths = 5 }``."""

    seconds: int | float
    breaths: int


class ItemTable(TypedDict):
    """One item of a routine file: the stretch, and the hold and reps it overrides."""

    stretch: str
    hold: NotRequired[HoldTable]
    reps: NotRequired[int]


class RoutineTable(TypedDict):
    """A routine file's document: name, description, rest between stretches, items."""

    name: str
    description: NotRequired[str]
    rest: int | float
    items: list[ItemTable]


@dataclass(frozen=True)
class RoutineItem:
    """One stretch of a routine, with the hold and reps it overrides (None: the stretch's own).

    ``stretch`` is the id; ``hold_s`` or ``hold_breaths`` and ``reps`` override the stretch's.

    >>> import handbook
    >>> item = handbook.RoutineItem("standing-quad", hold_s=40, reps=2)
    >>> quad = item.resolve(handbook.load_catalog())
    >>> quad.hold_s, quad.reps
    (40.0, 2)
    """

    stretch: str
    hold_s: float | None = None
    hold_breaths: int | None = None
    reps: int | None = None

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        if self.hold_s is not None:
            check_hold({"seconds": self.hold_s}, self.stretch, problems)
        if self.hold_breaths is not None:
            check_hold({"breaths": self.hold_breaths}, self.stretch, problems)
        if self.reps is not None:  # the kind is not known here: the widest bound, a
            check_reps(self.reps, self.stretch, problems, most=ANY_REPS)  # movement's
        if problems:
            raise ValueError("; ".join(f"{p.field}: {p.message}" for p in problems))

    def resolve(self, catalog: Catalog) -> Stretch:
        """The catalogue's stretch with this item's hold and reps applied."""
        stretch = catalog[self.stretch]
        if self.hold_s is not None:
            stretch = stretch.with_hold(seconds=self.hold_s)
        elif self.hold_breaths is not None:
            stretch = stretch.with_hold(breaths=self.hold_breaths)
        if self.reps is not None:
            stretch = dataclasses.replace(stretch, reps=self.reps)
        return stretch

    def to_dict(self) -> ItemTable:
        """The item as a TOML table."""
        out: ItemTable = {"stretch": self.stretch}
        if self.hold_s is not None:
            out["hold"] = {"seconds": plain_number(self.hold_s)}
        elif self.hold_breaths is not None:
            out["hold"] = {"breaths": self.hold_breaths}
        if self.reps is not None:
            out["reps"] = self.reps
        return out


def check_seconds(value: object, shown: str) -> float:
    """A hold in seconds checked by the hold rules, or ValueError saying what is wrong."""
    problems: list[Problem] = []
    check_hold({"seconds": value}, shown, problems)
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    assert isinstance(value, int | float)  # check_hold lets only a number of seconds through
    return float(value)


def plain_number(value: float) -> int | float:
    """A number as TOML should show it: 30 rather than 30.0."""
    return int(value) if float(value).is_integer() else round(float(value), 3)


@dataclass(frozen=True)
class Routine:
    """Stretches in order, with rest between them; everything it needs to be timed and shown.

    Made with ``Routine.from_ids`` (or read with ``handbook.load_routine``); edited by copy
    (``add``, ``remove``, ``move``, ``set_item``); ``duration`` is in seconds, ``timeline()``
    a table of its phases, ``save(path)`` writes it as TOML.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> legs = handbook.Routine.from_ids(cat, ["kneeling-hip-flexor", "standing-quad"], name="Legs")
    >>> legs = legs.set_item(1, hold_s=40, reps=2)
    >>> len(legs), legs.stretches[1].hold_s, legs.duration == legs.phases()[-1].end
    (2, 40.0, True)
    """

    id: str
    name: str
    items: tuple[RoutineItem, ...]
    catalog: Catalog = field(compare=False, repr=False)
    rest_s: float = REST_S
    description: str = ""

    def __post_init__(self) -> None:
        if not KEBAB.match(self.id):  # the id names its file: "../x" would save elsewhere
            better = slug(self.id) or "my-routine"
            raise ValueError(f"the id {self.id!r} is not a kebab-case id; use {better!r}")
        for item in self.items:
            self.catalog[item.stretch]  # a KeyError with a suggestion for an unknown id

    @classmethod
    def from_ids(
        cls,
        catalog: Catalog,
        ids: Iterable[str],
        *,
        name: str | None = None,
        id: str | None = None,
        rest_s: float = REST_S,
        description: str = "",
    ) -> Routine:
        """A routine of the given stretches with their own holds and reps."""
        items = tuple(RoutineItem(sid) for sid in ids)
        found = id or slug(name or "My routine") or "my-routine"  # the same id in any language
        return cls(found, name or _("My routine"), items, catalog, rest_s, description)

    # What it holds ------------------------------------------------------------------------
    @property
    def stretches(self) -> tuple[Stretch, ...]:
        """Each item's stretch with the item's hold and reps applied."""
        return tuple(item.resolve(self.catalog) for item in self.items)

    def timed_items(
        self, breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE
    ) -> list[TimedItem]:
        """The items as the timer engine takes them."""
        return [
            TimedItem.from_stretch(s, breaths_per_minute=breaths_per_minute) for s in self.stretches
        ]

    def phases(
        self,
        breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE,
        *,
        get_ready: float = GET_READY_S,
        switch: float = SWITCH_S,
        rest: float = REST_S,
    ) -> tuple[Phase, ...]:
        """The timeline of phases, with this routine's rest between stretches."""
        if not self.items:
            return ()
        return build_phases(
            self.timed_items(breaths_per_minute),
            get_ready=get_ready,
            switch=switch,
            rest=rest,
            rest_between_items=self.rest_s,
        )

    @property
    def duration(self) -> float:
        """Seconds from Start to the end of the last hold, at the default pace."""
        phases = self.phases()
        return phases[-1].end if phases else 0.0

    def timeline(self, breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE) -> pd.DataFrame:
        """The phases as a DataFrame: start, end, kind, stretch, side, rep, label."""
        return phases_frame(self.phases(breaths_per_minute))

    def table(self) -> pd.DataFrame:
        """One row per item, in order: name, sides, hold_s, reps, seconds (with its rests)."""
        rows = [
            {
                "name": t.name,
                "sides": t.sides,
                "hold_s": t.hold_s,
                "reps": t.reps,
                "seconds": t.seconds(self.rest_s),
            }
            for t in self.timed_items()
        ]
        return pd.DataFrame(
            rows,
            columns=["name", "sides", "hold_s", "reps", "seconds"],
            index=pd.RangeIndex(1, len(rows) + 1),
        )

    def __len__(self) -> int:
        return len(self.items)

    # Editing (each returns a new routine) ---------------------------------------------
    def add(
        self,
        stretch: str,
        *,
        hold_s: float | None = None,
        reps: int | None = None,
        at: int | None = None,
    ) -> Routine:
        """A copy with a stretch added at the end (or at position ``at``)."""
        items = list(self.items)
        items.insert(
            len(items) if at is None else at, RoutineItem(stretch, hold_s=hold_s, reps=reps)
        )
        return dataclasses.replace(self, items=tuple(items))

    def remove(self, index: int) -> Routine:
        """A copy without the item at index."""
        items = list(self.items)
        del items[index]
        return dataclasses.replace(self, items=tuple(items))

    def move(self, index: int, to: int) -> Routine:
        """A copy with the item at index moved to position ``to``."""
        items = list(self.items)
        items.insert(max(0, min(to, len(items) - 1)), items.pop(index))
        return dataclasses.replace(self, items=tuple(items))

    def set_item(
        self,
        index: int,
        *,
        hold_s: float | Keep | None = KEEP,
        reps: int | Keep | None = KEEP,
    ) -> Routine:
        """A copy with one item's hold (seconds) and reps set.

        None goes back to the stretch's own; a value left out keeps the item's current one.
        For a movement, a hold in seconds sets the reps whose moving time is nearest it.
        """
        items = list(self.items)
        old = items[index]
        stretch = self.catalog[old.stretch]
        if stretch.is_movement and hold_s is not KEEP and hold_s is not None:
            if reps is KEEP:  # a movement keeps its pace: the seconds become its reps
                reps = reps_for(check_seconds(hold_s, self.name), stretch.pace)
            hold_s = None
        problems: list[Problem] = []
        if hold_s is not KEEP and hold_s is not None:
            check_hold({"seconds": hold_s}, self.name, problems)
        if reps is not KEEP and reps is not None:
            (check_movement_reps if stretch.is_movement else check_reps)(reps, self.name, problems)
        if problems:
            raise ValueError("; ".join(p.message for p in problems))
        new = old
        if hold_s is not KEEP:
            new = dataclasses.replace(new, hold_s=hold_s, hold_breaths=None)
        if reps is not KEEP:
            new = dataclasses.replace(new, reps=reps)
        items[index] = new
        return dataclasses.replace(self, items=tuple(items))

    def with_items(self, items: Iterable[RoutineItem]) -> Routine:
        """A copy with other items."""
        return dataclasses.replace(self, items=tuple(items))

    def with_warm_up(self, warm_up: Routine) -> Routine:
        """A copy that starts with the items of a warm-up (e.g. ``handbook.warm_up()``)."""
        for item in warm_up.items:
            self.catalog[item.stretch]  # a KeyError with a suggestion for an unknown id
        return dataclasses.replace(self, items=warm_up.items + self.items)

    @property
    def warm_up_items(self) -> int:
        """How many items at the start are movements: the warm-up the routine begins with."""
        count = 0
        for item in self.items:
            if not self.catalog[item.stretch].is_movement:
                break
            count += 1
        return count

    def renamed(self, name: str) -> Routine:
        """A copy with another name (and the id made from it)."""
        return dataclasses.replace(self, name=name, id=slug(name) or self.id)

    # Files ----------------------------------------------------------------------------
    def to_dict(self) -> RoutineTable:
        """The routine as a TOML document."""
        out: RoutineTable = {
            "name": self.name,
            "rest": plain_number(self.rest_s),
            "items": [item.to_dict() for item in self.items],
        }
        if self.description:
            out["description"] = self.description
        return out

    def problems(self, shown: str) -> list[Problem]:
        """What reading this routine back from a file would refuse (name, rest, length)."""
        problems: list[Problem] = []
        if not self.name.strip():
            problems.append(Problem(shown, "name", "must not be empty; give the routine a name"))
        elif (odd := text_problem(self.name.strip(), longest=NAME)) is not None:
            problems.append(Problem(shown, "name", odd))
        if self.description.strip() and (
            odd := text_problem(self.description.strip(), one_line=False, longest=LONG)
        ):
            problems.append(Problem(shown, "description", odd))
        if not self.items:
            problems.append(Problem(shown, "items", "must list at least one stretch"))
        check_rest(self.rest_s, shown, problems)
        if not problems:
            check_length(self.duration, len(self.items), shown, problems)
        return problems

    def save(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write the routine as TOML, atomically; a folder ("my-routines/") gets <id>.toml.

        What reading would refuse is refused here (RoutineError, nothing written). A file that
        holds another routine (another name) or something else is replaced only with
        ``overwrite=True``: RoutineExistsError otherwise. Saving a routine again over its own
        file (the same name) needs no flag.
        """
        folder = str(path).endswith(("/", os.sep)) or Path(path).is_dir()
        path = Path(path) / f"{self.id}.toml" if folder else Path(path)
        problems = self.problems(str(path))
        if problems:
            raise RoutineError(problems)
        if not overwrite:
            self._check_free(path)
        return atomic_write(path, tomli_w.dumps(self.to_dict()))

    def _check_free(self, path: Path) -> None:
        """RoutineExistsError when path holds anything but an earlier save of this routine."""
        if not os.path.lexists(path):
            return
        data, problems = read_toml(path, str(path), "")
        held = data.get("name") if data is not None and not problems else None
        if isinstance(held, str) and isinstance(data, dict) and "items" in data:
            if held.strip() == self.name.strip():
                return
            raise RoutineExistsError(
                path,
                held,
                f"holds another routine, {held.strip()[:NAME]!r}; save under another name, "
                "or pass overwrite=True to replace it",
            )
        raise RoutineExistsError(
            path,
            "",
            "already exists and holds no routine; save elsewhere, or pass overwrite=True "
            "to replace it",
        )

    def to_class_page(
        self, path: str | Path | None = None, *, muted: bool = False, theme: str = "light"
    ) -> str:
        """This routine as a class page: one HTML file that runs the class with no server.

        The stage, clock, tones, voice, keys and breath pacer of class mode, offline, from a
        file, a USB stick or any static web host; written to `path` when one is given.
        ``theme="dark"`` gives white on black for a dim room; ``muted=True`` starts silent.
        """
        from ..output.classpage import class_page

        page = class_page(self, muted=muted, theme=theme)
        if path is not None:
            atomic_write(path, page)
        return page

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """A printable handout of this routine; written to path when one is given."""
        from ..output.handout import routine_html

        page = routine_html(self, title=title)
        if path is not None:
            atomic_write(path, page)
        return page
