"""Which sessions a manager has confirmed, per destination: what the week marks and what an
edit asks about first, offline too. Only a listing that names a session changes what is known
of it; sessions a listing didn't cover keep their last known state."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from datetime import datetime

from clockapp.storage.store import Store, to_text


class ConfirmationStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn = store._conn  # same package: confirmations are part of the store

    def record(self, destination: str, seen: Mapping[uuid.UUID, bool], seen_at: datetime) -> None:
        """What a listing said of these local sessions: confirmed or not (inside
        ``Store.write``)."""
        self.store._require_write()
        for session_id, confirmed in seen.items():
            if confirmed:
                self._conn.execute(
                    "INSERT OR REPLACE INTO confirmed_sessions (destination, session_id, seen_at)"
                    " VALUES (?, ?, ?)",
                    (destination, str(session_id), to_text(seen_at)),
                )
            else:
                self._conn.execute(
                    "DELETE FROM confirmed_sessions WHERE destination = ? AND session_id = ?",
                    (destination, str(session_id)),
                )

    def confirmed_between(self, destination: str, start: datetime, end: datetime) -> set[uuid.UUID]:
        """The confirmed sessions of ``destination`` overlapping ``[start, end)`` (UTC)."""
        return {
            uuid.UUID(sid)
            for (sid,) in self._conn.execute(
                "SELECT c.session_id FROM confirmed_sessions c"
                " JOIN sessions s ON s.id = c.session_id"
                " WHERE c.destination = ? AND s.start_utc < ?"
                " AND (s.end_utc IS NULL OR s.end_utc > ?)",
                (destination, to_text(end), to_text(start)),
            )
        }

    def confirmed_among(
        self, destination: str, session_ids: Collection[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Those of ``session_ids`` known as confirmed at ``destination``."""
        wanted = {str(sid) for sid in session_ids}
        return {
            uuid.UUID(sid)
            for (sid,) in self._conn.execute(
                "SELECT session_id FROM confirmed_sessions WHERE destination = ?", (destination,)
            )
            if sid in wanted
        }
