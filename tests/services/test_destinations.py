"""A switch of server or account: everything remote belongs to one destination.

Real store, real settings and keyring interface (in memory), real HTTP to loopback fakes. The
test that mattered: after ``backend set`` points elsewhere, edits and deletes must never go to
the new account with the old account's ids, and the new account must get the sessions.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import UploadStatus
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.storage.schema import MIGRATIONS
from tests.conftest import BERLIN, FakeClock, berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import FakeServer
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring


@pytest.fixture(autouse=True)
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("clockapp.sync.backend.TIMEOUT", httpx.Timeout(2.0, connect=2.0))


@pytest.fixture
def sync(
    service: ClockService, memory_keyring: MemoryKeyring, fake_clock: FakeClock
) -> SyncService:
    return SyncService(
        service.store, service.settings, SecretStore(), now=fake_clock, zone_name=BERLIN
    )


def run(sync: SyncService) -> Any:
    return asyncio.run(sync.sync_now(asked=True))


def work_day(service: ClockService, day: str, note: str = "") -> WorkSession:
    service.clock_in(at=berlin(f"{day} 08:00"), note=note)
    service.start_break(at=berlin(f"{day} 12:00"))
    service.end_break(at=berlin(f"{day} 12:30"))
    return service.clock_out(at=berlin(f"{day} 16:30"))


@dataclass
class Account:
    """One place uploads can go, and how ``backend set`` would point there."""

    server: FakeServer
    configure: Callable[[], None]
    #: The entries filed there for this account, as the server holds them.
    entries: Callable[[], list[dict[str, Any]]]


def timetrack_account(sync: SyncService, server: FakeTimeTrack, username: str) -> Account:
    return Account(
        server,
        lambda: config.configure_timetrack(
            sync.settings, sync.secrets, server.url, username, server.api_key, server.api_secret
        ),
        lambda: server.live(username),
    )


def papershift_account(sync: SyncService, server: FakePapershift, user_id: int) -> Account:
    ids = {
        "location_id": "8006",
        "location_external_id": None,
        "working_area_id": None,
        "working_area_external_id": "Area-Alpha",
        "user_id": str(user_id),
        "user_external_id": None,
    }
    return Account(
        server,
        lambda: config.configure_papershift(
            sync.settings, sync.secrets, server.url, server.api_token, ids
        ),
        lambda: [s for s in server.sessions.values() if s["employee_id"] == user_id],
    )


@pytest.fixture(params=["timetrack-other-server", "timetrack-other-user", "papershift-other-user"])
def switch(request: pytest.FixtureRequest, sync: SyncService) -> Iterator[tuple[Account, Account]]:
    """Two destinations of one vendor: another server, or another user on the same server."""
    if request.param == "timetrack-other-server":
        with FakeTimeTrack() as a, FakeTimeTrack() as b:
            # The new account has records of its own, with the ids the old one gave ours.
            for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
                b.add("anna", berlin(f"{day} 07:00"), berlin(f"{day} 15:00"), 30, "door terminal")
            yield timetrack_account(sync, a, "anna"), timetrack_account(sync, b, "anna")
    elif request.param == "timetrack-other-user":
        with FakeTimeTrack() as server:
            yield timetrack_account(sync, server, "anna"), timetrack_account(sync, server, "bert")
    else:
        with FakePapershift() as server:
            yield papershift_account(sync, server, 1), papershift_account(sync, server, 2)


def test_an_account_switch_never_sends_the_old_accounts_ids(
    service: ClockService, sync: SyncService, fake_clock: FakeClock, switch: tuple[Account, Account]
) -> None:
    old, new = switch
    fake_clock.set_local("2026-11-27 18:00")
    old.configure()
    kept, edited, deleted = (
        work_day(service, d) for d in ("2026-11-23", "2026-11-24", "2026-11-25")
    )
    assert run(sync).all_done and len(old.entries()) == 3
    before = {id(e): dict(e) for e in old.entries()}
    unrelated = [dict(e) for e in new.entries()]

    new.configure()
    sync.credentials_changed()
    service.edit(str(edited.id), note="after the switch")
    service.delete(str(deleted.id))
    preview = sync.preview()
    assert preview is not None and preview.sessions == 2  # the kept and the edited one

    with new.server.recording() as seen:
        result = run(sync)
    assert result.all_done and result.uploaded == 2
    # Nothing but creates (and reads) reached the new destination: no old id was used there.
    assert {r.method for r in seen} <= {"POST", "GET"}
    assert len(new.entries()) == len(unrelated) + 2
    assert [dict(e) for e in new.entries()][: len(unrelated)] == unrelated  # untouched
    # The old account kept exactly what it had.
    assert {id(e): dict(e) for e in old.entries()} == before

    statuses = sync.session_statuses() or {}
    assert statuses[kept.id].status is UploadStatus.UPLOADED
    assert statuses[edited.id].status is UploadStatus.UPLOADED
    assert deleted.id not in statuses
    # Where each went stays on record.
    assert len(sync.filed_at(kept.id)) == 2 and len(sync.filed_at(deleted.id)) == 1


def test_a_new_destination_is_filled_back_as_far_as_the_setting_says(
    service: ClockService, sync: SyncService, fake_clock: FakeClock, timetrack: FakeTimeTrack
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    for day in ("2026-08-31", "2026-09-14", "2026-10-01", "2026-11-23"):
        work_day(service, day)
    fake_clock.set_local("2026-11-27 18:00")
    timetrack_account(sync, timetrack, "anna").configure()
    preview = sync.preview()  # default: the current and the previous month
    assert preview is not None and preview.sessions == 2
    assert preview.since == berlin("2026-10-01 08:00")
    assert run(sync).all_done and len(timetrack.live("anna")) == 2

    # Another account, two months back (a policy can set this for the fleet).
    sync.settings.set("fill_new_destination_months", 2)
    timetrack_account(sync, timetrack, "bert").configure()
    preview = sync.preview()
    assert preview is not None and preview.sessions == 3
    assert run(sync).all_done and len(timetrack.live("bert")) == 3


def test_the_cli_says_what_a_new_destination_will_receive(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clockapp.cli import main
    from tests.test_cli import ago
    from tests.test_cli import run as cli
    from tests.test_cli_backend import set_timetrack

    for hours in (30, 26):
        assert main(["in", "--at", ago(hours=hours)]) == 0
        assert main(["out", "--at", ago(hours=hours - 2)]) == 0
    capsys.readouterr()
    code, out, _ = set_timetrack(capsys, monkeypatch, timetrack)
    assert code == 0
    assert (
        "2 session(s) since" in out
        and f"will be uploaded to TimeTrack at {timetrack.url} as anna" in out
    )
    code, out, _ = cli(capsys, "backend", "show")
    assert f"destination: TimeTrack at {timetrack.url} as anna" in out
    code, out, _ = cli(capsys, "sync")
    assert code == 0
    code, out, _ = cli(capsys, "backend", "show")
    assert "Nothing is waiting to be uploaded" in out


def made_after(version: int) -> list[tuple[str, str]]:
    """(kind, name) of what the migrations after ``version`` create: triggers first."""

    def names(count: int) -> set[tuple[str, str]]:
        conn = sqlite3.connect(":memory:")
        for script in MIGRATIONS[:count]:
            conn.executescript(script)
        found = set(
            conn.execute(
                "SELECT upper(type), name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        )
        conn.close()
        return found

    order = {"TRIGGER": 0, "INDEX": 1, "TABLE": 2}
    return sorted(names(len(MIGRATIONS)) - names(version), key=lambda k: order.get(k[0], 3))


def test_uploads_from_before_destinations_belong_to_the_account_configured_then(
    tmp_path: Path, memory_keyring: MemoryKeyring, fake_clock: FakeClock, timetrack: FakeTimeTrack
) -> None:
    """A database written by the previous version (schema 3, keyed by vendor name)."""
    fake_clock.set_local("2026-11-27 18:00")
    path = tmp_path / "clockapp.db"
    store = Store.open(path)
    settings = Settings.load(tmp_path / "settings.json")
    service = ClockService(store, settings, BERLIN, now=fake_clock)
    session = work_day(service, "2026-11-23")
    store.close()
    remote_id = timetrack.add("anna", session.start, session.end or session.start, 30)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE uploads")
    conn.execute("DROP TABLE destination_pauses")
    conn.execute("DROP TABLE destinations")
    conn.execute("DROP TABLE unsure_creates")
    # Nor did anything later migrations made (tables, their indexes, triggers).
    for kind, name in made_after(4):
        conn.execute(f"DROP {kind} IF EXISTS {name}")
    conn.execute("ALTER TABLE sessions DROP COLUMN by_hand")  # migration 7 adds it
    conn.executescript(MIGRATIONS[1])
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO uploads (session_id, backend, done_outbox_id, remote_id, updated_at)"
        " VALUES (?, 'timetrack', (SELECT max(id) FROM outbox), ?, 'x')",
        (str(session.id), str(remote_id)),
    )
    conn.close()

    store = Store.open(path)  # migrates to destinations
    service = ClockService(store, settings, BERLIN, now=fake_clock)
    sync = SyncService(store, settings, SecretStore(), now=fake_clock, zone_name=BERLIN)
    timetrack_account(sync, timetrack, "anna").configure()
    info = (sync.session_statuses() or {})[session.id]
    assert info.status is UploadStatus.UPLOADED and info.remote_id == str(remote_id)
    service.edit(str(session.id), note="corrected")
    with timetrack.recording() as seen:
        assert run(sync).all_done
    assert [r.method for r in seen] == ["PUT"] and len(timetrack.live()) == 1
    store.close()


def test_papershift_never_adopts_another_users_entry_that_has_our_session_id(
    service: ClockService, sync: SyncService, fake_clock: FakeClock, papershift: FakePapershift
) -> None:
    """External ids are unique in a whole Papershift account, and earlier versions sent the bare
    UUID: after a switch of user, an ambiguous create is looked up, finds the old user's entry
    under that id, and must not take it over (nor update it)."""
    from clockapp.sync.papershift import PapershiftBackend

    fake_clock.set_local("2026-11-27 18:00")
    session = work_day(service, "2026-11-23")
    assert session.end is not None
    papershift.add(session.start, session.end, 30, user_id=1, external_id=str(session.id))
    before = [dict(s) for s in papershift.sessions.values()]
    papershift_account(sync, papershift, 2).configure()
    backend = PapershiftBackend(
        papershift.url,
        papershift.api_token,
        location_id="8006",
        working_area_external_id="Area-Alpha",
        user_id="2",
    )

    async def look() -> Any:
        try:
            return await backend.find(session)
        finally:
            await backend.aclose()

    assert asyncio.run(look()) is None
    assert run(sync).all_done  # filed for user 2 under its own id
    assert [dict(s) for s in papershift.sessions.values()][:1] == before
    assert {s["employee_id"] for s in papershift.sessions.values()} == {1, 2}


def test_a_pause_belongs_to_the_account_whose_credentials_were_rejected(
    service: ClockService, sync: SyncService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-27 18:00")
    work_day(service, "2026-11-23")
    with FakeTimeTrack() as old, FakeTimeTrack() as new:
        old.api_key = "revoked"
        account = timetrack_account(sync, old, "anna")
        config.configure_timetrack(
            sync.settings, sync.secrets, old.url, "anna", "tt-key-0123", old.api_secret
        )
        assert run(sync).paused is not None
        timetrack_account(sync, new, "anna").configure()
        assert sync.paused() is None
        assert run(sync).all_done and len(new.live()) == 1
        sync.settings.set("timetrack_url", old.url)  # back by hand: paused until keys change
        assert sync.paused() is not None
        account.configure()
        sync.credentials_changed()
        assert sync.paused() is None
