"""Backend setup, "sync now" and the week's remote entries, as the CLI and tray use them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from clockapp.domain.uploads import UploadStatus
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.settings import Policy, Settings
from clockapp.sync.papershift import external_id as papershift_id
from tests.conftest import FakeClock, berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.services.test_uploader import work_day


@pytest.fixture
def evening(fake_clock: FakeClock) -> FakeClock:
    fake_clock.set_local("2026-11-27 18:00")
    return fake_clock


def with_timetrack(service: ClockService, server: FakeTimeTrack) -> SyncService:
    config.configure_timetrack(
        service.settings, SecretStore(), server.url, "anna", server.api_key, server.api_secret
    )
    return SyncService(service.store, service.settings, SecretStore(), now=service._now)


def test_without_a_backend_nothing_is_sent(
    service: ClockService, memory_keyring: MemoryKeyring
) -> None:
    sync = SyncService(service.store, service.settings, SecretStore())
    assert asyncio.run(sync.sync_now()) is None and sync.counts() is None


def test_setup_puts_secrets_in_the_keyring_only(
    service: ClockService, memory_keyring: MemoryKeyring, timetrack: FakeTimeTrack, tmp_path: Path
) -> None:
    with_timetrack(service, timetrack)
    assert sorted(memory_keyring.entries.values()) == sorted(
        [timetrack.api_key, timetrack.api_secret]
    )
    on_disk = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())
    assert timetrack.api_key not in on_disk and timetrack.api_secret not in on_disk
    shown = json.dumps(config.describe_backend(service.settings, SecretStore()))
    assert timetrack.api_secret not in shown and '"api_secret": "stored"' in shown


def test_a_bad_setup_changes_nothing(service: ClockService, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(config.BackendSetupError, match="https://"):
        config.configure_timetrack(
            service.settings, SecretStore(), "http://hr.example.com", "anna", "k", "s"
        )
    with pytest.raises(config.BackendSetupError, match="exactly one"):
        config.configure_papershift(
            service.settings,
            SecretStore(),
            "https://app.papershift.com",
            "tok",
            {
                "location_id": "1",
                "location_external_id": "A",
                "working_area_id": "2",
                "user_id": "3",
            },
        )
    assert memory_keyring.entries == {} and service.settings.get("backend") in (None, "none")


def test_a_setting_locked_by_the_admin_is_refused(
    memory_keyring: MemoryKeyring, tmp_path: Path, timetrack: FakeTimeTrack
) -> None:
    policy = Policy({"backend": "papershift"}, frozenset({"backend"}))
    settings = Settings.load(tmp_path / "settings.json", policy=policy)
    with pytest.raises(config.BackendSetupError, match="IT department"):
        config.configure_timetrack(
            settings, SecretStore(), timetrack.url, "anna", timetrack.api_key, "x"
        )
    assert memory_keyring.entries == {}


def test_connection_test_answers_plainly(
    service: ClockService, memory_keyring: MemoryKeyring, timetrack: FakeTimeTrack
) -> None:
    with_timetrack(service, timetrack)
    ok = asyncio.run(config.test_connection(service.settings, SecretStore()))
    assert ok == f"Connected to TimeTrack at {timetrack.url}."
    timetrack.api_secret = "rotated-by-admin"
    with pytest.raises(config.BackendSetupError, match="TimeTrack rejected the credentials"):
        asyncio.run(config.test_connection(service.settings, SecretStore()))


def test_missing_secrets_are_named(
    service: ClockService, memory_keyring: MemoryKeyring, timetrack: FakeTimeTrack
) -> None:
    with_timetrack(service, timetrack)
    memory_keyring.entries.clear()
    with pytest.raises(config.BackendSetupError, match="No TimeTrack API key and secret"):
        config.build_backend(service.settings, SecretStore())


def test_sync_now_uploads_and_counts(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    evening: FakeClock,
) -> None:
    sync = with_timetrack(service, timetrack)
    session = work_day(service)
    assert sync.counts() == dict.fromkeys(
        [s for s in UploadStatus if s is not UploadStatus.UPLOADED], 0
    ) | {UploadStatus.SAVED: 1}
    result = asyncio.run(sync.sync_now())
    assert result is not None and result.all_done and result.uploaded == 1
    statuses = sync.session_statuses()
    assert statuses is not None and statuses[session.id].status is UploadStatus.UPLOADED


def test_the_week_counts_remote_entries_once(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    evening: FakeClock,
) -> None:
    sync = with_timetrack(service, timetrack)
    uploaded = work_day(service, "2026-11-23")
    asyncio.run(sync.sync_now())
    lost = work_day(service, "2026-11-24")  # its upload's answer was lost: same span remotely
    assert lost.end is not None
    timetrack.add("anna", lost.start, lost.end, 30)
    terminal = timetrack.add(
        "anna", berlin("2026-11-25 07:00"), berlin("2026-11-25 11:00"), 0, "door terminal"
    )
    timetrack.add("bernd", berlin("2026-11-25 07:00"), berlin("2026-11-25 11:00"))

    remote = asyncio.run(sync.pull_week(berlin("2026-11-23 00:00").date(), "Europe/Berlin"))
    assert [r.entry.remote_id for r in remote] == [str(terminal)]
    report = service.week(berlin("2026-11-25 12:00").date(), extra=[r.session for r in remote])
    worked = {d.date.isoformat(): d.worked_min for d in report.days}
    assert worked["2026-11-23"] == 480 and worked["2026-11-24"] == 480
    assert worked["2026-11-25"] == 240
    assert uploaded.id != remote[0].session.id


def test_papershift_setup_and_sync(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    config.configure_papershift(
        service.settings,
        SecretStore(),
        papershift.url,
        papershift.api_token,
        {
            "location_external_id": "Company-A",
            "working_area_external_id": "Area-Alpha",
            "user_external_id": "User-001",
        },
    )
    sync = SyncService(service.store, service.settings, SecretStore(), now=evening)
    session = work_day(service)
    result = asyncio.run(sync.sync_now())
    assert result is not None and result.all_done
    [stored] = papershift.sessions.values()
    destination = sync.destination
    assert destination is not None
    assert stored["external_id"] == papershift_id(session.id, destination.key)


def test_a_keyring_that_hangs_does_not_hang_the_uploads(
    service: ClockService, memory_keyring: MemoryKeyring, timetrack: FakeTimeTrack
) -> None:
    import time

    with_timetrack(service, timetrack)

    def stuck(settings: Settings, secrets: SecretStore) -> None:
        time.sleep(1.0)  # a keyring waiting for an unlock prompt nobody answers

    sync = SyncService(
        service.store, service.settings, SecretStore(timeout_s=0.2), make_backend=stuck
    )
    with pytest.raises(config.BackendSetupError, match="did not answer in time"):
        asyncio.run(sync.sync_now())
