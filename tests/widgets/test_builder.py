"""RoutineBuilder without a browser: driven like a person, through filters, picks and clicks."""

from __future__ import annotations

import base64
import dataclasses
import re

import pytest

from handbook.catalog.loader import Catalog
from handbook.output.cards import hold_summary
from handbook.timing.routine import Routine, RoutineItem
from handbook.timing.routinefile import load_routine, routines
from handbook.timing.timeline import mss
from handbook.widgets.builder import RoutineBuilder
from handbook.widgets.player import RoutinePlayer

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def builder(catalog, tmp_path):
    view = RoutineBuilder(catalog, folder=tmp_path / "my-routines")
    yield view
    view.close()


def add(view: RoutineBuilder, *ids: str) -> None:
    """Pick each stretch in the matches list and press Add."""
    for sid in ids:
        view.matches.value = sid
        view.add_button.click()


def labels(view: RoutineBuilder) -> list[str]:
    return [label for label, _ in view.items.options]


def test_starts_empty_with_a_name_a_path_and_nothing_to_play(builder, tmp_path):
    assert builder.routine.name == "My routine" and builder.routine.items == ()
    assert builder.items.options == ()
    assert builder.total.value == "<b>Total 0:00</b>"
    assert builder.play_button.disabled and builder.handout_button.disabled
    assert builder.remove_button.disabled and builder.hold.disabled
    assert builder.path.value == str(tmp_path / "my-routines" / "my-routine.toml")
    assert "hb-builder" in builder._dom_classes
    assert "hb-builder-matches" in builder.matches._dom_classes
    assert "hb-builder-items" in builder.items._dom_classes
    assert "hb-builder-total" in builder.total._dom_classes
    assert "hb-builder-status" in builder.status._dom_classes


def test_filters_narrow_the_matches(catalog, builder):
    assert len(builder.matches.options) == len(catalog.stretches)
    builder.muscle.value = "hamstrings"
    builder.position.value = "standing"
    found = catalog.find(muscle="hamstrings", position="standing")
    by_name = sorted(found.index, key=lambda sid: found.loc[sid, "name"].casefold())
    assert [sid for _, sid in builder.matches.options] == by_name  # in the order people read
    assert by_name != list(found.index)  # not the ids' order
    assert builder.matches.value == by_name[0]
    builder.muscle.value = builder.position.value = None
    builder.text.value = " strap "
    assert "supine-hamstring-strap" in dict(builder.matches.options).values()
    assert len(builder.matches.options) == len(catalog.find(text="strap"))
    builder.text.value = "no stretch says this"
    assert builder.matches.options == () and builder.add_button.disabled
    assert "<b>0</b> stretches match" in builder.count.value


def test_add_puts_the_chosen_stretch_at_the_end(builder):
    add(builder, "neck-side-tilt", "standing-quad")
    assert [item.stretch for item in builder.routine.items] == ["neck-side-tilt", "standing-quad"]
    assert labels(builder) == [
        "1. Neck side tilt: 20 s, each side, 3 times",
        "2. Standing quad stretch: 5 deep breaths (about 50 s), each side, once",
    ]
    assert builder.items.value == 1  # the new item is selected
    assert builder.total.value == f"<b>Total {mss(builder.routine.duration)}</b>"
    assert builder.routine.duration > 0 and not builder.play_button.disabled


def test_starts_from_a_given_routine(catalog, tmp_path):
    desk = routines(catalog)["desk-break"]
    view = RoutineBuilder(catalog, desk, folder=tmp_path)
    try:
        assert view.routine == desk and view.name.value == "Five-minute desk break"
        assert labels(view) == [
            f"{n}. {s.name}: {hold_summary(s)}" for n, s in enumerate(desk.stretches, 1)
        ]
        assert view.total.value == "<b>Total 4:55</b>"  # desk-break twist 10 s x 2 (issue 22)
        assert view.path.value == str(tmp_path / "desk-break.toml")
        # The file sets the first item's reps to 1 (the stretch's own is 2).
        assert view.items.value == 0 and view.hold.value == 20 and view.reps.value == 1
    finally:
        view.close()


def test_up_and_down_reorder_and_the_selection_follows(builder):
    add(builder, "neck-side-tilt", "standing-quad", "seated-chair-twist")
    builder.items.value = 2
    builder.up_button.click()
    assert [i.stretch for i in builder.routine.items] == [
        "neck-side-tilt",
        "seated-chair-twist",
        "standing-quad",
    ]
    assert builder.items.value == 1 and labels(builder)[1].startswith("2. Seated chair twist:")
    builder.up_button.click()
    assert builder.routine.items[0].stretch == "seated-chair-twist"
    assert builder.up_button.disabled and not builder.down_button.disabled
    builder.down_button.click()
    builder.down_button.click()
    assert [i.stretch for i in builder.routine.items] == [
        "neck-side-tilt",
        "standing-quad",
        "seated-chair-twist",
    ]
    assert builder.items.value == 2 and builder.down_button.disabled


def test_remove_takes_out_the_selected_item(builder):
    add(builder, "neck-side-tilt", "standing-quad", "seated-chair-twist")
    builder.items.value = 1
    builder.remove_button.click()
    assert [i.stretch for i in builder.routine.items] == ["neck-side-tilt", "seated-chair-twist"]
    assert labels(builder)[1].startswith("2. Seated chair twist:")
    assert builder.items.value == 1
    builder.remove_button.click()
    builder.remove_button.click()
    assert builder.routine.items == () and builder.items.value is None
    assert builder.total.value == "<b>Total 0:00</b>"
    assert builder.play_button.disabled and builder.remove_button.disabled


def test_sliders_show_the_selected_item_without_editing_it(builder):
    add(builder, "neck-side-tilt", "standing-quad")
    before = builder.routine
    builder.items.value = 0
    assert (builder.hold.value, builder.reps.value) == (20, 3)
    builder.items.value = 1
    assert (builder.hold.value, builder.reps.value) == (50, 1)
    assert builder.routine == before and builder.routine.items[1] == RoutineItem("standing-quad")
    assert "Standing quad stretch" in builder.selected.value


def test_hold_and_reps_edit_the_selected_item(builder):
    add(builder, "neck-side-tilt", "standing-quad")
    builder.items.value = 1
    short = builder.routine.duration
    builder.hold.value = 45
    builder.reps.value = 3
    assert builder.routine.items[1] == RoutineItem("standing-quad", hold_s=45, reps=3)
    assert builder.routine.items[0] == RoutineItem("neck-side-tilt")
    assert labels(builder)[1] == "2. Standing quad stretch: 45 s, each side, 3 times"
    assert builder.items.value == 1
    assert builder.routine.duration > short
    assert builder.total.value == f"<b>Total {mss(builder.routine.duration)}</b>"


def test_the_stretchs_own_clears_the_overrides(builder):
    add(builder, "neck-side-tilt")
    builder.hold.value = 60
    builder.reps.value = 1
    assert builder.routine.items[0] == RoutineItem("neck-side-tilt", hold_s=60, reps=1)
    builder.own_button.click()
    assert builder.routine.items[0] == RoutineItem("neck-side-tilt")
    assert (builder.hold.value, builder.reps.value) == (20, 3)
    assert labels(builder) == ["1. Neck side tilt: 20 s, each side, 3 times"]


def test_changing_reps_keeps_a_hold_given_in_breaths(catalog, tmp_path):
    routine = Routine("r", "R", (RoutineItem("neck-side-tilt", hold_breaths=3),), catalog)
    view = RoutineBuilder(catalog, routine, folder=tmp_path)
    try:
        assert view.hold.value == 30
        view.reps.value = 4
        assert view.routine.stretches[0].hold_s == 30 and view.routine.stretches[0].reps == 4
    finally:
        view.close()


def test_renaming_moves_the_default_path_until_the_path_is_edited(builder, tmp_path):
    builder.name.value = "  Evening wind-down "
    assert builder.routine.name == "Evening wind-down"
    assert builder.routine.id == "evening-wind-down"
    assert builder.path.value == str(tmp_path / "my-routines" / "evening-wind-down.toml")
    builder.path.value = str(tmp_path / "mine.toml")
    builder.name.value = "Late night"
    assert builder.routine.id == "late-night" and builder.path.value == str(tmp_path / "mine.toml")


def test_save_writes_a_file_that_loads_back_equal(catalog, builder, tmp_path):
    add(builder, "neck-side-tilt", "standing-quad")
    builder.hold.value = 40
    builder.name.value = "Desk and legs"
    builder.save_button.click()
    path = tmp_path / "my-routines" / "desk-and-legs.toml"
    assert load_routine(path, catalog) == builder.routine
    assert builder.status.value.count(str(path)) == 1 and "Saved to" in builder.status.value
    assert "hb-error" not in builder.status._dom_classes


def test_save_to_a_folder_uses_the_routine_id(catalog, builder, tmp_path):
    add(builder, "neck-side-tilt")
    builder.path.value = str(tmp_path)
    builder.save_button.click()
    assert load_routine(tmp_path / "my-routine.toml", catalog) == builder.routine
    builder.path.value = f"{tmp_path}/new-folder/"  # not there yet: still a folder
    builder.save_button.click()
    assert load_routine(tmp_path / "new-folder" / "my-routine.toml", catalog) == builder.routine


def test_a_save_error_is_shown_escaped_without_a_traceback(builder, tmp_path):
    add(builder, "neck-side-tilt")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    builder.path.value = str(blocker / "<b>x.toml")
    builder.save_button.click()
    status = builder.status.value
    assert "Could not save" in status and "Traceback" not in status
    assert "&lt;b&gt;x.toml" in status and "<b>x" not in status
    assert "hb-error" in builder.status._dom_classes
    assert blocker.read_text() == "not a folder"


def test_saving_what_cannot_be_read_back_is_refused(builder, tmp_path):
    builder.save_button.click()  # no stretches yet
    assert "Could not save" in builder.status.value and "at least one stretch" in (
        builder.status.value
    )
    add(builder, "neck-side-tilt")
    builder.path.value = str(tmp_path / "Not An Id.toml")
    builder.save_button.click()
    assert "kebab-case" in builder.status.value
    assert not list(tmp_path.rglob("*.toml"))


def test_the_class_page_is_a_download_never_a_server_path(builder, tmp_path):
    assert builder.class_page_button.disabled  # nothing to teach yet
    add(builder, "neck-side-tilt")
    builder.class_page_button.click()
    found = re.search(
        r'download="my-routine-class.html" href="data:text/html;charset=utf-8;base64,'
        r'([^"]+)"',
        builder.download.value,
    )
    assert found and "Neck side tilt" in base64.b64decode(found[1]).decode()
    assert "The class page is ready" in builder.status.value
    assert not (tmp_path / "my-routines").exists() or not any((tmp_path / "my-routines").iterdir())


def test_the_handout_is_a_download_never_a_server_path(builder, tmp_path):
    add(builder, "neck-side-tilt")
    builder.handout_button.click()
    found = re.search(
        r'download="my-routine.html" href="data:text/html;charset=utf-8;base64,'
        r'([^"]+)"',
        builder.download.value,
    )
    assert found and "Neck side tilt" in base64.b64decode(found[1]).decode()
    assert "The handout is ready" in builder.status.value
    assert str(tmp_path) not in builder.status.value + builder.download.value
    assert not (tmp_path / "my-routines" / "my-routine.html").exists()
    assert not (tmp_path / "my-routines" / "my-routine.toml").exists()


def test_play_shows_a_player_and_a_second_play_closes_the_first(builder):
    add(builder, "neck-side-tilt")
    builder.play_button.click()
    first = builder.player
    assert isinstance(first, RoutinePlayer) and first.routine == builder.routine
    assert builder.player_area.children == (first,)
    add(builder, "standing-quad")
    builder.play_button.click()
    second = builder.player
    assert second is not first and first.comm is None and second.comm is not None
    assert len(second.routine) == 2 and builder.player_area.children == (second,)


def test_close_closes_the_player_and_every_part(catalog, tmp_path, monkeypatch):
    view = RoutineBuilder(catalog, routines(catalog)["desk-break"], folder=tmp_path)
    view.play_button.click()
    player = view.player
    closed = []
    monkeypatch.setattr(player, "close", lambda: (closed.append(True), RoutinePlayer.close(player)))
    view.close()
    assert closed == [True]  # the player's own close, which cancels its countdown
    assert player.comm is None and player.timer.comm is None
    assert view.comm is None and view.items.comm is None and view.hold.comm is None


def test_on_change_gets_every_edit_and_nothing_else(builder):
    seen = []
    builder.on_change(seen.append)
    builder.muscle.value = "calves"
    builder.text.value = "wall"
    assert seen == []
    add(builder, "wall-calf-stretch")
    builder.hold.value = 40
    builder.name.value = "Calves"
    builder.own_button.click()
    builder.remove_button.click()
    assert len(seen) == 5 and seen[-1] is builder.routine and seen[-1].items == ()
    assert seen[0].items == (RoutineItem("wall-calf-stretch"),)
    assert seen[1].items == (RoutineItem("wall-calf-stretch", hold_s=40),)
    assert seen[2].name == "Calves"


def test_a_hostile_name_stays_text(catalog, tmp_path):
    hostile = dataclasses.replace(catalog["neck-side-tilt"], name=EVIL)
    cat = Catalog([hostile], catalog.vocabulary)
    view = RoutineBuilder(cat, folder=tmp_path)
    try:
        add(view, "neck-side-tilt")
        # Select options are shown as text by the front end, so the label keeps the characters.
        assert labels(view) == [f"1. {EVIL}: 20 s, each side, 3 times"]
        assert "<img" not in view.selected.value
        assert "&lt;img src=x onerror=alert(1)&gt;" in view.selected.value
        view.name.value = EVIL
        view.path.value = str(tmp_path / "a-file" / f"{EVIL}.toml")
        (tmp_path / "a-file").write_text("")
        view.save_button.click()
        assert "<img" not in view.status.value and "&lt;img" in view.status.value
    finally:
        view.close()


def test_saved_routines_are_listed_and_open(catalog, builder, tmp_path):
    builtin = routines(catalog)
    keys = [key for _, key in builder.saved.options]
    assert keys[0] == "" and builder.saved.label == "Choose a routine to open"
    assert builder.open_button.disabled
    assert {f"builtin:{rid}" for rid in builtin} <= set(keys)
    add(builder, "neck-side-tilt", "standing-quad")
    builder.name.value = "Evening legs"
    builder.save_button.click()
    saved = str(tmp_path / "my-routines" / "evening-legs.toml")
    assert ("Evening legs (evening-legs.toml)", saved) in builder.saved.options
    fresh = RoutineBuilder(catalog, folder=tmp_path / "my-routines")
    try:
        fresh.saved.value = saved
        assert not fresh.open_button.disabled
        fresh.open_button.click()
        assert fresh.routine == load_routine(saved, catalog)
        assert fresh.path.value == saved
        assert "Opened Evening legs: 2 stretches" in fresh.status.value
        fresh.saved.value = "builtin:desk-break"
        fresh.open_button.click()
        assert fresh.routine == builtin["desk-break"]
        assert fresh.path.value == str(tmp_path / "my-routines" / "desk-break.toml")
    finally:
        fresh.close()


def test_a_broken_saved_routine_is_named_and_left_alone(catalog, tmp_path):
    folder = tmp_path / "my-routines"
    folder.mkdir()
    (folder / "broken.toml").write_text('name = "Broken"\n[[items]]\nstretch = "no-such"\n')
    before = (folder / "broken.toml").read_bytes()
    view = RoutineBuilder(catalog, folder=folder)
    try:
        assert "Could not read broken.toml" in view.status.value
        assert "&#x27;no-such&#x27; is not in the catalogue" in view.status.value
        assert all("broken" not in str(key) for _, key in view.saved.options)
    finally:
        view.close()
    assert (folder / "broken.toml").read_bytes() == before


def test_only_and_budget(catalog, tmp_path):
    view = RoutineBuilder(
        catalog,
        folder=tmp_path,
        only=["neck-side-tilt", "standing-quad"],
        only_reason="that suit you",
        budget_s=60,
    )
    try:
        assert [sid for _, sid in view.matches.options] == ["neck-side-tilt", "standing-quad"]
        assert "<b>2</b> stretches match (only those that suit you)" in view.count.value
        assert view.total.value == "<b>Total 0:00 of the day's 1:00</b>"
        add(view, "standing-quad")
        assert "Over by" in view.total.value and view.over_budget_s > 0
    finally:
        view.close()


def test_a_movement_shows_its_own_count_and_a_hold_becomes_reps(builder):
    add(builder, "arm-circles")
    assert (builder.reps.value, builder.reps.max) == (10, 30)
    assert labels(builder) == ["1. Arm circles: 10 reps of circle 4 s (40 s), both sides together"]
    builder.reps.value = 20
    assert builder.routine.stretches[0].reps == 20 and builder.routine.duration > 80
    builder.hold.value = 24  # seconds of moving: six circles of 4 s
    assert builder.routine.items[0] == RoutineItem("arm-circles", reps=6)
    assert (builder.reps.value, builder.hold.value) == (6, 24)
    builder.own_button.click()
    add(builder, "neck-turn")
    assert builder.reps.max == 6  # a held stretch: 1 to 6 reps


def test_saving_over_another_routine_asks_first(catalog, builder, tmp_path):
    add(builder, "neck-side-tilt", "standing-quad", "cat-cow")
    builder.name.value = "Morning Stretch"
    builder.save_button.click()
    path = tmp_path / "my-routines" / "morning-stretch.toml"
    assert len(load_routine(path, catalog)) == 3
    other = RoutineBuilder(catalog, folder=tmp_path / "my-routines")
    add(other, "neck-side-tilt")
    other.name.value = "morning stretch!"
    other.save_button.click()  # the same file: asked, not written
    assert len(load_routine(path, catalog)) == 3
    assert "holds another routine, &#x27;Morning Stretch&#x27;" in other.status.value
    assert other.save_button.description == "Replace" and "Saved to" not in other.status.value
    other.save_button.click()  # asked and answered
    assert load_routine(path, catalog).name == "morning stretch!"
    assert other.save_button.description == "Save" and "Saved to" in other.status.value
    other.close()


def test_open_asks_before_dropping_unsaved_edits(catalog, builder):
    add(builder, "neck-side-tilt", "standing-quad")
    mine = builder.routine
    builder.saved.value = "builtin:desk-break"
    builder.open_button.click()
    assert builder.routine == mine  # nothing dropped yet: a question instead
    assert builder.confirm.layout.display is None
    assert "are not saved" in builder.question.value
    assert "Five-minute desk break" in builder.question.value
    builder.keep_button.click()
    assert builder.routine == mine and builder.confirm.layout.display == "none"
    builder.open_button.click()
    builder.discard_button.click()
    assert builder.routine == routines(catalog)["desk-break"]
    assert not builder.unsaved  # as opened
    builder.open_button.click()  # nothing to lose: opens at once, no question
    assert builder.confirm.layout.display == "none"


def test_a_saved_routine_opens_without_asking(builder):
    add(builder, "neck-side-tilt")
    builder.save_button.click()
    assert not builder.unsaved
    builder.saved.value = "builtin:desk-break"
    builder.open_button.click()
    assert builder.routine.name == "Five-minute desk break"
    assert builder.confirm.layout.display == "none"


def test_saved_routines_are_listed_by_the_names_shown(catalog, builder, tmp_path):
    folder = tmp_path / "my-routines"
    folder.mkdir(exist_ok=True)
    for stem, name in (("a-zebra", "Zebra stretches"), ("b-apple", "apple break")):
        (folder / f"{stem}.toml").write_text(f'name = "{name}"\n[[items]]\nstretch = "neck-turn"\n')
    builder.list_saved()
    shown = [label for label, key in builder.saved.options if key]
    mine = [label for label in shown if "comes with" not in label]
    builtin = [label for label in shown if "comes with" in label]
    assert mine == ["apple break (b-apple.toml)", "Zebra stretches (a-zebra.toml)"]
    assert builtin == sorted(builtin, key=str.casefold) and shown == mine + builtin
