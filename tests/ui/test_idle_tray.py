"""A tray app idling with no window open must not wake the machine each second, and must not
keep windows it isn't showing (issue 16: it woke ~67 times a minute with nothing on screen)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import pytest
import qasync  # type: ignore[import-untyped]
import shiboken6
from pytestqt.qtbot import QtBot

from clockapp.secrets import SecretStore
from clockapp.services.backend_config import configure_timetrack
from clockapp.services.clock import ClockService
from clockapp.services.presence import PresenceService
from clockapp.services.sync import SyncService
from clockapp.ui.live_clock import ClockAction, LiveClock, ms_to_next_boundary
from clockapp.ui.presence import PresenceController
from clockapp.ui.qt import QApplication, QObject, QSystemTrayIcon, QTimer
from clockapp.ui.tray import HOST_GONE_GRACE_MS, ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import BERLIN, FakeClock, berlin
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.ui.conftest import FakeUploads
from tests.ui.test_away_prompt import FakeIdle, Told


def timers_ticking_each_second(*owners: QObject | None) -> list[str]:
    """Active timers at one second or faster, among the owners' children."""
    return [
        f"{type(owner).__name__}: {timer.interval()} ms"
        for owner in owners
        if owner is not None
        for timer in owner.findChildren(QTimer)
        if timer.isActive() and timer.interval() <= 1000
    ]


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise, no grab
def test_with_no_window_open_nothing_ticks_each_second_and_the_popup_only_while_shown(
    qtbot: QtBot, tray: ClockTray, live_clock: LiveClock, uploads: UploadWatch
) -> None:
    # The minute beat is armed for the next whole minute: within a second of one it is due
    # within a second, rightly. Start past the turn (it failed when run in that second).
    if (wait := ms_to_next_boundary(60)) < 1500:
        qtbot.wait(wait + 100)
    live_clock.start()
    live_clock.act(ClockAction.CLOCK_IN)
    assert timers_ticking_each_second(live_clock, tray, uploads) == []

    tray.show_popup()
    assert tray.popup is not None
    qtbot.waitExposed(tray.popup)
    assert tray.popup.panel.ticking  # the seconds run while the user looks at them
    tray.popup.hide()
    assert not tray.popup.panel.ticking
    assert timers_ticking_each_second(live_clock, tray, uploads, tray.popup) == []


# Offscreen: no raise or grab, and no tray host signal for a shown icon to connect to.
@pytest.mark.qt_log_ignore("This plugin does not support", "No such signal QPlatformNative")
def test_in_the_tray_the_host_is_looked_for_on_the_minute_beat_not_by_a_timer_of_its_own(
    qtbot: QtBot, live_clock: LiveClock, uploads: UploadWatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = {"present": True}  # what the desktop says (offscreen has no tray host to remove)
    monkeypatch.setattr(
        QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: host["present"])
    )
    controller = ClockTray(live_clock, uploads)  # follows the desktop, as the app does
    controller.start()
    try:
        assert controller.tray_available
        assert [t.interval() for t in controller.findChildren(QTimer) if t.isActive()] == []
        host["present"] = False  # the panel went away
        live_clock.minute.emit()
        qtbot.waitUntil(lambda: controller.window is not None, timeout=HOST_GONE_GRACE_MS + 2000)
        assert not controller.tray_available
    finally:
        if controller.window is not None:
            controller.window.hide()
            controller.window.deleteLater()
        controller.menu.deleteLater()


def test_the_week_window_is_released_when_closed(qtbot: QtBot, tray: ClockTray) -> None:
    tray.open_week()
    window = tray.week_window
    assert window is not None
    qtbot.waitExposed(window)
    window.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=2000)
    assert tray.week_window is None
    tray.open_week()  # and built again on the next use
    assert tray.week_window is not None and tray.week_window.isVisible()
    tray.week_window.close()


@pytest.fixture
def presence_on_the_minute(
    qtbot: QtBot, live_clock: LiveClock, ui_service: ClockService, fake_clock: FakeClock
) -> Iterator[tuple[PresenceController, FakeIdle]]:
    idle = FakeIdle()
    presence = PresenceService(
        ui_service, poll_interval_seconds=60, now=fake_clock, zone_now=lambda: BERLIN
    )
    watch = PresenceController(live_clock, presence, idle, Told(), poll_interval_ms=None)
    live_clock.minute.connect(watch.poll)
    yield watch, idle
    watch.stop()


def test_the_presence_watch_can_look_on_the_clocks_minute_instead_of_its_own_timer(
    live_clock: LiveClock,
    presence_on_the_minute: tuple[PresenceController, FakeIdle],
    fake_clock: FakeClock,
) -> None:
    watch, idle = presence_on_the_minute
    asked: list[float | None] = []
    real = idle.idle_seconds

    def counted() -> float | None:
        asked.append(real())
        return asked[-1]

    idle.idle_seconds = counted  # type: ignore[method-assign]
    live_clock.start()
    watch.start()
    assert len(asked) == 1  # the look at start
    assert [t for t in watch.findChildren(QTimer) if t.isActive()] == []
    live_clock.act(ClockAction.CLOCK_IN)
    fake_clock.advance(minutes=1)
    live_clock.minute.emit()
    assert len(asked) == 2


class SlowRemote:
    """A sync service whose pull of the remote week waits until the test lets it answer."""

    backend_name = "papershift"

    def __init__(self) -> None:
        self.answer = asyncio.Event()

    async def pull_week(self, monday: object, zone: str) -> list[object]:
        # As the real one does for the keyring: a wait_for, which on Python 3.11 can swallow a
        # cancel that arrives as its answer does.
        await asyncio.wait_for(self.answer.wait(), 10)
        return []

    def session_statuses(self) -> dict[object, object]:
        return {}


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen
def test_a_remote_week_arriving_after_the_window_closed_is_dropped(
    qtbot: QtBot, tray: ClockTray
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # as in the tray app
    loop = qasync.QEventLoop(app)
    remote = SlowRemote()
    tray.sync = remote
    failures: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _loop, context: failures.append(context))

    async def open_close_then_answer() -> None:
        tray.open_week()
        window = tray.week_window
        assert window is not None
        await asyncio.sleep(0.05)  # the fetch is under way
        remote.answer.set()  # the answer comes as the window goes
        window.close()
        for _ in range(20):
            await asyncio.sleep(0.01)
        assert not shiboken6.isValid(window)

    try:
        loop.run_until_complete(open_close_then_answer())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        app.setQuitOnLastWindowClosed(quits)
    assert failures == []  # no fetch landed in a deleted window
    assert tray.week_window is None


def armed(watch: UploadWatch) -> list[int]:
    """The upload watch's active timers, by interval (ms)."""
    return [t.interval() for t in watch.findChildren(QTimer) if t.isActive()]


def test_uploads_sleep_until_something_is_due_and_not_at_all_when_nothing_is(
    qtbot: QtBot,
    ui_service: ClockService,
    other_process: ClockService,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    fake_clock: FakeClock,
) -> None:
    """No five-minute beat (issue 16): the one timer is armed for the grace period's end of a
    session just finished, and stays off once everything is uploaded."""
    configure_timetrack(
        ui_service.settings,
        SecretStore(),
        timetrack.url,
        "anna",
        timetrack.api_key,
        timetrack.api_secret,
    )
    watch = UploadWatch(
        SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    )
    fake_clock.set_local("2026-11-23 17:00")
    ui_service.clock_in(at=berlin("2026-11-23 08:00"))
    ui_service.clock_out()

    watch.start()
    assert not watch.running  # within the grace period: nothing to do yet
    [wait_ms] = armed(watch)
    assert 110_000 <= wait_ms <= 120_000  # its end, two minutes after the clock-out

    fake_clock.advance(minutes=2)

    async def one_run() -> None:
        watch.sync_now()
        await watch.wait_idle()

    asyncio.run(one_run())
    assert len(timetrack.live()) == 1
    assert armed(watch) == []  # nothing waits: nothing wakes

    watch.look()  # the minute beat: nothing new
    assert armed(watch) == []
    fake_clock.advance(hours=3)
    other_process.clock_in(at=fake_clock.now - timedelta(hours=1))  # a terminal's session
    other_process.clock_out()
    watch.look()
    [wait_ms] = armed(watch)
    assert 110_000 <= wait_ms <= 120_000
    fake_clock.advance(minutes=2)
    watch.refresh()  # due now (as at a start): within the spread, not at once
    [wait_ms] = armed(watch)
    assert 0 <= wait_ms <= 45_000
    watch.stop()


class StuckUploads(FakeUploads):
    """Always something due now that a run can't do (a locked keyring, a broken backend)."""

    def next_run_in(self) -> float | None:
        return 0.0


def test_a_run_that_could_not_do_what_is_due_waits_five_minutes_not_a_moment(
    qtbot: QtBot,
) -> None:
    stuck = StuckUploads()
    stuck.fail_with = RuntimeError("the keyring is locked")
    watch = UploadWatch(stuck)
    watch.start()

    async def one_run() -> None:
        watch.sync_now()
        await watch.wait_idle()

    asyncio.run(one_run())
    assert stuck.runs == 1
    [wait_ms] = armed(watch)
    assert 290_000 <= wait_ms <= 300_000
    watch.stop()
