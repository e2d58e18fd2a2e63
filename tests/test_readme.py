"""The README tells the truth: its counts, the routines it names, the commands it gives and
the pictures it shows are checked against the code."""

from __future__ import annotations

import re
from pathlib import Path

import handbook

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m for line in re.findall(r"^([\w .-]+):(?!=)", text, re.M) for m in line.split()}


def test_the_number_of_stretches_is_the_catalogues():
    found = re.findall(r"a catalogue of (\d+) stretches", README)
    assert found and {int(n) for n in found} == {len(handbook.load_catalog())}


def test_the_built_in_routines_are_counted_and_named():
    builtin = handbook.routines()
    said = re.search(r"(\w+) routines come built in", README)
    assert said, "the README says how many routines come built in"
    assert NUMBERS.index(said[1].lower()) == len(builtin)
    paragraph = README[said.start() : README.index("\n\n", said.start())].casefold()
    paragraph = " ".join(paragraph.split())
    missing = [r.name for r in builtin.values() if r.name.casefold() not in paragraph]
    assert not missing, f"the README does not name {missing}"


def code(text: str) -> str:
    """The README's code: its fenced blocks and `spans` (prose may say "make your range")."""
    blocks = re.findall(r"^```.*?^```", text, re.M | re.S)
    return "\n".join(blocks + re.findall(r"`([^`\n]+)`", text))


def test_every_make_command_in_the_readme_exists():
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", code(README)))
    assert {"lab", "test", "class", "screenshots"} <= named
    assert named <= makefile_targets(), named - makefile_targets()


def test_every_picture_in_the_readme_is_there_and_taken_by_make_screenshots():
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert len(pictures) >= 3
    shots = (ROOT / "tests" / "browser" / "shots.py").read_text(encoding="utf-8")
    for picture in pictures:
        assert (ROOT / picture).is_file(), picture
        assert f'"{Path(picture).name}"' in shots, f"make screenshots does not take {picture}"


def test_the_notebooks_the_readme_links_exist():
    for link in re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", README):
        assert (ROOT / link).is_file(), link
