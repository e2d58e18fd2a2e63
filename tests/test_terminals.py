"""Quiet terminals: `make lab` and `make class` print what a person needs (the address, how to
stop), not the servers' log: no "not trusted", no warning per kernel, no deprecation."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOISE = re.compile(r"not trusted|without encryption|Deprecat|Warning|WARNING|\[I |\[W ", re.I)

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(target: str, env: dict[str, str], log: Path, until: str, timeout: float = 120):
    """Start `make target` in its own process group; wait until the log shows ``until``."""
    out = log.open("w")
    process = subprocess.Popen(
        ["make", "-s", target],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its servers and kernels stop with it, by this group's id
    )
    end = time.monotonic() + timeout
    while until not in log.read_text() and time.monotonic() < end:
        assert process.poll() is None, log.read_text()
        time.sleep(0.5)
    assert until in log.read_text(), log.read_text()
    return process, out


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return os.environ | {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "BROWSER": "true",  # the address is printed; no browser is opened here
    }


def test_make_lab_prints_the_address_and_how_to_stop(env, tmp_path):
    port = free_port()
    log = tmp_path / "lab.txt"
    process, out = run("lab", env | {"JUPYTER_PORT": str(port)}, log, f":{port}/lab?token=")
    try:
        token = re.search(r"token=(\w+)", log.read_text())[1]
        base = f"http://127.0.0.1:{port}/api"
        # What a person does first: open the start page (its trust is checked) and a kernel.
        urllib.request.urlopen(f"{base}/contents/00-start-here.ipynb?token={token}").read()
        request = urllib.request.Request(f"{base}/kernels?token={token}", data=b"{}", method="POST")
        assert urllib.request.urlopen(request).status == 201
        time.sleep(8)  # the kernel's start-up warnings, if any, would be written by now
    finally:
        stop(process)
        out.close()
    text = log.read_text()
    assert "To stop it, press Control-C twice here." in text
    assert not NOISE.search(text), text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) <= 10, text


def test_make_class_prints_the_address_and_how_to_stop(env, tmp_path):
    port = free_port()
    log = tmp_path / "class.txt"
    process, out = run(
        "class", env | {"CLASS_PORT": str(port), "CLASS_POOL": "1"}, log, "Control-C"
    )
    try:
        for _ in range(120):  # the pooled kernel has run the notebook
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
            except OSError:
                time.sleep(0.5)
                continue
            if "hb-class" in page or "05-class-mode" in page or "voila" in page.lower():
                break
        time.sleep(3)
    finally:
        stop(process)
        out.close()
    text = log.read_text()
    assert f"Class mode is at http://127.0.0.1:{port}/" in text
    assert not NOISE.search(text), text
    assert len([line for line in text.splitlines() if line.strip()]) <= 4, text
