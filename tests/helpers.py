"""What many test modules share: a valid stretch to vary, a fake clock, the built-in catalogue."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import cache
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import handbook

VALID = {
    "name": "Test calf stretch",
    "summary": "Stretches the calf against a wall.",
    "primary": ["calves"],
    "secondary": ["hamstrings"],
    "position": "standing",
    "equipment": ["wall"],
    "level": "beginner",
    "sides": "each",
    "hold": {"seconds": 30},
    "reps": 2,
    "steps": ["Face the wall.", "Step one foot back.", "Press the heel down."],
    "cues": ["A pull in the calf."],
    "mistakes": ["Lifting the heel."],
    "cautions": ["Skip it with a calf injury."],
    "tags": ["after-run"],
    "source": "Test data",
}


def write_stretch(folder: Path, sid: str, **fields) -> Path:
    """Write a valid stretch file, with some fields replaced (None removes a field)."""
    data = {k: v for k, v in (VALID | fields).items() if v is not None}
    path = folder / f"{sid}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tomli_w.dumps(data).encode())
    return path


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def run_in_fresh_loop(scenario):
    """Run a coroutine function in a thread of its own: Playwright's sync API may hold this
    thread's event loop when the browser tests ran first."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


@cache
def builtin_catalog() -> handbook.Catalog:
    """The built-in catalogue, loaded once per test session (the ``catalog`` fixture)."""
    return handbook.load_catalog()


# --- Hostile input: damaged bytes, a user who may not read, readers held to their errors ----

NOBODY = 65534


def as_nobody(call: Callable[[], object]) -> tuple[str, str]:
    """Run call as a user who is not root, in a child process when this one is root (root
    reads every file); return ("ok", repr of the result) or (error type, message)."""

    def judged() -> tuple[str, str]:
        try:
            return "ok", repr(call())
        except Exception as exc:
            return type(exc).__name__, str(exc)

    if os.geteuid() != 0:
        return judged()
    reader, writer = multiprocessing.Pipe(duplex=False)

    def child() -> None:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        writer.send(judged())

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(30)
    if process.is_alive():
        process.kill()
        process.join()
        return "hang", "no answer in 30 s"
    return reader.recv() if reader.poll() else ("crash", f"exit code {process.exitcode}")


@st.composite
def damaged(draw, valid: bytes) -> bytes:
    """A valid file's bytes damaged: cut, bytes flipped, chunks dropped or repeated, random
    bytes inserted; or bytes at random."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["cut", "flip", "drop", "repeat", "insert"]))
        if how == "cut":
            del data[at:]
        elif how == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif how == "drop":
            del data[at : at + draw(st.integers(1, 40))]
        elif how == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 400))] * draw(st.integers(1, 8))
        else:
            data[at:at] = draw(
                st.binary(min_size=1, max_size=20)
                | st.sampled_from(
                    [
                        b"[",
                        b"{",
                        b"\x00",
                        b"\xef\xbb\xbf",
                        b"=",
                        b'"',
                        b"\n[x]\n",
                        b"99999999999999999999",
                    ]
                )
            )
    return bytes(data)


READER_SETTINGS = settings(
    max_examples=60, deadline=timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow]
)
"""Hypothesis settings for the readers' property tests: each call answers within a second."""


def hold_to_its_error(
    read: Callable[[Path], object], path: Path, data: bytes, own: type[ValueError]
) -> None:
    """Write data to path and read it: it loads, or raises the reader's own ValueError
    naming the file; the file is never written to."""
    path.write_bytes(data)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    try:
        read(path)
    except own as exc:
        assert issubclass(own, ValueError) and str(path) in str(exc), exc
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
