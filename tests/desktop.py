"""A private X server (Xvfb) and a tray host (trayer) for the tests and benchmarks that need a
real desktop."""

from __future__ import annotations

import os
import select
import subprocess
import time
from typing import IO

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
