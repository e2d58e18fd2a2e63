"""StretchTimer without a browser: its handlers against a fake clock, and its asyncio task."""

from __future__ import annotations

import asyncio
import time

import pytest

from handbook.timing.tones import tone
from handbook.widgets import ClassMode, StretchTimer
from tests.helpers import FakeClock, run_in_fresh_loop


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def quad(catalog, clock):
    """The standing quad: 5 breaths (50 s at 6 a minute) on each side."""
    timer = StretchTimer(catalog["standing-quad"], clock=clock)
    yield timer
    timer.close()


def shown(timer: StretchTimer) -> tuple[str, str]:
    """The phase words and the time left, as a person reads them."""
    phase = timer.phase.value.split(">", 1)[1].rsplit("<", 1)[0]
    return phase, timer.remaining.value


def test_before_start(quad):
    assert shown(quad) == ("Get ready", "0:05")
    assert quad.title.value == "Standing quad stretch"
    assert quad.total.value == "1:50 in all"  # 5 + 50 + 5 + 50
    assert not quad.start_button.disabled and quad.pause_button.disabled
    assert "Breathe freely" in quad.pacer.value
    assert "hb-timer" in quad._dom_classes
    assert "hb-remaining" in quad.remaining._dom_classes and "hb-phase" in quad.phase._dom_classes


def test_counts_down_through_every_phase(quad, clock):
    quad.start_button.click()
    assert quad.start_button.disabled and not quad.pause_button.disabled
    clock.advance(2.4)
    quad.refresh()
    assert shown(quad) == ("Get ready", "0:03")
    clock.advance(2.6)
    quad.refresh()
    assert shown(quad) == ("Hold: right foot in hand", "0:50")
    clock.advance(50)
    quad.refresh()
    assert shown(quad) == ("Switch sides", "0:05")
    clock.advance(5.5)
    quad.refresh()
    assert shown(quad) == ("Hold: left foot in hand", "0:50")
    assert quad.total_bar.value == pytest.approx(60.5 / 110)
    clock.advance(50)
    quad.refresh()
    assert shown(quad) == ("Done", "0:00")
    assert quad.start_button.disabled and quad.skip_button.disabled


def test_pause_freezes_and_start_resumes(quad, clock):
    quad.start_button.click()
    clock.advance(20)
    quad.pause_button.click()
    frozen = shown(quad)
    clock.advance(300)
    quad.refresh()
    assert shown(quad) == frozen == ("Hold: right foot in hand", "0:35")
    quad.start_button.click()
    clock.advance(1)
    quad.refresh()
    assert shown(quad) == ("Hold: right foot in hand", "0:34")


def test_reset_restores_the_start(quad, clock):
    quad.start_button.click()
    clock.advance(30)
    quad.reset_button.click()
    assert shown(quad) == ("Get ready", "0:05") and quad.total_bar.value == 0
    assert not quad.pace.disabled


def test_skip_moves_to_the_next_phase(quad, clock):
    quad.start_button.click()
    clock.advance(1)
    quad.skip_button.click()
    assert shown(quad) == ("Hold: right foot in hand", "0:50")
    quad.skip_button.click()
    assert shown(quad) == ("Switch sides", "0:05")


def test_a_tone_at_each_phase_change_unless_muted(quad, clock):
    def sound():
        return bytes(quad.audio.value)

    assert sound() == b""
    quad.start_button.click()
    assert sound() == b""  # starting is not a change of phase
    clock.advance(5)
    quad.refresh()
    first = sound()
    assert first.startswith(b"RIFF") and b"WAVE" in first[:12]
    clock.advance(50)
    quad.refresh()
    assert sound() not in (b"", first)
    quad.mute.value = True
    before = sound()
    clock.advance(5)
    quad.refresh()
    assert sound() == before


def test_breath_pacer_follows_the_chosen_pace(quad, clock):
    quad.pace.value = 10  # 3 s in, 3 s out
    assert quad.hold.value == 30  # 5 breaths at 10 a minute
    assert quad.total.value == "1:10 in all"
    quad.start_button.click()
    clock.advance(5 + 1)
    quad.refresh()
    assert "Breathe in" in quad.pacer.value
    clock.advance(3)
    quad.refresh()
    assert "Breathe out" in quad.pacer.value


def test_hold_is_adjustable_before_start_only(quad, clock):
    quad.hold.value = 20
    assert quad.total.value == "0:50 in all"
    quad.start_button.click()
    assert quad.hold.disabled and quad.pace.disabled
    clock.advance(5)
    quad.refresh()
    assert shown(quad) == ("Hold: right foot in hand", "0:20")


def test_several_stretches_say_what_is_next(catalog, clock):
    four = [catalog[i] for i in ("kneeling-hip-flexor", "crossover-hamstring")]
    timer = StretchTimer(four, clock=clock)
    assert timer.hold.layout.display == "none"
    timer.start_button.click()
    for _ in range(4):  # ready, hold, switch, hold of the first stretch
        timer.skip_button.click()
    assert shown(timer)[0] == "Rest"
    assert timer.next_up.value == "Next up: Crossover hamstring stretch"
    timer.close()


def test_text_from_data_is_escaped(catalog, clock):
    evil = catalog["standing-quad"].__class__(**{**catalog["standing-quad"].__dict__,
                                            "name": "<img src=x onerror=alert(1)>"})
    timer = StretchTimer(evil, clock=clock)
    assert "<img" not in timer.title.value and "&lt;img" in timer.title.value
    timer.close()


def test_nothing_runs_until_start(quad):
    assert quad.running_task is None


def test_one_task_however_often_start_is_clicked_and_close_cancels_it(catalog):
    async def scenario():
        timer = StretchTimer(catalog["neck-turn"])
        for _ in range(5):
            timer.start_button.click()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert len(tasks) == 1 and timer.running_task is tasks[0]
        await asyncio.sleep(0.15)
        task = timer.running_task
        timer.close()
        await asyncio.sleep(0)
        assert task.cancelled() and timer.running_task is None

    run_in_fresh_loop(scenario)


def test_the_task_runs_to_the_end_by_itself(catalog):
    start = time.monotonic()

    def fast():  # two hundred seconds of timer in one real second
        return start + (time.monotonic() - start) * 200

    async def scenario():
        timer = StretchTimer(catalog["neck-turn"], clock=fast)
        timer.start_button.click()
        task = timer.running_task
        await asyncio.wait_for(task, timeout=10)
        assert shown(timer) == ("Done", "0:00") and timer.total_bar.value == 1
        timer.close()

    run_in_fresh_loop(scenario)


def test_hold_s_is_checked_not_clamped(catalog):
    with pytest.raises(ValueError, match="from 5 to 180 seconds"):
        StretchTimer(catalog["neck-turn"], hold_s=300, log=False)
    with pytest.raises(ValueError, match="single stretch"):
        StretchTimer([catalog["neck-turn"], catalog["standing-quad"]], hold_s=20, log=False)
    with pytest.raises(ValueError, match="from 10 to 120 seconds"):
        ClassMode(catalog, hold_s=5, log=False)


def test_tones_stay_few_however_many_play(catalog):
    tone.cache_clear()  # other modules' tests ask for other tones
    timer = StretchTimer(catalog["neck-turn"], log=False)
    for _ in range(50):
        timer.chime.play("hold")
    assert tone.cache_info().currsize <= 2 * 5
    timer.close()
