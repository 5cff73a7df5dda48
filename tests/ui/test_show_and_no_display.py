"""``clockapp show popup|week|month|settings`` opens that window in the running app (for docks and
launchers on desktops without a tray); without any display ``clockapp`` says so in one sentence
instead of Qt's abort."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clockapp.ui.single_instance import SingleInstance

#: The console script pip installs beside this interpreter: what a user types.
CLOCKAPP = str(Path(sys.executable).with_name("clockapp"))


def test_a_start_may_ask_the_running_app_for_a_window(qtbot: QtBot, tmp_path: Path) -> None:
    running, asking = SingleInstance(tmp_path), SingleInstance(tmp_path)
    try:
        assert running.acquire()
        running.listen()
        with qtbot.waitSignal(running.activated, timeout=3000) as shown:
            assert asking.activate_running("week")
        assert shown.args == ["week"]
        with qtbot.waitSignal(running.activated, timeout=3000) as shown:
            assert asking.activate_running()
        assert shown.args == ["popup"]
    finally:
        running.release()


def _without_display() -> dict[str, str]:
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in hidden}


@pytest.mark.parametrize("args", [[], ["show", "week"]])
def test_without_a_display_clockapp_says_so_in_one_sentence(
    data_dir: Path, args: list[str]
) -> None:
    done = subprocess.run(
        [CLOCKAPP, *args], env=_without_display(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done.stderr  # not Qt's abort (134)
    assert done.stderr == (
        "clockapp: No graphical session found; the command line works: clockapp --help\n"
    )
    # ...and the command line does work there.
    status = subprocess.run(
        [CLOCKAPP, "status"], env=_without_display(), capture_output=True, text=True, timeout=60
    )
    assert status.returncode == 0, status.stderr


def _next_event(process: subprocess.Popen[str], kind: str) -> dict[str, Any]:
    assert process.stdout is not None
    for line in process.stdout:  # the app ends its trace when it exits; the test's timeout rules
        event: dict[str, Any] = json.loads(line) if line.startswith("{") else {}
        if event.get("event") == kind:
            return event
    _, err = process.communicate(timeout=10)
    pytest.fail(f"the app ended without reporting {kind!r}: {err}")


@pytest.mark.slow
def test_show_opens_the_window_asked_for_in_the_running_app(data_dir: Path) -> None:
    env = {**os.environ, "CLOCKAPP_DEBUG_TRAY": "1", "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [CLOCKAPP], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        _next_event(app, "window")  # offscreen has no tray: the app runs in its window
        for window in ("week", "month", "settings", "popup"):
            done = subprocess.run(
                [CLOCKAPP, "show", window], env=env, capture_output=True, text=True, timeout=30
            )
            assert done.returncode == 0, done.stderr
            shown = _next_event(app, "shown")
            assert (shown["window"], shown["visible"]) == (window, True)
        assert app.poll() is None  # one app, still running
    finally:
        app.terminate()
        _, err = app.communicate(timeout=10)
    assert app.returncode == 0, err
    assert "Traceback" not in err


@pytest.mark.slow
def test_show_starts_the_app_when_none_runs_and_opens_the_window(data_dir: Path) -> None:
    env = {**os.environ, "CLOCKAPP_DEBUG_TRAY": "1", "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [CLOCKAPP, "show", "week"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        shown = _next_event(app, "shown")
        assert (shown["window"], shown["visible"]) == ("week", True)
    finally:
        app.terminate()
        _, err = app.communicate(timeout=10)
    assert app.returncode == 0, err
    assert "Traceback" not in err
