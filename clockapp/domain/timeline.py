"""A day's time: the one place that says how sessions become time on a local day.

The week and its rules, ``status``, the popup and the reminders all ask here, so they cannot
disagree. A session counts toward each local day (in the viewer's zone) with the seconds that lie
inside it: a session or break across midnight is split, and DST days are 23 or 25 hours long.

Breaks count toward the legal break (ArbZG § 4) only from ``MIN_COUNTED_BREAK_S`` on; a gap
between two sessions of one day is such a break too. Minutes are whole minutes rounded down
(:func:`floor_minutes`), from summed seconds. Durations are seconds unless a name says minutes;
all instants are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from clockapp.domain.session import WorkSession, utc
from clockapp.domain.zones import day_bounds, local, local_days

#: Breaks shorter than this don't count toward the required break (ArbZG § 4: "at least 15
#: minutes each").
MIN_COUNTED_BREAK_S = 15 * 60.0


def floor_minutes(seconds: float) -> int:
    """Whole minutes in ``seconds``, rounded down.

    Seconds come from ``timedelta``s (whole microseconds); going back to integer microseconds
    first keeps float noise in a sum (e.g. 28799.999999999996 for 8 h) from losing a minute.
    """
    return round(seconds * 1_000_000) // 60_000_000


def hours_and_minutes(seconds: float) -> tuple[int, int]:
    """``seconds`` as whole hours and the minutes past them, rounded down (never negative):
    what every front end shows a duration from, in its own words."""
    return divmod(max(floor_minutes(seconds), 0), 60)


def _overlap(start: datetime, end: datetime, lo: datetime, hi: datetime) -> timedelta:
    """How much of ``[start, end)`` lies inside ``[lo, hi)``."""
    return max(timedelta(0), min(end, hi) - max(start, lo))


def split_by_day(
    session: WorkSession, zone_name: str, now: datetime
) -> dict[date, tuple[float, float]]:
    """Worked and break seconds of ``session`` per local day in ``zone_name``.

    Each day gets the seconds of the session (and of each break) that lie inside it, so a
    session or a break across midnight counts toward both days. An open session counts up to
    ``now``, a running break too. Days the session only touches at an edge (it ends at
    midnight) are left out; a session of no length yet (just clocked in) gives its start day
    with zeros. The days' values add up to ``session.worked_seconds(now)`` and
    ``session.break_seconds(now)`` for a consistent session.
    """
    now = utc(now)
    start = session.start
    end = max(start, session.effective_end(now))
    spans: list[tuple[datetime, datetime]] = []
    for b in session.breaks:
        b_start = max(b.start, start)
        b_end = min(b.end if b.end is not None else now, end)
        if b_end > b_start:
            spans.append((b_start, b_end))
    first = local(start, zone_name).date()
    result: dict[date, tuple[float, float]] = {}
    for day in local_days(start, end, zone_name):
        lo, hi = day_bounds(day, zone_name)
        inside = _overlap(start, end, lo, hi)
        if not inside and day != first:
            continue
        paused = sum((_overlap(s, e, lo, hi) for s, e in spans), timedelta(0))
        result[day] = ((inside - paused).total_seconds(), paused.total_seconds())
    return result


def counted_break_seconds(
    sessions: Iterable[WorkSession], day: date, zone_name: str, now: datetime
) -> float:
    """Break seconds on local ``day`` that count toward the required break.

    A break segment counts if it lasts ``MIN_COUNTED_BREAK_S`` or more (a running one: so far),
    with the part of it that lies inside the day; a break across midnight is one break, so it
    qualifies by its whole length and each day gets its part.

    A gap between two sessions is a break too when both lie on this day (the gap starts and
    ends inside it) and it lasts ``MIN_COUNTED_BREAK_S`` or more: the person clocked out for
    lunch and back in, which rests them as much as a break inside one session. A gap across
    midnight separates two days' work and is a break for neither.
    """
    now = utc(now)
    lo, hi = day_bounds(day, zone_name)
    ordered = sorted(sessions, key=lambda s: s.start)
    total = timedelta(0)
    for session in ordered:
        end = session.effective_end(now)
        for segment in session.breaks:
            seg_end = min(segment.end if segment.end is not None else now, end)
            if (seg_end - segment.start).total_seconds() >= MIN_COUNTED_BREAK_S:
                total += max(timedelta(0), min(seg_end, hi) - max(segment.start, lo))
    for before, after in pairwise(ordered):
        if before.end is None:
            continue
        gap = after.start - before.end
        if gap.total_seconds() >= MIN_COUNTED_BREAK_S and lo < before.end and after.start < hi:
            total += gap
    return total.total_seconds()


class DayMinutes:
    """A day's seconds as whole minutes, rounded down once (for every report of a day)."""

    __slots__ = ()
    worked_seconds: float
    break_seconds: float
    counted_break_seconds: float

    @property
    def worked_min(self) -> int:
        return floor_minutes(self.worked_seconds)

    @property
    def break_min(self) -> int:
        return floor_minutes(self.break_seconds)

    @property
    def counted_break_min(self) -> int:
        return floor_minutes(self.counted_break_seconds)


@dataclass(frozen=True, slots=True)
class DayTime(DayMinutes):
    """One local day's time from its sessions: worked, on break (every break inside a
    session), and the break seconds the law counts (long enough, gaps between sessions too)."""

    day: date
    worked_seconds: float
    break_seconds: float
    counted_break_seconds: float


def day_times(
    sessions: Iterable[WorkSession], first: date, last: date, zone_name: str, now: datetime
) -> dict[date, tuple[float, float]]:
    """Worked and break seconds of each local day from ``first`` to ``last`` that ``sessions``
    touch (from :func:`split_by_day`)."""
    worked: dict[date, timedelta] = {}
    paused: dict[date, timedelta] = {}
    for session in sessions:
        for day, (w, b) in split_by_day(session, zone_name, now).items():
            if first <= day <= last:
                worked[day] = worked.get(day, timedelta(0)) + timedelta(seconds=w)
                paused[day] = paused.get(day, timedelta(0)) + timedelta(seconds=b)
    return {d: (worked[d].total_seconds(), paused[d].total_seconds()) for d in worked}


def day_time(sessions: Iterable[WorkSession], day: date, zone_name: str, now: datetime) -> DayTime:
    """The time of local ``day`` across ``sessions`` (open ones up to ``now``); sessions that
    don't touch the day add nothing, so passing neighbours is fine."""
    sessions = list(sessions)
    worked, paused = day_times(sessions, day, day, zone_name, now).get(day, (0.0, 0.0))
    return DayTime(day, worked, paused, counted_break_seconds(sessions, day, zone_name, now))


def working_since(session: WorkSession | None) -> datetime | None:
    """Since when the current stretch runs: the running break's start while on a break, else
    the end of the last break (or the clock-in); None when not clocked in."""
    if session is None or session.end is not None:
        return None
    if session.open_break is not None:
        return session.open_break.start
    return max([session.start, *(b.end for b in session.breaks if b.end is not None)])
