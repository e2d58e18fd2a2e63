"""The attack on every input path (tests/attack.py), each group held to its targets: no error
of another type than the handbook's own, no hang, nothing lost, no script from data.

The closing counts print with ``pytest tests/test_attack.py -s``.
"""

from __future__ import annotations

import os

import pytest

from tests import attack

TALLIES: list[attack.Tally] = []
FAST = [
    ("stretch files", lambda cat: attack.attack_stretch_files(cat)),
    ("odd entries", lambda cat: attack.attack_odd_entries()),
    ("routine files", lambda cat: attack.attack_routine_files(cat)),
    ("plan files", lambda cat: attack.attack_plan_files(cat)),
    ("progress CSV", lambda cat: attack.attack_progress_csv()),
    ("importer", lambda cat: attack.attack_importer()),
    ("CSV export", lambda cat: attack.attack_csv_export(cat)),
    ("text fields", lambda cat: attack.attack_text_fields()),
    ("outputs", lambda cat: attack.attack_outputs(cat)),
    ("saves over", lambda cat: attack.attack_saves_over(cat)),
    ("plan twice", lambda cat: attack.attack_plan_twice(cat)),
    ("poses", lambda cat: attack.attack_poses()),
    ("importer sizes", lambda cat: attack.attack_importer_sizes()),
    ("progress corners", lambda cat: attack.attack_progress_corners()),
    ("hub guessing", lambda cat: attack.attack_hub_guessing()),
]
SLOW = [
    ("progress log faults", lambda cat: attack.attack_progress_log()),
    ("atomic saves", lambda cat: attack.attack_saves()),
    ("exit noise", lambda cat: attack.attack_exit_noise()),
]


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(attack, "KILLS", 15)  # CI's share; the attack killed 120
    attack.random.seed(15)
    yield
    attack.remove_folders()
    attack.FOLDERS.clear()


def _held(tally: attack.Tally) -> None:
    TALLIES.append(tally)
    assert tally.tried > 0
    assert (tally.other, tally.hangs, tally.lost, tally.ran) == (0, 0, 0, 0), tally.problems()


@pytest.mark.parametrize("label, group", FAST, ids=[label for label, _ in FAST])
def test_attack(label, group, catalog):
    _held(group(catalog))


@pytest.mark.slow
@pytest.mark.parametrize("label, group", SLOW, ids=[label for label, _ in SLOW])
def test_attack_with_processes(label, group, catalog):
    _held(group(catalog))


def test_the_counts(capsys):
    """The closing note's counts, over the groups run before this test in the session."""
    if not TALLIES:
        pytest.skip("the counts are of the groups run before, in the same session")
    columns = ("tried", "own", "other", "hangs", "lost", "ran")
    total = {c: sum(getattr(t, c) for t in TALLIES) for c in columns}
    with capsys.disabled():
        print(f"\n{'group':<58}" + "".join(f"{c:>7}" for c in columns))
        for t in TALLIES:
            print(f"{t.name:<58}" + "".join(f"{getattr(t, c):>7}" for c in columns))
        print(f"{'total':<58}" + "".join(f"{total[c]:>7}" for c in columns))
        for t in TALLIES:
            for note in t.notes:
                if note.startswith("info"):
                    print(f"  [{t.name.split(' (')[0]}] {note}")
    assert total["other"] == total["hangs"] == total["lost"] == total["ran"] == 0
    assert os.environ.get("HANDBOOK_HOME")  # the fixture's own, never the person's
