"""The uploader: drains the outbox to one backend, exactly once, whatever the network does.

Per session, only the newest change is sent (creates, then updates or deletes, in order);
independent sessions go in parallel up to a bound. Errors are sorted by kind:

- transient (connection trouble, timeouts, 5xx, 429): retried later with exponential backoff and
  jitter, the next attempt time kept in the store, ``Retry-After`` honoured;
- ambiguous (a write whose answer was lost): the next attempt first asks the server whether the
  write landed and adopts that record instead of creating a second one;
- permanent (other 4xx, an echo that differs): that one change is parked as "needs attention"
  with the server's words, the rest go on;
- auth (401/403): the whole backend pauses until the credentials change — no retry storm.
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

from clockapp.domain.session import WorkSession
from clockapp.storage import Change, Store
from clockapp.storage.uploads import PendingUpload, UploadLedger, UploadStatus
from clockapp.sync.backend import (
    AmbiguousWriteError,
    AuthError,
    Backend,
    EchoMismatchError,
    PermanentError,
    RemoteEntry,
    SyncError,
    TransientError,
)

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
#: A server asking for more than this is capped: uploads must not stall for a day.
LONGEST_RETRY_AFTER = timedelta(hours=6)


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

    @property
    def all_done(self) -> bool:
        return self.paused is None and not any(self.left.values())


class _Paused(Exception):
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
    ) -> None:
        self.ledger = UploadLedger(store)
        self.backend = backend
        self._now = now
        self._limit = asyncio.Semaphore(concurrency)
        self._rng = rng
        # Unique per process and run: a claim by a dead process is told from a live one by age.
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._paused: str | None = None

    async def run_once(self) -> SyncResult:
        """Send everything due now; return what happened and what is left."""
        result = SyncResult()
        name = self.backend.name
        self._paused = self.ledger.paused(name)
        seen: set[uuid.UUID] = set()
        while self._paused is None:
            due = [sid for sid in self.ledger.due(name, self._now()) if sid not in seen]
            if not due:
                break
            seen.update(due)
            outcomes = await asyncio.gather(*(self._guarded(sid) for sid in due))
            result.uploaded += sum(outcomes)
        result.paused = self._paused
        result.left = self.ledger.counts(name, self._now())
        return result

    async def _guarded(self, session_id: uuid.UUID) -> bool:
        async with self._limit:
            if self._paused is not None:
                return False
            try:
                return await self._upload(session_id)
            except _Paused:
                return False

    async def _upload(self, session_id: uuid.UUID) -> bool:
        name = self.backend.name
        pending = self.ledger.claim(name, session_id, self._owner, self._now())
        if pending is None:
            return False
        try:
            await self._send(pending)
        except AuthError as exc:
            self.ledger.release(name, session_id)
            self._pause(str(exc))
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
            self.ledger.adopted(name, session_id, exc.remote_id)
            self.ledger.needs_attention(name, session_id, pending.outbox_id, str(exc))
            return False
        except PermanentError as exc:
            log.warning("upload of %s parked: %s", session_id, exc)
            self.ledger.needs_attention(name, session_id, pending.outbox_id, str(exc))
            return False
        except SyncError as exc:  # a configuration the backend can't work with at all
            self.ledger.release(name, session_id)
            self._pause(str(exc))
            raise _Paused from exc
        # Anything else (a bug, a cancellation) propagates with the claim kept: the write may
        # have gone out, so the claim goes stale and the next run looks the entry up first.
        return True

    async def _send(self, p: PendingUpload) -> None:
        name = self.backend.name
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
            self.ledger.adopted(name, p.session_id, remote_id)
        if p.change is Change.DELETED:
            if remote_id is not None:
                await self.backend.delete(remote_id)
            self.ledger.succeeded(name, p.session_id, p.outbox_id, None)
            return
        session = p.session
        assert session is not None and session.end is not None
        if found is not None and matches(found, session):
            self.ledger.succeeded(name, p.session_id, p.outbox_id, found.remote_id)
            return
        self.ledger.sending(name, p.session_id, session)
        if remote_id is None:
            entry = await self.backend.create(session)
        else:
            entry = await self.backend.update(remote_id, session)
        self.ledger.succeeded(name, p.session_id, p.outbox_id, entry.remote_id)

    def _retry(self, p: PendingUpload, exc: TransientError, *, ambiguous: bool) -> None:
        wait = backoff(p.attempts, exc.retry_after, self._rng)
        log.info("upload of %s failed (%s); next try in %s", p.session_id, exc, wait)
        self.ledger.retry_later(
            self.backend.name, p.session_id, self._now() + wait, str(exc), ambiguous=ambiguous
        )

    def _pause(self, reason: str) -> None:
        if self._paused is None:
            self._paused = reason
            log.warning("uploads to %s paused: %s", self.backend.name, reason)
            self.ledger.pause(self.backend.name, reason)
