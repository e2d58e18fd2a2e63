"""ClassMode without a browser: choosing and leading a routine against a fake clock."""

from __future__ import annotations

import asyncio
import html
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import handbook
from handbook.timing.clock import Timer, back_target, next_target
from handbook.timing.routinefile import routines
from handbook.timing.timeline import build_phases, stretch_starts
from handbook.widgets.classmode import CSS, ClassMode
from tests.helpers import FakeClock, builtin_catalog, run_in_fresh_loop, write_stretch

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
BASICS = ["Kneeling hip flexor stretch", "Crossover hamstring stretch", "Standing quad stretch",
          "Hip and lower back seated twist"]






@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def mine(tmp_path) -> Path:
    """An empty folder for the teacher's own routine files."""
    folder = tmp_path / "my-routines"
    folder.mkdir()
    return folder


@pytest.fixture
def room(catalog, clock, mine, tmp_path):
    """Class mode on "Back pain basics": four stretches, 50 s each side, 10 s rests."""
    widget = ClassMode(catalog, folder=mine, handout_folder=tmp_path, clock=clock)
    yield widget
    widget.close()


def shown(room: ClassMode) -> tuple[str, str, str, str]:
    """Progress, stretch, phase and time left, as the room reads them."""
    return (room.progress.value, room.stretch_name.value, room.phase.value,
            room.remaining.value)


def tick(room: ClassMode, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    room.refresh()


def test_before_class(catalog, room):
    assert room.choose.value == "back-pain-basics"
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Get ready", "0:05")
    assert room.next_up.value == f"Next up: {BASICS[1]}"
    assert room.cue.value == html.escape(catalog["kneeling-hip-flexor"].cues[0])
    assert "7:35 in all" in room.plan.value  # 5 + 4 * (50 + 5 + 50) + 3 * 10 s
    assert room.picture.value.startswith("<svg") and "Kneeling hip flexor" in room.picture.value
    assert not room.start_button.disabled and room.pause_button.disabled
    assert room.running_task is None and room.timer.status == "idle"
    assert "hb-class" in room._dom_classes
    assert "hb-remaining" in room.remaining._dom_classes
    assert "hb-phase" in room.phase._dom_classes
    assert [b.description for b in (room.start_button, room.pause_button, room.back_button,
                                    room.next_button)] == ["Start", "Pause", "Back", "Next"]
    assert room.status.value == ""


def test_every_builtin_routine_can_be_chosen(catalog, room):
    names = {label for label, _ in room.choose.options}
    assert names == {r.name for r in handbook.routines(catalog).values()}
    room.choose.value = "desk-break"
    desk = handbook.routines(catalog)["desk-break"]
    assert shown(room) == ("Stretch 1 of 6", "Neck side tilt", "Get ready", "0:05")
    assert room.timer.total == desk.duration
    assert "Five-minute desk break" in room.plan.value


def test_one_hold_for_every_stretch_changes_the_total(room):
    assert room.hold.disabled
    room.same_hold.value = True
    assert not room.hold.disabled
    room.hold.value = 20
    assert room.timer.total == 5 + 4 * (20 + 5 + 20) + 3 * 10
    assert "3:35 in all" in room.plan.value
    assert all(s.hold_s == 20 for s in room.stretches)
    room.same_hold.value = False
    assert room.timer.total == 455


def test_one_hold_keeps_each_stretchs_reps(room):
    room.choose.value = "desk-break"
    room.same_hold.value = True
    room.hold.value = 30
    assert [s.reps for s in room.stretches] == [1, 3, 3, 1, 1, 1]
    assert all(s.hold_s == 30 for s in room.stretches)


def test_hold_given_up_front(catalog, clock, mine):
    room = ClassMode(catalog, folder=mine, hold_s=40, clock=clock)
    assert room.same_hold.value and room.hold.value == 40
    assert room.timer.total == 5 + 4 * (40 + 5 + 40) + 3 * 10
    room.close()


def test_start_pause_next_back(room, clock):
    room.start_button.click()
    assert room.start_button.disabled and not room.pause_button.disabled
    tick(room, clock, 7)
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Hold: left side", "0:48")
    room.pause_button.click()
    tick(room, clock, 300)
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Hold: left side", "0:48")
    assert room.timer.status == "paused"

    room.next_button.click()  # the next stretch's first phase, still paused
    assert shown(room) == ("Stretch 2 of 4", BASICS[1], "Hold: left side", "0:50")
    assert room.timer.status == "paused"
    room.start_button.click()
    tick(room, clock, 1)
    assert shown(room) == ("Stretch 2 of 4", BASICS[1], "Hold: left side", "0:49")

    room.back_button.click()  # 1 s into stretch 2: back to the start of stretch 1
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Get ready", "0:05")
    assert room.timer.status == "running"

    room.next_button.click()
    tick(room, clock, 30)
    room.back_button.click()  # 30 s into stretch 2: back to its own start
    assert shown(room) == ("Stretch 2 of 4", BASICS[1], "Hold: left side", "0:50")
    tick(room, clock, 60)  # left side, switch, right side
    assert shown(room)[2:] == ("Hold: right side", "0:45")
    room.back_button.click()
    assert shown(room) == ("Stretch 2 of 4", BASICS[1], "Hold: left side", "0:50")

    room.next_button.click()
    room.next_button.click()
    assert shown(room) == ("Stretch 4 of 4", BASICS[3], "Hold: left side", "0:50")
    assert room.next_up.value == "Next up: the end of the class"
    room.next_button.click()  # after the last stretch: done
    assert shown(room) == ("Stretch 4 of 4", "Well done!", "Done", "0:00")
    assert room.next_button.disabled and room.timer.status == "done"
    room.back_button.click()  # from the end: the start of the last stretch, paused
    assert shown(room) == ("Stretch 4 of 4", BASICS[3], "Hold: left side", "0:50")
    assert room.timer.status == "paused"


def test_back_at_the_very_start_stays_there(room, clock):
    room.start_button.click()
    tick(room, clock, 1)
    room.back_button.click()
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Get ready", "0:05")
    assert room.timer.status == "running"


def test_next_before_start_moves_without_starting(room, clock):
    room.next_button.click()
    assert shown(room) == ("Stretch 2 of 4", BASICS[1], "Hold: left side", "0:50")
    tick(room, clock, 20)
    assert shown(room)[3] == "0:50" and room.running_task is None


def test_runs_through_every_stretch_to_done_by_itself(room, clock):
    seen = []
    room.start_button.click()
    for _ in range(460 * 4):
        tick(room, clock, 0.25)
        if not seen or seen[-1] != shown(room)[:3]:
            seen.append(shown(room)[:3])
    assert len(seen) == len(room.timer.phases) + 1  # every phase, then Done
    names = [name for n, (_, name, _) in enumerate(seen) if n == 0 or seen[n - 1][1] != name]
    assert names == [*BASICS, "Well done!"]
    assert seen[:6] == [
        ("Stretch 1 of 4", BASICS[0], "Get ready"),
        ("Stretch 1 of 4", BASICS[0], "Hold: left side"),
        ("Stretch 1 of 4", BASICS[0], "Switch sides"),
        ("Stretch 1 of 4", BASICS[0], "Hold: right side"),
        ("Stretch 1 of 4", BASICS[0], "Rest"),
        ("Stretch 2 of 4", BASICS[1], "Hold: left side"),
    ]
    assert seen[-1] == ("Stretch 4 of 4", "Well done!", "Done")
    assert room.start_button.disabled is False and room.next_button.disabled


def test_start_after_done_begins_again(room, clock):
    room.start_button.click()
    tick(room, clock, 500)
    assert room.timer.status == "done"
    room.start_button.click()
    assert shown(room) == ("Stretch 1 of 4", BASICS[0], "Get ready", "0:05")
    assert room.timer.status == "running"


def test_the_picture_follows_the_stretch_and_side(room, clock):
    first = room.picture.value
    room.start_button.click()
    tick(room, clock, 5)
    assert room.picture.value == first  # left side: the first side
    tick(room, clock, 55)
    mirrored = room.picture.value
    assert mirrored != first and "second side" in mirrored
    room.next_button.click()
    assert "Crossover hamstring stretch" in room.picture.value


def test_a_tone_at_each_change_of_phase_unless_muted(room, clock):
    def sound():
        return bytes(room.audio.value)

    room.start_button.click()
    assert sound() == b""
    tick(room, clock, 5)
    first = sound()
    assert first.startswith(b"RIFF")
    room.next_button.click()
    assert sound() not in (b"", first)
    room.mute.value = True
    before = sound()
    tick(room, clock, 50)
    assert sound() == before


def test_setup_is_locked_while_the_class_runs(room):
    room.start_button.click()
    assert room.choose.disabled and room.same_hold.disabled and room.handout_button.disabled
    room.pause_button.click()
    assert not room.choose.disabled
    room.choose.value = "after-a-run"  # a new routine starts from the top
    assert room.timer.status == "idle" and shown(room)[0] == "Stretch 1 of 6"


def test_the_time_left_is_at_least_96px():
    rule = re.search(r"\.hb-class \.hb-remaining[^{]*\{([^}]*)\}", CSS).group(1)
    size = re.search(r"font-size:\s*([^;]+);", rule).group(1)
    sizes = [float(px) for px in re.findall(r"([\d.]+)px", size)]
    assert sizes and min(sizes) >= 96, size
    assert "vh" not in size or size.startswith("clamp(")


def test_colours_follow_the_jupyterlab_theme():
    assert "var(--jp-ui-font-color0, #111)" in CSS and "var(--jp-layout-color0, #fff)" in CSS


def test_handout_is_written_next_to_the_notebook(room, tmp_path):
    room.same_hold.value = True
    room.hold.value = 25
    room.handout_button.click()
    page = tmp_path / "back-pain-basics-handout.html"
    assert page.is_file()
    text = page.read_text()
    assert "Back pain basics" in text and "Safety" in text and "<svg" in text
    assert str(page) in room.status.value and "hb-error" not in room.status.value


def test_broken_routine_files_are_listed_not_fatal(catalog, clock, mine):
    (mine / "good-one.toml").write_text(
        'name = "Good one"\n[[items]]\nstretch = "neck-turn"\n')
    (mine / "typo.toml").write_text('name = "Typo"\n[[items]]\nstretch = "neck-trun"\n')
    (mine / "not-toml.toml").write_text("name = \n")
    room = ClassMode(catalog, folder=mine, clock=clock)
    labels = [label for label, _ in room.choose.options]
    assert "Good one (good-one.toml)" in labels
    assert not any(label.startswith("Typo") for label in labels)
    assert "hb-error" in room.status.value
    assert "typo.toml" in room.status.value and "did you mean &#x27;neck-turn&#x27;" in \
        room.status.value
    assert "not-toml.toml" in room.status.value
    room.choose.value = str(mine / "good-one.toml")
    assert shown(room) == ("Stretch 1 of 1", "Neck turn", "Get ready", "0:05")
    room.close()


def test_a_missing_folder_is_fine(catalog, clock, tmp_path):
    room = ClassMode(catalog, folder=tmp_path / "nowhere", clock=clock)
    assert room.status.value == "" and len(room.choose.options) == len(handbook.routines(catalog))
    room.close()


def test_text_from_data_is_escaped(clock, tmp_path):
    stretches = tmp_path / "stretches"
    write_stretch(stretches, "odd-stretch", name="<img src=x onerror=alert(1)> & co",
                  cues=["<b>bold</b> cue"])
    cat = handbook.load_catalog(stretches, builtin=True)
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "odd.toml").write_text(
        'name = "<script>x</script>"\n[[items]]\nstretch = "neck-turn"\n'
        '[[items]]\nstretch = "odd-stretch"\n')
    (routines / "bad-<i>.toml").write_text('name = "x"\n[[items]]\nstretch = "<u>"\n')
    room = ClassMode(cat, folder=routines, routine=str(routines / "odd.toml"), clock=clock)
    assert room.next_up.value == "Next up: &lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert "<script>" not in room.plan.value and "&lt;script&gt;" in room.plan.value
    assert "<img" not in room.plan.value
    assert "<i>" not in room.status.value and "<u>" not in room.status.value
    assert "&lt;i&gt;" in room.status.value
    room.next_button.click()
    assert room.stretch_name.value == "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert room.cue.value == "&lt;b&gt;bold&lt;/b&gt; cue"
    assert "<img" not in room.picture.value
    room.close()


def test_a_routine_object_can_be_given(catalog, clock, mine):
    mini = handbook.Routine.from_ids(catalog, ["neck-turn", "standing-quad"], name="Mini")
    room = ClassMode(catalog, routine=mini, folder=mine, clock=clock)
    assert room.choose.value == "mini"
    assert shown(room)[:2] == ("Stretch 1 of 2", "Neck turn")
    room.close()


def test_an_unknown_routine_is_a_key_error(catalog, clock, mine):
    with pytest.raises(KeyError, match="back-pain-basics"):
        ClassMode(catalog, routine="nope", folder=mine, clock=clock)


# The engine arithmetic --------------------------------------------------------------------
PHASES = handbook.routines(CAT)["back-pain-basics"].phases()


def state_at(elapsed: float):
    """The engine's state of the basics routine `elapsed` seconds after Start."""
    clock = FakeClock()
    timer = Timer(PHASES, clock=clock)
    timer.start()
    clock.advance(elapsed)
    return timer.state()


def test_stretch_starts():
    assert stretch_starts(PHASES) == [0, 5, 9, 13]
    assert [PHASES[i].kind for i in stretch_starts(PHASES)] == ["ready", "hold", "hold", "hold"]


def test_next_and_back_targets():
    assert next_target(PHASES, state_at(7)) == 120.0
    assert next_target(PHASES, state_at(115)) == 120.0  # the rest belongs to stretch 1
    assert next_target(PHASES, state_at(400)) == 455.0
    assert back_target(PHASES, state_at(121.5)) == 0.0  # within 2 s: the stretch before
    assert back_target(PHASES, state_at(122.5)) == 120.0
    assert back_target(PHASES, state_at(1)) == 0.0
    assert back_target(PHASES, state_at(300)) == 235.0


def test_seek_keeps_a_running_timer_running(clock):
    timer = Timer(build_phases([handbook.timing.timeline.TimedItem("a", "A", 10)] * 3), clock=clock)
    timer.start()
    clock.advance(3)
    timer.seek(timer.phases[3].start)
    assert timer.status == "running" and timer.state().phase_index == 3
    timer.seek(0.0)
    assert timer.status == "running" and timer.state().elapsed == 0.0
    timer.pause()
    timer.seek(timer.total)
    assert timer.status == "done"


# The countdown task -----------------------------------------------------------------------
def test_nothing_runs_until_start(room):
    assert room.running_task is None
    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread with no event loop at all
        pool.submit(room.start_button.click).result()
    assert room.running_task is None  # without a running loop, refresh() is called by hand


def test_one_task_however_often_start_is_clicked_and_close_cancels_it(catalog, mine):
    async def scenario():
        room = ClassMode(catalog, folder=mine)
        for _ in range(5):
            room.start_button.click()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert len(tasks) == 1 and room.running_task is tasks[0]
        room.next_button.click()
        room.back_button.click()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert len(tasks) == 1
        await asyncio.sleep(0.15)
        task = room.running_task
        room.close()
        await asyncio.sleep(0)
        assert task.cancelled() and room.running_task is None

    run_in_fresh_loop(scenario)


def test_the_task_runs_the_whole_class_by_itself(catalog, mine):
    start = time.monotonic()

    def fast():  # five hundred seconds of class in one real second
        return start + (time.monotonic() - start) * 500

    async def scenario():
        room = ClassMode(catalog, folder=mine, clock=fast, sound=False)
        room.start_button.click()
        await asyncio.wait_for(room.running_task, timeout=10)
        assert shown(room) == ("Stretch 4 of 4", "Well done!", "Done", "0:00")
        room.close()

    run_in_fresh_loop(scenario)


def test_a_catalogue_without_the_builtin_stretches(clock, tmp_path_factory, folder):
    mine = tmp_path_factory.mktemp("my-routines")  # outside the stretch folder
    (mine / "calves.toml").write_text('name = "Calves"\n[[items]]\nstretch = "wall-calf-test"\n')
    room = ClassMode(handbook.load_catalog(folder), folder=mine, clock=clock)
    assert [label for label, _ in room.choose.options] == ["Calves (calves.toml)"]
    assert "builtin=True" in room.status.value
    assert shown(room)[:2] == ("Stretch 1 of 1", "Test calf stretch")
    room.close()


def test_class_mode_plays_the_routine_it_was_given(catalog):
    mine = routines(catalog)["back-pain-basics"].set_item(0, hold_s=17)
    room = ClassMode(catalog, routine=mine, clock=FakeClock(), log=False)
    assert room.routine.stretches[0].hold_s == 17
    room.close()


def test_a_class_can_start_with_the_warm_up(catalog, room, clock):
    plain = room.routine
    assert not room.warm_up.value and not room.warm_up.disabled
    room.warm_up.value = True
    warm = routines(catalog)["warm-up"]
    assert room.routine.items == (*warm.items, *plain.items)
    assert room.timer.total > plain.duration
    assert "Marching on the spot: 3 reps of march 15 s, march and pump 15 s (90 s)" in \
        room.plan.value
    room.same_hold.value = True  # one hold for the stretches; the movements keep their reps
    assert [s.reps for s in room.stretches[:len(warm.items)]] == [s.reps for s in warm.stretches]
    room.start_button.click()
    tick(room, clock, 6)
    assert room.phase.value.startswith("March · 1 of 3")
    assert room.warm_up.disabled  # locked while the class runs


def test_no_warm_up_box_for_a_catalogue_without_its_movements(clock, tmp_path_factory, folder):
    mine = tmp_path_factory.mktemp("my-routines")
    (mine / "calves.toml").write_text('name = "Calves"\n[[items]]\nstretch = "wall-calf-test"\n')
    room = ClassMode(handbook.load_catalog(folder), folder=mine, clock=clock, warm_up=True)
    assert room.warm_up.disabled and not room.warm_up.value
    room.close()
