"""The menu entry's Actions (what a dock or launcher offers on a right click) are commands of
ClockApp's command line that do what their names say."""

from __future__ import annotations

import configparser
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

DESKTOP_FILE = Path(__file__).resolve().parents[1] / "packaging" / "linux" / "clockapp.desktop"
CLOCKAPP = str(Path(sys.executable).with_name("clockapp"))


def _entry() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser


def _actions() -> dict[str, list[str]]:
    """Each action's English name and its command line."""
    entry = _entry()
    names = [a for a in entry["Desktop Entry"]["Actions"].split(";") if a]
    # Every listed action has its group, and every group is listed.
    groups = [g.removeprefix("Desktop Action ") for g in entry.sections() if g != "Desktop Entry"]
    assert sorted(groups) == sorted(names)
    return {
        entry[f"Desktop Action {a}"]["Name"]: shlex.split(entry[f"Desktop Action {a}"]["Exec"])
        for a in names
    }


def test_the_actions_are_the_clock_actions_and_the_week_in_both_languages() -> None:
    entry = _entry()
    assert list(_actions()) == ["Clock in", "Start break", "End break", "Clock out", "Week"]
    for group in entry.sections():
        if group.startswith("Desktop Action "):
            assert entry[group]["Name[de]"], group


def test_each_clock_action_does_what_it_says(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}

    def run(name: str) -> str:
        program, *args = _actions()[name]
        assert program == "clockapp"
        done = subprocess.run([CLOCKAPP, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        status = subprocess.run(
            [CLOCKAPP, "status", "--json"], env=env, capture_output=True, text=True, check=True
        )
        return str(json.loads(status.stdout)["state"])

    # One second apart at least: events land on whole seconds.
    assert run("Clock in") == "working"
    time.sleep(1.1)
    assert run("Start break") == "on_break"
    time.sleep(1.1)
    assert run("End break") == "working"
    time.sleep(1.1)
    assert run("Clock out") == "off"


def test_week_opens_the_week_window_of_the_tray_app() -> None:
    assert _actions()["Week"] == ["clockapp", "show", "week"]
