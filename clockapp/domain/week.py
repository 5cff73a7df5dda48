"""Day and week totals, targets, overtime: the week review, modelled on 4me timesheets.

Each day's time comes from :mod:`clockapp.domain.timeline` (split at local midnight,
DST-correct, whole minutes rounded down); a week's total is rounded down once, from the summed
seconds. Like 4me's ``remaining_time``, the remaining minutes are the week's target minus the
time spent (never below zero); what lies beyond the target is overtime.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from clockapp.domain.errors import ClockError
from clockapp.domain.rules import Violation, check_working_time
from clockapp.domain.session import WorkSession, utc
from clockapp.domain.shifts import Shift, planned_by_day, planned_minutes
from clockapp.domain.targets import Absence, target_for
from clockapp.domain.timeline import DayMinutes, counted_break_seconds, day_times, floor_minutes
from clockapp.domain.zones import local

__all__ = [
    "DayTotal",
    "Targets",
    "WeekReport",
    "day_totals",
    "monday_of",
    "week_report",
]

#: The most minutes a day can have as its target.
MAX_TARGET_MIN = 24 * 60

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
class DayTotal(DayMinutes):
    """One local day: seconds worked and on break, its target, and whether it is locked."""

    date: date
    worked_seconds: float
    break_seconds: float
    target_min: int
    locked: bool = False
    #: The part of the breaks the law counts (15 min or more; gaps between sessions too).
    counted_break_seconds: float = 0.0
    #: The user's planned shifts inside the day (local start and end), in order.
    planned: tuple[tuple[datetime, datetime], ...] = ()

    @property
    def planned_seconds(self) -> float:
        # In UTC: local times of one zone subtract by wall clock, wrong across a DST change.
        return sum((utc(end) - utc(start)).total_seconds() for start, end in self.planned)

    @property
    def planned_min(self) -> int:
        return floor_minutes(self.planned_seconds)

    #: The public holiday's name, if the day is one.
    holiday: str | None = None
    #: The kind of absence recorded for the day (``vacation``, ``sick`` …), if any.
    absence: str | None = None
    #: A session touching the day was confirmed by a manager (Papershift): changing the day
    #: shows up for them as a change.
    confirmed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "worked_min": self.worked_min,
            "break_min": self.break_min,
            "counted_break_min": self.counted_break_min,
            "target_min": self.target_min,
            "locked": self.locked,
            "planned_min": self.planned_min,
            "planned": [
                {"start": start.isoformat(), "end": end.isoformat()} for start, end in self.planned
            ],
            "holiday": self.holiday,
            "absence": self.absence,
            "confirmed": self.confirmed,
        }


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


def day_totals(
    sessions: Iterable[WorkSession],
    first: date,
    last: date,
    zone_name: str,
    now: datetime,
    targets: Targets,
    locked_days: Collection[date],
    holidays: Mapping[date, str] | None = None,
    absences: Mapping[date, Absence] | None = None,
    shifts: Iterable[Shift] = (),
    confirmed: Collection[uuid.UUID] = (),
    target_from_plan: bool = False,
) -> list[DayTotal]:
    """Each local day from ``first`` to ``last`` inclusive: its time (from
    :mod:`~clockapp.domain.timeline`) and its target (from
    :func:`~clockapp.domain.targets.target_for`). The week, the month and the balance are
    built from these. ``holidays``: date → name; ``absences``: date → absence, as
    :func:`~clockapp.domain.targets.absence_days` gives them; ``shifts``: the user's planned
    shifts; ``confirmed``: the ids of sessions a manager has confirmed (a day they touch is
    confirmed); ``target_from_plan``: each day's target is its planned minutes (the setting
    ``target_from_shifts``; ``absences`` then as :func:`absence_days` gives them with the plan).
    """
    holidays = holidays or {}
    absences = absences or {}
    shifts = list(shifts)
    planned = planned_by_day(shifts, zone_name)
    plan_targets = planned_minutes(shifts, zone_name) if target_from_plan else None
    sessions = list(sessions)
    times = day_times(sessions, first, last, zone_name, now)
    # Each day's counted breaks look only at the sessions touching it (a gap between two
    # sessions inside a day has both touching it): linear in sessions, not days × sessions.
    touching: dict[date, list[WorkSession]] = {}
    for session in sessions:
        lo = local(session.start, zone_name).date()
        hi = local(session.effective_end(now), zone_name).date()
        for i in range((hi - lo).days + 1):
            touching.setdefault(lo + timedelta(days=i), []).append(session)
    totals = []
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        worked, paused = times.get(day, (0.0, 0.0))
        totals.append(
            DayTotal(
                date=day,
                worked_seconds=worked,
                break_seconds=paused,
                target_min=target_for(day, targets, holidays, absences, plan_targets),
                locked=day in locked_days,
                counted_break_seconds=(
                    counted_break_seconds(touching[day], day, zone_name, now)
                    if day in touching
                    else 0.0
                ),
                planned=tuple(planned.get(day, ())),
                holiday=holidays.get(day),
                absence=absences[day].kind if day in absences else None,
                confirmed=any(s.id in confirmed for s in touching.get(day, ())),
            )
        )
    return totals


def week_report(
    sessions: Iterable[WorkSession],
    week_of: date,
    zone_name: str,
    now: datetime,
    targets: Targets,
    locked_days: Collection[date],
    holidays: Mapping[date, str] | None = None,
    absences: Mapping[date, Absence] | None = None,
    shifts: Iterable[Shift] = (),
    confirmed: Collection[uuid.UUID] = (),
    target_from_plan: bool = False,
) -> WeekReport:
    """The report for the Monday-to-Sunday week holding ``week_of`` (any day of it).

    ``sessions``: every session that may touch the week or the day before it (the 11-hour rest
    rule looks back across Monday 00:00); sessions outside the week only feed that rule.
    Days are local days in ``zone_name``, the viewer's zone; see :func:`day_totals`.
    ``shifts``: the user's planned shifts, each day getting the part of them inside it;
    ``confirmed``: the ids of sessions a manager has confirmed; ``target_from_plan``: targets
    from the planned shifts (see :func:`day_totals`).
    """
    sessions = list(sessions)
    monday = monday_of(week_of)
    sunday = monday + timedelta(days=6)
    totals = day_totals(
        sessions,
        monday,
        sunday,
        zone_name,
        now,
        targets,
        locked_days,
        holidays,
        absences,
        shifts,
        confirmed,
        target_from_plan,
    )
    days = [d.date for d in totals]
    violations = check_working_time(sessions, days, zone_name, now)
    return WeekReport(week_of=monday, days=tuple(totals), violations=tuple(violations))
