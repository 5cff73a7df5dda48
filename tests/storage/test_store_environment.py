"""The store when the environment refuses writes: a full disk, a read-only folder or file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clockapp.domain.session import WorkSession
from clockapp.storage import Change, StorageError, Store
from tests.disk_conditions import fill, read_only_folder, small_disk

T0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def session(start: datetime = T0) -> WorkSession:
    return WorkSession(
        id=uuid.uuid4(), start=start, end=start + timedelta(hours=8), zone="Europe/Berlin"
    )


def test_sqlites_own_read_only_refusal_is_told_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    Store.open(path).close()
    # A connection SQLite opened read-only answers a write with SQLITE_READONLY, for real.
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    store = Store(conn, path)
    with pytest.raises(StorageError) as caught, store.write():
        store.save_session(session(), Change.FINISHED)
    assert str(caught.value).startswith(f"Your time records at {path} are read-only;")
    store.close()


def test_sqlites_own_full_disk_is_told_as_the_disk_is_full(store: Store) -> None:
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL, as on a full disk
    with pytest.raises(StorageError) as caught, store.write():
        store.save_session(session().with_changes(note="x" * 100_000))
    assert str(caught.value).startswith("The disk is full; nothing was recorded.")
    assert "I/O" not in str(caught.value)


def test_a_read_only_folder_opens_for_reading_and_every_write_says_why(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    kept = session()
    store = Store.open(path)
    with store.write():
        store.save_session(kept, Change.FINISHED)
    store.close()
    with read_only_folder(tmp_path):
        store = Store.open(path)
        assert store.session(kept.id) == kept and len(store.outbox()) == 1
        with pytest.raises(StorageError, match=r"^The data folder .* is read-only"), store.write():
            pass
        store.close()


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys, uuid
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from clockapp.domain.session import WorkSession
    from clockapp.storage import Change, Store
    store = Store.open(Path(sys.argv[1]))
    start = datetime(2026, 11, 24, 7, tzinfo=UTC)
    with store.write():
        store.save_session(WorkSession(id=uuid.UUID(sys.argv[2]), start=start,
                           end=start + timedelta(hours=1), zone="Europe/Berlin"), Change.FINISHED)
    os.kill(os.getpid(), signal.SIGKILL)  # its commit stays in the -wal file only
    """
)


@pytest.mark.slow
def test_a_read_only_folder_still_shows_commits_left_in_the_wal_by_a_crash(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clockapp.db"
    Store.open(path).close()
    sid = uuid.uuid4()
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), str(sid)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert os.path.getsize(f"{path}-wal") > 0
    with read_only_folder(tmp_path):
        store = Store.open(path)
        assert store.session(sid) is not None
        store.close()


def test_on_a_full_disk_the_store_opens_for_reading_and_writes_say_the_disk_is_full(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    kept = session()
    with small_disk(disk):
        store = Store.open(disk / "clockapp.db")
        with store.write():
            store.save_session(kept, Change.FINISHED)
        store.close()
        filler = fill(disk)
        store = Store.open(disk / "clockapp.db")
        assert store.session(kept.id) == kept
        with pytest.raises(StorageError, match=r"^The disk is full; nothing was"), store.write():
            pass
        store.close()
        filler.unlink()
        store = Store.open(disk / "clockapp.db")
        with store.write():
            store.save_session(session(T0 + timedelta(days=1)), Change.FINISHED)
        assert len(store.outbox()) == 2
        store.close()


def test_a_damaged_file_in_a_read_only_folder_is_a_clear_error_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    path.write_bytes(b"not a database" * 100)
    with read_only_folder(tmp_path), pytest.raises(StorageError, match="can't open"):
        Store.open(path)
    assert path.read_bytes() == b"not a database" * 100
