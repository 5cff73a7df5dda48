"""Opening the store whatever the folder holds: a race for a new file, another app's database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clockapp.storage import Store
from clockapp.storage.schema import LATEST

# Each line on stdin names a fresh folder: open the store there (creating and migrating it),
# write one finished session, close, and answer "ok" or the error.
OPENER = textwrap.dedent(
    """
    import sys, traceback, uuid
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from clockapp.domain.session import WorkSession
    from clockapp.storage import Change, Store

    worker = int(sys.argv[1])
    for line in sys.stdin:
        start = datetime(2026, 11, 23, 7, tzinfo=UTC) + timedelta(hours=2 * worker)
        session = WorkSession(id=uuid.uuid4(), start=start, end=start + timedelta(hours=1),
                              zone="Europe/Berlin")
        try:
            store = Store.open(Path(line.strip()) / "clockapp.db")
            with store.write():
                store.save_session(session, Change.FINISHED)
            store.close()
            print("ok", flush=True)
        except Exception:
            print(repr(traceback.format_exc()), flush=True)
    """
)


@pytest.mark.slow
def test_four_processes_creating_the_same_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    failures: list[str] = []
    try:
        for round_ in range(100):
            folder = tmp_path / str(round_)
            for w in workers:  # all four are waiting on their pipe: they start together
                assert w.stdin is not None
                w.stdin.write(f"{folder}\n")
                w.stdin.flush()
            for w in workers:
                assert w.stdout is not None
                answer = w.stdout.readline().strip()
                if answer != "ok":
                    failures.append(answer)
            conn = sqlite3.connect(folder / "clockapp.db")
            assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 4 or failures
            conn.close()
    finally:
        for w in workers:
            assert w.stdin is not None
            w.stdin.close()
            w.wait()
            assert w.stdout is not None
            w.stdout.close()
    assert failures == []


def test_another_programs_database_is_set_aside_and_never_written_into(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Anna', '123')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = Store.open(path)
    assert store.notice is not None and "is not a ClockApp time record" in str(store.notice)
    [kept] = [p for p in tmp_path.iterdir() if "damaged" in p.name and p.suffix == ".db"]
    assert kept.read_bytes() == before and str(kept) in str(store.notice)
    assert store.running_session() is None  # a working, empty store
    store.close()


@pytest.mark.parametrize("version", [1, LATEST])
def test_a_store_with_tables_missing_is_set_aside_with_a_clear_notice(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "clockapp.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    store = Store.open(path)
    assert store.notice is not None and "is not a ClockApp time record" in str(store.notice)
    assert store.running_session() is None and store.outbox() == []
    store.close()
    assert Store.open(path).notice is None  # the new one is quietly ours
