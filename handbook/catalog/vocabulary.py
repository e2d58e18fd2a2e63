"""The allowed words of the catalogue (muscles, positions, equipment, levels, sides, conditions),
and the positions each condition forbids or limits (see ``handbook.catalog.positions``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

import tomli

from ..errors import CatalogError, FileReadError, Problem, shown, suggest
from ..files import read_data
from ..i18n import N_, _
from ..paths import builtin_data_dir
from .positions import Rule, parse_rule

KINDS = (
    "muscles",
    "positions",
    "equipment",
    "levels",
    "sides",
    "positions-taken",
    "conditions",
)
# How a kind is named in an error message: "'hamstring' is not a muscle".
SINGULAR = {
    "muscles": N_("a muscle"),
    "positions": N_("a position"),
    "equipment": N_("an equipment"),
    "levels": N_("a level"),
    "sides": N_("a sides value"),
    "positions-taken": N_("a position a stretch takes"),
    "conditions": N_("a condition"),
}
LISTED = 8
"""A kind with at most this many keys lists them all when a value is not one of them."""


@dataclass(frozen=True)
class Vocabulary:
    """Allowed keys of each kind, with their display labels, in file order."""

    labels: Mapping[str, Mapping[str, str]]  # kind -> {key: label}
    regions: Mapping[str, str]  # muscle -> region
    rules: Mapping[str, Rule] = field(
        default_factory=lambda: MappingProxyType({})
    )  # condition -> positions it forbids, limits
    stands_in: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Equipment that can stand in for other equipment: owned -> {needed: how, in words}
    (``[equipment]``'s ``stands_in_for``: a chair is a support to hold)."""
    also: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Labels in another language that ``normalise`` accepts too (English, for a translation)."""

    def rule(self, condition: str) -> Rule:
        """What a condition forbids and limits (nothing, when the vocabulary gives no rule)."""
        return self.rules.get(condition) or Rule(condition)

    def keys(self, kind: str) -> tuple[str, ...]:
        """The allowed keys of one kind, in the order the vocabulary lists them."""
        return tuple(self.labels[kind])

    def label(self, kind: str, key: str) -> str:
        """The display label of a key, e.g. label("muscles", "lats")."""
        return self.labels[kind][key]

    def check(self, kind: str, value: object) -> str | None:
        """Return an error message when value is not a key of kind, else None."""
        keys = self.labels[kind]
        if isinstance(value, str) and value in keys:
            return None
        hint = suggest(value, keys)
        if not hint and len(keys) <= LISTED:
            hint = _("; choose from {items}").format(items=", ".join(keys))
        return _("{value} is not {what}{hint}").format(
            value=shown(value), what=_(SINGULAR[kind]), hint=hint
        )

    def normalise(self, kind: str, value: str) -> str:
        """Map a key or label in any case to its key; ValueError with a suggestion if none."""
        wanted = value.strip().lower()
        for key, label in self.labels[kind].items():
            if wanted in (key.lower(), label.lower()):
                return key
        for key, label in self.also.get(kind, {}).items():
            if wanted == label.lower():
                return key
        raise ValueError(self.check(kind, value))


def parse_vocabulary(path: Path) -> Vocabulary:
    """Read and check a vocabulary file."""
    try:
        data: dict[str, object] = read_data(path, tomli.loads)
    except FileReadError as exc:
        raise CatalogError([Problem(str(path), None, exc.reason)]) from None
    except tomli.TOMLDecodeError as exc:
        raise CatalogError(
            [Problem(str(path), None, _("is not valid TOML: {exc}").format(exc=exc))]
        ) from None
    problems: list[Problem] = []
    labels: dict[str, dict[str, str]] = {}
    regions: dict[str, str] = {}
    rules: dict[str, Rule] = {}
    stands_in: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        table = data.get(kind)
        if not isinstance(table, dict) or not table:
            problems.append(Problem(str(path), kind, _("missing or empty table")))
            continue
        labels[kind] = {}
        for key, entry in table.items():
            label = entry.get("label") if isinstance(entry, dict) else None
            if not isinstance(label, str):
                problems.append(Problem(str(path), f"{kind}.{key}", _("needs a text label")))
                continue
            labels[kind][key] = label
            if kind == "muscles":
                region = entry.get("region", "other")
                if not isinstance(region, str):
                    problems.append(
                        Problem(
                            str(path),
                            f"{kind}.{key}.region",
                            _("must be text, got {region!r}").format(region=region),
                        )
                    )
                    continue
                regions[key] = region
            if kind == "equipment" and "stands_in_for" in entry:
                stands_in[key] = _stands_in(path, key, entry["stands_in_for"], problems)
    for owned, serves in stands_in.items():
        for needed in serves:
            if needed not in labels.get("equipment", {}) or needed == owned:
                problems.append(
                    Problem(
                        str(path),
                        f"equipment.{owned}.stands_in_for.{needed}",
                        _("{needed} is not other equipment of the vocabulary").format(
                            needed=shown(needed)
                        )
                        + suggest(needed, labels.get("equipment", {})),
                    )
                )
    taken = tuple(labels.get("positions-taken", {}))
    conditions = data.get("conditions")
    for key, entry in conditions.items() if isinstance(conditions, dict) else ():
        if isinstance(entry, dict) and isinstance(entry.get("label"), str):
            rules[key] = parse_rule(key, entry, taken, str(path), problems)
    if problems:
        raise CatalogError(problems)
    frozen = {kind: MappingProxyType(d) for kind, d in labels.items()}
    return Vocabulary(
        MappingProxyType(frozen),
        MappingProxyType(regions),
        rules=MappingProxyType(rules),
        stands_in=MappingProxyType({k: MappingProxyType(v) for k, v in stands_in.items()}),
    )


def _stands_in(path: Path, key: str, value: object, problems: list[Problem]) -> dict[str, str]:
    """An equipment's ``stands_in_for``: a table of the equipment it can replace, each with
    how, in words ({ support = "the back of a sturdy chair" })."""
    where = f"equipment.{key}.stands_in_for"
    if not isinstance(value, dict):
        problems.append(
            Problem(
                str(path),
                where,
                _('must be a table such as {{ support = "how" }}, got {value!r}').format(
                    value=value
                ),
            )
        )
        return {}
    out: dict[str, str] = {}
    for needed, how in value.items():
        if not isinstance(how, str) or not how.strip():
            problems.append(Problem(str(path), f"{where}.{needed}", _("needs a text saying how")))
            continue
        out[needed] = how.strip()
    return out


@cache
def builtin_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the handbook."""
    return parse_vocabulary(builtin_data_dir() / "vocabulary.toml")
