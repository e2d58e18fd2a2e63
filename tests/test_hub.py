"""The workshop hub: its rules (names, seats, passwords, settings, the notebooks' copy) and,
marked slow, a real `make hub` with three participants logging in over HTTP."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import pwd
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

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.launch import closed_folder
from hub.room import NAME_LIMIT, WORDS, Seats, Settings, SettingsError, hub_name, new_password
from hub.seed import seed

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


# The rules, without JupyterHub.

@pytest.mark.parametrize(("typed", "name"), [
    ("anna", "anna"), ("Anna", "anna"), ("  Bob Müller ", "bob-muller"), ("José", "jose"),
    ("o'neil", "o-neil"), ("anna2", "anna2"), ("李", ""), ("---", ""), ("", ""),
    ("a" * 30, "a" * NAME_LIMIT),
])
def test_hub_name_makes_a_safe_name(typed, name):
    assert hub_name(typed) == name


@given(st.text(max_size=40))
def test_hub_name_is_a_valid_unix_name_and_stable(typed):
    name = hub_name(typed)
    assert hub_name(name) == name  # JupyterHub normalizes names more than once
    if name:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and len(name) <= NAME_LIMIT


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_seats_fill_then_the_room_is_full():
    seats = Seats(2, grace=30, clock=Clock())
    assert seats.admit("anna", active=[]) is None
    assert seats.admit("bob", active=["anna"]) is None
    refusal = seats.admit("carl", active=["anna", "bob"])
    assert refusal and "room is full" in refusal and "2 seats" in refusal


def test_a_name_in_use_is_refused_unless_it_is_the_same_browser():
    seats = Seats(5, clock=Clock())
    assert seats.admit("anna", active=[]) is None
    assert "already in use" in seats.admit("anna", active=["anna"])
    assert seats.admit("anna", active=["anna"], returning=True) is None


def test_a_login_holds_its_seat_only_until_its_server_should_have_started():
    clock = Clock()
    seats = Seats(1, grace=30, clock=clock)
    assert seats.admit("anna", active=[]) is None
    clock.now += 10
    assert "room is full" in seats.admit("bob", active=[])  # anna's server is on its way
    clock.now += 25
    assert seats.admit("bob", active=[]) is None  # anna never started: her seat is free


def test_a_stopped_server_frees_its_seat():
    clock = Clock()
    seats = Seats(1, grace=30, clock=clock)
    assert seats.admit("anna", active=[]) is None
    clock.now += 600
    assert "room is full" in seats.admit("bob", active=["anna"])
    assert seats.admit("bob", active=[]) is None  # the culler or a logout stopped anna's


def test_new_password_is_a_few_words_from_a_large_list():
    words = new_password(3).split("-")
    assert len(words) == 3 and all(w.isalpha() and w.islower() for w in words)
    assert new_password(2, choice=lambda vocabulary: vocabulary[0]) == "acorn-acorn"
    vocabulary = WORDS.read_text().split()
    assert len(set(vocabulary)) == len(vocabulary) >= 250  # three words: 15 million choices


ENV = {"HUB_PASSWORD": "open-sesame", "HUB_ADMIN_PASSWORD": "teach-me", "HUB_API_PORT": "9001",
       "HUB_INTERNAL_PORT": "9002"}


def test_settings_from_make_variables():
    s = Settings.from_env(ENV | {"HUB_IP": "127.0.0.1", "SEATS": "3", "HUB_ADMIN": "Ms Lee"})
    assert (s.ip, s.port, s.seats, s.admin, s.prefix, s.group) == (
        "127.0.0.1", 8000, 3, "ms-lee", "hb-", "handbook-workshop")
    assert not s.https and s.runtime == ROOT / ".hub" / "venv"


def test_settings_name_every_mistake(tmp_path):
    env = ENV | {"HUB_IP": "all", "SEATS": "twenty", "HUB_PORT": "0", "HUB_USER_PREFIX": "root",
                 "HUB_CERT": str(tmp_path / "missing.pem"), "HUB_ADMIN_PASSWORD": "open-sesame"}
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    message = str(caught.value)
    for expected in ("HUB_IP='all'", "SEATS='twenty'", "HUB_PORT=0", "HUB_USER_PREFIX='root'",
                     "only one was given", "no such file", "must differ from HUB_PASSWORD"):
        assert expected in message, expected


def test_seed_copies_missing_notebooks_and_keeps_the_participants(tmp_path):
    home = tmp_path / "notebooks"
    home.mkdir()
    (home / "00-start-here.ipynb").write_text("mine")
    copied = seed(ROOT / "notebooks", home)
    assert copied == [n for n in NOTEBOOKS if n != "00-start-here.ipynb"]
    assert (home / "00-start-here.ipynb").read_text() == "mine"
    assert seed(ROOT / "notebooks", home) == []


# A real hub, as `make hub` starts it.

PREFIX, GROUP, DECOY = "hbt-", "handbook-test", "hbtdecoy"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One participant's cookies, as a browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path: str, data: dict | None = None, headers: dict | None = None):
        """(status, final path, body) of a request, redirects followed."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, body, headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, urllib.parse.urlparse(response.url).path, \
                    response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, urllib.parse.urlparse(error.url).path, error.read().decode()

    def cookie(self, name: str, path: str) -> str:
        return next(c.value for c in self.jar if c.name == name and c.path == path)

    def login(self, name: str, password: str, next_url: str = ""):
        """Post the login form as a person does: the page first, for its xsrf cookie."""
        self.open("/hub/login")
        form = {"username": name, "password": password, "_xsrf": self.cookie("_xsrf", "/hub/")}
        return self.open(f"/hub/login?next={urllib.parse.quote(next_url)}", form)


def login_error(body: str) -> str:
    found = re.search(r'class="login_error">([^<]*)<', body)
    return found.group(1).replace("&#39;", "'") if found else ""


class Hub:
    """`make hub` on 127.0.0.1 with its own group, prefix and state, stopped and cleaned up
    in every case."""

    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.password, self.admin_password = secrets.token_hex(8), secrets.token_hex(8)
        self.env = {"HUB_IP": "127.0.0.1", "HUB_PORT": str(self.port), "SEATS": "3",
                    "HUB_PASSWORD": self.password, "HUB_ADMIN_PASSWORD": self.admin_password,
                    "HUB_USER_PREFIX": PREFIX, "HUB_GROUP": GROUP,
                    "HUB_STATE": str(tmp / "state")}
        if closed_folder(ROOT):  # a checkout others cannot enter: the venv goes elsewhere
            runtime = Path(tempfile.mkdtemp(prefix="hbt-runtime-", dir="/tmp"))
            runtime.chmod(0o755)
            self.env["HUB_RUNTIME"] = str(runtime / "venv")
        self.base = f"http://127.0.0.1:{self.port}"
        self.out = tmp / "make-hub.out"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.out.open("w") as out:
            self.process = subprocess.Popen(
                ["make", "-s", "hub", *(f"{k}={v}" for k, v in self.env.items())], cwd=ROOT,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)  # its own process group, stopped as Ctrl+C would
        deadline = time.monotonic() + 300  # a first run installs the hub's venv and proxy
        while "The workshop hub is ready" not in self.out.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"make hub did not start:\n{self.output()}")
            time.sleep(0.5)

    def output(self) -> str:
        log = Path(self.env["HUB_STATE"]) / "hub.log"
        tail = log.read_text(errors="replace").splitlines()[-40:] if log.exists() else []
        return self.out.read_text() + "\n--- hub.log ---\n" + "\n".join(tail)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        deadline = time.monotonic() + 30  # the launcher waits for the hub, make for both
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)

    def remove_runtime(self) -> None:
        if "HUB_RUNTIME" in self.env:
            shutil.rmtree(Path(self.env["HUB_RUNTIME"]).parent, ignore_errors=True)

    def clean(self) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "-s", "hub-clean", "YES=1",
                               *(f"{k}={v}" for k, v in self.env.items())],
                              cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def server_process(name: str) -> tuple[int, dict[str, str]]:
    """(uid, environment) of the single-user server of hub user name."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if b"jupyterhub-singleuser" not in (proc / "cmdline").read_bytes():
                continue
            env = dict(line.split("=", 1) for line in
                       (proc / "environ").read_bytes().decode().split("\0") if "=" in line)
            if env.get("JUPYTERHUB_USER") == name:
                return proc.stat().st_uid, env
    raise AssertionError(f"no server process for {name}")


def wait_for_server(browser: Browser, name: str, timeout: float = 150) -> str:
    """Follow the hub to the participant's JupyterLab start page; return its body."""
    start = f"/user/{name}/lab/tree/notebooks/00-start-here.ipynb"
    deadline = time.monotonic() + timeout
    while True:
        status, path, body = browser.open(start)
        if status == 200 and path == start:
            return body
        assert time.monotonic() < deadline, f"{name}'s server not ready: {status} {path}"
        time.sleep(0.5)


@pytest.fixture
def hub(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("make hub makes Unix accounts: it runs as root (as CI does)")
    subprocess.run(["groupadd", "-f", GROUP], check=True)
    with contextlib.suppress(KeyError):  # left by an interrupted run
        pwd.getpwnam(DECOY)
        subprocess.run(["userdel", "-r", DECOY], capture_output=True)
    # An account in the group without the prefix: not the hub's, so hub-clean must keep it.
    subprocess.run(["useradd", "--no-create-home", "--groups", GROUP, DECOY], check=True)
    running = Hub(tmp_path)
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.clean()
        running.remove_runtime()
        subprocess.run(["userdel", DECOY], capture_output=True)
        subprocess.run(["groupdel", GROUP], capture_output=True)
    leftovers = [p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(PREFIX)]
    assert not leftovers, f"accounts left behind: {leftovers}"


@pytest.mark.slow
def test_make_hub_serves_each_participant_their_own_handbook(hub):
    # A wrong password gets nobody in, and makes no account.
    status, path, body = Browser(hub.base).login("mallory", "not-the-password")
    assert status == 403 and "Invalid username or password" in login_error(body)

    people = {"Anna": "anna", "bob": "bob", "Carl Jung": "carl-jung"}
    browsers = {}
    for typed, name in people.items():
        browsers[name] = Browser(hub.base)
        status, path, body = browsers[name].login(typed, hub.password)
        assert status == 200 and not login_error(body), (typed, status, path, login_error(body))
    uids = set()
    for name, browser in browsers.items():
        page = wait_for_server(browser, name)
        assert "JupyterLab" in page
        uid, env = server_process(name)
        account = pwd.getpwuid(uid)
        assert uid != 0 and account.pw_name == PREFIX + name
        assert env["HOME"] == env["HANDBOOK_HOME"] == account.pw_dir
        uids.add(uid)
        # The notebooks are the participant's own copy, in their home.
        xsrf = browser.cookie("_xsrf", f"/user/{name}/")
        status, _, listing = browser.open(f"/user/{name}/api/contents/notebooks",
                                          headers={"X-XSRFToken": xsrf})
        assert status == 200
        assert sorted(item["name"] for item in json.loads(listing)["content"]) == NOTEBOOKS
        home = Path(account.pw_dir)
        assert all((home / "notebooks" / n).stat().st_uid == uid for n in NOTEBOOKS)
        assert home.stat().st_mode & 0o077 == 0, "a home others can read"
    assert len(uids) == 3, "participants share an account"
    with pytest.raises(KeyError):
        pwd.getpwnam(PREFIX + "mallory")

    # The room holds three: the fourth is told so.
    status, _, body = Browser(hub.base).login("dave", hub.password)
    assert status == 403 and "The room is full" in login_error(body)
    # The teacher needs their own password, takes no seat, and sees who is connected.
    status, _, body = Browser(hub.base).login("teacher", hub.password)
    assert status == 403
    teacher = Browser(hub.base)
    status, path, body = teacher.login("teacher", hub.admin_password, next_url="/hub/admin")
    assert status == 200 and path == "/hub/admin", (status, path, login_error(body))
    xsrf = teacher.cookie("_xsrf", "/hub/")
    status, _, users = teacher.open("/hub/api/users?state=active",
                                    headers={"X-XSRFToken": xsrf})
    assert status == 200
    assert {u["name"] for u in json.loads(users)} == set(people.values())

    # After the workshop: the accounts and their homes go, an account not the hub's stays.
    homes = [Path(pwd.getpwnam(PREFIX + n).pw_dir) for n in people.values()]
    hub.stop()
    done = hub.clean()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "will remove" in done.stdout and f"{PREFIX}anna" in done.stdout
    assert f"left alone: {DECOY}" in done.stdout
    assert not [p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(PREFIX)]
    assert not any(h.exists() for h in homes)
    assert not Path(hub.env["HUB_STATE"]).exists()
    pwd.getpwnam(DECOY)  # still there
