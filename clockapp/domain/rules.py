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
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from clockapp.domain.session import WorkSession, utc
from clockapp.domain.timeline import MIN_COUNTED_BREAK_S, day_time, floor_minutes
from clockapp.domain.zones import local

#: More work than this in a day needs ``FIRST_BREAK_MIN`` minutes of breaks.
FIRST_BREAK_AFTER_S = 6 * 3600.0
FIRST_BREAK_MIN = 30
#: More work than this in a day needs ``SECOND_BREAK_MIN`` minutes of breaks in all.
SECOND_BREAK_AFTER_S = 9 * 3600.0
SECOND_BREAK_MIN = 45
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
#: Re-exported: the rules count breaks as the timeline does.
__all__ = ["MIN_COUNTED_BREAK_S", "RULES", "Violation", "check_working_time"]


@dataclass(frozen=True, slots=True)
class Violation:
    """A working-time rule a day breaks; reported, never enforced. It carries numbers, not
    words: each front end says it in the user's language.

    ``rule`` is one of ``RULES``. ``worked_seconds``: the day's work. ``actual_seconds``: what
    the day had of what the rule asks for (counted break, work, rest); ``limit_seconds``: what
    the rule asks (the break required, the most work, the least rest). ``started_at``: for the
    rest rule, when work started after too short a rest (UTC).
    """

    date: date
    rule: str
    worked_seconds: float
    actual_seconds: float
    limit_seconds: float
    started_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready numbers in whole minutes."""
        return {
            "date": self.date.isoformat(),
            "rule": self.rule,
            "worked_min": floor_minutes(self.worked_seconds),
            "actual_min": floor_minutes(max(self.actual_seconds, 0.0)),
            "limit_min": floor_minutes(self.limit_seconds),
            "started_at": self.started_at.isoformat() if self.started_at else None,
        }


def required_break_minutes(worked_seconds: float) -> int:
    """Minutes of breaks the law requires for a day with ``worked_seconds`` of work: 0, 30, 45."""
    if worked_seconds > SECOND_BREAK_AFTER_S:
        return SECOND_BREAK_MIN
    if worked_seconds > FIRST_BREAK_AFTER_S:
        return FIRST_BREAK_MIN
    return 0


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
        time = day_time(ordered, day, zone_name, now)
        worked = time.worked_seconds
        required = required_break_minutes(worked)
        if required and time.counted_break_seconds < required * 60:
            rule = RULE_BREAK_45 if required == SECOND_BREAK_MIN else RULE_BREAK_30
            found.append(Violation(day, rule, worked, time.counted_break_seconds, required * 60.0))
        if worked > MAX_DAILY_WORK_S:
            found.append(Violation(day, RULE_MAX_10H, worked, worked, MAX_DAILY_WORK_S))
    found.extend(_rest_violations(ordered, set(wanted), zone_name, now))
    found.sort(key=lambda v: (v.date, RULES.index(v.rule)))
    return found


def _rest_violations(
    ordered: list[WorkSession], days: set[date], zone_name: str, now: datetime
) -> list[Violation]:
    """Rest shorter than 11 h before a session that starts a later local day than the one
    before it started; dated by the later session's start day."""
    found: list[Violation] = []
    for a, b in pairwise(ordered):
        if a.end is None:
            continue
        b_day = local(b.start, zone_name).date()
        if b_day not in days or b_day <= local(a.start, zone_name).date():
            continue
        rest = (b.start - a.end).total_seconds()
        if rest < MIN_REST_S:
            worked = day_time(ordered, b_day, zone_name, now).worked_seconds
            found.append(
                Violation(b_day, RULE_REST_11H, worked, max(0.0, rest), MIN_REST_S, b.start)
            )
    return found
