"""The asyncio loop on Qt's event loop (qasync), with timers that stop when cancelled.

qasync arms a Qt timer for every ``call_later`` and, when the handle is cancelled, only marks
it: the timer still fires when it would have (qasync issue #35, pull request #58). Every HTTP
request and keyring call leaves a cancelled timeout behind that way (httpx's 30 s, a wait_for's
10 s), so an idle tray woke up again and again after each upload. Here ``cancel()`` kills the
Qt timer at once.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from typing import Any

import qasync  # type: ignore[import-untyped]

from clockapp.ui.qt import QBasicTimer, QObject, QTimerEvent


class _Timers(QObject):
    """Qt timers by id, each running one asyncio handle once (what qasync's ``_SimpleTimer``
    does, plus :meth:`cancel`).

    ``QBasicTimer``, not ``startTimer``/``killTimer``: PySide6 resolves ``killTimer(int)``
    against an overload taking ``Qt.TimerId``, and that builds all of Qt's enums (~30 ms) the
    first time, which held up the tray's first appearance."""

    def __init__(self) -> None:
        super().__init__()
        self._handles: dict[int, tuple[QBasicTimer, asyncio.Handle]] = {}
        self._stopped = False

    def add_callback(self, handle: _TimerHandle, delay: float = 0) -> _TimerHandle:
        timer = QBasicTimer()
        timer.start(int(max(0.0, delay) * 1000), self)
        self._handles[timer.timerId()] = (timer, handle)
        handle._timer_id = timer.timerId()
        return handle

    def cancel(self, timer_id: int) -> None:
        if (entry := self._handles.pop(timer_id, None)) is not None:
            entry[0].stop()

    def timerEvent(self, event: QTimerEvent) -> None:
        if (entry := self._handles.pop(event.timerId(), None)) is None:
            return
        timer, handle = entry
        timer.stop()  # once: a Qt timer repeats
        if not self._stopped and not handle.cancelled():
            handle._run()

    def stop(self) -> None:
        self._stopped = True
        for timer_id in list(self._handles):
            self.cancel(timer_id)

    def set_debug(self, enabled: bool) -> None:
        pass  # qasync's debug logging of each timer: not kept


class _TimerHandle(asyncio.Handle):
    """A handle whose cancel also stops its Qt timer."""

    __slots__ = ("_timer_id", "_timers")

    def __init__(
        self,
        callback: Callable[..., object],
        args: tuple[Any, ...],
        loop: asyncio.AbstractEventLoop,
        timers: _Timers,
        context: contextvars.Context | None = None,
    ) -> None:
        super().__init__(callback, args, loop, context=context)
        self._timers: _Timers | None = timers
        self._timer_id = -1

    def cancel(self) -> None:
        super().cancel()
        timers, self._timers = self._timers, None
        if timers is not None:
            timers.cancel(self._timer_id)


class QEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop whose cancelled timers no longer wake the process."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._timer = _Timers()

    def call_later(
        self,
        delay: float,
        callback: Callable[..., object],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.Handle:
        if asyncio.iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with call_later")
        if not callable(callback):
            raise TypeError(f"callback must be callable: {type(callback).__name__}")
        timers: _Timers = self._timer
        return timers.add_callback(_TimerHandle(callback, args, self, timers, context), delay)
