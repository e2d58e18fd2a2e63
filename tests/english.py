"""Finding English left in a view that should speak another language.

A sentence is English when it has at least two of English's commonest little words and more of
them than Spanish ones; a lone word is English when it is one of the labels the views use. Names
that are the same in both languages (a stretch id, "Voila") are not sentences and pass.
"""

from __future__ import annotations

import re

ENGLISH = frozenset(
    [
        "the",
        "and",
        "your",
        "you",
        "with",
        "of",
        "to",
        "is",
        "are",
        "this",
        "that",
        "for",
        "on",
        "in",
        "it",
        "at",
        "or",
        "by",
        "from",
        "each",
        "be",
        "not",
        "no",
        "was",
        "will",
        "can",
        "into",
        "then",
        "when",
        "while",
        "what",
        "which",
        "how",
        "do",
        "does",
        "has",
        "have",
        "its",
        "than",
        "more",
        "less",
        "after",
        "before",
        "first",
        "here",
        "there",
        "these",
        "those",
        "own",
        "only",
        "one",
        "all",
    ]
)
SPANISH = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "y",
        "de",
        "del",
        "que",
        "con",
        "por",
        "para",
        "en",
        "un",
        "una",
        "unos",
        "unas",
        "tu",
        "tus",
        "su",
        "sus",
        "es",
        "se",
        "al",
        "lo",
        "le",
        "mas",
        "más",
        "muy",
        "no",
        "sí",
        "si",
        "cada",
        "como",
        "cuando",
        "desde",
        "hasta",
        "sin",
        "sobre",
        "entre",
    ]
)
# Labels a view shows alone (a button, a column head): English when they stay English.
ENGLISH_LABELS = frozenset(
    [
        "start",
        "pause",
        "resume",
        "next",
        "back",
        "stop",
        "save",
        "replace",
        "download",
        "present",
        "done",
        "reset",
        "play",
        "skip",
        "sides",
        "side",
        "hold",
        "holds",
        "breathe",
        "breathing",
        "minutes",
        "seconds",
        "day",
        "days",
        "week",
        "stretch",
        "stretches",
        "routine",
        "routines",
        "plan",
        "calendar",
        "level",
        "equipment",
        "muscles",
        "position",
        "cautions",
        "steps",
        "cues",
        "mistakes",
        "summary",
        "name",
        "date",
        "time",
        "total",
        "goal",
        "target",
        "focus",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")


def english_sentences(text: str) -> list[str]:
    """The sentences and labels of ``text`` that read as English.

    >>> english_sentences("Mantén la postura 30 s. Hold the stretch for 30 s. Start")
    ['Hold the stretch for 30 s.', 'Start']
    """
    found = []
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        words = [w.lower() for w in _WORD.findall(sentence)]
        if not words:
            continue
        english = sum(w in ENGLISH for w in words)
        spanish = sum(w in SPANISH for w in words)
        if (english >= 2 and english > spanish) or (
            len(words) <= 2 and all(w in ENGLISH_LABELS for w in words)
        ):
            found.append(sentence)
    return found
