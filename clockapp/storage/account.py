"""The time account in the store: absences and changes to the balance made by hand.

Reads run anywhere; writes only inside ``Store.write()`` (the caller validates in the same
transaction, so two front ends can't both add overlapping absences).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clockapp.domain.targets import Absence
from clockapp.storage.store import Store, from_text, to_text


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Minutes added to the balance on a local day by hand (negative: taken off), and why."""

    id: int
    day: date
    minutes: int
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "on": self.day.isoformat(),
            "minutes": self.minutes,
            "reason": self.reason,
        }


class AccountRecord:
    """Reads and writes the ``absences`` and ``balance_adjustments`` tables of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store._conn  # same package: the record is part of the store

    def absences(self, first: date | None = None, last: date | None = None) -> list[Absence]:
        """Absences touching ``first``..``last`` (inclusive; open ends: all), by start."""
        rows = self._conn.execute(
            "SELECT id, kind, first, last, half, note FROM absences "
            "WHERE last >= ? AND first <= ? ORDER BY first, id",
            ((first or date.min).isoformat(), (last or date.max).isoformat()),
        )
        return [
            Absence(i, kind, date.fromisoformat(a), date.fromisoformat(b), bool(half), note)
            for i, kind, a, b, half, note in rows
        ]

    def absence(self, absence_id: int) -> Absence | None:
        found = [a for a in self.absences() if a.id == absence_id]
        return found[0] if found else None

    def add_absence(self, absence: Absence, now: datetime) -> Absence:
        """Store ``absence`` (its ``id`` is ignored) and return it with the id it got."""
        self._store._require_write()
        cursor = self._conn.execute(
            "INSERT INTO absences (kind, first, last, half, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                absence.kind,
                absence.first.isoformat(),
                absence.last.isoformat(),
                int(absence.half),
                absence.note,
                to_text(now),
            ),
        )
        assert cursor.lastrowid is not None
        return Absence(
            cursor.lastrowid, absence.kind, absence.first, absence.last, absence.half, absence.note
        )

    def delete_absence(self, absence_id: int) -> None:
        self._store._require_write()
        self._conn.execute("DELETE FROM absences WHERE id = ?", (absence_id,))

    def adjustments(self, first: date | None = None, last: date | None = None) -> list[Adjustment]:
        """Changes made by hand on ``first``..``last`` (inclusive; open ends: all), by day."""
        rows = self._conn.execute(
            "SELECT id, day, minutes, reason FROM balance_adjustments "
            "WHERE day BETWEEN ? AND ? ORDER BY day, id",
            ((first or date.min).isoformat(), (last or date.max).isoformat()),
        )
        return [Adjustment(i, date.fromisoformat(d), m, r) for i, d, m, r in rows]

    def cached_day_times(
        self, zone: str, first: date, last: date
    ) -> dict[date, tuple[float, float]]:
        """Worked and break seconds of the cached local days ``first``..``last`` in ``zone``."""
        rows = self._conn.execute(
            "SELECT day, worked_s, break_s FROM day_time_cache "
            "WHERE zone = ? AND day BETWEEN ? AND ?",
            (zone, first.isoformat(), last.isoformat()),
        )
        return {date.fromisoformat(d): (w, b) for d, w, b in rows}

    def cached_worked_seconds(self, zone: str, first: date, last: date) -> list[float]:
        """Worked seconds of each cached local day ``first``..``last`` in ``zone``, in one query
        (no dates made: the balance only sums them; fewer than the days means some are not
        cached)."""
        rows = self._conn.execute(
            "SELECT worked_s FROM day_time_cache WHERE zone = ? AND day BETWEEN ? AND ?",
            (zone, first.isoformat(), last.isoformat()),
        )
        return [w for (w,) in rows]

    def cache_day_times(self, zone: str, times: dict[date, tuple[float, float]]) -> None:
        """Keep finished days' times (only days that are over: the caller's promise)."""
        self._store._require_write()
        self._conn.executemany(
            "INSERT OR REPLACE INTO day_time_cache (zone, day, worked_s, break_s) "
            "VALUES (?, ?, ?, ?)",
            [(zone, d.isoformat(), w, b) for d, (w, b) in times.items()],
        )

    def first_session_start(self) -> datetime | None:
        """When the first recorded session started (UTC), None before any."""
        (start,) = self._conn.execute("SELECT MIN(start_utc) FROM sessions").fetchone()
        return from_text(start) if start else None

    def add_adjustment(self, day: date, minutes: int, reason: str, now: datetime) -> Adjustment:
        self._store._require_write()
        cursor = self._conn.execute(
            "INSERT INTO balance_adjustments (day, minutes, reason, created_at) "
            "VALUES (?, ?, ?, ?)",
            (day.isoformat(), minutes, reason, to_text(now)),
        )
        assert cursor.lastrowid is not None
        return Adjustment(cursor.lastrowid, day, minutes, reason)
