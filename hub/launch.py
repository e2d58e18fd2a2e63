"""Start the workshop hub and tell the teacher what to put on the board: `make hub`.

Fills in what make left empty (the passwords, the hub's internal ports), prepares the
participants' runtime, checks that an ordinary account can run it, starts JupyterHub on
hub/jupyterhub_config.py, and once it answers prints the addresses, a QR code and the
passwords. Ctrl+C stops the hub and every participant's server; their files stay until
`make hub-clean`.
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from hub.room import (
    BOOKS,
    CLASS_PAGE,
    ROOT,
    Settings,
    SettingsError,
    new_password,
    workshop_share,
)

CONFIG = ROOT / "hub" / "jupyterhub_config.py"
SERVER_CONFIG = ROOT / "hub" / "jupyter_server_config.json"
LAB_OVERRIDES = {  # no "get news?" toast over every participant's first page
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
START_TIMEOUT_S = 120


class LaunchError(RuntimeError):
    """Something to fix before the hub can start; the message says what."""


def free_port() -> int:
    """A port nothing listens on at 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def complete(env: dict[str, str]) -> dict[str, str]:
    """The environment with what make left empty chosen: passwords, internal ports."""
    env = dict(env)
    if not env.get("HUB_PASSWORD"):
        env["HUB_PASSWORD"] = new_password(3)
    if not env.get("HUB_ADMIN_PASSWORD"):
        env["HUB_ADMIN_PASSWORD"] = new_password(4)
    for var in ("HUB_API_PORT", "HUB_INTERNAL_PORT"):
        if not env.get(var):
            env[var] = str(free_port())
    return env


def check_port(settings: Settings) -> None:
    """Fail now, plainly, when the public port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in settings.ip else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((settings.ip or "0.0.0.0", settings.port))
        except OSError as error:
            raise LaunchError(
                f"port {settings.port} is in use ({error.strerror}): choose "
                f"another, e.g. make hub HUB_PORT={settings.port + 10}"
            ) from None


def ensure_group(name: str) -> None:
    """The Unix group that records the workshop's accounts."""
    try:
        grp.getgrnam(name)
    except KeyError:
        subprocess.run(["groupadd", name], check=True)
        print(f"Created the group {name}: it records the workshop's accounts")


def prepare_runtime(settings: Settings) -> None:
    """Put what the participants' servers read into the workshop's venv: their settings, and
    a snapshot of the notebooks with the script that copies them (so a checkout in a private
    folder still works with HUB_RUNTIME elsewhere)."""
    etc = settings.runtime / "etc" / "jupyter" / "jupyter_server_config.d"
    etc.mkdir(parents=True, exist_ok=True)
    # The files of this folder load in name order, the last one winning: "zz-" comes after
    # the extensions' own (jupyter-lsp, voila ...), so the workshop's choices hold.
    shutil.copyfile(SERVER_CONFIG, etc / "zz-handbook-workshop.json")
    lab = settings.runtime / "share" / "jupyter" / "lab" / "settings"
    lab.mkdir(parents=True, exist_ok=True)
    (lab / "overrides.json").write_text(
        json.dumps(lab_overrides(settings.language), indent=2) + "\n"
    )
    share = workshop_share(settings.runtime)
    shutil.rmtree(share / "notebooks", ignore_errors=True)
    (share / "notebooks").mkdir(parents=True)
    for notebook in sorted(BOOKS.glob("*.ipynb")):  # the English book, then each language's
        shutil.copyfile(notebook, share / "notebooks" / notebook.name)
    for notebook in sorted(BOOKS.glob("[!.]*/*.ipynb")):  # not .ipynb_checkpoints
        (share / "notebooks" / notebook.parent.name).mkdir(exist_ok=True)
        shutil.copyfile(notebook, share / "notebooks" / notebook.parent.name / notebook.name)
    write_class_page(settings.class_routine, share / "notebooks" / CLASS_PAGE, settings.language)
    shutil.copyfile(ROOT / "hub" / "seed.py", share / "seed.py")


def lab_overrides(language: str) -> dict[str, dict[str, object]]:
    """JupyterLab's settings for every participant: no news toast, and JupyterLab itself in the
    workshop's language (the language pack's settings of `make lab HANDBOOK_LANG=...`)."""
    found = ROOT / "share" / "jupyter" / "lab" / f"settings-{language}" / "overrides.json"
    more = json.loads(found.read_text()) if language != "en" and found.is_file() else {}
    return {**LAB_OVERRIDES, **more}


def write_class_page(routine_id: str, path: Path, language: str = "en") -> None:
    """The workshop's class as one offline page (the routine after the warm-up, as class mode
    runs it), in the workshop's language, for each participant to follow on their own screen
    or take home."""
    import handbook

    before = handbook.language()
    handbook.set_language(language)
    try:
        _write_class_page(handbook, routine_id, path)
    finally:
        handbook.set_language(before)


def _write_class_page(handbook: Any, routine_id: str, path: Path) -> None:
    catalog = handbook.load_catalog()
    found = handbook.routines(catalog)
    if routine_id not in found:
        raise LaunchError(
            f"HUB_CLASS={routine_id!r} is not one of the handbook's routines: choose one of "
            + ", ".join(sorted(found))
        )
    routine = found[routine_id]
    if not routine.warm_up_items:
        routine = routine.with_warm_up(handbook.warm_up(catalog))
    routine.to_class_page(path)


def closed_folder(path: Path) -> Path | None:
    """The first folder on the way to path that other users may not enter, if any."""
    for folder in [*reversed(path.parents), path]:
        if folder.is_dir() and not folder.stat().st_mode & 0o001:
            return folder
    return None


PROBE = (
    "import handbook, jupyterhub.singleuser, voila, sys; "
    "[open(p, 'rb').close() for p in sys.argv[1:]]"
)


def check_access(settings: Settings) -> None:
    """Run the participants' Python as `nobody`: it must import the handbook and read the
    notebooks. Opens up the workshop's own venv if that is what stops it, nothing else."""
    python = settings.runtime / "bin" / "python"
    share = workshop_share(settings.runtime)
    files = [str(p) for p in sorted((share / "notebooks").rglob("*.ipynb"))]
    files.append(str(share / "notebooks" / CLASS_PAGE))
    files.append(str(share / "seed.py"))

    def probe() -> str | None:
        """None when nobody can run it, else what went wrong."""
        try:
            done = subprocess.run(
                [str(python), "-I", "-c", PROBE, *files],
                user="nobody",
                group="nogroup",
                extra_groups=[],
                cwd="/",
                capture_output=True,
                text=True,
                env={"PATH": "/usr/bin:/bin"},
            )
        except OSError as error:  # the interpreter itself cannot be reached
            return str(error)
        return done.stderr.strip() if done.returncode else None

    if probe() is None:
        return
    # Files installed under a strict umask: the venv is ours, make it readable as usual.
    subprocess.run(["chmod", "-R", "go+rX", str(settings.runtime)], check=True)
    problem = probe()
    if problem is None:
        return
    for path in (python.resolve(), settings.runtime):
        closed = closed_folder(path)
        if closed is not None:
            raise LaunchError(
                f"participants' servers run as their own accounts and cannot reach {path}: "
                f"{closed} is closed to other users (mode {closed.stat().st_mode & 0o777:o}). "
                "Keep the workshop's venv in a folder everyone can enter, e.g. "
                "make hub HUB_RUNTIME=/srv/handbook-hub, or open that folder with "
                f"'chmod o+x {closed}' if that is right for this machine."
            )
    raise LaunchError(f"an ordinary account cannot run the participants' Python:\n{problem}")


def addresses(settings: Settings) -> list[str]:
    """The addresses to type: the one given, or every IPv4 address of this machine's network
    interfaces (loopback last, for this machine only)."""
    scheme = "https" if settings.https else "http"
    if settings.ip and settings.ip not in ("0.0.0.0", "::"):
        hosts = [settings.ip]
    else:
        hosts = [*lan_addresses(), "127.0.0.1"]
    return [f"{scheme}://{f'[{h}]' if ':' in h else h}:{settings.port}" for h in hosts]


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, from `ip -j addr`."""
    try:
        out = subprocess.run(
            ["ip", "-j", "-4", "addr", "show"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [
        info["local"]
        for link in json.loads(out)
        for info in link.get("addr_info", [])
        if info.get("scope") != "host" and info.get("local")
    ]


def wait_until_up(settings: Settings, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait for /hub/health to answer, or fail with the end of the hub's log."""
    host = "127.0.0.1" if settings.ip in ("", "0.0.0.0", "::") else settings.ip
    host = f"[{host}]" if ":" in host else host
    url = f"{'https' if settings.https else 'http'}://{host}:{settings.port}/hub/health"
    context = ssl._create_unverified_context() if settings.https else None  # our own hub
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2, context=context):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
                raise LaunchError(f"the hub did not start; the end of {log}:\n{tail}") from None
            time.sleep(0.3)


def banner(settings: Settings, log: Path) -> str:
    """What the teacher reads out and puts on the board."""
    urls = addresses(settings)
    room = [u for u in urls if "127.0.0.1" not in u] or urls
    lines = [
        "",
        "The workshop hub is ready.",
        "",
        "Participants open this address on the same network:",
    ]
    lines += [f"    {u}" for u in room]
    lines += ["", qr_code(room[0])]
    lines += [
        f"    Name:      any name of their own (letters and digits), {settings.seats} seats",
        f"    Password:  {settings.password}",
        "",
        f"The teacher logs in as {settings.admin!r} with the password {settings.admin_password}",
        f"    Who is connected: {room[0]}/hub/admin",
        "    Class mode on the projector: make class, in another terminal",
        f"    Each participant also has the class as one page ({settings.class_routine}):",
        f"    {CLASS_PAGE} beside their notebooks, linked from the hub's pages",
        "",
    ]
    if not settings.https:
        lines += [
            "Plain HTTP: the password crosses the room's network in clear. For HTTPS:",
            "    make hub HUB_CERT=cert.pem HUB_KEY=key.pem",
            "",
        ]
    lines += [
        f"The hub's log: {log}",
        "Stop with Ctrl+C (saved work stays); after the workshop: make hub-clean",
        "",
    ]
    return "\n".join(lines)


def qr_code(text: str) -> str:
    """A QR code drawn with Unicode half blocks, for terminals."""
    import io

    import segno

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def run(env: dict[str, str]) -> int:
    """Start the hub with env's settings and wait for it to stop."""
    env = complete(env)
    settings = Settings.from_env(env)
    if os.geteuid() != 0:
        raise LaunchError(
            "the hub makes a Unix account for each participant: run make hub "
            "as root (sudo make hub)"
        )
    check_port(settings)
    ensure_group(settings.group)
    prepare_runtime(settings)
    check_access(settings)
    settings.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings.state.chmod(0o700)  # the database and the cookie secret are the hub's alone
    log = settings.state / "hub.log"
    env["HUB_STATE"], env["HUB_RUNTIME"] = str(settings.state), str(settings.runtime)
    # A Python handler, unlike an ignored signal (as in a shell's background job), is reset
    # by exec: the hub and the services it starts then stop on SIGINT as they should.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with log.open("a") as out:
        process = subprocess.Popen(
            [str(settings.runtime / "bin" / "jupyterhub"), "-f", str(CONFIG)],
            cwd=settings.state,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )

    def stop(signum: int, frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    # Ctrl+C reaches the hub too (one process group) and it stops everything; a second
    # signal would start a second shutdown on top of the first, so none is forwarded.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        wait_until_up(settings, process, log)
        print(banner(settings, log), flush=True)
        return process.wait()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=60)
        if process.poll() is None:
            process.kill()
            process.wait()
        print("The hub has stopped.", flush=True)


def main() -> int:
    """Run with the environment make passes; a problem is printed plainly, exit 2."""
    try:
        return run(dict(os.environ))
    except (SettingsError, LaunchError) as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
