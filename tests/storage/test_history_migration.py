"""The trail's migration (issue 12) on a record written by the previous version: every session
and every queued upload survives, none is marked as changed by hand, and the trail starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from clockapp.domain.history import Source
from clockapp.storage import Change, Store
from clockapp.storage.schema import MIGRATIONS
from clockapp.storage.store import _statements
from tests.conftest import berlin

BEFORE = MIGRATIONS.index(next(m for m in MIGRATIONS if "session_history" in m))


def test_a_record_from_before_the_trail_opens_with_everything_kept(tmp_path: Path) -> None:
    path = tmp_path / "clockapp.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:BEFORE]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {BEFORE}")
    sid = "0b7c6f1e-3c1d-4c7a-9a53-0d2f3e4a5b6c"
    conn.execute(
        "INSERT INTO sessions (id, start_utc, end_utc, zone, note, flagged, updated_at) "
        "VALUES (?, '2026-11-23T07:00:00.000000Z', '2026-11-23T15:00:00.000000Z', "
        "'Europe/Berlin', 'Support', 0, 'x')",
        (sid,),
    )
    # The outbox snapshot as the previous version wrote it: no by_hand field.
    snapshot = (
        f'{{"id":"{sid}","start":"2026-11-23T07:00:00.000000Z",'
        '"end":"2026-11-23T15:00:00.000000Z","zone":"Europe/Berlin","note":"Support",'
        '"flagged":false,"breaks":[]}'
    )
    conn.execute(
        "INSERT INTO outbox (session_id, change, session_json, created_at) "
        "VALUES (?, 'finished', ?, '2026-11-23T15:00:00.000000Z')",
        (sid, snapshot),
    )
    conn.close()

    store = Store.open(path)
    try:
        [session] = store.sessions_between(berlin("2026-11-23 00:00"), berlin("2026-11-24 00:00"))
        assert str(session.id) == sid and session.note == "Support" and not session.by_hand
        [entry] = store.outbox()
        assert entry.change is Change.FINISHED and entry.session == session
        assert store.history(session.id) == []  # the trail starts with the next change
        with store.write():
            store.save_session(
                session.with_changes(note="Meeting"), Change.EDITED, source=Source.HAND
            )
        [edited] = store.history(session.id)
        assert edited.changes == {"note": ["Support", "Meeting"]}
    finally:
        store.close()
