"""Shared fixtures: the built-in catalogue, and a folder of valid stretches."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import handbook
from tests.helpers import builtin_catalog, write_stretch


@pytest.fixture(scope="session")
def catalog() -> handbook.Catalog:
    """The built-in catalogue, loaded once for the whole session."""
    return builtin_catalog()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A user's folder with two valid stretches."""
    write_stretch(tmp_path, "wall-calf-test")
    write_stretch(
        tmp_path,
        "seated-hamstring-test",
        name="Seated hamstring test",
        primary=["hamstrings"],
        secondary=[],
        position="seated-chair",
        equipment=["chair"],
        sides="both",
        hold={"breaths": 4},
        tags=["desk"],
    )
    return tmp_path


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A new folder anyone may enter, for tests run as another user (pytest's tmp_path is
    closed to them); removed afterwards, whatever the test made unreadable."""
    folder = Path(tempfile.mkdtemp(prefix="hb-test-"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        with contextlib.suppress(OSError):
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)
