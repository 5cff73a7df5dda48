from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.storage import Change, StorageError, Store
from clockapp.storage.schema import LATEST

T0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def session(start: datetime = T0, hours: float | None = 8, **kw: object) -> WorkSession:
    end = start + timedelta(hours=hours) if hours is not None else None
    return WorkSession(id=uuid.uuid4(), start=start, end=end, zone="Europe/Berlin", **kw)  # type: ignore[arg-type]


def test_store_is_durable_by_configuration(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.close()
    # synchronous is per connection: check the store's own.
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_write_that_need_not_be_fsynced_leaves_every_other_write_durable(store: Store) -> None:
    synchronous = "PRAGMA synchronous"
    with store.write(durable=False):
        assert store._conn.execute(synchronous).fetchone()[0] == 1  # NORMAL: no fsync
        store.save_session(session())
    assert store._conn.execute(synchronous).fetchone()[0] == 2  # FULL again
    with pytest.raises(RuntimeError), store.write(durable=False):
        raise RuntimeError("a failed write")
    assert store._conn.execute(synchronous).fetchone()[0] == 2
    assert len(store.sessions_between(T0 - timedelta(days=1), T0 + timedelta(days=1))) == 1


def test_a_session_with_breaks_round_trips(store: Store) -> None:
    s = session(
        breaks=(BreakSegment(T0 + timedelta(hours=4), T0 + timedelta(hours=4, minutes=30)),),
        note="Inventur ✓",
    )
    with store.write():
        store.save_session(s)
    assert store.session(s.id) == s
    again = Store.open(store.path)
    assert again.session(s.id) == s
    again.close()


def test_only_one_session_can_run_even_if_a_writer_skips_the_domain(store: Store) -> None:
    with store.write():
        store.save_session(session(hours=None))
    with pytest.raises(sqlite3.IntegrityError), store.write():
        store.save_session(session(T0 - timedelta(days=1), hours=None))
    assert len(store.sessions_between(T0 - timedelta(days=2), T0 + timedelta(days=1))) == 1


def test_a_failed_write_leaves_neither_the_session_nor_its_outbox_entry(store: Store) -> None:
    s = session()
    with pytest.raises(RuntimeError), store.write():
        store.save_session(s, Change.FINISHED)
        raise RuntimeError("crash between the two writes")
    assert store.session(s.id) is None
    assert store.outbox() == []


def test_outbox_records_finished_edited_and_deleted_sessions_with_snapshots(store: Store) -> None:
    s = session()
    with store.write():
        store.save_session(s, Change.FINISHED)
    edited = s.with_changes(note="corrected")
    with store.write():
        store.save_session(edited, Change.EDITED)
    with store.write():
        store.delete_session(edited)
    entries = store.outbox()
    assert [e.change for e in entries] == [Change.FINISHED, Change.EDITED, Change.DELETED]
    assert entries[0].session == s
    assert entries[1].session == edited
    assert entries[2].session is None and entries[2].session_id == s.id
    assert store.session(s.id) is None


def test_deleting_a_running_session_sends_nothing(store: Store) -> None:
    s = session(hours=None)
    with store.write():
        store.save_session(s)
        store.delete_session(s)
    assert store.outbox() == []


def test_sessions_between_finds_overlaps_and_the_running_session(store: Store) -> None:
    day_before = session(T0 - timedelta(days=1))
    night = session(T0 - timedelta(hours=10), hours=9)  # ends 06:00 UTC, inside the range
    running = session(T0 - timedelta(days=3), hours=None)  # forgotten for days
    later = session(T0 + timedelta(days=2))
    with store.write():
        for s in (day_before, night, running, later):
            store.save_session(s)
    found = store.sessions_between(T0 - timedelta(hours=2), T0 + timedelta(days=1))
    assert [s.id for s in found] == [running.id, night.id]


def test_sessions_are_found_by_id_prefix(store: Store) -> None:
    s = session()
    with store.write():
        store.save_session(s)
    assert store.sessions_with_prefix(str(s.id)[:6]) == [s]
    assert store.sessions_with_prefix("%") == []


def test_writes_outside_a_transaction_are_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        store.save_session(session())


def test_a_damaged_file_is_kept_aside_and_a_new_store_starts(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    garbage = b"this is not a database, but somebody's hours may be in it" * 100
    path.write_bytes(garbage)
    store = Store.open(path)
    assert store.notice is not None and "could not be read" in str(store.notice)
    kept = [p for p in tmp_path.iterdir() if "damaged" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    assert str(kept[0]) in str(store.notice)
    with store.write():
        store.save_session(session())
    store.close()
    # The next start opens the new file quietly and never touches the kept one.
    again = Store.open(path)
    assert again.notice is None
    again.close()
    assert kept[0].read_bytes() == garbage


def test_a_database_from_a_newer_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer ClockApp"):
        Store.open(path)
    assert path.read_bytes() == before


def test_an_unopenable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="can't create its data folder"):
        Store.open(blocker / "clockapp.db")


def test_a_full_disk_is_a_clear_error_and_changes_nothing(store: Store) -> None:
    first = session()
    with store.write():
        store.save_session(first)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    # max_page_count makes SQLite answer exactly as it does on a full disk (SQLITE_FULL).
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    big = session(T0 + timedelta(days=1), note="x" * 100_000)
    with pytest.raises(StorageError, match=r"^The disk is full;"), store.write():
        store.save_session(big, Change.FINISHED)
    assert store.session(big.id) is None
    assert store.outbox() == []
    assert store.session(first.id) == first


def test_a_store_from_schema_zero_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    sqlite3.connect(path).close()  # an empty file at version 0
    store = Store.open(path)
    assert store._conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    store.close()


def test_locked_days_are_stored(store: Store) -> None:
    day = T0.date()
    with store.write():
        store.set_locked(day, True)
    assert store.locked_days(day - timedelta(days=3), day) == {day}
    with store.write():
        store.set_locked(day, False)
    assert store.locked_days(day, day) == set()


def test_data_version_tells_when_another_process_wrote(store: Store) -> None:
    before = store.data_version()
    other = Store.open(store.path)
    with other.write():
        other.save_session(session())
    other.close()
    assert store.data_version() != before
