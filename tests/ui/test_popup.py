"""The timer popup: the right HH:MM:SS for the clock's time, ticking only while visible, the one
primary action, and its place beside the tray icon."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.services.clock import ClockService
from clockapp.ui.live_clock import ClockAction, LiveClock, hm, hms, ms_to_next_boundary
from clockapp.ui.popup import ClockPanel, popup_position
from clockapp.ui.qt import QRect, QSize, Qt
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import FakeClock


@pytest.fixture
def panel(qtbot: QtBot, live_clock: LiveClock, uploads: UploadWatch) -> ClockPanel:
    widget = ClockPanel(live_clock, uploads)
    qtbot.addWidget(widget)
    return widget


def test_the_timer_shows_the_sessions_work_and_the_breaks_own_timer(
    panel: ClockPanel, live_clock: LiveClock, fake_clock: FakeClock
) -> None:
    assert panel.timer_label.text() == "00:00:00"
    assert panel.primary_button.text() == "Clock &in"
    assert not panel.clock_out_button.isVisibleTo(panel)
    live_clock.act(ClockAction.CLOCK_IN)
    fake_clock.advance(hours=1, minutes=2, seconds=3)
    panel.tick()
    assert panel.timer_label.text() == "01:02:03"
    assert panel.today_label.text() == "Today: 1:02 worked · 0:00 break"
    assert panel.primary_button.text() == "Start &break"
    assert panel.clock_out_button.isVisibleTo(panel)

    live_clock.act(ClockAction.START_BREAK)
    fake_clock.advance(minutes=5, seconds=7)
    panel.tick()
    assert panel.timer_label.text() == "01:02:03"  # work stands still during the break
    assert panel.break_label.isVisibleTo(panel) and panel.break_label.text() == "Break: 00:05:07"
    assert panel.primary_button.text() == "&End break"

    live_clock.act(ClockAction.END_BREAK)
    fake_clock.advance(seconds=10)
    panel.tick()
    assert panel.timer_label.text() == "01:02:13"
    assert not panel.break_label.isVisibleTo(panel)
    assert panel.today_label.text() == "Today: 1:02 worked · 0:05 break"


def test_the_timer_ticks_only_while_the_popup_is_visible(
    qtbot: QtBot, panel: ClockPanel, live_clock: LiveClock, fake_clock: FakeClock
) -> None:
    live_clock.act(ClockAction.CLOCK_IN)
    assert not panel.ticking  # hidden: no per-second work at all
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.ticking
    fake_clock.advance(seconds=42)
    qtbot.waitUntil(lambda: panel.timer_label.text() == "00:00:42", timeout=1500)
    panel.hide()
    assert not panel.ticking
    fake_clock.advance(seconds=10)
    qtbot.wait(1100)
    assert panel.timer_label.text() == "00:00:42"  # nothing repainted while hidden


def test_the_primary_button_and_clock_out_commit_through_the_service(
    qtbot: QtBot, panel: ClockPanel, other_process: ClockService, fake_clock: FakeClock
) -> None:
    qtbot.mouseClick(panel.primary_button, Qt.MouseButton.LeftButton)
    assert other_process.status().state is ClockState.WORKING
    fake_clock.advance(hours=1)
    qtbot.mouseClick(panel.primary_button, Qt.MouseButton.LeftButton)
    assert other_process.status().state is ClockState.ON_BREAK
    fake_clock.advance(minutes=15)
    qtbot.mouseClick(panel.clock_out_button, Qt.MouseButton.LeftButton)
    assert other_process.status().state is ClockState.OFF


def test_a_refusal_shows_in_the_panel(
    panel: ClockPanel, live_clock: LiveClock, other_process: ClockService
) -> None:
    other_process.clock_in()
    live_clock.act(ClockAction.CLOCK_IN)
    assert panel.message_label.text() == "You are already clocked in."


def test_the_popup_opens_beside_the_tray_and_lazily(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock
) -> None:
    assert tray.popup is None  # no window until asked for
    tray.timer_action.trigger()
    popup = tray.popup
    assert popup is not None
    qtbot.waitExposed(popup)
    assert popup.panel.ticking
    tray.toggle_popup()
    assert not popup.isVisible() and not popup.panel.ticking


def test_the_popup_sits_below_a_top_panel_icon_and_above_a_bottom_one() -> None:
    screen = QRect(0, 0, 1280, 800)
    size = QSize(260, 200)
    top_icon = QRect(1240, 4, 24, 24)
    pos = popup_position(top_icon, size, screen)
    assert (pos.x() + size.width(), pos.y()) == (1264, 28 + 6)
    bottom_icon = QRect(1240, 772, 24, 24)
    pos = popup_position(bottom_icon, size, screen)
    assert (pos.x() + size.width(), pos.y() + size.height()) == (1264, 772 - 6)
    # An icon at the left edge: the popup stays on screen.
    assert popup_position(QRect(0, 772, 24, 24), size, screen).x() == 0


def test_time_formats() -> None:
    assert hms(0) == "00:00:00" and hms(3723.9) == "01:02:03" and hms(-5) == "00:00:00"
    assert hms(36 * 3600) == "36:00:00"
    assert hm(7 * 3600 + 45 * 60 + 59) == "7:45"


def test_timers_wake_just_after_the_boundary() -> None:
    assert ms_to_next_boundary(1, wall=lambda: 100.25) == 750 + 15
    assert ms_to_next_boundary(60, wall=lambda: 120.0) == 60_000 + 15
    assert ms_to_next_boundary(60, wall=lambda: 179.5) == 500 + 15
