"""Reading data files safely, and atomic saves: the new content or the old one, never a torn
file."""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile

import pytest
import tomli

from handbook.errors import FileReadError
from handbook.files import MAX_DEPTH, atomic_write, read_data
from tests.helpers import as_nobody


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


# Reading -----------------------------------------------------------------------------------
def test_reads_text_and_parses_it(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    assert read_data(path) == "a = 1\n"
    assert read_data(path, tomli.loads) == {"a": 1}


def test_a_bom_is_dropped(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    assert read_data(path, tomli.loads) == {"a": 1}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, "is a named pipe (FIFO), not a file"),
        (os.mkdir, "is a folder, not a file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),
        (lambda p: p.symlink_to(p.with_name("gone.toml")), "is a link to "),
        (lambda p: None, "does not exist"),
    ],
)
def test_only_a_regular_file_is_read(tmp_path, make, message):
    path = tmp_path / "x.toml"
    make(path)
    with pytest.raises(FileReadError, match=re.escape(message)) as caught:
        read_data(path)  # a FIFO would block here for ever if it were opened
    assert caught.value.path == path and str(path) in str(caught.value)


def test_an_unreadable_file_is_a_clear_error(open_tmp):
    folder = open_tmp
    path = folder / "x.toml"
    path.write_text("a = 1")
    path.chmod(0)
    assert as_nobody(lambda: read_data(path)) == (
        "FileReadError",
        f"{path}: cannot be read: permission denied; check who may read it",
    )


def test_the_size_is_limited(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"#" * 1001)
    assert read_data(path, limit=1001) == "#" * 1001
    with pytest.raises(FileReadError, match="is larger than 1 KB"):
        read_data(path, limit=1000)


def test_text_must_be_utf8(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"a = 1\nb = 'caf\xe9'\n")
    with pytest.raises(FileReadError, match="not UTF-8 text \\(byte 0xe9 on line 2\\)"):
        read_data(path)


@pytest.mark.parametrize(
    ("text", "parse"),
    [
        ("a = " + "[" * 1000 + "]" * 1000, tomli.loads),  # tomli's own limit: RecursionError
        ("[" * 100_000 + "]" * 100_000, json.loads),  # json's: RecursionError
        ("a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), tomli.loads),  # ours
        ("[" + ".".join(["a"] * 999) + "]", tomli.loads),  # a deep table by dotted keys
    ],
)
def test_nesting_is_bounded(tmp_path, text, parse):
    path = tmp_path / "x.data"
    path.write_text(text)
    with pytest.raises(FileReadError, match="nests tables or lists") as caught:
        read_data(path, parse)
    assert str(path) in str(caught.value)
    path.write_text("a = " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    assert read_data(path, tomli.loads)["a"]  # as deep as allowed: read


@pytest.mark.parametrize(
    ("text", "parse"),
    [
        ("a = 99999999999999999999", tomli.loads),
        ("[99999999999999999999]", json.loads),
        ("a = " + "9" * 5000, tomli.loads),
        ("[" + "9" * 5000 + "]", json.loads),
    ],
)
def test_numbers_beyond_64_bits_are_refused(tmp_path, text, parse):
    path = tmp_path / "x.data"
    path.write_text(text)
    with pytest.raises(FileReadError, match="number too"):
        read_data(path, parse)


def test_the_parsers_own_errors_pass_through(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text("a = = 1")
    with pytest.raises(tomli.TOMLDecodeError):
        read_data(path, tomli.loads)


# Saving through links, naming the file, clearing what killed saves left ------------------
def test_a_link_is_written_through_to_its_target(tmp_path):
    target = tmp_path / "real" / "plan.toml"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "plan.toml"
    link.symlink_to(target)
    assert atomic_write(link, "new") == link
    assert link.is_symlink() and target.read_text() == "new"
    assert sorted(os.listdir(target.parent)) == ["plan.toml"]


def test_an_error_names_the_file_asked_for_not_the_temporary_one(open_tmp):
    folder = open_tmp
    folder.chmod(0o555)
    asked = folder / "plan.toml"
    kind, message = as_nobody(lambda: atomic_write(asked, "x"))
    assert kind == "PermissionError" and str(asked) in message and ".tmp" not in message


def test_a_failed_rename_names_the_file(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError) as caught:
        atomic_write(tmp_path / "plan.toml", "x")
    asked = tmp_path / "plan.toml"
    assert str(caught.value) == f"[Errno 13] cannot save {asked}: Permission denied"
    assert os.listdir(tmp_path) == []


def test_temporary_files_of_killed_saves_are_cleared_but_not_live_ones(tmp_path):
    path = tmp_path / "plan.toml"
    stale = tmp_path / ".plan.toml.dead1234.tmp"  # as a save killed mid-write leaves it
    stale.write_text("half")
    other = tmp_path / ".notes.toml.dead5678.tmp"  # another file's: left for its next save
    other.write_text("half")
    fd, live = tempfile.mkstemp(dir=tmp_path, prefix=".plan.toml.", suffix=".tmp")
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a save still running holds it
    try:
        atomic_write(path, "whole")
        assert sorted(os.listdir(tmp_path)) == sorted(
            ["plan.toml", other.name, os.path.basename(live)]
        )
    finally:
        os.close(fd)
    atomic_write(path, "again")
    assert sorted(os.listdir(tmp_path)) == sorted(["plan.toml", other.name])


@pytest.mark.parametrize("target", ["pipe", "folder"])
def test_a_save_never_replaces_a_pipe_a_device_or_a_folder(tmp_path, target):
    os.mkfifo(tmp_path / "pipe")  # stands for a device too (/dev/null, as root, would be gone)
    (tmp_path / "folder").mkdir()
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / target)
    for asked in (link, tmp_path / target):
        with pytest.raises(OSError, match=rf"cannot save {re.escape(str(asked))}: it is"):
            atomic_write(asked, "x")
    assert not (tmp_path / "pipe").is_file() and (tmp_path / "folder").is_dir()
    assert link.is_symlink()
