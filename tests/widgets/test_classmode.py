"""ClassMode without a browser: choosing a routine, what the stage is sent, what it hears."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

import handbook
from handbook.timing.routinefile import routines
from handbook.timing.timeline import build_phases
from handbook.widgets.classmode import ClassMode
from handbook.widgets.guide import HERE
from tests.helpers import FakeClock, builtin_catalog, write_stretch
from tests.timing.oracle import Timer, back_target, next_target, stretch_starts
from tests.widgets.helpers import Browser, opening

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
BASICS = [
    "Kneeling hip flexor stretch",
    "Crossover hamstring stretch",
    "Standing quad stretch",
    "Hip and lower back seated twist",
]


@pytest.fixture
def mine(tmp_path) -> Path:
    """An empty folder for the teacher's own routine files."""
    folder = tmp_path / "my-routines"
    folder.mkdir()
    return folder


@pytest.fixture
def room(catalog, mine, tmp_path):
    """Class mode on "Back pain basics": four stretches, 50 s each side, 10 s rests."""
    widget = ClassMode(catalog, folder=mine, log=False)
    yield widget
    widget.close()


def names(room: ClassMode) -> list[str]:
    return [item["name"] for item in room.guide.timeline["items"]]


def test_before_class(catalog, room):
    assert room.choose.value == "back-pain-basics"
    assert names(room) == BASICS and opening(room.guide) == ("Get ready", "0:05")
    assert room.guide.mode == "class" and room.timer.status == "idle"
    assert room.guide.notes[0] == catalog["kneeling-hip-flexor"].cues[0]
    assert "7:35 in all" in room.plan.value  # 5 + 4 * (50 + 5 + 50) + 3 * 10 s
    assert room.guide.timeline["total"] == 455
    first, second = room.picture.pictures[0]
    assert first.startswith("<svg") and "Kneeling hip flexor" in first and first != second
    assert room.picture.follows == room.guide.key and len(room.picture.pictures) == 4
    assert "hb-class" in room._dom_classes and "hb-class-picture" in room.picture._dom_classes
    assert room.status.value == ""


def test_every_builtin_routine_can_be_chosen(catalog, room):
    labels = {label for label, _ in room.choose.options}
    assert labels == {r.name for r in handbook.routines(catalog).values()}
    room.choose.value = "desk-break"
    desk = handbook.routines(catalog)["desk-break"]
    assert names(room)[0] == "Neck side tilt" and len(names(room)) == 6
    assert room.guide.timeline["total"] == desk.duration and len(room.picture.pictures) == 6
    assert room.recorder.routine == "desk-break"
    assert "Five-minute desk break" in room.plan.value


def test_one_hold_for_every_stretch_changes_the_total(room):
    assert room.hold.disabled
    room.same_hold.value = True
    assert not room.hold.disabled
    room.hold.value = 20
    assert room.guide.timeline["total"] == 5 + 4 * (20 + 5 + 20) + 3 * 10
    assert "3:35 in all" in room.plan.value
    assert all(s.hold_s == 20 for s in room.stretches)
    room.same_hold.value = False
    assert room.guide.timeline["total"] == 455


def test_one_hold_keeps_each_stretchs_reps(room):
    room.choose.value = "desk-break"
    room.same_hold.value = True
    room.hold.value = 30
    assert [s.reps for s in room.stretches] == [1, 2, 3, 1, 1, 1]  # desk-break twist: 10 s x 2
    assert all(s.hold_s == 30 for s in room.stretches)


def test_hold_given_up_front(catalog, mine):
    room = ClassMode(catalog, folder=mine, hold_s=40, log=False)
    assert room.same_hold.value and room.hold.value == 40
    assert room.guide.timeline["total"] == 5 + 4 * (40 + 5 + 40) + 3 * 10
    room.close()


def test_setup_is_locked_while_the_class_runs(room):
    press = Browser(room.guide)
    press("start", 0)
    assert room.choose.disabled and room.same_hold.disabled and room.handout_button.disabled
    press("pause", 3)
    assert not room.choose.disabled
    room.choose.value = "after-a-run"  # a new routine starts from the top
    assert room.timer.status == "idle" and len(names(room)) == 6


def test_a_routine_chosen_before_the_kernel_heard_start_is_put_back(room):
    Browser(room.guide)("start", 0)
    room.choose.value = "desk-break"
    assert room.choose.value == "back-pain-basics" and names(room) == BASICS


def test_next_and_back_as_the_room_presses_them(room):
    press = Browser(room.guide)
    press("start", 0)
    press("next", 7)
    state = press.walk.timer.state()  # the browser's walk (the oracle guide.js is held to)
    assert state.phase.name == BASICS[1] and state.phase.label == "Hold: right leg behind"
    press("previous", 8)  # 1 s into stretch 2: back to stretch 1
    assert press.walk.timer.state().elapsed == 0 and room.timer.status == "running"


def test_the_time_left_is_at_least_96px():
    css = (HERE / "guide.css").read_text()
    rule = re.search(r"\.hb-class \.hb-remaining[^{]*\{([^}]*)\}", css).group(1)
    size = re.search(r"font-size:\s*([^;]+);", rule).group(1)
    sizes = [float(px) for px in re.findall(r"([\d.]+)px", size)]
    assert sizes and min(sizes) >= 96, size
    assert "vh" not in size or size.startswith("clamp(")


def test_colours_follow_the_jupyterlab_theme():
    from handbook.output.render import stylesheet

    css = stylesheet()  # class mode's rules moved into the handbook's one stylesheet
    assert "--hb-fg: var(--jp-ui-font-color0" in css and "--hb-bg: var(--jp-layout-color0" in css
    assert ".hb-class { color: var(--hb-fg); background: var(--hb-bg);" in css
    assert "color: var(--hb-fg, #111)" in (HERE / "guide.css").read_text()  # the player too


def test_the_class_page_is_a_download_of_the_class_as_set(room, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    room.same_hold.value = True
    room.hold.value = 25
    room.class_page_button.click()
    found = re.search(
        r'download="back-pain-basics-class.html" href="data:text/html;'
        r'charset=utf-8;base64,([^"]+)"',
        room.download.value,
    )
    assert found, room.download.value
    page = base64.b64decode(found[1]).decode("utf-8")
    assert page.startswith("<!doctype html>") and "hb-class-data" in page
    data = json.loads(re.search(r'id="hb-class-data">(.*?)</script>', page)[1])
    assert data["timeline"]["total"] == room.routine.duration  # the class as set: 25 s holds
    holds = [p for p in data["timeline"]["phases"] if p["kind"] == "hold"]
    assert {round(p["end"] - p["start"]) for p in holds} == {25}
    assert [p.name for p in tmp_path.iterdir()] == ["my-routines"]  # nothing written


def test_the_handout_is_a_download_never_a_server_path(room, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    room.same_hold.value = True
    room.hold.value = 25
    room.handout_button.click()
    found = re.search(
        r'download="back-pain-basics-handout.html" href="data:text/html;'
        r'charset=utf-8;base64,([^"]+)"',
        room.download.value,
    )
    assert found, room.download.value
    text = base64.b64decode(found[1]).decode("utf-8")
    assert "Back pain basics" in text and "Safety" in text and "<svg" in text
    assert "25 s, each side" in text  # the hold the teacher set, in the steps too
    assert [p.name for p in tmp_path.iterdir()] == ["my-routines"]  # nothing written
    assert str(tmp_path) not in room.download.value
    assert "hb-error" not in room.status.value


def test_own_stretches_join_and_their_problems_are_listed(catalog, mine, tmp_path):
    own = tmp_path / "my-stretches"
    write_stretch(own, "my-calf-stretch", name="My calf stretch")
    write_stretch(own, "broken", primary=["hamstring"])
    (mine / "mine.toml").write_text('name = "Mine"\n[[items]]\nstretch = "my-calf-stretch"\n')
    room = ClassMode(catalog, folder=mine, stretches=own, log=False)
    assert "my-calf-stretch" in room.catalog and "broken" not in room.catalog
    room.choose.value = str(mine / "mine.toml")
    assert names(room) == ["My calf stretch"]
    assert "broken.toml" in room.status.value and "hamstrings" in room.status.value
    assert room.status in room.panel.children  # listed for the teacher, not on the stage
    room.close()


def test_broken_routine_files_are_listed_not_fatal(catalog, mine):
    (mine / "good-one.toml").write_text('name = "Good one"\n[[items]]\nstretch = "neck-turn"\n')
    (mine / "typo.toml").write_text('name = "Typo"\n[[items]]\nstretch = "neck-trun"\n')
    (mine / "not-toml.toml").write_text("name = \n")
    room = ClassMode(catalog, folder=mine, log=False)
    labels = [label for label, _ in room.choose.options]
    assert "Good one (good-one.toml)" in labels
    assert not any(label.startswith("Typo") for label in labels)
    assert "hb-error" in room.status.value
    assert (
        "typo.toml" in room.status.value
        and "did you mean &#x27;neck-turn&#x27;" in room.status.value
    )
    assert "not-toml.toml" in room.status.value
    room.choose.value = str(mine / "good-one.toml")
    assert names(room) == ["Neck turn"] and opening(room.guide) == ("Get ready", "0:05")
    room.close()


def test_a_missing_folder_is_fine(catalog, tmp_path):
    room = ClassMode(catalog, folder=tmp_path / "nowhere", log=False)
    assert room.status.value == "" and len(room.choose.options) == len(handbook.routines(catalog))
    room.close()


def test_text_from_data_is_escaped(tmp_path):
    stretches = tmp_path / "stretches"
    write_stretch(
        stretches, "odd-stretch", name="<img src=x onerror=alert(1)> & co", cues=["<b>bold</b> cue"]
    )
    cat = handbook.load_catalog(stretches, builtin=True)
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "odd.toml").write_text(
        'name = "<script>x</script>"\n[[items]]\nstretch = "neck-turn"\n'
        '[[items]]\nstretch = "odd-stretch"\n'
    )
    (routines / "bad-<i>.toml").write_text('name = "x"\n[[items]]\nstretch = "<u>"\n')
    room = ClassMode(cat, folder=routines, routine=str(routines / "odd.toml"), log=False)
    assert names(room)[1] == "<img src=x onerror=alert(1)> & co"  # as text: guide.js writes
    assert room.guide.notes[1] == "<b>bold</b> cue"  # it with textContent, never as HTML
    assert "<script>" not in room.plan.value and "&lt;script&gt;" in room.plan.value
    assert "<img" not in room.plan.value
    assert "<i>" not in room.status.value and "<u>" not in room.status.value
    assert "&lt;i&gt;" in room.status.value
    assert not any("<img" in svg for pair in room.picture.pictures for svg in pair)
    room.close()


def test_a_routine_object_can_be_given(catalog, mine):
    mini = handbook.Routine.from_ids(catalog, ["neck-turn", "standing-quad"], name="Mini")
    room = ClassMode(catalog, routine=mini, folder=mine, log=False)
    assert room.choose.value == "mini" and names(room) == ["Neck turn", "Standing quad stretch"]
    room.close()


def test_an_unknown_routine_is_a_key_error(catalog, mine):
    with pytest.raises(KeyError, match="back-pain-basics"):
        ClassMode(catalog, routine="nope", folder=mine, log=False)


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


def test_seek_keeps_a_running_timer_running():
    clock = FakeClock()
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


def test_a_catalogue_without_the_builtin_stretches(tmp_path_factory, folder):
    mine = tmp_path_factory.mktemp("my-routines")  # outside the stretch folder
    (mine / "calves.toml").write_text('name = "Calves"\n[[items]]\nstretch = "wall-calf-test"\n')
    room = ClassMode(handbook.load_catalog(folder), folder=mine, log=False)
    assert [label for label, _ in room.choose.options] == ["Calves (calves.toml)"]
    assert "builtin=True" in room.status.value
    assert names(room) == ["Test calf stretch"]
    room.close()


def test_class_mode_plays_the_routine_it_was_given(catalog):
    mine = routines(catalog)["back-pain-basics"].set_item(0, hold_s=17)
    room = ClassMode(catalog, routine=mine, log=False)
    assert room.routine.stretches[0].hold_s == 17
    room.close()


def test_the_teacher_sees_which_stretches_have_a_gentler_alternative(room):
    listing = room.plan.value
    assert listing.count('class="hb-gentler"') >= 4
    assert (
        "Gentler: Seated chair twist (osteoporosis, hip replacement, knee problems, pregnancy)"
        in listing
    )


def test_a_class_can_start_with_the_warm_up(catalog, room):
    plain = room.routine
    assert not room.warm_up.value and not room.warm_up.disabled
    room.warm_up.value = True
    warm = routines(catalog)["warm-up"]
    assert room.routine.items == (*warm.items, *plain.items)
    assert names(room)[: len(warm.items)] == [s.name for s in warm.stretches]
    assert room.guide.timeline["total"] > plain.duration
    assert (
        "Marching on the spot: 4 reps of march 15 s, march and pump 15 s (120 s)" in room.plan.value
    )
    moves = [p for p in room.guide.timeline["phases"] if p["kind"] == "move"]
    assert moves[0]["label"] == "March · 1 of 4" and moves[1]["label"] == "March and pump · 1 of 4"
    room.same_hold.value = True  # one hold for the stretches; the movements keep their reps
    assert [s.reps for s in room.stretches[: len(warm.items)]] == [s.reps for s in warm.stretches]
    press = Browser(room.guide)
    press("start", 0)
    assert room.warm_up.disabled  # locked while the class runs


def test_no_warm_up_box_for_a_catalogue_without_its_movements(tmp_path_factory, folder):
    mine = tmp_path_factory.mktemp("my-routines")
    (mine / "calves.toml").write_text('name = "Calves"\n[[items]]\nstretch = "wall-calf-test"\n')
    room = ClassMode(handbook.load_catalog(folder), folder=mine, log=False, warm_up=True)
    assert room.warm_up.disabled and not room.warm_up.value
    room.close()
