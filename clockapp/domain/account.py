"""The time account: the month timesheet (4me semantics) and the running balance.

Both are built from the days of :func:`clockapp.domain.week.day_totals` (each day's time from the
timeline, its target from :func:`clockapp.domain.targets.target_for`) and never recompute them.
Everything is in whole minutes per day, so the days add up to the month and the balances of
consecutive periods add up to the balance of the whole.

Like 4me's timesheet: ``workday`` is the minutes of a regular workday (here the most common
non-zero weekday target), ``sum_time_spent`` the minutes worked in the month, ``workdays`` their
quotient to two decimals, ``locked_days`` a ``"0"``/``"1"`` string with one digit per day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, Protocol

from clockapp.domain.targets import Absence, target_for
from clockapp.domain.timeline import floor_minutes
from clockapp.domain.week import DayTotal, Targets

__all__ = [
    "MONTH_DAY_FIELDS",
    "DayBalance",
    "MonthReport",
    "balance_days",
    "balance_min",
    "first_of_month",
    "last_of_month",
    "workday_min",
]


#: The fields of a day of the month, in the order exports write them.
MONTH_DAY_FIELDS = (
    "date",
    "worked_min",
    "break_min",
    "target_min",
    "holiday",
    "absence",
    "locked",
    "confirmed",
    "planned_min",
)


class CountedDay(Protocol):
    """What the balance reads of a day (a ``DayTotal`` or a ``DayBalance``)."""

    @property
    def date(self) -> date: ...
    @property
    def worked_min(self) -> int: ...
    @property
    def target_min(self) -> int: ...


class DayBalance(NamedTuple):
    """A day as the balance counts it: worked and target minutes (light: years of them)."""

    date: date
    worked_min: int
    target_min: int


def balance_days(
    times: Mapping[date, tuple[float, float]],
    first: date,
    last: date,
    targets: Targets,
    holidays: Mapping[date, str],
    absences: Mapping[date, Absence],
    planned: Mapping[date, int] | None = None,
) -> list[DayBalance]:
    """The days ``first``..``last`` from their worked and break seconds
    (:func:`clockapp.domain.timeline.day_times`, or as kept from it), each with its target
    (``planned``: minutes by day when targets come from the shift plan)."""
    none = (0.0, 0.0)
    return [
        DayBalance(
            day,
            floor_minutes(times.get(day, none)[0]),
            target_for(day, targets, holidays, absences, planned),
        )
        for day in (first + timedelta(days=i) for i in range((last - first).days + 1))
    ]


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def workday_min(targets: Targets) -> int:
    """Minutes of a regular workday: the most common non-zero weekday target (ties: the
    earlier weekday's); 0 when no weekday has a target."""
    counts = Counter(m for m in targets.minutes if m)
    return counts.most_common(1)[0][0] if counts else 0


def balance_min(
    days: Iterable[CountedDay],
    since: date,
    through: date,
    opening_min: int,
    adjustments: Iterable[tuple[date, int]] = (),
) -> int:
    """The balance at the end of local day ``through``: the opening balance, plus each change
    made by hand, plus worked minus target of every day, counted from ``since`` (earlier days
    don't count). Before ``since`` the balance is the opening balance."""
    counted = sum(d.worked_min - d.target_min for d in days if since <= d.date <= through)
    adjusted = sum(m for day, m in adjustments if since <= day <= through)
    return opening_min + counted + adjusted


@dataclass(frozen=True, slots=True)
class MonthReport:
    """One calendar month: its days, the 4me timesheet figures and the balance in and out."""

    month_of: date
    days: tuple[DayTotal, ...]
    workday: int
    balance_start_min: int
    balance_end_min: int

    def __post_init__(self) -> None:
        first, last = first_of_month(self.month_of), last_of_month(self.month_of)
        expected = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        if self.month_of != first or [d.date for d in self.days] != expected:
            raise ValueError("a month report holds every day of a month from its first, in order")

    @property
    def sum_time_spent(self) -> int:
        """Minutes worked: the sum of the days' minutes."""
        return sum(d.worked_min for d in self.days)

    @property
    def target_min(self) -> int:
        return sum(d.target_min for d in self.days)

    @property
    def workdays(self) -> float:
        """Minutes worked in regular workdays, to two decimals rounded half up (1.125 → 1.13,
        as a person would round it, not float rounding's 1.12)."""
        if not self.workday:
            return 0.0
        quotient = Decimal(self.sum_time_spent) / Decimal(self.workday)
        return float(quotient.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    @property
    def locked_days(self) -> str:
        return "".join("1" if d.locked else "0" for d in self.days)

    @property
    def locked(self) -> bool:
        """Every day of the month is locked."""
        return all(d.locked for d in self.days)

    def day_rows(self) -> list[dict[str, Any]]:
        """One row per day, the fields of :data:`MONTH_DAY_FIELDS` and ``planned``: the month
        JSON's ``days`` and every export of the month (CSV, Excel, JSON; the command line and
        the window)."""
        return [
            {
                "date": d.date.isoformat(),
                "worked_min": d.worked_min,
                "break_min": d.break_min,
                "target_min": d.target_min,
                "holiday": d.holiday,
                "absence": d.absence,
                "locked": d.locked,
                "confirmed": d.confirmed,
                "planned_min": d.planned_min,
                # The planned shifts themselves (JSON only: a CSV cell holds no list).
                "planned": [{"start": a.isoformat(), "end": b.isoformat()} for a, b in d.planned],
            }
            for d in self.days
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: dates as ``YYYY-MM-DD``, durations in whole minutes."""
        return {
            "month_of": self.month_of.isoformat(),
            "workday": self.workday,
            "sum_time_spent": self.sum_time_spent,
            "workdays": self.workdays,
            "target_min": self.target_min,
            "locked": self.locked,
            "locked_days": self.locked_days,
            "balance_start_min": self.balance_start_min,
            "balance_end_min": self.balance_end_min,
            "days": self.day_rows(),
        }
