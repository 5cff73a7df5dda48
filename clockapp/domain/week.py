"""Day and week totals, targets, overtime: the week review, modelled on 4me timesheets.

A session counts toward each local day (in the viewer's zone) with the seconds that lie inside
that day, so a session across midnight is split, and DST days are 23 or 25 hours long. Minutes
are whole minutes rounded down; a week's total is rounded down once, from the summed seconds.
Like 4me's ``remaining_time``, the remaining minutes are the week's target minus the time spent
(never below zero); what lies beyond the target is overtime.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from clockapp.domain.errors import ClockError
from clockapp.domain.session import WorkSession, utc
from clockapp.domain.zones import day_bounds, local, local_days

__all__ = [
    "DayTotal",
    "Targets",
    "Violation",
    "WeekReport",
    "floor_minutes",
    "monday_of",
    "split_by_day",
    "week_report",
]

#: The most minutes a day can have as its target.
MAX_TARGET_MIN = 24 * 60

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def floor_minutes(seconds: float) -> int:
    """Whole minutes in ``seconds``, rounded down.

    Seconds come from ``timedelta``s (whole microseconds); going back to integer microseconds
    first keeps float noise in a sum (e.g. 28799.999999999996 for 8 h) from losing a minute.
    """
    return round(seconds * 1_000_000) // 60_000_000


@dataclass(frozen=True, slots=True)
class Targets:
    """Target minutes per weekday, Monday to Sunday (default: 8 h on workdays, none at weekends).

    Each value is a whole number of minutes from 0 to 1440; anything else is a ``ClockError``.
    """

    mon: int = 480
    tue: int = 480
    wed: int = 480
    thu: int = 480
    fri: int = 480
    sat: int = 0
    sun: int = 0

    def __post_init__(self) -> None:
        for name, value in zip(_DAY_NAMES, astuple(self), strict=True):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ClockError(
                    "The target for {day} must be a whole number of minutes, not {value!r}.",
                    day=name,
                    value=value,
                )
            if not 0 <= value <= MAX_TARGET_MIN:
                raise ClockError(
                    "The target for {day} must be between 0 and {most} minutes (24 hours); "
                    "{value} is not.",
                    day=name,
                    most=MAX_TARGET_MIN,
                    value=value,
                )

    @property
    def minutes(self) -> tuple[int, int, int, int, int, int, int]:
        """The seven targets, Monday first."""
        return (self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun)

    def for_day(self, day: date) -> int:
        """Target minutes for ``day`` (by its weekday)."""
        return self.minutes[day.weekday()]


@dataclass(frozen=True, slots=True)
class DayTotal:
    """One local day: seconds worked and on break, its target, and whether it is locked."""

    date: date
    worked_seconds: float
    break_seconds: float
    target_min: int
    locked: bool = False

    @property
    def worked_min(self) -> int:
        return floor_minutes(self.worked_seconds)

    @property
    def break_min(self) -> int:
        return floor_minutes(self.break_seconds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "worked_min": self.worked_min,
            "break_min": self.break_min,
            "target_min": self.target_min,
            "locked": self.locked,
        }


@dataclass(frozen=True, slots=True)
class Violation:
    """A working-time rule a day breaks; reported, never enforced.

    ``rule`` is one of the ids in :mod:`clockapp.domain.rules` (``"break_30_after_6h"``,
    ``"break_45_after_9h"``, ``"max_10h_per_day"``, ``"rest_11h"``); ``message`` is a sentence
    for people, with the numbers.
    """

    date: date
    rule: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "rule": self.rule, "message": self.message}


@dataclass(frozen=True, slots=True)
class WeekReport:
    """Monday to Sunday: the seven days, the totals against the target, and rule violations."""

    week_of: date
    days: tuple[DayTotal, ...]
    violations: tuple[Violation, ...] = ()

    def __post_init__(self) -> None:
        expected = [self.week_of + timedelta(days=i) for i in range(7)]
        if self.week_of.weekday() != 0 or [d.date for d in self.days] != expected:
            raise ValueError("a week report holds the seven days from a Monday, in order")
        object.__setattr__(self, "violations", tuple(sorted(self.violations, key=lambda v: v.date)))

    @property
    def total_min(self) -> int:
        """Minutes worked in the week: the summed seconds, rounded down once."""
        return floor_minutes(sum(d.worked_seconds for d in self.days))

    @property
    def target_min(self) -> int:
        return sum(d.target_min for d in self.days)

    @property
    def remaining_min(self) -> int:
        """What is left to reach the target (4me's ``remaining_time``); 0 once it is reached."""
        return max(0, self.target_min - self.total_min)

    @property
    def overtime_min(self) -> int:
        return max(0, self.total_min - self.target_min)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: dates as ``YYYY-MM-DD``, durations in whole minutes."""
        return {
            "week_of": self.week_of.isoformat(),
            "days": [d.to_dict() for d in self.days],
            "total_min": self.total_min,
            "target_min": self.target_min,
            "remaining_min": self.remaining_min,
            "overtime_min": self.overtime_min,
            "violations": [v.to_dict() for v in self.violations],
        }


def monday_of(day: date) -> date:
    """The Monday of the (ISO, Monday-to-Sunday) week holding ``day``."""
    return day - timedelta(days=day.weekday())


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


def week_report(
    sessions: Iterable[WorkSession],
    week_of: date,
    zone_name: str,
    now: datetime,
    targets: Targets,
    locked_days: Collection[date],
) -> WeekReport:
    """The report for the Monday-to-Sunday week holding ``week_of`` (any day of it).

    ``sessions``: every session that may touch the week or the day before it (the 11-hour rest
    rule looks back across Monday 00:00); sessions outside the week only feed that rule.
    Days are local days in ``zone_name``, the viewer's zone.
    """
    # Imported here, not at the top: the rules build on ``split_by_day`` and ``Violation``
    # from this module, and the report builds on the rules.
    from clockapp.domain.rules import check_working_time

    sessions = list(sessions)
    monday = monday_of(week_of)
    days = [monday + timedelta(days=i) for i in range(7)]
    worked = dict.fromkeys(days, timedelta(0))
    paused = dict.fromkeys(days, timedelta(0))
    for session in sessions:
        for day, (w, b) in split_by_day(session, zone_name, now).items():
            if day in worked:
                worked[day] += timedelta(seconds=w)
                paused[day] += timedelta(seconds=b)
    totals = tuple(
        DayTotal(
            date=day,
            worked_seconds=worked[day].total_seconds(),
            break_seconds=paused[day].total_seconds(),
            target_min=targets.for_day(day),
            locked=day in locked_days,
        )
        for day in days
    )
    violations = check_working_time(sessions, days, zone_name, now)
    return WeekReport(week_of=monday, days=totals, violations=tuple(violations))
