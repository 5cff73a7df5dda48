"""The one place the services are built: the command line and the tray open the same ones.

A front end opens :class:`Services` once and talks to what it hands out; it never builds a
service from a store or settings of its own. Uploads, shifts, the account and the keyring are
imported when first asked for (httpx, TLS, the keyring backends and the holiday calendars cost
the clock commands and the tray's start time and memory they don't need).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from clockapp.services.clock import ClockService
from clockapp.services.holidays import keep_calendars
from clockapp.settings import Settings, database_path, local_zone_name
from clockapp.storage import Store

if TYPE_CHECKING:
    from clockapp.secrets import SecretStore
    from clockapp.services.account import AccountService
    from clockapp.services.presence import PresenceService
    from clockapp.services.shifts import ShiftService
    from clockapp.services.sync import SyncService


class Services:
    """The services over one store, one settings file and one time zone."""

    def __init__(self, clock: ClockService, *, language: str = "en") -> None:
        self.clock = clock
        #: The user's language: servers that answer in it (Papershift) are asked in it.
        self.language = language

    @classmethod
    def open_default(cls, *, language: str = "en") -> Services:
        """This machine's store, settings and time zone."""
        path = database_path()
        store = Store.open(path)
        keep_calendars(path.parent)
        return cls(ClockService(store, Settings.load(), local_zone_name()), language=language)

    @cached_property
    def account(self) -> AccountService:
        from clockapp.services.account import AccountService

        return AccountService(self.clock)

    def backend_configured(self) -> bool:
        return self.clock.setting("backend") not in (None, "none")

    def secrets(self) -> SecretStore:
        from clockapp.secrets import SecretStore

        return SecretStore()

    def sync(self, secrets: SecretStore | None = None) -> SyncService:
        from clockapp.services.sync import SyncService

        clock = self.clock
        return SyncService(
            clock.store,
            clock.settings,
            secrets if secrets is not None else self.secrets(),
            zone_name=clock.zone_name,
            language=self.language,
        )

    def shifts(self, secrets: SecretStore | None = None) -> ShiftService:
        from clockapp.services.shifts import ShiftService

        clock = self.clock
        return ShiftService(
            clock.store,
            clock.settings,
            secrets if secrets is not None else self.secrets(),
            clock.zone_name,
            language=self.language,
        )

    def presence(self, *, poll_interval_seconds: float) -> PresenceService:
        from clockapp.services.presence import PresenceService

        return PresenceService(self.clock, poll_interval_seconds=poll_interval_seconds)

    def close(self) -> None:
        self.clock.close()
