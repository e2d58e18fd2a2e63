"""Load a catalogue of stretches from TOML files and query it with pandas."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypedDict, Unpack, cast

import pandas as pd

from .. import i18n
from ..errors import CatalogError, Problem, suggest
from ..i18n import _
from ..paths import builtin_data_dir
from . import search, translations
from .conditions import check_alternatives, normalise_conditions
from .movement import KINDS, pace_text
from .positions import positions_note
from .schema import parse_stretch, read_toml
from .stretch import Stretch
from .vocabulary import Vocabulary, builtin_vocabulary


class CatalogWarning(UserWarning):
    """A catalogue loaded, but something in it deserves a look (e.g. a replaced stretch)."""


Choice = str | Iterable[str]
"""One value asked for, or several of which any will do."""


class Filters(TypedDict, total=False):
    """What a stretch itself is asked to match in ``Catalog.find``, by keyword."""

    muscle: Choice | None
    position: Choice | None
    equipment: Choice | None
    level: Choice | None
    sides: Choice | None
    tag: Choice | None
    text: str | None
    kind: Choice | None
    primary_only: bool


class Criteria(Filters, total=False):
    """What ``Catalog.find`` (and ``loosen``) may be asked: the filters and the conditions."""

    safe_for: Choice | None


class Catalog:
    """Stretches by id, with tidy DataFrames for pandas and a `find` for everyday questions.

    Look a stretch up by id, or ask ``find`` (any of muscle, position, equipment, level,
    sides, tag, text, kind, safe_for); ``stretches``, ``steps`` and ``targets`` are tables.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> cat["standing-quad"].name
    'Standing quad stretch'
    >>> found = cat.find(muscle="hamstrings", position="supine", safe_for=["osteoporosis"])
    >>> len(found) > 0 and set(found["position"]) == {"supine"}
    True
    """

    def __init__(
        self,
        stretches: Iterable[Stretch],
        vocabulary: Vocabulary,
        origin: str = "",
        replaced: Iterable[str] = (),
        language: str = i18n.DEFAULT,
    ):
        self._by_id = {s.id: s for s in stretches}
        self.vocabulary = vocabulary
        self.origin = origin
        self.language = language  # the language of its text ("en", "es")
        self.replaced = tuple(replaced)  # built-in ids that a user's folder replaced
        self._frames: dict[str, pd.DataFrame] = {}
        self._search: search.SearchIndex | None = None  # made on the first search by words
        self._muscle_phrases: search.Phrases | None = None

    # Mapping-like access -------------------------------------------------------------
    def __getitem__(self, sid: str) -> Stretch:
        try:
            return self._by_id[sid]
        except KeyError:
            hint = suggest(sid, self._by_id) if isinstance(sid, str) else ""
            raise KeyError(
                _("no stretch with id {sid!r}{hint}").format(sid=sid, hint=hint)
            ) from None

    def __contains__(self, sid: object) -> bool:
        return sid in self._by_id

    def __iter__(self) -> Iterator[Stretch]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"<Catalog of {len(self)} stretches from {self.origin}>"

    def _repr_markdown_(self) -> str:
        """What a notebook shows for a catalogue: a sentence, not a repr."""
        reached = self.targets["muscle"].nunique()
        positions = self.stretches["position"].nunique()
        text = _(
            "**{n} stretches** from {origin}, reaching {reached} muscle "
            "groups in {positions} positions."
        ).format(n=len(self), origin=self.origin, reached=reached, positions=positions)
        if unstated := self.without_positions:
            text += f" {positions_note(len(unstated))}"
        return text

    @property
    def without_positions(self) -> tuple[str, ...]:
        """Ids of the stretches whose files do not list their positions: the conditions'
        rules cannot check them, so only their own [conditions] advice applies."""
        return tuple(s.id for s in self if s.positions is None)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every stretch id, in catalogue order."""
        return tuple(self._by_id)

    # Tidy tables ----------------------------------------------------------------------
    @property
    def stretches(self) -> pd.DataFrame:
        """One row per stretch, indexed by id."""
        if "stretches" not in self._frames:
            rows = [
                {
                    "id": s.id,
                    "name": s.name,
                    "summary": s.summary,
                    "primary": s.primary,
                    "secondary": s.secondary,
                    "position": s.position,
                    "equipment": s.equipment,
                    "level": s.level,
                    "sides": s.sides,
                    "hold_breaths": s.hold_breaths,
                    "hold_s": s.hold_s,
                    "reps": s.reps,
                    "tags": s.tags,
                    "source": s.source,
                    "skip_for": tuple(c.condition for c in s.conditions if c.skip),
                    "kind": s.kind,
                    "pace": pace_text(s.pace),
                    "file": None if s.file is None else str(s.file),
                }
                for s in self
            ]
            frame = pd.DataFrame(rows, columns=list(_STRETCH_COLUMNS))
            frame = frame.astype(_STRETCH_COLUMNS).set_index("id")
            self._frames["stretches"] = frame
        return self._frames["stretches"]

    @property
    def conditions(self) -> pd.DataFrame:
        """One row per stretch and condition it has advice for: id, condition, advice, how,
        instead."""
        if "conditions" not in self._frames:
            rows = [
                (s.id, c.condition, c.advice, c.how, c.instead) for s in self for c in s.conditions
            ]
            self._frames["conditions"] = pd.DataFrame(
                rows, columns=["id", "condition", "advice", "how", "instead"]
            )
        return self._frames["conditions"]

    @property
    def steps(self) -> pd.DataFrame:
        """One row per step: id, n (from 1), text."""
        if "steps" not in self._frames:
            rows = [(s.id, n, text) for s in self for n, text in enumerate(s.steps, 1)]
            self._frames["steps"] = pd.DataFrame(rows, columns=["id", "n", "text"])
        return self._frames["steps"]

    @property
    def targets(self) -> pd.DataFrame:
        """One row per stretch and muscle: id, muscle, role ("primary" or "secondary")."""
        if "targets" not in self._frames:
            rows = [
                (s.id, m, role)
                for s in self
                for role, muscles in (("primary", s.primary), ("secondary", s.secondary))
                for m in muscles
            ]
            frame = pd.DataFrame(rows, columns=["id", "muscle", "role"])
            order = pd.CategoricalDtype(list(self.vocabulary.keys("muscles")), ordered=True)
            frame["muscle"] = frame["muscle"].astype(order)
            frame["role"] = frame["role"].astype(pd.CategoricalDtype(["primary", "secondary"]))
            self._frames["targets"] = frame
        return self._frames["targets"]

    def coverage(self) -> pd.DataFrame:
        """Stretches reaching each muscle group, in vocabulary order, zeros included.

        Columns: label, region, primary, secondary (counts of stretches by role).
        """
        counts = pd.crosstab(self.targets["muscle"], self.targets["role"], dropna=False)
        counts = counts.reindex(
            index=list(self.vocabulary.keys("muscles")),
            columns=["primary", "secondary"],
            fill_value=0,
        )
        counts.columns.name = None
        counts.index.name = "muscle"
        labels = self.vocabulary.labels["muscles"]
        regions = self.vocabulary.regions
        counts.insert(0, "label", [labels[m] for m in counts.index])
        counts.insert(1, "region", [regions[m] for m in counts.index])
        return counts

    # Queries --------------------------------------------------------------------------
    def find(
        self,
        *,
        muscle: Choice | None = None,
        position: Choice | None = None,
        equipment: Choice | None = None,
        level: Choice | None = None,
        sides: Choice | None = None,
        tag: Choice | None = None,
        text: str | None = None,
        kind: Choice | None = None,
        primary_only: bool = False,
        safe_for: Choice | None = None,
    ) -> pd.DataFrame:
        """Stretches matching every criterion given; each takes one value or a list (any of).

        ``kind`` is "hold" (a still stretch) or "movement" (done in reps at a pace).
        Matching ignores case and accepts keys or display labels ("Lower back", "lats").
        A muscle matches primary or secondary targets unless ``primary_only=True``.
        ``safe_for`` (conditions, e.g. ["osteoporosis"]) leaves out every stretch that one of
        them rules out; those that only need changing stay (see ``advice_for``).
        ``text`` finds stretches by words and their forms in their names, summaries,
        muscles and steps (see handbook.catalog.search), best matches first.
        An unknown muscle, position, equipment, level or sides value raises ValueError
        with the closest valid one suggested.
        """
        frame = self.stretches
        keep = pd.Series(True, index=frame.index)
        entry_kind = kind  # the loop below reuses the name
        if muscle is not None:
            wanted = self._wanted("muscles", muscle)
            targets = self.targets
            if primary_only:
                targets = targets[targets["role"] == "primary"]
            hits = set(targets.loc[targets["muscle"].isin(wanted), "id"])
            keep &= frame.index.isin(hits)
        for kind, value, column in (
            ("positions", position, "position"),
            ("levels", level, "level"),
            ("sides", sides, "sides"),
        ):
            if value is not None:
                keep &= frame[column].isin(self._wanted(kind, value))
        if equipment is not None:
            kit = set(self._wanted("equipment", equipment))
            keep &= frame["equipment"].map(lambda used: bool(kit & set(used)))
        if entry_kind is not None:
            kinds = [k.strip().lower() if isinstance(k, str) else k for k in _as_list(entry_kind)]
            for k in kinds:
                if k not in KINDS:
                    raise ValueError(
                        _("{k!r} is not a kind{suggest}; use 'hold' or 'movement'").format(
                            k=k, suggest=suggest(k, KINDS)
                        )
                    )
            keep &= frame["kind"].isin(kinds)
        if tag is not None:
            tags = {t.lower() for t in _as_list(tag)}
            keep &= frame["tags"].map(lambda have: bool(tags & set(have)))
        if safe_for is not None:
            keep &= ~frame.index.isin(self.ruled_out(safe_for))
        if text is not None:
            ranked = search.rank(
                self._search_index(), str(text), self._phrases(), language=self.language
            )
            found = frame[keep & frame.index.isin(ranked)]
            return found.loc[[sid for sid in ranked if sid in found.index]]
        return frame[keep]

    def ruled_out(self, conditions: Choice | None) -> list[str]:
        """Ids of the stretches that any of the conditions says to skip."""
        wanted = normalise_conditions(self.vocabulary, conditions)
        return [s.id for s in self if s.skipped_for(wanted)]

    def alternative(self, sid: str, conditions: Choice | None) -> str | None:
        """The stretch to do instead of ``sid`` with these conditions (None: none is named).

        The first condition that rules ``sid`` out and names a stretch that every one of the
        conditions allows gives it.
        """
        wanted = normalise_conditions(self.vocabulary, conditions)
        for condition in wanted:
            entry = self[sid].advice_for(condition)
            if (
                entry is not None
                and entry.skip
                and entry.instead is not None
                and entry.instead in self
                and not self[entry.instead].skipped_for(wanted)
            ):
                return entry.instead
        return None

    def _search_index(self) -> search.SearchIndex:
        if self._search is None:
            self._search = search.build_index(self)
        return self._search

    def _phrases(self) -> search.Phrases:
        if self._muscle_phrases is None:
            self._muscle_phrases = search.muscle_phrases(self)
        return self._muscle_phrases

    def loosen(self, **criteria: Unpack[Criteria]) -> dict[str, int]:
        """For each criterion given to find, how many stretches match without it."""
        given = {k: v for k, v in criteria.items() if v not in (None, "", False, (), [])}
        # Criteria with some keys left out are still Criteria; mypy cannot follow the filter.
        return {
            name: len(self.find(**cast(Criteria, {k: v for k, v in given.items() if k != name})))
            for name in given
        }

    def _wanted(self, kind: str, value: Choice) -> list[str]:
        return [self.vocabulary.normalise(kind, v) for v in _as_list(value)]

    def label(self, kind: str, key: str) -> str:
        """Display label of a vocabulary key, e.g. cat.label("muscles", "lats")."""
        return self.vocabulary.label(kind, key)


_STRETCH_COLUMNS: dict[str, str | pd.CategoricalDtype] = {
    "id": "str",
    "name": "str",
    "summary": "str",
    "primary": "object",
    "secondary": "object",
    "position": "category",
    "equipment": "object",
    "level": "category",
    "sides": "category",
    "hold_breaths": "Int64",
    "hold_s": "float64",
    "reps": "int64",
    "tags": "object",
    "source": "str",
    "skip_for": "object",
    "file": "object",
    "kind": pd.CategoricalDtype(list(KINDS)),
    "pace": "str",
}


def _shown(stretch: Stretch) -> str:
    return str(stretch.file) if stretch.file is not None else stretch.id


def _as_list(value: Choice) -> list[str]:
    if isinstance(value, str):
        return [value]
    return list(value)


def _stretch_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Stretch files of a folder (its stretches/ subfolder when it has one), hidden ones
    skipped; and a problem for each subfolder that cannot be read or is named like a file."""
    with contextlib.suppress(OSError):  # a folder we may not look into is reported below
        if (folder / "stretches").is_dir():
            folder = folder / "stretches"
    files: list[Path] = []
    problems: list[Problem] = []
    skip = translations.language_folders()
    todo = [folder]
    while todo:  # a stack, not recursion: however deep the folders go
        here = todo.pop()
        try:
            with os.scandir(here) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            why = _("permission denied") if isinstance(exc, PermissionError) else exc.strerror
            problems.append(
                Problem(
                    str(here),
                    None,
                    _("cannot be read ({why}); its stretch files were not loaded").format(why=why),
                )
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = here / entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)  # links to folders: not followed
            except OSError:
                is_folder = False
            if is_folder and entry.name.endswith(".toml"):
                problems.append(
                    Problem(
                        str(path),
                        None,
                        _("is a folder, not a stretch file; rename it without .toml"),
                    )
                )
            elif is_folder and entry.name not in skip:  # a language's folder holds translations
                todo.append(path)
            elif entry.name.endswith(".toml"):
                files.append(path)  # read_data reports one that is not a regular file
    return sorted(files), problems


def _read_folder(folder: Path, vocab: Vocabulary) -> tuple[list[Stretch], list[Problem]]:
    files, problems = _stretch_files(folder)
    stretches: list[Stretch] = []
    seen: dict[str, Path] = {}
    for path in files:
        sid = path.stem
        data, found = read_toml(path, str(path))
        if data is not None:
            stretch, found = parse_stretch(data, sid, vocab, str(path), file=path)
            if stretch is not None:
                stretches.append(stretch)
        problems += found
        if sid in seen:
            problems.append(
                Problem(
                    str(path),
                    "id",
                    _("the id {sid!r} is used twice: also by {value}; rename one file").format(
                        sid=sid, value=seen[sid]
                    ),
                )
            )
        seen.setdefault(sid, path)
    return stretches, problems


_CACHE: dict[tuple[str, str], tuple[object, tuple[Stretch, ...], int]] = {}
"""The built-in stretches read, per data folder and language: (what the files were, the
stretches, how many fields were missing). Read again when a file changes."""
_WARNED: set[tuple[str, str]] = set()


def builtin_stretches() -> tuple[Stretch, ...]:
    """The built-in stretches in English, read once (and again when a file changes)."""
    data = builtin_data_dir()
    stamp = translations.signature(data / "stretches", data)
    key = (str(data), i18n.DEFAULT)
    hit = _CACHE.get(key)
    if hit is None or hit[0] != stamp:
        stretches, problems = _read_folder(data, builtin_vocabulary())
        problems += check_alternatives(stretches, _shown)
        if problems:
            raise CatalogError(problems, data)
        _CACHE[key] = hit = (stamp, tuple(stretches), 0)
    return hit[1]


def _builtin_in(language: str) -> tuple[Stretch, ...]:
    english = builtin_stretches()
    if language == i18n.DEFAULT:
        return english
    data = builtin_data_dir()
    english_stamp = _CACHE[(str(data), i18n.DEFAULT)][0]
    stamp = (english_stamp, translations.signature(data / "stretches" / language, data / language))
    key = (str(data), language)
    hit = _CACHE.get(key)
    if hit is None or hit[0] != stamp:
        vocab = translations.vocabulary(language)
        stretches, problems, missing = translations.translate_stretches(english, language, vocab)
        if problems:
            raise CatalogError(problems, data / "stretches" / language)
        missing_words = len(missing) + len(translations.vocabulary_missing(language))
        _CACHE[key] = hit = (stamp, tuple(stretches), missing_words)
    _warn_missing(language, "the built-in catalogue", hit[2])
    return hit[1]


def _warn_missing(language: str, origin: str, count: int) -> None:
    """Say once per language and origin how much text is read in English meanwhile."""
    if count and (language, origin) not in _WARNED:
        _WARNED.add((language, origin))
        warnings.warn(
            i18n.ngettext(
                "{origin}: {n} text has no translation into {language!r} and is read in "
                "English; handbook.translation_report({language!r}) lists it",
                "{origin}: {n} texts have no translation into {language!r} and are read in "
                "English; handbook.translation_report({language!r}) lists them",
                count,
            ).format(origin=origin, n=count, language=language),
            CatalogWarning,
            stacklevel=4,
        )


def _in_language(
    own: list[Stretch], language: str, folder: Path
) -> tuple[list[Stretch], list[Problem]]:
    """A person's own stretches in the language, from the translations in their folder."""
    if language == i18n.DEFAULT:
        return own, []
    stretches, problems, missing = translations.translate_stretches(
        own, language, translations.vocabulary(language)
    )
    _warn_missing(language, str(folder), len(missing))
    return stretches, problems


def load_catalog(
    folder: str | Path | None = None, *, builtin: bool = False, language: str | None = None
) -> Catalog:
    """Load the built-in catalogue, a folder of stretch files, or both (the folder wins).

    Every problem in the folder is reported at once in a CatalogError; nothing is written.

    ``folder`` holds your own stretch files (None: the built-in ones only); with
    ``builtin=True`` they join the built-in catalogue. The text comes in the handbook's
    language (``handbook.set_language``), or in ``language``, from the translation files
    beside the English ones (docs/translating.md); what has none is read in English.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> len(cat) >= 60, cat.origin
    (True, 'the built-in catalogue')
    >>> handbook.load_catalog(language="es")["standing-quad"].name
    'Estiramiento de cuádriceps de pie'
    """
    lang = translations.chosen(language)
    vocab = builtin_vocabulary()
    if folder is None:
        return Catalog(
            _builtin_in(lang),
            translations.vocabulary(lang),
            origin=_("the built-in catalogue"),
            language=lang,
        )

    folder = Path(folder).expanduser()
    try:
        what = (
            None
            if folder.is_dir()
            else (_("is a file, not a folder") if folder.exists() else _("does not exist"))
        )
    except OSError as exc:
        what = _("cannot be looked at ({strerror})").format(strerror=exc.strerror)
    if what is not None:
        raise CatalogError(
            [
                Problem(
                    str(folder),
                    None,
                    _("{what}; give the folder that holds your stretch files").format(what=what),
                )
            ],
            folder,
        )
    if _stretch_files(folder) == ([], []):
        raise CatalogError(
            [
                Problem(
                    str(folder),
                    None,
                    _("holds no stretch files (*.toml); add one per stretch, named <id>.toml"),
                )
            ],
            folder,
        )
    own, problems = _read_folder(folder, vocab)
    base = load_catalog(language=lang) if builtin else None
    everything = (
        own if base is None else ({s.id: s for s in base} | {s.id: s for s in own}).values()
    )
    problems += check_alternatives(everything, _shown)
    if not problems:
        own, problems = _in_language(own, lang, folder)
    if problems:
        raise CatalogError(problems, folder)
    if base is None:
        return Catalog(own, translations.vocabulary(lang), origin=str(folder), language=lang)

    replaced = [s.id for s in own if s.id in base]
    if replaced:
        warnings.warn(
            _("{folder} replaces built-in stretches: {items}").format(
                folder=folder, items=", ".join(replaced)
            ),
            CatalogWarning,
            stacklevel=2,
        )
    merged = {s.id: s for s in base} | {s.id: s for s in own}
    return Catalog(
        merged.values(),
        base.vocabulary,
        origin=_("the built-in catalogue and {folder}").format(folder=folder),
        replaced=replaced,
        language=lang,
    )


def load_with_own(
    folder: str | Path, catalog: Catalog | None = None
) -> tuple[Catalog, list[Problem]]:
    """The built-in catalogue with the good stretch files of a person's folder, and the
    problems of the rest, for views that must keep going (class mode, the planner).

    A folder that does not exist or holds no files adds nothing and is no problem; a file
    with a problem is left out and named in the problems; the folder wins on an id.
    """
    base = catalog or load_catalog()
    folder = Path(folder).expanduser()
    try:
        if not folder.is_dir() or _stretch_files(folder) == ([], []):
            return base, []
    except OSError as exc:  # a folder we may not even look at
        return base, [
            Problem(
                str(folder),
                None,
                _("cannot be looked at ({strerror})").format(strerror=exc.strerror),
            )
        ]
    own, problems = _read_folder(folder, builtin_vocabulary())
    bad = {p.file for p in problems}
    own = [s for s in own if str(s.file) not in bad]
    if not own:
        return base, problems
    own, more = _in_language(own, base.language, folder)  # a bad translation: English text
    problems += more
    merged = {s.id: s for s in base} | {s.id: s for s in own}
    replaced = [s.id for s in own if s.id in base]
    return Catalog(
        merged.values(),
        base.vocabulary,
        origin=_("the built-in catalogue and {folder}").format(folder=folder),
        replaced=replaced,
        language=base.language,
    ), problems
