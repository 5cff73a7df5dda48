"""End to end with the real Secret Service: GNOME Keyring's daemon on a private session bus, the
real ``clockapp`` command in subprocesses, no ``PYTHON_KEYRING_BACKEND``.

The API secrets go to the keyring and nowhere else on disk; a new process reads them back and
uploads; a locked keyring, or none at all, is told in a sentence and the uploads wait.

Needs dbus-daemon, gnome-keyring and secret-tool (libsecret-tools; tests/apt-packages.txt);
skipped without them on a developer's machine, failed in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.desktop import SessionBus, start_session_bus
from tests.fakes.timetrack import FakeTimeTrack

pytestmark = pytest.mark.slow

TOOLS = ("dbus-daemon", "gnome-keyring-daemon", "secret-tool")
SECRET_SERVICE = "org.freedesktop.secrets"
CLOCKAPP = str(Path(sys.executable).with_name("clockapp"))
KEYRING_PASSWORD = b"correct horse"


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"the real-keyring test needs {', '.join(missing)} (see tests/apt-packages.txt)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class Session:
    """A login session's bus, home and environment; GNOME Keyring started and stopped at will."""

    def __init__(self, folder: Path, address: str) -> None:
        self.folder = folder
        self.home = folder / "home"
        runtime = folder / "xdg"
        self.home.mkdir()
        runtime.mkdir(mode=0o700)
        hidden = ("PYTHON_KEYRING_BACKEND", "CLOCKAPP_DATA_DIR", "DISPLAY", "WAYLAND_DISPLAY")
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in hidden},
            "DBUS_SESSION_BUS_ADDRESS": address,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
        }
        self.bus = SessionBus(address)
        self.keyring: subprocess.Popen[bytes] | None = None
        self.keyring_log = folder / "gnome-keyring.log"

    def start_keyring(self, unlocked: bool) -> None:
        """GNOME Keyring's secrets component; with the login password given (as at a graphical
        login), or not (the login keyring stays locked)."""
        args = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        with self.keyring_log.open("ab") as log:
            self.keyring = subprocess.Popen(
                [*args, "--unlock"] if unlocked else args,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=log,
            )
        assert self.keyring.stdin is not None
        if unlocked:
            self.keyring.stdin.write(KEYRING_PASSWORD)  # through a pipe: never on disk
        self.keyring.stdin.close()
        deadline = time.monotonic() + 20
        while not self.bus.has_owner(SECRET_SERVICE):
            if self.keyring.poll() is not None or time.monotonic() > deadline:
                log_text = self.keyring_log.read_text(errors="replace")
                pytest.fail(f"gnome-keyring-daemon did not come up: {log_text}")
            time.sleep(0.05)

    def stop_keyring(self) -> None:
        if self.keyring is None:
            return
        self.keyring.terminate()
        self.keyring.wait(10)
        self.keyring = None
        deadline = time.monotonic() + 10
        while self.bus.has_owner(SECRET_SERVICE):
            assert time.monotonic() < deadline, "gnome-keyring-daemon did not leave the bus"
            time.sleep(0.05)

    def clockapp(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [CLOCKAPP, *args], env=self.env, input=stdin, capture_output=True, text=True, timeout=60
        )

    def files_containing(self, *needles: str) -> list[str]:
        """Every file under the session's folder (home, config, data) holding a needle."""
        found = []
        for path in self.folder.rglob("*"):
            if path.is_file() and not path.is_socket():
                data = path.read_bytes()
                found += [f"{path}: {n!r}" for n in needles if n.encode() in data]
        return found


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    _require_tools()
    try:
        daemon, address = start_session_bus(tmp_path)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    session = Session(tmp_path, address)
    try:
        yield session
    finally:
        session.stop_keyring()
        session.bus.close()
        daemon.terminate()
        daemon.wait(10)


def _set_timetrack(session: Session, server: FakeTimeTrack) -> subprocess.CompletedProcess[str]:
    return session.clockapp(
        *("backend", "set", "timetrack", "--url", server.url, "--username", "anna"),
        stdin=f"{server.api_key}\n{server.api_secret}\n",
    )


def _work_a_session(session: Session, days_ago: int) -> None:
    day = (datetime.now() - timedelta(days=days_ago)).strftime("%Y-%m-%d")
    for command, at in (("in", "08:00"), ("out", "12:00")):
        done = session.clockapp(command, "--at", f"{day} {at}")
        assert done.returncode == 0, done.stderr


def test_the_secrets_live_in_the_secret_service_and_nowhere_else(session: Session) -> None:
    session.start_keyring(unlocked=True)
    with FakeTimeTrack() as server:
        done = _set_timetrack(session, server)
        assert done.returncode == 0, done.stderr
        _work_a_session(session, days_ago=2)
        done = session.clockapp("sync")
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(server.live()) == 1

        # A new process, after the one that stored them has long gone, reads them back.
        _work_a_session(session, days_ago=1)
        done = session.clockapp("sync")
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(server.live()) == 2
        secrets = (server.api_key, server.api_secret)

    # In the Secret Service, under ClockApp's name...
    stored = subprocess.run(
        ["secret-tool", "search", "--all", "--unlock", "service", "ClockApp"],
        env=session.env,
        capture_output=True,
        text=True,
        check=True,
    )
    for secret in secrets:
        assert f"secret = {secret}\n" in stored.stdout, stored.stdout + stored.stderr
    # ...and in no file of the home folder, the config or the data folder (GNOME Keyring's own
    # file is encrypted with the login password).
    assert session.files_containing(*secrets) == []
    assert list((session.home / ".local" / "share" / "keyrings").iterdir())


def test_a_locked_keyring_is_told_plainly_and_uploads_wait(session: Session) -> None:
    session.start_keyring(unlocked=True)
    with FakeTimeTrack() as server:
        assert _set_timetrack(session, server).returncode == 0
        _work_a_session(session, days_ago=1)

        # The next login: the keyring's password was not given, so it stays locked (and no
        # unlock prompt can show: there is no display).
        session.stop_keyring()
        session.start_keyring(unlocked=False)
        done = session.clockapp("sync")
        assert done.returncode == 1
        assert done.stderr.strip().endswith(
            "The system keyring is locked; unlock it and try again."
        )
        assert "Traceback" not in done.stderr and server.live() == []
        status = session.clockapp("status")
        assert status.returncode == 0, status.stderr  # clocking goes on

        # Unlocked again: what waited goes up.
        session.stop_keyring()
        session.start_keyring(unlocked=True)
        done = session.clockapp("sync")
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(server.live()) == 1


def test_without_any_keyring_secrets_are_refused_not_written_to_a_file(session: Session) -> None:
    # A session bus with no Secret Service on it (a bare window manager, a container).
    with FakeTimeTrack() as server:
        done = _set_timetrack(session, server)
        assert done.returncode == 1
        assert "No system keyring is available" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert session.files_containing(server.api_key, server.api_secret) == []
        assert session.clockapp("status").returncode == 0


# The tray's store, in a process of its own: each call asks a helper process (clockapp
# --keyring), so the keyring's libraries never load in the process that runs all day.
TRAY_STORE = """
import json, sys
from clockapp.secrets import SecretStore, SecretsUnavailable
store, name, found = SecretStore(in_helper=True), sys.argv[1], {}
try:
    for action in sys.argv[2:]:
        if action == "set":
            store.set_now(name, sys.stdin.read())
        elif action == "get":
            found["read"] = store.get_now(name)
        else:
            store.delete_now(name)
except SecretsUnavailable as exc:
    found["error"] = str(exc)
loaded = ("keyring", "secretstorage", "jeepney", "cryptography")
found["loaded"] = sorted({m.split(".")[0] for m in sys.modules} & set(loaded))
print(json.dumps(found))
"""
NAME = "papershift:https://app.papershift.com:api_token"
TOKEN = "ps-token-0123456789"


def _tray_store(session: Session, *actions: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", TRAY_STORE, NAME, *actions],
        env=session.env,
        input=TOKEN,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stderr
    return dict(json.loads(done.stdout))


def _in_secret_service(session: Session) -> str:
    found = subprocess.run(
        ["secret-tool", "lookup", "service", "ClockApp", "username", NAME],
        env=session.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return found.stdout


def test_the_tray_keeps_the_keyring_out_of_its_process(session: Session) -> None:
    session.start_keyring(unlocked=True)
    assert _tray_store(session, "set", "get") == {"read": TOKEN, "loaded": []}
    assert _in_secret_service(session) == TOKEN
    assert session.files_containing(TOKEN) == []
    assert _tray_store(session, "delete", "get") == {"read": None, "loaded": []}
    assert _in_secret_service(session) == ""


@pytest.mark.parametrize(
    ("unlocked", "sentence"),
    [
        (False, "The system keyring is locked; unlock it and try again."),
        (None, "No system keyring is available, so ClockApp can't keep your API secret safely."),
    ],
)
def test_the_tray_hears_the_keyring_refuse_in_its_own_words(
    session: Session, unlocked: bool | None, sentence: str
) -> None:
    if unlocked is not None:  # a login keyring exists (made at a login), not unlocked this time
        session.start_keyring(unlocked=True)
        session.stop_keyring()
        session.start_keyring(unlocked=unlocked)
    found = _tray_store(session, "set")
    assert str(found["error"]).startswith(sentence)
    assert found["loaded"] == []
    assert session.files_containing(TOKEN) == []
