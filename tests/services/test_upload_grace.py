"""A session waits a short grace period after it ends before it is uploaded, so an undo or a quick
correction never creates, then updates or deletes, the entry upstream (issue 12)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.services.uploads import SyncResult
from clockapp.settings import Settings
from clockapp.storage import Store
from tests.conftest import BERLIN, FakeClock
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring


def setup(
    store: Store, tmp_path: Path, clock: FakeClock, server: FakeTimeTrack
) -> tuple[ClockService, SyncService]:
    settings = Settings.load(tmp_path / "settings.json")
    sync = SyncService(store, settings, SecretStore(), now=clock, zone_name=BERLIN)
    config.configure_timetrack(
        settings, sync.secrets, server.url, "anna", server.api_key, server.api_secret
    )
    return ClockService(store, settings, BERLIN, now=clock), sync


def upload(sync: SyncService) -> SyncResult:
    result = asyncio.run(sync.sync_now(asked=True))
    assert result is not None
    return result


def test_a_session_just_ended_waits_out_the_grace_period(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    service.clock_in()
    fake_clock.advance(hours=4)
    service.clock_out()

    result = upload(sync)  # at once, even when asked
    assert result.uploaded == 0 and timetrack.requests_by("POST") == []

    fake_clock.advance(minutes=1, seconds=59)
    assert upload(sync).uploaded == 0

    fake_clock.advance(seconds=1)
    assert upload(sync).uploaded == 1
    assert len(timetrack.requests_by("POST")) == 1 and len(timetrack.live("anna")) == 1


def test_a_correction_within_the_grace_period_sends_one_create(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    service.clock_in()
    fake_clock.advance(hours=4)
    session = service.clock_out()
    upload(sync)
    fake_clock.advance(minutes=1)
    service.edit(str(session.id), note="Support")  # noticed at once
    upload(sync)
    fake_clock.advance(minutes=2)
    upload(sync)
    assert [r.method for r in timetrack.requests if r.method != "GET"] == ["POST"]
    [entry] = timetrack.live("anna")
    assert entry["notes"] == "Support"


def test_no_grace_period_uploads_at_once(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    sync.settings.set("upload_grace_minutes", 0)
    service.clock_in()
    fake_clock.advance(hours=4)
    service.clock_out()
    assert upload(sync).uploaded == 1


def test_an_undone_clock_out_never_reaches_the_server(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    running = service.clock_in()
    fake_clock.advance(hours=4)
    finished = service.clock_out()
    upload(sync)
    fake_clock.advance(seconds=30)
    service.undo(running, finished)  # a mis-click: still working
    fake_clock.advance(minutes=5)
    upload(sync)
    assert timetrack.requests_by("POST") == [] and timetrack.requests_by("DELETE") == []
    fake_clock.advance(hours=1)
    service.clock_out()
    fake_clock.advance(minutes=2)
    upload(sync)
    [entry] = timetrack.live("anna")
    assert len(timetrack.requests_by("POST")) == 1 and timetrack.requests_by("DELETE") == []
    assert entry["to"] == fake_clock.now.replace(microsecond=0) - timedelta(minutes=2)


def test_the_next_run_is_due_when_something_waits_and_never_when_nothing_does(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    """Uploads wake the app only for a reason (issue 16): the grace period's end, the retry
    time the server asked for, the end of the window for a late twin; nothing else."""
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    assert sync.next_run_at() is None  # nothing recorded yet
    service.clock_in()
    assert sync.next_run_at() is None  # a running session waits for its end
    fake_clock.advance(hours=4)
    ended = service.clock_out().end
    assert ended is not None
    assert sync.next_run_at() == ended + timedelta(minutes=2)  # the grace period's end

    fake_clock.advance(minutes=2)
    assert sync.next_run_in() == 0  # due now
    timetrack.fail_next(Fault("before", 429, retry_after="600"))
    assert upload(sync).uploaded == 0
    assert sync.next_run_at() is not None
    assert sync.next_run_in() == pytest.approx(600, abs=1.5)  # the server's wish, jittered

    fake_clock.advance(minutes=10, seconds=2)
    assert upload(sync).uploaded == 1
    assert sync.next_run_at() is None  # all uploaded: no reason to wake

    service.clock_in()
    fake_clock.advance(hours=1)
    service.clock_out()
    fake_clock.advance(minutes=2)
    timetrack.fail_next(Fault("after", 500))  # stored, but the answer says otherwise
    assert upload(sync).uploaded == 0
    fake_clock.advance(minutes=5)
    assert upload(sync).uploaded == 1  # looked up, adopted
    checking = sync.next_run_in()  # a late twin may still land: one more look is due
    assert checking is not None and 0 < checking <= 15 * 60


def test_a_paused_destination_schedules_no_run(
    store: Store,
    tmp_path: Path,
    fake_clock: FakeClock,
    timetrack: FakeTimeTrack,
    memory_keyring: MemoryKeyring,
) -> None:
    service, sync = setup(store, tmp_path, fake_clock, timetrack)
    service.clock_in()
    fake_clock.advance(hours=4)
    service.clock_out()
    fake_clock.advance(minutes=2)
    timetrack.fail_next(Fault("before", 401), times=5)
    assert upload(sync).paused is not None
    assert sync.next_run_at() is None  # until the credentials change
    sync.credentials_changed()
    assert sync.next_run_in() == 0
