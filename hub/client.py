"""The hub seen from outside, for its test and its benchmark: `make hub` started and stopped
as a teacher does, and participants' browsers over plain HTTP (standard library only)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from hub.launch import closed_folder
from hub.room import ROOT, START_PAGE


def free_port() -> int:
    """A port nothing listens on at 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Browser:
    """One participant's cookies, as their browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(
        self,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
        body: bytes | None = None,
    ) -> tuple[int, str, str]:
        """(status, final path, body) of a request, redirects followed; data is a form."""
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, body, headers or {}, method=method)
        try:
            with self.opener.open(request, timeout=120) as response:
                return (
                    response.status,
                    urllib.parse.urlparse(response.url).path,
                    response.read().decode(),
                )
        except urllib.error.HTTPError as error:
            return error.code, urllib.parse.urlparse(error.url).path, error.read().decode()

    def cookie(self, name: str, path: str) -> str:
        """The value of a cookie the hub or a server set."""
        return next(c.value or "" for c in self.jar if c.name == name and c.path == path)

    def login(self, name: str, password: str, next_url: str = "") -> tuple[int, str, str]:
        """Post the login form as a person does: the page first, for its xsrf cookie."""
        self.open("/hub/login")
        form = {"username": name, "password": password, "_xsrf": self.cookie("_xsrf", "/hub/")}
        return self.open(f"/hub/login?next={urllib.parse.quote(next_url)}", form)

    def wait_for_server(self, name: str, timeout: float = 180) -> str:
        """Follow the hub to the participant's JupyterLab start page; return its HTML."""
        start = f"/user/{name}{START_PAGE}"
        deadline = time.monotonic() + timeout
        while True:
            status, path, body = self.open(start)
            if status == 200 and path == start:
                return body
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{name}'s server was not ready in {timeout:.0f} s: {status} {path}"
                )
            time.sleep(0.5)

    def api(
        self, name: str, path: str, method: str = "GET", payload: dict[str, object] | None = None
    ) -> tuple[int, str]:
        """Call the participant's server API, with the xsrf header it asks of cookies."""
        headers = {
            "X-XSRFToken": self.cookie("_xsrf", f"/user/{name}/"),
            "Content-Type": "application/json",
        }
        body = json.dumps(payload).encode() if payload is not None else None
        status, _, text = self.open(
            f"/user/{name}/api/{path}", headers=headers, method=method, body=body
        )
        return status, text

    def hub_api(self, path: str) -> tuple[int, object]:
        """GET from the hub's REST API with this browser's login; the JSON it answers."""
        status, _, text = self.open(
            f"/hub/api/{path}", headers={"X-XSRFToken": self.cookie("_xsrf", "/hub/")}
        )
        return status, json.loads(text) if status == 200 else text


def login_error(body: str) -> str:
    """The message the login page shows, if any."""
    found = re.search(r'class="login_error">([^<]*)<', body)
    return found.group(1).replace("&#39;", "'") if found else ""


class HubProcess:
    """`make hub` on 127.0.0.1 with a group, prefix and state of its own (so it never meets a
    real workshop's accounts), stopped as Ctrl+C stops it, and cleaned up with hub-clean."""

    def __init__(self, tmp: Path, *, seats: int, prefix: str, group: str, idle: int = 3600):
        self.port = free_port()
        self.password, self.admin_password = secrets.token_hex(8), secrets.token_hex(8)
        self.prefix, self.group = prefix, group
        self.env = {
            "HUB_IP": "127.0.0.1",
            "HUB_PORT": str(self.port),
            "SEATS": str(seats),
            "HUB_PASSWORD": self.password,
            "HUB_ADMIN_PASSWORD": self.admin_password,
            "HUB_USER_PREFIX": prefix,
            "HUB_GROUP": group,
            "HUB_IDLE": str(idle),
            "HUB_STATE": str(tmp / "state"),
        }
        self._runtime: Path | None = None
        if closed_folder(ROOT):  # a checkout others cannot enter: its venv goes elsewhere
            self._runtime = Path(tempfile.mkdtemp(prefix=f"{prefix}runtime-", dir="/tmp"))
            self._runtime.chmod(0o755)
            self.env["HUB_RUNTIME"] = str(self._runtime / "venv")
        self.base = f"http://127.0.0.1:{self.port}"
        self.out = tmp / "make-hub.out"
        self.process: subprocess.Popen[bytes] | None = None

    def _make(self, target: str) -> list[str]:
        return ["make", "-s", target, *(f"{k}={v}" for k, v in self.env.items())]

    def start(self, timeout: float = 300) -> None:
        """Run make hub and wait for its banner (a first run installs the venv and proxy)."""
        with self.out.open("w") as out:
            self.process = subprocess.Popen(
                self._make("hub"),
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # its own process group
        deadline = time.monotonic() + timeout
        while "The workshop hub is ready" not in self.out.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"make hub did not start:\n{self.output()}")
            time.sleep(0.5)

    def output(self) -> str:
        """What make hub printed, and the end of the hub's log."""
        log = Path(self.env["HUB_STATE"]) / "hub.log"
        tail = log.read_text(errors="replace").splitlines()[-40:] if log.exists() else []
        return self.out.read_text() + "\n--- hub.log ---\n" + "\n".join(tail)

    def stop(self) -> None:
        """Ctrl+C to make's process group; wait until every process of it has ended."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)

    def clean(self) -> subprocess.CompletedProcess[str]:
        """make hub-clean YES=1 for this hub's group and prefix."""
        return subprocess.run(
            [*self._make("hub-clean"), "YES=1"],
            cwd=ROOT,
            text=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )

    def remove_runtime(self) -> None:
        """The venv made outside a private checkout, if one was."""
        if self._runtime is not None:
            shutil.rmtree(self._runtime, ignore_errors=True)


def server_process(name: str) -> tuple[int, dict[str, str]]:
    """(uid, environment) of the single-user server of hub user name (read as root)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if b"jupyterhub-singleuser" not in (proc / "cmdline").read_bytes():
                continue
            env = dict(
                line.split("=", 1)
                for line in (proc / "environ").read_bytes().decode().split("\0")
                if "=" in line
            )
            if env.get("JUPYTERHUB_USER") == name:
                return proc.stat().st_uid, env
    raise LookupError(f"no server process for {name}")
