"""The clock state machine: off → working ⇄ on break → off.

Each move takes the current open session (or None) and the neighbouring sessions, and returns
the new version of the session; it never touches storage. A refused move raises ``ClockError``.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from clockapp.domain.errors import ClockError
from clockapp.domain.session import (
    FUTURE_TOLERANCE,
    BreakSegment,
    WorkSession,
    utc,
    validate_session,
)


class ClockState(enum.Enum):
    OFF = "off"
    WORKING = "working"
    ON_BREAK = "on_break"


def state_of(open_session: WorkSession | None) -> ClockState:
    if open_session is None:
        return ClockState.OFF
    return ClockState.ON_BREAK if open_session.open_break is not None else ClockState.WORKING


def _check_time(open_session: WorkSession | None, at: datetime, now: datetime) -> None:
    if at > utc(now) + FUTURE_TOLERANCE:
        raise ClockError("That time is in the future.")
    if open_session is not None and at < open_session.last_event_at():
        raise ClockError(
            "That time is before your previous clock event; events must follow each other in time."
        )


def clock_in(
    open_session: WorkSession | None,
    others: list[WorkSession],
    at: datetime,
    now: datetime,
    zone: str,
    session_id: uuid.UUID,
    note: str = "",
) -> WorkSession:
    """Start a new session at ``at`` (may be back-dated)."""
    at = utc(at)
    if open_session is not None:
        raise ClockError("You are already clocked in.")
    _check_time(None, at, now)
    session = WorkSession(id=session_id, start=at, zone=zone, note=note)
    validate_session(session, others, now)
    return session


def start_break(open_session: WorkSession | None, at: datetime, now: datetime) -> WorkSession:
    at = utc(at)
    state = state_of(open_session)
    if open_session is None:
        raise ClockError("You can't start a break: you are not clocked in.")
    if state is ClockState.ON_BREAK:
        raise ClockError("You are already on a break.")
    _check_time(open_session, at, now)
    return open_session.with_changes(breaks=(*open_session.breaks, BreakSegment(start=at)))


def end_break(open_session: WorkSession | None, at: datetime, now: datetime) -> WorkSession:
    at = utc(at)
    if open_session is None:
        raise ClockError("You can't end a break: you are not clocked in.")
    running = open_session.open_break
    if running is None:
        raise ClockError("You are not on a break.")
    _check_time(open_session, at, now)
    if at == running.start:
        # A zero-length break is no break: drop it rather than record nothing.
        return open_session.with_changes(breaks=open_session.breaks[:-1])
    ended = BreakSegment(start=running.start, end=at)
    return open_session.with_changes(breaks=(*open_session.breaks[:-1], ended))


def clock_out(
    open_session: WorkSession | None,
    others: list[WorkSession],
    at: datetime,
    now: datetime,
    note: str | None = None,
) -> WorkSession:
    """Finish the open session at ``at``; a running break is ended first, at the same instant."""
    at = utc(at)
    if open_session is None:
        raise ClockError("You can't clock out: you are not clocked in.")
    session = open_session
    if session.open_break is not None:
        session = end_break(session, at, now)
    _check_time(session, at, now)
    if at == session.start:
        raise ClockError("Clocking out at the moment you clocked in would record no work.")
    changes: dict[str, object] = {"end": at}
    if note is not None:
        changes["note"] = note
    finished = session.with_changes(**changes)
    validate_session(finished, others, now)
    return finished
