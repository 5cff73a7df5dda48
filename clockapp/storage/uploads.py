"""The upload ledger: where each session stands at each destination.

A destination is one place entries are filed: a vendor, its address and the identity they go
under (see ``sync.backend.Destination``); its key is a plain string here. Remote ids, claims,
pauses and adopted records all belong to one destination, so a switch of server or account
starts from nothing known and never sends another account's ids. A new destination is filled
from ``fill_from`` on; rows written before destinations existed carry the bare vendor name and
are adopted by the first destination of that vendor (the account configured then).

The outbox says what changed; this ledger says how much of it a backend has. A session is due
when its newest outbox entry is past ``done_outbox_id``. Only the newest entry is ever sent —
an edit of an unsent session folds into its create, a delete of an unsent one sends nothing.

A process claims a row before it writes to the server. A claim left behind by a process that
died (kill -9, power loss) goes stale and makes the row *ambiguous*: the next attempt asks the
server whether the write landed before it writes again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from clockapp.domain.errors import UserError, from_record, to_record
from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import Preview, UploadInfo, UploadStatus
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
#: How long after a create whose answer was lost a server may still commit it (seen under load:
#: a minute and more). Until then, and one look after, the session is checked for twins.
LATE_COMMIT_WINDOW = timedelta(minutes=15)


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


def _record(error: UserError | str) -> str:
    """An error as the ledger's text columns keep it: sentence and values as JSON, so it can
    be said again in the reader's language (rows from before hold the English sentence)."""
    return to_record(error) if isinstance(error, UserError) else error


def _op(change: Change, remote_id: str | None, pending: bool) -> str:
    if change is Change.DELETED:
        return "delete"
    if pending:  # an edit of a session the server never got is still a create
        return "update" if remote_id else "create"
    return "update" if change is Change.EDITED else "create"


# Every session with a change the destination lacks. Sessions it has never heard of count only
# from its fill_from on (a deleted one it never got has nothing to send). Parameters: the
# destination, and its fill_from as text (NULL: every session).
_NEWEST = "WITH newest AS (SELECT session_id, max(id) AS id FROM outbox GROUP BY session_id)"
_PENDING_FROM = """
    FROM newest n JOIN outbox o ON o.id = n.id
    LEFT JOIN uploads u ON u.session_id = n.session_id AND u.destination = ?
    LEFT JOIN sessions s ON s.id = n.session_id
    WHERE n.id > coalesce(u.done_outbox_id, 0)
      AND (u.session_id IS NOT NULL OR s.start_utc >= coalesce(?, ''))
"""
_PENDING = (
    _NEWEST
    + """
    SELECT n.session_id, n.id, o.change, o.session_id,
           u.remote_id, u.sent_json, u.ambiguous, u.attempts, u.next_attempt_at,
           u.claimed_by, u.claimed_at, u.problem_outbox_id, u.last_error,
           coalesce(u.done_outbox_id, 0)"""
    + _PENDING_FROM
)


class UploadLedger:
    """Reads and writes the ``uploads`` table of a :class:`Store`, per destination key."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store._conn  # same package: the ledger is part of the store

    # -- destinations ----------------------------------------------------------------------------

    def is_known(self, destination: str) -> bool:
        return (
            self._conn.execute(
                "SELECT 1 FROM destinations WHERE key = ?", (destination,)
            ).fetchone()
            is not None
        )

    def register(
        self, destination: str, vendor: str, label: str, fill_from: datetime | None, now: datetime
    ) -> bool:
        """Start keeping track of ``destination``; True if it is new. Sessions before
        ``fill_from`` are not sent there. Rows from before destinations existed (keyed by the
        bare vendor name) are adopted by the first destination of their vendor, and keep
        filling everything, as they did."""
        with self._store.write():
            if self.is_known(destination):
                return False
            adopted = self._conn.execute(
                "UPDATE uploads SET destination = ? WHERE destination = ?", (destination, vendor)
            ).rowcount
            self._conn.execute(
                "UPDATE destination_pauses SET destination = ? WHERE destination = ?",
                (destination, vendor),
            )
            self._conn.execute(
                "INSERT INTO destinations (key, vendor, label, fill_from, first_used)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    destination,
                    vendor,
                    label,
                    None if adopted or fill_from is None else to_text(fill_from),
                    to_text(now),
                ),
            )
            return True

    def _fill(self, destination: str) -> str | None:
        row = self._conn.execute(
            "SELECT fill_from FROM destinations WHERE key = ?", (destination,)
        ).fetchone()
        return row[0] if row else None

    def labels(self) -> dict[str, str]:
        """Every destination ever used → how the user knows it."""
        return dict(self._conn.execute("SELECT key, label FROM destinations"))

    def preview(self, destination: str, fill_from: datetime | None) -> Preview:
        """What ``destination`` would receive now: for a known one, what it still lacks; for a
        new one, every session from ``fill_from`` on."""
        known = self.is_known(destination)
        fill = self._fill(destination) if known else fill_from and to_text(fill_from)
        rows = self._conn.execute(
            "SELECT count(*), min(s.start_utc) FROM (" + _PENDING + ") p"  # noqa: S608 (ours)
            " JOIN sessions s ON s.id = p.session_id WHERE s.end_utc IS NOT NULL",
            (destination, fill),
        ).fetchone()
        return Preview(rows[0], from_text(rows[1]) if rows[1] else None)

    # -- what is due -----------------------------------------------------------------------------

    def due(
        self,
        destination: str,
        now: datetime,
        limit: int = 100,
        *,
        asked: bool = False,
        grace: timedelta = timedelta(0),
    ) -> list[uuid.UUID]:
        """Sessions with a change the destination lacks, due now, not parked, not claimed by a
        live process; oldest change first. ``asked``: the user asked, so items waiting for a
        retry are due now too. ``grace``: a session that ended less than this long ago waits
        (even when asked), so an undo or a quick correction never reaches the server."""
        rows = self._conn.execute(
            _PENDING + " AND (? OR u.next_attempt_at IS NULL OR u.next_attempt_at <= ?)"
            " AND (u.not_before IS NULL OR u.not_before <= ?)"
            " AND (u.problem_outbox_id IS NULL OR u.problem_outbox_id <> n.id)"
            " AND (u.claimed_at IS NULL OR u.claimed_at <= ?)"
            " AND (? OR s.end_utc IS NULL OR s.end_utc <= ?)"  # the grace period, if any
            " ORDER BY n.id LIMIT ?",
            (
                destination,
                self._fill(destination),
                asked,
                to_text(now),
                to_text(now),
                to_text(now - STALE_CLAIM),
                grace <= timedelta(0),
                to_text(now - grace),
                limit,
            ),
        ).fetchall()
        return [uuid.UUID(r[0]) for r in rows]

    def next_due(
        self, destination: str, now: datetime, *, grace: timedelta = timedelta(0)
    ) -> datetime | None:
        """When :meth:`due` (unasked) next has something, or a create's late-commit window ends
        (one more look for twins is due then); None when nothing waits or uploads are paused.
        The moment may be past: something is due now."""
        if self.paused(destination) is not None:
            return None
        times = []
        for next_at, not_before, claimed_at, end in self._conn.execute(
            _NEWEST
            + " SELECT u.next_attempt_at, u.not_before, u.claimed_at, s.end_utc"
            + _PENDING_FROM
            + " AND (u.problem_outbox_id IS NULL OR u.problem_outbox_id <> n.id)",
            (destination, self._fill(destination)),
        ):
            # What due() waits for, each: a retry time, the server's "not before", a live
            # claim going stale, the grace period after the session's end.
            at = now
            for later in (next_at, not_before):
                if later:
                    at = max(at, from_text(later))
            if claimed_at:
                at = max(at, from_text(claimed_at) + STALE_CLAIM)
            if end and grace > timedelta(0):
                at = max(at, from_text(end) + grace)
            times.append(at)
        times += [
            max(at for _, at in creates) + LATE_COMMIT_WINDOW
            for creates in self.unsure(destination).values()
        ]
        return min(times, default=None)

    def claim(
        self, destination: str, session_id: uuid.UUID, owner: str, now: datetime
    ) -> PendingUpload | None:
        """Take the session for sending (in its own transaction); None if it isn't ours to send."""
        with self._store.write():
            row = self._conn.execute(
                _PENDING + " AND n.session_id = ?",
                (destination, self._fill(destination), str(session_id)),
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
                " (session_id, destination, claimed_by, claimed_at, ambiguous, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(session_id, destination) DO UPDATE SET"
                " claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,"
                " ambiguous = excluded.ambiguous, updated_at = excluded.updated_at",
                (sid, destination, owner, to_text(now), int(ambiguous), to_text(now)),
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

    def sending(
        self,
        destination: str,
        session_id: uuid.UUID,
        session: WorkSession,
        now: datetime,
        *,
        create: bool,
    ) -> str | None:
        """Note what is about to be sent, before it goes: a crash now leaves it looked up later.
        A create is also remembered as unsure until its answer arrives (it may land twice);
        the token returned settles it in :meth:`succeeded`."""
        with self._store.write():
            self._update(destination, session_id, sent_json=session_to_json(session))
            if not create:
                return None
            token = uuid.uuid4().hex
            self._conn.execute(
                "INSERT INTO unsure_creates"
                " (destination, session_id, attempt, sent_at, sent_json) VALUES (?, ?, ?, ?, ?)",
                (destination, str(session_id), token, to_text(now), session_to_json(session)),
            )
            return token

    def adopted(self, destination: str, session_id: uuid.UUID, remote_id: str | None) -> None:
        """The server turned out to hold (or not hold) the write in question."""
        with self._store.write():
            self._update(destination, session_id, remote_id=remote_id, ambiguous=0)

    def succeeded(
        self,
        destination: str,
        session_id: uuid.UUID,
        outbox_id: int,
        remote_id: str | None,
        *,
        create_token: str | None = None,
    ) -> None:
        """The destination now has everything up to ``outbox_id``; ``remote_id`` None after a
        delete. ``create_token``: the create that just answered is no longer unsure."""
        with self._store.write():
            self._update(
                destination,
                session_id,
                done_outbox_id=outbox_id,
                remote_id=remote_id,
                claimed_by=None,
                claimed_at=None,
                ambiguous=0,
                attempts=0,
                next_attempt_at=None,
                not_before=None,
                last_error=None,
                problem_outbox_id=None,
            )
            self._settle_create(destination, session_id, create_token)

    def settle_create(self, destination: str, session_id: uuid.UUID, token: str | None) -> None:
        """That create's fate is known after all (refused, or stored with an id we know)."""
        with self._store.write():
            self._settle_create(destination, session_id, token)

    def _settle_create(self, destination: str, session_id: uuid.UUID, token: str | None) -> None:
        if token is not None:
            self._conn.execute(
                "DELETE FROM unsure_creates"
                " WHERE destination = ? AND session_id = ? AND attempt = ?",
                (destination, str(session_id), token),
            )

    def retry_later(
        self,
        destination: str,
        session_id: uuid.UUID,
        at: datetime,
        error: UserError | str,
        *,
        ambiguous: bool,
        server_said: bool = False,
    ) -> None:
        """Try again at ``at``; ``server_said``: the server set that time (Retry-After), so
        not even the user's "Sync now" goes before it."""
        with self._store.write():
            row = self._conn.execute(
                "SELECT ambiguous, attempts FROM uploads WHERE session_id = ? AND destination = ?",
                (str(session_id), destination),
            ).fetchone()
            was_ambiguous, attempts = row if row else (0, 0)
            self._update(
                destination,
                session_id,
                claimed_by=None,
                claimed_at=None,
                ambiguous=int(ambiguous or bool(was_ambiguous)),
                attempts=attempts + 1,
                next_attempt_at=to_text(at),
                not_before=to_text(at) if server_said else None,
                last_error=_record(error),
            )

    def needs_attention(
        self, destination: str, session_id: uuid.UUID, outbox_id: int, error: UserError | str
    ) -> None:
        """Park this change: the server refused it for good. A newer edit tries again."""
        with self._store.write():
            self._update(
                destination,
                session_id,
                claimed_by=None,
                claimed_at=None,
                last_error=_record(error),
                problem_outbox_id=outbox_id,
                next_attempt_at=None,
            )

    def release(self, destination: str, session_id: uuid.UUID) -> None:
        """Give the claim back untouched (nothing was sent)."""
        with self._store.write():
            self._update(destination, session_id, claimed_by=None, claimed_at=None)

    def _update(self, destination: str, session_id: uuid.UUID, **columns: object) -> None:
        columns["updated_at"] = to_text(datetime.now(UTC))
        names = list(columns)
        self._conn.execute(
            "INSERT INTO uploads (session_id, destination, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(session_id, destination) DO NOTHING",
            (str(session_id), destination, columns["updated_at"]),
        )
        assignments = ", ".join(f"{n} = ?" for n in names)  # names are ours, never user input
        self._conn.execute(
            f"UPDATE uploads SET {assignments} WHERE session_id = ? AND destination = ?",  # noqa: S608
            (*columns.values(), str(session_id), destination),
        )

    # -- creates that may have landed twice -------------------------------------------------------

    def unsure(self, destination: str) -> dict[uuid.UUID, list[tuple[WorkSession, datetime]]]:
        """Sessions the destination has (nothing pending) with creates whose fate is unknown:
        each create as sent, and when."""
        result: dict[uuid.UUID, list[tuple[WorkSession, datetime]]] = {}
        pending = {sid for sid in self._pending_ids(destination)}
        for sid, sent_json, sent_at in self._conn.execute(
            "SELECT session_id, sent_json, sent_at FROM unsure_creates"
            " WHERE destination = ? ORDER BY sent_at",
            (destination,),
        ):
            if sid in pending:
                continue  # the next upload of it looks it up first anyway
            result.setdefault(uuid.UUID(sid), []).append(
                (session_from_json(sent_json), from_text(sent_at))
            )
        return result

    def settle(self, destination: str, session_id: uuid.UUID, up_to: datetime) -> None:
        """The creates sent until ``up_to`` can't land any more, and no twin of them is left."""
        with self._store.write():
            self._conn.execute(
                "DELETE FROM unsure_creates"
                " WHERE destination = ? AND session_id = ? AND sent_at <= ?",
                (destination, str(session_id), to_text(up_to)),
            )

    def _pending_ids(self, destination: str) -> list[str]:
        return [r[0] for r in self._conn.execute(_PENDING, (destination, self._fill(destination)))]

    # -- pausing a destination ---------------------------------------------------------------

    def pause(self, destination: str, reason: UserError | str) -> None:
        with self._store.write():
            self._conn.execute(
                "INSERT OR REPLACE INTO destination_pauses (destination, reason, since)"
                " VALUES (?, ?, ?)",
                (destination, _record(reason), to_text(datetime.now(UTC))),
            )

    def resume(self, destination: str) -> None:
        """Credentials changed: let uploads go again."""
        with self._store.write():
            self._conn.execute(
                "DELETE FROM destination_pauses WHERE destination = ?", (destination,)
            )

    def paused(self, destination: str) -> UserError | None:
        """Why uploads to ``destination`` are paused; None when they aren't."""
        row = self._conn.execute(
            "SELECT reason FROM destination_pauses WHERE destination = ?", (destination,)
        ).fetchone()
        return from_record(row[0]) if row else None

    # -- what the user sees ------------------------------------------------------------------

    def statuses(self, destination: str, now: datetime) -> dict[uuid.UUID, UploadInfo]:
        """Every session the destination knows of or still lacks, with its status."""
        pause = self.paused(destination)
        result: dict[uuid.UUID, UploadInfo] = {}
        checking = {
            sid: max(at for _, at in creates) + LATE_COMMIT_WINDOW
            for sid, creates in self.unsure(destination).items()
        }
        for sid, remote_id, change in self._conn.execute(
            "SELECT u.session_id, u.remote_id, o.change FROM uploads u"
            " JOIN outbox o ON o.id = u.done_outbox_id"
            " WHERE u.destination = ? AND (u.remote_id IS NOT NULL OR o.change = 'deleted')",
            (destination,),
        ):
            op = _op(Change(change), remote_id, pending=False)
            key = uuid.UUID(sid)
            if key in checking:
                result[key] = UploadInfo(UploadStatus.CHECKING, remote_id, None, checking[key], op)
            elif remote_id is not None:
                result[key] = UploadInfo(UploadStatus.UPLOADED, remote_id, None, None, op)
        for row in self._conn.execute(_PENDING, (destination, self._fill(destination))):
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
            error = from_record(error) if error else None
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

    def counts(self, destination: str, now: datetime) -> dict[UploadStatus, int]:
        """How many sessions stand in each status except ``UPLOADED`` (for the tray)."""
        counts = dict.fromkeys(UploadStatus, 0)
        for info in self.statuses(destination, now).values():
            counts[info.status] += 1
        counts.pop(UploadStatus.UPLOADED)
        return counts

    def remote_ids(self, destination: str) -> dict[str, uuid.UUID]:
        """Remote id → local session, for telling a pulled entry from its local twin."""
        return {
            rid: uuid.UUID(sid)
            for sid, rid in self._conn.execute(
                "SELECT session_id, remote_id FROM uploads"
                " WHERE destination = ? AND remote_id IS NOT NULL",
                (destination,),
            )
        }

    def filed_at(self, session_id: uuid.UUID) -> list[str]:
        """The labels of every destination that holds this session (for "where did it go")."""
        return [
            label
            for (label,) in self._conn.execute(
                "SELECT coalesce(d.label, u.destination) FROM uploads u"
                " LEFT JOIN destinations d ON d.key = u.destination"
                " WHERE u.session_id = ? AND u.remote_id IS NOT NULL ORDER BY d.first_used",
                (str(session_id),),
            )
        ]
