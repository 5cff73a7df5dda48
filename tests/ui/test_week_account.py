"""The week window as part of the time account: each day's holiday or absence, the balance at
the week's start and end, the note where no region is set, and marking days absent."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.ui.absence_dialog import AbsenceDialog
from clockapp.ui.qt import QTreeWidgetItem
from clockapp.ui.week_window import WeekWindow
from tests.conftest import FakeClock, berlin

EPIPHANY = date(2026, 1, 6)  # a public holiday in Bavaria, not in Berlin


def day_row(window: WeekWindow, day: date) -> QTreeWidgetItem:
    assert window.report is not None
    index = [d.date for d in window.report.days].index(day)
    item = window.tree.topLevelItem(index)
    assert item is not None
    return item


def select_days(window: WeekWindow, *days: date) -> None:
    window.tree.clearSelection()
    for day in days:
        day_row(window, day).setSelected(True)
    window.tree.setCurrentItem(day_row(window, days[0]))
    for day in days:
        day_row(window, day).setSelected(True)


def open_week(qtbot: QtBot, service: ClockService, day: date) -> WeekWindow:
    window = WeekWindow(service)
    qtbot.addWidget(window)
    window.show_week(day)
    return window


@pytest.mark.parametrize(("region", "named"), [("DE-BY", True), ("DE-BE", False)])
def test_epiphany_is_named_with_no_target_in_bavaria_only(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, region: str, named: bool
) -> None:
    fake_clock.set_local("2026-01-09 12:00")
    AccountService(ui_service).set_region(region)
    window = open_week(qtbot, ui_service, EPIPHANY)
    row = day_row(window, EPIPHANY)
    assert ("Epiphany" in row.text(0)) is named
    assert row.text(3) == ("0:00" if named else "8:00")
    assert window.region_note.isHidden()


def test_the_holiday_name_is_german_in_the_german_ui(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, german: None
) -> None:
    fake_clock.set_local("2026-01-09 12:00")
    AccountService(ui_service).set_region("DE-BY")
    window = open_week(qtbot, ui_service, EPIPHANY)
    assert "Heilige Drei Könige" in day_row(window, EPIPHANY).text(0)


def test_without_a_region_the_week_says_so_once(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-12-28 12:00")
    window = open_week(qtbot, ui_service, date(2026, 12, 25))
    assert not window.region_note.isHidden()
    assert window.region_note.text() == (
        "Public holidays are not counted: choose your region in Settings."
    )
    assert day_row(window, date(2026, 12, 25)).text(3) == "8:00"  # Christmas counts, as said


def test_marking_days_as_vacation_sets_their_target_to_zero_and_shows_it(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    window = open_week(qtbot, ui_service, date(2026, 11, 23))
    mon, tue, wed = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)
    select_days(window, mon, tue)
    assert window.selected_days() == [mon, tue]
    assert window.absent_button.isEnabled() and not window.clear_absence_button.isEnabled()
    window.mark_absent()
    dialog = window._dialog
    assert isinstance(dialog, AbsenceDialog)
    assert not dialog.half.isEnabled()  # a half day is one day
    dialog.kind.setCurrentIndex(dialog.kind.findData("vacation"))
    dialog.note.setText("Alps")
    dialog.save()

    for day in (mon, tue):
        assert day_row(window, day).text(0).endswith("· Vacation")
        assert day_row(window, day).text(3) == "0:00"
    assert day_row(window, wed).text(3) == "8:00"
    assert window.report is not None and window.report.target_min == 3 * 480
    [absence] = AccountService(ui_service).absences()
    assert (absence.kind, absence.first, absence.last, absence.note) == (
        "vacation",
        mon,
        tue,
        "Alps",
    )

    # A half day of sick leave on Wednesday: half the target, marked as half.
    select_days(window, wed)
    window.mark_absent()
    dialog = window._dialog
    assert isinstance(dialog, AbsenceDialog) and dialog.half.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("sick"))
    dialog.half.setChecked(True)
    dialog.save()
    assert day_row(window, wed).text(0).endswith("· Sick (half day)")
    assert day_row(window, wed).text(3) == "4:00"

    # Removing Tuesday keeps Monday's vacation.
    select_days(window, tue)
    assert window.clear_absence_button.isEnabled()
    window.clear_absence()
    assert day_row(window, tue).text(3) == "8:00" and "Vacation" not in day_row(window, tue).text(0)
    assert day_row(window, mon).text(0).endswith("· Vacation")


def test_marking_a_locked_day_is_refused_with_the_reason_and_nothing_changes(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    ui_service.set_locked(date(2026, 11, 24), True)
    window = open_week(qtbot, ui_service, date(2026, 11, 23))
    select_days(window, date(2026, 11, 23), date(2026, 11, 24))
    window.mark_absent()
    dialog = window._dialog
    assert isinstance(dialog, AbsenceDialog)
    dialog.save()
    assert dialog.isVisible() or not dialog.result()  # kept open, not accepted
    assert not dialog.message.isHidden()
    assert dialog.message.text() == (
        "2026-11-24 is locked; unlock it first to record an absence on it."
    )
    assert AccountService(ui_service).absences() == []
    assert day_row(window, date(2026, 11, 23)).text(3) == "8:00"


def test_the_refusal_is_german_in_the_german_ui(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, german: None
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    ui_service.set_locked(date(2026, 11, 24), True)
    window = open_week(qtbot, ui_service, date(2026, 11, 23))
    select_days(window, date(2026, 11, 24))
    window.mark_absent()
    dialog = window._dialog
    assert isinstance(dialog, AbsenceDialog)
    assert dialog.kind.currentText() == "Urlaub"
    dialog.save()
    assert dialog.message.text().startswith("2026-11-24 ist gesperrt")


def test_the_balance_at_the_weeks_start_and_end(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")  # a Friday: the week counts through Thursday
    account = AccountService(ui_service)
    account.set_balance(since=date(2026, 11, 16), opening_min=60)
    ui_service.clock_in(at=berlin("2026-11-16 08:00"))
    ui_service.clock_out(at=berlin("2026-11-16 17:00"))  # +60 on the Monday before
    window = open_week(qtbot, ui_service, date(2026, 11, 23))
    # In: 60 + 60 − 4 × 480 (Tue–Fri of the week before). Out: less Mon–Thu (4 × 480).
    start, end = 120 - 4 * 480, 120 - 8 * 480
    assert (start, end) == account.balance_in_and_out(date(2026, 11, 23), date(2026, 11, 29))
    assert window.totals.text().endswith(
        " · Balance: −30:00 at the start of the week, −62:00 at its end"
    )
