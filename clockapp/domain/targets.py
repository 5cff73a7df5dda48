"""A day's target: the one place that says how many minutes a local day asks for.

The week, the month and the balance all ask :func:`target_for`, so a holiday or a vacation can't
count in one and not in another. Pure: the public holidays come in as data (a mapping date →
name, made outside the domain from the region setting), the absences as the recorded ranges.

- A public holiday's target is 0.
- ``vacation``, ``sick`` and ``other`` set a covered working day's target to 0 (a half day:
  half the weekday target, rounded down); ``comp_time`` keeps the target, so the time off is
  taken from the balance.
- Days without a weekday target (weekends) and holidays inside an absence's range are not
  absence days: a week of vacation costs five vacation days, not seven.

Taken from the shift plan (the setting ``target_from_shifts``), a day's target is the minutes of
the user's own planned shifts that day instead, and 0 on a day without one: a shift worker owes
what the plan says, weekday or weekend, holiday or not. Absences apply to it as above, and a
day with a planned shift is an absence day too (a vacation on a planned Saturday costs a day).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from clockapp.domain.errors import ClockError

if TYPE_CHECKING:  # week.py imports this module; a runtime import would be a cycle
    from clockapp.domain.week import Targets

__all__ = [
    "ABSENCE_KINDS",
    "KEEPS_TARGET",
    "Absence",
    "absence_days",
    "target_for",
    "target_sum",
]

#: What an absence can be: paid leave, sick leave, time off against the balance, special leave.
ABSENCE_KINDS = ("vacation", "sick", "comp_time", "other")
#: Kinds that leave the day's target as it is (the balance pays for them).
KEEPS_TARGET = frozenset({"comp_time"})


@dataclass(frozen=True, slots=True)
class Absence:
    """A recorded absence: ``first`` to ``last`` inclusive (local dates), or one half day."""

    id: int
    kind: str
    first: date
    last: date
    half: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ABSENCE_KINDS:
            raise ClockError(
                "{kind!r} is not a kind of absence; use vacation, sick, comp_time or other.",
                kind=self.kind,
            )
        if self.last < self.first:
            raise ClockError(
                "The absence ends on {last}, before it starts on {first}.",
                first=self.first.isoformat(),
                last=self.last.isoformat(),
            )
        if self.half and self.first != self.last:
            raise ClockError(
                "A half-day absence is one day; give only its date with --half, not a range."
            )

    def days(self) -> list[date]:
        """Every date of the range, weekends and holidays included."""
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def overlaps(self, other: Absence) -> bool:
        return self.first <= other.last and other.first <= self.last

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "half": self.half,
            "note": self.note,
        }


def absence_days(
    absences: Iterable[Absence],
    targets: Targets,
    holidays: Mapping[date, str],
    planned: Mapping[date, int] | None = None,
) -> dict[date, Absence]:
    """The working days each absence covers: its dates without the days that have no
    weekday target (weekends) and without public holidays — but with every day that has a
    planned shift when targets come from the plan (``planned``: minutes by day)."""
    covered: dict[date, Absence] = {}
    for absence in absences:
        for day in absence.days():
            working = targets.for_day(day) and day not in holidays
            if working or (planned is not None and planned.get(day)):
                covered[day] = absence
    return covered


def target_for(
    day: date,
    targets: Targets,
    holidays: Mapping[date, str],
    absences: Mapping[date, Absence],
    planned: Mapping[date, int] | None = None,
) -> int:
    """Target minutes for local ``day``: the weekday's target, 0 on a public holiday, 0 (or half)
    on a day of vacation, sick or other leave. ``absences`` as :func:`absence_days` gives them.
    ``planned``: when targets come from the shift plan, the planned minutes by day (a day
    missing from it has no shift: 0); holidays then count as the plan says."""
    if planned is not None:
        minutes = planned.get(day, 0)
    elif day in holidays:
        return 0
    else:
        minutes = targets.for_day(day)
    absence = absences.get(day)
    if absence is None or absence.kind in KEEPS_TARGET:
        return minutes
    return minutes // 2 if absence.half else 0


def target_sum(
    first: date,
    last: date,
    targets: Targets,
    holidays: Mapping[date, str],
    absences: Mapping[date, Absence],
    planned: Mapping[date, int] | None = None,
) -> int:
    """Σ :func:`target_for` of the days ``first``..``last`` (minutes), without a step per day:
    the balance sums ten years of days. Each weekday's target times how often it falls in the
    range, less what each holiday and absence day takes off its weekday's target. With
    ``planned`` (targets from the shift plan), only planned days owe anything."""
    if last < first:
        return 0
    if planned is not None:
        return sum(
            target_for(day, targets, holidays, absences, planned)
            for day in planned
            if first <= day <= last
        )
    weeks, rest = divmod((last - first).days + 1, 7)
    week = targets.minutes
    total = weeks * sum(week) + sum(week[(first.weekday() + i) % 7] for i in range(rest))
    for day in holidays.keys() | absences.keys():
        if first <= day <= last:
            total -= targets.for_day(day) - target_for(day, targets, holidays, absences)
    return total
