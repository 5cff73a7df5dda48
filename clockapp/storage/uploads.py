"""The upload ledger: where each session stands on each backend.

The outbox says what changed; this ledger says how much of it a backend has. A session is due
when its newest outbox entry is past ``done_outbox_id``. Only the newest entry is ever sent —
an edit of an unsent session folds into its create, a delete of an unsent one sends nothing.

A process claims a row before it writes to the server. A claim left behind by a process that
died (kill -9, power loss) goes stale and makes the row *ambiguous*: the next attempt asks the
server whether the write landed before it writes again.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from clockapp.domain.session import WorkSession
from clockapp.storage.store import (
    Change,
    Store,
    from_text,
    session_from_json,
    session_to_json,
    to_text,
)

#: A claim older than this is a dead process's: longer than any request may take.
STALE_CLAIM = timedelta(minutes=2)


class UploadStatus(enum.Enum):
    """Where a session stands on a backend, in the words the user sees."""

    SAVED = "saved on this device"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    WAITING = "waiting"
    NEEDS_ATTENTION = "needs attention"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class PendingUpload:
    """One session's newest change and what the backend already has of it."""

    session_id: uuid.UUID
    outbox_id: int
    change: Change
    #: The session after the change; for a deletion, the last version that existed.
    session: WorkSession | None
    remote_id: str | None
    #: What was last sent (to look it up after an ambiguous failure).
    sent: WorkSession | None
    ambiguous: bool
    attempts: int


@dataclass(frozen=True, slots=True)
class UploadInfo:
    status: UploadStatus
    remote_id: str | None
    detail: str | None  # the server's words, or when the next try is
    next_attempt_at: datetime | None
    #: What the newest change asks of the server: "create", "update" or "delete".
    op: str = "create"
    attempts: int = 0


def _op(change: Change, remote_id: str | None, pending: bool) -> str:
    if change is Change.DELETED:
        return "delete"
    if pending:  # an edit of a session the server never got is still a create
        return "update" if remote_id else "create"
    return "update" if change is Change.EDITED else "create"


_PENDING = """
    WITH newest AS (SELECT session_id, max(id) AS id FROM outbox GROUP BY session_id)
    SELECT n.session_id, n.id, o.change, o.session_id,
           u.remote_id, u.sent_json, u.ambiguous, u.attempts, u.next_attempt_at,
           u.claimed_by, u.claimed_at, u.problem_outbox_id, u.last_error,
           coalesce(u.done_outbox_id, 0)
    FROM newest n JOIN outbox o ON o.id = n.id
    LEFT JOIN uploads u ON u.session_id = n.session_id AND u.backend = ?
    WHERE n.id > coalesce(u.done_outbox_id, 0)
"""


class UploadLedger:
    """Reads and writes the ``uploads`` table of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store._conn  # same package: the ledger is part of the store

    # -- what is due -----------------------------------------------------------------------------

    def due(self, backend: str, now: datetime, limit: int = 100) -> list[uuid.UUID]:
        """Sessions with a change the backend lacks, due now, not parked, not claimed by a live
        process; oldest change first."""
        rows = self._conn.execute(
            _PENDING + " AND (u.next_attempt_at IS NULL OR u.next_attempt_at <= ?)"
            " AND (u.problem_outbox_id IS NULL OR u.problem_outbox_id <> n.id)"
            " AND (u.claimed_at IS NULL OR u.claimed_at <= ?) ORDER BY n.id LIMIT ?",
            (backend, to_text(now), to_text(now - STALE_CLAIM), limit),
        ).fetchall()
        return [uuid.UUID(r[0]) for r in rows]

    def claim(
        self, backend: str, session_id: uuid.UUID, owner: str, now: datetime
    ) -> PendingUpload | None:
        """Take the session for sending (in its own transaction); None if it isn't ours to send."""
        with self._store.write():
            row = self._conn.execute(
                _PENDING + " AND n.session_id = ?", (backend, str(session_id))
            ).fetchone()
            if row is None:
                return None
            (
                sid,
                outbox_id,
                change,
                _,
                remote_id,
                sent_json,
                ambiguous,
                attempts,
                _next,
                claimed_by,
                claimed_at,
                problem_id,
                _err,
                _done,
            ) = row
            if (
                claimed_at is not None
                and from_text(claimed_at) > now - STALE_CLAIM
                and claimed_by != owner
            ):
                return None
            if problem_id == outbox_id:
                return None
            # A stale claim means a process died mid-request: its write may have landed.
            ambiguous = bool(ambiguous) or claimed_at is not None
            self._conn.execute(
                "INSERT INTO uploads"
                " (session_id, backend, claimed_by, claimed_at, ambiguous, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(session_id, backend) DO UPDATE SET"
                " claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,"
                " ambiguous = excluded.ambiguous, updated_at = excluded.updated_at",
                (sid, backend, owner, to_text(now), int(ambiguous), to_text(now)),
            )
            return PendingUpload(
                session_id=uuid.UUID(sid),
                outbox_id=outbox_id,
                change=Change(change),
                session=self._last_version(sid, outbox_id),
                remote_id=remote_id,
                sent=session_from_json(sent_json) if sent_json else None,
                ambiguous=ambiguous,
                attempts=attempts or 0,
            )

    def _last_version(self, session_id: str, up_to: int) -> WorkSession | None:
        row = self._conn.execute(
            "SELECT session_json FROM outbox WHERE session_id = ? AND id <= ? "
            "AND session_json IS NOT NULL ORDER BY id DESC LIMIT 1",
            (session_id, up_to),
        ).fetchone()
        return session_from_json(row[0]) if row else None

    # -- recording outcomes ------------------------------------------------------------------------

    def sending(self, backend: str, session_id: uuid.UUID, session: WorkSession) -> None:
        """Note what is about to be sent, before it goes: a crash now leaves it looked up later."""
        with self._store.write():
            self._update(backend, session_id, sent_json=session_to_json(session))

    def adopted(self, backend: str, session_id: uuid.UUID, remote_id: str | None) -> None:
        """The server turned out to hold (or not hold) the write in question."""
        with self._store.write():
            self._update(backend, session_id, remote_id=remote_id, ambiguous=0)

    def succeeded(
        self, backend: str, session_id: uuid.UUID, outbox_id: int, remote_id: str | None
    ) -> None:
        """The backend now has everything up to ``outbox_id``; ``remote_id`` None after a delete."""
        with self._store.write():
            self._update(
                backend,
                session_id,
                done_outbox_id=outbox_id,
                remote_id=remote_id,
                claimed_by=None,
                claimed_at=None,
                ambiguous=0,
                attempts=0,
                next_attempt_at=None,
                last_error=None,
                problem_outbox_id=None,
            )

    def retry_later(
        self, backend: str, session_id: uuid.UUID, at: datetime, error: str, *, ambiguous: bool
    ) -> None:
        with self._store.write():
            row = self._conn.execute(
                "SELECT ambiguous, attempts FROM uploads WHERE session_id = ? AND backend = ?",
                (str(session_id), backend),
            ).fetchone()
            was_ambiguous, attempts = row if row else (0, 0)
            self._update(
                backend,
                session_id,
                claimed_by=None,
                claimed_at=None,
                ambiguous=int(ambiguous or bool(was_ambiguous)),
                attempts=attempts + 1,
                next_attempt_at=to_text(at),
                last_error=error,
            )

    def needs_attention(
        self, backend: str, session_id: uuid.UUID, outbox_id: int, error: str
    ) -> None:
        """Park this change: the server refused it for good. A newer edit tries again."""
        with self._store.write():
            self._update(
                backend,
                session_id,
                claimed_by=None,
                claimed_at=None,
                last_error=error,
                problem_outbox_id=outbox_id,
                next_attempt_at=None,
            )

    def release(self, backend: str, session_id: uuid.UUID) -> None:
        """Give the claim back untouched (nothing was sent)."""
        with self._store.write():
            self._update(backend, session_id, claimed_by=None, claimed_at=None)

    def _update(self, backend: str, session_id: uuid.UUID, **columns: object) -> None:
        columns["updated_at"] = to_text(datetime.now(UTC))
        names = list(columns)
        self._conn.execute(
            "INSERT INTO uploads (session_id, backend, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(session_id, backend) DO NOTHING",
            (str(session_id), backend, columns["updated_at"]),
        )
        assignments = ", ".join(f"{n} = ?" for n in names)  # names are ours, never user input
        self._conn.execute(
            f"UPDATE uploads SET {assignments} WHERE session_id = ? AND backend = ?",  # noqa: S608
            (*columns.values(), str(session_id), backend),
        )

    # -- pausing a backend -------------------------------------------------------------------

    def pause(self, backend: str, reason: str) -> None:
        with self._store.write():
            self._conn.execute(
                "INSERT OR REPLACE INTO backend_pauses (backend, reason, since) VALUES (?, ?, ?)",
                (backend, reason, to_text(datetime.now(UTC))),
            )

    def resume(self, backend: str) -> None:
        """Credentials changed: let uploads go again."""
        with self._store.write():
            self._conn.execute("DELETE FROM backend_pauses WHERE backend = ?", (backend,))

    def paused(self, backend: str) -> str | None:
        row = self._conn.execute(
            "SELECT reason FROM backend_pauses WHERE backend = ?", (backend,)
        ).fetchone()
        return row[0] if row else None

    # -- what the user sees ------------------------------------------------------------------

    def statuses(self, backend: str, now: datetime) -> dict[uuid.UUID, UploadInfo]:
        """Every session the backend knows of or still lacks, with its status."""
        pause = self.paused(backend)
        result: dict[uuid.UUID, UploadInfo] = {}
        for sid, remote_id, change in self._conn.execute(
            "SELECT u.session_id, u.remote_id, o.change FROM uploads u"
            " JOIN outbox o ON o.id = u.done_outbox_id"
            " WHERE u.backend = ? AND u.remote_id IS NOT NULL",
            (backend,),
        ):
            op = _op(Change(change), remote_id, pending=False)
            result[uuid.UUID(sid)] = UploadInfo(UploadStatus.UPLOADED, remote_id, None, None, op)
        for row in self._conn.execute(_PENDING, (backend,)):
            (
                sid,
                outbox_id,
                change,
                _s,
                remote_id,
                _sent,
                _amb,
                attempts,
                next_at,
                _by,
                claimed_at,
                problem_id,
                error,
                _done,
            ) = row
            next_attempt = from_text(next_at) if next_at else None
            if problem_id == outbox_id:
                info = UploadInfo(UploadStatus.NEEDS_ATTENTION, remote_id, error, None)
            elif pause is not None:
                info = UploadInfo(UploadStatus.PAUSED, remote_id, pause, None)
            elif claimed_at is not None and from_text(claimed_at) > now - STALE_CLAIM:
                info = UploadInfo(UploadStatus.UPLOADING, remote_id, None, None)
            elif next_attempt is not None and next_attempt > now:
                info = UploadInfo(UploadStatus.WAITING, remote_id, error, next_attempt)
            else:
                info = UploadInfo(UploadStatus.SAVED, remote_id, None, None)
            op = _op(Change(change), remote_id, pending=True)
            result[uuid.UUID(sid)] = replace(info, op=op, attempts=attempts or 0)
        return result

    def counts(self, backend: str, now: datetime) -> dict[UploadStatus, int]:
        """How many sessions stand in each status except ``UPLOADED`` (for the tray)."""
        counts = dict.fromkeys(UploadStatus, 0)
        for info in self.statuses(backend, now).values():
            counts[info.status] += 1
        counts.pop(UploadStatus.UPLOADED)
        return counts

    def remote_ids(self, backend: str) -> dict[str, uuid.UUID]:
        """Remote id → local session, for telling a pulled entry from its local twin."""
        return {
            rid: uuid.UUID(sid)
            for sid, rid in self._conn.execute(
                "SELECT session_id, remote_id FROM uploads"
                " WHERE backend = ? AND remote_id IS NOT NULL",
                (backend,),
            )
        }
