"""After the workshop: remove the accounts the hub created and their homes (`make hub-clean`).

The record of what the hub created is the Unix group (HUB_GROUP, handbook-workshop): only
its members whose names carry the workshop prefix (HUB_USER_PREFIX, hb-) are removed, each
with its home when that home is a folder the account owns, and their processes; then the
hub's state (its database of who logged in) and the group once it is empty. Everything it
will remove is listed first. Nothing else on the machine is touched. Standard library only.

    python -m hub.clean [--yes]
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Plan:
    """What make hub-clean will remove, and what it leaves alone with the reason."""

    group: str
    accounts: list[pwd.struct_passwd] = field(default_factory=list)
    homes: list[Path] = field(default_factory=list)
    processes: dict[int, str] = field(default_factory=dict)  # pid -> account
    state: Path | None = None
    remove_group: bool = False
    left_alone: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether there is nothing to remove."""
        return not (self.accounts or self.state or self.remove_group)

    def describe(self) -> str:
        """The plan in words, one thing a line."""
        lines = []
        if self.accounts:
            names = ", ".join(a.pw_name for a in self.accounts)
            lines.append(
                f"{len(self.accounts)} workshop account(s) of the group {self.group}: {names}"
            )
        lines += [f"  home {home}" for home in self.homes]
        if self.processes:
            lines.append(f"  {len(self.processes)} running process(es) of those accounts")
        if self.state:
            lines.append(f"the hub's state {self.state} (who logged in, cookie secret, log)")
        if self.remove_group:
            lines.append(f"the group {self.group}")
        lines += [f"left alone: {why}" for why in self.left_alone]
        return "\n".join(lines)


def processes_of(uids: set[int]) -> dict[int, int]:
    """The processes (pid -> uid) that run as one of uids."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
            except FileNotFoundError:
                continue  # it ended meanwhile
            if uid in uids:
                found[int(entry.name)] = uid
    return found


def plan(group: str, prefix: str, state: Path) -> Plan:
    """Find what to remove: the group's prefixed members, their homes and processes, the
    hub's state; refuse nothing here, only sort."""
    result = Plan(group)
    try:
        members = grp.getgrnam(group).gr_mem
    except KeyError:
        members = []
    for name in sorted(members):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if not name.startswith(prefix):
            result.left_alone.append(
                f"{name}: a member of {group} without the prefix {prefix!r}, not one the hub made"
            )
            continue
        if entry.pw_uid < 1000:
            result.left_alone.append(f"{name}: a system account (uid {entry.pw_uid})")
            continue
        result.accounts.append(entry)
        home = Path(entry.pw_dir)
        if (
            home.is_dir()
            and not home.is_symlink()
            and home.stat().st_uid == entry.pw_uid
            and home.name == name
            and home != Path("/")
        ):
            result.homes.append(home)
        elif home.exists():
            result.left_alone.append(f"{home}: the home of {name} is not a folder of its own")
    uids = {a.pw_uid for a in result.accounts}
    by_uid = {a.pw_uid: a.pw_name for a in result.accounts}
    result.processes = {pid: by_uid[uid] for pid, uid in processes_of(uids).items()}
    if state.is_dir():
        result.state = state
    others = [m for m in members if m not in {a.pw_name for a in result.accounts}]
    # An account whose primary group is the workshop's is not listed among its members, and
    # groupdel refuses to remove a primary group: such accounts are not the hub's (it makes
    # each its own group), so they and the group stay.
    ours = {a.pw_name for a in result.accounts}
    primary = sorted(p.pw_name for p in _primary_members(group) if p.pw_name not in ours)
    if primary:
        result.left_alone.append(
            f"the group {group}: the primary group of {', '.join(primary)}, "
            "not accounts the hub made; the group stays"
        )
    result.remove_group = _group_exists(group) and not others and not primary
    return result


def _primary_members(group: str) -> list[pwd.struct_passwd]:
    """The accounts whose primary group is group (none when it does not exist)."""
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        return []
    return [p for p in pwd.getpwall() if p.pw_gid == gid]


def _group_exists(group: str) -> bool:
    try:
        grp.getgrnam(group)
    except KeyError:
        return False
    return True


def hub_running(state: Path) -> int | None:
    """The pid of a hub still running on this state folder, if any."""
    try:
        pid = int((state / "jupyterhub.pid").read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"jupyterhub" in cmdline else None


def stop(pids: list[int], wait_s: float = 5.0) -> None:
    """Ask the processes to end, then end those still there."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.1)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


class CleanError(RuntimeError):
    """A step of hub-clean that the system refused; the message says which and why."""


def _run(command: list[str]) -> None:
    """Run a system command; CleanError with its own words when it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        said = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise CleanError(f"{' '.join(command)} failed: {said}")


def carry_out(todo: Plan) -> None:
    """Remove what the plan lists, in an order that leaves no orphan behind."""
    stop(list(todo.processes))
    for entry in todo.accounts:
        # userdel keeps the home (removed below, after checking it), and with Debian's
        # USERGROUPS_ENAB it removes the account's own group too.
        _run(["userdel", entry.pw_name])
    for home in todo.homes:
        shutil.rmtree(home)  # never follows a symlink out of the home
    if todo.state:
        shutil.rmtree(todo.state)
    if todo.remove_group and _group_exists(todo.group):
        _run(["groupdel", todo.group])


def main(argv: list[str] | None = None) -> int:
    """List what will go, ask when a person is there (unless --yes), then remove it."""
    parser = argparse.ArgumentParser(prog="make hub-clean", description=__doc__.split("\n")[0])
    parser.add_argument("--yes", action="store_true", help="do not ask before removing")
    args = parser.parse_args(argv)
    group = os.environ.get("HUB_GROUP") or "handbook-workshop"
    prefix = os.environ.get("HUB_USER_PREFIX") or "hb-"
    state = Path(os.environ.get("HUB_STATE") or ROOT / ".hub" / "state").resolve()
    if os.geteuid() != 0:
        print(
            "make hub-clean removes Unix accounts: run it as root (sudo make hub-clean)",
            file=sys.stderr,
        )
        return 2
    running = hub_running(state)
    if running:
        print(
            f"The hub is still running (pid {running}): stop it with Ctrl+C first.", file=sys.stderr
        )
        return 2
    todo = plan(group, prefix, state)
    if todo.empty():
        print(f"Nothing to remove: no workshop accounts in the group {group}.")
        return 0
    print("make hub-clean will remove:\n" + todo.describe())
    print("Nothing else is touched.")
    if not args.yes and sys.stdin.isatty():
        answer = input("Remove them, with the participants' files? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing removed.")
            return 0
    try:
        carry_out(todo)
    except (CleanError, OSError) as exc:
        print(
            f"make hub-clean stopped: {exc}. Nothing after that step was removed.", file=sys.stderr
        )
        return 1
    print(f"Removed {len(todo.accounts)} account(s) and {len(todo.homes)} home(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
