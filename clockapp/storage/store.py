"""SQLite store for sessions, breaks, locked days and the upload outbox.

Durability: WAL with ``synchronous=FULL`` fsyncs every commit, and every write runs in an
explicit ``BEGIN IMMEDIATE`` transaction, so a clock event is on disk before anyone is told it
happened, and two writers (tray and CLI) queue instead of interleaving.
"""

from __future__ import annotations

import enum
import errno
import functools
import json
import logging
import os
import random
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from clockapp.domain import history
from clockapp.domain.errors import UserError
from clockapp.domain.history import Action, HistoryEntry, Source
from clockapp.domain.session import MAX_SESSION, BreakSegment, WorkSession
from clockapp.storage.schema import LATEST, MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class StorageError(UserError):
    """The environment failed (disk full, folder read-only, file from a newer app…).

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
    # fromisoformat is ~40x faster than strptime (ten years of sessions load in the balance);
    # only the exact width to_text writes takes that path, anything else stays strict.
    if len(text) == 27 and text[10] == "T" and text.endswith("Z"):
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
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
            "by_hand": session.by_hand,
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
        by_hand=bool(d.get("by_hand", False)),  # absent in snapshots written before
        breaks=tuple(
            BreakSegment(from_text(s), from_text(e) if e else None) for s, e in d["breaks"]
        ),
    )


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for text starting with ``prefix``."""
    escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _code(exc: sqlite3.Error) -> str:
    """SQLite's extended result code name, e.g. ``SQLITE_READONLY_DIRECTORY``."""
    return str(getattr(exc, "sqlite_errorname", ""))


def _environment_problem(exc: sqlite3.Error, path: Path) -> StorageError | None:
    """What a full disk, a read-only folder or file, or a busy store says; None for the rest."""
    code = _code(exc)
    folder = path.parent
    io_error = code.startswith("SQLITE_IOERR")
    if code == "SQLITE_FULL" or (io_error and _nearly_full(folder)):
        # On a full disk SQLite often fails while growing its shared-memory file: an I/O error.
        return _disk_full(folder)
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        if not os.access(folder, os.W_OK):
            return StorageError(
                "The data folder {folder} is read-only; nothing was recorded. Make it writable "
                "(or ask your IT support) and try again.",
                folder=folder,
            )
        if code.startswith("SQLITE_READONLY") or not os.access(path, os.W_OK):
            return StorageError(
                "Your time records at {path} are read-only; nothing was recorded. Make the file "
                "writable (or ask your IT support) and try again.",
                path=path,
            )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            "Your time records are busy in another ClockApp window; nothing was recorded. "
            "Try again in a moment."
        )
    if io_error:
        return StorageError(
            "The disk failed while writing your time records at {path}; nothing was recorded. "
            "If this keeps happening, ask your IT support to check the disk.",
            path=path,
        )
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _friendly(exc: sqlite3.Error, path: Path) -> StorageError:
    problem = _environment_problem(exc, path)
    if problem is None:
        log.error("database %s not written: %s", path, exc)
        return StorageError(
            "Your time records at {path} could not be written; nothing was recorded.", path=path
        )
    return problem


def _disk_full(folder: Path) -> StorageError:
    return StorageError(
        "The disk is full; nothing was recorded. Free some space on the disk that holds "
        "{folder} and try again.",
        folder=folder,
    )


def _unreadable(path: Path) -> StorageError:
    return StorageError(
        "ClockApp can't open its time records at {path}: the file can't be read.", path=path
    )


class Store:
    """The durable store. Open with :meth:`open`; write inside :meth:`write`."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, notice: StorageError | None = None
    ) -> None:
        self._conn = conn
        self.path = path
        #: Something the user must be told once (e.g. a damaged file was set aside).
        self.notice = notice
        #: Set when the store could only be opened for reading: what every write raises.
        self.read_only: StorageError | None = None
        self._in_write = False

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (or create) the store at ``path``.

        A damaged file, or one that is not ClockApp's, is moved aside, never overwritten, and a
        fresh store is started; the reason is left in :attr:`notice`. On a full disk or in a
        read-only folder the store opens for reading, and every write raises the StorageError
        that says why (:attr:`read_only`). A file that can't be opened at all is a StorageError.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.error("data folder %s not created: %s", path.parent, exc)
            if exc.errno == errno.ENOSPC:
                raise _disk_full(path.parent) from exc
            raise StorageError(
                "ClockApp can't create its data folder {folder}; check that it may write there.",
                folder=path.parent,
            ) from exc
        seen = _identity(path)
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                return cls._start_anew(path, seen, exc)
            problem = _environment_problem(exc, path)
            if problem is None:
                log.error("database %s not opened: %s", path, exc)
                raise _unreadable(path) from exc
            try:
                conn = _connect_read_only(path)
            except sqlite3.Error:
                raise problem from exc
            store = cls(conn, path)
            store.read_only = problem
            return store

    @classmethod
    def _start_anew(cls, path: Path, seen: tuple[int, int] | None, exc: Exception) -> Store:
        notice: StorageError | None = None
        # Only the file this process looked at: another process may have set it aside already
        # and started the new one, which must not be moved in turn.
        if seen is not None and _identity(path) == seen:
            try:
                kept = _set_aside(path)
            except OSError as moving:  # a read-only folder: leave it, say what is wrong with it
                log.error("damaged database %s not set aside (%s): %s", path, moving, exc)
                raise _unreadable(path) from moving
            log.error("database set aside as %s: %s", kept, exc)
            if isinstance(exc, _NotClockApps):
                notice = StorageError(
                    "The file at {path} is not a ClockApp time record. It was kept as {kept}; "
                    "ClockApp started a new, empty record.",
                    path=path,
                    kept=kept,
                )
            else:
                notice = StorageError(
                    "Your time records were damaged and could not be read. The damaged file "
                    "was kept as {kept}; ClockApp started a new, empty record. Your IT support "
                    "can try to recover the old one.",
                    kept=kept,
                )
        try:
            return cls(_connect(path), path, notice)
        except sqlite3.Error as again:
            log.error("new database %s not started: %s", path, again)
            raise _environment_problem(again, path) or StorageError(
                "ClockApp can't start a new record at {path}; check that it may write there.",
                path=path,
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
    def write(self, *, durable: bool = True) -> Iterator[Store]:
        """One atomic, durable write: BEGIN IMMEDIATE … COMMIT (rolled back on any error).

        Reads done inside see the state they will write over: validation belongs in here.
        ``durable=False`` (for a note rewritten often, like the activity heartbeat): atomic and
        safe from a crash of the app, but not fsynced (``synchronous=NORMAL``: each fsync costs
        the process three wake-ups); a power cut may lose it, until the next durable write.
        """
        if not durable:
            self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                with self.write() as store:
                    yield store
            finally:
                self._conn.execute("PRAGMA synchronous = FULL")
            return
        if self._in_write:
            raise RuntimeError("nested write transaction")
        if self.read_only is not None:
            raise StorageError(self.read_only.text, **self.read_only.values)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _friendly(exc, self.path) from exc
        self._in_write = True
        try:
            yield self
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                with suppress(sqlite3.Error):  # a failed COMMIT on a full disk may end it already
                    self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise _friendly(exc, self.path) from exc
            raise
        finally:
            self._in_write = False

    def _require_write(self) -> None:
        if not self._in_write:
            raise RuntimeError("writes must happen inside Store.write()")

    # -- sessions ------------------------------------------------------------------------------

    def running_session(self) -> WorkSession | None:
        row = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged, by_hand FROM sessions "
            "WHERE end_utc IS NULL"
        ).fetchone()
        return self._load([row])[0] if row else None

    def session(self, session_id: uuid.UUID) -> WorkSession | None:
        row = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged, by_hand FROM sessions "
            "WHERE id = ?",
            (str(session_id),),
        ).fetchone()
        return self._load([row])[0] if row else None

    def sessions_with_prefix(self, prefix: str) -> list[WorkSession]:
        """Sessions whose id starts with ``prefix`` (like a short git hash)."""
        rows = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged, by_hand FROM sessions "
            "WHERE id LIKE ? ESCAPE '\\' LIMIT 10",
            (_like_prefix(prefix),),
        ).fetchall()
        return self._load(rows)

    def sessions_between(self, start: datetime, end: datetime) -> list[WorkSession]:
        """Sessions overlapping ``[start, end)`` (UTC), the running one included, by start."""
        # Finished sessions are at most 24 h long, so the start index bounds the scan. The
        # running session is found by its own index, named: left to choose, SQLite walks the
        # start index through every earlier session for the ORDER BY (ten years: 15 ms a call).
        rows = self._conn.execute(
            "SELECT id, start_utc, end_utc, zone, note, flagged, by_hand FROM sessions "
            "WHERE start_utc >= ? AND start_utc < ? AND (end_utc IS NULL OR end_utc > ?) "
            "UNION SELECT id, start_utc, end_utc, zone, note, flagged, by_hand FROM sessions "
            "INDEXED BY one_running_session WHERE end_utc IS NULL AND start_utc < ? "
            "ORDER BY start_utc",
            (to_text(start - MAX_SESSION), to_text(end), to_text(start), to_text(end)),
        ).fetchall()
        return self._load(rows)

    def _load(
        self, rows: list[tuple[str, str, str | None, str, str, int, int]]
    ) -> list[WorkSession]:
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
                by_hand=bool(by_hand),
                breaks=tuple(breaks[sid]),
            )
            for sid, start, end, zone, note, flagged, by_hand in rows
        ]

    def save_session(
        self,
        session: WorkSession,
        change: Change | None = None,
        *,
        source: Source = Source.CLOCK,
        reason: str = "",
    ) -> None:
        """Insert or replace ``session`` with its breaks; record ``change`` in the outbox and
        what changed in the session's trail (``source``: how, ``reason``: why, if given)."""
        self._require_write()
        old = self.session(session.id)
        now = to_text(datetime.now(UTC))
        self._conn.execute(
            "INSERT INTO sessions (id, start_utc, end_utc, zone, note, flagged, by_hand, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "start_utc=excluded.start_utc, end_utc=excluded.end_utc, zone=excluded.zone, "
            "note=excluded.note, flagged=excluded.flagged, by_hand=excluded.by_hand, "
            "updated_at=excluded.updated_at",
            (
                str(session.id),
                to_text(session.start),
                to_text(session.end) if session.end else None,
                session.zone,
                session.note,
                int(session.flagged),
                int(session.by_hand),
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
            # A deletion carries no snapshot, also when a reopened session takes its finish back.
            snapshot = session_to_json(session) if change is not Change.DELETED else None
            self._record(session.id, change, snapshot, now)
        what = history.changes(old, session)
        if what:
            action = Action.CREATED if old is None else Action.EDITED
            self._trail(session.id, now, action, source, what, reason)

    def delete_session(
        self, session: WorkSession, *, source: Source = Source.HAND, reason: str = ""
    ) -> None:
        """Remove ``session``; a finished one leaves a deletion in the outbox. The trail keeps
        what it was: a running one is *discarded* (it never left this computer)."""
        self._require_write()
        now = to_text(datetime.now(UTC))
        self._conn.execute("DELETE FROM sessions WHERE id = ?", (str(session.id),))
        if session.end is not None:
            self._record(session.id, Change.DELETED, None, now)
        action = Action.DELETED if session.end is not None else Action.DISCARDED
        self._trail(session.id, now, action, source, history.changes(session, None), reason)

    def _trail(
        self,
        session_id: uuid.UUID,
        now: str,
        action: Action,
        source: Source,
        what: dict[str, list[Any]],
        reason: str,
    ) -> None:
        self._conn.execute(
            "INSERT INTO session_history (session_id, at_utc, action, source, changes, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (str(session_id), now, action.value, source.value, json.dumps(what), reason),
        )

    def history(self, session_id: uuid.UUID) -> list[HistoryEntry]:
        """The session's trail, oldest first (also after it was deleted or discarded)."""
        return [
            HistoryEntry(
                session_id=session_id,
                at=from_text(at),
                action=Action(action),
                source=Source(source),
                changes=json.loads(what),
                reason=reason,
            )
            for at, action, source, what, reason in self._conn.execute(
                "SELECT at_utc, action, source, changes, reason FROM session_history "
                "WHERE session_id = ? ORDER BY id",
                (str(session_id),),
            )
        ]

    def history_ids_with_prefix(self, prefix: str) -> list[uuid.UUID]:
        """Ids in the trail starting with ``prefix``: a deleted session's trail stays findable."""
        return [
            uuid.UUID(sid)
            for (sid,) in self._conn.execute(
                "SELECT DISTINCT session_id FROM session_history "
                "WHERE session_id LIKE ? ESCAPE '\\' LIMIT 10",
                (_like_prefix(prefix),),
            )
        ]

    def _record(
        self, session_id: uuid.UUID, change: Change, snapshot: str | None, now: str
    ) -> None:
        self._conn.execute(
            "INSERT INTO outbox (session_id, change, session_json, created_at) VALUES (?, ?, ?, ?)",
            (str(session_id), change.value, snapshot, now),
        )

    def newest_outbox_id(self) -> int:
        """The id of the newest outbox entry (0: none); it grows with every change recorded."""
        row = self._conn.execute("SELECT max(id) FROM outbox").fetchone()
        return int(row[0] or 0)

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
    # The busy timeout is set here, before the first statement.
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        # Before anything writes to the file (journal mode does): a newer app's file, and
        # another program's, stay as they are.
        with _reading(conn):  # one snapshot: another process may be migrating it meanwhile
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > LATEST:
                raise StorageError(
                    "Your time records at {path} were written by a newer ClockApp; "
                    "please update ClockApp to open them.",
                    path=path,
                )
            _check_schema(conn, version)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = _switch_to_wal(conn)
        if mode != "wal":
            log.warning("journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous = FULL")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")
        if version != LATEST:
            _migrate(conn)
            _check_schema(conn, LATEST)
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def _reading(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:  # an I/O error has ended it already
            conn.execute("COMMIT")


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """Put the file in WAL mode; the mode it is in.

    The busy timeout does not cover this: when processes that all read a brand-new file race to
    switch it, SQLite fails all but one at once with "database is locked" (waiting could
    deadlock). A retry is the robust fix — the winner stores WAL in the file, which makes the
    pragma a no-op for everyone after — where create-then-rename would need hard links (absent
    on some file systems) and still leave an existing file in another mode to this race.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if _code(exc) != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.001, 0.02))


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == LATEST:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_schema(conn, version)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


class _NotClockApps(sqlite3.DatabaseError):
    """A valid SQLite file that isn't our store (another app's, or tables missing)."""


def _check_schema(conn: sqlite3.Connection, version: int) -> None:
    """Every table and column the first ``version`` migrations create is there (later ones may
    add more); at version 0 the file is empty: our first migration starts from nothing."""
    if version == 0:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise _NotClockApps("it holds another program's tables")
        return
    found = _schema(conn)
    for table, columns in _expected_schema(version).items():
        if table not in found:
            raise _NotClockApps(f"the table {table} is missing")
        if missing := sorted(columns - found[table]):
            raise _NotClockApps(f"the table {table} lacks {', '.join(missing)}")


def _schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table's columns, in one query."""
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(
        "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
    ):
        found.setdefault(table, set()).add(column)
    return found


@functools.cache
def _expected_schema(version: int) -> dict[str, set[str]]:
    # The migrations are the one description of the schema: run them on an empty database.
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """The store for reading only, where the folder or the disk refuses writes.

    SQLite needs to create ``-shm`` even to read a WAL file; when it can't, the file is opened
    as immutable — only when no ``-wal`` holds commits that the main file lacks.
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        conn = _read_only_connection(uri)
    except sqlite3.OperationalError:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        conn = _read_only_connection(uri + "&immutable=1")
    return conn


def _read_only_connection(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != LATEST:
            raise sqlite3.OperationalError("the schema needs an update, which writes")
        _check_schema(conn, LATEST)
    except BaseException:
        conn.close()
        raise
    return conn


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


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
    if isinstance(exc, _NotClockApps):
        return True
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
