"""The week window: numbers straight from the domain report, editing with the domain's checks,
delete with confirmation, locks, CSV export, upload states and entries made elsewhere."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.uploads import UploadInfo, UploadStatus
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.ui.durations import hm, minutes
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.qt import (
    QDate,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QStandardPaths,
    Qt,
    QTime,
    QWidget,
)
from clockapp.ui.upload_status import UploadWatch
from clockapp.ui.week_window import WeekWindow
from clockapp.ui.wording import localized_day
from tests.conftest import FakeClock, berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.ui.conftest import FakeUploads
from tests.ui.trees import child, row


def work(service: ClockService, day: str, start: str, end: str, pause: str | None = None) -> str:
    service.clock_in(at=berlin(f"{day} {start}"))
    if pause:
        a, b = pause.split("-")
        service.start_break(at=berlin(f"{day} {a}"))
        service.end_break(at=berlin(f"{day} {b}"))
    return str(service.clock_out(at=berlin(f"{day} {end}")).id)


def rows(window: WeekWindow) -> list[list[str]]:
    tree = window.tree
    return [[row(tree, i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def session_item(window: WeekWindow, session_id: str):  # type: ignore[no-untyped-def]
    for i in range(window.tree.topLevelItemCount()):
        day = row(window.tree, i)
        for j in range(day.childCount()):
            if child(day, j).data(0, 256) == session_id:
                return child(day, j)
    raise AssertionError(f"session {session_id} is not shown")


def week_with_work(service: ClockService, clock: FakeClock) -> dict[str, str]:
    clock.set_local("2026-11-27 18:00")
    return {
        "mon": work(service, "2026-11-23", "08:00", "16:30", "12:00-12:30"),
        "tue": work(service, "2026-11-24", "08:00", "15:00"),  # 7 h, no break: a violation
        "wed": work(service, "2026-11-25", "07:00", "19:00", "12:00-12:45"),
    }


def test_the_numbers_are_the_domain_reports(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    report = ui_service.week(berlin("2026-11-25 12:00").date())
    assert [r[1:] for r in rows(window)] == [
        [minutes(d.worked_min), minutes(d.break_min), minutes(d.target_min)] for d in report.days
    ]
    assert rows(window)[0][1] == "8:00" and rows(window)[2][1] == "11:15"
    assert window.totals.text().startswith(
        f"Week: {minutes(report.total_min)} worked of {minutes(report.target_min)}"
        f" · {minutes(report.remaining_min)} remaining · Balance: "
    )
    assert {v.rule for v in report.violations} == {"break_30_after_6h", "max_10h_per_day"}
    assert window.violations.text().splitlines() == [
        f"⚠ {localized_day(date(2026, 11, 24))}: 7:00 worked without enough break; "
        "30 min are required after 6 hours, in breaks of 15 min or more.",
        f"⚠ {localized_day(date(2026, 11, 25))}: 11:15 worked; "
        "at most 10 hours of work a day are allowed.",
    ]


def test_previous_and_next_week(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    assert "Week 48" in window.title.text()
    window.prev_button.click()
    assert window.monday.isoformat() == "2026-11-16" and "Week 47" in window.title.text()
    assert all(r[1] == "0:00" for r in rows(window))
    window.next_button.click()
    window.next_button.click()
    assert window.monday.isoformat() == "2026-11-30"
    window.this_button.click()
    assert window.monday.isoformat() == "2026-11-23"


def test_an_edit_is_checked_by_the_clock_core(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.tree.setCurrentItem(session_item(window, ids["tue"]))
    window.edit_selected()
    dialog = window._dialog
    assert isinstance(dialog, EditDialog) and dialog.isVisible()

    dialog.add_break_button.click()
    [row] = dialog.break_rows
    assert row.end_time is not None
    row.start_time.setTime(QTime(16, 0))  # after the session ended
    row.end_time.setTime(QTime(16, 30))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "lies outside the session" in dialog.message.text()
    assert ui_service.find(ids["tue"]).breaks == ()  # nothing changed

    row.start_time.setTime(QTime(12, 0))
    row.end_time.setTime(QTime(12, 30))
    dialog.end_time.setTime(QTime(15, 30))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    edited = ui_service.find(ids["tue"])
    assert edited.end == berlin("2026-11-24 15:30") and len(edited.breaks) == 1
    assert rows(window)[1][1] == "7:00"  # the window shows the edit at once


def test_a_locked_day_is_read_only(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.tree.setCurrentItem(session_item(window, ids["mon"]))
    assert window.lock_button.text() == "&Lock day"
    window.lock_button.click()
    assert row(window.tree, 0).text(5) == "locked"
    window.tree.setCurrentItem(session_item(window, ids["mon"]))
    dialog = EditDialog(ui_service, ui_service.find(ids["mon"]))
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.start_time.isReadOnly() and "locked" in dialog.message.text()
    assert window.lock_button.text() == "Un&lock day"
    window.lock_button.click()
    assert row(window.tree, 0).text(5) == ""


def test_delete_asks_first(qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock) -> None:
    ids = week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.tree.setCurrentItem(session_item(window, ids["wed"]))
    window.delete_button.click()
    box = window._dialog
    assert isinstance(box, QMessageBox) and "can't be undone" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert ui_service.find(ids["wed"])  # still there

    window.tree.setCurrentItem(session_item(window, ids["wed"]))
    window.delete_button.click()
    window._dialog.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert [s.id for s in ui_service.sessions(*[berlin("2026-11-25 12:00").date()] * 2)] == []
    assert rows(window)[2][1] == "0:00"


def test_export_writes_the_weeks_csv(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, tmp_path: Path
) -> None:
    week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    target = tmp_path / "week.csv"
    window.write_csv(str(target), window.monday, window.monday.replace(day=29))
    assert target.read_text(encoding="utf-8") == ui_service.export(
        window.monday, window.monday.replace(day=29), "csv"
    )
    assert "Exported to" in window.status.text()
    window.write_csv(str(tmp_path / "missing-folder" / "x.csv"), window.monday, window.monday)
    assert "The export failed" in window.status.text()


def test_upload_states_and_entries_made_elsewhere(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    config.configure_timetrack(
        ui_service.settings,
        SecretStore(),
        timetrack.url,
        "anna",
        timetrack.api_key,
        timetrack.api_secret,
    )
    sync = SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    asyncio.run(sync.sync_now())
    work(ui_service, "2026-11-26", "08:00", "09:00")  # not uploaded yet
    timetrack.add("anna", berlin("2026-11-27 07:00"), berlin("2026-11-27 11:00"), 0, "terminal")

    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    assert session_item(window, ids["mon"]).text(5) == "uploaded"

    async def fetch() -> None:
        window.fetch_remote()
        assert window._remote_task is not None
        await window._remote_task

    asyncio.run(fetch())
    friday = row(window.tree, 4)
    assert friday.text(1) == hm(4 * 3600) and child(friday, 0).text(5) == "made elsewhere"
    assert window.status.text() == "1 entry made elsewhere is counted above."
    thursday = row(window.tree, 3)
    assert child(thursday, 0).text(5) == "saved on this device"
    window.tree.setCurrentItem(child(friday, 0))
    assert not window.edit_button.isEnabled()  # entries made elsewhere are not ours to edit


def test_a_night_shift_is_listed_under_every_day_it_touches(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-29 12:00")
    ui_service.clock_in(at=berlin("2026-11-27 22:00"))
    ui_service.start_break(at=berlin("2026-11-28 02:00"))
    ui_service.end_break(at=berlin("2026-11-28 02:30"))
    night = str(ui_service.clock_out(at=berlin("2026-11-28 06:30")).id)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    friday, saturday = row(window.tree, 4), row(window.tree, 5)
    assert (friday.text(1), saturday.text(1)) == ("2:00", "6:00")
    for day, part, pause in ((friday, "2:00", "0:00"), (saturday, "6:00", "0:30")):
        assert day.childCount() == 1
        piece = child(day, 0)
        assert piece.data(0, 256) == night
        assert piece.text(0) == "Fri 22:00 – Sat 06:30"  # its whole span
        assert (piece.text(1), piece.text(2)) == (f"{part} of 8:00", f"{pause} of 0:30")
    # Either row edits the same session.
    window.tree.setCurrentItem(child(saturday, 0))
    assert window.edit_button.isEnabled() and window.selected_session() == night


def test_edit_and_delete_are_off_on_a_locked_day_and_say_why(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    ui_service.set_locked(date(2026, 11, 24), True)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.tree.setCurrentItem(session_item(window, ids["tue"]))
    for button in (window.edit_button, window.delete_button):
        assert not button.isEnabled()
        assert button.toolTip() == "This day is locked; unlock it to change its sessions."
    window.delete_selected()
    assert window._dialog is None  # no "can't be undone" question to be refused after
    window.tree.setCurrentItem(session_item(window, ids["mon"]))
    assert window.edit_button.isEnabled() and window.edit_button.toolTip() == ""


def test_tab_starts_with_the_weeks_navigation(qtbot: QtBot, ui_service: ClockService) -> None:
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: list[QWidget] = []
    widget: QWidget | None = window.prev_button
    # navigation (3), Month…, the tree, the days' absences (2), add/edit/delete/lock/export, Close
    for _ in range(13):
        assert widget is not None
        seen.append(widget)
        widget = widget.nextInFocusChain()
        while widget is not None and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    assert seen[:5] == [
        window.prev_button,
        window.this_button,
        window.next_button,
        window.month_button,
        window.tree,
    ]
    assert seen[-1] is window.close_button
    assert window.windowTitle() == "Week"  # Qt adds the app's name itself


def test_export_offers_excel_in_the_documents_folder(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "Documents").mkdir()
    week_with_work(ui_service, fake_clock)
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    window.export_csv()
    dialog = window._dialog
    assert isinstance(dialog, QFileDialog)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents == str(tmp_path / "Documents")
    assert Path(dialog.directory().absolutePath()) == Path(documents)
    assert dialog.nameFilters()[:2] == ["Excel (CSV) (*.csv)", "CSV files (*.csv)"]
    target = tmp_path / "week.csv"
    dialog.fileSelected.emit(str(target))  # Excel, the preselected kind
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;date;start;") and b"\r\n" in raw
    dialog.reject()

    window.export_csv()
    plain = window._dialog
    assert isinstance(plain, QFileDialog)
    plain.selectNameFilter("CSV files (*.csv)")
    plain.fileSelected.emit(str(target))
    assert target.read_bytes().startswith(b"id,date,start,")
    plain.reject()


def test_the_week_shows_upload_states_once_a_backend_is_set(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    week_with_work(ui_service, fake_clock)
    watch = UploadWatch(None)
    window = WeekWindow(ui_service, None, uploads=watch)
    qtbot.addWidget(window)
    window.show()
    assert row(window.tree, 0, 0).text(5) == "on this device"
    fake = FakeUploads()
    fake.session_statuses = lambda: {  # type: ignore[attr-defined]
        s.id: UploadInfo(UploadStatus.SAVED, None, None, None)
        for s in ui_service.sessions(date(2026, 11, 23), date(2026, 11, 29))
    }
    watch.sync = fake  # what the tray does once Settings saved a backend
    watch.refresh()
    assert window.sync is fake
    assert row(window.tree, 0, 0).text(5) == "saved on this device"
    # Closed while an upload run ends: shown again, it shows the new state.
    window.hide()
    fake.session_statuses = lambda: {
        s.id: UploadInfo(UploadStatus.UPLOADED, "1", None, None)
        for s in ui_service.sessions(date(2026, 11, 23), date(2026, 11, 29))
    }
    watch.refresh()
    window.show()
    assert row(window.tree, 0, 0).text(5) == "uploaded"


def test_the_edit_dialog_is_wide_enough_for_its_title_and_fields(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    dialog = EditDialog(ui_service, ui_service.find(ids["mon"]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Edit session"
    # Its title and a break row with its verdict fit; not a 200-px sliver.
    title_width = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= max(300, title_width + 120)
    [row] = dialog.break_rows
    verdict = row.verdict
    assert verdict.width() >= verdict.fontMetrics().horizontalAdvance(verdict.text())
    for field in (dialog.start_date, dialog.start_time, dialog.end_date, dialog.end_time):
        assert field.width() >= field.sizeHint().width(), field.text()


def test_after_an_account_switch_the_week_still_says_where_a_session_went(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    ids = week_with_work(ui_service, fake_clock)
    config.configure_timetrack(
        ui_service.settings, SecretStore(), timetrack.url, "anna", "tt-key-0123", "tt-secret-4567"
    )
    sync = SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    asyncio.run(sync.sync_now())
    config.configure_timetrack(
        ui_service.settings, SecretStore(), timetrack.url, "bert", "tt-key-0123", "tt-secret-4567"
    )
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    item = session_item(window, ids["mon"])
    assert item.text(5) == "saved on this device"  # not at bert's yet
    assert f"Also uploaded to: TimeTrack at {timetrack.url} as anna." in item.toolTip(5)


def test_a_day_shows_its_planned_shift_beside_the_time_worked(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock, memory_keyring: MemoryKeyring
) -> None:
    from clockapp.domain.shifts import Shift
    from clockapp.services.shifts import destination_key
    from clockapp.storage.shifts import ShiftStore

    config.configure_papershift(
        ui_service.settings,
        SecretStore(),
        "https://app.papershift.com",
        "ps-token",
        {"location_id": "8006", "working_area_id": "12", "user_id": "1"},
    )
    week_with_work(ui_service, fake_clock)
    key = destination_key(ui_service.settings)
    assert key is not None
    with ui_service.store.write():
        ShiftStore(ui_service.store).replace(
            key,
            berlin("2026-11-23 00:00"),
            berlin("2026-11-30 00:00"),
            [
                Shift("1", berlin("2026-11-23 08:00"), berlin("2026-11-23 16:00"), own=True),
                Shift("2", berlin("2026-11-24 06:00"), berlin("2026-11-24 14:00")),  # the area's
                Shift("3", berlin("2026-11-25 07:00"), berlin("2026-11-25 17:00"), own=True),
                Shift("4", berlin("2026-11-26 08:00"), berlin("2026-11-26 16:00"), own=True),
                Shift("5", berlin("2026-11-28 08:00"), berlin("2026-11-28 12:00"), own=True),
            ],
            fake_clock(),
        )
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    monday, tuesday, wednesday, thursday, _, saturday, _ = rows(window)
    assert monday[:2] == [
        f"{localized_day(date(2026, 11, 23))} · planned 08:00–16:00 ({minutes(480)})"
        " · clocked 0:00",
        minutes(480),
    ]
    assert tuesday[0] == localized_day(date(2026, 11, 24))
    # Against the plan: 11:15 clocked of 10:00 planned; nothing clocked on a planned day.
    assert wednesday[0].endswith("planned 07:00–17:00 (10:00) · clocked +1:15")
    assert thursday[0].endswith("planned 08:00–16:00 (8:00) · clocked −8:00")
    # Saturday is still ahead (it is Friday evening): the plan alone.
    assert saturday[0] == f"{localized_day(date(2026, 11, 28))} · planned 08:00–12:00 (4:00)"


def confirmed_week(
    service: ClockService, clock: FakeClock, server: FakePapershift
) -> tuple[dict[str, str], SyncService]:
    """The week's work uploaded to Papershift; a manager has confirmed Monday's session."""
    config.configure_papershift(
        service.settings,
        SecretStore(),
        server.url,
        server.api_token,
        {"location_external_id": "Company-A", "working_area_id": "12", "user_id": "1"},
    )
    ids = week_with_work(service, clock)
    sync = SyncService(service.store, service.settings, SecretStore(), now=clock)
    asyncio.run(sync.sync_now(asked=True))
    monday = berlin("2026-11-23 08:00")
    server.confirm(next(i for i, s in server.sessions.items() if s["starts_at"] == monday))
    return ids, sync


def fetched(window: WeekWindow) -> None:
    async def fetch() -> None:
        window.fetch_remote()
        assert window._remote_task is not None
        await window._remote_task

    asyncio.run(fetch())


def test_a_session_the_manager_confirmed_is_marked_and_says_so(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
) -> None:
    ids, sync = confirmed_week(ui_service, fake_clock, papershift)
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    assert "confirmed" not in session_item(window, ids["mon"]).text(0)  # not known yet
    fetched(window)
    monday = session_item(window, ids["mon"])
    assert monday.text(0) == "08:00 – 16:30  ✔ confirmed"
    assert monday.toolTip(0) == (
        "A manager has confirmed this session; changing it shows up for them as a change."
    )
    assert "confirmed" not in session_item(window, ids["tue"]).text(0)
    # Learned once, shown from the store: a window opened offline shows it too.
    papershift.stop()
    offline = WeekWindow(ui_service)
    qtbot.addWidget(offline)
    assert session_item(offline, ids["mon"]).text(0).endswith("✔ confirmed")


def test_the_confirmed_mark_is_german_in_german(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    german: None,
) -> None:
    ids, sync = confirmed_week(ui_service, fake_clock, papershift)
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    fetched(window)
    monday = session_item(window, ids["mon"])
    assert monday.text(0) == "08:00 – 16:30  ✔ bestätigt"
    assert monday.toolTip(0).startswith("Eine Führungskraft hat diese Sitzung bestätigt")


def test_an_edit_on_a_confirmed_day_asks_before_it_saves(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
) -> None:
    ids, sync = confirmed_week(ui_service, fake_clock, papershift)
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    fetched(window)
    window.tree.setCurrentItem(session_item(window, ids["mon"]))
    window.edit_selected()
    dialog = window._dialog
    assert isinstance(dialog, EditDialog)
    dialog.end_time.setTime(QTime(17, 0))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    question = dialog.question
    assert isinstance(question, QMessageBox) and question.isVisible()
    assert question.text() == (
        f"A manager has confirmed {localized_day(date(2026, 11, 23))}. If you save, they will "
        "see the change. Save anyway?"
    )
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible()
    assert ui_service.find(ids["mon"]).end == berlin("2026-11-23 16:30")  # nothing changed

    save.click()
    assert dialog.question is not None
    dialog.question.button(QMessageBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert ui_service.find(ids["mon"]).end == berlin("2026-11-23 17:00")


def test_a_delete_on_a_confirmed_day_says_the_manager_will_see_it(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
) -> None:
    ids, sync = confirmed_week(ui_service, fake_clock, papershift)
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    fetched(window)
    window.tree.setCurrentItem(session_item(window, ids["tue"]))
    window.delete_button.click()
    box = window._dialog
    assert isinstance(box, QMessageBox) and "A manager has confirmed" not in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()

    window.tree.setCurrentItem(session_item(window, ids["mon"]))
    window.delete_button.click()
    box = window._dialog
    assert isinstance(box, QMessageBox)
    assert box.text().endswith(
        f"A manager has confirmed {localized_day(date(2026, 11, 23))}; they will see the "
        "deletion as a change."
    )
    box.button(QMessageBox.StandardButton.Yes).click()
    assert ui_service.sessions(date(2026, 11, 23), date(2026, 11, 23)) == []


def test_add_time_on_a_confirmed_day_asks_in_german(
    qtbot: QtBot,
    ui_service: ClockService,
    fake_clock: FakeClock,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    german: None,
) -> None:
    _, sync = confirmed_week(ui_service, fake_clock, papershift)
    window = WeekWindow(ui_service, sync)
    qtbot.addWidget(window)
    fetched(window)
    window.tree.setCurrentItem(row(window.tree, 0))  # Monday
    window.add_button.click()
    dialog = window._dialog
    assert isinstance(dialog, EditDialog)
    dialog.start_date.setDate(QDate(2026, 11, 23))
    dialog.start_time.setTime(QTime(17, 0))
    dialog.end_date.setDate(QDate(2026, 11, 23))
    dialog.end_time.setTime(QTime(17, 30))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.question is not None
    assert dialog.question.text().startswith("Eine Führungskraft hat")
    assert dialog.question.windowTitle() == "Bestätigten Tag ändern?"
    dialog.question.button(QMessageBox.StandardButton.Save).click()
    assert len(ui_service.sessions(date(2026, 11, 23), date(2026, 11, 23))) == 2
