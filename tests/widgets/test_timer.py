"""StretchTimer without a browser: what it sends the player, and what it does with events."""

from __future__ import annotations

import re

import pytest

from handbook.widgets import StretchTimer
from handbook.widgets.guide import HERE, Guide
from tests.widgets.helpers import Browser, opening, sent


@pytest.fixture
def quad(catalog):
    """The standing quad: 5 breaths (50 s at 6 a minute) on each side."""
    timer = StretchTimer(catalog["standing-quad"], log=False)
    yield timer
    timer.close()


def test_before_start(quad):
    assert opening(quad.guide) == ("Get ready", "0:05")
    assert quad.guide.title == quad.title == "Standing quad stretch"
    assert quad.guide.timeline["total"] == 110  # 5 + 50 + 5 + 50
    assert quad.timer.status == "idle" and quad.guide.mode == "timer"
    assert "hb-timer" in quad._dom_classes and quad.guide in quad.children
    assert not quad.hold.disabled and not quad.pace.disabled and not quad.guide.muted


def test_settings_are_locked_from_start_until_reset(quad):
    press = Browser(quad.guide)
    press("start", 0)
    assert quad.timer.status == "running" and quad.hold.disabled and quad.pace.disabled
    press("pause", 20)
    assert quad.timer.status == "paused" and quad.hold.disabled
    press("reset", 21)
    assert quad.timer.status == "idle" and not quad.hold.disabled


def test_a_setting_moved_before_the_kernel_heard_start_is_put_back(quad):
    Browser(quad.guide)("start", 0)
    before = quad.guide.timeline
    quad.hold.value = 20
    assert quad.hold.value == 50 and quad.guide.timeline is before


def test_the_pace_sets_the_hold_and_a_new_timeline(quad):
    first = quad.guide.timeline["id"]
    quad.pace.value = 10  # 3 s in, 3 s out
    assert quad.hold.value == 30  # 5 breaths at 10 a minute
    assert quad.guide.timeline["total"] == 70 and quad.guide.timeline["bpm"] == 10
    assert quad.guide.timeline["id"] != first and quad.recorder.timeline != first


def test_the_hold_slider_sets_the_hold(quad):
    quad.hold.value = 20
    assert quad.guide.timeline["total"] == 50
    assert [p["end"] - p["start"] for p in quad.guide.timeline["phases"]] == [5, 20, 5, 20]


def test_several_stretches_play_in_a_row(catalog):
    two = [catalog[i] for i in ("kneeling-hip-flexor", "crossover-hamstring")]
    timer = StretchTimer(two, log=False)
    assert timer.hold.layout.display == "none"
    assert timer.title == "Kneeling hip flexor stretch then Crossover hamstring stretch"
    rest = next(p for p in timer.guide.timeline["phases"] if p["kind"] == "rest")
    assert rest["next"] == "Crossover hamstring stretch"
    timer.close()


def test_sound_off_starts_muted(catalog):
    timer = StretchTimer(catalog["neck-turn"], sound=False, log=False)
    assert timer.guide.muted
    timer.close()


def test_the_kernel_sends_nothing_while_the_timer_counts_down(quad):
    messages = sent(quad.guide)
    press = Browser(quad.guide)
    press("start", 0)
    for at in (55.1, 110.2):
        press("hold", at)
    press("done", 110.3)
    assert messages == []  # the settings lock on Start; the player itself hears nothing


def test_an_event_that_is_not_understood_is_said_on_the_player(quad):
    quad.guide._heard(quad.guide, {"type": "explode", "t": 1, "session": "x"}, [])
    assert "not understood" in quad.guide.status and "explode" in quad.guide.status


def test_the_player_is_one_file_in_the_package_with_nothing_from_outside():
    code = (HERE / "guide.js").read_text()
    assert str(Guide._esm) == code  # loaded from the package's file
    assert not re.search(r"https?://", code)  # no CDN, no fetch from anywhere
    assert "innerHTML" not in code  # text from data reaches the page as text only
    assert re.search(r"https?://", (HERE / "picture.js").read_text()) is None


def test_hold_s_is_checked_not_clamped(catalog):
    with pytest.raises(ValueError, match="from 5 to 180 seconds"):
        StretchTimer(catalog["neck-turn"], hold_s=300, log=False)
    with pytest.raises(ValueError, match="single stretch"):
        StretchTimer([catalog["neck-turn"], catalog["standing-quad"]], hold_s=20, log=False)


def test_a_finished_timer_starts_again_and_records_the_new_run(catalog, tmp_path):
    from handbook.progress.store import ProgressLog
    from tests.widgets.helpers import Browser

    log = ProgressLog(tmp_path / "progress.sqlite")
    timer = StretchTimer(catalog["neck-turn"], log=log)
    press = Browser(timer.guide)
    total = timer.timer.total
    press("start", 0)
    press("done", total + 0.1)
    assert timer.timer.status == "done"
    press("reset", total + 5)  # what the browser sends when Start is pressed at the end
    press("start", total + 5)
    assert timer.timer.status == "running"
    press("done", 2 * total + 5.2)
    timer.close()
    done = log.sessions()
    holds = sum(phase["kind"] == "hold" for phase in timer.guide.timeline["phases"])
    assert len(done) == 2 * holds and done["completed"].all()  # both runs, every hold


def test_a_movement_offers_reps_and_a_pace_not_a_hold_and_breaths(catalog):
    timer = StretchTimer(catalog["cat-cow"], log=False)  # 5 rounds of arch 5 s, round 5 s
    shown = [c for c in timer.settings.children if c.layout.display != "none"]
    assert [(c.description, c.value, c.unit) for c in shown] == [
        ("Reps", 5, ""),
        ("Pace, a rep", 10, "s"),
    ]
    timer.reps.value = 3
    moves = [p for p in timer.guide.timeline["phases"] if p["kind"] == "move"]
    assert len(moves) == 6 and moves[-1]["label"] == "Round · 3 of 3"
    timer.rep_pace.value = 6  # each part in proportion: 3 s and 3 s
    assert {
        p["end"] - p["start"] for p in timer.guide.timeline["phases"] if p["kind"] == "move"
    } == {3.0}
    Browser(timer.guide)("start", 0)
    assert timer.reps.disabled and timer.rep_pace.disabled
    timer.reps.value = 9
    assert timer.reps.value == 3  # put back: the browser has started
    timer.close()


def test_a_held_stretch_offers_a_hold_and_breaths(quad):
    shown = [c.description for c in quad.settings.children if c.layout.display != "none"]
    assert shown == ["Hold", "Breaths a minute"]


def test_every_setting_is_a_named_slider_of_the_browsers_own(quad):
    from handbook.widgets.setting import HERE as SETTING
    from handbook.widgets.setting import Setting

    code = (SETTING / "setting.js").read_text()
    assert 'type = "range"' in code and "label.htmlFor = id" in code and "input.id = id" in code
    assert all(isinstance(c, Setting) and c.description for c in quad.settings.children)
    wide = Setting(value=500, min=5, max=180)
    assert wide.value == 180  # a value off the scale goes to its end, as a slider's would


def test_a_movement_keeps_its_own_pace_until_the_slider_moves(catalog):
    from dataclasses import replace

    quick = replace(catalog["cat-cow"], pace=(("arch", 1.25), ("round", 1.25)))  # 2.5 s a rep
    timer = StretchTimer(quick, log=False)
    moves = [p for p in timer.guide.timeline["phases"] if p["kind"] == "move"]
    assert {p["end"] - p["start"] for p in moves} == {1.25}  # not rounded to the slider's 2 s
    timer.rep_pace.value = 4
    moves = [p for p in timer.guide.timeline["phases"] if p["kind"] == "move"]
    assert {p["end"] - p["start"] for p in moves} == {2.0}
    timer.close()
