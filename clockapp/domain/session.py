"""Work sessions and their break segments.

Every instant is a timezone-aware ``datetime`` in UTC; each session also keeps the IANA zone it
was recorded in, so it can be shown as the person saw it. Durations are UTC differences, which
makes them correct across DST changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from clockapp.domain.errors import ClockError
from clockapp.domain.zones import local

MAX_SESSION = timedelta(hours=24)
#: How far in the future an event may lie: clocks of two machines are rarely in step.
FUTURE_TOLERANCE = timedelta(minutes=1)


def utc(instant: datetime) -> datetime:
    """``instant`` converted to UTC; a naive datetime is a programming error."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: every instant must carry its zone")
    return instant.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class BreakSegment:
    """A break inside a session; ``end`` is None while the break is running."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", utc(self.start))
        if self.end is not None:
            object.__setattr__(self, "end", utc(self.end))

    def seconds(self, now: datetime) -> float:
        """Length in seconds; a running break counts up to ``now``."""
        return ((self.end or now) - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class WorkSession:
    """One stretch of work from clock in to clock out, with its breaks (sorted by start)."""

    id: uuid.UUID
    start: datetime
    zone: str
    end: datetime | None = None
    breaks: tuple[BreakSegment, ...] = ()
    note: str = ""
    #: Ended by something other than the user (an automatic clock-out): shown for review.
    flagged: bool = field(default=False)
    #: Added or changed by a person by hand (not only by clocking): TimeTrack's ``manual``.
    by_hand: bool = field(default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", utc(self.start))
        if self.end is not None:
            object.__setattr__(self, "end", utc(self.end))
        object.__setattr__(self, "breaks", tuple(sorted(self.breaks, key=lambda b: b.start)))

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def open_break(self) -> BreakSegment | None:
        last = self.breaks[-1] if self.breaks else None
        return last if last is not None and last.end is None else None

    def effective_end(self, now: datetime) -> datetime:
        """The end, or ``now`` while the session runs."""
        return self.end if self.end is not None else utc(now)

    def break_seconds(self, now: datetime) -> float:
        return sum(b.seconds(now) for b in self.breaks)

    def worked_seconds(self, now: datetime) -> float:
        """Time worked in seconds: session length minus breaks."""
        total = (self.effective_end(now) - self.start).total_seconds()
        return total - self.break_seconds(now)

    def last_event_at(self) -> datetime:
        """The latest instant recorded in this session (start, a break edge, or the end)."""
        instants = [self.start]
        for b in self.breaks:
            instants.append(b.start)
            if b.end is not None:
                instants.append(b.end)
        if self.end is not None:
            instants.append(self.end)
        return max(instants)

    def with_changes(self, **changes: object) -> WorkSession:
        return replace(self, **changes)  # type: ignore[arg-type]


def new_session_id() -> uuid.UUID:
    return uuid.uuid4()


def validate_session(session: WorkSession, others: list[WorkSession], now: datetime) -> None:
    """Raise ``ClockError`` unless ``session`` is consistent and overlaps none of ``others``.

    ``others`` are the neighbouring sessions (the session itself may be among them; it is
    skipped by id). An open session runs until ``now``.
    """
    now = utc(now)
    limit = now + FUTURE_TOLERANCE
    if session.start > limit:
        raise ClockError(
            "The start {start} is in the future.", start=_show(session.start, session.zone)
        )
    if session.end is not None:
        if session.end <= session.start:
            raise ClockError("The end must come after the start.")
        if session.end > limit:
            raise ClockError(
                "The end {end} is in the future.", end=_show(session.end, session.zone)
            )
    end = session.effective_end(now)
    if session.end is not None and session.end - session.start > MAX_SESSION:
        raise ClockError(
            "A session can't be longer than 24 hours; give the time you really stopped."
        )
    previous_end: datetime | None = None
    for i, b in enumerate(session.breaks):
        if b.end is None and (i != len(session.breaks) - 1 or session.end is not None):
            raise ClockError("Only the last break of a running session can still be running.")
        if b.end is not None and b.end <= b.start:
            raise ClockError("A break must end after it starts.")
        if b.start < session.start or (b.end or b.start) > end or b.start > end:
            shown = {
                "at": _show(b.start, session.zone),
                "start": _show(session.start, session.zone),
            }
            if session.end is None:
                raise ClockError(
                    "The break from {at} lies outside the session ({start} to now).", **shown
                )
            raise ClockError(
                "The break from {at} lies outside the session ({start} to {end}).",
                end=_show(session.end, session.zone),
                **shown,
            )
        if b.end is not None and b.end > limit:
            raise ClockError("A break can't end in the future.")
        if previous_end is not None and b.start < previous_end:
            raise ClockError("Breaks can't overlap each other.")
        previous_end = b.end
    for other in others:
        if other.id == session.id:
            continue
        if session.start < other.effective_end(now) and other.start < end:
            if other.end is None:
                raise ClockError(
                    "This overlaps the session from {start} to now (still running).",
                    start=_show(other.start, other.zone),
                )
            raise ClockError(
                "This overlaps the session from {start} to {end}.",
                start=_show(other.start, other.zone),
                end=_show(other.end, other.zone),
            )


def _show(instant: datetime, zone: str) -> str:
    """An instant as a person reads it: local date and time in the session's zone."""
    return local(instant, zone).strftime("%Y-%m-%d %H:%M")
