"""Class mode in Voila leaves no kernel behind: a page that closes shuts its kernel down."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, expect

POOL = 1  # own_class_app's pool (tests/browser/conftest.py)
PAGES = 5


def kernels_of(pid: int) -> list[int]:
    """The kernels a Voila server started: its children that run ipykernel."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == pid and b"ipykernel" in command:
            found.append(int(proc.name))
    return found


def settled(pid: int, at_most: int, seconds: float = 30) -> int:
    """The server's kernel count once it falls to at_most (or what it is after `seconds`)."""
    deadline = time.monotonic() + seconds
    while len(kernels_of(pid)) > at_most and time.monotonic() < deadline:
        time.sleep(0.5)
    return len(kernels_of(pid))


def test_pages_opened_and_closed_leave_no_kernel(browser: Browser, own_class_app):
    url, pid = own_class_app.url(""), own_class_app.pid
    settled(pid, POOL, seconds=60)  # the pool has warmed
    for _ in range(PAGES):
        context = browser.new_context()  # a new visitor each time: no cookies carried over
        page = context.new_page()
        page.goto(url)
        expect(page.locator(".hb-class .hb-start")).to_be_visible(timeout=90_000)
        page.close(run_before_unload=True)  # the tab closed as a person closes it
        context.close()
        # The pool refills itself; a kernel whose page went must not stay beside it.
        assert settled(pid, POOL + 1) <= POOL + 1
    assert settled(pid, POOL) == POOL
