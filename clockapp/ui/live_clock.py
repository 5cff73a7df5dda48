"""The clock as the windows see it: the store's status, kept in step with other writers.

One :class:`LiveClock` is shared by the tray, the popup and the fallback window. It reads the
status through :class:`ClockService` (never SQL) and commits the user's clock actions through
it. A ``clockapp in`` typed in a terminal writes the database's files; the operating system
tells us (a file watch, no timer), and ``Store.data_version()`` says whether another connection
committed. The status is re-read only then, after our own action, and once a minute (today's
totals, midnight) — so with no window open the clock wakes the process once a minute at most.
"""

from __future__ import annotations

import enum
import logging
import os
import time
from collections.abc import Callable
from datetime import datetime

from clockapp.domain.clock import ClockState
from clockapp.domain.errors import UserError
from clockapp.domain.session import WorkSession
from clockapp.services.clock import ClockService, Status, utc_now
from clockapp.ui.i18n import explain
from clockapp.ui.qt import QCoreApplication, QFileSystemWatcher, QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)

#: How long after a clock action the popup offers to undo it.
UNDO_SECONDS = 60


class ClockAction(enum.Enum):
    """The four things the user can do to the clock."""

    CLOCK_IN = "clock in"
    START_BREAK = "start break"
    END_BREAK = "end break"
    CLOCK_OUT = "clock out"


#: Which actions the clock accepts in each state (the domain refuses the others anyway; this
#: is for greying out menu entries and choosing the popup's one primary button).
LEGAL_ACTIONS: dict[ClockState, frozenset[ClockAction]] = {
    ClockState.OFF: frozenset({ClockAction.CLOCK_IN}),
    ClockState.WORKING: frozenset({ClockAction.START_BREAK, ClockAction.CLOCK_OUT}),
    ClockState.ON_BREAK: frozenset({ClockAction.END_BREAK, ClockAction.CLOCK_OUT}),
}

#: The popup's one big button in each state.
PRIMARY_ACTION: dict[ClockState, ClockAction] = {
    ClockState.OFF: ClockAction.CLOCK_IN,
    ClockState.WORKING: ClockAction.START_BREAK,
    ClockState.ON_BREAK: ClockAction.END_BREAK,
}


def action_label(action: ClockAction) -> str:
    """The action's name as menu entries and buttons show it (with a keyboard mnemonic)."""
    labels = {
        ClockAction.CLOCK_IN: QCoreApplication.translate("ClockAction", "Clock &in"),
        ClockAction.START_BREAK: QCoreApplication.translate("ClockAction", "Start &break"),
        ClockAction.END_BREAK: QCoreApplication.translate("ClockAction", "&End break"),
        ClockAction.CLOCK_OUT: QCoreApplication.translate("ClockAction", "Clock &out"),
    }
    return labels[action]


def at_label(action: ClockAction) -> str:
    """The menu entry that opens the picker for ``action`` (mnemonics apart from the plain
    actions', which sit in the same tray menu)."""
    labels = {
        ClockAction.CLOCK_IN: QCoreApplication.translate("AtTime", "&Clock in at…"),
        ClockAction.START_BREAK: QCoreApplication.translate("AtTime", "Sta&rt break at…"),
        ClockAction.END_BREAK: QCoreApplication.translate("AtTime", "E&nd break at…"),
        ClockAction.CLOCK_OUT: QCoreApplication.translate("AtTime", "Cloc&k out at…"),
    }
    return labels[action]


def state_label(state: ClockState) -> str:
    labels = {
        ClockState.OFF: QCoreApplication.translate("ClockState", "Not clocked in"),
        ClockState.WORKING: QCoreApplication.translate("ClockState", "Working"),
        ClockState.ON_BREAK: QCoreApplication.translate("ClockState", "On a break"),
    }
    return labels[state]


def ms_to_next_boundary(period_s: int, wall: Callable[[], float] = time.time) -> int:
    """Milliseconds until the next whole ``period_s`` of wall time, plus a little slack so the
    timer fires just after the digit changes rather than just before it."""
    now = wall()
    return int((period_s - now % period_s) * 1000) + 15


class LiveClock(QObject):
    """The current status and today's totals, refreshed from the store; clock actions."""

    #: The status was re-read (it may or may not differ).
    changed = Signal()
    #: A clock action was refused or failed; the argument is a sentence for the user.
    refused = Signal(str)
    #: The user clocked out here (a good moment to upload the finished session).
    clocked_out = Signal()
    #: A whole minute of wall time passed (after the status was re-read): the app's one
    #: steady beat while no window is open; the presence watch polls on it.
    minute = Signal()

    def __init__(
        self,
        service: ClockService,
        now: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._now = now
        self._status = service.status()
        self._read_at = now()
        self._version = service.data_version()
        # Another process's commit writes the database (WAL: its -wal file): the watch wakes us
        # only then. The minute's refresh below still catches anything a watch could miss.
        self._watch = QFileSystemWatcher(self)
        self._watch.fileChanged.connect(self._on_file_changed)
        # Single-shot, re-armed to the next minute boundary: the tooltip's minutes change on time.
        self._minute = QTimer(self)
        self._minute.setSingleShot(True)
        self._minute.timeout.connect(self._on_minute)
        #: The last clock action taken here: the session before and after it, and when.
        self._last_action: tuple[WorkSession | None, WorkSession, datetime] | None = None

    def start(self) -> None:
        """Begin watching the store (call once the windows are connected)."""
        # Precise: a coarse timer may fire up to 5 % (3 s) early, before the minute turns, and
        # then again at the turn: two wake-ups for one minute. Set here, not when built: the
        # first use of Qt's namespace (Qt.TimerType) builds all its enums, ~30 ms the tray's
        # start need not wait for.
        self._minute.setTimerType(Qt.TimerType.PreciseTimer)
        self._watch_files()
        self.poll()  # a change made between reading the status and watching the store
        self._minute.start(ms_to_next_boundary(60))

    def stop(self) -> None:
        if self._watch.files():
            self._watch.removePaths(self._watch.files())
        self._minute.stop()

    def _watch_files(self) -> None:
        path = self.service.database_path
        # A file that was replaced (a checkpoint may recreate the -wal) drops out of the watch.
        wanted = [f for f in (str(path), f"{path}-wal") if os.path.exists(f)]
        missing = [f for f in wanted if f not in self._watch.files()]
        if missing:
            self._watch.addPaths(missing)

    def _on_file_changed(self, _path: str) -> None:
        self._watch_files()
        self.poll()

    # -- reading ----------------------------------------------------------------------------

    @property
    def status(self) -> Status:
        return self._status

    @property
    def state(self) -> ClockState:
        return self._status.state

    def now(self) -> datetime:
        return self._now()

    def legal_actions(self) -> frozenset[ClockAction]:
        return LEGAL_ACTIONS[self._status.state]

    def session_seconds(self, now: datetime) -> float:
        """Worked seconds of the running session (breaks excluded); 0 when off."""
        session = self._status.session
        return session.worked_seconds(now) if session is not None else 0.0

    def break_seconds(self, now: datetime) -> float:
        """Seconds into the running break; 0 when not on a break."""
        session = self._status.session
        running = session.open_break if session is not None else None
        return max((now - running.start).total_seconds(), 0.0) if running is not None else 0.0

    def worked_today_seconds(self, now: datetime) -> float:
        """Today's worked seconds, advanced from the last read while the clock runs."""
        extra = self._elapsed(now) if self._status.state is ClockState.WORKING else 0.0
        return self._status.worked_today_seconds + extra

    def break_today_seconds(self, now: datetime) -> float:
        extra = self._elapsed(now) if self._status.state is ClockState.ON_BREAK else 0.0
        return self._status.break_today_seconds + extra

    def _elapsed(self, now: datetime) -> float:
        return max((now - self._read_at).total_seconds(), 0.0)

    def poll(self) -> None:
        """Re-read the status if another connection committed since the last read."""
        try:
            version = self.service.data_version()
        except Exception as exc:  # a read hiccup must not kill the timer; the next tick retries
            log.warning("could not poll the store: %s", exc)
            return
        if version != self._version:
            self.refresh()

    def refresh(self) -> None:
        try:
            self._version = self.service.data_version()
            self._status = self.service.status()
            self._read_at = self._now()
        except UserError as exc:
            self.refused.emit(explain(exc))
            return
        self.changed.emit()

    def _on_minute(self) -> None:
        self._watch_files()
        self.refresh()
        self._minute.start(ms_to_next_boundary(60))
        self.minute.emit()

    # -- acting -----------------------------------------------------------------------------

    def act(self, action: ClockAction, at: datetime | None = None) -> bool:
        """Commit ``action`` (at ``at``, default now) through the clock service; True if it
        was recorded.

        A refusal (clock out while off, a locked day, a busy or full disk) is reported through
        :attr:`refused` as the sentence the domain or store wrote; nothing is changed then.
        """
        refusal = self.try_act(action, at)
        if refusal is not None:
            self.refused.emit(refusal)
        return refusal is None

    def try_act(self, action: ClockAction, at: datetime | None = None) -> str | None:
        """Like :meth:`act`, but the refusal is returned (in the user's language) instead of
        reported: for a dialog that shows it itself. None when the action was recorded."""
        moves = {
            ClockAction.CLOCK_IN: self.service.clock_in,
            ClockAction.START_BREAK: self.service.start_break,
            ClockAction.END_BREAK: self.service.end_break,
            ClockAction.CLOCK_OUT: self.service.clock_out,
        }
        try:
            before = self.service.running()
            after = moves[action](at)
        except UserError as exc:
            self.refresh()  # another process may have moved the clock: show where it stands
            return explain(exc)
        self._last_action = (before, after, self._now())
        self.refresh()
        if action is ClockAction.CLOCK_OUT:
            self.clocked_out.emit()
        return None

    def discard(self, change_confirmed: bool = False) -> bool:
        """Throw away the running session; True if it was discarded. ``change_confirmed``:
        the user agreed although a manager has confirmed the day."""
        try:
            self.service.discard(change_confirmed=change_confirmed)
        except UserError as exc:
            self.refused.emit(explain(exc))
            self.refresh()
            return False
        self._last_action = None
        self.refresh()
        return True

    def can_undo(self, now: datetime) -> bool:
        """A clock action was taken here less than :data:`UNDO_SECONDS` ago."""
        last = self._last_action
        return last is not None and (now - last[2]).total_seconds() < UNDO_SECONDS

    def undo(self) -> bool:
        """Take back the last clock action (within the undo time); True if it was undone."""
        last = self._last_action
        if last is None or not self.can_undo(self._now()):
            return False
        self._last_action = None
        try:
            self.service.undo(last[0], last[1])
        except UserError as exc:
            self.refused.emit(explain(exc))
            self.refresh()
            return False
        self.refresh()
        return True
