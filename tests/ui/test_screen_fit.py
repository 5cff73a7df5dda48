"""Every window and dialog fits a small laptop screen at 100, 150 and 200 % scale: its frame
inside the screen's available area, no widget sticking out of its parent, no text cut off.

Each screen and scale runs ``tests/ui/screens.py`` in a process of its own (Qt fixes both when
it starts), on an Xvfb screen of that size: the X platform draws text as a desktop does (the
offscreen one lays glyphs out differently and misses a cut-off last letter at 200 %).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop import Xvfb

ROOT = Path(__file__).resolve().parents[2]


def check(width: int, height: int, scale: str, german: bool) -> list[str]:
    server = Xvfb(f"{width}x{height}x24")
    try:
        env = dict(os.environ)
        env |= {"DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale}
        env.pop("QT_FONT_DPI", None)
        command = [sys.executable, "-m", "tests.ui.screens", "--check"]
        if german:
            command.append("--german")
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    finally:
        server.terminate()
        server.wait()
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "scale", "german"),
    [
        (1280, 800, "1", False),
        (1280, 800, "2", True),
        (1280, 800, "2", False),
        (1366, 768, "1.5", True),
        (1366, 768, "2", True),
    ],
)
def test_every_window_fits_a_small_screen(
    width: int, height: int, scale: str, german: bool
) -> None:
    assert check(width, height, scale, german) == []
