"""StretchCard and Explorer without a browser: what they show and how they follow events."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import ipywidgets
import pytest

from handbook.widgets import Explorer, StretchCard


@pytest.fixture
def card(catalog):
    view = StretchCard(catalog["kneeling-hip-flexor"], log=False)
    yield view
    view.close()


def test_card_shows_picture_text_and_timer(card):
    ((first, _),) = card.picture.pictures
    assert first.startswith("<svg") and "hb-figure" in first
    assert "Kneeling hip flexor stretch" in card.details.value
    assert 'class="hb-cautions"' in card.details.value
    assert card.timer.title == "Kneeling hip flexor stretch"
    assert "hb-card" in card._dom_classes and "hb-card-picture" in card.picture._dom_classes


def test_the_picture_follows_the_timer_in_the_browser(card):
    ((first, second),) = card.picture.pictures
    assert card.picture.follows == card.timer.guide.key  # picture.js finds its player by it
    assert second != first  # mirrored for the second side


def test_card_without_timer(catalog):
    view = StretchCard(catalog["neck-turn"], timer=False)
    assert view.timer is None and len(view.children) == 2
    view.close()


def test_card_escapes_a_hostile_name(catalog):
    evil = dataclasses.replace(catalog["standing-quad"], name="<img src=x onerror=alert(1)>")
    view = StretchCard(evil)
    for html in (view.details.value, *view.picture.pictures[0]):
        assert "<img" not in html
    assert view.timer.guide.title == evil.name  # text: guide.js writes it with textContent
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.details.value
    view.close()


def test_user_stretch_without_pose_gets_a_neutral_figure(catalog):
    plain = dataclasses.replace(catalog["neck-turn"], pose=None)
    view = StretchCard(plain, timer=False)
    assert view.picture.value.startswith("<svg")
    view.close()


def test_closing_a_card_closes_its_timer(card):
    timer = card.timer
    card.close()
    assert timer.comm is None and card.comm is None and timer.guide.comm is None


@pytest.fixture
def explorer(catalog):
    view = Explorer(catalog)
    yield view
    view.close()


def test_explorer_starts_with_everything(catalog, explorer):
    assert len(explorer.matches.options) == len(catalog)
    assert explorer.count.value == f"<b>{len(catalog)}</b> stretches match"
    assert explorer.card is not None and explorer.card.stretch.id == explorer.matches.value


def test_explorer_filters_and_shows_the_chosen_card(catalog, explorer):
    def by_name(found):  # the matches read in the order of the names shown
        return sorted(found.index, key=lambda sid: found.loc[sid, "name"].casefold())

    explorer.muscle.value = "calves"
    ids = [sid for _, sid in explorer.matches.options]
    assert ids == by_name(catalog.find(muscle="calves"))  # in the order people read
    explorer.primary_only.value = True
    assert [sid for _, sid in explorer.matches.options] == by_name(
        catalog.find(muscle="calves", primary_only=True)
    )
    explorer.position.value = "standing"
    chosen = explorer.matches.options[-1][1]
    explorer.matches.value = chosen
    assert explorer.card.stretch.id == chosen


def test_explorer_keeps_the_choice_when_it_still_matches(explorer):
    explorer.matches.value = "wall-calf-stretch"
    old_card = explorer.card
    explorer.muscle.value = "calves"
    assert explorer.matches.value == "wall-calf-stretch"
    assert explorer.card is old_card and old_card.comm is not None  # kept, timer and all


def test_explorer_with_no_match(explorer):
    explorer.text.value = "no stretch says this"
    assert explorer.count.value.startswith("<b>No stretch matches all of these.</b>")
    assert explorer.card is None and explorer.card_area.children == ()


def test_explorer_words_search(catalog, explorer):
    explorer.text.value = "strap"
    assert {sid for _, sid in explorer.matches.options} == set(catalog.find(text="strap").index)


def test_the_browser_gets_each_sides_picture_by_its_limb(card):
    ((left, right),) = card.picture.pictures  # guide.js shows [0] unless the hold is "right"
    assert "(left knee down)" in left and "(right knee down)" in right


def test_a_card_gives_the_advice_for_the_conditions_chosen(catalog):
    twist = catalog["hip-and-lower-back-twist"]
    view = StretchCard(
        twist, timer=False, conditions=["knee-problems"], name_of=lambda sid: catalog[sid].name
    )
    assert "For your conditions" in view.details.value
    assert (
        "Knee problems: keep the bottom leg straight out in front instead of crossed; "
        "or do the seated chair twist instead."
    ) in view.details.value
    advice = view.details.value.split('class="hb-conditions"')[1].split("</div>")[0]
    assert "Osteoporosis:" not in advice  # only the conditions chosen
    view.conditions = ("osteoporosis",)
    assert "Osteoporosis: skip this stretch" in view.details.value
    view.close()


def test_each_side_is_named_on_the_card(catalog):
    view = StretchCard(catalog["kneeling-hip-flexor"], timer=False)
    assert "Right knee down first, then left knee down" in view.details.value
    view.close()


def test_the_shared_stylesheet_wraps_long_words_in_every_view():
    import re

    from handbook.output.render import stylesheet

    # The rule that wraps long words, wherever it sits in the one stylesheet (moved there
    # from widgets.style with the colours' variables).
    first_rule = next(r for r in re.findall(r"[^{}]*\{[^}]*\}", stylesheet()) if "anywhere" in r)
    for root in (
        ".hb-timer",
        ".hb-card",
        ".hb-player",
        ".hb-explorer",
        ".hb-builder",
        ".hb-planner",
    ):
        assert root in first_rule
    assert "overflow-wrap: anywhere" in first_rule


@pytest.mark.slow
def test_views_never_closed_make_no_noise_at_exit(tmp_path):
    """ipywidgets closes a widget from __del__, which for a view never closed runs during
    the interpreter's teardown; the views are closed at exit instead, quietly."""
    script = (
        "import handbook\nfrom handbook.widgets import *\ncat = handbook.load_catalog()\n"
        "views = [StretchCard(cat['neck-turn']), StretchTimer(cat['cat-cow']), "
        "Explorer(cat), ClassMode(cat), RoutineBuilder(cat), WeekPlanner(cat), "
        "RoutinePlayer(handbook.Routine.from_ids(cat, ['neck-turn']))]\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HANDBOOK_HOME": str(tmp_path)},
    )
    assert done.returncode == 0 and done.stderr == ""


def test_views_left_open_are_closed_before_python_exits(catalog, tmp_path, monkeypatch):
    """At exit, while Python is whole, every handbook view still open is closed: its player
    records the hold in progress, and ipywidgets' __del__ later finds nothing to do."""
    from handbook.progress.store import ProgressLog
    from handbook.widgets import StretchTimer
    from handbook.widgets.style import close_views_at_exit
    from tests.widgets.helpers import Browser

    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    timer = StretchTimer(catalog["standing-quad"])
    browser = Browser(timer.guide)
    browser("start", 0)
    browser("pause", 30)  # 25 s into the first hold, then the kernel goes away
    theirs = ipywidgets.HTML("not a handbook view")
    close_views_at_exit()
    assert timer.comm is None and theirs.comm is not None
    assert ProgressLog().sessions()[["stretch", "side", "done_s"]].values.tolist() == [
        ["standing-quad", "right", 25.0]
    ]  # its first side
    theirs.close()
