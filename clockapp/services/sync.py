"""Uploads and pulls as the front ends use them: "sync now", counts for the tray, per-session
status for the week view, and the remote entries of a week (made at a terminal or in the web app).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from clockapp.domain.errors import UserError
from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.domain.uploads import Destination, Preview, UploadInfo, UploadStatus
from clockapp.domain.zones import day_start
from clockapp.secrets import SecretStore
from clockapp.services.backend_config import (
    BackendSetupError,
    build_backend,
    configure,
    describe_backend,
    destination_of,
    open_backend,
    test_connection,
)
from clockapp.services.clock import utc_now
from clockapp.services.shifts import REFRESH_EVERY, refresh_quietly
from clockapp.services.uploads import SyncResult, Uploader, start_delay
from clockapp.settings import Settings, local_zone_name
from clockapp.storage import StorageError, Store
from clockapp.storage.confirmations import ConfirmationStore
from clockapp.storage.shifts import ShiftStore
from clockapp.storage.uploads import UploadLedger
from clockapp.sync.backend import Backend, RemoteEntry
from clockapp.sync.papershift import external_id as papershift_id

log = logging.getLogger(__name__)


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
        make_backend: Callable[[Settings, SecretStore], Backend | None] | None = None,
        zone_name: str | None = None,
        language: str = "en",
    ) -> None:
        self.store = store
        #: The zone whose months the fill-back of a new destination counts (default: this
        #: machine's, asked when first needed).
        self.zone_name = zone_name
        self.settings = settings
        self.secrets = secrets
        self._now = now
        # The user's language goes to servers that answer in it (Papershift).
        self._make_backend = make_backend or partial(build_backend, language=language)
        self._ledger = UploadLedger(store)
        self._running: asyncio.Lock | None = None
        #: When a run last looked at the shift plan (a pull that fails, or finds no shifts,
        #: stores no time of its own).
        self._plan_looked_at: datetime | None = None

    @property
    def backend_name(self) -> str | None:
        name = self.settings.get("backend")
        return None if name in (None, "none") else str(name)

    @property
    def destination(self) -> Destination | None:
        """Where uploads go now, from the settings alone (no keyring); None when they don't."""
        try:
            return destination_of(self.settings)
        except BackendSetupError:
            return None

    def _key(self) -> str | None:
        destination = self.destination
        if destination is None:
            return None
        try:
            self.start_using(destination)
        except StorageError as exc:  # a read-only or full disk: reading still works
            log.warning("could not record the destination: %s", exc)
        return destination.key

    def start_using(self, destination: Destination) -> None:
        """Make ``destination`` known to the ledger, filled back as far as the settings say.
        Reads first, so read-only uses of a known destination never write."""
        if self._ledger.is_known(destination.key):
            return
        fill_from = fill_start(self.settings, self._now(), self._zone())
        if self._ledger.register(
            destination.key, destination.vendor, destination.label, fill_from, self._now()
        ):
            log.info("uploads now go to a new destination: %s", destination.label)

    def preview(self, destination: Destination | None = None) -> Preview | None:
        """What ``destination`` (default: the configured one) would receive now — for a new one,
        every session since the fill-back start; None when uploads are off."""
        destination = destination or self.destination
        if destination is None:
            return None
        fill_from = fill_start(self.settings, self._now(), self._zone())
        return self._ledger.preview(destination.key, fill_from)

    def _zone(self) -> str:
        self.zone_name = self.zone_name or local_zone_name()
        return self.zone_name

    async def sync_now(self, *, asked: bool = False) -> SyncResult | None:
        """Upload everything due; None when no backend is configured. One run at a time.
        ``asked``: the user asked, so items waiting for a retry go now too."""
        if self.backend_name is None:
            return None
        self._running = self._running or asyncio.Lock()
        async with self._running:
            # Building a backend reads the keyring, which may block: keep it off the loop.
            backend = await open_backend(self.settings, self.secrets, self._make_backend)
            if backend is None:
                return None
            try:
                self.start_using(backend.destination)
                grace = timedelta(minutes=self.settings.get("upload_grace_minutes"))
                uploader = Uploader(self.store, backend, now=self._now, grace=grace)
                result = await uploader.run_once(asked=asked)
                self._plan_looked_at = self._now()
                await refresh_quietly(self.store, backend, self._zone(), self._now(), asked=asked)
                return result
            finally:
                await backend.aclose()

    # -- choosing and checking the backend (the command line; Settings has its own form) --------

    def describe_backend(self) -> dict[str, Any]:
        """The backend's settings and where its secrets stand (never the secrets)."""
        return describe_backend(self.settings, self.secrets)

    async def test_connection(self) -> str:
        """One authenticated read; a sentence on success, BackendSetupError/SyncError else."""
        return await test_connection(self.settings, self.secrets)

    def turn_off(self) -> None:
        """Sessions stay on this computer from now on."""
        self.settings.set("backend", "none")
        self.settings.save()

    def set_backend(self, kind: str, values: dict[str, str | None]) -> None:
        """Check and save a backend's fields (``BACKENDS``): secrets to the keyring, the rest
        to the settings; nothing is changed when anything is refused."""
        configure(self.settings, self.secrets, kind, values)
        self.credentials_changed()

    def next_run_at(self) -> datetime | None:
        """When an upload run next has something to do unasked (UTC; may be past: now): a
        change due, a retry, a look for twins, the shift plan getting old. None: nothing waits,
        or uploads are off or paused."""
        key = self._key()
        if key is None:
            return None
        grace = timedelta(minutes=self.settings.get("upload_grace_minutes"))
        at = self._ledger.next_due(key, self._now(), grace=grace)
        if self.backend_name == "papershift" and self._ledger.paused(key) is None:
            looked = [t for t in (ShiftStore(self.store).pulled_at(key), self._plan_looked_at) if t]
            plan_at = max(looked) + REFRESH_EVERY if looked else self._now()
            at = plan_at if at is None else min(at, plan_at)
        return at

    def next_run_in(self) -> float | None:
        """Seconds until :meth:`next_run_at` (0 or less: due now), by this service's clock."""
        at = self.next_run_at()
        return None if at is None else (at - self._now()).total_seconds()

    def start_delay(self) -> float:
        """Seconds an unasked run waits before it begins (random: a fleet must not arrive in
        the same second; see ``services.uploads.START_SPREAD``)."""
        return start_delay().total_seconds()

    def newest_change(self) -> int:
        """A number that grows with every change to upload (the newest outbox entry): cheap to
        ask, so a watcher knows when to ask :meth:`next_run_at` again."""
        return self.store.newest_outbox_id()

    def credentials_changed(self) -> None:
        """New credentials were saved: a destination paused by a rejection may try again."""
        key = self._key()
        if key is not None:
            self._ledger.resume(key)

    def counts(self) -> dict[UploadStatus, int] | None:
        """Sessions per upload status (uploaded ones not counted); None without a backend."""
        key = self._key()
        return None if key is None else self._ledger.counts(key, self._now())

    def paused(self) -> UserError | None:
        """Why uploads are paused (credentials refused...); None when they aren't."""
        key = self._key()
        return None if key is None else self._ledger.paused(key)

    def session_statuses(self) -> dict[uuid.UUID, UploadInfo] | None:
        key = self._key()
        return None if key is None else self._ledger.statuses(key, self._now())

    def filed_at(self, session_id: uuid.UUID) -> list[str]:
        """Every destination that holds this session, as the user knows them."""
        return self._ledger.filed_at(session_id)

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
        key = backend.destination.key
        twins = local_twins(entries, self.store, self._ledger, key, start, end)
        if backend.destination.vendor == "papershift":  # the vendor whose listings say it
            seen = {twins[e.remote_id]: e.confirmed for e in entries if e.remote_id in twins}
            self._learn_confirmed(key, seen)
        return [RemoteSession(e, as_session(e, key)) for e in entries if e.remote_id not in twins]

    def _learn_confirmed(self, destination: str, seen: dict[uuid.UUID, bool]) -> None:
        """Keep what a listing said of our sessions: a manager confirmed them, or not."""
        confirmations = ConfirmationStore(self.store)
        known = confirmations.confirmed_among(destination, seen)
        if all((sid in known) == confirmed for sid, confirmed in seen.items()):
            return  # nothing new: no write (the week window fetches each time it shows)
        try:
            with self.store.write():
                confirmations.record(destination, seen, self._now())
        except StorageError as exc:  # a read-only or full disk: showing still works
            log.warning("could not record what the manager confirmed: %s", exc)


def fill_start(settings: Settings, now: datetime, zone: str) -> datetime:
    """Where a new destination's fill-back starts: the first of the month the setting
    ``fill_new_destination_months`` counts back from this one (0: this month), local time."""
    months = settings.get("fill_new_destination_months")
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        months = 1
    today = now.astimezone(ZoneInfo(zone)).date()
    index = today.year * 12 + today.month - 1 - months
    return day_start(date(index // 12, index % 12 + 1, 1), zone)


def local_twins(
    entries: list[RemoteEntry],
    store: Store,
    ledger: UploadLedger,
    destination: str,
    start: datetime,
    end: datetime,
) -> dict[str, uuid.UUID]:
    """Remote id → local session, for each entry that is a local session's twin: by remote id,
    by external id (our UUID), or by identical start and end (an upload whose answer was lost).
    The other entries were made elsewhere."""
    known_remote = ledger.remote_ids(destination)
    local = store.sessions_between(start - timedelta(days=1), end + timedelta(days=1))
    # Papershift files a session under an id made for the destination (older versions: the
    # bare UUID); TimeTrack has no such id.
    by_external = {str(s.id): s.id for s in local} | {
        papershift_id(s.id, destination): s.id for s in local
    }
    by_span = {(s.start, s.end): s.id for s in local}
    twins: dict[str, uuid.UUID] = {}
    for e in entries:
        twin = known_remote.get(e.remote_id)
        if twin is None and e.external_id:
            twin = by_external.get(e.external_id)
        if twin is None:
            twin = by_span.get((e.start, e.end))
        if twin is not None:
            twins[e.remote_id] = twin
    return twins


def as_session(entry: RemoteEntry, destination: str) -> WorkSession:
    length = entry.end - entry.start
    pause = min(timedelta(minutes=entry.break_minutes), length)
    breaks: tuple[BreakSegment, ...] = ()
    if pause:
        middle = entry.start + (length - pause) / 2
        breaks = (BreakSegment(middle, middle + pause),)
    return WorkSession(
        id=uuid.uuid5(uuid.NAMESPACE_URL, f"clockapp:{destination}:{entry.remote_id}"),
        start=entry.start,
        end=entry.end,
        zone="UTC",
        breaks=breaks,
        note=entry.note,
    )
