"""A private X server (Xvfb), tray hosts (trayer for XEmbed, xfce4-panel for
StatusNotifierItem) and a private session bus for the tests and benchmarks that need a real
desktop."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import IO, Any


def need(program: str) -> str:
    """The path of ``program``; a skip where it's missing, but a failure in CI."""
    import pytest  # only the tests call this; the benchmarks import the rest of the module

    path = shutil.which(program)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{program} is missing in CI; tests/apt-packages.txt should install it")
        pytest.skip(f"{program} is not installed")
    return path


# A panel along the top with a system tray: what the app docks its icon into.
TRAYER = [
    *("trayer", "--edge", "top", "--align", "right", "--widthtype", "request"),
    *("--height", "32", "--transparent", "false", "--expand", "true", "--SetDockType", "true"),
]


class Xvfb(subprocess.Popen[bytes]):
    """Xvfb on a display number it picks itself (``-displayfd``); ``display`` is its name.

    Xvfb writes the number and its newline to the pipe in separate writes (and again after each
    server reset), and dies with "Cannot write display number" if the pipe is gone. So the
    number is read up to its newline, and the pipe stays open until the server has ended.
    """

    def __init__(
        self, screen: str = "1280x800x24", log: IO[bytes] | int | None = subprocess.DEVNULL
    ) -> None:
        read_end, write_end = os.pipe()
        super().__init__(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=log,
            stderr=log,
        )
        os.close(write_end)
        self.display_pipe = read_end
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                break
            chunk = os.read(read_end, 16)
            if not chunk:  # the server ended
                break
            number += chunk
        if not number.strip().isdigit():
            self.kill()
            self.wait()
            raise RuntimeError(f"Xvfb did not start (exit status {self.returncode})")
        self.display = f":{number.decode().strip()}"

    def wait(self, timeout: float | None = None) -> int:
        code = super().wait(timeout)
        if self.display_pipe >= 0:
            os.close(self.display_pipe)
            self.display_pipe = -1
        return code


def start_trayer(
    env: dict[str, str], log: IO[bytes] | int | None = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """trayer on ``env``'s display; it owns the system tray once :func:`tray_panel_up`."""
    return subprocess.Popen(TRAYER, env=env, stdout=subprocess.DEVNULL, stderr=log)


def tray_panel_up(env: dict[str, str]) -> bool:
    found = subprocess.run(["xdotool", "search", "--name", "^panel$"], env=env, capture_output=True)
    return found.returncode == 0


# -- a StatusNotifierItem host: what KDE, GNOME's AppIndicator extension and XFCE speak --------

SNI_WATCHER = "org.kde.StatusNotifierWatcher"
# XFCE's panel with its default layout (a systray that hosts StatusNotifierItems); no window
# manager runs under Xvfb, and the panel would wait seconds for one.
XFCE_PANEL = ["xfce4-panel", "--disable-wm-check"]


def start_session_bus(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A private D-Bus session bus (its socket in ``folder``); the daemon and its address."""
    socket = folder / "session-bus"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--address=unix:path={socket}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not socket.exists():
        if daemon.poll() is not None or time.monotonic() > deadline:
            daemon.kill()
            raise RuntimeError(f"dbus-daemon did not start (exit status {daemon.poll()})")
        time.sleep(0.02)
    return daemon, f"unix:path={socket}"


def start_xfce_panel(
    env: dict[str, str], log: IO[bytes] | int | None = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """xfce4-panel on ``env``'s display and session bus; a tray host once the bus has
    :data:`SNI_WATCHER` (about a second on a warm machine)."""
    return subprocess.Popen(XFCE_PANEL, env=env, stdout=log, stderr=log)


class SessionBus:
    """A D-Bus client for the tests: ask what a tray host and the app's item say, as the host
    itself would."""

    def __init__(self, address: str) -> None:
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        self.connection = open_dbus_connection(bus=address)

    def close(self) -> None:
        self.connection.close()

    def call(
        self, service: str, path: str, interface: str, method: str, signature: str = "", *body: Any
    ) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call  # type: ignore[import-untyped]

        address = DBusAddress(path, bus_name=service, interface=interface)
        reply = self.connection.send_and_get_reply(
            new_method_call(address, method, signature, body), timeout=10
        )
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"{service} {method}: {reply.body}")
        return tuple(reply.body)

    def has_owner(self, name: str) -> bool:
        return bool(self._bus("NameHasOwner", "s", name)[0])

    def pid_of(self, name: str) -> int:
        return int(self._bus("GetConnectionUnixProcessID", "s", name)[0])

    def _bus(self, method: str, signature: str, *body: Any) -> tuple[Any, ...]:
        bus = "org.freedesktop.DBus"
        return self.call(bus, "/org/freedesktop/DBus", bus, method, signature, *body)

    def get(self, service: str, path: str, interface: str, name: str) -> Any:
        props = "org.freedesktop.DBus.Properties"
        _, value = self.call(service, path, props, "Get", "ss", interface, name)[0]
        return value

    def items_of(self, pid: int) -> list[tuple[str, str]]:
        """The StatusNotifierItems process ``pid`` has registered with the host: (service,
        path) each."""
        if not self.has_owner(SNI_WATCHER):
            return []
        registered = self.get(
            SNI_WATCHER, "/StatusNotifierWatcher", SNI_WATCHER, "RegisteredStatusNotifierItems"
        )
        found = []
        for item in registered:
            service, _, path = item.partition("/")
            try:
                if self.pid_of(service) == pid:
                    found.append((service, "/" + path if path else "/StatusNotifierItem"))
            except RuntimeError:  # gone meanwhile
                continue
        return found
