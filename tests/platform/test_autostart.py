"""Start at login per OS: the XDG entry for real, the LaunchAgent and the Run key as files and
calls a fake registry records."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from clockapp.platform.autostart import (
    RUN_VALUE,
    AutostartError,
    LaunchAgentAutostart,
    WindowsAutostart,
    XdgAutostart,
    launch_command,
)
from clockapp.platform.helper import helper_command


def test_xdg_entry_round_trip(tmp_path: Path) -> None:
    auto = XdgAutostart(tmp_path, command=["/opt/click app/clockapp"], system_dirs=[])
    assert not auto.is_enabled()
    auto.set_enabled(True)
    text = (tmp_path / "autostart" / "clockapp.desktop").read_text()
    assert "Exec='/opt/click app/clockapp'\n" in text and text.startswith("[Desktop Entry]")
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert not auto.is_enabled() and not (tmp_path / "autostart" / "clockapp.desktop").exists()


def test_xdg_turning_off_hides_an_admins_system_entry(tmp_path: Path) -> None:
    system = tmp_path / "etc-xdg"
    (system / "autostart").mkdir(parents=True)
    (system / "autostart" / "clockapp.desktop").write_text(
        (Path(__file__).parents[2] / "packaging/linux/clockapp-autostart.desktop").read_text()
    )
    auto = XdgAutostart(tmp_path / "home", command=["clockapp"], system_dirs=[system])
    assert auto.is_enabled()  # the admin's entry starts it, so the setting shows it on
    auto.set_enabled(False)
    assert "Hidden=true\n" in auto.path.read_text() and not auto.is_enabled()
    assert (system / "autostart" / "clockapp.desktop").exists()  # the admin's file untouched
    auto.set_enabled(True)
    assert auto.is_enabled() and "Hidden=true" not in auto.path.read_text()


def test_xdg_follows_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert XdgAutostart().path == tmp_path / "cfg" / "autostart" / "clockapp.desktop"


def test_a_readonly_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "autostart").write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="couldn't change whether it starts at login"):
        XdgAutostart(tmp_path, command=["clockapp"], system_dirs=[]).set_enabled(True)


def test_launch_agent(tmp_path: Path) -> None:
    auto = LaunchAgentAutostart(
        tmp_path, command=["/Applications/ClockApp.app/Contents/MacOS/ClockApp"]
    )
    auto.set_enabled(True)
    agent = plistlib.loads(auto.path.read_bytes())
    assert agent["RunAtLoad"] is True and agent["Label"] == "com.clockapp.ClockApp"
    assert agent["ProgramArguments"] == ["/Applications/ClockApp.app/Contents/MacOS/ClockApp"]
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert not auto.is_enabled()


class FakeRun:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_key() -> None:
    run = FakeRun()
    auto = WindowsAutostart(run, command=[r"C:\Program Files\ClockApp\clockappw.exe"])
    auto.set_enabled(True)
    assert run.values == {RUN_VALUE: r'"C:\Program Files\ClockApp\clockappw.exe"'}
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert run.values == {} and not auto.is_enabled()


def test_the_command_is_this_installations_own() -> None:
    command = launch_command()
    assert Path(command[0]).exists()


@pytest.mark.parametrize("started_as", ["clockapp.exe", "clockappw.exe"])
def test_windows_logs_in_to_the_windowed_twin_and_helpers_run_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started_as: str
) -> None:
    # The frozen Windows bundle: clockapp.exe (console) and clockappw.exe (no console window).
    for name in ("clockapp.exe", "clockappw.exe"):
        (tmp_path / name).write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / started_as))
    monkeypatch.setattr(sys, "platform", "win32")
    assert launch_command() == [str(tmp_path / "clockappw.exe")]
    assert helper_command("--keyring") == [str(tmp_path / "clockapp.exe"), "--keyring"]


def test_a_bundle_with_one_executable_starts_that_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clockapp").write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "clockapp"))
    assert launch_command() == [str(tmp_path / "clockapp")]
    assert helper_command("--keyring") == [str(tmp_path / "clockapp"), "--keyring"]
