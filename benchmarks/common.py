"""Timing helpers and the table every figure is printed in."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure beside its target and a baseline measured in the same run."""

    name: str
    value: float
    unit: str
    target: str
    met: bool
    baseline: float | None = None  # same unit as value; the ratio is value / baseline
    baseline_name: str = ""

    def row(self) -> list[str]:
        """The figure as table cells."""
        ratio = f"{self.value / self.baseline:.2f}x {self.baseline_name}" if self.baseline else ""
        return [
            self.name,
            f"{self.value:.{_digits(self.value)}f} {self.unit}",
            self.target,
            ratio,
            "yes" if self.met else "NO",
        ]


def _digits(value: float) -> int:
    return 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2 if abs(value) >= 1 else 3


def median_time(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median seconds of fn() over repeat runs, after warmup runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu_time(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median CPU seconds of fn() in this process over repeat runs, after warmup runs: for
    pure computing (planning, searching) on a machine shared with other work, where the
    wall clock also counts the time others hold the cores."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def process_time(code: str, repeat: int = 7) -> float:
    """Median wall seconds of a fresh Python process running code (start-up included)."""
    return median_time(
        lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat=repeat
    )


def process_cpu_times(codes: list[str], repeat: int = 7) -> list[float]:
    """Median CPU seconds (user and system) of a fresh Python process running each code.

    For start-up figures on a shared machine: the wall clock also counts the time other
    processes hold the cores, the CPU time only what this one spends. The codes' runs
    alternate, so that each sees the machine as the others do.
    """
    for code in codes:
        subprocess.run([sys.executable, "-c", code], check=True)  # warm the file cache
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(repeat):
        for code, spent in zip(codes, times, strict=True):
            before = os.times()
            subprocess.run([sys.executable, "-c", code], check=True)
            after = os.times()
            spent.append(
                (after.children_user - before.children_user)
                + (after.children_system - before.children_system)
            )
    return [statistics.median(spent) for spent in times]


def print_table(figures: list[Figure]) -> None:
    """Print the figures as an aligned text table."""
    head = ["figure", "value", "target", "ratio to baseline", "met"]
    rows = [head] + [f.row() for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# Debian's Chromium, with the flags this closed network needs (as tests/browser/conftest.py).
CHROMIUM = next(
    (p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if os.access(p, os.X_OK)), None
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """Stop a server: terminate, and kill it when it does not go within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
