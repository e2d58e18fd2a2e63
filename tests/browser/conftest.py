"""Real-browser fixtures: JupyterLab and Voila on loopback, driven by Debian's Chromium.

Servers run from a temporary copy of the notebooks (JupyterLab autosaves), each with
its own Jupyter config and runtime folders, and stop when the tests are done. Under CI
a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(items):
    """Mark every test under tests/browser as a browser test."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; skipped on a developer's machine without it, a failure under CI."""
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    message = "Debian's chromium is not installed: run `make chromium` (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """Launch Debian's Chromium with the flags this closed network needs."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A laptop-sized window."""
    return {**browser_context_args, "viewport": {"width": 1400, "height": 900}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"server did not answer {url} within {timeout} s:\n{log.read_text()}")


@dataclass
class Server:
    """A running Jupyter server: its base URL and the folder it serves."""

    base: str
    root: Path
    token: str = ""
    pid: int = 0  # the server's process, whose children are its kernels

    def url(self, path: str) -> str:
        """An address on the server, with the token when there is one."""
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if self.token else self.base + path


def _workspace(tmp: Path) -> tuple[Path, dict]:
    """A copy of the notebooks and an environment with private Jupyter folders."""
    root = tmp / "work"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config, runtime = tmp / "config", tmp / "runtime"
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "PYTHONUNBUFFERED": "1",
    }
    return root, env


def _serve(command: list[str], cwd: Path, env: dict, probe: str, log: Path):
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(probe, process, log)
    except BaseException:
        process.kill()
        raise
    return process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_lab(
    root: Path, env: dict, log: Path, *extra: str, token: str = "handbook-tests"
) -> tuple[Server, subprocess.Popen]:
    """JupyterLab on 127.0.0.1 serving root, ready; stop its process with _stop."""
    port = _free_port()
    process = _serve(
        [
            str(BIN / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=",
            "--ServerApp.open_browser=False",
            "--allow-root",
            *extra,
        ],
        root,
        env,
        f"http://127.0.0.1:{port}/api/status?token={token}",
        log,
    )
    return Server(f"http://127.0.0.1:{port}/", root, token), process


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Iterator[Server]:
    """JupyterLab on 127.0.0.1, serving a temporary copy of notebooks/."""
    tmp = tmp_path_factory.mktemp("lab")
    root, env = _workspace(tmp)
    server, process = start_lab(root, env, tmp / "lab.log")
    yield server
    _stop(process)


@pytest.fixture(scope="session")
def voila(tmp_path_factory) -> Iterator[Server]:
    """Voila on 127.0.0.1, serving a temporary copy of notebooks/ as apps."""
    tmp = tmp_path_factory.mktemp("voila")
    root, env = _workspace(tmp)
    port = _free_port()
    process = _serve(
        [
            str(BIN / "voila"),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            "--VoilaExecutor.timeout=120",
            str(root),
        ],
        root,
        env,
        f"http://127.0.0.1:{port}/voila/static/voila.js",
        tmp / "voila.log",
    )
    yield Server(f"http://127.0.0.1:{port}/", root)
    _stop(process)


def _class_mode(tmp: Path, language: str | None = None) -> Iterator[Server]:
    """Class mode as `make class` serves it: Voila with the repository's voila.json (no code,
    remove-cell, preheated kernels) and the one notebook, at the server's root; ``language``
    as `make class HANDBOOK_LANG=...` gives it to Voila and its kernels."""
    root, env = _workspace(tmp)
    if language is not None:
        env["HANDBOOK_LANG"] = language
    shutil.copy(ROOT / "voila.json", tmp / "voila.json")
    port = _free_port()
    process = _serve(
        [
            str(BIN / "voila"),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            "--pool_size=1",
            str(root / "05-class-mode.ipynb"),
        ],
        tmp,
        env,
        f"http://127.0.0.1:{port}/voila/static/voila.js",
        tmp / "voila.log",
    )
    yield Server(f"http://127.0.0.1:{port}/", root, pid=process.pid)
    _stop(process)


@pytest.fixture(scope="session")
def class_app(tmp_path_factory) -> Iterator[Server]:
    """Class mode as `make class` serves it, shared by the tests that open its page."""
    yield from _class_mode(tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="module")
def own_class_app(tmp_path_factory) -> Iterator[Server]:
    """Class mode as `make class` serves it, for one module alone (its kernels counted)."""
    yield from _class_mode(tmp_path_factory.mktemp("own-class"))
