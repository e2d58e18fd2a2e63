"""ProgressEditor without a browser: delete asks first, add records a stretch done by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from handbook.progress.store import ProgressLog
from handbook.widgets import ProgressEditor

NOW = dt.datetime(2026, 3, 10, 18, 53, 40)


@pytest.fixture
def log(tmp_path):
    log = ProgressLog(tmp_path / "progress.sqlite")
    log.record("neck-turn", 30, 30, when=dt.datetime(2026, 3, 9, 7, 5))
    log.record("standing-quad", 50, 50, side="left", when=dt.datetime(2026, 3, 10, 8, 0))
    return log


@pytest.fixture
def editor(log, catalog):
    view = ProgressEditor(log, catalog, now=lambda: NOW)
    yield view
    view.close()


def test_lists_the_last_records_newest_first(editor):
    labels = [label for label, _ in editor.records.options]
    assert labels == [
        "Tue 10 Mar 08:00 · Standing quad stretch, left · 50 s",
        "Mon 9 Mar 07:05 · Neck turn · 30 s",
    ]
    assert editor.records.value == editor.records.options[0][1]


def test_delete_asks_first_and_can_be_kept(editor, log):
    changes = []
    editor.on_change(lambda: changes.append(1))
    editor.delete_button.click()
    assert editor.confirm.layout.display is None
    assert "Delete <b>Tue 10 Mar 08:00 · Standing quad stretch, left" in editor.question.value
    assert len(log.sessions()) == 2  # nothing deleted yet
    editor.keep_button.click()
    assert editor.confirm.layout.display == "none" and len(log.sessions()) == 2
    editor.records.value = editor.records.options[1][1]
    editor.delete_button.click()
    editor.confirm_button.click()
    assert log.sessions()["stretch"].tolist() == ["standing-quad"]
    assert "Deleted Mon 9 Mar 07:05 · Neck turn" in editor.status.value
    assert len(editor.records.options) == 1 and changes == [1]


def test_choosing_another_record_withdraws_the_question(editor, log):
    editor.delete_button.click()
    editor.records.value = editor.records.options[1][1]
    assert editor.confirm.layout.display == "none"
    editor.confirm_button.click()
    assert len(log.sessions()) == 2


def test_add_a_stretch_done_without_a_timer(editor, log, catalog):
    assert editor.date.value == NOW.date() and editor.time.value == dt.time(18, 53)
    editor.stretch.value = "kneeling-hip-flexor"  # done each side: both are recorded
    stretch = catalog["kneeling-hip-flexor"]
    assert editor.seconds.value == round(stretch.hold_s * stretch.reps)
    editor.seconds.value = 40
    editor.time.value = dt.time(7, 30)
    editor.add_button.click()
    records = log.sessions()
    added = records[records["stretch"] == "kneeling-hip-flexor"]
    assert added["side"].tolist() == ["left", "right"]
    assert (added["done_s"] == 40).all() and added["completed"].all()
    assert added["when"].iloc[0].strftime("%Y-%m-%d %H:%M") == "2026-03-10 07:30"
    assert (
        "Added Kneeling hip flexor stretch, left and right, 40 s, on Tuesday 10 March "
        "at 07:30." in editor.status.value
    )
    assert len(editor.records.options) == 4


def test_a_symmetrical_stretch_has_no_side_to_choose(editor, log, catalog):
    both = next(s for s in catalog if s.sides == "both")
    editor.stretch.value = both.id
    assert editor.side.disabled and editor.side.value == "both"
    editor.add_button.click()
    records = log.sessions()
    assert records.loc[records["stretch"] == both.id, "side"].isna().tolist() == [True]
