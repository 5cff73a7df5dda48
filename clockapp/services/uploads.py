"""The uploader: drains the outbox to one backend, exactly once, whatever the network does.

Per session, only the newest change is sent (creates, then updates or deletes, in order);
independent sessions go in parallel up to a bound. Errors are sorted by kind:

- transient (connection trouble, timeouts, 5xx, 429): retried later with exponential backoff and
  jitter, the next attempt time kept in the store, ``Retry-After`` honoured;
- ambiguous (a write whose answer was lost): the next attempt first asks the server whether the
  write landed and adopts that record instead of creating a second one;
- permanent (other 4xx, an echo that differs): that one change is parked as "needs attention"
  with the server's words, the rest go on;
- auth (401/403): the whole destination pauses until the credentials change — no retry storm.

A run stops early once the server could not be reached or did not answer (or asked to slow
down): the items left wait for the next try instead of each waiting out its own timeout.
A run the user asked for ("Sync now", ``clockapp sync``) also tries the items waiting for a
retry; it never takes over a live claim of another process, nor lifts a pause.

Where the server has no client-chosen id (TimeTrack), a create whose answer was lost may be
stored late, after the look-up ran, and then once more by the next attempt. Every such create is
remembered; after each run the server is asked for records with exactly that session's times,
twins that match what ClockApp sent are deleted (never more than the creates that may have
landed, never a record another session owns), until the window for late commits has passed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from clockapp.domain.errors import UserError
from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import UploadStatus
from clockapp.storage import Change, Store
from clockapp.storage.confirmations import ConfirmationStore
from clockapp.storage.uploads import LATE_COMMIT_WINDOW, PendingUpload, UploadLedger
from clockapp.sync.backend import (
    AmbiguousWriteError,
    AuthError,
    Backend,
    EchoMismatchError,
    PermanentError,
    RemoteEntry,
    SyncError,
    TransientError,
    break_minutes,
)

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
#: A server asking for more than this is capped: uploads must not stall for a day.
LONGEST_RETRY_AFTER = timedelta(hours=6)
#: A run nobody asked for (at start, when something falls due) begins within this long, at
#: random: a fleet that starts at 09:00 or comes back online together must not arrive in the
#: same second (the rate limit would refuse most of it). "Sync now" goes at once.
START_SPREAD = timedelta(seconds=45)


def start_delay(rng: Callable[[], float] = random.random) -> timedelta:
    """How long an unasked run waits before it begins: uniform in [0, START_SPREAD)."""
    return START_SPREAD * rng()


def backoff(attempts: int, retry_after: float | None, rng: Callable[[], float]) -> timedelta:
    """How long to wait before attempt ``attempts + 1``: the server's ``Retry-After`` if given,
    else exponential from 30 s to 1 h with jitter (half to full), so clients don't stampede.

    ``Retry-After`` comes in whole seconds: a crowd told the same second would arrive at its
    start together and be refused again, so each client adds up to a second of its own."""
    if retry_after is not None:
        return min(timedelta(seconds=max(retry_after, 1.0) + rng()), LONGEST_RETRY_AFTER)
    ceiling: timedelta = min(FIRST_RETRY * 2 ** min(attempts, 20), LONGEST_RETRY)
    return ceiling * (0.5 + rng() / 2)


@dataclass
class SyncResult:
    """What one run did, and what is left (counts by status, uploaded excluded)."""

    uploaded: int = 0
    left: dict[UploadStatus, int] = field(default_factory=dict)
    paused: str | None = None
    #: Why the run ended before trying everything (server unreachable, asked to slow down).
    stopped: str | None = None
    #: Second records of a session that a late commit left on the server, deleted this run.
    twins_removed: int = 0

    @property
    def all_done(self) -> bool:
        return self.paused is None and self.stopped is None and not any(self.left.values())


class _Paused(Exception):
    pass


class _Stopped(Exception):
    pass


def matches(remote: RemoteEntry, session: WorkSession) -> bool:
    """Does the server's record already say what ``session`` says (instants, break minutes)?"""
    assert session.end is not None
    return (
        remote.start == session.start
        and remote.end == session.end
        and remote.break_minutes == round(session.break_seconds(session.end) / 60)
    )


class Uploader:
    """Sends the outbox to ``backend``. ``now`` and ``rng`` are injectable for tests."""

    def __init__(
        self,
        store: Store,
        backend: Backend,
        *,
        now: Callable[[], datetime],
        concurrency: int = 4,
        rng: Callable[[], float] = random.random,
        grace: timedelta = timedelta(0),
    ) -> None:
        self.ledger = UploadLedger(store)
        self._store = store
        self.backend = backend
        self.destination = backend.destination.key
        self._now = now
        self._limit = asyncio.Semaphore(concurrency)
        self._rng = rng
        self._grace = grace  # see UploadLedger.due
        # Unique per process and run: a claim by a dead process is told from a live one by age.
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._paused: UserError | None = None
        self._stopped: UserError | None = None

    async def run_once(self, *, asked: bool = False) -> SyncResult:
        """Send everything due now; return what happened and what is left. ``asked``: the user
        asked for it, so items waiting for a retry go now too."""
        result = SyncResult()
        dest = self.destination
        self._paused = self.ledger.paused(dest)
        self._stopped = None
        seen: set[uuid.UUID] = set()
        while self._paused is None and self._stopped is None:
            now = self._now()
            due = self.ledger.due(dest, now, asked=asked, grace=self._grace)
            due = [sid for sid in due if sid not in seen]
            if not due:
                break
            seen.update(due)
            outcomes = await asyncio.gather(*(self._guarded(sid) for sid in due))
            result.uploaded += sum(outcomes)
        if not self.backend.unique_client_ids and self._paused is None and self._stopped is None:
            result.twins_removed = await self._reconcile()
        result.paused = None if self._paused is None else str(self._paused)
        result.stopped = None if self._stopped is None else str(self._stopped)
        result.left = self.ledger.counts(dest, self._now())
        return result

    async def _guarded(self, session_id: uuid.UUID) -> bool:
        async with self._limit:
            if self._paused is not None or self._stopped is not None:
                return False
            try:
                return await self._upload(session_id)
            except (_Paused, _Stopped):
                return False

    async def _upload(self, session_id: uuid.UUID) -> bool:
        dest = self.destination
        pending = self.ledger.claim(dest, session_id, self._owner, self._now())
        if pending is None:
            return False
        try:
            await self._send(pending)
        except AuthError as exc:
            self.ledger.release(dest, session_id)
            self._pause(exc)
            raise _Paused from exc
        except AmbiguousWriteError as exc:
            self._retry(pending, exc, ambiguous=True)
            return False
        except TransientError as exc:
            self._retry(pending, exc, ambiguous=False)
            return False
        except EchoMismatchError as exc:
            # The entry exists remotely, just not as sent: remember it, so a later edit
            # updates it instead of creating a second one.
            log.warning("upload of %s parked: %s", session_id, exc)
            self.ledger.adopted(dest, session_id, exc.remote_id)
            self.ledger.needs_attention(dest, session_id, pending.outbox_id, exc)
            return False
        except PermanentError as exc:
            log.warning("upload of %s parked: %s", session_id, exc)
            self.ledger.needs_attention(dest, session_id, pending.outbox_id, exc)
            return False
        except SyncError as exc:  # a configuration the backend can't work with at all
            self.ledger.release(dest, session_id)
            self._pause(exc)
            raise _Paused from exc
        # Anything else (a bug, a cancellation) propagates with the claim kept: the write may
        # have gone out, so the claim goes stale and the next run looks the entry up first.
        return True

    async def _send(self, p: PendingUpload) -> None:
        dest = self.destination
        remote_id = p.remote_id
        found: RemoteEntry | None = None
        if p.ambiguous and remote_id is None:
            # A create may have landed without us hearing back: ask before creating again.
            probe = p.sent or p.session
            found = await self.backend.find(probe) if probe is not None else None
            remote_id = found.remote_id if found else None
            log.info(
                "ambiguous upload of %s resolved: %s",
                p.session_id,
                "adopted the server's record" if found else "not on the server",
            )
            self.ledger.adopted(dest, p.session_id, remote_id)
            if found is not None and self.backend.destination.vendor == "papershift":
                # The look-up read our listing, which says whether a manager confirmed it.
                with self._store.write():
                    ConfirmationStore(self._store).record(
                        dest, {p.session_id: found.confirmed}, self._now()
                    )
        if p.change is Change.DELETED:
            if remote_id is not None:
                await self.backend.delete(remote_id)
            self.ledger.succeeded(dest, p.session_id, p.outbox_id, None)
            return
        session = p.session
        assert session is not None and session.end is not None
        if found is not None and matches(found, session):
            self.ledger.succeeded(dest, p.session_id, p.outbox_id, found.remote_id)
            return
        # Only where the server can't refuse a second copy is a create remembered as unsure.
        unsure = remote_id is None and not self.backend.unique_client_ids
        token = self.ledger.sending(dest, p.session_id, session, self._now(), create=unsure)
        if remote_id is None:
            try:
                entry = await self.backend.create(session)
            except AmbiguousWriteError:
                raise  # it may have landed: stays unsure
            except EchoMismatchError:
                self.ledger.settle_create(dest, p.session_id, token)  # landed, id known
                raise
            except SyncError:
                self.ledger.settle_create(dest, p.session_id, token)  # refused: didn't land
                raise
        else:
            entry = await self.backend.update(remote_id, session)
        self.ledger.succeeded(dest, p.session_id, p.outbox_id, entry.remote_id, create_token=token)

    async def _reconcile(self) -> int:
        """Delete the twins that late commits of lost creates left; settle a session once the
        window for late commits has passed and a look after it found it single."""
        removed = 0
        dest = self.destination
        unsure = self.ledger.unsure(dest)
        if not unsure:
            return 0
        owned = self.ledger.remote_ids(dest)
        for session_id, creates in unsure.items():
            if self._paused is not None or self._stopped is not None:
                break
            looked_at = self._now()
            try:
                removed += await self._remove_twins(session_id, creates, owned)
            except AuthError as exc:
                self._pause(exc)
                break
            except TransientError as exc:
                self._note_stop(exc)
                log.info("looking for twins of %s failed (%s); next run", session_id, exc)
                continue
            except SyncError as exc:
                log.warning("looking for twins of %s failed: %s", session_id, exc)
                continue
            last = max(at for _, at in creates)
            if looked_at >= last + LATE_COMMIT_WINDOW:
                self.ledger.settle(dest, session_id, last)
        return removed

    async def _remove_twins(
        self,
        session_id: uuid.UUID,
        creates: list[tuple[WorkSession, datetime]],
        owned: dict[str, uuid.UUID],
    ) -> int:
        removed = 0
        # Each distinct version sent may have landed as often as it was sent unsure.
        versions: dict[tuple[datetime, datetime | None, int, str], list[WorkSession]] = {}
        for sent, _ in creates:
            key = (sent.start, sent.end, break_minutes(sent), sent.note)
            versions.setdefault(key, []).append(sent)
        for sent_list in versions.values():
            sent = sent_list[0]
            twins = [
                e
                for e in await self.backend.find_all(sent)
                if e.remote_id not in owned  # ours, or another session's: never a twin
                and matches(e, sent)
                and e.note == sent.note
            ]
            for entry in twins[: len(sent_list)]:
                await self.backend.delete(entry.remote_id)
                removed += 1
                log.warning(
                    "removed a second record (%s) of session %s that a late commit left",
                    entry.remote_id,
                    session_id,
                )
        return removed

    def _retry(self, p: PendingUpload, exc: TransientError, *, ambiguous: bool) -> None:
        wait = backoff(p.attempts, exc.retry_after, self._rng)
        log.info("upload of %s failed (%s); next try in %s", p.session_id, exc, wait)
        self.ledger.retry_later(
            self.destination,
            p.session_id,
            self._now() + wait,
            exc,
            ambiguous=ambiguous,
            server_said=exc.retry_after is not None,
        )
        self._note_stop(exc)

    def _note_stop(self, exc: TransientError) -> None:
        """No answer at all, or "slow down": the rest of this run would fare no better."""
        if self._stopped is None and (exc.unreachable or exc.retry_after is not None):
            self._stopped = exc

    def _pause(self, reason: UserError) -> None:
        if self._paused is None:
            self._paused = reason
            log.warning("uploads to %s paused: %s", self.backend.name, reason)
            self.ledger.pause(self.destination, reason)
