"""The activity heartbeat and the reminders already shown, in the store.

The heartbeat is one row: when the person was last seen, when the app last ran, and which
session was running. The presence service rewrites it at most once a minute and on quit, so a
session left running by a quit, a crash or a power cut can be asked about on the next start
(after a power cut, from a heartbeat up to ten minutes older: see ``services.presence``).
"""

from __future__ import annotations

import uuid
from datetime import date

from clockapp.domain.presence import Heartbeat
from clockapp.storage.store import Store, from_text, to_text


class ActivityLog:
    """Reads and writes the ``activity`` and ``reminders_shown`` tables of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store._conn  # same package: the log is part of the store

    def heartbeat(self) -> Heartbeat | None:
        """The stored heartbeat, None before the first one."""
        row = self._conn.execute(
            "SELECT last_activity_utc, seen_utc, session_id FROM activity WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        last, seen, session_id = row
        return Heartbeat(
            last_activity=from_text(last),
            seen_at=from_text(seen),
            session_id=uuid.UUID(session_id) if session_id else None,
        )

    def save_heartbeat(self, heartbeat: Heartbeat, *, durable: bool = True) -> None:
        """Replace the heartbeat (its own small transaction; ``durable``: fsynced too)."""
        with self._store.write(durable=durable):
            self._conn.execute(
                "INSERT INTO activity (id, last_activity_utc, seen_utc, session_id) "
                "VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "last_activity_utc=excluded.last_activity_utc, seen_utc=excluded.seen_utc, "
                "session_id=excluded.session_id",
                (
                    to_text(heartbeat.last_activity),
                    to_text(heartbeat.seen_at),
                    str(heartbeat.session_id) if heartbeat.session_id else None,
                ),
            )

    def reminders_shown(self, day: date) -> set[str]:
        """Kinds of reminder already shown on local ``day``."""
        return {
            kind
            for (kind,) in self._conn.execute(
                "SELECT kind FROM reminders_shown WHERE day = ?", (day.isoformat(),)
            )
        }

    def mark_reminder_shown(self, day: date, kind: str) -> None:
        """Remember that ``kind`` was shown on ``day``; days over a month old are forgotten."""
        with self._store.write():
            self._conn.execute(
                "INSERT OR IGNORE INTO reminders_shown (day, kind) VALUES (?, ?)",
                (day.isoformat(), kind),
            )
            self._conn.execute(
                "DELETE FROM reminders_shown WHERE day < date(?, '-31 days')", (day.isoformat(),)
            )
