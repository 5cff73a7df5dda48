"""The shift plan: pulled from Papershift into the store, shown from the store.

A pull replaces the stored shifts of the range it read (for the destination they came from), so
the week and ``clockapp shifts`` show the last plan seen, offline too. Only Papershift has a
shift plan; with another backend, or none, there is nothing to pull and nothing stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from clockapp.domain.shifts import Shift
from clockapp.domain.zones import day_start, local
from clockapp.secrets import SecretStore
from clockapp.services.backend_config import (
    BackendSetupError,
    build_backend,
    destination_of,
    open_backend,
)
from clockapp.services.clock import utc_now
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.storage.shifts import ShiftStore
from clockapp.sync.backend import Backend
from clockapp.sync.papershift import PapershiftBackend

log = logging.getLogger(__name__)

#: What a refresh on "Sync now" reads: last week to four weeks ahead (local dates).
PULL_BACK = timedelta(days=7)
PULL_AHEAD = timedelta(days=27)
#: Unasked (the periodic uploads), the plan is read again this long after the last pull.
REFRESH_EVERY = timedelta(hours=3)


def destination_key(settings: Settings) -> str | None:
    """The key the configured Papershift files shifts under; None without Papershift."""
    if settings.get("backend") != "papershift":
        return None
    try:
        destination = destination_of(settings)
    except BackendSetupError:
        return None
    return None if destination is None else destination.key


def stored_shifts(
    store: Store, settings: Settings, first: date, last: date, zone_name: str
) -> list[Shift]:
    """The stored shifts of the configured destination touching local ``first`` to ``last``."""
    key = destination_key(settings)
    if key is None:
        return []
    start, end = day_start(first, zone_name), day_start(last + timedelta(days=1), zone_name)
    return ShiftStore(store).between(key, start, end)


async def pull(
    store: Store, backend: Backend, first: date, last: date, zone_name: str, now: datetime
) -> list[Shift] | None:
    """Read ``first``..``last`` from ``backend`` and make it the stored plan of that range;
    None when the backend has no shift plan. Raises the backend's errors (nothing stored)."""
    if not isinstance(backend, PapershiftBackend):
        return None
    shifts = await backend.shifts(first, last)
    start, end = day_start(first, zone_name), day_start(last + timedelta(days=1), zone_name)
    with store.write():
        ShiftStore(store).replace(backend.destination.key, start, end, shifts, now)
    return shifts


async def refresh_quietly(
    store: Store, backend: Backend, zone_name: str, now: datetime, *, asked: bool = False
) -> None:
    """Pull the default range — when ``asked``, or when the last pull is ``REFRESH_EVERY``
    old (the tray runs uploads for that too; the plan changes rarely). A failure is logged, never
    raised: uploads come first."""
    today = local(now, zone_name).date()
    try:
        last = ShiftStore(store).pulled_at(backend.destination.key)
        if not asked and last is not None and now - last < REFRESH_EVERY:
            return
        await pull(store, backend, today - PULL_BACK, today + PULL_AHEAD, zone_name, now)
    except Exception as exc:  # a shift plan that can't be read must not fail a sync
        log.warning("the shift plan was not refreshed: %s", exc)


class ShiftService:
    """``clockapp shifts``: refresh a range when the server answers, show the stored plan."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        secrets: SecretStore,
        zone_name: str,
        *,
        now: Callable[[], datetime] = utc_now,
        make_backend: Callable[[Settings, SecretStore], Backend | None] | None = None,
        language: str = "en",
    ) -> None:
        self.store = store
        self.settings = settings
        self.secrets = secrets
        self.zone_name = zone_name
        self._now = now
        self._make_backend = make_backend or partial(build_backend, language=language)

    @property
    def available(self) -> bool:
        """Whether a shift plan is configured at all (Papershift)."""
        return destination_key(self.settings) is not None

    def stored(self, first: date, last: date) -> list[Shift]:
        return stored_shifts(self.store, self.settings, first, last, self.zone_name)

    async def refresh(self, first: date, last: date) -> list[Shift] | None:
        """Pull ``first``..``last`` into the store; None without a shift plan. Raises
        BackendSetupError or the backend's errors, with the store unchanged."""
        if not self.available:
            return None
        backend = await open_backend(self.settings, self.secrets, self._make_backend)
        if backend is None:
            return None
        try:
            return await pull(self.store, backend, first, last, self.zone_name, self._now())
        finally:
            await backend.aclose()
