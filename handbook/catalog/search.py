"""Word search over the catalogue: names, summaries, muscles and steps, by words and their forms.

"hamstring", "hamstrings" and "Hamstrings" find the same stretches, and so do "kneel" and
"kneeling"; every word asked for must be found (in any field), and a word still being typed
matches the start of a longer one ("hams"). A muscle named in several words ("lower back",
"hip flexors") is asked for as that muscle, not as each of its words anywhere. Words that
every stretch would match ("stretch", "a", "the") are left out of a question, so "neck
stretch" asks for the neck.
"""

from __future__ import annotations

import re
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

    def __iter__(self) -> Iterator[Stretch]: ...


class _Stemmer(Protocol):
    """What is used of a snowballstemmer stemmer (the library has no types)."""

    def stemWord(self, word: str) -> str: ...


@cache
def _stemmer() -> _Stemmer:
    import snowballstemmer  # loaded on the first search: import handbook stays cheap

    stemmer: _Stemmer = snowballstemmer.stemmer("english")
    return stemmer


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order: "Kneeling stretches" -> ["kneel", "stretch"]."""
    return [_stem(w) for w in _WORD.findall(text.lower())]


@cache
def _stem(word: str) -> str:
    """One word's stem; a catalogue uses few distinct words, so each is stemmed once."""
    return _stemmer().stemWord(IRREGULAR.get(word, word))


def query_stems(text: str) -> list[str]:
    """The stems a question asks for, without words every stretch would match."""
    words = [w for w in _WORD.findall(text.lower()) if w not in IGNORED]
    return list(dict.fromkeys(stems(" ".join(words))))


MUSCLE = "muscle:"  # a muscle asked for by its name of several words, e.g. "muscle:lower back"


def build_index(catalog: Searchable) -> SearchIndex:
    """For each stretch id, the stems of each searched field (and its muscles as MUSCLE keys)."""
    labels = catalog.vocabulary.labels["muscles"]
    index: SearchIndex = {}
    for stretch in catalog:
        muscles = [*stretch.primary, *stretch.secondary]
        texts = {
            "name": stretch.name,
            "summary": stretch.summary,
            "muscles": " ".join([*muscles, *(labels.get(m, m) for m in muscles)]),
            "steps": " ".join(stretch.steps),
        }
        index[stretch.id] = {field: frozenset(stems(texts[field])) for field in FIELDS}
        index[stretch.id]["muscles"] |= {MUSCLE + m for m in muscles}
        index[stretch.id]["primary"] = frozenset(MUSCLE + m for m in stretch.primary)
    return index


def muscle_phrases(catalog: Searchable) -> Phrases:
    """The stems of each muscle name of several words (key or label), to its key."""
    found: Phrases = {}
    for key, label in catalog.vocabulary.labels["muscles"].items():
        for name in (key, re.sub(r"\(.*?\)", "", label)):
            words = tuple(query_stems(name))
            if len(words) > 1:
                found[words] = key
    return found


def rank(
    index: Mapping[str, Mapping[str, frozenset[str]]],
    text: str,
    phrases: Mapping[tuple[str, ...], str] | None = None,
) -> list[str]:
    """Ids of the stretches holding every word asked for, best first (catalogue order on a tie).

    ``phrases`` (from muscle_phrases) turns a muscle named in several words into that
    muscle. A question with no words to look for (only spaces, or only words like
    "stretch") matches every stretch.
    """
    wanted = _with_phrases(query_stems(text), phrases or {})
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
