"""The timer popup: the right HH:MM:SS for the clock's time, ticking only while visible, the one
primary action, and its place beside the tray icon."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.services.clock import ClockService
from clockapp.ui.durations import hm, hms
from clockapp.ui.live_clock import ClockAction, LiveClock, ms_to_next_boundary
from clockapp.ui.popup import GAP, ClockPanel, ScreenArea, popup_geometry
from clockapp.ui.qt import QGuiApplication, QPoint, QRect, QSize, Qt
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


SMALL = ScreenArea(QRect(0, 0, 1280, 800), QRect(0, 32, 1280, 768))  # a top panel, 32 px


def inside(rect: QRect, area: QRect) -> bool:
    return area.contains(rect)


def test_the_popup_opens_away_from_the_panel_on_every_edge() -> None:
    size = QSize(300, 220)
    screen = QRect(0, 0, 1280, 800)
    # Top panel: below the icon, right edges aligned.
    top = popup_geometry(QRect(1240, 4, 24, 24), size, [SMALL])
    assert (top.right() + 1, top.top()) == (1264, 28 + GAP) and inside(top, SMALL.available)
    # Bottom panel: above the icon.
    bottom_area = ScreenArea(screen, QRect(0, 0, 1280, 768))
    bottom = popup_geometry(QRect(1240, 772, 24, 24), size, [bottom_area])
    assert (bottom.right() + 1, bottom.bottom() + 1) == (1264, 772 - GAP)
    # Left panel (vertical, 40 px): right of the icon, against the panel, tops aligned.
    left_area = ScreenArea(screen, QRect(40, 0, 1240, 800))
    left = popup_geometry(QRect(8, 300, 24, 24), size, [left_area])
    assert (left.left(), left.top()) == (40, 300)
    low = popup_geometry(QRect(8, 760, 24, 24), size, [left_area])
    assert inside(low, left_area.available)  # pushed up to stay on screen
    # Right panel: to the left of the icon.
    right_area = ScreenArea(screen, QRect(0, 0, 1240, 800))
    right = popup_geometry(QRect(1248, 100, 24, 24), size, [right_area])
    assert (right.right() + 1, right.top()) == (1240, 100)


def test_a_panel_that_reserves_no_space_is_told_by_the_icons_place() -> None:
    size = QSize(300, 220)
    full = ScreenArea(QRect(0, 0, 1280, 800), QRect(0, 0, 1280, 800))
    # trayer at the top right with no window manager: the corner icon is on a top panel.
    corner = popup_geometry(QRect(1257, 1, 22, 30), size, [full])
    assert (corner.right() + 1, corner.top()) == (1279, 31 + GAP)
    # An auto-hiding bottom panel, a left one, and an icon floating in the upper half.
    assert popup_geometry(QRect(600, 776, 24, 24), size, [full]).bottom() + 1 == 776 - GAP
    assert popup_geometry(QRect(4, 400, 24, 24), size, [full]).left() == 28 + GAP
    assert popup_geometry(QRect(600, 200, 24, 24), size, [full]).top() == 224 + GAP


def test_the_popup_stays_on_the_screen_whose_tray_was_clicked() -> None:
    size = QSize(300, 220)
    # A laptop on the left, a monitor on the right whose bottom panel holds the tray.
    laptop = ScreenArea(QRect(0, 0, 1280, 800), QRect(0, 0, 1280, 800))
    monitor = ScreenArea(QRect(1280, 0, 1920, 1080), QRect(1280, 0, 1920, 1040))
    icon = QRect(3170, 1048, 24, 24)
    place = popup_geometry(icon, size, [laptop, monitor])
    assert inside(place, monitor.available) and place.bottom() < 1040
    # The tray at the left end of a top panel on a monitor left of the primary (negative x).
    west = ScreenArea(QRect(-1920, 0, 1920, 1080), QRect(-1920, 30, 1920, 1050))
    place = popup_geometry(QRect(-1916, 3, 24, 24), size, [laptop, west])
    assert inside(place, west.available) and place.left() == -1920
    # A right-hand side panel on the left screen, right next to the other screen's edge.
    side = ScreenArea(QRect(0, 0, 1280, 800), QRect(0, 0, 1240, 800))
    place = popup_geometry(QRect(1250, 300, 24, 24), size, [side, monitor])
    assert inside(place, side.available)


def test_a_popup_larger_than_the_screen_is_shrunk_to_it() -> None:
    tiny = ScreenArea(QRect(0, 0, 640, 400), QRect(0, 16, 640, 384))
    place = popup_geometry(QRect(610, 0, 16, 16), QSize(700, 500), [tiny])
    assert place == tiny.available


def test_the_real_popup_in_german_fits_beside_an_icon_at_the_right_edge(
    german: None, qtbot: QtBot, tray: ClockTray, live_clock: LiveClock
) -> None:
    live_clock.act(ClockAction.CLOCK_IN)  # Clock out shows too: the widest state
    tray.show_popup()
    popup = tray.popup
    assert popup is not None
    popup.hide()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    icon = QRect(screen.right() - 20, screen.top(), 22, 22)
    popup.show_near(icon)
    qtbot.waitExposed(popup)
    assert popup.width() >= popup.minimumSizeHint().width()
    assert inside(popup.frameGeometry(), screen)
    button = popup.panel.clock_out_button
    assert button.text() == "&Ausstempeln"
    on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
    assert inside(on_screen, screen)
    assert button.width() >= button.minimumSizeHint().width()  # its text is not cut


def test_time_formats() -> None:
    assert hms(0) == "00:00:00" and hms(3723.9) == "01:02:03" and hms(-5) == "00:00:00"
    assert hms(36 * 3600) == "36:00:00"
    assert hm(7 * 3600 + 45 * 60 + 59) == "7:45"


def test_timers_wake_just_after_the_boundary() -> None:
    assert ms_to_next_boundary(1, wall=lambda: 100.25) == 750 + 15
    assert ms_to_next_boundary(60, wall=lambda: 120.0) == 60_000 + 15
    assert ms_to_next_boundary(60, wall=lambda: 179.5) == 500 + 15
