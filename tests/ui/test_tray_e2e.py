"""End to end on a real X server with a real tray host: start ``clockapp`` as a user would, click
the tray icon, its menu and the popup with xdotool, and check the store after each step.

Needs Xvfb, trayer, xdotool and imagemagick (tests/apt-packages.txt). Without them the test is
skipped on a developer's machine and fails in CI (``CI=true``). Screenshots of the tray menu,
the popup and the week window go to ``tests/artifacts/`` (not committed).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.desktop import Xvfb, start_session_bus, start_trayer, tray_panel_up

pytestmark = pytest.mark.slow

TOOLS = ("Xvfb", "trayer", "xdotool", "import")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SCREEN = "1280x800x24"


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"the end-to-end tray test needs {', '.join(missing)} (see tests/apt-packages.txt)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _start_xvfb() -> Xvfb:
    try:
        return Xvfb(SCREEN)
    except RuntimeError as exc:
        pytest.fail(str(exc))


def _wait_for(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An X server with no tray host yet; the environment for programs to run there."""
    _require_tools()
    xvfb = _start_xvfb()
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")},
        "DISPLAY": xvfb.display,
        "XDG_RUNTIME_DIR": str(runtime),
        # No session bus: Qt uses the XEmbed tray protocol that trayer speaks.
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
        "CLOCKAPP_DATA_DIR": str(tmp_path / "data"),
    }
    try:
        yield env
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()


@contextlib.contextmanager
def trayer(env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """trayer on ``env``'s display, its panel up; stopped on leaving."""
    with log_path.open("wb") as log:
        process = start_trayer(env, log)

    def panel_up() -> bool:
        if process.poll() is not None:
            log = log_path.read_text(errors="replace")
            pytest.fail(f"trayer exited with {process.returncode}: {log}")
        return tray_panel_up(env)

    try:
        # The first GTK start on a fresh machine builds the font cache: that can take long.
        _wait_for(panel_up, 90, "trayer's panel")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def desktop(x_server: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    """An X server with a tray host on it; the environment for programs to run there."""
    with trayer(x_server, tmp_path / "trayer.log"):
        yield x_server


class App:
    """The running ``clockapp``, with its debug trace (JSON lines on stdout) in a queue and its
    stderr collected (shown when an expected event does not come)."""

    def __init__(self, env: dict[str, str], platform: str = "xcb") -> None:
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "clockapp"],
            env={**env, "QT_QPA_PLATFORM": platform, "CLOCKAPP_DEBUG_TRAY": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._stderr: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def next_event(self, kind: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                event = self.events.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                pytest.fail(
                    f"the app reported no {kind!r} within {timeout} s "
                    f"(exit status {self.process.poll()}); its stderr:\n{self.stderr[-3000:]}"
                )
            if event["event"] == kind:
                return event

    def finish(self, timeout: float = 10) -> str:
        """Wait for the app to end (killed after ``timeout`` s); everything it wrote on stderr."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self._readers:
            reader.join(5)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
        return self.stderr

    def cli(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "clockapp", *args, "--json"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    def state(self) -> str:
        return str(self.cli("status")["state"])


def xdo(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True)


def click(env: dict[str, str], rect: list[int], button: int = 1) -> None:
    x, y, w, h = rect
    xdo(env, "mousemove", str(x + w // 2), str(y + h // 2))
    time.sleep(0.1)
    xdo(env, "click", str(button))


def screenshot(env: dict[str, str], name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
    return path


def open_menu(app: App, tray: list[int]) -> dict[str, Any]:
    click(app.env, tray, button=3)
    entries: dict[str, Any] = app.next_event("menu")["entries"]
    return entries


def choose(app: App, tray: list[int], entry: str) -> None:
    entries = open_menu(app, tray)
    assert entries[entry]["enabled"], entries
    click(app.env, entries[entry]["rect"])


def open_popup(app: App, tray: list[int]) -> dict[str, Any]:
    click(app.env, tray)
    return app.next_event("popup")


def wait_state(app: App, state: str) -> None:
    _wait_for(lambda: app.state() == state, 5, f"the store to say {state}")


def test_a_working_day_clicked_through_the_tray_on_a_real_desktop(
    desktop: dict[str, str],
) -> None:
    app = App(desktop)
    try:
        tray = app.next_event("tray", timeout=60)["rect"]
        assert tray is not None, "the tray icon was never embedded in trayer"
        assert app.state() == "off"

        # Right click: the menu, with only the legal clock action enabled.
        entries = open_menu(app, tray)
        time.sleep(0.3)
        screenshot(desktop, "tray-menu.png")
        clock_entries = ("Clock in", "Start break", "End break", "Clock out")
        assert [e for e in clock_entries if entries[e]["enabled"]] == ["Clock in"]
        click(desktop, entries["Clock in"]["rect"])
        wait_state(app, "working")

        # Left click: the popup beside the icon; its primary button starts the break.
        time.sleep(1.2)  # events land on whole seconds: keep them apart
        popup = open_popup(app, tray)
        x, y, w, _ = popup["rect"]
        assert y >= tray[1] + tray[3] and x + w >= tray[0], (popup["rect"], tray)
        assert abs((x + w) - (tray[0] + tray[2])) < 40 and y - (tray[1] + tray[3]) < 40
        time.sleep(1.2)
        screenshot(desktop, "tray-popup.png")
        click(desktop, popup["buttons"]["primary"])
        wait_state(app, "on_break")

        # End the break from the menu, clock out from the popup's own button.
        time.sleep(1.2)
        xdo(desktop, "key", "Escape")  # the popup closes on Escape
        time.sleep(0.3)
        choose(app, tray, "End break")
        wait_state(app, "working")
        time.sleep(1.2)
        popup = open_popup(app, tray)
        click(desktop, popup["buttons"]["clock_out"])
        wait_state(app, "off")

        [session] = app.cli("sessions", "--from", "today", "--to", "today")
        assert session["end"] is not None
        assert len(session["breaks"]) == 1 and session["breaks"][0]["end"] is not None

        # Week…: whatever the week window shows (or says, until it exists), on record.
        xdo(desktop, "key", "Escape")
        time.sleep(0.3)
        choose(app, tray, "Week…")
        time.sleep(2)
        screenshot(desktop, "week-window.png")

        choose(app, tray, "Quit")
        assert app.process.wait(10) == 0
    finally:
        if app.process.poll() is None:
            app.process.kill()
        err = app.finish()
    assert "Traceback" not in err, err


def test_an_app_started_before_the_tray_host_moves_into_it(
    x_server: dict[str, str], tmp_path: Path
) -> None:
    app = App(x_server)  # at login the app often starts before the panel
    try:
        app.next_event("window", timeout=60)
        with trayer(x_server, tmp_path / "trayer.log"):
            tray = app.next_event("tray", timeout=60)["rect"]
            assert tray is not None, "the tray icon was never embedded in trayer"
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "^ClockApp$"],
                env=x_server,
                capture_output=True,
            )
            assert found.stdout.split() == [], "the no-tray window is still open"
            choose(app, tray, "Clock in")
            wait_state(app, "working")
    finally:
        app.process.terminate()
        err = app.finish()
    assert app.process.returncode == 0, err
    assert "Traceback" not in err, err


def test_the_app_follows_its_xembed_host_where_a_session_bus_runs(
    x_server: dict[str, str], tmp_path: Path
) -> None:
    # Every desktop has a session bus; here no StatusNotifierItem host is on it, so Qt docks by
    # XEmbed. The X server tells the app when trayer goes and comes back: no minute beat is
    # waited for (asking Qt each minute cost a dozen wake-ups where a bus runs).
    try:
        daemon, address = start_session_bus(tmp_path)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    env = {**x_server, "DBUS_SESSION_BUS_ADDRESS": address}
    app = None
    try:
        with trayer(env, tmp_path / "trayer.log") as panel:
            app = App(env)
            assert app.next_event("tray", timeout=60)["rect"] is not None
            panel.terminate()  # the panel goes for good: the window opens after the grace
            app.next_event("window", timeout=15)
        with trayer(env, tmp_path / "trayer-again.log"):
            assert app.next_event("tray", timeout=15)["rect"] is not None
            assert app.process.poll() is None
    finally:
        if app is not None:
            app.process.terminate()
            err = app.finish()
            assert app.process.returncode == 0, err
            assert "Traceback" not in err, err
        daemon.terminate()
        daemon.wait(10)
