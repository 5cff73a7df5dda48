"""Back-dating from the tray and the popup (issue 12): "Clock in at…", "Start break at…", "End break
at…" and "Clock out at…" open a time picker bounded by the last clock event and now; the picked
wall time is stored as UTC; a refusal is shown in the picker and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.domain.zones import local
from clockapp.services.clock import ClockService
from clockapp.ui.at_time import AtTimeDialog
from clockapp.ui.live_clock import ClockAction, LiveClock
from clockapp.ui.qt import (
    QAction,
    QApplication,
    QDate,
    QDateTime,
    QDateTimeEdit,
    QMessageBox,
    Qt,
    QTime,
    QTimeZone,
)
from clockapp.ui.tray import ClockTray
from tests.conftest import BERLIN, FakeClock, berlin


@pytest.fixture(autouse=True)
def close_pickers(qtbot: QtBot) -> Iterator[None]:
    """No picker outlives its test (later tests look for the windows on screen)."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, AtTimeDialog):
            widget.close()


def pick(dialog: AtTimeDialog, wall: str) -> None:
    """Set the picker to a Berlin wall time ``YYYY-MM-DD HH:MM``, as the user would."""
    when = datetime.fromisoformat(wall)
    dialog.editor.setDateTime(
        QDateTime(
            QDate(when.year, when.month, when.day),
            QTime(when.hour, when.minute),
            QTimeZone.utc(),
        )
    )


def shown(dialog: AtTimeDialog) -> str:
    """The picker's value as a wall time ``YYYY-MM-DD HH:MM``."""
    return dialog.editor.dateTime().toString("yyyy-MM-dd HH:mm")


def from_tray(tray: ClockTray, action: ClockAction) -> AtTimeDialog:
    entry = tray.at_actions[action]
    assert entry.isVisible() and entry.isEnabled()
    entry.trigger()
    dialog = tray.time_dialog
    assert dialog is not None and dialog.isVisible() and dialog.action is action
    return dialog


def from_popup(tray: ClockTray, action: ClockAction) -> AtTimeDialog:
    tray.show_popup()
    popup = tray.popup
    assert popup is not None
    panel = popup.panel
    assert panel.more_button.isVisible() and panel.more_button.menu() is panel.more_menu
    entry = panel.at_actions[action]
    assert entry.isVisible()
    entry.trigger()
    assert not popup.isVisible()  # the picker takes over from the popup
    dialog = tray.time_dialog
    assert dialog is not None and dialog.isVisible() and dialog.action is action
    return dialog


def ok(dialog: AtTimeDialog) -> None:
    dialog.buttons.accepted.emit()


def visible_at_actions(actions: dict[ClockAction, QAction]) -> set[ClockAction]:
    return {a for a, entry in actions.items() if entry.isVisible()}


@pytest.mark.parametrize("source", [from_tray, from_popup], ids=["tray menu", "popup"])
def test_each_clock_action_is_recorded_at_the_picked_time(
    qtbot: QtBot,
    tray: ClockTray,
    other_process: ClockService,
    fake_clock: FakeClock,
    source: Callable[[ClockTray, ClockAction], AtTimeDialog],
) -> None:
    open_picker = source
    fake_clock.set_local("2026-11-23 12:00")

    dialog = open_picker(tray, ClockAction.CLOCK_IN)
    pick(dialog, "2026-11-23 08:15")
    ok(dialog)
    assert not dialog.isVisible()
    running = other_process.store.running_session()
    assert running is not None
    assert running.start == berlin("2026-11-23 08:15") == datetime(2026, 11, 23, 7, 15, tzinfo=UTC)
    assert running.start.tzinfo is UTC  # stored in UTC, shown in local time:
    assert "in since 08:15" in tray.tooltip()

    dialog = open_picker(tray, ClockAction.START_BREAK)
    pick(dialog, "2026-11-23 10:00")
    ok(dialog)
    dialog = open_picker(tray, ClockAction.END_BREAK)
    pick(dialog, "2026-11-23 10:30")
    ok(dialog)
    dialog = open_picker(tray, ClockAction.CLOCK_OUT)
    pick(dialog, "2026-11-23 11:45")
    ok(dialog)

    session = other_process.store.session(running.id)
    assert session is not None
    assert session.end == berlin("2026-11-23 11:45")
    assert [(b.start, b.end) for b in session.breaks] == [
        (berlin("2026-11-23 10:00"), berlin("2026-11-23 10:30"))
    ]
    assert other_process.status().state is ClockState.OFF


def test_only_the_actions_that_fit_the_state_are_offered(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock
) -> None:
    tray.show_popup()
    assert tray.popup is not None
    panel = tray.popup.panel
    expected = {
        ClockState.OFF: {ClockAction.CLOCK_IN},
        ClockState.WORKING: {ClockAction.START_BREAK, ClockAction.CLOCK_OUT},
        ClockState.ON_BREAK: {ClockAction.END_BREAK, ClockAction.CLOCK_OUT},
    }
    assert visible_at_actions(tray.at_actions) == expected[ClockState.OFF]
    assert visible_at_actions(panel.at_actions) == expected[ClockState.OFF]
    assert not panel.discard_action.isVisible()  # nothing to discard
    for action, state in (
        (ClockAction.CLOCK_IN, ClockState.WORKING),
        (ClockAction.START_BREAK, ClockState.ON_BREAK),
    ):
        live_clock.act(action)
        assert visible_at_actions(tray.at_actions) == expected[state]
        assert visible_at_actions(panel.at_actions) == expected[state]
        assert panel.discard_action.isVisible()


def test_the_popup_offers_discard_with_a_confirmation(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock, other_process: ClockService
) -> None:
    live_clock.act(ClockAction.CLOCK_IN)
    tray.show_popup()
    assert tray.popup is not None
    tray.popup.panel.discard_action.trigger()
    question = tray.discard_question
    assert question is not None and question.isVisible()
    assert other_process.store.running_session() is not None  # not before the answer
    cancel = question.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.click()
    assert tray.discard_question is None and not question.isVisible()
    assert other_process.store.running_session() is not None


def test_the_picker_is_bounded_by_the_last_clock_event_and_now(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 08:00")
    live_clock.act(ClockAction.CLOCK_IN)
    fake_clock.set_local("2026-11-23 10:30:20")
    live_clock.act(ClockAction.START_BREAK)
    fake_clock.set_local("2026-11-23 10:50")
    live_clock.act(ClockAction.END_BREAK)
    fake_clock.set_local("2026-11-23 12:00:37")

    dialog = from_tray(tray, ClockAction.CLOCK_OUT)
    assert dialog.editor.displayFormat() == "HH:mm"  # today only: no date to pick
    assert shown(dialog) == "2026-11-23 12:00"  # now by default
    assert dialog.range_label.text() == "From 10:50 until now (12:00)."
    pick(dialog, "2026-11-23 09:00")  # before the break ended: held at the last event
    assert shown(dialog) == "2026-11-23 10:50"
    pick(dialog, "2026-11-23 13:00")  # in the future: held at now
    assert shown(dialog) == "2026-11-23 12:00"
    # The keyboard steps through it: an hour back from 12:00 is 11:00.
    dialog.editor.setCurrentSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Down)
    assert shown(dialog) == "2026-11-23 11:00"
    dialog.reject()

    # Clocked out: a clock-in may go back to the end of the last session, not before.
    live_clock.act(ClockAction.CLOCK_OUT)
    fake_clock.set_local("2026-11-23 14:00")
    dialog = from_tray(tray, ClockAction.CLOCK_IN)
    assert dialog.range_label.text() == "From 12:00 until now (14:00)."
    pick(dialog, "2026-11-23 11:00")
    assert shown(dialog) == "2026-11-23 12:00"


def test_with_nothing_recorded_a_clock_in_may_go_back_a_day(
    qtbot: QtBot, tray: ClockTray, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 09:00")
    dialog = from_tray(tray, ClockAction.CLOCK_IN)
    assert "yy" in dialog.editor.displayFormat()  # yesterday is within reach: the date shows
    pick(dialog, "2026-11-21 23:00")
    assert shown(dialog) == "2026-11-22 09:00"  # a session lasts 24 hours at most


def test_a_night_shift_is_clocked_out_before_midnight_with_the_date_shown(
    qtbot: QtBot, tray: ClockTray, other_process: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-24 01:30")
    other_process.clock_in(at=berlin("2026-11-23 22:00"))
    tray.clock.refresh()

    dialog = from_tray(tray, ClockAction.CLOCK_OUT)
    assert "yy" in dialog.editor.displayFormat()  # the span crosses midnight: the date too
    assert "22:00" in dialog.range_label.text() and "01:30" in dialog.range_label.text()
    pick(dialog, "2026-11-23 23:45")
    ok(dialog)
    assert not dialog.isVisible()
    session = other_process.store.sessions_between(
        berlin("2026-11-23 00:00"), berlin("2026-11-25 00:00")
    )[0]
    assert session.end == datetime(2026, 11, 23, 22, 45, tzinfo=UTC)  # 23:45 in Berlin
    assert f"{local(session.end, BERLIN):%Y-%m-%d %H:%M}" == "2026-11-23 23:45"


def test_a_refusal_is_shown_in_the_picker_and_nothing_changes(
    qtbot: QtBot, tray: ClockTray, other_process: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 08:00")
    other_process.clock_in()
    fake_clock.set_local("2026-11-23 12:00")
    tray.clock.refresh()
    dialog = from_tray(tray, ClockAction.START_BREAK)
    pick(dialog, "2026-11-23 11:00")
    # Meanwhile, in a terminal: a break from 11:30 to 11:40.
    other_process.start_break(at=berlin("2026-11-23 11:30"))
    before = other_process.end_break(at=berlin("2026-11-23 11:40"))

    ok(dialog)
    assert dialog.isVisible()
    assert dialog.message_label.isVisible()
    assert "before your previous clock event" in dialog.message_label.text()
    assert other_process.store.running_session() == before
    # The picker now starts after that break; a time from there is recorded.
    assert dialog.range_label.text() == "From 11:40 until now (12:00)."
    pick(dialog, "2026-11-23 11:50")
    ok(dialog)
    running = other_process.store.running_session()
    assert running is not None and running.open_break is not None
    assert running.open_break.start == berlin("2026-11-23 11:50")


def test_the_picker_speaks_german(
    qtbot: QtBot,
    german: None,
    tray: ClockTray,
    other_process: ClockService,
    fake_clock: FakeClock,
) -> None:
    fake_clock.set_local("2026-11-23 12:00")
    other_process.set_locked(berlin("2026-11-23 12:00").date(), True)
    tray.clock.refresh()
    assert tray.at_actions[ClockAction.CLOCK_IN].text() == "Einstempeln &um…"
    dialog = from_tray(tray, ClockAction.CLOCK_IN)
    assert dialog.question.text() == "Wann haben Sie mit der Arbeit begonnen?"
    pick(dialog, "2026-11-23 08:00")
    ok(dialog)  # the day is locked
    assert dialog.isVisible() and "gesperrt" in dialog.message_label.text()
    assert other_process.store.running_session() is None
