"""Working-time checks after the German Arbeitszeitgesetz (ArbZG); they report, never block.

Per local day (in the viewer's zone):

- more than 6 hours of work need at least 30 minutes of breaks, more than 9 hours at least 45;
  only breaks of 15 minutes or more count (§ 4);
- at most 10 hours of work a day (§ 3);
- at least 11 hours of rest between the end of one working day and the start of the next (§ 5).

Durations are seconds unless a name says minutes; all instants are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import pairwise

from clockapp.domain.session import WorkSession, utc
from clockapp.domain.week import Violation, floor_minutes, split_by_day
from clockapp.domain.zones import day_bounds, local

#: More work than this in a day needs ``FIRST_BREAK_MIN`` minutes of breaks.
FIRST_BREAK_AFTER_S = 6 * 3600.0
FIRST_BREAK_MIN = 30
#: More work than this in a day needs ``SECOND_BREAK_MIN`` minutes of breaks in all.
SECOND_BREAK_AFTER_S = 9 * 3600.0
SECOND_BREAK_MIN = 45
#: Breaks shorter than this don't count toward the required break.
MIN_COUNTED_BREAK_S = 15 * 60.0
#: The most work a day may hold.
MAX_DAILY_WORK_S = 10 * 3600.0
#: The least rest between two working days.
MIN_REST_S = 11 * 3600.0

RULE_BREAK_30 = "break_30_after_6h"
RULE_BREAK_45 = "break_45_after_9h"
RULE_MAX_10H = "max_10h_per_day"
RULE_REST_11H = "rest_11h"
#: The order violations of one day are listed in.
RULES = (RULE_BREAK_30, RULE_BREAK_45, RULE_MAX_10H, RULE_REST_11H)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def required_break_minutes(worked_seconds: float) -> int:
    """Minutes of breaks the law requires for a day with ``worked_seconds`` of work: 0, 30, 45."""
    if worked_seconds > SECOND_BREAK_AFTER_S:
        return SECOND_BREAK_MIN
    if worked_seconds > FIRST_BREAK_AFTER_S:
        return FIRST_BREAK_MIN
    return 0


def day_worked_seconds(
    sessions: Iterable[WorkSession], day: date, zone_name: str, now: datetime
) -> float:
    """Seconds worked on local ``day``, across all ``sessions`` (open ones up to ``now``)."""
    total = timedelta(0)
    for session in sessions:
        worked, _ = split_by_day(session, zone_name, now).get(day, (0.0, 0.0))
        total += timedelta(seconds=worked)
    return total.total_seconds()


def qualifying_break_seconds(
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


def check_working_time(
    sessions: Iterable[WorkSession], days: Iterable[date], zone_name: str, now: datetime
) -> list[Violation]:
    """Violations on the local ``days`` (in ``zone_name``), by date, then in ``RULES`` order.

    ``sessions`` may include neighbours outside ``days``: the rest rule looks at the session
    before each day's first one. Open sessions count up to ``now``.
    """
    now = utc(now)
    ordered = sorted(sessions, key=lambda s: s.start)
    wanted = sorted(set(days))
    found: list[Violation] = []
    for day in wanted:
        worked = day_worked_seconds(ordered, day, zone_name, now)
        required = required_break_minutes(worked)
        if required:
            taken = qualifying_break_seconds(ordered, day, zone_name, now)
            if taken < required * 60:
                found.append(_break_violation(day, worked, taken, required))
        if worked > MAX_DAILY_WORK_S:
            found.append(
                Violation(
                    day,
                    RULE_MAX_10H,
                    f"You worked {_duration(worked)} on {_day(day)}; "
                    f"at most {_hours(MAX_DAILY_WORK_S)} of work a day are allowed.",
                )
            )
    found.extend(_rest_violations(ordered, set(wanted), zone_name))
    found.sort(key=lambda v: (v.date, RULES.index(v.rule)))
    return found


def _break_violation(day: date, worked: float, taken: float, required: int) -> Violation:
    rule, after = (
        (RULE_BREAK_45, SECOND_BREAK_AFTER_S)
        if required == SECOND_BREAK_MIN
        else (RULE_BREAK_30, FIRST_BREAK_AFTER_S)
    )
    counted = f"{_duration(MIN_COUNTED_BREAK_S)} or more"
    took = (
        f"took only {_duration(taken)} of breaks of {counted}"
        if floor_minutes(taken)
        else f"took no break of {counted}"
    )
    return Violation(
        day,
        rule,
        f"You worked {_duration(worked)} on {_day(day)} but {took}; "
        f"{required} min are required after {_hours(after)}.",
    )


def _rest_violations(
    ordered: list[WorkSession], days: set[date], zone_name: str
) -> list[Violation]:
    """Rest shorter than 11 h before a session that starts a later local day than the one
    before it started; dated by the later session's start day."""
    found: list[Violation] = []
    for a, b in pairwise(ordered):
        if a.end is None:
            continue
        b_start = local(b.start, zone_name)
        if b_start.date() not in days or b_start.date() <= local(a.start, zone_name).date():
            continue
        rest = (b.start - a.end).total_seconds()
        if rest < MIN_REST_S:
            found.append(
                Violation(
                    b_start.date(),
                    RULE_REST_11H,
                    f"You started work on {_day(b_start.date())} at "
                    f"{b_start.strftime('%H:%M')} after only {_duration(max(0.0, rest))} of "
                    f"rest; at least {_hours(MIN_REST_S)} are required between two working "
                    "days.",
                )
            )
    return found


def _duration(seconds: float) -> str:
    """``7 h 10 min``, ``6 h``, ``20 min`` (rounded down to the minute)."""
    hours, minutes = divmod(floor_minutes(seconds), 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def _hours(seconds: float) -> str:
    return f"{floor_minutes(seconds) // 60} hours"


def _day(day: date) -> str:
    """``Tue 24 Nov``, in English whatever the process locale (Qt sets it from the system)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
