"""Shared fixtures: a real SQLite store in a temporary folder and a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from clockapp.settings import Settings
from clockapp.storage import Store
from tests.fakes.papershift import FakePapershift
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring

if TYPE_CHECKING:
    from clockapp.services.clock import ClockService

BERLIN = "Europe/Berlin"


class FakeClock:
    """``now`` for the services; starts Monday 2026-11-23 08:00 in Berlin."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set_local(self, text: str) -> datetime:
        """Jump to a Berlin wall time like ``2026-11-23 12:30``."""
        from zoneinfo import ZoneInfo

        self.now = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)
        return self.now


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder that the app (and subprocesses) will use; Berlin time."""
    monkeypatch.setenv("CLOCKAPP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TZ", BERLIN)
    return tmp_path


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "clockapp.db")
    yield s
    s.close()


@pytest.fixture
def service(store: Store, tmp_path: Path, fake_clock: FakeClock) -> ClockService:
    from clockapp.services.clock import ClockService

    return ClockService(store, Settings.load(tmp_path / "settings.json"), BERLIN, now=fake_clock)


def berlin(text: str) -> datetime:
    """A Berlin wall time as an aware UTC datetime (test helper)."""
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)


@pytest.fixture(autouse=True)
def no_admin_policy(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never read the machine's real admin policy (/etc/clockapp/policy.json)."""
    missing = tmp_path_factory.mktemp("policy") / "absent.json"
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(missing))


@pytest.fixture(autouse=True)
def holiday_calendars_in_memory() -> Iterator[None]:
    """Each test starts with no kept holiday calendars and computes them in its own process
    (opening the services points the keeping at that test's data folder)."""
    from clockapp.services import holidays

    yield
    holidays.keep_calendars(None)
    holidays.compute_in_helper(False)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The process's keyring is an in-memory one for this test."""
    import keyring

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def timetrack() -> Iterator[FakeTimeTrack]:
    """A fake TimeTrack server on loopback."""
    with FakeTimeTrack() as server:
        yield server


@pytest.fixture
def papershift() -> Iterator[FakePapershift]:
    """A fake Papershift server on loopback."""
    with FakePapershift() as server:
        yield server
