"""Our own words: no reader-facing text repeats 8 words in a row of the founding article or
the content guidance (both kept as test data in tests/data/)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
RUN = 8
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
NOT_READ = ("source", "pose")  # where facts are credited to their origin, and keypoints


def words(text: str) -> list[str]:
    """The words of a text, lower case, markup and punctuation dropped."""
    return WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    """Every run of RUN words in a row."""
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def _source_text(name: str) -> str:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("# Test data"))


SOURCES = runs(_source_text("founding-article.txt") + "\n" + _source_text("GUIDANCE.md"))


def _strings(value, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{where}[{n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_READ:
                yield from _strings(item, f"{where}.{key}" if where else key)


READER_FILES = sorted(
    [
        *(ROOT / "data").rglob("*.toml"),
        *(ROOT / "data").rglob("*.md"),
        *(ROOT / "notebooks").glob("*.ipynb"),
    ]
)


def reader_texts(path: Path):
    """(where, text) of every text a reader sees in a data file, the safety note or a notebook."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        yield from _strings(tomllib.loads(raw), "")
    elif path.suffix == ".ipynb":
        for n, cell in enumerate(json.loads(raw)["cells"]):
            yield f"cell {n}", "".join(cell["source"])
    else:
        yield "text", raw


def test_the_sources_are_there_to_check_against():
    assert len(SOURCES) > 2000
    assert tuple(words("stretching is just as important as strength training")[:RUN]) in SOURCES


def test_a_copied_run_is_caught():
    copied = "Tip: Make sure to hold each stretch for at least five deep breaths."
    assert runs(copied) & SOURCES
    assert not runs("Stay in each stretch for five slow breaths or more.") & SOURCES


def test_every_kind_of_reader_file_is_checked():
    assert {p.suffix for p in READER_FILES} == {".toml", ".md", ".ipynb"}
    assert len(READER_FILES) > 45


@pytest.mark.parametrize("path", READER_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reader_text_copies_eight_words_in_a_row(path):
    copied = [
        f"{where} repeats {' '.join(min(found))!r}"
        for where, text in reader_texts(path)
        if (found := runs(text) & SOURCES)
    ]
    assert not copied, f"{path.name}: say it in our own words: " + "; ".join(copied)
