"""The week window tells the breaks the law counts (15 minutes or more, ArbZG § 4) from the ones
it doesn't (issue 12): a session's break column marks the short ones, and the day's break total
is what counts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clockapp.services.clock import ClockService
from clockapp.ui.week_window import BREAK_COLUMN, WeekWindow
from tests.conftest import FakeClock, berlin
from tests.ui.test_week_window import rows, session_item


def clocked(service: ClockService, start: str, end: str, *breaks: tuple[str, str]) -> str:
    service.clock_in(at=berlin(start))
    for first, last in breaks:
        service.start_break(at=berlin(first))
        service.end_break(at=berlin(last))
    return str(service.clock_out(at=berlin(end)).id)


def test_a_ten_minute_break_is_marked_as_not_counted(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    monday = clocked(
        ui_service,
        "2026-11-23 08:00",
        "2026-11-23 16:00",
        ("2026-11-23 12:00", "2026-11-23 12:30"),
        ("2026-11-23 14:00", "2026-11-23 14:10"),
    )
    tuesday = clocked(
        ui_service, "2026-11-24 08:00", "2026-11-24 12:00", ("2026-11-24 10:00", "2026-11-24 10:20")
    )
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)

    mon_row = session_item(window, monday)
    assert mon_row.text(BREAK_COLUMN) == "0:30 (+0:10 too short)"
    assert "shorter than 15 minutes" in mon_row.toolTip(BREAK_COLUMN)
    assert rows(window)[0][BREAK_COLUMN] == "0:30"  # the day's break total: what counts
    assert rows(window)[0][1] == "7:20"  # the short break is still not worked time

    tue_row = session_item(window, tuesday)  # every break long enough: nothing to mark
    assert tue_row.text(BREAK_COLUMN) == "0:20"
    assert tue_row.toolTip(BREAK_COLUMN) == ""


def test_a_night_shift_marks_its_short_break_once(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    night = clocked(
        ui_service,
        "2026-11-23 22:00",
        "2026-11-24 06:00",
        ("2026-11-23 23:00", "2026-11-23 23:30"),
        ("2026-11-24 03:00", "2026-11-24 03:05"),
    )
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    monday = window.tree.topLevelItem(0)
    assert monday is not None
    row = monday.child(0)
    assert row is not None and row.data(0, 256) == night
    assert row.text(BREAK_COLUMN) == "0:30 of 0:30 (+0:05 too short)"
    assert rows(window)[1][BREAK_COLUMN] == "0:00"  # Tuesday's part: only the short one
