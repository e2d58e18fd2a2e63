"""Word search over the catalogue: names, summaries, muscles and steps, by words and their forms.

"hamstring", "hamstrings" and "Hamstrings" find the same stretches, and so do "kneel" and
"kneeling"; every word asked for must be found (in any field), and a word still being typed
matches the start of a longer one ("hams"). A muscle named in several words ("lower back",
"hip flexors") is asked for as that muscle, not as each of its words anywhere. Words that
every stretch would match ("stretch", "a", "the") are left out of a question, so "neck
stretch" asks for the neck.

A catalogue in Spanish is searched with the Spanish stemmer and its own small words, accents
aside both ways: "isquiotibial" finds "isquiotibiales", "cuadriceps" finds "cuádriceps".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Protocol

from .stretch import Stretch
from .vocabulary import Vocabulary

FIELDS = {"name": 4.0, "muscles": 3.0, "summary": 2.0, "steps": 1.0}
"""The fields searched, and how much a word found in each counts towards a stretch's rank."""

PRIMARY_BONUS = 2.0
IGNORED = frozenset(
    {
        "a",
        "an",
        "and",
        "the",
        "for",
        "of",
        "to",
        "in",
        "on",
        "with",
        "my",
        "your",
        "some",
        "stretch",
        "stretches",
        "stretching",
        "exercise",
        "exercises",
    }
)
IGNORED_BY_LANGUAGE = {
    "en": IGNORED,
    "es": frozenset(
        {
            "a",
            "al",
            "de",
            "del",
            "el",
            "la",
            "las",
            "los",
            "lo",
            "un",
            "una",
            "unos",
            "unas",
            "y",
            "e",
            "o",
            "u",
            "en",
            "con",
            "para",
            "por",
            "tu",
            "tus",
            "mi",
            "mis",
            "estiramiento",
            "estiramientos",
            "estirar",
            "ejercicio",
            "ejercicios",
        }
    ),
}
"""The small words of each language that a question leaves out."""
STEMMERS = {"en": "english", "es": "spanish"}
"""The snowball stemmer of each language (a language without one is searched as English)."""
FOLDS_ACCENTS = frozenset({"es"})
"""Languages whose words are compared without their accents ("cuadriceps", "cuádriceps")."""
IRREGULAR = {"calves": "calf", "feet": "foot", "halves": "half"}
MIN_PREFIX = 3  # a word being typed matches longer words from this many letters on
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


SearchIndex = dict[str, dict[str, frozenset[str]]]
"""For each stretch id, the stems of each field searched (as build_index makes it)."""

Phrases = dict[tuple[str, ...], str]
"""The stems of each muscle named in several words, to the muscle's key."""


class Searchable(Protocol):
    """What a search reads of a catalogue (a ``Catalog`` is one): its stretches and words."""

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def language(self) -> str: ...

    def __iter__(self) -> Iterator[Stretch]: ...


class _Stemmer(Protocol):
    """What is used of a snowballstemmer stemmer (the library has no types)."""

    def stemWord(self, word: str) -> str: ...


@cache
def _stemmer(language: str = "en") -> _Stemmer:
    import snowballstemmer  # loaded on the first search: import handbook stays cheap

    stemmer: _Stemmer = snowballstemmer.stemmer(STEMMERS.get(language, "english"))
    return stemmer


def _words(text: str, language: str) -> list[str]:
    text = text.lower()
    if language in FOLDS_ACCENTS:
        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
        )
    return _WORD.findall(text)


def stems(text: str, language: str = "en") -> list[str]:
    """The stems of a text's words, in order: "Kneeling stretches" -> ["kneel", "stretch"].

    >>> stems("Rodillas y cuádriceps", "es")
    ['rodill', 'y', 'cuadriceps']
    """
    return [_stem(w, language) for w in _words(text, language)]


@cache
def _stem(word: str, language: str = "en") -> str:
    """One word's stem; a catalogue uses few distinct words, so each is stemmed once."""
    if language == "en":
        word = IRREGULAR.get(word, word)
    return _stemmer(language).stemWord(word)


def query_stems(text: str, language: str = "en") -> list[str]:
    """The stems a question asks for, without words every stretch would match."""
    ignored = IGNORED_BY_LANGUAGE.get(language, IGNORED)
    words = [w for w in _words(text, language) if w not in ignored]
    return list(dict.fromkeys(stems(" ".join(words), language)))


MUSCLE = "muscle:"  # a muscle asked for by its name of several words, e.g. "muscle:lower back"


def build_index(catalog: Searchable) -> SearchIndex:
    """For each stretch id, the stems of each searched field (and its muscles as MUSCLE keys)."""
    labels = catalog.vocabulary.labels["muscles"]
    language = catalog.language
    index: SearchIndex = {}
    for stretch in catalog:
        muscles = [*stretch.primary, *stretch.secondary]
        texts = {
            "name": stretch.name,
            "summary": stretch.summary,
            "muscles": " ".join([*muscles, *(labels.get(m, m) for m in muscles)]),
            "steps": " ".join(stretch.steps),
        }
        index[stretch.id] = {field: frozenset(stems(texts[field], language)) for field in FIELDS}
        index[stretch.id]["muscles"] |= {MUSCLE + m for m in muscles}
        index[stretch.id]["primary"] = frozenset(MUSCLE + m for m in stretch.primary)
    return index


def muscle_phrases(catalog: Searchable) -> Phrases:
    """The stems of each muscle name of several words (key or label), to its key."""
    found: Phrases = {}
    for key, label in catalog.vocabulary.labels["muscles"].items():
        for name in (key, re.sub(r"\(.*?\)", "", label)):
            words = tuple(query_stems(name, catalog.language))
            if len(words) > 1:
                found[words] = key
    return found


def rank(
    index: Mapping[str, Mapping[str, frozenset[str]]],
    text: str,
    phrases: Mapping[tuple[str, ...], str] | None = None,
    language: str = "en",
) -> list[str]:
    """Ids of the stretches holding every word asked for, best first (catalogue order on a tie).

    ``phrases`` (from muscle_phrases) turns a muscle named in several words into that
    muscle. A question with no words to look for (only spaces, or only words like
    "stretch") matches every stretch.
    """
    wanted = _with_phrases(query_stems(text, language), phrases or {})
    scored: list[tuple[float, int, str]] = []
    for order, (sid, fields) in enumerate(index.items()):
        total = 0.0
        for word in wanted:
            score = sum(weight for field, weight in FIELDS.items() if _found(word, fields[field]))
            if score and word in fields["primary"]:
                score += PRIMARY_BONUS  # the muscle asked for is a main target
            if not score:
                break
            total += score
        else:
            scored.append((-total, order, sid))
    return [sid for *_, sid in sorted(scored)]


def _with_phrases(words: list[str], phrases: Mapping[tuple[str, ...], str]) -> list[str]:
    """The words with each muscle phrase among them replaced by its MUSCLE key."""
    out: list[str] = []
    n = 0
    longest = sorted(phrases, key=len, reverse=True)
    while n < len(words):
        hit = next((p for p in longest if tuple(words[n : n + len(p)]) == p), None)
        if hit:
            out.append(MUSCLE + phrases[hit])
            n += len(hit)
        else:
            out.append(words[n])
            n += 1
    return out


def _found(word: str, stems_: Iterable[str]) -> bool:
    if word in stems_:
        return True
    return (
        len(word) >= MIN_PREFIX
        and not word.startswith(MUSCLE)
        and any(s.startswith(word) for s in stems_)
    )
