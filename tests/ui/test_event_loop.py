"""The tray's asyncio loop: a cancelled timeout must not wake the process later (issue 16: every
upload left httpx's and the keyring's cancelled timeouts armed, each a wake-up 10-30 s on)."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from clockapp.ui.event_loop import QEventLoop
from clockapp.ui.qt import QApplication, QEvent, QObject


class TimerEvents(QObject):
    """Counts the timer events delivered to any object while installed on the app."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Timer:
            self.count += 1
        return False


def test_a_cancelled_timeout_never_fires_its_timer(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    loop = QEventLoop(app)
    ran: list[int] = []
    events = TimerEvents()
    try:
        for n in range(20):  # as twenty requests leave their timeouts behind
            loop.call_later(0.05, ran.append, n).cancel()
        kept = loop.call_later(0.05, ran.append, 99)
        app.installEventFilter(events)
        loop.run_until_complete(asyncio.sleep(0.3))
    finally:
        app.removeEventFilter(events)
        loop.close()
    assert ran == [99] and not kept.cancelled()
    # The loop's own few (the sleep, the kept callback, run_until_complete's): none for the
    # twenty cancelled ones.
    assert events.count < 20


def test_the_loop_runs_callbacks_in_order_and_async_timeouts_still_fire(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    loop = QEventLoop(app)
    order: list[str] = []

    async def too_slow() -> None:
        await asyncio.sleep(5)

    async def main() -> bool:
        loop.call_soon(order.append, "first")
        loop.call_soon(order.append, "second")
        try:
            await asyncio.wait_for(too_slow(), 0.05)
        except TimeoutError:
            return True
        return False

    try:
        assert loop.run_until_complete(main())
    finally:
        loop.close()
    assert order == ["first", "second"]
