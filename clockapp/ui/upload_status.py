"""Uploads as the tray sees them: run them in the background, summarise where they stand.

:class:`UploadWatch` runs ``SyncService.sync_now()`` as an asyncio task on the qasync loop
(at start, when something is due, and on "Sync now"), so an upload never blocks the UI; at most
one run at a time. Between runs one timer sleeps until the next thing is due (a finished
session, a retry time, a look for twins, the shift plan getting old): with nothing waiting,
uploads never wake the process. It turns the ledger's counts into one status line and a badge,
and raises a notification only when something new needs the user: an upload parked as needing
attention, or credentials the server rejected.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from clockapp.domain.errors import UserError
from clockapp.domain.uploads import UploadInfo, UploadStatus
from clockapp.ui.i18n import explain
from clockapp.ui.icons import Badge
from clockapp.ui.qt import (
    QCoreApplication,
    QDate,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

#: A run that left work due at once (the keyring or the backend could not be opened, the shift
#: plan could not be read) waits this long before trying again on its own (seconds).
AFTER_A_RUN_S = 5 * 60
#: The longest single wait (seconds): a timer counts no time while the computer sleeps.
LONGEST_WAIT_S = 60 * 60

_WAITING = (UploadStatus.SAVED, UploadStatus.WAITING, UploadStatus.UPLOADING)


class Uploads(Protocol):
    """What the tray needs of ``clockapp.services.sync.SyncService``."""

    async def sync_now(self, *, asked: bool = False) -> Any: ...

    def counts(self) -> dict[UploadStatus, int] | None: ...

    def next_run_in(self) -> float | None: ...

    def start_delay(self) -> float: ...

    def newest_change(self) -> int: ...

    def paused(self) -> UserError | None: ...


def reason_text(error: BaseException | None) -> str | None:
    """Why an upload failed, as a sentence in the user's language (the sync layer's errors
    carry their sentence and values, the server's own words among them)."""
    return None if error is None else explain(error)


def destination_text(destination: Any) -> str:
    """Where uploads go, in the user's language: the HR system, its address, and whose
    entries they are (``sync.backend.Destination``)."""
    who = dict(destination.identity)
    if destination.vendor == "timetrack":
        return QCoreApplication.translate("Uploads", "TimeTrack at {url} as {user}").format(
            url=destination.base_url, user=who.get("username", "")
        )
    names = {
        "user": QCoreApplication.translate("Uploads", "user {id}"),
        "location": QCoreApplication.translate("Uploads", "location {id}"),
        "working_area": QCoreApplication.translate("Uploads", "working area {id}"),
    }
    parts = [
        names[entity].format(id=who.get(f"{entity}_id") or who.get(f"{entity}_external_id"))
        for entity in names
        if who.get(f"{entity}_id") or who.get(f"{entity}_external_id")
    ]
    return QCoreApplication.translate("Uploads", "Papershift at {url} ({who})").format(
        url=destination.base_url, who=", ".join(parts)
    )


def local_time(instant: datetime) -> str:
    """``HH:MM`` in the computer's time zone; with the day too when it isn't today."""
    shown = instant.astimezone()
    if shown.date() != datetime.now().astimezone().date():
        return QLocale().toString(QDate(shown.year, shown.month, shown.day), "ddd") + (
            f" {shown:%H:%M}"
        )
    return f"{shown:%H:%M}"


def session_upload_text(info: UploadInfo | None, finished: bool = True) -> str:
    """A session's upload state as the week's column says it (short; the reason is in
    :func:`session_upload_detail`)."""
    if info is None:
        return QCoreApplication.translate("Uploads", "on this device") if finished else ""
    status = info.status
    if status is UploadStatus.WAITING and info.next_attempt_at is not None:
        return QCoreApplication.translate("Uploads", "waiting, next try {time}").format(
            time=local_time(info.next_attempt_at)
        )
    return {
        UploadStatus.SAVED: QCoreApplication.translate("Uploads", "saved on this device"),
        UploadStatus.UPLOADING: QCoreApplication.translate("Uploads", "uploading"),
        UploadStatus.UPLOADED: QCoreApplication.translate("Uploads", "uploaded"),
        UploadStatus.WAITING: QCoreApplication.translate("Uploads", "waiting to upload"),
        UploadStatus.NEEDS_ATTENTION: QCoreApplication.translate("Uploads", "needs your attention"),
        UploadStatus.PAUSED: QCoreApplication.translate("Uploads", "uploads paused"),
        UploadStatus.CHECKING: QCoreApplication.translate(
            "Uploads", "uploaded, checking for a duplicate"
        ),
    }[status]


def session_upload_detail(info: UploadInfo | None) -> str:
    """The whole sentence about a session's upload: its state, why, and when the next try is."""
    if info is None:
        return ""
    reason = reason_text(info.detail)
    status = info.status
    if status is UploadStatus.WAITING:
        if reason and info.next_attempt_at is not None:
            return QCoreApplication.translate(
                "Uploads", "Not uploaded yet. {reason} ClockApp tries again at {time}."
            ).format(reason=reason, time=local_time(info.next_attempt_at))
        return QCoreApplication.translate("Uploads", "Waiting to upload.")
    if status is UploadStatus.NEEDS_ATTENTION:
        return QCoreApplication.translate(
            "Uploads",
            "Your HR system refused this session. {reason} Correct it (Edit…) and it is sent "
            "again.",
        ).format(reason=reason or QCoreApplication.translate("Uploads", "It gave no reason."))
    if status is UploadStatus.PAUSED:
        return QCoreApplication.translate("Uploads", "Uploads paused: {reason}").format(
            reason=reason or ""
        )
    if status is UploadStatus.CHECKING and info.next_attempt_at is not None:
        return QCoreApplication.translate(
            "Uploads",
            "Uploaded. An earlier try whose answer was lost may still be stored late; "
            "ClockApp removes such a second copy and checks until {time}.",
        ).format(time=local_time(info.next_attempt_at))
    return session_upload_text(info)


@dataclass(frozen=True)
class UploadSummary:
    """Where uploads stand: counts by status (uploaded ones not counted)."""

    configured: bool = False
    counts: dict[UploadStatus, int] = field(default_factory=dict)
    paused: UserError | None = None
    #: Why the last run failed as a whole (not a single session's problem), for the status line.
    error: BaseException | None = None
    running: bool = False
    #: Why the first waiting session waits (the sync layer's error) and when it is tried again.
    retry_reason: UserError | None = None
    next_try: datetime | None = None

    @property
    def waiting(self) -> int:
        return sum(self.counts.get(s, 0) for s in _WAITING)

    @property
    def needing_attention(self) -> int:
        return self.counts.get(UploadStatus.NEEDS_ATTENTION, 0)

    @property
    def badge(self) -> Badge:
        if self.paused or self.error or self.needing_attention:
            return Badge.ATTENTION
        return Badge.WAITING if self.waiting else Badge.NONE

    def text(self) -> str:
        """The upload status in one sentence: the same words in the popup, the tooltip, the
        no-tray window and a "Sync now" result."""
        if not self.configured:
            return QCoreApplication.translate(
                "Uploads", "Saved on this device; uploads are not set up."
            )
        if self.paused:
            return QCoreApplication.translate("Uploads", "Uploads paused: {reason}").format(
                reason=reason_text(self.paused)
            )
        if self.running:
            return QCoreApplication.translate("Uploads", "Uploading…")
        if self.error:
            return QCoreApplication.translate("Uploads", "Upload failed: {error}").format(
                error=reason_text(self.error)
            )
        n = self.needing_attention
        if n == 1:
            return QCoreApplication.translate(
                "Uploads", "1 upload needs your attention (see Week…)."
            )
        if n:
            return QCoreApplication.translate(
                "Uploads", "{count} uploads need your attention (see Week…)."
            ).format(count=n)
        n = self.waiting
        reason = reason_text(self.retry_reason)
        if n and reason and self.next_try is not None:
            waiting = (
                QCoreApplication.translate(
                    "Uploads", "1 session not uploaded yet. {reason} Next try at {time}."
                )
                if n == 1
                else QCoreApplication.translate(
                    "Uploads", "{count} sessions not uploaded yet. {reason} Next try at {time}."
                )
            )
            return waiting.format(count=n, reason=reason, time=local_time(self.next_try))
        if n == 1:
            return QCoreApplication.translate("Uploads", "1 session waiting to upload.")
        if n:
            return QCoreApplication.translate(
                "Uploads", "{count} sessions waiting to upload."
            ).format(count=n)
        checking = self.counts.get(UploadStatus.CHECKING, 0)
        if checking:
            return QCoreApplication.translate(
                "Uploads", "All sessions uploaded; {count} checked for a late duplicate."
            ).format(count=checking)
        return QCoreApplication.translate("Uploads", "All sessions uploaded.")


class UploadWatch(QObject):
    """Runs uploads in the background and keeps :attr:`summary` current."""

    changed = Signal()
    #: Something new the user must know: (title, message).
    notify = Signal(str, str)

    def __init__(self, sync: Uploads | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.summary = UploadSummary()
        self._task: asyncio.Task[None] | None = None
        self._told_attention = 0
        self._told_paused: str | None = None  # the pause told, as its English sentence
        self._asked = False
        self._started = False
        # The one timer: single-shot, armed for the next moment something is due.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.sync_now())
        self._due_at: float | None = None  # wall time (time.time()) the timer is armed for
        self._ran_at: float | None = None  # wall time the last run ended
        self._ran_change: int | None = None  # the newest change to upload then
        self._newest_change: int | None = None

    def start(self) -> None:
        """Read the counts and upload what is due, now and later (needs a running asyncio
        loop). The first run too begins after a random delay: a fleet logs in at 09:00."""
        self._started = True
        self.refresh()

    def stop(self) -> None:
        self._started = False
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()

    def look(self) -> None:
        """A cheap look (on the app's minute beat): a change recorded since (here, in a terminal,
        by an edit) or a due moment passed while the computer slept starts the schedule anew."""
        if self.sync is None or not self._started or self.running:
            return
        try:
            newest = self.sync.newest_change()
        except Exception as exc:  # the schedule must never take the tray down
            log.warning("could not look for new changes to upload: %s", exc)
            return
        overdue = self._due_at is not None and time.time() >= self._due_at
        if newest != self._newest_change or overdue:
            self.refresh()

    def _schedule(self) -> None:
        """Arm the timer for the next moment a run has something to do (none: stay asleep)."""
        self._timer.stop()
        self._due_at = None
        if self.sync is None or not self._started or self.running:
            return  # (a run reschedules when it ends)
        try:
            self._newest_change = self.sync.newest_change()
            if self._ran_at is not None and self._ran_change is None:
                self._ran_change = self._newest_change  # what the last run left
            wait = self.sync.next_run_in()
            spread = self.sync.start_delay()
        except Exception as exc:  # the schedule must never take the tray down
            log.warning("could not tell when to upload next: %s", exc)
            wait, spread = AFTER_A_RUN_S, 0.0
        if wait is None:
            return
        if wait <= 0 and self._ran_at is not None and self._newest_change == self._ran_change:
            # Still due after a run, nothing new since: it could not be done; not again at once.
            wait = self._ran_at + AFTER_A_RUN_S - time.time()
        if wait <= 0:
            # Due now (a start, a change found): spread. A retry time already is (backoff's
            # jitter, the server's Retry-After with a second of our own).
            wait = spread
        wait = min(wait, LONGEST_WAIT_S)
        self._due_at = time.time() + wait
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # whole seconds are plenty
        self._timer.start(int(wait * 1000))

    async def wait_idle(self) -> None:
        """Until the run in progress (if any) has ended, e.g. before the loop closes."""
        import asyncio  # (loaded once the app's loop runs; not at start, see ui.app)

        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def refresh(self) -> None:
        """Re-read the counts (cheap: a query on the local store, no network)."""
        if self.sync is None:
            self._set(UploadSummary())
            return
        try:
            counts = self.sync.counts()
            paused = self.sync.paused()
        except Exception as exc:  # the summary must never take the tray down
            log.warning("could not read the upload counts: %s", exc)
            self._set(replace(self.summary, configured=True, error=exc))
            return
        if counts is None:
            self._set(UploadSummary())
            return
        reason, next_try = self._next_retry()
        self._set(
            UploadSummary(True, counts, paused, self.summary.error, self.running, reason, next_try)
        )

    def _next_retry(self) -> tuple[UserError | None, datetime | None]:
        """Why the session tried again first is waiting, and when (for the status line)."""
        statuses = getattr(self.sync, "session_statuses", None)
        if statuses is None:
            return None, None
        try:
            infos = statuses() or {}
        except Exception as exc:  # the summary must never take the tray down
            log.warning("could not read the upload states: %s", exc)
            return None, None
        waiting = [
            i for i in infos.values() if i.status is UploadStatus.WAITING and i.next_attempt_at
        ]
        if not waiting:
            return None, None
        first = min(waiting, key=lambda i: i.next_attempt_at)
        return first.detail, first.next_attempt_at

    def sync_now(self, asked: bool = False) -> None:
        """Start an upload run in the background unless one is running or none is set up.

        ``asked``: the user chose "Sync now"; the status line says "Uploading…" at once and
        :attr:`notify` tells the result when the run (this one or the one under way) ends.
        """
        if asked:
            self._asked = True
        if self.sync is None or self.running:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            log.warning("no asyncio loop is running; uploads wait for the next start")
            return
        self._task = loop.create_task(self._run(self.sync, asked))
        self.refresh()

    async def _run(self, sync: Uploads, asked: bool) -> None:
        error: BaseException | None = None
        try:
            await sync.sync_now(asked=asked)
        except Exception as exc:  # shown in the status line; the next run tries again
            log.warning("upload run failed", exc_info=True)
            error = exc
        finally:
            self._task = None
            self._ran_at, self._ran_change = time.time(), None
        # After a successful run the error line goes; counts tell the rest.
        self.summary = replace(self.summary, error=error, running=False)
        self.refresh()
        if self._asked:
            self._asked = False
            self.notify.emit(QCoreApplication.translate("Uploads", "Sync now"), self.summary.text())

    def _set(self, summary: UploadSummary) -> None:
        self.summary = summary
        self._schedule()
        self._tell_news(summary)
        self.changed.emit()

    def _tell_news(self, summary: UploadSummary) -> None:
        paused = None if summary.paused is None else str(summary.paused)
        if paused and paused != self._told_paused:
            self.notify.emit(
                QCoreApplication.translate("Uploads", "Uploads paused"),
                QCoreApplication.translate(
                    "Uploads",
                    "{reason}\nYour time is still recorded here. Update the credentials in "
                    "Settings.",
                ).format(reason=reason_text(summary.paused)),
            )
        self._told_paused = paused
        n = summary.needing_attention
        if n > self._told_attention:
            self.notify.emit(
                QCoreApplication.translate("Uploads", "An upload needs your attention"),
                QCoreApplication.translate(
                    "Uploads",
                    "Your HR system refused a session. Open Week… to see what it said.",
                ),
            )
        self._told_attention = n
