"""JupyterHub's settings for a workshop; `make hub` starts `jupyterhub -f` on this file.

Every value comes from the environment that hub/launch.py sets from make's variables
(hub.room.Settings). Participants log in with a name of their choice and the shared password;
each gets a Unix account of their own (the prefix keeps it apart from the machine's accounts,
the group records it for `make hub-clean`), the notebooks copied into their home and
JupyterLab on the start page. The teacher (HUB_ADMIN, with a password of their own) is admin.
"""

import asyncio
import grp
import math
import os
import pwd
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jupyterhub import orm
from jupyterhub.auth import LocalAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from tornado import web

from hub.room import (
    NAME_RULE,
    ROOT,
    Doorman,
    Seats,
    Settings,
    announcements,
    client_address,
    hub_name,
    password_matches,
    start_page,
    system_name,
    workshop_share,
)

settings = Settings.from_env(os.environ)
NOTEBOOKS = workshop_share(settings.runtime) / "notebooks"  # the launcher's snapshot
SEED = workshop_share(settings.runtime) / "seed.py"
PROXY = Path(
    os.environ.get("HUB_PROXY")
    or ROOT / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
)
PYTHON = settings.runtime / "bin" / "python"
PATH = f"{settings.runtime / 'bin'}:/usr/local/bin:/usr/bin:/bin"


def account(name: str) -> pwd.struct_passwd | None:
    """The Unix account of hub user name, if it exists."""
    try:
        return pwd.getpwnam(system_name(name, settings.prefix))
    except KeyError:
        return None


def is_workshop_account(entry: pwd.struct_passwd) -> bool:
    """Whether an account is one this hub created (a member of the workshop group)."""
    try:
        return entry.pw_name in grp.getgrnam(settings.group).gr_mem
    except KeyError:
        return False


class WorkshopAuthenticator(LocalAuthenticator):
    """The shared password for participants, the teacher's own, a seat limit, and a Unix
    account for each participant made at first login."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seats = Seats(settings.seats)
        self.doorman = Doorman()

    def normalize_username(self, username: str) -> str:
        """Names on the hub as hub_name makes them (the same for a name already made)."""
        return hub_name(username) or username

    async def authenticate(self, handler, data):
        """Check the password, then the name and the seats; a refusal says why."""
        name = hub_name(data.get("username", ""))
        given = data.get("password", "")
        if not name:
            raise web.HTTPError(403, f"To log in, {NAME_RULE}.")
        address = (  # the proxy's record of the client, never a header the client set
            client_address(handler.request.headers, handler.request.remote_ip)
            if handler is not None
            else ""
        )
        wait = self.doorman.wait(address, name)
        if wait > 0:  # shut out: the password is not even compared
            self.log.warning("Throttled a login for %r from %s (%.0f s)", name, address, wait)
            raise web.HTTPError(
                429, f"Too many wrong passwords: wait {math.ceil(wait)} s, then try again."
            )
        expected = settings.admin_password if name == settings.admin else settings.password
        if not password_matches(given, expected):
            self.doorman.failed(address, name)
            return None
        self.doorman.succeeded(address, name)
        if name == settings.admin:
            return {"name": name, "admin": True}
        entry = account(name)
        if entry is not None and not is_workshop_account(entry):
            self.log.warning("Refused %r: account %s is not the workshop's", name, entry.pw_name)
            raise web.HTTPError(403, f"The name {name!r} cannot be used here: choose another.")
        current = handler.current_user
        refusal = self.seats.admit(
            name, self._active(handler), returning=current is not None and current.name == name
        )
        if refusal:
            self.log.info("Refused %r: %s", name, refusal)
            raise web.HTTPError(403, refusal)
        return {"name": name, "admin": False}

    @staticmethod
    def _active(handler) -> list[str]:
        """Participants (not the teacher) whose server runs or is starting or stopping."""
        users = (handler.users[u] for u in handler.db.query(orm.User).filter(~orm.User.admin))
        return [user.name for user in users if user.active]

    def system_user_exists(self, user) -> bool:
        """Whether the participant's Unix account exists; one that is not the workshop's is
        never used (the teacher's name from HUB_ADMIN meets this check at start)."""
        entry = account(user.name)
        if entry is not None and not is_workshop_account(entry):
            raise ValueError(
                f"the account {entry.pw_name} exists on this machine and is not "
                f"one of the workshop's (group {settings.group}): choose another "
                "HUB_ADMIN or HUB_USER_PREFIX"
            )
        return entry is not None

    def add_system_user(self, user) -> None:
        """Make the participant's account: its own group, in the workshop group, a private
        home, no password (nobody logs in to it but through the hub)."""
        login = system_name(user.name, settings.prefix)
        cmd = [
            "useradd",
            "--create-home",
            "--user-group",
            "--groups",
            settings.group,
            "--shell",
            "/bin/bash",
            "--comment",
            "handbook workshop participant",
            "--key",
            "HOME_MODE=0700",
            login,
        ]
        self.log.info("Creating workshop account %s", login)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(
                f"could not create the account {login}: {(done.stderr or done.stdout).strip()}"
            )


class WorkshopSpawner(LocalProcessSpawner):
    """A participant's JupyterLab, run as their own Unix account from the workshop's venv."""

    def _entry(self) -> pwd.struct_passwd:
        """The participant's account; never one the workshop did not make."""
        entry = pwd.getpwnam(system_name(self.user.name, settings.prefix))
        if not is_workshop_account(entry):
            raise RuntimeError(f"{entry.pw_name} is not one of the workshop's accounts")
        return entry

    def make_preexec_fn(self, name):
        """Switch to the participant's account (not the hub user's name) before exec."""
        return set_user_setuid(system_name(name, settings.prefix))

    def user_env(self, env):
        """Home, user and shell of the participant's account; their progress log in it."""
        entry = self._entry()
        env.update(
            USER=entry.pw_name,
            LOGNAME=entry.pw_name,
            HOME=entry.pw_dir,
            SHELL=entry.pw_shell,
            HANDBOOK_HOME=entry.pw_dir,
        )
        return env

    async def start(self):
        """Copy the notebooks into the participant's home (as them), then start the server."""
        entry = self._entry()
        seed = await asyncio.create_subprocess_exec(
            str(PYTHON),
            "-I",
            str(SEED),
            str(NOTEBOOKS),
            str(Path(entry.pw_dir) / "notebooks"),
            user=entry.pw_uid,
            group=entry.pw_gid,
            extra_groups=[],
            cwd=entry.pw_dir,
            env={"HOME": entry.pw_dir, "PATH": PATH},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await seed.communicate()
        if seed.returncode:
            raise RuntimeError(
                f"could not copy the notebooks into {entry.pw_dir}: "
                f"{out.decode(errors='replace').strip()}"
            )
        return await super().start()


c = get_config()  # type: ignore[name-defined]  # noqa: F821 (JupyterHub's config loader defines it)

# Where people connect: the proxy, on HUB_IP (all addresses when empty) and HUB_PORT.
c.JupyterHub.ip = settings.ip
c.JupyterHub.port = settings.port
if settings.https:
    c.JupyterHub.ssl_cert = settings.cert
    c.JupyterHub.ssl_key = settings.key
# Everything else stays on loopback: the hub behind the proxy, the proxy's API, the servers.
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.internal_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.api_port}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(settings.state / "proxy.pid")
c.Spawner.ip = "127.0.0.1"

# The hub's own files.
c.JupyterHub.db_url = f"sqlite:///{settings.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(settings.state / "jupyterhub.pid")

# Who gets in.
c.JupyterHub.authenticator_class = WorkshopAuthenticator
c.LocalAuthenticator.create_system_users = True
c.Authenticator.allow_all = True  # the password is the door; the seats limit the room
c.Authenticator.admin_users = {settings.admin}
c.JupyterHub.active_server_limit = settings.seats + 1  # a backstop: the seats, the teacher
c.JupyterHub.shutdown_on_logout = True  # logging out frees the seat; saved files stay
# The hub's pages say how to come in, in the workshop's language, and link each participant's
# copy of the class page (hub.room.CLASS_PAGE_LINK: the link works once they are logged in).
c.JupyterHub.template_vars = announcements(settings.language)

# What each participant gets.
c.JupyterHub.spawner_class = WorkshopSpawner
c.Spawner.cmd = [str(settings.runtime / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = start_page(settings.language)
# The kernels speak the workshop's language (handbook.set_language reads HANDBOOK_LANG).
c.Spawner.environment = {"PATH": PATH, "HANDBOOK_LANG": settings.language}
c.Spawner.start_timeout = 180  # a room logging in at once shares two cores
c.Spawner.http_timeout = 180

# Servers idle for HUB_IDLE seconds are stopped; what was saved stays in the home.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            str(PYTHON),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={settings.idle_timeout}",
            f"--cull-every={max(30, min(300, settings.idle_timeout // 4))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
