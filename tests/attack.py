"""Every input path of the handbook attacked with hostile files, texts and faults, counted.

tests/test_attack.py runs each group and holds it to its targets; this module is not a test
itself. Each input is fed to the reader a person would use (load_catalog, load_routine,
load_plan, ProgressLog.import_csv, import_free_exercise_db, ...) or to the output a person
reads (tables, sentences, cards, handouts, pictures, calendars, CSV) under a time limit.
Counted: inputs tried, those handled with the handbook's own error (a ValueError subclass
that names the file), errors of another type (target 0), hangs (0), records lost (0) and
scripts that would run from data (0). Cases needing a user who may not read a file run in a
child process as ``nobody`` when this runs as root (root reads all).
"""

from __future__ import annotations

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
    own: int = 0  # handled with the handbook's own error, naming the file
    other: int = 0
    hangs: int = 0
    lost: int = 0
    ran: int = 0  # text from data that would run as script where it is shown
    notes: list[str] = field(default_factory=list)

    def problems(self) -> str:
        """The notes of what missed a target, one a line."""
        return "\n".join(n for n in self.notes if not n.startswith("info"))

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
            else:
                self.own += 1
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
        if result == "ok":
            self.own += 1
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
                "from tests.attack import _record_until_killed; "
                "_record_until_killed(sys.argv[2])",
                str(ROOT),
                str(path),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # killed while it writes, not while Python starts
        time.sleep(random.uniform(0.0, 0.3))
        child.kill()
        out, _ = child.communicate()
        lines = (first + out).decode().split("\n")
        acknowledged += [line for line in lines if len(line) == 32]
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
        "\t=1",  # (a CR is refused by the text rule: see attack_text_fields)
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
        os.write(1, b"saved\n")  # the parent kills it only once it is saving


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
                "from tests.attack import _save_until_killed; "
                "_save_until_killed(sys.argv[2])",
                str(ROOT),
                str(path),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert child.stdout is not None
        child.stdout.readline()  # one save done: the next is under way when it is killed
        time.sleep(random.uniform(0.0, 0.2))
        child.kill()
        child.communicate()
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


# --- Issue 24: text fields, outputs, saves, plans, poses, the importer, the log -------------

CONTROL_TEXTS = {
    "NUL": "a\x00b",
    "ESC": "a \x1b[31mb",
    "CR": "a\rb",
    "LF": "a\nb",
    "BEL": "a\x07b",
    "right-to-left override": "\u202ea b",
    "left-to-right embedding": "a \u202ab",
    "isolate": "a \u2067b\u2069",
    "zero-width only": "\u200b\u200c\u200d",
    "combining marks only": "\u0301\u0302\u0308",
    "BOM and soft hyphen only": "\ufeff\u00ad",
    "5,000 letters": "W" * 5000,
}
"""Texts every field that reaches a person must refuse (LF is fine where lines are allowed)."""

SCRIPTS = {
    "img onerror": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "svg onload": '"><svg onload=alert(1)>',
    "iframe": "<iframe srcdoc='<script>alert(1)</script>'>",
    "markdown link": "[x](javascript:alert(1))",
    "markdown html": "**<b onmouseover=alert(1)>x</b>**",
    "LaTeX": "$\\alert{1}$",
    "template": "{{7*7}} {% for x in y %}",
    "entity": "&lt;img src=x onerror=alert(1)&gt;",
}
"""Texts that must reach people as text: accepted, and escaped wherever they are shown."""

_TAGS = ("<img", "<script", "<svg onload", "<iframe", "<b onmouseover")


def attack_text_fields() -> Tally:
    """Each hostile text in each field of a stretch file, a routine file and a log CSV."""
    tally = Tally("text fields (one text rule)")
    fields: list[tuple[str, Callable[[str], dict[str, object]]]] = [
        ("name", lambda t: {"name": t}),
        ("summary", lambda t: {"summary": t}),
        ("steps", lambda t: {"steps": ["Face the wall.", t]}),
        ("cues", lambda t: {"cues": [t]}),
        ("mistakes", lambda t: {"mistakes": [t]}),
        ("cautions", lambda t: {"cautions": [t]}),
        ("side_names", lambda t: {"side_names": {"left": f"left {t}", "right": "right foot"}}),
        (
            "conditions.how",
            lambda t: {"conditions": {"knee-problems": {"advice": "modify", "how": t}}},
        ),
    ]
    multi_line = {"steps", "cues", "mistakes", "cautions", "summary"}
    for field_name, make in fields:
        for label, text in CONTROL_TEXTS.items():
            if field_name in multi_line and label == "LF":
                continue  # a plain line break is allowed in these
            if field_name == "side_names" and "only" in label:
                continue  # "left" and invisible characters: "left" is what shows
            folder = public_folder()
            path = folder / "attack-stretch.toml"
            path.write_text(tomli_w.dumps({**STRETCH, **make(text)}))
            result = tally.attempt(
                f"{field_name}: {label}",
                lambda f=folder: handbook.load_catalog(f),
                CatalogError,
                names=path,
            )
            if result is not None:
                tally.other += 1
                tally.notes.append(f"ACCEPTED {field_name}: {label}")
    catalog = handbook.load_catalog()
    for label, text in CONTROL_TEXTS.items():
        path = public_folder() / "attack.toml"
        path.write_text(
            tomli_w.dumps({"name": text, "items": [{"stretch": "neck-turn"}]}), encoding="utf-8"
        )
        if tally.attempt(
            f"routine name: {label}", lambda p=path: load_routine(p, catalog), RoutineError, path
        ):
            tally.other += 1
            tally.notes.append(f"ACCEPTED routine name: {label}")
    head = "id,when,routine,stretch,side,planned_s,done_s,completed\n"
    rid = "0123456789abcdef0123456789abcdef"
    for column in ("stretch", "routine"):
        for label, text in CONTROL_TEXTS.items():
            if label == "5,000 letters":
                continue  # a log's texts may be long
            folder = public_folder()
            path = folder / "log.csv"
            cells = {"stretch": "a", "routine": "r", column: text.replace('"', '""')}
            quoted = f'"{cells["routine"]}","{cells["stretch"]}"'
            row = f"{rid},2026-03-10T07:00:00+00:00,{quoted},,30,30,\n"
            path.write_text(head + row, encoding="utf-8", newline="")
            log = ProgressLog(folder / "progress.sqlite")
            if tally.attempt(
                f"CSV {column}: {label}",
                lambda p=path, log=log: log.import_csv(p),
                ProgressError,
                path,
            ):
                tally.other += 1
                tally.notes.append(f"ACCEPTED CSV {column}: {label}")
    return tally


def attack_outputs(catalog) -> Tally:
    """Texts that look like markup, through every output a person reads: shown as text."""
    import xml.etree.ElementTree as ET

    import mistune
    from icalendar import Calendar

    from handbook.output.cards import details_html
    from handbook.output.prose import bullets, say, text
    from handbook.output.tables import readable
    from handbook.pictures.draw import svg

    tally = Tally("outputs (tables, sentences, cards, handouts, pictures, files)")
    folder = public_folder()
    for label, evil in SCRIPTS.items():
        base = catalog["kneeling-hip-flexor"]
        stretch = dataclass_replace(
            base, name=f"Hip {evil}", summary=evil, steps=(evil,), cautions=(evil,), source=evil
        )
        cat = handbook.Catalog(
            [stretch, *[s for s in catalog if s.id != base.id]], catalog.vocabulary
        )
        routine = handbook.Routine.from_ids(cat, [base.id, "neck-turn"], name=f"R {evil}")
        log = ProgressLog(folder / f"{len(tally.notes)}-{tally.tried}.sqlite")
        log.record(evil, 30, 30, routine=evil)
        log.record(base.id, 30, 30, routine=evil)
        pages = {
            "readable(catalogue)": readable(cat.stretches).to_html(),
            "readable(log)": readable(log.recent(cat)).to_html(),
            "readable(routine)": readable(routine.table()).to_html(),
            "say": say("**{name}**", name=stretch.name).markdown,
            "text(summary)": text(log.summary()).markdown,
            "bullets": bullets([evil]).markdown,
            "card": details_html(stretch),
            "handout": routine.to_html(),
        }
        for where, page in pages.items():
            tally.tried += 1
            if where in ("say", "text(summary)", "bullets"):  # Markdown: as a notebook shows it
                markdown = page
                page = str(mistune.create_markdown(escape=False)(page))
                if "$" in markdown:
                    tally.ran += 1
                    tally.notes.append(f"RAN    {label} through {where}: LaTeX")
            if any(tag in page for tag in _TAGS) or 'href="javascript' in page:
                tally.ran += 1
                tally.notes.append(f"RAN    {label} through {where}")
        for side in ("first", "second"):
            tally.tried += 1
            picture = svg(stretch, side)
            try:
                tree = ET.fromstring(picture)
            except ET.ParseError as exc:
                tally.other += 1
                tally.notes.append(f"OTHER  {label}: the picture is not valid SVG ({exc})")
                continue
            if any(e.tag.split("}")[-1] in ("script", "foreignObject", "img") for e in tree.iter()):
                tally.ran += 1
                tally.notes.append(f"RAN    {label} through the picture")
        plan = handbook.plan_week(cat, minutes=15)
        tally.tried += 2
        Calendar.from_ical(plan.to_ics())
        csv_text = plan.to_csv(None)
        if any(line.startswith(("=", "+", "@")) for line in csv_text.splitlines()):
            tally.ran += 1
            tally.notes.append(f"RAN    {label} as a spreadsheet formula")
    return tally


def attack_saves_over(catalog) -> Tally:
    """Saves that would replace another's routine or plan, ids that leave their folder, and
    routines that reading would refuse."""
    from handbook.timing.routine import RoutineExistsError
    from handbook.week.planfile import PlanExistsError

    tally = Tally("saves over another's work (Routine.save, plan.save)")
    folder = public_folder()
    mine = handbook.Routine.from_ids(catalog, catalog.ids[:3], name="Morning Stretch")
    path = mine.save(folder / "morning-stretch.toml")
    intact = unchanged([path])
    for name in ("morning stretch!", "MORNING STRETCH", "Morning-Stretch", "morning stretch"):
        other = handbook.Routine.from_ids(catalog, catalog.ids[:1], name=name)
        tally.attempt(
            f"routine {name!r} over 'Morning Stretch'",
            lambda o=other: o.save(f"{folder}/"),
            RoutineExistsError,
            path,
        )
    notes = folder / "notes.toml"
    notes.write_text("my notes\n")
    tally.attempt(
        "a routine over a file of notes", lambda: mine.save(notes), RoutineExistsError, notes
    )
    if not intact() or notes.read_text() != "my notes\n":
        tally.lost += 1
        tally.notes.append("LOST   a save replaced another's file")
    for bad in ("../outside", "/etc/passwd", "a/../../b", "Morning Stretch", "x\x00y"):
        tally.attempt(
            f"routine id {bad!r}",
            lambda b=bad: handbook.Routine.from_ids(catalog, catalog.ids[:1], id=b),
            ValueError,
        )
    if list(folder.parent.glob("outside*")):
        tally.lost += 1
        tally.notes.append("LOST   a save left its folder")
    long_one = handbook.Routine.from_ids(catalog, ["neck-turn"] * 100, name="All day")
    long_one = long_one.with_items(
        dataclass_replace(i, hold_s=600.0, reps=50) for i in long_one.items
    )
    for label, routine in (
        ("a routine of 100 x 50 x 600 s", long_one),
        ("a name with ESC", mine.renamed("Morning \x1b stretch")),
        ("a name of zero-width spaces", dataclass_replace(mine, name="\u200b\u200b")),
        ("no items", mine.with_items(())),
        ("rest 1e300", dataclass_replace(mine, rest_s=1e300)),
    ):
        target = folder / "checked.toml"
        tally.attempt(label, lambda r=routine, t=target: r.save(t), RoutineError, target)
        if target.exists():
            tally.other += 1
            tally.notes.append(f"WROTE  {label}: reading would refuse it")
    plan = handbook.plan_week(catalog, minutes=10)
    plan_path = plan.save(folder / "week.toml")
    intact = unchanged([plan_path])
    for minutes in (5, 20, {"Mon": 30}):
        other_plan = handbook.plan_week(catalog, minutes=minutes)
        tally.attempt(
            f"plan {minutes} over another",
            lambda p=other_plan: p.save(plan_path),
            PlanExistsError,
            plan_path,
        )
    tally.attempt("plan over a routine", lambda: plan.save(path), PlanExistsError, path)
    if not intact() or not unchanged([path])():
        tally.lost += 1
        tally.notes.append("LOST   a plan save replaced another's file")
    return tally


def attack_plan_twice(catalog) -> Tally:
    """Plan files that give a day, its minutes or its place in planned twice."""
    tally = Tally("plan files giving a day twice (load_plan)")
    plan = handbook.plan_week(catalog, minutes={"Mon": 10, "Wed": 10})
    text = plan.save(public_folder() / "plan.toml").read_text()
    monday = text[text.index("[days.Mon]") : text.index("[days.Wed]")]
    cases = {
        f"[days.{spelling}] after [days.Mon]": text
        + "\n"
        + monday.replace("[days.Mon]", f"[days.{spelling}]")
        for spelling in ("monday", "MON", "mo", "Monday")
    }
    cases |= {
        f"minutes Mon and {spelling}": text.replace("Mon = 10", f"Mon = 10\n{spelling} = 5", 1)
        for spelling in ("monday", "MO")
    }
    cases["planned lists Mon twice"] = text.replace('    "Mon",\n', '    "Mon",\n    "mon",\n', 1)
    for label, body in cases.items():
        path = public_folder() / "plan.toml"
        path.write_text(body)
        if (
            tally.attempt(label, lambda p=path: handbook.load_plan(p, catalog), PlanError, path)
            is not None
        ):
            tally.lost += 1
            tally.notes.append(f"LOST   {label}: loaded, one of the two dropped")
    return tally


def attack_poses() -> Tally:
    """Poses and props placed off the picture."""
    from handbook.catalog.pose import neutral_poses

    tally = Tally("poses off the canvas (load_catalog)")
    standing = json.loads(json.dumps(neutral_poses()["standing"]))
    shifted = {
        k: [v[0] + 100, *v[1:]] if isinstance(v, list) and v and not isinstance(v[0], str) else v
        for k, v in standing.items()
    }
    cases = {
        "a prop at 1e300": {**standing, "props": [{"kind": "wall", "at": [1e300, 0.5]}]},
        "a prop 40 heights up": {**standing, "props": [{"kind": "chair", "at": [0.2, 40.0]}]},
        "a cushion 9 deep": {**standing, "props": [{"kind": "cushion", "at": [0.2, 0.0, -9.0]}]},
        "the figure 100 to the right": shifted,
        "a head at 1e300": {**standing, "head": [1e300, -1e300]},
    }
    for label, pose in cases.items():
        folder = public_folder()
        path = folder / "attack-stretch.toml"
        path.write_text(tomli_w.dumps({**STRETCH, "pose": pose}))
        if (
            tally.attempt(label, lambda f=folder: handbook.load_catalog(f), CatalogError, path)
            is not None
        ):
            tally.other += 1
            tally.notes.append(f"ACCEPTED {label}: a blank picture")
    return tally


def attack_importer_sizes() -> Tally:
    """Entries the loader would refuse once written: never written, reported."""
    tally = Tally("importer output the loader refuses")
    base = {
        "category": "stretching",
        "level": "beginner",
        "primaryMuscles": ["calves"],
        "secondaryMuscles": [],
        "equipment": None,
    }
    step = "Hold for 30 seconds. " + "Keep the heel down and breathe slowly " * 25
    entries = [
        {**base, "id": "Big", "name": "Big calf stretch", "instructions": [step] * 1500},
        {**base, "id": "Rlo", "name": "Calf \u202e stretch", "instructions": [step]},
        {**base, "id": "Esc", "name": "Calf stretch", "instructions": ["Hold \x1b 30 s."]},
        {**base, "id": "Good", "name": "Calf stretch", "instructions": ["Hold for 30 s."]},
    ]
    folder = public_folder()
    source = folder / "exercises.json"
    source.write_text(json.dumps(entries))
    report = import_free_exercise_db(source, folder / "out").set_index("id")
    for entry in ("Big", "Rlo", "Esc"):
        tally.tried += 1
        if report.loc[entry, "status"] == "error" and report.loc[entry, "reason"]:
            tally.own += 1
        else:
            tally.other += 1
            tally.notes.append(f"OTHER  {entry}: {report.loc[entry, 'status']}, no reason")
    tally.attempt("the folder loads", lambda: handbook.load_catalog(folder / "out"), CatalogError)
    return tally


def attack_progress_corners() -> Tally:
    """A full disk on export, one id on two rows, a far-off date, a link into another's home."""
    from handbook.progress.tables import when_text

    tally = Tally("progress log corners (to_csv, import_csv, tables)")
    folder = public_folder()
    log = ProgressLog(folder / "progress.sqlite")
    log.record("a", 30, 30)

    def full_export() -> None:
        reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)

        def child() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (10, resource.RLIM_INFINITY))
            try:
                log.to_csv(folder / "log.csv")
                writer.send("ok")
            except ProgressError as exc:
                writer.send(f"own: {exc}")
            except BaseException as exc:
                writer.send(f"other: {type(exc).__name__}: {exc}")

        process = multiprocessing.get_context("fork").Process(target=child)
        process.start()
        process.join(LIMIT_S)
        said = reader.recv() if reader.poll() else "hang"
        if not said.startswith("own"):
            raise RuntimeError(said)
        raise ProgressError(folder / "log.csv", said)

    tally.attempt("export onto a full disk", full_export, ProgressError, folder / "log.csv")
    head = "id,when,routine,stretch,side,planned_s,done_s,completed\n"
    rid = "0123456789abcdef0123456789abcdef"
    path = folder / "twice.csv"
    path.write_text(
        head
        + f"{rid},2026-03-10T07:00:00+00:00,,cat-cow,,30,30,true\n"
        + f"{rid},2026-03-11T07:00:00+00:00,,neck-turn,,30,30,true\n"
    )
    fresh = ProgressLog(folder / "fresh.sqlite")
    if (
        tally.attempt("one id on two rows", lambda: fresh.import_csv(path), ProgressError, path)
        is not None
    ):
        tally.lost += 1
        tally.notes.append("LOST   one id on two rows: one row dropped")
    tally.tried += 1
    from datetime import datetime

    if "2099" not in when_text(datetime(2099, 1, 1, 7, 0)):
        tally.other += 1
        tally.notes.append("OTHER  a date in 2099 shows no year")
    if os.geteuid() == 0:
        home = public_folder() / "alice"
        home.mkdir()
        target = home / "notes.sqlite"
        target.write_bytes(b"")
        os.chown(home, NOBODY, NOBODY)
        os.chown(target, NOBODY, NOBODY)
        link = public_folder() / "progress.sqlite"
        link.symlink_to(target)
        tally.attempt(
            "as root, a log linked into another's home",
            lambda: ProgressLog(link).record("a", 30, 30),
            ProgressError,
            link,
        )
        if target.read_bytes():
            tally.lost += 1
            tally.notes.append("LOST   root wrote through a link into another's home")
    return tally


def attack_hub_guessing() -> Tally:
    """The hub's throttle against one client trying as fast as the hub answered (396/s)."""
    sys.path.insert(0, str(ROOT))
    from hub.room import WORDS, Doorman

    tally = Tally("hub password guessing (hub.room.Doorman)")
    now = [0.0]
    door = Doorman(clock=lambda: now[0])
    compared = 0
    while now[0] < 24 * 3600:
        name = f"guess{compared % 40}"
        wait = door.wait("10.0.0.9", name)
        tally.tried += 1
        if wait:
            tally.own += 1  # refused before the password is compared
            now[0] += wait
            continue
        door.failed("10.0.0.9", name)
        compared += 1
        now[0] += 1 / 396
    per_hour = compared / 24
    years = len(WORDS.read_text().split()) ** 3 / 2 / per_hour / 24 / 365
    tally.notes.append(
        f"info   {per_hour:.1f} passwords an hour from one address: {years:.0f} years"
    )
    if years < 50:
        tally.other += 1
        tally.notes.append("OTHER  the shared password falls within 50 years")
    return tally
