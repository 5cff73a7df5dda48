"""The planned shifts last pulled, per destination: what the week and ``clockapp shifts`` show
offline. A pull replaces every stored shift of its range, so a shift cancelled on the server
goes away here too; shifts of other ranges and other destinations stay as they were."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from clockapp.domain.shifts import Shift
from clockapp.storage.store import Store, from_text, to_text


class ShiftStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn = store._conn  # same package: the shifts are part of the store

    def replace(
        self,
        destination: str,
        start: datetime,
        end: datetime,
        shifts: Iterable[Shift],
        pulled_at: datetime,
    ) -> None:
        """The shifts overlapping ``[start, end)`` are now ``shifts`` (inside ``Store.write``)."""
        self.store._require_write()
        self._conn.execute(
            "DELETE FROM shifts WHERE destination = ? AND start_utc < ? AND end_utc > ?",
            (destination, to_text(end), to_text(start)),
        )
        self._conn.executemany(
            "INSERT OR REPLACE INTO shifts (destination, id, start_utc, end_utc, "
            "working_area_id, note, own, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    destination,
                    s.id,
                    to_text(s.start),
                    to_text(s.end),
                    s.working_area_id,
                    s.note,
                    int(s.own),
                    to_text(pulled_at),
                )
                for s in shifts
            ],
        )

    def between(self, destination: str, start: datetime, end: datetime) -> list[Shift]:
        """Stored shifts of ``destination`` overlapping ``[start, end)``, by start."""
        rows = self._conn.execute(
            "SELECT id, start_utc, end_utc, working_area_id, note, own FROM shifts "
            "WHERE destination = ? AND start_utc < ? AND end_utc > ? ORDER BY start_utc, id",
            (destination, to_text(end), to_text(start)),
        ).fetchall()
        return [
            Shift(sid, from_text(s), from_text(e), area, note, bool(own))
            for sid, s, e, area, note, own in rows
        ]

    def pulled_at(self, destination: str) -> datetime | None:
        """When shifts of ``destination`` were last pulled (None: never, or none were planned)."""
        row = self._conn.execute(
            "SELECT max(pulled_at) FROM shifts WHERE destination = ?", (destination,)
        ).fetchone()
        return from_text(row[0]) if row and row[0] else None
