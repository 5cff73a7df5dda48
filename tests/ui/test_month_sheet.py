"""The monthly timesheet to sign: a PDF whose text says the month's days, totals and rules."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.ui.month_sheet import MonthSheet
from tests.conftest import FakeClock, berlin

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def november(ui_service: ClockService, fake_clock: FakeClock) -> AccountService:
    fake_clock.set_local("2026-12-02 09:00")
    account = AccountService(ui_service)
    account.set_region("DE-BY")
    account.set_balance(since=date(2026, 11, 1), opening_min=90, vacation_days=30)
    ui_service.clock_in(berlin("2026-11-05 07:00"), note="Release")
    ui_service.clock_out(berlin("2026-11-05 18:00"))  # 11 h, no break: two rules broken
    account.add_absence("vacation", date(2026, 11, 23), date(2026, 11, 27))
    return account


def test_the_timesheet_pdf_holds_days_totals_rules_and_signatures(
    qtbot: object, november: AccountService, tmp_path: Path
) -> None:
    path = tmp_path / "nov.pdf"
    MonthSheet(november).write_pdf(date(2026, 11, 1), path)
    text = pdf_text(path)
    assert "Timesheet November 2026" in text
    assert "07:00–18:00" in text and "11:00 h" in text and "Release" in text
    assert "All Saints' Day" in text and text.count("Vacation") >= 5
    worked, target = 11 * 60, (21 - 5) * 480  # 21 workdays, 5 of them vacation
    assert november.month(date(2026, 11, 1)).target_min == target
    assert f"{target // 60}:00 h" in text and f"−{(target - worked) // 60}:00 h" in text
    assert "1:30 h" in text  # the balance carried in
    assert "30 entitled, 5 taken, 0 planned, 25 left" in text
    assert "more than 10 hours of work" in text
    assert "Date, signature of the employee" in text and "signature of the manager" in text
    assert not list(tmp_path.glob(".*.part"))


def test_the_german_ui_gives_a_german_timesheet(
    german: None, november: AccountService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    path = tmp_path / "nov.pdf"
    MonthSheet(november).write_pdf(date(2026, 11, 1), path)
    text = pdf_text(path)
    assert "Stundenzettel November 2026" in text
    assert "Allerheiligen" in text and "Urlaub" in text
    assert "mehr als 10 Stunden Arbeit" in text
    assert "Unterschrift Vorgesetzte/r" in text
