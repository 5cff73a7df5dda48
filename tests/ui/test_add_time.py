"""Adding forgotten time in the UI (issue 12): from the week window, defaulting to the selected
day, and from the tray menu; the same dialog and checks as an edit; the week window shows the
selected session's history."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clockapp.services.clock import ClockService
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.qt import QDate, QDialogButtonBox, QTime
from clockapp.ui.tray import ClockTray
from clockapp.ui.week_window import WeekWindow
from tests.conftest import FakeClock, berlin
from tests.ui.test_week_window import rows, session_item, week_with_work
from tests.ui.trees import row


def save(dialog: EditDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_forgotten_morning_is_added_from_the_week_window(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)  # Tuesday 08:00-15:00 was clocked
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    tuesday = row(window.tree, 1)
    assert tuesday is not None
    window.tree.setCurrentItem(tuesday)
    window.add_button.click()
    dialog = window._dialog
    assert isinstance(dialog, EditDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Add time"
    # The selected day, 09:00 to 17:00: it overlaps the clocked session, and says so at once.
    assert (dialog.start_date.date(), dialog.start_time.time()) == (
        QDate(2026, 11, 24),
        QTime(9, 0),
    )
    assert (dialog.end_date.date(), dialog.end_time.time()) == (QDate(2026, 11, 24), QTime(17, 0))
    assert "overlaps" in dialog.message.text()
    save(dialog)
    assert dialog.isVisible() and "overlaps" in dialog.message.text()
    assert (
        len(
            ui_service.sessions(
                berlin("2026-11-24 12:00").date(), berlin("2026-11-24 12:00").date()
            )
        )
        == 1
    )

    dialog.start_time.setTime(QTime(6, 0))
    dialog.end_time.setTime(QTime(7, 30))
    assert dialog.message.text() == ""
    dialog.reason_edit.setText("forgot to clock in")
    save(dialog)
    assert not dialog.isVisible()
    day = berlin("2026-11-24 12:00").date()
    added, clocked = ui_service.sessions(day, day)
    assert (added.start, added.end) == (berlin("2026-11-24 06:00"), berlin("2026-11-24 07:30"))
    assert added.by_hand and str(clocked.id) == ids["tue"]
    assert rows(window)[1][1] == "8:30"  # the window shows it at once

    window.tree.setCurrentItem(session_item(window, str(added.id)))
    assert "created by hand – forgot to clock in" in window.history.text()
    window.tree.setCurrentItem(session_item(window, ids["tue"]))
    assert "created by clocking" in window.history.text()


def test_the_tray_menu_adds_forgotten_time(
    qtbot: QtBot, tray: ClockTray, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 18:00")
    tray.add_time_action.trigger()
    dialog = tray.add_time_dialog
    assert isinstance(dialog, EditDialog) and dialog.isVisible()
    assert dialog.start_date.date() == QDate(2026, 11, 23)  # today
    dialog.start_time.setTime(QTime(8, 0))
    dialog.end_time.setTime(QTime(16, 30))
    dialog.add_break_button.click()
    [row] = dialog.break_rows
    assert row.end_time is not None
    row.start_time.setTime(QTime(12, 0))
    row.end_time.setTime(QTime(12, 30))
    save(dialog)
    assert not dialog.isVisible()
    [session] = ui_service.sessions(
        berlin("2026-11-23 12:00").date(), berlin("2026-11-23 12:00").date()
    )
    assert session.worked_seconds(session.end or fake_clock.now) == 8 * 3600
    assert ui_service.store.history(session.id)[0].source.value == "hand"


def test_the_running_sessions_start_and_breaks_are_corrected_in_the_week_window(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 09:00")
    running = ui_service.clock_in()  # began at 08:00 really
    fake_clock.set_local("2026-11-23 11:00")
    ui_service.start_break()
    fake_clock.set_local("2026-11-23 11:10")
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.tree.setCurrentItem(session_item(window, str(running.id)))
    assert window.edit_button.isEnabled() and not window.delete_button.isEnabled()
    window.edit_selected()
    dialog = window._dialog
    assert isinstance(dialog, EditDialog) and dialog.running  # no end to pick

    dialog.add_break_button.click()  # an earlier break, beside the running one
    early = dialog.break_rows[-1]
    assert early.end_time is not None
    early.start_time.setTime(QTime(10, 0))
    early.end_time.setTime(QTime(10, 15))
    dialog.start_time.setTime(QTime(8, 0))
    save(dialog)
    assert not dialog.isVisible()
    now = ui_service.store.running_session()
    assert now is not None and now.start == berlin("2026-11-23 08:00") and now.end is None
    assert now.open_break is not None  # the running break goes on
    assert [(b.start, b.end) for b in now.breaks[:-1]] == [
        (berlin("2026-11-23 10:00"), berlin("2026-11-23 10:15"))
    ]
