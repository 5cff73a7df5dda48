"""SQLite store for sessions, breaks, locked days and the upload outbox.

Durability: WAL with ``synchronous=FULL`` fsyncs every commit, and every write runs in an
explicit ``BEGIN IMMEDIATE`` transaction, so a clock event is on disk before anyone is told it
happened, and two writers (tray and CLI) queue instead of interleaving.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from clockapp.domain.session import MAX_SESSION, BreakSegment, WorkSession
from clockapp.storage.schema import LATEST, MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """The environment failed (disk full, file unreadable, database newer than this app).

    The message is a sentence for the user; nothing was changed.
    """


class Change(enum.Enum):
    """What happened to a session, as recorded in the outbox."""

    FINISHED = "finished"
    EDITED = "edited"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    session_id: uuid.UUID
    change: Change
    session: WorkSession | None  # None for a deletion
    created_at: datetime


def to_text(instant: datetime) -> str:
    """UTC instant as fixed-width ISO 8601 text (sortable as text)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def session_to_json(session: WorkSession) -> str:
    return json.dumps(
        {
            "id": str(session.id),
            "start": to_text(session.start),
            "end": to_text(session.end) if session.end else None,
            "zone": session.zone,
            "note": session.note,
            "flagged": session.flagged,
            "breaks": [
                [to_text(b.start), to_text(b.end) if b.end else None] for b in session.breaks
            ],
        },
        separators=(",", ":"),
    )


def session_from_json(text: str) -> WorkSession:
    d = json.loads(text)
    return WorkSession(
        id=uuid.UUID(d["id"]),
        start=from_text(d["start"]),
        end=from_text(d["end"]) if d["end"] else None,
        zone=d["zone"],
        note=d["note"],
        flagged=bool(d["flagged"]),
        breaks=tuple(
            BreakSegment(from_text(s), from_text(e) if e else None) for s, e in d["breaks"]
        ),
    )


def _friendly(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text:
        return "The disk is full or failing; nothing was recorded. Free some space and try again."
    if "locked" in text or "busy" in text:
        return "Your time records are busy in another ClockApp window; nothing was recorded."
    if "readonly" in text or "read-only" in text:
        return f"Your time records at {path} are read-only; nothing was recorded."
    return f"Your time records at {path} could not be written ({exc}); nothing was recorded."


class Store:
    """The durable store. Open with :meth:`open`; write inside :meth:`write`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notice: str | None = None) -> None:
        self._conn = conn
        self.path = path
        #: Something the user must be told once (e.g. a damaged file was set aside).
        self.notice = notice
        self._in_write = False

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (or create) the store at ``path``.

        A damaged file is moved aside, never overwritten, and a fresh store is started; the
        reason is left in :attr:`notice`. A file that can't be opened at all is a StorageError.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"ClockApp can't create its data folder {path.parent}: {exc.strerror}."
            ) from exc
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise StorageError(
                    f"ClockApp can't open its time records at {path}: {exc}."
                ) from exc
            kept = _set_aside(path)
            log.error("damaged database set aside as %s: %s", kept, exc)
            notice = (
                f"Your time records could not be read ({exc}). The damaged file was kept as "
                f"{kept}; ClockApp started a new, empty record. Your IT support can try to "
                "recover the old one."
            )
            try:
                return cls(_connect(path), path, notice)
            except sqlite3.Error as again:
                raise StorageError(
                    f"ClockApp can't start a new record at {path}: {again}."
                ) from again

    def close(self) -> None:
        self._conn.close()

    def data_version(self) -> int:
        """A number that changes when another connection (the CLI, a second window) commits.

        Cheap enough to poll every second: it reads no pages.
        """
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One atomic, durable write: BEGIN IMMEDIATE … COMMIT (rolled back on any error).

        Reads done inside see the state they will write over: validation belongs in here.
        """
        if self._in_write:
            raise RuntimeError("nested write transaction")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(_friendly(exc, self.path)) from exc
        self._in_write = True
        try:
            yield self
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise StorageError(_friendly(exc, self.path)) from exc
            raise
        finally:
            self._in_write = False

    def _require_write(self) -> None:
        if not self._in_write:
            raise RuntimeError("writes must happen inside Store.write()")

    # -- sessions ------------------------------------------------------------------------------

    def running_session(self) -> WorkSession | None:
        row = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged FROM sessions WHERE end_utc IS NULL"
        ).fetchone()
        return self._load([row])[0] if row else None

    def session(self, session_id: uuid.UUID) -> WorkSession | None:
        row = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged FROM sessions WHERE id = ?",
            (str(session_id),),
        ).fetchone()
        return self._load([row])[0] if row else None

    def sessions_with_prefix(self, prefix: str) -> list[WorkSession]:
        """Sessions whose id starts with ``prefix`` (like a short git hash)."""
        escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged FROM sessions "
            "WHERE id LIKE ? ESCAPE '\\' LIMIT 10",
            (escaped + "%",),
        ).fetchall()
        return self._load(rows)

    def sessions_between(self, start: datetime, end: datetime) -> list[WorkSession]:
        """Sessions overlapping ``[start, end)`` (UTC), the running one included, by start."""
        # Finished sessions are at most 24 h long, so the start index bounds the scan.
        rows = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged FROM sessions "
            "WHERE start_utc >= ? AND start_utc < ? AND (end_utc IS NULL OR end_utc > ?) "
            "UNION SELECT id, start_utc, end_utc, zone, note, flagged FROM sessions "
            "WHERE end_utc IS NULL AND start_utc < ? ORDER BY start_utc",
            (to_text(start - MAX_SESSION), to_text(end), to_text(start), to_text(end)),
        ).fetchall()
        return self._load(rows)

    def _load(self, rows: list[tuple[str, str, str | None, str, str, int]]) -> list[WorkSession]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        breaks: dict[str, list[BreakSegment]] = {i: [] for i in ids}
        for sid, bstart, bend in self._conn.execute(
            "SELECT session_id, start_utc, end_utc FROM breaks "
            "WHERE session_id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ):
            breaks[sid].append(BreakSegment(from_text(bstart), from_text(bend) if bend else None))
        return [
            WorkSession(
                id=uuid.UUID(sid),
                start=from_text(start),
                end=from_text(end) if end else None,
                zone=zone,
                note=note,
                flagged=bool(flagged),
                breaks=tuple(breaks[sid]),
            )
            for sid, start, end, zone, note, flagged in rows
        ]

    def save_session(self, session: WorkSession, change: Change | None = None) -> None:
        """Insert or replace ``session`` with its breaks; record ``change`` in the outbox."""
        self._require_write()
        now = to_text(datetime.now(UTC))
        self._conn.execute(
            "INSERT INTO sessions (id, start_utc, end_utc, zone, note, flagged, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "start_utc=excluded.start_utc, end_utc=excluded.end_utc, zone=excluded.zone, "
            "note=excluded.note, flagged=excluded.flagged, updated_at=excluded.updated_at",
            (
                str(session.id),
                to_text(session.start),
                to_text(session.end) if session.end else None,
                session.zone,
                session.note,
                int(session.flagged),
                now,
            ),
        )
        self._conn.execute("DELETE FROM breaks WHERE session_id = ?", (str(session.id),))
        self._conn.executemany(
            "INSERT INTO breaks (session_id, start_utc, end_utc) VALUES (?, ?, ?)",
            [
                (str(session.id), to_text(b.start), to_text(b.end) if b.end else None)
                for b in session.breaks
            ],
        )
        if change is not None:
            self._record(session.id, change, session_to_json(session), now)

    def delete_session(self, session: WorkSession) -> None:
        """Remove ``session``; a finished one leaves a deletion in the outbox."""
        self._require_write()
        self._conn.execute("DELETE FROM sessions WHERE id = ?", (str(session.id),))
        if session.end is not None:
            self._record(session.id, Change.DELETED, None, to_text(datetime.now(UTC)))

    def _record(
        self, session_id: uuid.UUID, change: Change, snapshot: str | None, now: str
    ) -> None:
        self._conn.execute(
            "INSERT INTO outbox (session_id, change, session_json, created_at) VALUES (?, ?, ?, ?)",
            (str(session_id), change.value, snapshot, now),
        )

    def outbox(self) -> list[OutboxEntry]:
        """Every outbox entry, oldest first."""
        return [
            OutboxEntry(
                id=oid,
                session_id=uuid.UUID(sid),
                change=Change(change),
                session=session_from_json(snapshot) if snapshot else None,
                created_at=from_text(created),
            )
            for oid, sid, change, snapshot, created in self._conn.execute(
                "SELECT id, session_id, change, session_json, created_at FROM outbox ORDER BY id"
            )
        ]

    # -- locked days -----------------------------------------------------------------------------

    def locked_days(self, first: date, last: date) -> set[date]:
        """Locked dates from ``first`` to ``last`` inclusive."""
        return {
            date.fromisoformat(d)
            for (d,) in self._conn.execute(
                "SELECT day FROM locked_days WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            )
        }

    def set_locked(self, day: date, locked: bool) -> None:
        self._require_write()
        if locked:
            self._conn.execute(
                "INSERT OR IGNORE INTO locked_days (day) VALUES (?)", (day.isoformat(),)
            )
        else:
            self._conn.execute("DELETE FROM locked_days WHERE day = ?", (day.isoformat(),))


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        # Before anything writes to the file (journal mode does): a newer app's file stays as it is.
        if conn.execute("PRAGMA user_version").fetchone()[0] > LATEST:
            raise StorageError(
                f"Your time records at {path} were written by a newer ClockApp; "
                "please update ClockApp to open them."
            )
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            log.warning("journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous = FULL")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")
        _migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == LATEST:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT on its own; split instead so a migration is all-or-nothing.
    parts: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            parts.append(current.strip())
            current = ""
    return [p for p in parts if p]


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _set_aside(path: Path) -> Path:
    """Rename the damaged file (and its WAL/SHM) to a name that is never reused."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while kept.exists():
        kept = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(kept) + suffix))
    return kept
