"""Figures of reading and saving data files safely: what the checks cost."""

from __future__ import annotations

import tempfile
from pathlib import Path

import tomli
import tomli_w

from handbook.files import atomic_write, read_data

from .common import Figure, median_time

FOLDER_SIZE = 1_000  # files beside the one saved: atomic_write looks for stale temporaries


def figures() -> list[Figure]:
    """Read a stretch file through read_data; save one into a folder of 1,000 files."""
    stretch = (
        Path(__file__).resolve().parents[1] / "data" / "stretches" / "kneeling-hip-flexor.toml"
    )
    safe = median_time(lambda: read_data(stretch, tomli.loads), repeat=201)
    plain = median_time(lambda: tomli.loads(stretch.read_text(encoding="utf-8")), repeat=201)
    found = [
        Figure(
            "read a stretch file (read_data: regular file, size, depth)",
            safe * 1e6,
            "us",
            "< 1 ms",
            safe < 0.001,
            plain * 1e6,
            "tomli.loads(read_text())",
        )
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = tomli_w.dumps(tomli.loads(stretch.read_text(encoding="utf-8")))
        for n in range(FOLDER_SIZE):
            (folder / f"s{n}.toml").write_text(text)
        target = folder / "mine.toml"
        save = median_time(lambda: atomic_write(target, text), repeat=51)
        plain = median_time(lambda: target.write_text(text), repeat=51)
    found.append(
        Figure(
            f"atomic_write into a folder of {FOLDER_SIZE:,} files",
            save * 1000,
            "ms",
            "< 20 ms",
            save < 0.02,
            plain * 1000,
            "plain write_text",
        )
    )
    return found


if __name__ == "__main__":
    from .common import print_table

    print_table(figures())
