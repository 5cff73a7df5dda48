"""Helper processes: this app started again for one job, so that libraries the job needs don't
stay loaded in the tray that runs all day (the public holiday tables; the keyring and its
backends). A helper ends when its job is done, and its memory goes with it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess


def helper_command(argument: str) -> list[str]:
    """How to start a helper: this app again, with ``argument`` first (clockapp.start routes
    it)."""
    if getattr(sys, "frozen", False):  # the bundle's executable is the app
        return [bundle_executable(windowed=False), argument]
    return [sys.executable, "-m", "clockapp", argument]


def bundle_executable(windowed: bool) -> str:
    """The frozen app's executable to start. On Windows the bundle has two: the command line
    ``clockapp.exe`` and its windowed twin ``clockappw.exe`` (a login or the Start menu starts
    that one: no console window). A helper is the command line: its pipes are surely its
    stdin and stdout, and it is started with no window."""
    executable = Path(sys.executable)
    if sys.platform == "win32":
        twin = executable.with_name("clockappw.exe" if windowed else "clockapp.exe")
        if twin.is_file():
            return str(twin)
    return str(executable)


def run_helper(
    argument: str, args: Sequence[str], *, timeout: float, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a helper to its end: its exit status and output (UTF-8). Raises OSError when it can't
    start, subprocess.TimeoutExpired (after killing it) when it takes longer than ``timeout``
    seconds."""
    import subprocess  # not with this module: the tray's start opens it

    return subprocess.run(
        [*helper_command(argument), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console
    )
