"""Uploads and pulls as the front ends use them: "sync now", counts for the tray, per-session
status for the week view, and the remote entries of a week (made at a terminal or in the web app).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.domain.zones import day_start
from clockapp.secrets import SecretStore
from clockapp.services.backend_config import build_backend, open_backend
from clockapp.services.clock import utc_now
from clockapp.services.uploads import SyncResult, Uploader
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.storage.uploads import UploadInfo, UploadLedger, UploadStatus
from clockapp.sync.backend import Backend, RemoteEntry


@dataclass(frozen=True, slots=True)
class RemoteSession:
    """An entry found on the server with no local twin, shaped as a session for the report.

    The server keeps only break minutes, not when the break was: the break is placed in the
    middle so the day totals are right; its exact position is not known.
    """

    entry: RemoteEntry
    session: WorkSession


class SyncService:
    """Uploads and pulls for the configured backend (none configured: everything stays local)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        secrets: SecretStore,
        *,
        now: Callable[[], datetime] = utc_now,
        make_backend: Callable[[Settings, SecretStore], Backend | None] = build_backend,
    ) -> None:
        self.store = store
        self.settings = settings
        self.secrets = secrets
        self._now = now
        self._make_backend = make_backend
        self._ledger = UploadLedger(store)
        self._running: asyncio.Lock | None = None

    @property
    def backend_name(self) -> str | None:
        name = self.settings.get("backend")
        return None if name in (None, "none") else str(name)

    async def sync_now(self) -> SyncResult | None:
        """Upload everything due; None when no backend is configured. One run at a time."""
        if self.backend_name is None:
            return None
        self._running = self._running or asyncio.Lock()
        async with self._running:
            # Building a backend reads the keyring, which may block: keep it off the loop.
            backend = await open_backend(self.settings, self.secrets, self._make_backend)
            if backend is None:
                return None
            try:
                return await Uploader(self.store, backend, now=self._now).run_once()
            finally:
                await backend.aclose()

    def credentials_changed(self) -> None:
        """New credentials were saved: a backend paused by a rejection may try again."""
        if self.backend_name is not None:
            self._ledger.resume(self.backend_name)

    def counts(self) -> dict[UploadStatus, int] | None:
        """Sessions per upload status (uploaded ones not counted); None without a backend."""
        name = self.backend_name
        return None if name is None else self._ledger.counts(name, self._now())

    def paused(self) -> str | None:
        name = self.backend_name
        return None if name is None else self._ledger.paused(name)

    def session_statuses(self) -> dict[uuid.UUID, UploadInfo] | None:
        name = self.backend_name
        return None if name is None else self._ledger.statuses(name, self._now())

    async def pull_week(self, monday: date, zone_name: str) -> list[RemoteSession]:
        """The week's entries on the server that have no local twin."""
        if self.backend_name is None:
            return []
        backend = await open_backend(self.settings, self.secrets, self._make_backend)
        if backend is None:
            return []
        start = day_start(monday, zone_name)
        end = day_start(monday + timedelta(days=7), zone_name)
        try:
            entries = await backend.list_range(start, end)
        finally:
            await backend.aclose()
        return remote_only(entries, self.store, self._ledger, backend.name, start, end)


def remote_only(
    entries: list[RemoteEntry],
    store: Store,
    ledger: UploadLedger,
    backend_name: str,
    start: datetime,
    end: datetime,
) -> list[RemoteSession]:
    """Drop every entry that is a local session's twin: by remote id, by external id (our UUID),
    or by identical start and end (an upload whose answer was lost)."""
    known_remote = ledger.remote_ids(backend_name)
    local = store.sessions_between(start - timedelta(days=1), end + timedelta(days=1))
    local_ids = {str(s.id) for s in local}
    local_spans = {(s.start, s.end) for s in local}
    result = []
    for e in entries:
        if e.remote_id in known_remote or (e.external_id and e.external_id in local_ids):
            continue
        if (e.start, e.end) in local_spans:
            continue
        result.append(RemoteSession(e, as_session(e, backend_name)))
    return result


def as_session(entry: RemoteEntry, backend_name: str) -> WorkSession:
    length = entry.end - entry.start
    pause = min(timedelta(minutes=entry.break_minutes), length)
    breaks: tuple[BreakSegment, ...] = ()
    if pause:
        middle = entry.start + (length - pause) / 2
        breaks = (BreakSegment(middle, middle + pause),)
    return WorkSession(
        id=uuid.uuid5(uuid.NAMESPACE_URL, f"clockapp:{backend_name}:{entry.remote_id}"),
        start=entry.start,
        end=entry.end,
        zone="UTC",
        breaks=breaks,
        note=entry.note,
    )
