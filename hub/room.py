"""The workshop's rules, apart from JupyterHub so they are tested without it: settings from
the environment, participants' names, seats and passwords."""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = Path(__file__).with_name("words.txt")
NAME_LIMIT = 20  # characters of a participant's name; with the prefix, within Unix's 32
LOGIN_GRACE_S = 30.0  # a login holds its seat this long while its server has not started
START_PAGE = "/lab/tree/notebooks/00-start-here.ipynb"  # where each participant lands
BOOKS = ROOT / "notebooks"  # the English book; each other language's in its folder (es/)
CLASS_PAGE = "class-page.html"  # the class as one offline page, beside each participant's book
# Where the hub's pages link the class page: JupyterHub sends a logged-in participant to their
# own server's copy (`user-redirect`), which serves it raw; `?download=1` saves it to keep.
CLASS_PAGE_LINK = f"user-redirect/files/notebooks/{CLASS_PAGE}"
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PREFIX_PATTERN = re.compile(r"[a-z][a-z0-9]{0,7}-")
GROUP_PATTERN = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


def workshop_share(runtime: Path) -> Path:
    """Where the launcher puts the notebooks and the script that copies them, in the venv."""
    return runtime / "share" / "handbook-workshop"


class SettingsError(ValueError):
    """Workshop settings that cannot be used; the message names each variable and the fix."""


@dataclass(frozen=True)
class Settings:
    """Everything the hub needs, as `make hub` passes it in environment variables."""

    ip: str  # "" listens on all of this machine's addresses
    port: int
    password: str  # the participants' shared password
    admin: str  # the teacher's name on the hub
    admin_password: str
    seats: int
    cert: str  # HTTPS when both cert and key are given
    key: str
    idle_timeout: int  # seconds before the culler stops an idle server
    prefix: str  # of every workshop account: "hb-" makes anna "hb-anna"
    group: str  # the Unix group that records the accounts the hub created
    state: Path  # the hub's database, cookie secret, pid file and log
    runtime: Path  # the venv the participants' servers run from
    class_routine: str  # the routine of the class page each participant gets
    language: str  # of the book participants land in, their kernels and the hub's words
    api_port: int  # the proxy's API, on 127.0.0.1
    internal_port: int  # the hub itself behind the proxy, on 127.0.0.1

    @property
    def https(self) -> bool:
        """Whether the hub serves HTTPS."""
        return bool(self.cert and self.key)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read and check the HUB_* variables (and SEATS); raise SettingsError listing all
        that is wrong."""
        problems: list[str] = []

        def number(var: str, default: int, low: int, high: int) -> int:
            raw = env.get(var, "").strip() or str(default)
            try:
                value = int(raw)
            except ValueError:
                problems.append(f"{var}={raw!r} is not a whole number")
                return default
            if not low <= value <= high:
                problems.append(f"{var}={value} must be from {low} to {high}")
            return value

        ip = env.get("HUB_IP", "").strip()
        if ip:
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                problems.append(
                    f"HUB_IP={ip!r} is not an IP address of this machine "
                    "(leave it empty for all of them, or 127.0.0.1 for a private try)"
                )
        port = number("HUB_PORT", 8000, 1, 65535)
        seats = number("SEATS", 20, 1, 500)
        idle = number("HUB_IDLE", 3600, 60, 7 * 24 * 3600)
        api_port = number("HUB_API_PORT", 0, 1, 65535)
        internal_port = number("HUB_INTERNAL_PORT", 0, 1, 65535)
        prefix = env.get("HUB_USER_PREFIX", "hb-")
        if not PREFIX_PATTERN.fullmatch(prefix):
            problems.append(
                f"HUB_USER_PREFIX={prefix!r} must be a lower-case letter, up to 7 "
                "more letters or digits, and a dash, like 'hb-'"
            )
        group = env.get("HUB_GROUP", "handbook-workshop")
        if not GROUP_PATTERN.fullmatch(group):
            problems.append(f"HUB_GROUP={group!r} is not a valid Unix group name")
        admin = hub_name(env.get("HUB_ADMIN", "teacher"))
        if not admin:
            problems.append(f"HUB_ADMIN={env.get('HUB_ADMIN')!r}: {NAME_RULE}")
        password = env.get("HUB_PASSWORD", "")
        admin_password = env.get("HUB_ADMIN_PASSWORD", "")
        if not password:
            problems.append("HUB_PASSWORD is empty (make hub chooses one when it is not given)")
        if not admin_password:
            problems.append("HUB_ADMIN_PASSWORD is empty (make hub chooses one when not given)")
        if password and password == admin_password:
            problems.append(
                "HUB_ADMIN_PASSWORD must differ from HUB_PASSWORD: "
                "the teacher's password makes whoever types it the hub's admin"
            )
        class_routine = env.get("HUB_CLASS", "").strip() or "back-pain-basics"
        if not KEBAB.fullmatch(class_routine):
            problems.append(
                f"HUB_CLASS={class_routine!r} is not a routine's id "
                "(lower-case words joined by dashes, like back-pain-basics)"
            )
        language = book_language(env.get("HANDBOOK_LANG", ""), problems)
        cert, key = env.get("HUB_CERT", ""), env.get("HUB_KEY", "")
        if bool(cert) != bool(key):
            problems.append(
                "HTTPS needs both HUB_CERT (the certificate) and HUB_KEY "
                "(its private key); only one was given"
            )
        for var, path in (("HUB_CERT", cert), ("HUB_KEY", key)):
            if path and not Path(path).is_file():
                problems.append(f"{var}={path!r}: no such file")
        if problems:
            raise SettingsError(
                "make hub cannot start:\n" + "\n".join(f"  - {p}" for p in problems)
            )
        return cls(
            ip=ip,
            port=port,
            password=password,
            admin=admin,
            admin_password=admin_password,
            seats=seats,
            cert=cert,
            key=key,
            idle_timeout=idle,
            prefix=prefix,
            group=group,
            state=Path(env.get("HUB_STATE") or ROOT / ".hub" / "state").resolve(),
            runtime=Path(env.get("HUB_RUNTIME") or ROOT / ".hub" / "venv").absolute(),
            api_port=api_port,
            internal_port=internal_port,
            class_routine=class_routine,
            language=language,
        )


def book_language(wanted: str, problems: list[str]) -> str:
    """The language of HANDBOOK_LANG ("es", "es_ES.UTF-8"...) when the handbook has a book in
    it; English when empty; otherwise a problem naming the books there are."""
    code = wanted.strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    if not code or code == "en":
        return "en"
    if not start_page(code):
        books = [
            "en",
            *sorted(p.name for p in BOOKS.iterdir() if p.is_dir() and start_page(p.name)),
        ]
        problems.append(
            f"HANDBOOK_LANG={wanted!r}: the handbook has no book in that language; "
            f"choose one of {', '.join(books)}"
        )
        return "en"
    return code


def start_page(language: str) -> str:
    """Where a participant lands: the start page of the book in their language ("" if none).

    >>> start_page("en"), start_page("es")
    ('/lab/tree/notebooks/00-start-here.ipynb', '/lab/tree/notebooks/es/00-empieza-aqui.ipynb')
    """
    if language == "en":
        return START_PAGE
    found = sorted(BOOKS.glob(f"{language}/00-*.ipynb")) if language.isalpha() else []
    return f"/lab/tree/notebooks/{language}/{found[0].name}" if found else ""


def announcements(language: str) -> dict[str, str]:
    """The words on the hub's sign-in and home pages, in the workshop's language, with the
    link to each participant's class page."""
    from handbook import i18n

    i18n.set_language(language)
    _ = i18n.gettext
    links = _(
        'The class on your own screen: <a href="{link}" target="_blank">open the class page</a> '
        'or <a href="{link}?download=1">save it</a> to use offline, on any device, after the '
        "workshop too."
    ).format(link=CLASS_PAGE_LINK)
    come_in = _(
        "Type a name of your choice (letters and digits) and the workshop password the teacher "
        "gives you. Once in: {links}"
    ).format(links=links)
    return {"announcement_login": come_in, "announcement_home": links}


NAME_RULE = "use letters a-z and digits for your name (at most 20), for example anna or anna2"


def hub_name(typed: str) -> str:
    """A participant's name on the hub from what they typed: lower case, accents dropped,
    anything else between words made a dash; "" when nothing usable is left."""
    plain = unicodedata.normalize("NFKD", typed).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return name[:NAME_LIMIT].rstrip("-")


def system_name(name: str, prefix: str) -> str:
    """The Unix account of a hub user: the prefix keeps it apart from the machine's own."""
    return prefix + name


def new_password(words: int = 3, choice: Callable[[list[str]], str] = secrets.choice) -> str:
    """A password of a few short words joined by dashes, easy to type on a phone."""
    vocabulary = WORDS.read_text(encoding="utf-8").split()
    return "-".join(choice(vocabulary) for _ in range(words))


def password_matches(given: str, expected: str) -> bool:
    """Compare passwords in constant time, so the time taken tells nothing."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Seats:
    """Who holds a seat: each participant whose server runs or is starting, and each who logged
    in during the last `grace` seconds (their server is on its way)."""

    def __init__(
        self, seats: int, grace: float = LOGIN_GRACE_S, clock: Callable[[], float] = time.monotonic
    ):
        self.seats = seats
        self.grace = grace
        self._clock = clock
        self._logins: dict[str, float] = {}

    def holders(self, active: Iterable[str]) -> set[str]:
        """The names holding a seat now, given the participants whose servers are active."""
        now = self._clock()
        self._logins = {n: t for n, t in self._logins.items() if now - t < self.grace}
        return set(active) | set(self._logins)

    def admit(self, name: str, active: Iterable[str], returning: bool = False) -> str | None:
        """Seat name and return None, or return why not. `returning` is a participant whose
        own browser is already logged in as name (a second click, a re-login)."""
        holders = self.holders(active)
        if name in holders and not returning:
            return (
                f"The name {name!r} is already in use in this room: choose another, "
                f"for example {name}2."
            )
        if name not in holders and len(holders) >= self.seats:
            return (
                f"The room is full: all {self.seats} seats are taken. Ask the teacher to free one."
            )
        self._logins[name] = self._clock()
        return None


ADDRESS_FREE_TRIES = 10
"""Wrong passwords in a row from one address before it must wait (a classroom shares one)."""
NAME_FREE_TRIES = 5
"""Wrong passwords in a row for one name (the teacher's, say) before it must wait."""
LOCK_CAP_S = 300.0
"""The longest wait: each wrong password past the free ones doubles it, up to this."""


class Throttle:
    """Wrong logins slowed per key (an address, a name): after ``free`` wrong passwords in a
    row, each further one shuts the key out for 1 s, then 2 s, 4 s ... at most ``cap``. A
    right password clears the key. While shut out, no password is even compared.

    The clock is injected so tests need no real time; keys idle for an hour are forgotten
    (the table stays small whatever an attacker sends).
    """

    def __init__(
        self,
        free: int,
        cap: float = LOCK_CAP_S,
        clock: Callable[[], float] = time.monotonic,
        forget_s: float = 3600.0,
    ):
        self.free, self.cap, self.clock, self.forget_s = free, cap, clock, forget_s
        self._keys: dict[str, tuple[int, float, float]] = {}  # key: (wrong, shut until, last)

    def wait(self, key: str) -> float:
        """Seconds before key may try again (0.0: now)."""
        _, until, _ = self._keys.get(key, (0, 0.0, 0.0))
        return max(0.0, until - self.clock())

    def failed(self, key: str) -> None:
        """Count a wrong password for key; shut it out when past the free tries."""
        now = self.clock()
        wrong, _, _ = self._keys.get(key, (0, 0.0, now))
        wrong += 1
        past = wrong - self.free
        until = now + min(self.cap, 2.0 ** (past - 1)) if past > 0 else 0.0
        self._keys[key] = (wrong, until, now)
        if len(self._keys) > 10_000:
            self._forget(now)

    def succeeded(self, key: str) -> None:
        """A right password: key starts afresh."""
        self._keys.pop(key, None)

    def _forget(self, now: float) -> None:
        for key, (_, until, last) in list(self._keys.items()):
            if now - last > self.forget_s and until <= now:
                del self._keys[key]


def client_address(headers: Mapping[str, str], peer: str) -> str:
    """The address a login came from, as the proxy saw it: the last X-Forwarded-For entry,
    which configurable-http-proxy appends. Tornado would let a client's own X-Real-Ip header
    name any address (a new one per guess, and no throttle); that header is not read here."""
    forwarded = headers.get("X-Forwarded-For", "")
    last = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return peer


class Doorman:
    """The hub's throttles together: one per address, one per name (see Throttle)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.addresses = Throttle(ADDRESS_FREE_TRIES, clock=clock)
        self.names = Throttle(NAME_FREE_TRIES, clock=clock)

    def wait(self, address: str, name: str) -> float:
        """Seconds before this address may try this name again (0.0: now)."""
        return max(self.addresses.wait(address), self.names.wait(name))

    def failed(self, address: str, name: str) -> None:
        self.addresses.failed(address)
        self.names.failed(name)

    def succeeded(self, address: str, name: str) -> None:
        self.addresses.succeeded(address)
        self.names.succeeded(name)
