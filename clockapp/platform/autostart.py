"""Start ClockApp at login, the way each OS expects it.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/clockapp.desktop``; turning it
  off where an administrator enabled it for everyone (``/etc/xdg/autostart``) writes
  ``Hidden=true`` there, as the XDG Autostart specification says.
- Windows: the ``ClockApp`` value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/com.clockapp.ClockApp.plist`` (RunAtLoad).

Each is per user and needs no admin rights. The command started is this installation's own
(the frozen executable, or the ``clockapp`` script of the environment it runs from).
"""

from __future__ import annotations

import errno
import logging
import os
import plistlib
import shlex
import shutil
import sys
from pathlib import Path
from typing import Protocol

from clockapp.domain.errors import UserError
from clockapp.files import write_atomically
from clockapp.platform.helper import bundle_executable

log = logging.getLogger(__name__)

APP_ID = "com.clockapp.ClockApp"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "ClockApp"


class AutostartError(UserError):
    """Start at login couldn't be changed; the message says why."""


def _cannot_change(where: object, exc: OSError) -> AutostartError:
    log.warning("start at login not changed (%s): %s", where, exc)
    if exc.errno == errno.ENOSPC:
        return AutostartError(
            "The disk is full, so ClockApp couldn't change whether it starts at login. "
            "Free some space and try again."
        )
    return AutostartError(
        "ClockApp couldn't change whether it starts at login: {where} can't be written.",
        where=where,
    )


def launch_command() -> list[str]:
    """How to start this installation of ClockApp, as an argument list."""
    if getattr(sys, "frozen", False):  # a PyInstaller build: the executable is the app
        return [bundle_executable(windowed=True)]
    script = Path(sys.executable).with_name("clockapp.exe" if os.name == "nt" else "clockapp")
    if script.exists():
        return [str(script)]
    found = shutil.which("clockapp")
    return [found] if found else [sys.executable, "-m", "clockapp"]


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...

    def set_enabled(self, enabled: bool) -> None: ...


class XdgAutostart:
    """The XDG Autostart specification's per-user entry."""

    def __init__(
        self,
        config_home: Path | None = None,
        command: list[str] | None = None,
        system_dirs: list[Path] | None = None,
    ):
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / "clockapp.desktop"
        self.command = command or launch_command()
        if system_dirs is None:
            dirs = os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
            system_dirs = [Path(d) for d in dirs.split(":") if d]
        # An administrator may enable ClockApp for everyone here (see packaging/linux).
        self.system_entries = [d / "autostart" / "clockapp.desktop" for d in system_dirs]

    def is_enabled(self) -> bool:
        # The user's entry, when there is one, overrides a system entry of the same name.
        for path in [self.path, *self.system_entries]:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            keys = {line.strip().replace(" ", "") for line in text.splitlines()}
            return not keys & {"Hidden=true", "X-GNOME-Autostart-enabled=false"}
        return False

    def set_enabled(self, enabled: bool) -> None:
        try:
            if not enabled and not any(p.exists() for p in self.system_entries):
                self.path.unlink(missing_ok=True)
                return
            # Turning off an admin's system-wide entry takes a user entry that hides it.
            self.path.parent.mkdir(parents=True, exist_ok=True)
            exec_line = " ".join(shlex.quote(part) for part in self.command)
            write_atomically(
                self.path,
                "[Desktop Entry]\n"
                "Type=Application\n"
                "Name=ClockApp\n"
                "Comment=Clock in and out from the system tray\n"
                f"Exec={exec_line}\n"
                "Icon=clockapp\n"
                "Terminal=false\n"
                + ("X-GNOME-Autostart-enabled=true\n" if enabled else "Hidden=true\n"),
            )
        except OSError as exc:
            raise _cannot_change(self.path, exc) from exc


class LaunchAgentAutostart:
    """A per-user LaunchAgent that runs ClockApp at login (macOS)."""

    def __init__(self, home: Path | None = None, command: list[str] | None = None):
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        self.command = command or launch_command()

    def is_enabled(self) -> bool:
        return self.path.exists()

    def set_enabled(self, enabled: bool) -> None:
        try:
            if not enabled:
                self.path.unlink(missing_ok=True)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            agent = {
                "Label": APP_ID,
                "ProgramArguments": self.command,
                "RunAtLoad": True,
                "ProcessType": "Interactive",
            }
            self.path.write_bytes(plistlib.dumps(agent))
        except OSError as exc:
            raise _cannot_change(self.path, exc) from exc


class Registry(Protocol):
    """The three calls on the current user's Run key that Windows autostart needs."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinRegRun:
    """``HKCU\\...\\Run`` through ``winreg`` (Windows only)."""

    def get(self, name: str) -> str | None:
        if sys.platform != "win32":  # mypy checks what follows only for Windows
            raise OSError("the registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = winreg.QueryValueEx(key, name)
                return str(value)
        except FileNotFoundError:
            return None

    def set(self, name: str, value: str) -> None:
        if sys.platform != "win32":  # mypy checks what follows only for Windows
            raise OSError("the registry exists only on Windows")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":  # mypy checks what follows only for Windows
            raise OSError("the registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


class WindowsAutostart:
    def __init__(self, registry: Registry | None = None, command: list[str] | None = None):
        self.registry = registry or WinRegRun()
        self.command = command or launch_command()

    def is_enabled(self) -> bool:
        try:
            return self.registry.get(RUN_VALUE) is not None
        except OSError:
            return False

    def set_enabled(self, enabled: bool) -> None:
        try:
            if enabled:
                # The Run key takes one command line; quote each part the Windows way.
                self.registry.set(RUN_VALUE, " ".join(f'"{part}"' for part in self.command))
            else:
                self.registry.delete(RUN_VALUE)
        except OSError as exc:
            raise _cannot_change("HKEY_CURRENT_USER\\" + RUN_KEY, exc) from exc


def for_this_os() -> Autostart:
    if sys.platform == "win32":
        return WindowsAutostart()
    if sys.platform == "darwin":
        return LaunchAgentAutostart()
    return XdgAutostart()
