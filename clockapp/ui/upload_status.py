"""Uploads as the tray sees them: run them in the background, summarise where they stand.

:class:`UploadWatch` runs ``SyncService.sync_now()`` as an asyncio task on the qasync loop
(every few minutes, right after a clock out, and on "Sync now"), so an upload never blocks the
UI; at most one run at a time. It turns the ledger's counts into one status line and a badge,
and raises a notification only when something new needs the user: an upload parked as needing
attention, or credentials the server rejected.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from clockapp.storage.uploads import UploadStatus
from clockapp.ui.i18n import explain
from clockapp.ui.icons import Badge
from clockapp.ui.qt import QCoreApplication, QObject, QTimer, Signal

log = logging.getLogger(__name__)

#: How often uploads run on their own (milliseconds): often enough that HR sees the day soon.
UPLOAD_INTERVAL_MS = 5 * 60 * 1000

_WAITING = (
    UploadStatus.SAVED,
    UploadStatus.WAITING,
    UploadStatus.UPLOADING,
    UploadStatus.CHECKING,
)


class Uploads(Protocol):
    """What the tray needs of ``clockapp.services.sync.SyncService``."""

    async def sync_now(self, *, asked: bool = False) -> Any: ...

    def counts(self) -> dict[UploadStatus, int] | None: ...

    def paused(self) -> str | None: ...


@dataclass(frozen=True)
class UploadSummary:
    """Where uploads stand: counts by status (uploaded ones not counted)."""

    configured: bool = False
    counts: dict[UploadStatus, int] = field(default_factory=dict)
    paused: str | None = None
    #: Why the last run failed as a whole (not a single session's problem), for the status line.
    error: str | None = None
    running: bool = False

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
        """One line for the popup and the tooltip."""
        if not self.configured:
            return QCoreApplication.translate(
                "Uploads", "Saved on this device; uploads are not set up."
            )
        if self.paused:
            return QCoreApplication.translate("Uploads", "Uploads paused: {reason}").format(
                reason=self.paused
            )
        if self.running:
            return QCoreApplication.translate("Uploads", "Uploading…")
        if self.error:
            return QCoreApplication.translate("Uploads", "Upload failed: {error}").format(
                error=self.error
            )
        n = self.needing_attention
        if n:
            if n == 1:
                return QCoreApplication.translate(
                    "Uploads", "1 upload needs your attention (see Week…)."
                )
            return QCoreApplication.translate(
                "Uploads", "{count} uploads need your attention (see Week…)."
            ).format(count=n)
        n = self.waiting
        if n:
            if n == 1:
                return QCoreApplication.translate("Uploads", "1 session waiting to upload.")
            return QCoreApplication.translate(
                "Uploads", "{count} sessions waiting to upload."
            ).format(count=n)
        return QCoreApplication.translate("Uploads", "All sessions uploaded.")


class UploadWatch(QObject):
    """Runs uploads in the background and keeps :attr:`summary` current."""

    changed = Signal()
    #: Something new the user must know: (title, message).
    notify = Signal(str, str)

    def __init__(
        self,
        sync: Uploads | None,
        interval_ms: int = UPLOAD_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sync = sync
        self.summary = UploadSummary()
        self._task: asyncio.Task[None] | None = None
        self._told_attention = 0
        self._told_paused: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(lambda: self.sync_now())

    def start(self) -> None:
        """Read the counts and start the periodic uploads (needs a running asyncio loop)."""
        self.refresh()
        if self.sync is not None:
            self._timer.start()
            self.sync_now()

    def stop(self) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()

    async def wait_idle(self) -> None:
        """Until the run in progress (if any) has ended, e.g. before the loop closes."""
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
            self._set(UploadSummary(True, self.summary.counts, None, explain(exc), self.running))
            return
        if counts is None:
            self._set(UploadSummary())
            return
        self._set(UploadSummary(True, counts, paused, self.summary.error, self.running))

    def sync_now(self, asked: bool = False) -> None:
        """Start an upload run in the background unless one is running or none is set up.
        ``asked``: the user asked ("Sync now"), so items waiting for a retry go now too."""
        if self.sync is None or self.running:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            log.warning("no asyncio loop is running; uploads wait for the next start")
            return
        self._task = loop.create_task(self._run(self.sync, asked))
        self.refresh()

    async def _run(self, sync: Uploads, asked: bool) -> None:
        error: str | None = None
        try:
            await sync.sync_now(asked=asked)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # shown in the status line; the next run tries again
            log.warning("upload run failed", exc_info=True)
            error = explain(exc)
        finally:
            self._task = None
        # After a successful run the error line goes; counts tell the rest.
        self.summary = UploadSummary(
            self.summary.configured, self.summary.counts, self.summary.paused, error, False
        )
        self.refresh()

    def _set(self, summary: UploadSummary) -> None:
        self.summary = summary
        self._tell_news(summary)
        self.changed.emit()

    def _tell_news(self, summary: UploadSummary) -> None:
        if summary.paused and summary.paused != self._told_paused:
            self.notify.emit(
                QCoreApplication.translate("Uploads", "Uploads paused"),
                QCoreApplication.translate(
                    "Uploads",
                    "Your HR system rejected the credentials: {reason}\n"
                    "Your time is still recorded here. Update the credentials in Settings.",
                ).format(reason=summary.paused),
            )
        self._told_paused = summary.paused
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
