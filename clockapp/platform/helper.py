"""Helper processes: this app started again for one job, so that libraries the job needs don't
stay loaded in the tray that runs all day (the public holiday tables; the keyring and its
backends). A helper ends when its job is done, and its memory goes with it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess


def helper_command(argument: str) -> list[str]:
    """How to start a helper: this app again, with ``argument`` first (clockapp.start routes
    it)."""
    if getattr(sys, "frozen", False):  # the bundle's executable is the app
        return [sys.executable, argument]
    return [sys.executable, "-m", "clockapp", argument]


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
