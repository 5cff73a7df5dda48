"""The night the clocks go back (issue 12): on 2026-10-25 Berlin's 02:00–03:00 happens twice, and
the edit dialog's and the back-date picker's time fields ask which of the two a time was — only
then — so a night shift across the change can be recorded from the UI. A real store on disk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from clockapp.services.clock import ClockService
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.live_clock import ClockAction
from clockapp.ui.repeated_hour import RepeatedHourChoice
from clockapp.ui.tray import ClockTray
from tests.conftest import FakeClock, berlin
from tests.ui.test_at_time import from_tray, ok
from tests.ui.test_at_time import pick as pick_at
from tests.ui.test_edit_dialog import add_dialog, pick, save, set_break

CEST_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30 (summer time)
CET_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the second 02:30 (winter time)


def choose(choice: RepeatedHourChoice, which: str) -> None:
    """Pick "first" or "second" as the user would (``activated`` is the user's signal)."""
    assert not choice.isHidden(), "the choice is not offered"
    [index] = [i for i in range(choice.count()) if f", {which})" in choice.itemText(i)]
    choice.setCurrentIndex(index)
    choice.activated.emit(index)


def test_a_night_shift_with_a_break_in_the_second_repeated_hour_is_saved_exactly(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-10-26 12:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-10-24 22:00")
    pick(dialog, "end", "2026-10-25 06:00")
    assert dialog.start_choice.isHidden() and dialog.end_choice.isHidden()
    dialog.add_break_button.click()
    row = dialog.break_rows[0]
    set_break(row, "02:30", "02:45")
    assert [row.start_choice.itemText(i) for i in range(2)] == [
        "02:30 summer time (CEST, first)",
        "02:30 winter time (CET, second)",
    ]
    assert row.start_choice.currentIndex() == 0  # by default the first
    choose(row.start_choice, "second")
    # The end follows: the first 02:45 would end the break before it began.
    assert row.end_choice.currentText() == "02:45 winter time (CET, second)"
    choose(row.end_choice, "second")
    assert "This session: 8:45 worked, 0:15 on break." in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    [added] = ui_service.sessions(berlin("2026-10-24 12:00").date(), fake_clock.now.date())
    assert added.start == datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
    assert added.end == datetime(2026, 10, 25, 5, 0, tzinfo=UTC)
    assert added.end - added.start == timedelta(hours=9)
    [pause] = added.breaks
    assert (pause.start, pause.end) == (CET_0230, CET_0230 + timedelta(minutes=15))


def test_first_and_second_for_an_end_at_0230_are_an_hour_apart(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-10-26 12:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-10-24 22:00")
    pick(dialog, "end", "2026-10-25 02:30")
    choose(dialog.end_choice, "first")
    assert dialog.values()[1] == CEST_0230
    assert "This session: 4:30 worked" in dialog.preview.text()
    choose(dialog.end_choice, "second")
    assert dialog.values()[1] == CET_0230 == CEST_0230 + timedelta(hours=1)
    assert "This session: 5:30 worked" in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    [added] = ui_service.sessions(berlin("2026-10-24 12:00").date(), fake_clock.now.date())
    assert added.end == CET_0230


def test_an_end_after_a_start_in_the_repeated_hour_defaults_to_not_negative(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-10-26 12:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-10-25 02:40")
    pick(dialog, "end", "2026-10-25 02:30")
    assert dialog.start_choice.currentText() == "02:40 summer time (CEST, first)"
    assert dialog.end_choice.currentText() == "02:30 winter time (CET, second)"
    assert "This session: 0:50 worked" in dialog.preview.text()


def test_a_session_ending_in_the_second_repeated_hour_opens_as_it_is(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-10-26 12:00")
    session = ui_service.add(datetime(2026, 10, 24, 20, 0, tzinfo=UTC), CET_0230, [], "", "")
    dialog = EditDialog(ui_service, ui_service.find(str(session.id)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.end_choice.currentText() == "02:30 winter time (CET, second)"
    assert dialog.values()[1] == CET_0230


def test_the_choice_is_hidden_on_ordinary_days_and_the_skipped_hour_is_still_refused(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-26 12:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-11-24 22:00")
    pick(dialog, "end", "2026-11-25 06:00")
    dialog.add_break_button.click()
    set_break(dialog.break_rows[0], "02:30", "02:45")
    choices = [dialog.start_choice, dialog.end_choice]
    choices += [dialog.break_rows[0].start_choice, dialog.break_rows[0].end_choice]
    assert all(choice.isHidden() for choice in choices)
    assert "This session: 7:45 worked" in dialog.preview.text()
    pick(dialog, "start", "2026-03-29 00:00")
    pick(dialog, "end", "2026-03-29 02:30")  # 02:00 became 03:00
    assert "does not exist in Europe/Berlin" in dialog.message.text()
    assert dialog.end_choice.isHidden()


@pytest.mark.parametrize(("which", "expected"), [("first", CEST_0230), ("second", CET_0230)])
def test_clocking_out_at_0230_that_night_records_the_chosen_one(
    qtbot: QtBot,
    tray: ClockTray,
    other_process: ClockService,
    fake_clock: FakeClock,
    which: str,
    expected: datetime,
) -> None:
    fake_clock.set_local("2026-10-24 22:00")
    running = other_process.clock_in()
    fake_clock.now = datetime(2026, 10, 25, 5, 0, tzinfo=UTC)  # 06:00 winter time
    tray.clock.refresh()
    dialog = from_tray(tray, ClockAction.CLOCK_OUT)
    assert dialog.choice.isHidden()  # now, 06:00, happens once
    pick_at(dialog, "2026-10-25 02:30")
    assert dialog.choice.isVisible()
    choose(dialog.choice, which)
    ok(dialog)
    assert not dialog.isVisible(), dialog.message_label.text()
    session = other_process.store.session(running.id)
    assert session is not None and session.end == expected
