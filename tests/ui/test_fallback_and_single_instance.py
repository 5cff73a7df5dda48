"""Without a system tray the app is a small window that says why; a second start of the app
activates the first one instead of running twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.ui.live_clock import ClockAction, LiveClock
from clockapp.ui.qt import QAbstractButton, QApplication, QMessageBox, Qt, QTimer
from clockapp.ui.single_instance import SingleInstance, server_name
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import FakeClock


def test_without_a_tray_the_same_content_shows_in_a_window_that_says_why(
    qtbot: QtBot,
    live_clock: LiveClock,
    uploads: UploadWatch,
    caplog: pytest.LogCaptureFixture,
    fake_clock: FakeClock,
) -> None:
    controller = ClockTray(live_clock, uploads, tray_available=False)
    controller.start()
    window = controller.window
    assert controller.tray is None and window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert "no system tray" in window.reason_label.text()
    assert [r.message for r in caplog.records if "no system tray" in r.message] != []
    assert window.panel.ticking
    qtbot.mouseClick(window.panel.primary_button, Qt.MouseButton.LeftButton)
    assert ClockAction.START_BREAK in live_clock.legal_actions()
    # The tray menu's other entries are one button away.
    assert window.menu_button.menu() is controller.menu
    # "Today's timer" (and a second start) bring the window back rather than a popup.
    window.hide()
    controller.show_popup()
    assert window.isVisible() and controller.popup is None
    fake_clock.advance(hours=1)
    live_clock.act(ClockAction.CLOCK_OUT)
    assert live_clock.state is ClockState.OFF
    with qtbot.waitSignal(controller.quit_requested):
        window.close()  # clocked out: nothing to ask


def quit_question(qtbot: QtBot) -> QMessageBox:
    boxes: list[QMessageBox] = []

    def shown() -> bool:
        boxes[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        return any(b.isVisible() for b in boxes)

    qtbot.waitUntil(shown)
    return next(b for b in boxes if b.isVisible())


def button(box: QMessageBox, text: str) -> QAbstractButton:
    return next(b for b in box.buttons() if b.text().replace("&", "").startswith(text))


def test_closing_the_no_tray_window_while_clocked_in_asks_and_says_the_session_stays_open(
    qtbot: QtBot, live_clock: LiveClock, uploads: UploadWatch
) -> None:
    live_clock.act(ClockAction.CLOCK_IN)
    controller = ClockTray(live_clock, uploads, tray_available=False)
    controller.start()
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    quits: list[bool] = []
    controller.quit_requested.connect(lambda: quits.append(True))
    window.close()
    box = quit_question(qtbot)
    assert "session stays open and keeps running" in box.text()
    button(box, "Cancel").click()
    assert window.isVisible() and quits == []
    window.close()
    button(quit_question(qtbot), "Quit").click()
    assert quits == [True] and not window.isVisible()
    assert live_clock.state is ClockState.WORKING  # quitting never clocks out


def test_quit_from_the_menu_while_clocked_in_asks_first(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock
) -> None:
    quits: list[bool] = []
    tray.quit_requested.connect(lambda: quits.append(True))
    tray.quit_action.trigger()
    assert quits == [True]  # clocked out: quits at once
    live_clock.act(ClockAction.CLOCK_IN)
    tray.quit_action.trigger()
    box = quit_question(qtbot)
    assert quits == [True] and "You are still clocked in" in box.text()
    button(box, "Quit").click()
    assert quits == [True, True]


def test_the_no_tray_explanation_is_given_in_full_once(
    qtbot: QtBot, live_clock: LiveClock, uploads: UploadWatch
) -> None:
    first = ClockTray(live_clock, uploads, tray_available=False)
    first.start()
    assert first.window is not None
    qtbot.addWidget(first.window)
    assert "AppIndicator" in first.window.reason_label.text()
    first.window.hide()
    again = ClockTray(live_clock, uploads, tray_available=False)
    again.start()
    assert again.window is not None
    qtbot.addWidget(again.window)
    label = again.window.reason_label
    assert label.text() == "No system tray: ClockApp runs in this window."
    assert "AppIndicator" in label.toolTip()
    # One line: it takes a small share of the window.
    assert label.height() <= 2 * label.fontMetrics().lineSpacing()


def test_a_second_instance_activates_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire()
        first.listen()
        assert not second.acquire()
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert second.activate_running()
    finally:
        first.release()
    # Once the first has gone, the next start may run.
    assert second.acquire()
    second.release()


def test_a_second_start_waits_for_the_first_to_listen(qtbot: QtBot, tmp_path: Path) -> None:
    # The running app listens a moment after its tray shows; a start in between keeps trying.
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    answered: list[bool] = []
    try:
        assert first.acquire()
        assert not second.acquire()
        # The second start is another process; a thread stands in (its socket calls block).
        asking = threading.Thread(target=lambda: answered.append(second.activate_running()))
        with qtbot.waitSignal(first.activated, timeout=5000):
            asking.start()
            QTimer.singleShot(700, first.listen)
        asking.join(5)
        assert answered == [True]
    finally:
        first.release()


def test_instances_of_different_data_folders_do_not_meet(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


@pytest.mark.slow
def test_starting_clockapp_twice_shows_the_running_one(data_dir: Path) -> None:
    env = {**os.environ, "CLOCKAPP_DEBUG_TRAY": "1", "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen(
        [sys.executable, "-m", "clockapp"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        line = first.stdout.readline()  # offscreen has no tray: the window comes up
        assert json.loads(line)["event"] == "window", line
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "clockapp"], env=env, capture_output=True, text=True, timeout=30
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        assert time.monotonic() - started < 10
        assert first.poll() is None  # the first one keeps running
    finally:
        first.terminate()
        _, err = first.communicate(timeout=10)
    assert first.returncode == 0, err  # SIGTERM quits cleanly, like Quit in the menu
    assert "Traceback" not in err
