"""Figures of issue 17: a room of participants on one workshop hub, on this machine.

`make bench-hub`, as root (the hub makes an account per participant). The hub is `make hub`
on 127.0.0.1 with 20 seats and a group and prefix of its own. One participant comes first,
alone: their time from login to a ready server and how late their class-mode countdown moves
are the baselines. Then the other 19 log in at once; every participant opens class mode
(05-class-mode under Voila, in their own server) in Chromium, all press Start together, and
each page's first phase change is timed against its due time. Memory is read from /proc per
participant (their server and their class-mode kernel), against one class-mode kernel alone.
The accounts, homes and state are removed afterwards with hub-clean.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hub.client import Browser, HubProcess

from .classmode import NOTEBOOK
from .common import CHROMIUM, CHROMIUM_ARGS, Figure, print_table
from .kernel import Kernel

if TYPE_CHECKING:
    from playwright.sync_api import Browser as Chromium
    from playwright.sync_api import Page

SEATS = 20
PREFIX, GROUP = "hbb-", "handbook-bench"
CLASS_PAGE = "/user/{name}/voila/render/notebooks/05-class-mode.ipynb"
READY = ".hb-class .hb-remaining"
PAGE_TIMEOUT_MS = 240_000
WATCH_MS = 9_000  # long enough for the first phase (the 5 s "Get ready") to end everywhere

START_AND_WATCH = """() => {
  const root = document.querySelector('.hb-class');
  const phase = () => root.querySelector('.hb-phase').textContent.trim();
  const [m, s] = root.querySelector('.hb-remaining').textContent.trim().split(':');
  const first = phase();
  const start = [...root.querySelectorAll('button')].find(b => b.textContent.trim() === 'Start');
  window.__hb = {due: (Number(m) * 60 + Number(s)) * 1000, t0: performance.now(), changed: null};
  const watch = setInterval(() => {
    if (phase() !== first) { window.__hb.changed = performance.now(); clearInterval(watch); }
  }, 10);
  start.click();
}"""
LATENESS = (
    "() => window.__hb.changed === null ? null : "
    "(window.__hb.changed - window.__hb.t0 - window.__hb.due) / 1000"
)


def _memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB: PSS splits pages shared with other processes."""
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def _account_memory(uid: int) -> dict[str, float]:
    """RSS and PSS summed over every process of one account, and its kernels' RSS."""
    found = {"rss": 0.0, "pss": 0.0, "kernel_rss": 0.0}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.stat().st_uid != uid:
                    continue
                rss, pss = _memory_mb(int(proc.name))
                kernel = b"ipykernel" in (proc / "cmdline").read_bytes()
            except OSError:
                continue
            found["rss"] += rss
            found["pss"] += pss
            found["kernel_rss"] += rss if kernel else 0.0
    return found


def _one_class_kernel() -> tuple[float, float]:
    """(RSS, PSS) of one kernel that has run the class-mode notebook, nothing else around."""
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with Kernel() as kernel:
        kernel.run(f"import os; os.chdir({str(NOTEBOOK.parent)!r})")
        for cell in notebook.cells:
            if cell.cell_type == "code":
                kernel.run(cell.source)
        kernel.run("import gc; gc.collect()")
        return _memory_mb(kernel.value("os.getpid()"))


def _open_class(browser: Chromium, hub: HubProcess, person: Browser, name: str) -> Page:
    """A page of the participant's class mode, with their cookies, still loading."""
    context = browser.new_context(viewport={"width": 1024, "height": 700})
    context.add_cookies(
        [
            {"name": c.name, "value": c.value or "", "domain": "127.0.0.1", "path": c.path}
            for c in person.jar
        ]
    )
    page = context.new_page()
    page.goto(hub.base + CLASS_PAGE.format(name=name), wait_until="commit")
    return page


def _arrive(hub: HubProcess, name: str) -> tuple[Browser, float | None]:
    """Log in and wait for the server; seconds from login to the start page (None: never)."""
    person = Browser(hub.base)
    start = time.monotonic()
    try:
        status, _, _ = person.login(name, hub.password)
        if status != 200:
            return person, None
        person.wait_for_server(name, timeout=240)
    except (OSError, TimeoutError):
        return person, None
    return person, time.monotonic() - start


def _room(hub: HubProcess) -> dict[str, Any]:
    """Measure one participant alone, then the full room."""
    from playwright.sync_api import sync_playwright

    names = [f"p{n:02d}" for n in range(1, SEATS + 1)]
    first, alone_ready = _arrive(hub, names[0])
    if alone_ready is None:
        raise RuntimeError(f"the first participant never got a server:\n{hub.output()}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = _open_class(browser, hub, first, names[0])
        page.locator(READY).wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        page.evaluate(START_AND_WATCH)
        page.wait_for_timeout(WATCH_MS)
        alone_late = page.evaluate(LATENESS)
        page.context.close()  # its kernel goes with the page; it opens again with the room

        with ThreadPoolExecutor(max_workers=SEATS - 1) as pool:
            arrivals = list(pool.map(lambda n: _arrive(hub, n), names[1:]))
        people = {names[0]: first} | {n: b for n, (b, _) in zip(names[1:], arrivals, strict=True)}
        ready = [alone_ready] + [t for _, t in arrivals]
        pages, started = {}, time.monotonic()
        for name in names:
            if ready[names.index(name)] is not None:
                pages[name] = _open_class(browser, hub, people[name], name)
        running = {}
        for name, page in pages.items():
            left = PAGE_TIMEOUT_MS - (time.monotonic() - started) * 1000
            try:
                page.locator(READY).wait_for(state="visible", timeout=max(1000, left))
                running[name] = page
            except Exception:  # a page that never shows class mode: not running
                pass
        for page in running.values():
            page.evaluate(START_AND_WATCH)
        next(iter(running.values())).wait_for_timeout(WATCH_MS)
        late = [page.evaluate(LATENESS) for page in running.values()]
        memory = {name: _account_memory(_uid(name)) for name in running}
        browser.close()
    return {
        "alone_ready": alone_ready,
        "alone_late": alone_late,
        "ready": ready,
        "running": len(running),
        "late": late,
        "memory": memory,
    }


def _uid(name: str) -> int:
    import pwd

    return pwd.getpwnam(PREFIX + name).pw_uid


def figures() -> list[Figure]:
    """Measure the room (about five minutes on 2 cores)."""
    if os.geteuid() != 0:
        print("hub: make hub makes Unix accounts; run make bench-hub as root", file=sys.stderr)
        return []
    if CHROMIUM is None:
        print("hub: Debian's chromium is missing (make chromium)", file=sys.stderr)
        return []
    kernel_rss, kernel_pss = _one_class_kernel()
    with tempfile.TemporaryDirectory(prefix="hbb-bench-") as tmp:
        hub = HubProcess(Path(tmp), seats=SEATS, prefix=PREFIX, group=GROUP)
        try:
            hub.start()
            room = _room(hub)
        finally:
            hub.stop()
            done = hub.clean()
            hub.remove_runtime()
            if done.returncode:
                print(f"hub-clean failed:\n{done.stdout}{done.stderr}", file=sys.stderr)
    ready = [t for t in room["ready"] if t is not None]
    late = [t for t in room["late"] if t is not None]
    memory = list(room["memory"].values())
    rss = statistics.median(m["rss"] for m in memory)
    pss = statistics.median(m["pss"] for m in memory)
    own_kernel = statistics.median(m["kernel_rss"] for m in memory)
    room_pss = sum(m["pss"] for m in memory)
    on_time = sum(1 for t in late if t <= 1.0)
    latest = max(late, default=float("nan"))
    return [
        Figure(
            f"participants with class mode running (of {SEATS})",
            room["running"],
            "",
            f">= {SEATS}",
            room["running"] >= SEATS,
        ),
        Figure(
            f"slowest server ready after login ({SEATS - 1} at once)",
            max(ready),
            "s",
            "<= 60 s",
            len(ready) == SEATS and max(ready) <= 60,
            room["alone_ready"],
            "one participant alone",
        ),
        Figure(
            "median server ready after login",
            statistics.median(ready),
            "s",
            "<= 60 s",
            statistics.median(ready) <= 60,
            room["alone_ready"],
            "one participant alone",
        ),
        Figure(
            f"countdowns on time, all {len(late)} started together",
            on_time,
            "",
            f"{room['running']} within 1 s",
            on_time >= room["running"] > 0,
        ),
        Figure(
            "latest first phase change after its due time",
            latest,
            "s",
            "<= 1 s",
            latest <= 1.0,
            room["alone_late"] or None,
            "one page alone",
        ),
        Figure(
            "a participant's class-mode kernel (RSS, median)",
            own_kernel,
            "MB",
            "<= 1.2x",
            own_kernel <= 1.2 * kernel_rss,
            kernel_rss,
            "one class-mode kernel",
        ),
        Figure(
            "memory per participant, server + kernel (RSS, median)",
            rss,
            "MB",
            "<= 1.2x",
            rss <= 1.2 * kernel_rss,
            kernel_rss,
            "one class-mode kernel",
        ),
        Figure(
            "memory per participant, server + kernel (PSS, median)",
            pss,
            "MB",
            "<= 1.2x",
            pss <= 1.2 * kernel_pss,
            kernel_pss,
            "one class-mode kernel (PSS)",
        ),
        Figure(
            f"memory of the whole room ({len(memory)} participants, PSS)",
            room_pss,
            "MB",
            "fits in 24 GB",
            room_pss < 24 * 1024,
        ),
    ]


def main() -> int:
    """Print this benchmark's table (make bench-hub)."""
    found = figures()
    print_table(found)
    missed = [f.name for f in found if not f.met]
    print(
        f"\n{len(found) - len(missed)} of {len(found)} targets met"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
