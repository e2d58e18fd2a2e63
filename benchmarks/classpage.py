"""The class page (`Routine.to_class_page`): its first frame from a file, its size.

The first frame is timed as a teacher meets it: a fresh Chromium context opens the file
(every request from it blocked) and the page's own first contentful paint is read. The
baseline is a plain HTML file with the same words and no script, opened the same way. The
time until the controls are live (the player's module loaded and drawn) is printed beside
it. The size is that of the four founding stretches' page, beside their printed handout.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import handbook

from .common import CHROMIUM, CHROMIUM_ARGS, Figure

REPEAT = 7
FIRST_FRAME_S = 0.150
LIVE_S = 0.5  # the stage working (Space starts it) within half a second
MAX_BYTES = 1_000_000

PAINT = """() => new Promise((done) => {
  const read = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const live = document.querySelector(".hb-guide-class .hb-start");
    if (paint && (live || !document.querySelector("#hb-player"))) {
      done({ paint: paint.startTime / 1000, live: performance.now() / 1000 });
    } else requestAnimationFrame(read);
  };
  read();
})"""


def _plain_page(folder: Path) -> Path:
    path = folder / "plain.html"
    path.write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Back pain basics</title>"
        "<h1>Back pain basics</h1><p>Stretch 1 of 4</p><p>Kneeling hip flexor stretch</p>"
        "<p>Get ready</p>",
        encoding="utf-8",
    )
    return path


def _open(paths: list[Path]) -> dict[Path, list[dict[str, float]]]:
    from playwright.sync_api import sync_playwright

    found: dict[Path, list[dict[str, float]]] = {path: [] for path in paths}
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(REPEAT + 1):  # the first round warms the browser's caches of its own
            for path in paths:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.route("http*://**/*", lambda route: route.abort())
                page = context.new_page()
                page.goto(path.as_uri())
                found[path].append(page.evaluate(PAINT))
                context.close()
        browser.close()
    return {path: runs[1:] for path, runs in found.items()}


def figures() -> list[Figure]:
    """The class page's first frame and size, each beside a baseline of this run."""
    routine = handbook.routines()["back-pain-basics"]
    page = routine.to_class_page()
    size = len(page.encode("utf-8"))
    handout = len(routine.to_html().encode("utf-8"))
    found = [
        Figure(
            "class page: size, the four founding stretches",
            size / 1000,
            "kB",
            f"<= {MAX_BYTES // 1000} kB",
            size <= MAX_BYTES,
            handout / 1000,
            "their handout",
        )
    ]
    if CHROMIUM is None:
        print("classpage: Debian's chromium is missing (make chromium)", file=sys.stderr)
        return found
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        class_file = folder / "class.html"
        class_file.write_text(page, encoding="utf-8")
        plain = _plain_page(folder)
        runs = _open([class_file, plain])
    paint = statistics.median(run["paint"] for run in runs[class_file])
    live = statistics.median(run["live"] for run in runs[class_file])
    plain_paint = statistics.median(run["paint"] for run in runs[plain])
    found.append(
        Figure(
            "class page: first frame from file open",
            paint * 1000,
            "ms",
            f"<= {FIRST_FRAME_S * 1000:.0f} ms",
            paint <= FIRST_FRAME_S,
            plain_paint * 1000,
            "plain HTML",
        )
    )
    found.append(
        Figure(
            "class page: controls live from file open",
            live * 1000,
            "ms",
            f"<= {LIVE_S * 1000:.0f} ms",
            live <= LIVE_S,
            paint * 1000,
            "its first frame",
        )
    )
    return found


if __name__ == "__main__":
    from .common import print_table

    print_table(figures())
