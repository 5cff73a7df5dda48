"""The popup shows the time account's balance beside today's time."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.popup import ClockPanel
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import berlin


def test_the_popup_shows_the_balance_until_yesterday(
    qtbot: QtBot, ui_service: ClockService, live_clock: LiveClock, uploads: UploadWatch
) -> None:
    account = AccountService(ui_service)
    account.set_balance(since=date(2026, 11, 16), opening_min=30)
    ui_service.clock_in(berlin("2026-11-16 08:00"))
    ui_service.clock_out(berlin("2026-11-16 17:00"))  # 9 h of a 5 × 8 h week
    panel = ClockPanel(live_clock, uploads)
    qtbot.addWidget(panel)
    assert panel.balance_label.text() == "Balance until yesterday: −30:30"
    account.adjust(60 * 31, "carried over", date(2026, 11, 20))
    live_clock.refresh()  # what the minute poll does when the store changed
    panel.show_balance()
    assert panel.balance_label.text() == "Balance until yesterday: +0:30"


def test_an_account_that_starts_later_shows_its_opening_balance(
    qtbot: QtBot, ui_service: ClockService, live_clock: LiveClock, uploads: UploadWatch
) -> None:
    AccountService(ui_service).set_balance(since=date(2027, 1, 1), opening_min=120)
    panel = ClockPanel(live_clock, uploads)
    qtbot.addWidget(panel)
    assert panel.balance_label.text() == "Balance until yesterday: +2:00"


def test_the_balance_line_in_german(
    german: None,
    qtbot: QtBot,
    ui_service: ClockService,
    live_clock: LiveClock,
    uploads: UploadWatch,
) -> None:
    AccountService(ui_service).set_balance(since=date(2026, 11, 23), opening_min=-75)
    panel = ClockPanel(live_clock, uploads)
    qtbot.addWidget(panel)
    assert panel.balance_label.text() == "Zeitkonto bis gestern: −1:15"
