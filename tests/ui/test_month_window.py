"""The month window: the time account's numbers for each day and the month, previous/next
month, the timesheet as a PDF, the days exported as CSV, Excel's CSV and JSON, and its life in
the tray (built on first use, released when closed)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.ui.durations import minutes, signed
from clockapp.ui.month_window import MonthWindow
from clockapp.ui.qt import QFileDialog, QTreeWidgetItem
from clockapp.ui.tray import ClockTray
from clockapp.ui.wording import localized_day
from tests.conftest import FakeClock, berlin


def work(service: ClockService, start: str, end: str, pause: str | None = None) -> None:
    service.clock_in(at=berlin(start))
    if pause:
        a, b = pause.split("/")
        service.start_break(at=berlin(a))
        service.end_break(at=berlin(b))
    service.clock_out(at=berlin(end))


@pytest.fixture
def january(ui_service: ClockService, fake_clock: FakeClock) -> AccountService:
    """January 2026 in Bavaria, seen on 10 February: New Year and Epiphany (the 6th) are
    holidays, vacation on the 7th to 9th, the 12th locked, a night shift from Thursday the
    15th to Friday the 16th. The account starts on 1 January with 90 minutes."""
    fake_clock.set_local("2026-02-10 09:00")
    account = AccountService(ui_service)
    account.set_region("DE-BY")
    account.set_balance(since=date(2026, 1, 1), opening_min=90, vacation_days=30)
    work(ui_service, "2026-01-02 08:00", "2026-01-02 16:30", "2026-01-02 12:00/2026-01-02 12:30")
    work(ui_service, "2026-01-05 08:00", "2026-01-05 16:30")
    account.add_absence("vacation", date(2026, 1, 7), date(2026, 1, 9))
    work(ui_service, "2026-01-12 09:00", "2026-01-12 12:00")
    ui_service.set_locked(date(2026, 1, 12), True)
    work(ui_service, "2026-01-15 22:00", "2026-01-16 06:30", "2026-01-16 02:00/2026-01-16 02:30")
    return account


def row(window: MonthWindow, day: int) -> list[str]:
    item = window.tree.topLevelItem(day - 1)
    assert item is not None
    return [item.text(column) for column in range(window.tree.columnCount())]


def all_rows(window: MonthWindow) -> list[list[str]]:
    return [row(window, n) for n in range(1, window.tree.topLevelItemCount() + 1)]


def test_each_day_shows_the_accounts_numbers(qtbot: QtBot, january: AccountService) -> None:
    window = MonthWindow(january, date(2026, 1, 20))
    qtbot.addWidget(window)
    assert window.title.text() == "January 2026"
    days = january.month(date(2026, 1, 1)).to_dict()["days"]
    assert len(all_rows(window)) == len(days) == 31
    for shown, day in zip(all_rows(window), days, strict=True):
        worked, target = day["worked_min"], day["target_min"]
        assert shown[0] == localized_day(date.fromisoformat(day["date"]))
        assert shown[2:5] == [minutes(worked), minutes(day["break_min"]), minutes(target)]
        assert shown[5] == (signed(worked - target) if worked or target else "")
        assert shown[7] == ("yes" if day["locked"] else "")
    # What the user reads on the days that matter, written out.
    assert row(window, 2)[1:6] == ["08:00–16:30", "8:00", "0:30", "8:00", "0:00"]
    assert row(window, 5)[1:6] == ["08:00–16:30", "8:30", "0:00", "8:00", "+0:30"]
    assert row(window, 1)[4:7] == ["0:00", "", "New Year's Day"]
    assert row(window, 6)[4:7] == ["0:00", "", "Epiphany"]
    assert [row(window, n)[6] for n in (7, 8, 9, 10)] == ["Vacation"] * 3 + [""]
    assert row(window, 12)[5:] == ["−5:00", "", "yes"]
    night = "Thu 22:00–Fri 06:30"
    assert row(window, 15)[1:6] == [night, "2:00", "0:00", "8:00", "−6:00"]
    assert row(window, 16)[1:6] == [night, "6:00", "0:30", "8:00", "−2:00"]


def test_the_months_totals_balance_and_vacation(qtbot: QtBot, january: AccountService) -> None:
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    report = january.month(date(2026, 1, 1))
    # 8:00 + 8:30 + 3:00 + 2:00 + 6:00 worked; 22 weekdays less 2 holidays and 3 vacation days.
    assert (report.sum_time_spent, report.target_min) == (27 * 60 + 30, 17 * 8 * 60)
    assert (report.balance_start_min, report.balance_end_min) == (90, 90 + 1650 - 8160)
    assert window.totals.text() == (
        "Month: 27:30 worked of 136:00 (−108:30) · 3.44 workdays of 8:00"
    )
    assert window.balance.text() == "Balance carried in: +1:30 · carried out: −107:00"
    assert window.vacation.text() == (
        "Vacation days 2026: 30 entitled, 3 taken, 0 planned, 27 left"
    )
    assert january.month_vacation(date(2026, 1, 1)) == (30, 3.0, 0.0)
    assert not window.region_note.isVisibleTo(window)


def test_previous_and_next_month_and_this_one(qtbot: QtBot, january: AccountService) -> None:
    window = MonthWindow(january, date(2026, 1, 20))
    qtbot.addWidget(window)
    window.prev_button.click()
    assert window.title.text() == "December 2025" and window.tree.topLevelItemCount() == 31
    assert all(r[1] == "" and r[2] == "0:00" for r in all_rows(window))
    # Before the account starts, its opening balance.
    assert window.balance.text() == "Balance carried in: +1:30 · carried out: +1:30"
    window.next_button.click()
    window.next_button.click()
    assert window.title.text() == "February 2026" and window.tree.topLevelItemCount() == 28
    # The month runs: its balance until yesterday; days to come owe nothing yet.
    assert window.balance.text() == "Balance carried in: −107:00 · until yesterday: −155:00"
    assert row(window, 9)[5] == "−8:00" and row(window, 10)[5] == "−8:00"
    assert row(window, 11)[4:6] == ["8:00", ""]
    current = window.tree.currentItem()
    assert isinstance(current, QTreeWidgetItem) and current.text(0) == row(window, 10)[0]
    window.prev_button.click()
    window.prev_button.click()
    window.this_button.click()
    assert window.month_of == date(2026, 2, 1)


def test_the_window_follows_the_store(
    qtbot: QtBot, january: AccountService, other_process: ClockService
) -> None:
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    third = window.tree.topLevelItem(2)
    assert third is not None
    window.tree.setCurrentItem(third)  # the user is looking at the 3rd day
    work(other_process, "2026-01-20 08:00", "2026-01-20 12:00")  # a `clockapp add`, elsewhere
    qtbot.waitUntil(lambda: row(window, 20)[2] == "4:00", timeout=5000)
    assert window.totals.text().startswith("Month: 31:30 worked of 136:00")
    current = window.tree.currentItem()
    assert current is not None and window.tree.indexOfTopLevelItem(current) == 2  # still


def test_a_region_left_unset_is_said_once(qtbot: QtBot, ui_service: ClockService) -> None:
    window = MonthWindow(AccountService(ui_service))
    qtbot.addWidget(window)
    assert window.region_note.text() == (
        "Public holidays are not counted: choose your region in Settings."
    )


def test_the_exports_are_the_accounts_month_export(
    qtbot: QtBot, january: AccountService, tmp_path: Path
) -> None:
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    month_json = january.month(date(2026, 1, 1)).to_dict()["days"]
    for fmt in ("csv", "excel", "json"):
        target = tmp_path / f"january.{fmt}"
        window.write_export(str(target), fmt)
        assert window.status.text() == f"Exported to {target}."
        assert target.read_bytes() == january.export_month(date(2026, 1, 1), fmt).encode()
    assert json.loads((tmp_path / "january.json").read_text(encoding="utf-8")) == month_json
    table = list(csv.DictReader(io.StringIO((tmp_path / "january.csv").read_text())))
    assert [r["date"] for r in table] == [d["date"] for d in month_json]
    assert table[5] | {} == {
        "date": "2026-01-06",
        "worked_min": "0",
        "break_min": "0",
        "target_min": "0",
        "holiday": "Epiphany",
        "absence": "",
        "locked": "no",
        "confirmed": "no",
        "planned_min": "0",
    }
    assert [r["absence"] for r in table[6:9]] == ["vacation"] * 3
    assert table[11]["locked"] == "yes" and table[15]["worked_min"] == "360"
    excel = (tmp_path / "january.excel").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbfdate;worked_min;") and excel.count(b"\r\n") == 32

    window.write_export(str(tmp_path / "no-such-folder" / "x.csv"), "csv")
    assert window.status.text().startswith("The export failed:")
    assert not (tmp_path / "no-such-folder").exists()


def test_export_asks_where_and_in_which_format(
    qtbot: QtBot,
    january: AccountService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "Documents").mkdir()
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    window.export()
    dialog = window._dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.nameFilters() == [
        "Excel (CSV) (*.csv)",
        "CSV files (*.csv)",
        "JSON files (*.json)",
    ]
    assert dialog.selectedNameFilter() == "Excel (CSV) (*.csv)"
    assert Path(dialog.directory().absolutePath()) == tmp_path / "Documents"
    assert dialog.selectedFiles()[0].endswith("clockapp-2026-01.csv")
    target = tmp_path / "jan.csv"
    dialog.fileSelected.emit(str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdate;")
    dialog.reject()

    window.next_button.click()  # the export is of the month shown when it was asked for
    window.prev_button.click()
    window.export()
    dialog = window._dialog
    assert isinstance(dialog, QFileDialog)
    dialog.selectNameFilter("JSON files (*.json)")
    dialog.filterSelected.emit("JSON files (*.json)")
    assert dialog.defaultSuffix() == "json"
    dialog.fileSelected.emit(str(tmp_path / "jan.json"))
    days = json.loads((tmp_path / "jan.json").read_text(encoding="utf-8"))
    assert days == january.month(date(2026, 1, 1)).to_dict()["days"]
    dialog.reject()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_print_saves_the_months_timesheet_as_pdf(
    qtbot: QtBot,
    january: AccountService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    window.save_pdf()
    dialog = window._dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.nameFilters() == ["PDF files (*.pdf)"]
    assert dialog.selectedFiles()[0].endswith("timesheet-2026-01.pdf")
    target = tmp_path / "januar.pdf"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    assert window.status.text() == f"Saved the timesheet to {target}."
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Timesheet January 2026" in text
    assert "Epiphany" in text and text.count("Vacation") >= 3
    assert "Thu 22:00–Fri 06:30" in text  # the night shift, under both of its days
    assert "27:30 h" in text and "136:00 h" in text and "−107:00 h" in text
    assert "30 entitled, 3 taken, 0 planned, 27 left" in text

    missing = tmp_path / "no-such-folder" / "x.pdf"
    window.write_pdf(str(missing))
    # Then the system's words for "no such file" (in the C library's language).
    assert window.status.text().startswith(f"The PDF couldn't be saved: Can't write {missing}: ")
    assert not missing.parent.exists()


def test_the_tray_builds_the_month_window_on_first_use_and_releases_it(
    qtbot: QtBot, tray: ClockTray, january: AccountService
) -> None:
    assert tray.month_window is None
    assert "&Month…" in [a.text() for a in tray.menu.actions()]
    tray.month_action.trigger()
    window = tray.month_window
    assert window is not None
    qtbot.waitExposed(window)
    assert window.month_of == date(2026, 2, 1)
    tray.clock.refresh()  # a clock action's refresh reaches the open window
    window.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=2000)
    assert tray.month_window is None
    tray.clock.refresh()  # and no longer anything that is gone
    tray.show_window("month")  # `clockapp show month`; built again
    again = tray.month_window
    assert again is not None and again.isVisible()
    tray.open_month(date(2026, 1, 15))  # the week's "Month…": the open window moves there
    assert tray.month_window is again and again.month_of == date(2026, 1, 1)
    again.close()


def test_the_month_in_german(
    german: None,
    qtbot: QtBot,
    january: AccountService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")  # the holidays' names follow the user's language
    window = MonthWindow(january, date(2026, 1, 1))
    qtbot.addWidget(window)
    assert window.windowTitle() == "Monat" and window.title.text() == "Januar 2026"
    header = window.tree.headerItem()
    assert [header.text(c) for c in range(3)] == ["Tag", "Beginn–Ende", "Gearbeitet"]
    assert row(window, 6)[6] == "Heilige Drei Könige" and row(window, 7)[6] == "Urlaub"
    assert row(window, 12)[7] == "ja"
    assert window.totals.text() == (
        "Monat: 27:30 gearbeitet von 136:00 Soll (−108:30) · 3,44 Arbeitstage zu 8:00"
    )
    assert window.balance.text() == (
        "Übertrag aus dem Vormonat: +1:30 · in den Folgemonat: −107:00"
    )
    assert window.vacation.text() == (
        "Urlaubstage 2026: 30 Anspruch, 3 genommen, 0 geplant, 27 übrig"
    )
    assert row(window, 15)[1] == "Do. 22:00–Fr. 06:30"


def test_the_weeks_month_button_opens_that_weeks_month(
    qtbot: QtBot, tray: ClockTray, january: AccountService
) -> None:
    tray.open_week()
    week = tray.week_window
    assert week is not None
    week.show_week(date(2026, 1, 14))
    week.month_button.click()
    month = tray.month_window
    assert month is not None and month.isVisible()
    assert month.month_of == date(2026, 1, 1) and month.title.text() == "January 2026"
    month.close()
    week.close()


def test_a_night_across_the_spring_clock_change_counts_its_real_hours(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-04-02 09:00")
    # Saturday 22:00 to Sunday 06:00 across 02:00 → 03:00: seven hours, not eight.
    work(ui_service, "2026-03-28 22:00", "2026-03-29 06:00")
    account = AccountService(ui_service)
    window = MonthWindow(account, date(2026, 3, 1))
    qtbot.addWidget(window)
    assert row(window, 28)[1:3] == ["Sat 22:00–Sun 06:00", "2:00"]
    assert row(window, 29)[1:3] == ["Sat 22:00–Sun 06:00", "5:00"]
    assert window.totals.text().startswith("Month: 7:00 worked")
    assert account.month(date(2026, 3, 1)).sum_time_spent == 7 * 60
