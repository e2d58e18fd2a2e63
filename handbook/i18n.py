"""The language the handbook speaks: choosing it, and the words of the code in that language.

English is written in the code and is the default. Another language is a gettext catalogue,
``handbook/locale/<code>/LC_MESSAGES/handbook.po``, compiled to ``.mo`` when the package is
installed (``hatch_build.py``); a ``.po`` newer than its ``.mo`` (a translator at work) is read
directly. Adding a language is files, not code: ``docs/translating.md``.

The language is chosen by :func:`set_language`, or by ``HANDBOOK_LANG`` in the environment
before the first word is said. Code marks its words with :func:`gettext` (``_``),
:func:`ngettext` for counts and :func:`N_` for words kept in a constant and translated where
they are said. Modules that keep translated things (the catalogue, for one) register a
callback with :func:`on_change` to drop them when the language changes.

>>> import handbook
>>> handbook.language()
'en'
>>> handbook.set_language("es"); handbook.language()
'es'
>>> handbook.set_language("en")
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

DOMAIN = "handbook"
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_current: str | None = None
_listeners: list[Callable[[str], None]] = []


class LanguageError(ValueError):
    """A language the handbook has no words for; the message lists those it has."""


def languages() -> tuple[str, ...]:
    """The languages the handbook speaks: English, then each with a catalogue in ``locale/``.

    >>> import handbook
    >>> "es" in handbook.languages()
    True
    """
    found = sorted(
        p.parent.parent.name
        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        if p.parent.parent.name != DEFAULT
    )
    return (DEFAULT, *found)


def _normal(code: str) -> str:
    """``es_ES.UTF-8``, ``es-MX`` or ``ES`` as the handbook names it: ``es``."""
    return code.strip().split(".")[0].replace("-", "_").split("_")[0].lower()


def _check(code: str, *, source: str) -> str:
    name = _normal(code)
    known = languages()
    if name not in known:
        raise LanguageError(
            f"{source}: no words in language {code!r}; the handbook speaks "
            + ", ".join(repr(k) for k in known)
            + " (docs/translating.md says how to add one)"
        )
    return name


def language() -> str:
    """The language the handbook speaks now: ``"en"`` unless chosen otherwise.

    ``HANDBOOK_LANG`` in the environment chooses it before :func:`set_language` is called.

    >>> import handbook
    >>> handbook.language() in handbook.languages()
    True
    """
    global _current
    if _current is None:
        wanted = os.environ.get("HANDBOOK_LANG", "").strip()
        _current = _check(wanted, source="HANDBOOK_LANG") if wanted else DEFAULT
    return _current


def set_language(code: str) -> None:
    """Speak ``code`` ("en", "es") from now on: the catalogue, the views, notes and errors.

    Views made before keep their words; make them again (or use the switch a view offers).

    >>> import handbook
    >>> handbook.set_language("es"); handbook.language()
    'es'
    >>> handbook.set_language("en")
    """
    global _current
    name = _check(code, source="set_language")
    if name == _current:
        return
    _current = name
    for listener in list(_listeners):
        listener(name)


def on_change(listener: Callable[[str], None]) -> None:
    """Call ``listener(code)`` whenever the language changes (to drop what was translated)."""
    _listeners.append(listener)


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled words of one language (English: the words as written)."""
    if code == DEFAULT:
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    """A ``.po`` file as ``.mo`` bytes (Babel); fuzzy entries are left out, as gettext does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def gettext(message: str) -> str:
    """``message`` in the handbook's language (as written where there is no translation)."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that a count of ``n`` takes in the language."""
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in a ``context`` (one English word, two meanings)."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is said, not here (constants, tables)."""
    return message


_ = gettext


def locale() -> str:
    """The Babel locale name of the language, for dates, times and numbers (``es``, ``en``)."""
    return language()
