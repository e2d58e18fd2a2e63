"""The class page: one HTML file that runs a class with the same player class mode uses."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import handbook
from handbook.output.classpage import PLAYER_FILES, class_page
from handbook.timing.routine import Routine
from handbook.timing.routinefile import routines


class Scripts(HTMLParser):
    """Every <script> element of a page: its attributes and text; and every URL it names."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.urls: list[str] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href", "srcset", "action") and v]
        if tag == "script":
            self._open = found
            self.scripts.append((found, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def parsed(page: str) -> Scripts:
    scripts = Scripts()
    scripts.feed(page)
    return scripts


def script_json(page: str, element_id: str) -> object:
    for attrs, text in parsed(page).scripts:
        if attrs.get("id") == element_id:
            return json.loads(text)
    raise AssertionError(f"no script #{element_id}")


def test_the_page_runs_the_same_player_class_mode_runs(catalog):
    page = routines(catalog)["back-pain-basics"].to_class_page()
    for name, element_id in (("guide.js", "hb-guide-js"), ("picture.js", "hb-picture-js")):
        assert script_json(page, element_id) == (PLAYER_FILES / name).read_text(encoding="utf-8")
    assert (PLAYER_FILES / "guide.css").read_text(encoding="utf-8") in page


def test_the_page_carries_the_routine_as_data(catalog):
    routine = routines(catalog)["back-pain-basics"]
    data = script_json(routine.to_class_page(), "hb-class-data")
    assert isinstance(data, dict)
    assert data["mode"] == "class" and data["title"] == routine.name
    assert data["timeline"]["total"] == pytest.approx(routine.duration)
    assert [item["name"] for item in data["timeline"]["items"]] == [
        s.name for s in routine.stretches
    ]
    assert len(data["pictures"]) == len(routine.stretches) == len(data["notes"])
    assert all(pair[0].startswith("<svg") for pair in data["pictures"])


def test_nothing_is_requested_from_anywhere(catalog):
    page = routines(catalog)["back-pain-basics"].to_class_page()
    scripts = parsed(page)
    assert scripts.urls == []  # no src, no href: no stylesheet, script, font or image fetched
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"https?://(?!www\.w3\.org/)", page)  # SVG namespaces only


def test_text_from_data_stays_text(catalog):
    evil = "</script><script>alert(1)</script><!--"
    hostile = dataclasses.replace(catalog["neck-turn"], name=evil, cues=(evil,))
    cat = handbook.catalog.Catalog([hostile], catalog.vocabulary)
    page = Routine.from_ids(cat, ["neck-turn"], name=evil).to_class_page()
    scripts = parsed(page).scripts
    assert [attrs.get("id") for attrs, _ in scripts] == [
        "hb-class-data",
        "hb-guide-js",
        "hb-picture-js",
        None,  # the page's own module, the only script that runs
    ]
    data = script_json(page, "hb-class-data")
    assert isinstance(data, dict)
    assert data["title"] == evil and data["notes"] == [evil]  # whole again once parsed
    assert "alert(1)</script>" not in page


def test_a_page_is_written_whole_where_asked(catalog, tmp_path):
    path = tmp_path / "class.html"
    page = routines(catalog)["desk-break"].to_class_page(path, theme="dark", muted=True)
    assert path.read_text(encoding="utf-8") == page
    assert 'class="hb-theme-dark"' in page
    assert script_json(page, "hb-class-data")["muted"] is True  # type: ignore[index]


def test_a_theme_it_does_not_know_is_refused(catalog):
    with pytest.raises(ValueError, match="theme"):
        class_page(routines(catalog)["desk-break"], theme="neon")


def test_the_founding_four_fit_in_a_small_file(catalog):
    page = routines(catalog)["back-pain-basics"].to_class_page()
    assert len(page.encode("utf-8")) < 1_000_000


def test_the_page_is_in_the_wheel():
    template = Path(handbook.__file__).parent / "output" / "templates" / "class-page.html.j2"
    assert template.is_file()
