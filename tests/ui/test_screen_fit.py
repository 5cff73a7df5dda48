"""Every window and dialog fits a small laptop screen at 100, 150 and 200 % scale: its frame
inside the screen's available area, no widget sticking out of its parent, no text cut off.

Each scale and screen runs ``tests/ui/screens.py`` in a process of its own (Qt fixes both when
it starts), offscreen, with the screen's size from a platform config file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check(tmp_path: Path, width: int, height: int, scale: str, german: bool) -> list[str]:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(os.environ)
    env |= {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    env.pop("QT_FONT_DPI", None)
    command = [sys.executable, "-m", "tests.ui.screens", "--check"]
    if german:
        command.append("--german")
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "scale", "german"),
    [
        (1280, 800, "1", False),
        (1280, 800, "2", True),
        (1366, 768, "1.5", True),
        (1366, 768, "2", False),
    ],
)
def test_every_window_fits_a_small_screen(
    tmp_path: Path, width: int, height: int, scale: str, german: bool
) -> None:
    assert check(tmp_path, width, height, scale, german) == []
