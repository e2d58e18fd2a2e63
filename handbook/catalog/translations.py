"""The catalogue in another language: translation files, read and checked like the English ones.

A folder's translations live in its ``<lang>/`` subfolder, one file per entry, holding the
entry's reader-facing text only, under the same keys as the English file::

    data/stretches/es/standing-quad.toml     # name, summary, steps, cues, side_names, ...
    data/routines/es/warm-up.toml            # name, description
    data/es/vocabulary.toml                  # each table's key = { label = "..." }, ...
    data/es/safety.md                        # the safety note, whole
    my-stretches/es/calf.toml                # a person's own folder works the same

Lists (``steps``, ``cues``, ``mistakes``, ``cautions``) go item for item with the English;
a movement's ``pace`` has the same parts and seconds with the words translated; the side
names say their own side in the language ("rodilla derecha abajo"); ``[conditions]`` gives
``<condition> = { how = "..." }`` for each condition whose English advice says how. A field
left out is read in English, and counted as missing (``handbook.translation_report``).
Nothing in a file is executed, and a file is never rewritten: every problem is reported
with its file, field and fix, like those of the English files.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import tomli

from .. import i18n
from ..errors import CatalogError, FileReadError, Problem, suggest
from ..errors import shown as shown_value
from ..files import read_data
from ..i18n import _
from ..paths import builtin_data_dir
from .conditions import apply_rules
from .movement import Pace, pace_text, parse_pace
from .positions import Rule
from .schema import read_toml
from .sides import SIDE_KEYS, check_side_keys, default_names
from .stretch import Stretch
from .text import LINE, LONG, NAME, text_problem
from .vocabulary import KINDS, Vocabulary, builtin_vocabulary

TEXTS = ("name", "summary", "source")
LISTS = ("steps", "cues", "mistakes", "cautions")
STRETCH_FIELDS = (*TEXTS, *LISTS, "side_names", "pace", "conditions")
"""The fields a stretch translation may hold: its text, nothing that changes what it does."""
ROUTINE_FIELDS = ("name", "description")
"""The fields a routine translation may hold."""
LONGEST = {"name": NAME, "source": LONG, "description": LONG}

SIDE_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "en": {"right": ("right",), "left": ("left",)},
    "es": {"right": ("derecha", "derecho"), "left": ("izquierda", "izquierdo")},
}
"""How each language says each side, for the rule a side's name is held to."""

VOCABULARY = "vocabulary.toml"
SAFETY = "safety.md"


@dataclass(frozen=True)
class Missing:
    """One piece of text with no translation: it is read in English meanwhile."""

    kind: str  # "stretch", "routine", "vocabulary" or "safety"
    id: str
    field: str
    file: str  # the translation file it would go in


def chosen(language: str | None) -> str:
    """The language asked for (checked), or the handbook's language when None."""
    if language is None:
        return i18n.language()
    if i18n._normal(language) == i18n.language():
        return i18n.language()
    return i18n._check(language, source="language")


def language_folders() -> frozenset[str]:
    """The names of the subfolders that hold translations, not entries: "es", ..."""
    return frozenset(i18n.languages()) - {i18n.DEFAULT}


# --- Stretches ---------------------------------------------------------------------------


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if c.isalpha() or c == " ")


def side_name_problem(language: str, side: str, name: str) -> str | None:
    """What is wrong with a side's name in a language: it must say its own side, and not
    name the other side first (the rule the English names are held to)."""
    words = SIDE_WORDS.get(language)
    if words is None:
        return None
    other = "left" if side == "right" else "right"
    found = [w for w in re.findall(r"[a-z]+", _plain(name)) if w in words[side] + words[other]]
    example = f"{words[side][0]} …"
    if not found or found[0] not in words[side]:
        if found:
            return _(
                "{name!r} names the other side ({other!r}) first; the {side} side's name "
                "leads with {word!r}, e.g. {example!r}"
            ).format(name=name, other=found[0], side=side, word=words[side][0], example=example)
        return _(
            "{name!r} does not say {words}; a side is named by its limb, e.g. {example!r}"
        ).format(name=name, words=" or ".join(map(repr, words[side])), example=example)
    return None


def _text(value: object, shown: str, field: str, problems: list[Problem]) -> str | None:
    if not isinstance(value, str):
        problems.append(
            Problem(shown, field, _("must be text, got {value}").format(value=shown_value(value)))
        )
        return None
    key = field.split(".")[0]
    odd = _("must not be empty") if not value.strip() else None
    odd = odd or text_problem(
        value.strip(), one_line=key in ("name", "side_names"), longest=LONGEST.get(key, LINE)
    )
    if odd is not None:
        problems.append(Problem(shown, field, odd))
        return None
    return value.strip()


def _list(
    value: object, english: tuple[str, ...], shown: str, field: str, problems: list[Problem]
) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            Problem(
                shown,
                field,
                _("must be a list of texts, got {value}").format(value=shown_value(value)),
            )
        )
        return None
    if len(value) != len(english):
        problems.append(
            Problem(
                shown,
                field,
                _(
                    "lists {n} items, the English {m}; translate item for item, in the same order"
                ).format(n=len(value), m=len(english)),
            )
        )
        return None
    out = []
    for n, item in enumerate(value, 1):
        text = _text(item, shown, f"{field}[{n}]", problems)
        if text is None:
            return None
        out.append(text)
    return tuple(out)


def _pace(value: object, english: Stretch, shown: str, problems: list[Problem]) -> Pace | None:
    if not english.is_movement:
        problems.append(
            Problem(shown, "pace", _("is only for a movement; remove it (the stretch is held)"))
        )
        return None
    found: list[Problem] = []
    pace = parse_pace(value, shown, found)
    problems += found
    if found:
        return None
    if [s for _w, s in pace] != [s for _w, s in english.pace]:
        problems.append(
            Problem(
                shown,
                "pace",
                _(
                    "{given!r} does not keep the English parts and seconds ({english!r}); "
                    "translate the words only"
                ).format(given=value, english=pace_text(english.pace)),
            )
        )
        return None
    return pace


def _sides(
    value: object, english: Stretch, language: str, shown: str, problems: list[Problem]
) -> tuple[tuple[str, str], ...] | None:
    if english.sides != "each":
        problems.append(
            Problem(
                shown,
                "side_names",
                _("the English stretch is not done on each side in turn; remove side_names"),
            )
        )
        return None
    example = 'side_names = { right = "...", left = "..." }'
    if not isinstance(value, dict):
        problems.append(
            Problem(
                shown,
                "side_names",
                _("must be a table of both sides; write {example}").format(example=example),
            )
        )
        return None
    names: dict[str, str] = {}
    check_side_keys(value, shown, problems)
    for side in SIDE_KEYS:
        where = f"side_names.{side}"
        if side not in value:
            problems.append(Problem(shown, where, _("is missing; name both sides").format()))
            continue
        name = _text(value[side], shown, where, problems)
        if name is None:
            continue
        if (wrong := side_name_problem(language, side, name)) is not None:
            problems.append(Problem(shown, where, wrong))
        elif len(name) > 40:
            problems.append(
                Problem(
                    shown,
                    where,
                    _(
                        "is {n} characters; keep it to 40 or fewer, as the timer shows and says it"
                    ).format(n=len(name)),
                )
            )
        else:
            names[side] = name
    if len(names) < 2:
        return None
    if names["left"] == names["right"]:
        problems.append(Problem(shown, "side_names", _("gives both sides the same name")))
        return None
    return tuple((side, names[side]) for side, _name in english.side_names)


def _conditions(
    value: object, english: Stretch, shown: str, problems: list[Problem]
) -> dict[str, str] | None:
    written = {c.condition: c for c in english.conditions if c.how and not c.from_rules}
    if not isinstance(value, dict):
        problems.append(
            Problem(
                shown,
                "conditions",
                _(
                    'must be a table such as [conditions] knee-problems = {{ how = "..." }}'
                ).format(),
            )
        )
        return None
    out: dict[str, str] = {}
    for condition, entry in value.items():
        where = f"conditions.{condition}"
        if condition not in written:
            hint = suggest(condition, written)
            has = ", ".join(written) or _("none")
            problems.append(
                Problem(
                    shown,
                    where,
                    _(
                        "is not a condition the English stretch says how to handle{hint}; "
                        "those it does: {has}"
                    ).format(hint=hint, has=has),
                )
            )
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(shown, where, _('must be a table: {{ how = "..." }}').format()))
            continue
        for key in entry:
            if key != "how":
                problems.append(
                    Problem(
                        shown,
                        f"{where}.{key}",
                        _(
                            "is not translated: only how is text; advice, instead and removes "
                            "stay in the English file"
                        ),
                    )
                )
        if "how" in entry:
            how = _text(entry["how"], shown, f"{where}.how", problems)
            if how is not None:
                out[condition] = how
    return out


def check_stretch(
    data: Mapping[str, object], english: Stretch, language: str, shown: str
) -> tuple[dict[str, object], list[Problem]]:
    """Check a stretch translation against its English entry; return its good fields."""
    problems: list[Problem] = []
    good: dict[str, object] = {}
    for key in data:
        if key not in STRETCH_FIELDS:
            problems.append(
                Problem(
                    shown,
                    key,
                    _(
                        "is not a field a translation holds{hint}; it holds text only: {fields}"
                    ).format(hint=suggest(key, STRETCH_FIELDS), fields=", ".join(STRETCH_FIELDS)),
                )
            )
    for key in TEXTS:
        if key in data and (text := _text(data[key], shown, key, problems)) is not None:
            good[key] = text
    for key in LISTS:
        if key in data:
            items = _list(data[key], getattr(english, key), shown, key, problems)
            if items is not None:
                good[key] = items
    if "pace" in data and (pace := _pace(data["pace"], english, shown, problems)) is not None:
        good["pace"] = pace
    if "side_names" in data:
        names = _sides(data["side_names"], english, language, shown, problems)
        if names is not None:
            good["side_names"] = names
    if "conditions" in data:
        hows = _conditions(data["conditions"], english, shown, problems)
        if hows is not None:
            good["conditions"] = hows
    return good, problems


def stretch_fields(english: Stretch) -> tuple[str, ...]:
    """The fields a full translation of this stretch gives."""
    fields = [k for k in TEXTS if getattr(english, k)]
    fields += [k for k in LISTS if getattr(english, k)]
    if english.side_names and dict(english.side_names) != default_names():
        fields.append("side_names")
    if english.is_movement and any(word for word, _s in english.pace):
        fields.append("pace")
    fields += [
        f"conditions.{c.condition}.how" for c in english.conditions if c.how and not c.from_rules
    ]
    return tuple(fields)


def _translated(english: Stretch, good: Mapping[str, object], vocab: Vocabulary) -> Stretch:
    """The English stretch with the translated text put in (the rest as it was)."""
    changes = {k: v for k, v in good.items() if k in (*TEXTS, *LISTS, "side_names", "pace")}
    hows = good.get("conditions", {})
    assert isinstance(hows, dict)
    written = tuple(
        replace(c, how=hows.get(c.condition, c.how)) for c in english.conditions if not c.from_rules
    )
    conditions = apply_rules(written, english.positions, vocab, "", [])
    return replace(english, conditions=conditions, **changes)  # type: ignore[arg-type]


def translation_file(english: Stretch, language: str) -> Path | None:
    """Where a stretch's translation lives: ``<its folder>/<language>/<id>.toml``."""
    if english.file is None:
        return None
    return english.file.parent / language / f"{english.id}.toml"


def translate_stretches(
    stretches: Iterable[Stretch], language: str, vocab: Vocabulary
) -> tuple[list[Stretch], list[Problem], list[Missing]]:
    """The stretches in ``language``: each read from its translation file where there is one
    (English where not, or where a field is left out); the problems and what is missing."""
    stretches = list(stretches)
    problems: list[Problem] = []
    missing: list[Missing] = []
    out: list[Stretch] = []
    folders: dict[Path, set[str]] = {}
    for english in stretches:
        path = translation_file(english, language)
        if path is None:
            out.append(english)
            continue
        folders.setdefault(path.parent, set()).add(english.id)
        data: dict[str, object] | None = None
        if path.is_file():
            data, found = read_toml(path, str(path), _("; give the stretch's text, or remove it"))
            problems += found
        good: dict[str, object] = {}
        if data is not None:
            good, found = check_stretch(data, english, language, str(path))
            problems += found
        hows = good.get("conditions", {})
        assert isinstance(hows, dict)
        for field in stretch_fields(english):
            if field.startswith("conditions."):
                if field.split(".")[1] not in hows:
                    missing.append(Missing("stretch", english.id, field, str(path)))
            elif field not in good:
                missing.append(Missing("stretch", english.id, field, str(path)))
        out.append(_translated(english, good, vocab) if good or data is not None else english)
    for folder, ids in folders.items():
        problems += unknown_files(folder, ids, _("stretch"))
    return out, problems, missing


def unknown_files(folder: Path, ids: Iterable[str], what: str) -> list[Problem]:
    """A problem for each translation file of ``folder`` whose entry does not exist."""
    known = set(ids)
    problems = []
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith("."))
    except OSError:
        return []
    for name in names:
        if not name.endswith(".toml"):
            continue
        stem = name[: -len(".toml")]
        if stem not in known:
            problems.append(
                Problem(
                    str(folder / name),
                    None,
                    _(
                        "translates the {what} {id!r}, which the English folder does not "
                        "have{hint}; rename the file after the English one, or remove it"
                    ).format(what=what, id=stem, hint=suggest(stem, known)),
                )
            )
    return problems


def signature(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """What the files of these folders are now (name, modified, size): a cache key that
    changes when a file is edited, added or removed."""
    found = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith((".toml", ".md")):
                        info = entry.stat()
                        found.append((entry.path, info.st_mtime_ns, info.st_size))
        except OSError:
            continue
    return tuple(sorted(found))


# --- The vocabulary ----------------------------------------------------------------------


def _vocabulary_file(language: str) -> Path:
    return builtin_data_dir() / language / VOCABULARY


def check_vocabulary(
    data: Mapping[str, object], english: Vocabulary, shown: str
) -> tuple[dict[str, dict[str, dict[str, object]]], list[Problem]]:
    """Check a vocabulary translation: for each table of the English, ``key = { label = "..." }``
    (a muscle's ``region``, an equipment's ``stands_in_for``, a condition's ``limit`` too)."""
    problems: list[Problem] = []
    good: dict[str, dict[str, dict[str, object]]] = {}
    allowed = {"muscles": ("label", "region"), "equipment": ("label", "stands_in_for")}
    allowed["conditions"] = ("label", "limit")
    for kind, table in data.items():
        if kind not in KINDS:
            problems.append(
                Problem(
                    shown,
                    kind,
                    _("is not a table of the vocabulary{hint}").format(hint=suggest(kind, KINDS)),
                )
            )
            continue
        if not isinstance(table, dict):
            problems.append(
                Problem(shown, kind, _("must be a table of key = {{ label = ... }}").format())
            )
            continue
        keys = english.labels[kind]
        good[kind] = {}
        for key, entry in table.items():
            where = f"{kind}.{key}"
            if key not in keys:
                problems.append(
                    Problem(
                        shown,
                        where,
                        _("is not a key of the English vocabulary{hint}").format(
                            hint=suggest(key, keys)
                        ),
                    )
                )
                continue
            if not isinstance(entry, dict):
                problems.append(
                    Problem(shown, where, _('must be a table: {{ label = "..." }}').format())
                )
                continue
            fields = allowed.get(kind, ("label",))
            checked: dict[str, object] = {}
            for field, value in entry.items():
                at = f"{where}.{field}"
                if field not in fields:
                    problems.append(
                        Problem(
                            shown,
                            at,
                            _("is not text to translate here; this table holds {fields}").format(
                                fields=", ".join(fields)
                            ),
                        )
                    )
                elif field == "stands_in_for":
                    serves = english.stands_in.get(key, {})
                    if not isinstance(value, dict):
                        problems.append(
                            Problem(shown, at, _('must be a table: {{ x = "how" }}').format())
                        )
                        continue
                    hows: dict[str, str] = {}
                    for needed, how in value.items():
                        if needed not in serves:
                            problems.append(
                                Problem(
                                    shown,
                                    f"{at}.{needed}",
                                    _("is not in the English stands_in_for{hint}").format(
                                        hint=suggest(needed, serves)
                                    ),
                                )
                            )
                        elif (text := _text(how, shown, f"{at}.{needed}", problems)) is not None:
                            hows[needed] = text
                    checked[field] = hows
                elif field == "limit" and not english.rule(key).limit:
                    problems.append(
                        Problem(shown, at, _("the English condition has no limit; remove it"))
                    )
                elif (text := _text(value, shown, at, problems)) is not None:
                    checked[field] = text
            good[kind][key] = checked
    return good, problems


def _vocabulary_missing(
    good: Mapping[str, Mapping[str, Mapping[str, object]]], english: Vocabulary, file: str
) -> list[Missing]:
    missing = []
    for kind in KINDS:
        for key in english.labels[kind]:
            have = good.get(kind, {}).get(key, {})
            wanted = ["label"]
            if kind == "muscles":
                wanted.append("region")
            if kind == "equipment":
                wanted += [f"stands_in_for.{n}" for n in english.stands_in.get(key, {})]
            if kind == "conditions" and english.rule(key).limit:
                wanted.append("limit")
            for field in wanted:
                head, _dot, tail = field.partition(".")
                there = have.get(head)
                if there is None or (tail and tail not in there):  # type: ignore[operator]
                    missing.append(Missing("vocabulary", f"{kind}.{key}", field, file))
    return missing


@cache
def _vocabulary(
    language: str, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[Vocabulary, tuple[Problem, ...], tuple[Missing, ...]]:
    english = builtin_vocabulary()
    path = _vocabulary_file(language)
    if not path.is_file():
        return english, (), tuple(_vocabulary_missing({}, english, str(path)))
    try:
        data: dict[str, object] = read_data(path, tomli.loads)
    except FileReadError as exc:
        return english, (Problem(str(path), None, exc.reason),), ()
    except tomli.TOMLDecodeError as exc:
        return english, (Problem(str(path), None, f"is not valid TOML: {exc}"),), ()
    good, problems = check_vocabulary(data or {}, english, str(path))

    def text(kind: str, key: str, field: str, default: str) -> str:
        value = good.get(kind, {}).get(key, {}).get(field)
        return value if isinstance(value, str) else default

    labels = {
        kind: MappingProxyType(
            {key: text(kind, key, "label", label) for key, label in english.labels[kind].items()}
        )
        for kind in KINDS
    }
    regions = {m: text("muscles", m, "region", r) for m, r in english.regions.items()}
    rules = {
        c: replace(rule, limit=text("conditions", c, "limit", rule.limit))
        for c, rule in english.rules.items()
    }
    stands_in = {}
    for owned, serves in english.stands_in.items():
        given = good.get("equipment", {}).get(owned, {}).get("stands_in_for", {})
        assert isinstance(given, dict)
        stands_in[owned] = MappingProxyType({n: given.get(n, how) for n, how in serves.items()})
    vocab = Vocabulary(
        MappingProxyType(labels),
        MappingProxyType(regions),
        rules=MappingProxyType(dict[str, Rule](rules)),
        stands_in=MappingProxyType(stands_in),
        also=english.labels,
    )
    return vocab, tuple(problems), tuple(_vocabulary_missing(good, english, str(path)))


def vocabulary(language: str | None = None) -> Vocabulary:
    """The vocabulary with its labels (and regions, ways round and limits) in a language;
    its keys stay those the stretch files write. CatalogError names a broken translation.

    >>> vocabulary("es").label("muscles", "hamstrings")
    'Isquiotibiales'
    >>> vocabulary("en").label("muscles", "hamstrings")
    'Hamstrings'
    """
    language = chosen(language)
    if language == i18n.DEFAULT:
        return builtin_vocabulary()
    vocab, problems, _missing = _vocabulary(language, signature(builtin_data_dir() / language))
    if problems:
        raise CatalogError(problems, builtin_data_dir() / language)
    return vocab


def vocabulary_missing(language: str) -> tuple[Missing, ...]:
    """What the vocabulary's translation into ``language`` leaves out."""
    if language == i18n.DEFAULT:
        return ()
    return _vocabulary(language, signature(builtin_data_dir() / language))[2]


# --- The safety note and routines --------------------------------------------------------


def safety_note(language: str | None = None) -> str:
    """The safety note (``data/safety.md``, or its translation), as Markdown.

    >>> safety_note("es").startswith("**Este manual")
    True
    """
    language = chosen(language)
    data = builtin_data_dir()
    translated = data / language / SAFETY
    if language != i18n.DEFAULT and translated.is_file():
        return translated.read_text(encoding="utf-8")
    return (data / SAFETY).read_text(encoding="utf-8")


def routine_text(path: Path, language: str) -> tuple[dict[str, str], list[Problem], list[Missing]]:
    """The translated name and description of the routine file ``path`` (what there is),
    the problems of its translation file, and what it leaves out."""
    target = path.parent / language / path.name
    if not target.is_file():
        return {}, [], [Missing("routine", path.stem, f, str(target)) for f in ROUTINE_FIELDS]
    data, problems = read_toml(target, str(target), _("; give the routine's name"))
    good: dict[str, str] = {}
    for key in data or {}:
        if key not in ROUTINE_FIELDS:
            problems.append(
                Problem(
                    str(target),
                    key,
                    _(
                        "is not a field a translation holds{hint}; it holds text only: {fields}"
                    ).format(hint=suggest(key, ROUTINE_FIELDS), fields=", ".join(ROUTINE_FIELDS)),
                )
            )
        elif (text := _text((data or {})[key], str(target), key, problems)) is not None:
            good[key] = text
    missing = [
        Missing("routine", path.stem, f, str(target)) for f in ROUTINE_FIELDS if f not in good
    ]
    return good, problems, missing
