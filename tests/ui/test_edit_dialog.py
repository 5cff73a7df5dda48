"""The edit dialog (issue 12): date and time pickers that give the right UTC instants (across
midnight, on both DST days), breaks as rows that say whether they count, the result shown as the
user types (the day against its target, rules broken and mended), refusals that save nothing,
locked days read-only, and the fleet's reason rule. A real store on disk throughout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.services.clock import ClockService
from clockapp.ui.edit_dialog import BreakRow, EditDialog
from clockapp.ui.qt import QDate, QDialogButtonBox, QTime, QTimeEdit
from tests.conftest import FakeClock, berlin
from tests.ui.conftest import open_service
from tests.ui.test_week_window import week_with_work


def pick(dialog: EditDialog, which: str, text: str) -> None:
    """Set the start or end pickers to a Berlin wall time ``YYYY-MM-DD HH:MM``."""
    when = datetime.fromisoformat(text)
    date_edit, time_edit = (
        (dialog.start_date, dialog.start_time)
        if which == "start"
        else (dialog.end_date, dialog.end_time)
    )
    date_edit.setDate(QDate(when.year, when.month, when.day))
    time_edit.setTime(QTime(when.hour, when.minute))


def set_break(row: BreakRow, start: str, end: str) -> None:
    row.start_time.setTime(QTime.fromString(start, "HH:mm"))
    assert row.end_time is not None
    row.end_time.setTime(QTime.fromString(end, "HH:mm"))


def save(dialog: EditDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def add_dialog(qtbot: QtBot, service: ClockService) -> EditDialog:
    dialog = EditDialog(service, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_night_shift_with_a_break_across_midnight_is_saved_as_its_utc_instants(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 12:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-11-24 22:00")
    pick(dialog, "end", "2026-11-25 06:00")
    dialog.add_break_button.click()
    set_break(dialog.break_rows[0], "23:45", "00:15")
    assert "This session: 7:30 worked, 0:30 on break." in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    [added] = ui_service.sessions(
        berlin("2026-11-24 12:00").date(), berlin("2026-11-25 12:00").date()
    )
    assert (added.start, added.end) == (berlin("2026-11-24 22:00"), berlin("2026-11-25 06:00"))
    [pause] = added.breaks
    assert (pause.start, pause.end) == (berlin("2026-11-24 23:45"), berlin("2026-11-25 00:15"))


def test_moving_the_start_to_another_day_takes_the_end_along(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    dialog = add_dialog(qtbot, ui_service)
    assert dialog.end_date.date() == QDate(2026, 11, 27)
    dialog.start_date.setDate(QDate(2026, 11, 25))
    assert dialog.end_date.date() == QDate(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "worked"),
    [("2026-03-29", "7:00"), ("2026-10-25", "9:00")],  # the clocks go forward, then back
)
def test_on_a_dst_day_the_pickers_give_the_hours_really_worked(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, day: str, worked: str
) -> None:
    fake_clock.set_local(f"{day} 20:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", f"{day} 00:00")
    pick(dialog, "end", f"{day} 08:00")
    assert f"This session: {worked} worked" in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    on = date.fromisoformat(day)
    [added] = ui_service.sessions(on, on)
    assert (added.start, added.end) == (berlin(f"{day} 00:00"), berlin(f"{day} 08:00"))
    hours = int(worked.split(":")[0])
    assert added.end is not None and (added.end - added.start).total_seconds() == hours * 3600


def test_a_time_the_clocks_skip_is_refused_and_nothing_is_saved(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-03-29 20:00")
    dialog = add_dialog(qtbot, ui_service)
    pick(dialog, "start", "2026-03-29 02:30")  # 02:00 became 03:00
    assert "does not exist in Europe/Berlin" in dialog.message.text()
    save(dialog)
    assert dialog.isVisible()
    assert (
        ui_service.sessions(berlin("2026-03-29 12:00").date(), berlin("2026-03-29 12:00").date())
        == []
    )


def test_break_rows_are_added_and_removed_and_saved_as_listed(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)  # Monday 08:00-16:30, break 12:00-12:30
    dialog = EditDialog(ui_service, ui_service.find(ids["mon"]))
    qtbot.addWidget(dialog)
    dialog.show()
    [lunch] = dialog.break_rows
    assert (lunch.start_time.time(), lunch.end_time and lunch.end_time.time()) == (
        QTime(12, 0),
        QTime(12, 30),
    )
    dialog.add_break_button.click()
    assert len(dialog.break_rows) == 2
    set_break(dialog.break_rows[1], "15:00", "15:20")
    assert "This session: 7:40 worked, 0:50 on break." in dialog.preview.text()
    lunch.remove_button.click()
    assert dialog.break_rows == [dialog.break_rows[0]] and len(dialog.break_rows) == 1
    assert "This session: 8:10 worked, 0:20 on break." in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    [pause] = ui_service.find(ids["mon"]).breaks
    assert (pause.start, pause.end) == (berlin("2026-11-23 15:00"), berlin("2026-11-23 15:20"))


def test_a_ten_minute_break_is_marked_as_not_counting(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    dialog = EditDialog(ui_service, ui_service.find(ids["tue"]))
    qtbot.addWidget(dialog)
    dialog.add_break_button.click()
    row = dialog.break_rows[0]
    set_break(row, "12:00", "12:10")
    assert row.verdict.text() == "doesn't count (under 15 min)"
    assert "breaks that count: 0:00" in dialog.preview.text()
    set_break(row, "12:00", "12:15")
    assert row.verdict.text() == "counts toward the legal break"
    assert "breaks that count: 0:15" in dialog.preview.text()


def test_the_result_shows_the_day_against_its_target_and_rules_broken_and_mended(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)  # Tuesday: 7 h without a break
    dialog = EditDialog(ui_service, ui_service.find(ids["tue"]))
    qtbot.addWidget(dialog)
    text = dialog.preview.text()
    assert "Tue 2026-11-24: 7:00 of 8:00 worked" in text and "(before:" not in text
    assert "⚠ Tue 2026-11-24: 7:00 worked without enough break" in text

    dialog.add_break_button.click()
    set_break(dialog.break_rows[0], "12:00", "12:30")
    text = dialog.preview.text()
    assert "Tue 2026-11-24: 6:30 of 8:00 worked; breaks that count: 0:30 (before: 7:00)" in text
    assert "⚠" not in text
    assert "✓ No longer broken: Tue 2026-11-24: 7:00 worked without enough break" in text

    pick(dialog, "end", "2026-11-24 19:00")
    text = dialog.preview.text()
    assert "Tue 2026-11-24: 10:30 of 8:00 worked" in text
    assert "⚠ Tue 2026-11-24: 10:30 worked; at most 10 hours of work a day are allowed." in text
    assert dialog.message.text() == ""  # the rules are reported, never enforced
    save(dialog)
    assert not dialog.isVisible()
    assert ui_service.find(ids["tue"]).end == berlin("2026-11-24 19:00")


def test_a_refusal_shows_as_the_user_types_saves_nothing_and_never_squeezes_the_fields(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    before = ui_service.find(ids["tue"])
    trail = ui_service.history(ids["tue"])[1]
    dialog = EditDialog(ui_service, before)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.message.text() == ""
    fields = (dialog.start_date, dialog.start_time, dialog.end_date, dialog.end_time)
    places = [f.geometry() for f in fields]
    pick(dialog, "end", "2026-11-27 19:30")  # later than now
    assert dialog.message.text() == "The end 2026-11-27 19:30 is in the future."
    save(dialog)
    qtbot.wait(10)
    assert dialog.isVisible()
    assert ui_service.find(ids["tue"]) == before  # nothing changed
    assert ui_service.history(ids["tue"])[1] == trail
    assert [f.geometry() for f in fields] == places  # the fields keep their room
    refusal = dialog.message
    assert refusal.isVisible() and refusal.height() >= refusal.heightForWidth(refusal.width())
    assert refusal.geometry().top() > dialog.content_area.geometry().bottom()  # below them

    pick(dialog, "end", "2026-11-24 15:00")
    assert dialog.message.text() == ""


def test_an_overlap_with_another_session_is_refused_as_the_service_refuses_it(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    dialog = EditDialog(ui_service, None, day=berlin("2026-11-24 12:00").date())
    qtbot.addWidget(dialog)
    dialog.show()
    pick(dialog, "start", "2026-11-24 06:00")
    pick(dialog, "end", "2026-11-24 09:00")
    assert (
        dialog.message.text()
        == "This overlaps the session from 2026-11-24 08:00 to 2026-11-24 15:00."
    )
    save(dialog)
    assert dialog.isVisible()
    assert [
        str(s.id)
        for s in ui_service.sessions(
            berlin("2026-11-24 12:00").date(), berlin("2026-11-24 12:00").date()
        )
    ] == [ids["tue"]]


def test_a_locked_day_opens_read_only_and_says_why(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    monday = berlin("2026-11-23 12:00").date()
    ui_service.set_locked(monday, True)
    dialog = EditDialog(ui_service, ui_service.find(ids["mon"]))
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.start_date.isReadOnly() and dialog.end_time.isReadOnly()
    assert dialog.break_rows[0].start_time.isReadOnly()
    assert not dialog.break_rows[0].remove_button.isEnabled()
    assert not dialog.add_break_button.isEnabled() and dialog.note_edit.isReadOnly()
    assert dialog.message.text() == (
        "This day is locked. Unlock it in the week view to change this session."
    )
    assert "8:00 of 8:00 worked" in dialog.preview.text()  # still shows what it holds

    adding = EditDialog(ui_service, None, day=monday)
    qtbot.addWidget(adding)
    assert not adding.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert "Unlock it in the week view to add time to it." in adding.message.text()


@pytest.fixture
def reasons_required(
    data_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ClockService]:
    policy = data_dir / "policy.json"
    policy.write_text(json.dumps({"settings": {"require_edit_reason": True}}))
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(policy))
    service = open_service(data_dir, fake_clock)
    yield service
    service.store.close()


def test_under_the_policy_a_change_needs_a_reason(
    qtbot: QtBot, reasons_required: ClockService, fake_clock: FakeClock
) -> None:
    service = reasons_required
    ids = week_with_work(service, fake_clock)
    before = service.find(ids["tue"])
    dialog = EditDialog(service, before)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == ""  # nothing changed yet
    assert "required" in dialog.reason_edit.placeholderText()
    pick(dialog, "end", "2026-11-24 15:30")
    assert "requires a reason for every change by hand" in dialog.message.text()
    save(dialog)
    assert service.find(ids["tue"]) == before

    dialog.reason_edit.setText("left later")
    assert dialog.message.text() == ""
    save(dialog)
    assert service.find(ids["tue"]).end == berlin("2026-11-24 15:30")
    assert service.history(ids["tue"])[1][-1].reason == "left later"


def test_the_running_sessions_start_is_edited_and_its_running_break_kept(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 09:00:37")
    running = ui_service.clock_in()  # began at 08:00 really
    fake_clock.set_local("2026-11-23 11:00:12")
    ui_service.start_break()
    fake_clock.set_local("2026-11-23 11:10")
    dialog = EditDialog(ui_service, ui_service.find(str(running.id)))
    qtbot.addWidget(dialog)
    assert dialog.running and "still running" in dialog.end_label.text()
    [pause] = dialog.break_rows
    assert pause.end_time is None and pause.verdict.text() == "still running"
    dialog.start_time.setTime(QTime(8, 0))
    # 08:00 to 11:10, less the break since 11:00:12 (its seconds kept: the picker shows 11:00)
    assert "This session: 3:00 worked, 0:09 on break." in dialog.preview.text()
    save(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    now = ui_service.store.running_session()
    assert now is not None and now.start == berlin("2026-11-23 08:00") and now.end is None
    assert now.open_break is not None and now.open_break.start == berlin("2026-11-23 11:00:12")


def test_rows_added_before_the_dialog_shows_are_fitted_in(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    dialog = EditDialog(ui_service, ui_service.find(ids["tue"]))
    qtbot.addWidget(dialog)
    for _ in range(3):
        dialog.add_break_button.click()
    dialog.show()
    qtbot.waitExposed(dialog)
    for row in dialog.break_rows:
        assert row.width() >= row.sizeHint().width()
        assert row.remove_button.isVisible()
    dialog.add_break_button.click()  # and one added while it shows
    qtbot.wait(10)
    assert dialog.break_rows[-1].width() >= dialog.break_rows[-1].sizeHint().width()


def test_times_are_typed_from_the_keyboard(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    dialog = add_dialog(qtbot, ui_service)
    qtbot.waitExposed(dialog)
    # What tabbing into the field does: the hours selected, typed over, on to the minutes.
    dialog.start_time.setSelectedSection(QTimeEdit.Section.HourSection)
    qtbot.keyClicks(dialog.start_time, "0730")
    assert dialog.start_time.time() == QTime(7, 30)
    assert "This session: 9:30 worked" in dialog.preview.text()  # 07:30 to 17:00
