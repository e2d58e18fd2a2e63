"""Fixtures shared by the progress tests."""

from __future__ import annotations

import time

import pytest

from handbook.progress.store import (
    ProgressLog,
)


@pytest.fixture(autouse=True)
def away_from_home(tmp_path, monkeypatch):
    """Keep every test out of the real home folder and in Berlin's time zone."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path / "handbook-home"))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def log(tmp_path) -> ProgressLog:
    return ProgressLog(tmp_path / "log" / "progress.sqlite")
