"""The tray menu and icon: legal actions only, every click recorded in the store, the store's
changes (from the CLI) shown within the poll interval, plain messages, lazy windows."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.domain.errors import UserError
from clockapp.domain.uploads import UploadStatus
from clockapp.services.clock import ClockService
from clockapp.ui.icons import Badge
from clockapp.ui.live_clock import ClockAction, LiveClock
from clockapp.ui.qt import QPoint
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import FakeClock
from tests.ui.conftest import FakeUploads

#: Another process's clock action shows in the tray within a second (the live clock watches
#: the database's files).
POLL_INTERVAL_MS = 1000


def enabled(tray: ClockTray) -> set[ClockAction]:
    return {a for a, entry in tray.clock_actions.items() if entry.isEnabled()}


def test_the_menu_offers_only_the_legal_clock_actions_in_each_state(
    tray: ClockTray, fake_clock: FakeClock
) -> None:
    assert enabled(tray) == {ClockAction.CLOCK_IN}
    tray.clock_actions[ClockAction.CLOCK_IN].trigger()
    assert enabled(tray) == {ClockAction.START_BREAK, ClockAction.CLOCK_OUT}
    fake_clock.advance(hours=2)
    tray.clock_actions[ClockAction.START_BREAK].trigger()
    assert enabled(tray) == {ClockAction.END_BREAK, ClockAction.CLOCK_OUT}
    fake_clock.advance(minutes=30)
    tray.clock_actions[ClockAction.END_BREAK].trigger()
    assert enabled(tray) == {ClockAction.START_BREAK, ClockAction.CLOCK_OUT}
    fake_clock.advance(hours=2)
    tray.clock_actions[ClockAction.CLOCK_OUT].trigger()
    assert enabled(tray) == {ClockAction.CLOCK_IN}


def test_the_menu_lists_the_entries_in_the_users_words(tray: ClockTray) -> None:
    texts = [
        a.text().replace("&", "")
        for a in tray.menu.actions()
        if not a.isSeparator() and a not in tray.header_actions and a.isVisible()
    ]
    assert texts == [
        "Clock in",
        "Start break",
        "End break",
        "Clock out",
        "Clock in at…",  # the "…at" entries that fit the state: clocked out here
        "Today's timer",
        "Week…",
        "Month…",
        "Add forgotten time…",
        "Discard this session…",
        "Sync now",
        "Settings…",
        "Quit",
    ]


def test_the_menu_opens_with_todays_timer_totals_and_uploads_as_greyed_lines(
    qtbot: QtBot,
    tray: ClockTray,
    live_clock: LiveClock,
    fake_clock: FakeClock,
    fake_uploads: FakeUploads,
    uploads: UploadWatch,
) -> None:
    # Some tray hosts show only the menu: it alone must say where the day stands.
    def header() -> list[str]:
        return [a.text().replace("&&", "&") for a in tray.header_actions]

    assert tray.menu.actions()[:3] == tray.header_actions
    assert not any(a.isEnabled() for a in tray.header_actions)
    assert header()[:2] == ["Not clocked in", "Today: 0:00 worked · 0:00 break"]
    live_clock.act(ClockAction.CLOCK_IN)  # 08:00 Berlin
    fake_clock.advance(hours=1, minutes=2, seconds=3)
    fake_uploads.status_counts = {UploadStatus.WAITING: 2}
    uploads.refresh()
    # Set when the menu is about to show, not on every tick.
    assert header()[0] == "Not clocked in"
    tray.menu.popup(QPoint(10, 10))
    qtbot.waitUntil(tray.menu.isVisible)
    tray.menu.hide()
    assert header() == [
        "Working since 08:00 · 01:02:03",
        "Today: 1:02 worked · 0:00 break",
        uploads.summary.text(),
    ]
    assert "2" in header()[2]


def test_each_menu_click_is_committed_to_the_store(
    tray: ClockTray, other_process: ClockService, fake_clock: FakeClock
) -> None:
    # Read back through a second connection: what is there survives this process.
    tray.clock_actions[ClockAction.CLOCK_IN].trigger()
    assert other_process.status().state is ClockState.WORKING
    fake_clock.advance(hours=3)
    tray.clock_actions[ClockAction.START_BREAK].trigger()
    assert other_process.status().state is ClockState.ON_BREAK
    fake_clock.advance(minutes=20)
    tray.clock_actions[ClockAction.END_BREAK].trigger()
    assert other_process.status().state is ClockState.WORKING
    fake_clock.advance(hours=1)
    tray.clock_actions[ClockAction.CLOCK_OUT].trigger()
    status = other_process.status()
    assert status.state is ClockState.OFF
    assert status.worked_today_seconds == 4 * 3600 and status.break_today_seconds == 20 * 60
    [finished] = other_process.store.outbox()  # queued for upload in the same transaction
    assert finished.session is not None and finished.session.end == fake_clock.now


def test_a_clock_in_typed_in_a_terminal_shows_in_the_tray_within_the_poll_interval(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock, other_process: ClockService
) -> None:
    live_clock.start()
    assert tray.clock_actions[ClockAction.CLOCK_IN].isEnabled()
    other_process.clock_in()
    qtbot.waitUntil(
        lambda: tray.clock_actions[ClockAction.START_BREAK].isEnabled(),
        timeout=POLL_INTERVAL_MS + 500,
    )
    assert live_clock.state is ClockState.WORKING
    assert tray.tray is not None and "Working" in tray.tray.toolTip()
    other_process.start_break()
    qtbot.waitUntil(
        lambda: tray.clock_actions[ClockAction.END_BREAK].isEnabled(),
        timeout=POLL_INTERVAL_MS + 500,
    )


def test_a_refused_action_is_told_in_a_sentence_not_a_traceback(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock, other_process: ClockService
) -> None:
    told: list[tuple[str, str]] = []
    tray.notify = lambda title, text: told.append((title, text))  # type: ignore[method-assign]
    other_process.clock_in()  # the terminal was quicker; the tray has not polled yet
    with qtbot.waitSignal(live_clock.refused) as refused:
        assert live_clock.act(ClockAction.CLOCK_IN) is False
    assert refused.args == ["You are already clocked in."]
    assert told == [("ClockApp", "You are already clocked in.")]
    # ...and the tray now shows where the clock really stands.
    assert enabled(tray) == {ClockAction.START_BREAK, ClockAction.CLOCK_OUT}


def test_the_tooltip_gives_todays_worked_time(
    tray: ClockTray, live_clock: LiveClock, fake_clock: FakeClock
) -> None:
    assert tray.tray is not None
    lines = tray.tray.toolTip().splitlines()
    assert lines[:2] == ["ClockApp — Not clocked in", "Today: 0:00 worked"]
    live_clock.act(ClockAction.CLOCK_IN)  # 08:00 Berlin
    fake_clock.advance(hours=2, minutes=15)
    live_clock.refresh()  # what the minute timer does
    lines = tray.tray.toolTip().splitlines()
    assert lines[0] == "ClockApp — Working (in since 08:00)"
    assert lines[1] == "Today: 2:15 worked"


def test_the_icon_changes_with_the_state_and_the_upload_badge(
    tray: ClockTray, live_clock: LiveClock, uploads: UploadWatch, fake_uploads: FakeUploads
) -> None:
    assert tray.tray is not None
    seen = {tray.tray.icon().cacheKey()}
    live_clock.act(ClockAction.CLOCK_IN)
    seen.add(tray.tray.icon().cacheKey())
    live_clock.act(ClockAction.START_BREAK)
    seen.add(tray.tray.icon().cacheKey())
    fake_uploads.status_counts = {UploadStatus.WAITING: 2}
    uploads.refresh()
    assert uploads.summary.badge is Badge.WAITING
    seen.add(tray.tray.icon().cacheKey())
    fake_uploads.status_counts = {UploadStatus.NEEDS_ATTENTION: 1}
    uploads.refresh()
    seen.add(tray.tray.icon().cacheKey())
    assert len(seen) == 5


def test_an_upload_needing_attention_is_notified_once_not_on_every_refresh(
    tray: ClockTray, uploads: UploadWatch, fake_uploads: FakeUploads
) -> None:
    told: list[str] = []
    tray.notify = lambda title, text: told.append(title)  # type: ignore[method-assign]
    uploads.notify.disconnect()
    uploads.notify.connect(tray.notify)
    uploads.refresh()
    assert told == []  # nothing to say: say nothing
    fake_uploads.status_counts = {UploadStatus.NEEDS_ATTENTION: 1}
    for _ in range(3):
        uploads.refresh()
    assert told == ["An upload needs your attention"]
    fake_uploads.paused_reason = UserError("The API key was revoked.")
    uploads.refresh()
    uploads.refresh()
    assert told == ["An upload needs your attention", "Uploads paused"]


def test_quit_asks_the_app_to_quit(qtbot: QtBot, tray: ClockTray) -> None:
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


def test_the_week_window_is_made_on_first_use_and_then_reused(
    tray: ClockTray, monkeypatch: pytest.MonkeyPatch, fake_uploads: FakeUploads
) -> None:
    from clockapp.ui.qt import QWidget, Signal

    made: list[tuple[Any, Any]] = []

    class WeekWindow(QWidget):
        month_wanted = Signal(object)

        def __init__(self, service: Any, sync: Any, parent: Any = None, uploads: Any = None):
            super().__init__(parent)
            assert uploads is tray.uploads  # upload runs and a new backend show there at once
            made.append((service, sync))

    module = types.ModuleType("clockapp.ui.week_window")
    module.WeekWindow = WeekWindow  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "clockapp.ui.week_window", module)
    tray.sync = fake_uploads
    assert tray.week_window is None  # nothing is built until asked for
    tray.week_action.trigger()
    tray.week_action.trigger()
    assert made == [(tray.clock.service, fake_uploads)]
    assert tray.week_window is not None and tray.week_window.isVisible()
    tray.week_window.close()


def test_settings_open_without_a_nested_event_loop(
    tray: ClockTray, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clockapp.ui.qt import QWidget, Signal

    opened: list[str] = []

    class SettingsDialog(QWidget):
        accepted = Signal()

        def __init__(
            self, settings: Any, secrets: Any, parent: Any = None, preview: Any = None
        ) -> None:
            super().__init__(parent)
            self.settings = settings
            self.preview = preview

        def open(self) -> None:
            opened.append("open")

        def exec(self) -> int:  # pragma: no cover - the point is that it is never called
            raise AssertionError("exec() would nest an event loop under qasync")

    module = types.ModuleType("clockapp.ui.settings_dialog")
    module.SettingsDialog = SettingsDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "clockapp.ui.settings_dialog", module)
    tray.settings_action.trigger()
    assert opened == ["open"]
    dialog = tray.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    assert dialog.settings is tray.clock.service.settings
    dialog.close()


def test_settings_say_what_an_account_would_receive_before_any_backend_is_set(
    live_clock: LiveClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clockapp.ui.qt import QWidget, Signal

    class SettingsDialog(QWidget):
        accepted = Signal()

        def __init__(
            self, settings: Any, secrets: Any, parent: Any = None, preview: Any = None
        ) -> None:
            super().__init__(parent)
            self.preview = preview

        def open(self) -> None:
            pass

    module = types.ModuleType("clockapp.ui.settings_dialog")
    module.SettingsDialog = SettingsDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "clockapp.ui.settings_dialog", module)
    keyring = object()
    ledger = types.SimpleNamespace(preview=lambda destination: None)
    controller = ClockTray(
        live_clock,
        UploadWatch(None),
        tray_available=False,
        open_secrets=lambda: keyring,
        open_ledger=lambda secrets: ledger if secrets is keyring else None,
    )
    controller.settings_action.trigger()
    dialog = controller.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.preview is ledger.preview
    dialog.close()
    controller.menu.deleteLater()


def test_choosing_a_backend_in_settings_starts_uploads_without_a_restart(
    live_clock: LiveClock, monkeypatch: pytest.MonkeyPatch, fake_uploads: FakeUploads
) -> None:
    from clockapp.ui.qt import QWidget, Signal

    class SettingsDialog(QWidget):
        accepted = Signal()

        def __init__(
            self, settings: Any, secrets: Any, parent: Any = None, preview: Any = None
        ) -> None:
            super().__init__(parent)
            self.secrets = secrets

        def open(self) -> None:
            pass

    module = types.ModuleType("clockapp.ui.settings_dialog")
    module.SettingsDialog = SettingsDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "clockapp.ui.settings_dialog", module)
    keyring = object()
    watch = UploadWatch(None)
    controller = ClockTray(
        live_clock,
        watch,
        tray_available=False,
        open_secrets=lambda: keyring,
        open_sync=lambda secrets: fake_uploads if secrets is keyring else None,
    )
    controller.settings_action.trigger()
    dialog = controller.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.secrets is keyring
    assert not controller.sync_action.isEnabled()  # nothing to sync yet
    dialog.accepted.emit()
    assert watch.sync is fake_uploads and controller.sync is fake_uploads
    assert controller.sync_action.isEnabled()
    dialog.close()
    controller.menu.deleteLater()


def test_a_clock_out_is_uploaded_when_its_grace_period_is_over(
    qtbot: QtBot, ui_service: ClockService
) -> None:
    from clockapp.ui.app import upload_after_grace

    class Uploads:
        runs = 0

        def sync_now(self) -> None:
            self.runs += 1

    uploads = Uploads()
    ui_service.settings.set("upload_grace_minutes", 0)
    upload_after_grace(ui_service, uploads)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: uploads.runs == 1, timeout=2000)
    ui_service.settings.set("upload_grace_minutes", 2)
    upload_after_grace(ui_service, uploads)  # type: ignore[arg-type]
    qtbot.wait(300)
    assert uploads.runs == 1  # not before the two minutes are over
