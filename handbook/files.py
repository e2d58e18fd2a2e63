"""Reading and saving files safely.

Reading: only a regular file is ever opened (a FIFO would block for ever, a device read
without end), of a bounded size, as UTF-8 with or without a BOM, parsed into data nested
no deeper than a bound. Saving: a crash or a full disk mid-save leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, overload

from .errors import FileReadError
from .i18n import N_, _

try:
    import fcntl
except ImportError:  # not on Windows: stale temporary files are then left where they are
    _LOCKS = False
else:
    _LOCKS = True

MAX_BYTES = 1_000_000
"""The largest data file read by default (a stretch, routine or plan file is a few KB)."""

MAX_DEPTH = 32
"""How deep tables and lists may nest in a data file (a stretch's pose goes 4 deep)."""

MAX_INT = 2**63 - 1
"""The largest whole number a data file may hold: TOML's 64-bit integers."""

_KINDS = (
    (stat.S_ISDIR, N_("is a folder, not a file; give the path of a file")),
    (stat.S_ISFIFO, N_("is a named pipe (FIFO), not a file; give the path of a file")),
    (stat.S_ISCHR, N_("is a device, not a file; give the path of a file")),
    (stat.S_ISBLK, N_("is a device, not a file; give the path of a file")),
    (stat.S_ISSOCK, N_("is a socket, not a file; give the path of a file")),
)


_Data = TypeVar("_Data")

# --- Reading ------------------------------------------------------------------------------


@overload
def read_data(
    path: str | Path, parse: None = None, *, limit: int = MAX_BYTES, depth: int = MAX_DEPTH
) -> str: ...


@overload
def read_data(
    path: str | Path,
    parse: Callable[[str], _Data],
    *,
    limit: int = MAX_BYTES,
    depth: int = MAX_DEPTH,
) -> _Data: ...


def read_data(
    path: str | Path,
    parse: Callable[[str], object] | None = None,
    *,
    limit: int = MAX_BYTES,
    depth: int = MAX_DEPTH,
) -> object:
    """A data file's text, or what ``parse`` makes of it; FileReadError says what is wrong.

    Only a regular file (or a link to one) is opened; it may hold at most ``limit`` bytes of
    UTF-8 (a BOM is dropped). ``parse``'s own errors (a TOML or JSON syntax error) pass
    through to the caller; its result may nest at most ``depth`` tables or lists and hold no
    whole number beyond 64 bits.
    """
    path = Path(path)
    raw = _read_bytes(path, limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileReadError(
            path,
            _("is not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8").format(
                byte=raw[exc.start], line=line
            ),
        ) from None
    if parse is None:
        return text
    try:
        data = parse(text)
    except RecursionError:
        raise FileReadError(
            path, _("nests tables or lists too deeply (at most {depth} levels)").format(depth=depth)
        ) from None
    except ValueError as exc:
        if type(exc) is not ValueError:  # the parser's own error (TOML, JSON): the caller's
            raise
        # A bare ValueError is a limit of Python's, such as a number of over 4,300 digits.
        raise FileReadError(
            path,
            _("holds a number too long to read")
            if "digits" in str(exc)
            else _("cannot be read ({why})").format(why=exc),
        ) from None
    _check_nesting(data, path, depth)
    return data


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or FileReadError."""
    try:
        info = os.stat(path)  # look before opening: opening a FIFO blocks, a tape rewinds
    except FileNotFoundError:
        raise FileReadError(path, _missing(path)) from None
    except OSError as exc:
        raise FileReadError(path, _cannot(exc)) from None
    _check_regular(path, info.st_mode)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileReadError(path, _cannot(exc)) from None
    with os.fdopen(fd, "rb") as file:
        opened = os.fstat(fd)
        _check_regular(path, opened.st_mode)  # it may have been swapped meanwhile
        # Asked for its size (plus one), not the limit: a read of limit + 1 bytes sets aside
        # a buffer that large for every small file. It may have grown since: read on then.
        want = min(opened.st_size, limit) + 1
        try:
            raw = file.read(want)
            if len(raw) == want and want <= limit:
                raw += file.read(limit + 1 - want)
        except OSError as exc:
            raise FileReadError(path, _cannot(exc)) from None
    if len(raw) > limit:
        raise FileReadError(
            path, _("is larger than {size}; is it the right file?").format(size=_size(limit))
        )
    return raw


def _check_regular(path: Path, mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise FileReadError(path, _(kind))
    if not stat.S_ISREG(mode):
        raise FileReadError(path, _("is not a regular file; give the path of a file"))


def _missing(path: Path) -> str:
    if path.is_symlink():
        return _("is a link to {target}, which does not exist").format(target=os.readlink(path))
    return _("does not exist")


def _cannot(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return _("cannot be read: permission denied; check who may read it")
    return _("cannot be read ({why})").format(why=exc.strerror or exc)


def _size(limit: int) -> str:
    return f"{limit / 1e6:g} MB" if limit >= 1e6 else f"{limit / 1e3:g} KB"


_Where = tuple[str | int, ...]
"""Where a value sits in a data file: the keys and list places (from 1) down to it."""


def _check_nesting(data: object, path: Path, depth: int) -> None:
    """FileReadError for tables or lists nested deeper than ``depth``, or a huge integer."""
    if _nesting_fits(data, depth):  # most files: one quick walk, no places kept
        return
    stack: list[tuple[object, int, _Where]] = [(data, 0, ())]
    while stack:  # iteratively: the point is to stay clear of the recursion limit
        value, level, at = stack.pop()  # at: the keys and list places down to value
        children: Iterable[tuple[str | int, object]]
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value, 1)
        else:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
                raise FileReadError(
                    path,
                    _(
                        "{where}: holds a whole number too large for any field (the most is {most})"
                    ).format(where=_where(at) or _("the file"), most=MAX_INT),
                )
            continue
        if level >= depth:
            raise FileReadError(
                path,
                _(
                    "{where}: nests tables or lists more than {depth} levels deep; "
                    "no field needs that"
                ).format(where=_where(at) or _("the file"), depth=depth),
            )
        stack += [(child, level + 1, (*at, key)) for key, child in children]


_PLAIN = frozenset({float, str, bool})


def _nesting_fits(data: object, depth: int) -> bool:
    """Whether ``_check_nesting`` would find nothing: the same walk without keeping where each
    value sits (worked out again, by the full walk, only for a file that fails). Only tables
    and lists are stacked; the numbers and texts in them (most of a pose) are judged in place.
    """
    if not isinstance(data, (dict, list)):
        return not (isinstance(data, int) and abs(data) > MAX_INT)
    stack: list[tuple[dict[object, object] | list[object], int]] = [(data, 0)]
    while stack:
        value, level = stack.pop()
        if level >= depth:
            return False
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            if type(child) in _PLAIN:  # the numbers and texts that fill most files
                continue
            if isinstance(child, (dict, list)):
                stack.append((child, level + 1))
            elif isinstance(child, int) and abs(child) > MAX_INT:  # a bool is never that big
                return False
    return True


def _where(at: _Where) -> str:
    """Where a value sits, as a person reads it: "pose.props[2].at" (only worked out for an
    error, since most files have none)."""
    out = ""
    for key in at:  # TOML keys are text; a whole number is a place in a list, from 1
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


# --- Saving -------------------------------------------------------------------------------


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or those of a new file under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    umask = os.umask(0o022)  # elsewhere there is no way to read it but to set it
    os.umask(umask)
    return umask


def atomic_write(path: str | Path, data: bytes | str, *, overwrite: bool = True) -> Path:
    """Write data to path through a temporary file in the same folder and an atomic rename.

    A link is written through: its target gets the data and the link stays. With
    ``overwrite=False`` an existing file raises FileExistsError and is left as it was.
    An OSError names ``path`` (never the temporary file). Temporary files of this path
    left by a save that was killed are removed.
    """
    asked = Path(path)
    try:
        return _atomic_write(asked, data, overwrite)
    except OSError as exc:
        if (
            isinstance(exc, FileExistsError)
            or str(exc).startswith(f"[Errno {exc.errno}] {_cannot_save(asked, '')}")
            or (exc.filename == str(asked) and exc.filename2 is None)
        ):
            raise
        why = exc.strerror or str(exc)
        if exc.errno is None:
            raise type(exc)(_cannot_save(asked, why)) from None
        raise type(exc)(exc.errno, _cannot_save(asked, why)) from None


def _cannot_save(path: Path, why: str) -> str:
    return _("cannot save {path}: {why}").format(path=path, why=why)


def _atomic_write(asked: Path, data: bytes | str, overwrite: bool) -> Path:
    # The real file behind any links, so the rename replaces the target, not the link.
    path = Path(os.path.realpath(asked)) if asked.is_symlink() else asked
    with contextlib.suppress(FileNotFoundError):
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, _cannot_save(asked, _("it is a folder")))
        if not stat.S_ISREG(mode):  # a rename would put a file where a device or pipe was
            raise OSError(
                errno.EINVAL,
                _cannot_save(asked, _("it is not a regular file (a device, a pipe or a socket)")),
            )
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise FileExistsError(
            _("{path} already exists; pass overwrite=True to replace it").format(path=asked)
        )
    _clear_stale(path)
    fd, tmp = _locked_temporary(path)
    try:  # the lock is held until the rename is done, so no cleaner takes tmp for stale
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; keep what a plain write would
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path appeared meanwhile; never clobbers it
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):  # make the rename itself durable where we can
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return asked


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside path, locked for as long as this process holds it open.

    The lock tells a live save from a killed one: the system drops it when its process dies.
    """
    while True:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if not _LOCKS:
            return fd, tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not removed as stale in the instant before the lock
            return fd, tmp
        os.close(fd)


def _clear_stale(path: Path) -> None:
    """Remove the temporary files of path whose save was killed (no process locks them)."""
    if not _LOCKS:
        return
    prefix = f".{path.name}."
    try:
        names = [
            e.name
            for e in os.scandir(path.parent)
            if e.name.startswith(prefix) and e.name.endswith(".tmp")
        ]
    except OSError:
        return
    for name in names:
        stale = path.parent / name
        try:
            fd = os.open(stale, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a save in progress holds it
            with contextlib.suppress(FileNotFoundError):
                os.unlink(stale)  # while locked, so its writer (if any) sees it gone
        finally:
            os.close(fd)
