"""Atomic saves: the new content or the old one, never a torn file."""

from __future__ import annotations

import os

import pytest

from handbook.files import atomic_write


def test_writes_text_and_bytes(tmp_path):
    assert atomic_write(tmp_path / "a" / "b.txt", "héllo").read_text(encoding="utf-8") == "héllo"
    assert atomic_write(tmp_path / "c.bin", b"\x00\x01").read_bytes() == b"\x00\x01"


def test_replaces_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "plan.toml"
    atomic_write(path, "old")
    atomic_write(path, "new")
    assert path.read_text() == "new" and os.listdir(tmp_path) == ["plan.toml"]


def test_a_crash_mid_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.toml"
    atomic_write(path, "old and whole")

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, "new")
    assert path.read_text() == "old and whole" and os.listdir(tmp_path) == ["plan.toml"]


def test_refuses_to_overwrite_when_asked(tmp_path):
    path = atomic_write(tmp_path / "x.toml", "mine")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        atomic_write(path, "theirs", overwrite=False)
    assert path.read_text() == "mine" and os.listdir(tmp_path) == ["x.toml"]
    assert atomic_write(tmp_path / "y.toml", "new", overwrite=False).read_text() == "new"


def test_permissions_are_those_of_a_plain_write(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    new = atomic_write(tmp_path / "new.txt", "x")
    assert new.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777
    os.chmod(new, 0o640)
    assert atomic_write(new, "y").stat().st_mode & 0o777 == 0o640  # a replaced file keeps its
