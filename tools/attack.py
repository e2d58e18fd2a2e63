"""Attack every input path of the handbook with hostile files and faults, and count.

    .venv/bin/python tools/attack.py            # everything, about a minute on 2 cores
    .venv/bin/python tools/attack.py --browser  # and measure long words in Chromium

Each input is fed to the reader a person would use (load_catalog, load_routine, load_plan,
ProgressLog.import_csv, import_free_exercise_db, ...) under a time limit. Counted: inputs
tried, errors of another type than the reader's own (a ValueError subclass that names the
file: the target is 0), hangs (0) and records lost (0). Cases needing a user who may not
read a file run in a child process as ``nobody`` when this runs as root (root reads all).
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import handbook  # noqa: E402
from handbook import CatalogError, PlanError, ProgressError, ProgressLog  # noqa: E402
from handbook.catalog.free_exercise_db.importer import (  # noqa: E402
    SourceError,
    import_free_exercise_db,
)
from handbook.errors import ProgressBusyError  # noqa: E402
from handbook.files import atomic_write  # noqa: E402
from handbook.timing.routine import RoutineError  # noqa: E402
from handbook.timing.routinefile import load_routine  # noqa: E402

LIMIT_S = 5.0
"""Longer than this is a hang (every answer should come within a second)."""

DAMAGED = 25
"""Randomly damaged copies of a valid file tried per reader."""

KILLS = 60
"""Processes killed mid-write, for the log and for saves each (the issue's attack: 120)."""

STRETCH = {
    "name": "Attack calf stretch",
    "summary": "Stretches the calf.",
    "primary": ["calves"],
    "position": "standing",
    "equipment": ["wall"],
    "level": "beginner",
    "sides": "each",
    "hold": {"seconds": 30},
    "reps": 2,
    "steps": ["Face the wall."],
    "cautions": ["Skip it with a calf injury."],
}
NOBODY = 65534


class Hang(Exception):
    """Raised by the alarm when a call runs past LIMIT_S."""


@dataclass
class Tally:
    """What one group of attacks found."""

    name: str
    tried: int = 0
    other: int = 0
    hangs: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)

    def attempt(
        self,
        label: str,
        call: Callable[[], object],
        own: type | tuple,
        names: str | Path | None = None,
        limit: float = LIMIT_S,
    ) -> object:
        """Run call; its own error (naming ``names`` when given) or success is fine."""
        self.tried += 1
        started = time.monotonic()
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            return call()
        except Hang:
            self.hangs += 1
            self.notes.append(f"HANG   {label}")
        except own as exc:
            if names is not None and str(names) not in str(exc):
                self.other += 1
                self.notes.append(f"UNNAMED {label}: {str(exc)[:160]}")
        except BaseException as exc:
            self.other += 1
            self.notes.append(f"OTHER  {label}: {type(exc).__name__}: {str(exc)[:160]}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if time.monotonic() - started > 1.0:
                self.notes.append(f"SLOW   {label}: {time.monotonic() - started:.1f} s")
        return None

    def outcome(self, label: str, result: str) -> None:
        """Count a result computed elsewhere (a child process): "ok", "other: ...", "hang"."""
        self.tried += 1
        if result == "hang":
            self.hangs += 1
            self.notes.append(f"HANG   {label}")
        elif result != "ok":
            self.other += 1
            self.notes.append(f"OTHER  {label}: {result[:200]}")


def _alarm(_signum, _frame):
    raise Hang


def as_nobody(call: Callable[[], object], own: type | tuple, names: str | Path) -> str:
    """Run call as a user who may not read root's files; "ok", "hang" or "other: ...".

    Run as that user directly when this process is not root.
    """

    def judged() -> str:
        try:
            call()
        except own as exc:
            return "ok" if str(names) in str(exc) else f"unnamed: {exc}"
        except BaseException as exc:
            return f"other: {type(exc).__name__}: {exc}"
        return "ok"

    if os.geteuid() != 0:
        return judged()
    reader, writer = multiprocessing.Pipe(duplex=False)

    def child():
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        writer.send(judged())

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(LIMIT_S)
    if process.is_alive():
        process.kill()
        process.join()
        return "hang"
    return reader.recv() if reader.poll() else f"other: exit code {process.exitcode}"


FOLDERS: list[Path] = []
"""Every folder the attacks made, removed at the end."""


def public_folder() -> Path:
    """A new folder anyone may enter (as ``nobody`` must)."""
    folder = Path(tempfile.mkdtemp(prefix="hb-attack-"))
    folder.chmod(0o755)
    FOLDERS.append(folder)
    return folder


def remove_folders() -> None:
    """Remove what the attacks made, whatever they made unreadable."""
    import shutil

    for folder in FOLDERS:
        for path in (folder, *folder.rglob("*")):
            with contextlib.suppress(OSError):
                if not path.is_symlink():
                    path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def unchanged(paths: list[Path]) -> Callable[[], bool]:
    """A check that the given files still hold what they hold now."""
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths if p.is_file()}
    return lambda: all((p.read_bytes(), p.stat().st_mtime_ns) == v for p, v in before.items())


# --- Hostile texts -----------------------------------------------------------------------


def damaged_variants(valid: bytes, n: int, seed: int) -> list[tuple[str, bytes]]:
    """n copies of a valid file, each damaged at random: cut, bytes flipped, chunks dropped
    or repeated, hostile bytes inserted."""
    rng = random.Random(seed)
    found = []
    for k in range(n):
        data = bytearray(valid)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(data))
            how = rng.choice(["cut", "flip", "drop", "repeat", "insert"])
            if how == "cut":
                del data[at:]
            elif how == "flip" and at < len(data):
                data[at] = rng.randrange(256)
            elif how == "drop":
                del data[at : at + rng.randint(1, 40)]
            elif how == "repeat":
                data[at:at] = data[at : at + rng.randint(1, 400)] * rng.randint(1, 8)
            else:
                data[at:at] = rng.choice(
                    [
                        b"[",
                        b"{",
                        b"\x00",
                        b"\xef\xbb\xbf",
                        b"=",
                        b'"',
                        b"\n[x]\n",
                        b"99999999999999999999",
                        b"\xff",
                    ]
                )
        found.append((f"damaged at random #{k + 1}", bytes(data)))
    return found


def deep(n: int) -> str:
    return "[" * n + "]" * n


def stretch_texts() -> list[tuple[str, bytes]]:
    """Stretch files, each hostile in one way."""

    def with_(**fields) -> bytes:
        return tomli_w.dumps({**STRETCH, **fields}).encode()

    base = tomli_w.dumps(STRETCH)
    return [
        ("reps = 2**63-1", with_(reps=2**63 - 1)),
        ("reps = 1e6", with_(reps=1_000_000)),
        ("reps = 51", with_(reps=51)),
        ("reps = 0", with_(reps=0)),
        ("hold 1e-300 s", with_(hold={"seconds": 1e-300})),
        ("hold 0.5 s", with_(hold={"seconds": 0.5})),
        ("hold 1e300 s", with_(hold={"seconds": 1e300})),
        ("hold inf", with_(hold={"seconds": float("inf")})),
        ("hold nan", with_(hold={"seconds": float("nan")})),
        ("hold breaths 2**63-1", with_(hold={"breaths": 2**63 - 1})),
        ("int beyond 64 bits", (base + "x = 99999999999999999999999999\n").encode()),
        ("TOML nested 1,000 deep", (base + "pose = " + deep(1000) + "\n").encode()),
        ("TOML nested 300 deep", (base + "pose = " + deep(300) + "\n").encode()),
        ("dotted key 999 parts", (base + "[" + ".".join(["a"] * 999) + "]\n").encode()),
        (
            "inline tables 350 deep",
            (base + "pose = " + "{a=" * 350 + "1" + "}" * 350 + "\n").encode(),
        ),
        ("BOM", b"\xef\xbb\xbf" + base.encode()),
        ("control character in name", with_(name="Calf\x07 stretch")),
        ("line break in name", with_(name="Calf\nstretch")),
        ("muscle twice in primary", with_(primary=["calves", "calves"])),
        ("bad sides", with_(sides="one")),
        ("bad level", with_(level="pro")),
        ("pose with 1e300", with_(pose={"head": [1e300, -1e300]})),
        ("pose with 2**62", with_(pose={"head": [2**62, 2**62], "neck": [0, 0]})),
        ("3,000-letter word", with_(name="W" * 3000, steps=["x" * 3000])),
        ("not UTF-8", base.encode() + b"# caf\xe9\n"),
        ("random bytes", bytes(random.Random(1).randrange(256) for _ in range(4000))),
        ("NUL bytes", b"\x00" * 100),
        ("empty", b""),
        ("2 MB of comment", b"#" + b"x" * 2_000_000 + b"\n"),
        ("1e5 steps", with_(steps=["Step."] * 100_000)),
        *damaged_variants(base.encode(), DAMAGED, 11),
    ]


def routine_texts() -> list[tuple[str, bytes]]:
    def routine(**fields) -> bytes:
        doc = {"name": "Attack", "items": [{"stretch": "neck-turn"}]}
        doc.update(fields)
        return tomli_w.dumps(doc).encode()

    item = {"stretch": "neck-turn"}
    return [
        ("reps 2**63-1", routine(items=[{**item, "reps": 2**63 - 1}])),
        ("hold 1e-300", routine(items=[{**item, "hold": {"seconds": 1e-300}}])),
        ("rest 1e300", routine(rest=1e300)),
        ("rest -1", routine(rest=-1)),
        ("rest nan", routine(rest=float("nan"))),
        ("101 items", routine(items=[item] * 101)),
        (
            "100 items of 50 reps of 600 s",
            routine(items=[{**item, "reps": 50, "hold": {"seconds": 600}}] * 100),
        ),
        ("name with a line break", routine(name="A\nB")),
        ("TOML nested 1,000 deep", b'name = "x"\nitems = ' + deep(1000).encode()),
        ("BOM", b"\xef\xbb\xbf" + routine()),
        ("random bytes", bytes(random.Random(2).randrange(256) for _ in range(4000))),
        ("items not a list", routine(items="neck-turn")),
        *damaged_variants(
            routine(
                items=[
                    {**item, "reps": 2, "hold": {"seconds": 20}},
                    {"stretch": "standing-quad", "hold": {"breaths": 3}},
                ]
            ),
            DAMAGED,
            12,
        ),
    ]


# --- Groups --------------------------------------------------------------------------------


def attack_stretch_files(catalog) -> Tally:
    tally = Tally("stretch files (load_catalog)")
    for label, data in stretch_texts():
        folder = public_folder()
        path = folder / "attack-stretch.toml"
        path.write_bytes(data)
        intact = unchanged([path])
        tally.attempt(label, lambda f=folder: load_catalog_and_use(f), CatalogError, names=path)
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}: the file changed")
    # The longest a stretch may be: everything built from it still answers at once.
    folder = public_folder()
    (folder / "longest.toml").write_text(
        tomli_w.dumps({**STRETCH, "reps": 50, "hold": {"seconds": 600}})
    )
    tally.attempt(
        "the longest allowed stretch, shown and timed",
        lambda: load_catalog_and_use(folder, views=True),
        CatalogError,
        limit=LIMIT_S,
    )
    # Bad ids: the suggested name must be free.
    folder = public_folder()
    (folder / "Bad_Id.toml").write_text(tomli_w.dumps(STRETCH))
    (folder / "bad-id.toml").write_text(tomli_w.dumps(STRETCH))
    try:
        handbook.load_catalog(folder)
    except CatalogError as exc:
        if "rename it to 'bad-id.toml'" in str(exc):
            tally.other += 1
            tally.notes.append("OTHER  bad id: suggests a name that is taken")
    tally.tried += 1
    return tally


def load_catalog_and_use(folder: Path, views: bool = False) -> None:
    """Load a folder and use every stretch as a person would."""
    cat = handbook.load_catalog(folder)
    for stretch in cat:
        routine = handbook.Routine.from_ids(cat, [stretch.id])
        _ = routine.duration, routine.timeline(), routine.to_html()
        if views:
            from handbook.widgets import Explorer, StretchCard

            card = StretchCard(stretch)
            card.close()
            Explorer(cat).close()


def attack_odd_entries() -> Tally:
    """Entries of a catalogue folder that are not regular files."""
    tally = Tally("catalogue entries that are not files")
    cases: list[tuple[str, Callable[[Path], Path]]] = [
        ("a FIFO named x.toml", lambda f: _made(f / "x.toml", os.mkfifo)),
        ("a link to /dev/zero", lambda f: _link(f / "x.toml", "/dev/zero")),
        ("a link to /dev/urandom", lambda f: _link(f / "x.toml", "/dev/urandom")),
        ("a folder named x.toml", lambda f: _made(f / "x.toml", os.mkdir)),
        ("a dangling link", lambda f: _link(f / "x.toml", str(f / "gone.toml"))),
        ("a link loop", lambda f: _link(f / "x.toml", str(f / "x.toml"))),
    ]
    for label, make in cases:
        folder = public_folder()
        (folder / "good.toml").write_text(tomli_w.dumps(STRETCH))
        path = make(folder)
        tally.attempt(label, lambda f=folder: handbook.load_catalog(f), CatalogError, names=path)
    for label, target in (("an unreadable file", "file"), ("an unreadable folder", "folder")):
        folder = public_folder()
        (folder / "good.toml").write_text(tomli_w.dumps(STRETCH))
        if target == "file":
            path = folder / "x.toml"
            path.write_text(tomli_w.dumps(STRETCH))
        else:
            path = folder / "more"
            path.mkdir()
            (path / "x.toml").write_text(tomli_w.dumps(STRETCH))
        path.chmod(0)
        tally.outcome(
            label, as_nobody(lambda f=folder: handbook.load_catalog(f), CatalogError, path)
        )
    folder = public_folder()
    (folder / "x.toml").write_text(tomli_w.dumps(STRETCH))
    folder.chmod(0o700)
    tally.outcome(
        "an unreadable catalogue folder",
        as_nobody(lambda: handbook.load_catalog(folder), CatalogError, folder),
    )
    return tally


def _made(path: Path, make) -> Path:
    make(path)
    return path


def _link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def attack_routine_files(catalog) -> Tally:
    tally = Tally("routine files (load_routine)")
    for label, data in routine_texts():
        path = public_folder() / "attack.toml"
        path.write_bytes(data)
        intact = unchanged([path])
        tally.attempt(
            label, lambda p=path: _use_routine(load_routine(p, catalog)), RoutineError, names=path
        )
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}")
    for label, make in (
        ("a FIFO", lambda p: os.mkfifo(p)),
        ("a link to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
        ("a folder", lambda p: p.mkdir()),
    ):
        path = public_folder() / "attack.toml"
        make(path)
        tally.attempt(label, lambda p=path: load_routine(p, catalog), RoutineError, names=path)
    return tally


def _use_routine(routine) -> None:
    _ = routine.duration, routine.timeline(), routine.to_html()


def attack_plan_files(catalog) -> Tally:
    tally = Tally("plan files (load_plan)")
    plan = handbook.plan_week(catalog, minutes={"Mon": 10, "Wed": 10, "Sat": 10})
    folder = public_folder()
    good = plan.save(folder / "plan.toml")
    text = good.read_text()
    cuts = [
        ("cut before " + line, text[: text.index(line)])
        for line in text.splitlines()
        if line.startswith("[")
    ]
    doc = tomli_w.dumps
    import tomli

    data = tomli.loads(text)
    hostile = []
    day = next(iter(data["days"]))
    for label, change in (
        ("a day's reps 2**63-1", lambda d: d["days"][day]["items"][0].update(reps=2**63 - 1)),
        (
            "a day's hold 1e-300",
            lambda d: d["days"][day]["items"][0].update(hold={"seconds": 1e-300}),
        ),
        ("a day's rest 1e300", lambda d: d["days"][day].update(rest=1e300)),
        (
            "a day of 100 items of 50 reps",
            lambda d: d["days"][day].update(
                items=[{"stretch": "neck-turn", "reps": 50, "hold": {"seconds": 600}}] * 100
            ),
        ),
        ("minutes 1e300", lambda d: d["settings"]["minutes"].update(Mon=1e300)),
        ("planned lists a day without a table", lambda d: d["planned"].append("Sun")),
        ("a name with a line break", lambda d: d["days"][day].update(name="a\nb")),
    ):
        copy = json.loads(json.dumps(data))
        change(copy)
        hostile.append((label, doc(copy)))
    inputs = [(label, body.encode()) for label, body in cuts + hostile]
    inputs += [
        ("TOML nested 1,000 deep", text.encode() + b"\nx = " + deep(1000).encode()),
        ("BOM", b"\xef\xbb\xbf" + text.encode()),
        ("random bytes", bytes(random.Random(3).randrange(256) for _ in range(3000))),
        *damaged_variants(text.encode(), DAMAGED, 13),
    ]
    for label, body in inputs:
        path = public_folder() / "plan.toml"
        path.write_bytes(body)
        intact = unchanged([path])
        result = tally.attempt(
            label, lambda p=path: _use_plan(handbook.load_plan(p, catalog)), PlanError, names=path
        )
        if label.startswith("cut before [days.") and result is not None:
            tally.lost += 1
            tally.notes.append(f"LOST   {label}: loaded without that day")
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}")
    for label, make in (
        ("a FIFO", lambda p: os.mkfifo(p)),
        ("a link to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
    ):
        path = public_folder() / "plan.toml"
        make(path)
        tally.attempt(label, lambda p=path: handbook.load_plan(p, catalog), PlanError, names=path)
    return tally


def _use_plan(plan) -> str:
    _ = plan.summary(), plan.check(), plan.to_ics()
    return "loaded"


def attack_progress_csv() -> Tally:
    tally = Tally("progress CSV (ProgressLog.import_csv)")
    head = "id,when,routine,stretch,side,planned_s,done_s,completed\n"
    rid = "0123456789abcdef0123456789abcdef"
    rows = [
        ("1e300 seconds", f"{rid},2026-03-10T07:00:00+00:00,,a,,1e300,1e300,true\n"),
        ("year 1 at UTC+14", f"{rid},0001-01-01T00:00:00+14:00,,a,,30,30,true\n"),
        ("year 9999 at UTC-14", f"{rid},9999-12-31T23:59:59-14:00,,a,,30,30,true\n"),
        ("nan seconds", f"{rid},2026-03-10T07:00:00+00:00,,a,,nan,nan,true\n"),
        ("a NUL", f"{rid},2026-03-10T07:00:00+00:00,,a\x00b,,30,30,true\n"),
        ("a 1 MB field", f"{rid},2026-03-10T07:00:00+00:00,,{'x' * 1_000_000},,30,30,true\n"),
        ("an open quote", f'{rid},2026-03-10T07:00:00+00:00,,"a,,30,30,true\n'),
        ("a bad id", "zz,2026-03-10T07:00:00+00:00,,a,,30,30,true\n"),
    ]
    inputs = [(label, (head + row).encode()) for label, row in rows]
    inputs += [
        ("BOM", b"\xef\xbb\xbf" + head.encode()),
        ("not UTF-8", head.encode() + b"\xff\xfe\n"),
        ("random bytes", bytes(random.Random(4).randrange(256) for _ in range(3000))),
        ("empty", b""),
        *damaged_variants(
            (
                head
                + f"{rid},2026-03-10T07:00:00+00:00,r,a,left,30,30,true\n"
                + f"{'1' * 32},2026-03-11T07:00:00+00:00,,b,,20,12.5,\n"
            ).encode(),
            DAMAGED,
            14,
        ),
    ]
    for label, body in inputs:
        folder = public_folder()
        path = folder / "log.csv"
        path.write_bytes(body)
        intact = unchanged([path])
        log = ProgressLog(folder / "progress.sqlite")
        tally.attempt(label, lambda p=path, log=log: log.import_csv(p), ProgressError, names=path)
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}")
    for label, make in (
        ("a FIFO", lambda p: os.mkfifo(p)),
        ("a link to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
        ("a folder", lambda p: p.mkdir()),
    ):
        folder = public_folder()
        path = folder / "log.csv"
        make(path)
        log = ProgressLog(folder / "progress.sqlite")
        tally.attempt(label, lambda p=path, log=log: log.import_csv(p), ProgressError, names=path)
    return tally


def attack_importer() -> Tally:
    tally = Tally("importer JSON (import_free_exercise_db)")
    entry = {
        "id": "A",
        "name": "A",
        "category": "stretching",
        "level": "beginner",
        "primaryMuscles": ["calves"],
        "secondaryMuscles": [],
        "equipment": None,
        "instructions": ["Hold for 30 seconds."],
    }
    inputs = [
        ("JSON nested 100,000 deep", ("[" * 100_000 + "]" * 100_000).encode()),
        ("JSON nested 900 deep", ("[" * 900 + "]" * 900).encode()),
        ("an int of 5,000 digits", b"[" + b"9" * 5000 + b"]"),
        ("an int beyond 64 bits", json.dumps([{**entry, "level": 10**30}]).encode()),
        ("instructions of ints", json.dumps([{**entry, "instructions": [1, 2]}]).encode()),
        ("instructions nested", json.dumps([{**entry, "instructions": [[["x"]]]}]).encode()),
        ("a name of 3,000 letters", json.dumps([{**entry, "name": "N" * 3000}]).encode()),
        ("a name with NUL", json.dumps([{**entry, "name": "a\x00b"}]).encode()),
        ("lone surrogate", b'[{"id": "A", "name": "\\ud800"}]'),
        ("BOM", b"\xef\xbb\xbf" + json.dumps([entry]).encode()),
        ("random bytes", bytes(random.Random(5).randrange(256) for _ in range(3000))),
        *damaged_variants(
            (ROOT / "tests" / "data" / "free-exercise-db-sample.json").read_bytes(), DAMAGED, 15
        ),
    ]
    for label, body in inputs:
        folder = public_folder()
        path = folder / "exercises.json"
        path.write_bytes(body)
        intact = unchanged([path])
        tally.attempt(
            label,
            lambda p=path, f=folder: import_free_exercise_db(p, f / "out"),
            (SourceError, CatalogError),
            names=path,
        )
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}")
    for label, make in (
        ("a FIFO", lambda p: os.mkfifo(p)),
        ("a link to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
    ):
        folder = public_folder()
        path = folder / "exercises.json"
        make(path)
        tally.attempt(
            label,
            lambda p=path, f=folder: import_free_exercise_db(p, f / "out"),
            SourceError,
            names=path,
        )
    folder = public_folder()
    source = folder / "exercises.json"
    source.write_text(json.dumps([entry]))
    (folder / "a-file").write_text("x")
    for label, out in (
        ("out folder is a file", folder / "a-file"),
        ("out folder inside a file", folder / "a-file" / "sub"),
    ):
        tally.attempt(
            label, lambda o=out: import_free_exercise_db(source, o), CatalogError, names=out
        )
    deep_json = folder / "deep.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000)
    tally.tried += 1
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "handbook.catalog.free_exercise_db",
            str(deep_json),
            str(folder / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    if run.returncode != 2 or "Traceback" in run.stderr:
        tally.other += 1
        tally.notes.append(
            f"OTHER  command line, deep JSON: exit {run.returncode}, {run.stderr[-200:]}"
        )
    return tally


# --- The progress log ----------------------------------------------------------------------


def _hold_lock(path: str, ready, release) -> None:
    """A process that holds the log's write lock until told to let go."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO records (id, at, stretch, planned_s, done_s, completed) "
        "VALUES ('f' || hex(randomblob(15)) || 'f', '2026-01-01', 'lock', 1, 1, 1)"
    )
    ready.set()
    release.wait(60)
    conn.execute("ROLLBACK")
    conn.close()


def _record_until_killed(path: str) -> None:
    """A process that records as fast as it can, saying each id once it is acknowledged."""
    log = ProgressLog(path)
    n = 0
    while True:
        rid = log.record(f"kill-{n}", 30, 30)
        os.write(1, f"{rid}\n".encode())
        n += 1


def _write_with_retries(path: str, worker: int, count: int, out) -> None:
    """A writer that never waits long: a short timeout, and its rows kept and tried again."""
    log = ProgressLog(path, timeout=0.05)
    done, busy = [], 0
    for n in range(count):
        row = {
            "stretch": f"w{worker}-{n}",
            "planned_s": 30,
            "done_s": 30,
            "id": f"{worker:08x}{n:024x}",
        }
        while True:
            try:
                log.record_many([row])
                break
            except ProgressBusyError:
                busy += 1
                time.sleep(0.005)
        done.append(row["id"])
    out.send((done, busy))


def _fill_disk(path: str, out) -> None:
    """A process whose files may grow only so far (a full disk), recording until refused."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
    log = ProgressLog(path)
    log.record("first", 30, 30)  # the file exists and has room to grow a little
    size = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 64 * 1024, resource.RLIM_INFINITY))
    acknowledged, error = [], "none"
    for n in range(100_000):
        try:
            acknowledged.append(log.record(f"full-{n}", 30, 30, routine="x" * 500))
        except ProgressError as exc:
            error = f"ProgressError: {exc}"
            break
        except BaseException as exc:
            error = f"other: {type(exc).__name__}: {exc}"
            break
    out.send((acknowledged, error))


def attack_progress_log() -> Tally:
    tally = Tally("progress log faults (ProgressLog)")
    context = multiprocessing.get_context("fork")

    # A log held by another process: a short wait, ProgressBusyError, nothing lost.
    folder = public_folder()
    path = folder / "progress.sqlite"
    log = ProgressLog(path)
    log.record("before", 30, 30)
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(path), ready, release))
    holder.start()
    ready.wait(10)
    pending = [
        {"stretch": f"held-{n}", "planned_s": 30, "done_s": 30, "id": f"{n:032x}"} for n in range(4)
    ]
    waits = []
    for row in pending:
        started = time.monotonic()
        tally.attempt(
            "record while another process holds the log",
            lambda row=row: log.record_many([row], timeout=0.05),
            ProgressBusyError,
            names=path,
        )
        waits.append(time.monotonic() - started)
    release.set()
    holder.join(10)
    log.record_many(pending)  # the caller kept them; now they go in
    log.record_many(pending)  # and a second retry adds nothing
    have = set(log.sessions()["stretch"])
    tally.lost += sum(f"held-{n}" not in have for n in range(4))
    if len(log.sessions()) != 5:
        tally.other += 1
        tally.notes.append(f"OTHER  locked log: {len(log.sessions())} rows, expected 5")
    tally.notes.append(
        f"info   a busy log answered in at most {max(waits) * 1000:.0f} ms (timeout 50 ms)"
    )

    # Files that are not a log, or a log that cannot be used.
    def damaged(p: Path) -> None:
        ProgressLog(p).record_many(
            [{"stretch": f"s{n}", "planned_s": 30, "done_s": 30} for n in range(300)]
        )
        import sqlite3

        conn = sqlite3.connect(p)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        raw = bytearray(p.read_bytes())
        for page in range(4096, len(raw), 4096):  # scribble over the head of every page
            raw[page : page + 12] = b"\xff" * 12
        p.write_bytes(bytes(raw))

    def ours_without_table(p: Path) -> None:
        import sqlite3

        conn = sqlite3.connect(p, isolation_level=None)
        conn.execute("PRAGMA application_id = 1400129634")
        conn.execute("PRAGMA user_version = 2")
        conn.execute("CREATE TABLE other (x)")
        conn.close()

    for label, make in (
        ("damaged pages", damaged),
        ("the handbook's id but no table", ours_without_table),
        ("a link to /dev/null", lambda p: p.symlink_to("/dev/null")),
        ("a FIFO", lambda p: os.mkfifo(p)),
        ("a folder", lambda p: p.mkdir()),
    ):
        folder = public_folder()
        path = folder / "progress.sqlite"
        make(path)
        intact = unchanged([path])
        for what, call in (
            ("read", lambda p=path: ProgressLog(p).sessions()),
            ("write", lambda p=path: ProgressLog(p).record("a", 30, 30)),
        ):
            tally.attempt(f"{label}: {what}", call, ProgressError, names=path)
        if not intact():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}")
    folder = public_folder()
    (folder / "a-file").write_text("x")
    old = os.environ.get("HANDBOOK_HOME")
    os.environ["HANDBOOK_HOME"] = str(folder / "a-file")
    try:
        for what, call in (
            ("read", lambda: ProgressLog().sessions()),
            ("write", lambda: ProgressLog().record("a", 30, 30)),
        ):
            tally.attempt(
                f"HANDBOOK_HOME is a file: {what}", call, ProgressError, names=folder / "a-file"
            )
    finally:
        if old is None:
            os.environ.pop("HANDBOOK_HOME")
        else:
            os.environ["HANDBOOK_HOME"] = old

    # A read-only folder: reads work, a write is a clear ProgressError.
    folder = public_folder()
    path = folder / "progress.sqlite"
    ProgressLog(path).record("kept", 30, 30)
    for p in folder.iterdir():
        p.chmod(0o644)
    folder.chmod(0o555)

    def read_then_write():
        assert ProgressLog(path).sessions()["stretch"].tolist() == ["kept"]
        ProgressLog(path).record("more", 30, 30)

    tally.outcome(
        "a read-only folder: read, then write", as_nobody(read_then_write, ProgressError, path)
    )
    folder.chmod(0o755)

    # Several writers at once, each with a short wait and retries: nothing lost, no duplicate.
    busy_total = 0
    for run in range(8):
        path = public_folder() / "progress.sqlite"
        pipes = [context.Pipe(duplex=False) for _ in range(3)]
        writers = [
            context.Process(target=_write_with_retries, args=(str(path), w, 100, out))
            for w, (_, out) in enumerate(pipes)
        ]
        for w in writers:
            w.start()
        acknowledged = []
        for (reader, _), w in zip(pipes, writers, strict=True):
            w.join(60)
            done, busy = reader.recv() if reader.poll(5) else ([], 0)
            acknowledged += done
            busy_total += busy
        tally.tried += 1
        ids = ProgressLog(path).sessions()["id"]
        tally.lost += sum(rid not in set(ids) for rid in acknowledged) + (300 - len(acknowledged))
        if not ids.is_unique:
            tally.other += 1
            tally.notes.append(f"OTHER  concurrency run {run}: duplicate records")
    tally.notes.append(
        f"info   8 runs of 3 writers x 100 records: {busy_total} busy answers, "
        f"each kept and retried"
    )

    # Killed mid-write: every acknowledged record is there.
    folder = public_folder()
    path = folder / "progress.sqlite"
    acknowledged = []
    for _ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, sys.argv[1]); "
                "from tools.attack import _record_until_killed; "
                "_record_until_killed(sys.argv[2])",
                str(ROOT),
                str(path),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        time.sleep(random.uniform(0.7, 1.2))
        child.kill()
        out, _ = child.communicate()
        acknowledged += [line for line in out.decode().split("\n") if len(line) == 32]
        tally.tried += 1
    have = set(ProgressLog(path).sessions()["id"])
    tally.lost += sum(rid not in have for rid in acknowledged)
    tally.notes.append(f"info   {KILLS} kills mid-write: {len(acknowledged)} records acknowledged")

    # A full disk: a clear ProgressError, and everything acknowledged before it kept.
    folder = public_folder()
    path = folder / "progress.sqlite"
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_fill_disk, args=(str(path), writer))
    child.start()
    child.join(60)
    tally.tried += 1
    acknowledged, error = reader.recv() if reader.poll() else ([], "no answer")
    if not error.startswith("ProgressError"):
        tally.other += 1
        tally.notes.append(f"OTHER  full disk: {error[:200]}")
    have = set(ProgressLog(path).sessions()["id"])
    tally.lost += sum(rid not in have for rid in acknowledged)
    tally.notes.append(f"info   full disk after {len(acknowledged)} records: {error[:90]}")
    return tally


# --- Exports, saves, exit, layout ----------------------------------------------------------


def attack_csv_export(catalog) -> Tally:
    tally = Tally("CSV export (plan.to_csv, ProgressLog.to_csv)")
    evil = [
        '=HYPERLINK("http://x","click")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "'=already",
        "''+x",
    ]
    folder = public_folder()
    log = ProgressLog(folder / "progress.sqlite")
    for text in evil:
        log.record(text, 30, 30, routine=text)
    out = log.to_csv(folder / "log.csv")
    import csv

    cells = [c for row in csv.reader(out.open(newline="", encoding="utf-8")) for c in row]
    tally.tried += len(evil)
    for cell in cells:
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
            tally.other += 1
            tally.notes.append(f"OTHER  log CSV cell starts a formula: {cell!r}")
    back = ProgressLog(folder / "again.sqlite")
    back.import_csv(out)
    tally.tried += 1
    if sorted(back.sessions()["stretch"]) != sorted(evil):
        tally.lost += 1
        tally.notes.append("LOST   the CSV did not read back as written")
    stretch = dataclass_replace(catalog["neck-turn"], name=evil[0])
    cat = handbook.Catalog(
        [stretch, *[s for s in catalog if s.id != "neck-turn"]], catalog.vocabulary
    )
    plan = handbook.plan_week(cat, minutes=30)
    text = plan.to_csv(folder / "plan.csv").read_text()
    tally.tried += 1
    for cell in (c for row in csv.reader(text.splitlines()) for c in row):
        if cell.startswith(("=", "+", "@", "\t", "\r")) or (
            cell.startswith("-") and not _number(cell)
        ):
            tally.other += 1
            tally.notes.append(f"OTHER  plan CSV cell starts a formula: {cell!r}")
    return tally


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def dataclass_replace(obj, **changes):
    import dataclasses

    return dataclasses.replace(obj, **changes)


def _save_until_killed(path: str) -> None:
    """A process that saves a big file over and over."""
    data = os.urandom(4_000_000)
    while True:
        atomic_write(path, data)


def attack_saves() -> Tally:
    tally = Tally("atomic saves (handbook.files.atomic_write)")
    folder = public_folder()
    target = folder / "real.toml"
    target.write_text("old")
    link = folder / "link.toml"
    link.symlink_to(target)
    atomic_write(link, "new")
    tally.tried += 1
    if not link.is_symlink() or target.read_text() != "new":
        tally.other += 1
        tally.notes.append("OTHER  saving onto a link replaced the link")
    locked = public_folder()
    locked.chmod(0o555)
    asked = locked / "plan.toml"

    def save():
        try:
            atomic_write(asked, "x")
        except OSError as exc:
            if str(asked) not in str(exc) or ".tmp" in str(exc):
                raise RuntimeError(f"the error does not name the file: {exc}") from None
            raise ValueError(str(exc)) from None

    tally.outcome("an error names the file asked for", as_nobody(save, ValueError, asked))
    locked.chmod(0o755)
    folder = public_folder()
    path = folder / "big.bin"
    for _ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, sys.argv[1]); "
                "from tools.attack import _save_until_killed; "
                "_save_until_killed(sys.argv[2])",
                str(ROOT),
                str(path),
            ],
            cwd=ROOT,
        )
        time.sleep(random.uniform(0.4, 0.9))
        child.kill()
        child.wait()
        tally.tried += 1
        if path.exists() and path.stat().st_size not in (0, 4_000_000):
            tally.lost += 1
            tally.notes.append("LOST   a torn file after a kill")
    left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    atomic_write(path, b"after")
    cleared = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    tally.tried += 1
    if cleared:
        tally.other += 1
        tally.notes.append(f"OTHER  {len(cleared)} stale temporary files left after a save")
    tally.notes.append(
        f"info   {KILLS} kills mid-save left {len(left)} temporary files; the "
        f"next save left {len(cleared)}"
    )
    return tally


def attack_exit_noise() -> Tally:
    tally = Tally("views never closed, at exit")
    script = (
        "import handbook\nfrom handbook.widgets import *\ncat = handbook.load_catalog()\n"
        "views = [StretchCard(cat[cat.ids[0]]), StretchTimer(cat[cat.ids[1]]), "
        "Explorer(cat), RoutineBuilder(cat), WeekPlanner(cat), ClassMode(cat), "
        "RoutinePlayer(handbook.Routine.from_ids(cat, cat.ids[:2]))]\n"
    )
    with tempfile.TemporaryDirectory() as home:
        run = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env={**os.environ, "HANDBOOK_HOME": home},
        )
    tally.tried += 1
    if run.returncode or run.stderr.strip():
        tally.other += 1
        tally.notes.append(f"OTHER  noise at exit: {run.stderr.strip()[-200:]}")
    return tally


def attack_layout(catalog) -> Tally:
    """One unbroken 3,000-letter word in a handout and a card, measured in Chromium."""
    from playwright.sync_api import sync_playwright

    from handbook.output.cards import details_html
    from handbook.widgets.style import CSS

    tally = Tally("long words (Chromium, 1000 px wide)")
    word = "W" * 3000
    stretch = dataclass_replace(
        catalog["neck-turn"], name=word, summary=word, steps=(word,), cautions=(word,), source=word
    )
    cat = handbook.Catalog([stretch], catalog.vocabulary)
    routine = handbook.Routine.from_ids(cat, ["neck-turn"], name=word)
    pages = {
        "handout": routine.to_html(),
        "card": f"<style>{CSS}</style><div class='hb-card'>{details_html(stretch)}</div>",
        "card text alone": details_html(stretch),
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        for label, html in pages.items():
            page.set_content(html)
            width = page.evaluate("document.documentElement.scrollWidth")
            tally.tried += 1
            tally.notes.append(f"info   {label}: {width} px wide")
            if width > 1000:
                tally.other += 1
                tally.notes.append(f"OTHER  {label} is {width} px wide")
        browser.close()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--browser", action="store_true", help="also measure long words")
    args = parser.parse_args(argv)
    random.seed(15)
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["HANDBOOK_HOME"] = home
            catalog = handbook.load_catalog()
            groups = [
                attack_stretch_files(catalog),
                attack_odd_entries(),
                attack_routine_files(catalog),
                attack_plan_files(catalog),
                attack_progress_csv(),
                attack_importer(),
                attack_progress_log(),
                attack_csv_export(catalog),
                attack_saves(),
                attack_exit_noise(),
            ]
            if args.browser:
                groups.append(attack_layout(catalog))
    finally:
        remove_folders()
    print(f"{'group':<46} {'tried':>6} {'other':>6} {'hangs':>6} {'lost':>6}")
    for g in groups:
        print(f"{g.name:<46} {g.tried:>6} {g.other:>6} {g.hangs:>6} {g.lost:>6}")
    total = [sum(getattr(g, k) for g in groups) for k in ("tried", "other", "hangs", "lost")]
    print(f"{'total':<46} {total[0]:>6} {total[1]:>6} {total[2]:>6} {total[3]:>6}")
    print("targets: other 0, hangs 0, lost 0")
    for g in groups:
        for note in g.notes:
            print(f"  [{g.name.split(' (')[0]}] {note}")
    return 0 if total[1:] == [0, 0, 0] else 1


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
