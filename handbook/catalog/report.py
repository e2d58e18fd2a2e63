"""What the built-in catalogue lacks in a language: the list a translator works from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import i18n
from ..paths import builtin_data_dir
from . import translations
from .loader import builtin_stretches

if TYPE_CHECKING:
    import pandas as pd


def missing_everywhere(language: str) -> list[translations.Missing]:
    """Every piece of the built-in catalogue's text with no translation into ``language``."""
    data = builtin_data_dir()
    if language == i18n.DEFAULT:
        return []
    _out, _problems, missing = translations.translate_stretches(
        builtin_stretches(), language, translations.vocabulary(language)
    )
    routines = data / "routines"
    for path in sorted(routines.glob("*.toml")):
        missing += translations.routine_text(path, language)[2]
    missing += translations.vocabulary_missing(language)
    if not (data / language / translations.SAFETY).is_file():
        missing.append(
            translations.Missing(
                "safety", "safety", "text", str(data / language / translations.SAFETY)
            )
        )
    return missing


def translation_report(language: str) -> pd.DataFrame:
    """What the built-in catalogue lacks in ``language``: one row per field read in English
    meanwhile, with its kind (stretch, routine, vocabulary, safety), id, field and the file
    it would go in (see docs/translating.md).

    >>> import handbook
    >>> report = handbook.translation_report("es")
    >>> list(report.columns)
    ['kind', 'id', 'field', 'file']
    >>> "standing-quad" in set(report["id"])  # the founding four are translated
    False
    """
    import pandas as pd

    code = i18n._check(language, source="translation_report")
    rows = [(m.kind, m.id, m.field, m.file) for m in missing_everywhere(code)]
    return pd.DataFrame(rows, columns=["kind", "id", "field", "file"])
