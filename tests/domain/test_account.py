"""A day's target (holidays, absences), the month timesheet and the balance, as pure domain."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clockapp.domain.account import (
    MonthReport,
    balance_min,
    first_of_month,
    last_of_month,
    workday_min,
)
from clockapp.domain.errors import ClockError
from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.domain.targets import Absence, absence_days, target_for
from clockapp.domain.week import Targets, day_totals, week_report

BERLIN = "Europe/Berlin"
TARGETS = Targets()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)


def session(start: str, end: str, *breaks: tuple[str, str]) -> WorkSession:
    return WorkSession(
        id=uuid.uuid4(),
        start=at(start),
        end=at(end),
        zone=BERLIN,
        breaks=tuple(BreakSegment(at(s), at(e)) for s, e in breaks),
    )


def vacation(
    first: str, last: str | None = None, kind: str = "vacation", half: bool = False
) -> Absence:
    return Absence(1, kind, date.fromisoformat(first), date.fromisoformat(last or first), half)


# -- target_for -----------------------------------------------------------------------------------


def test_a_holiday_has_no_target() -> None:
    epiphany = date(2026, 1, 6)  # a Tuesday
    assert target_for(epiphany, TARGETS, {epiphany: "Epiphany"}, {}) == 0
    assert target_for(epiphany, TARGETS, {}, {}) == 480


@pytest.mark.parametrize("kind", ["vacation", "sick", "other"])
def test_leave_sets_the_target_to_zero_and_a_half_day_to_half(kind: str) -> None:
    day = date(2026, 11, 24)
    whole = vacation("2026-11-24", kind=kind)
    half = vacation("2026-11-24", kind=kind, half=True)
    assert target_for(day, TARGETS, {}, {day: whole}) == 0
    assert target_for(day, TARGETS, {}, {day: half}) == 240


def test_comp_time_keeps_the_target_so_the_balance_pays_for_it() -> None:
    day = date(2026, 11, 24)
    assert target_for(day, TARGETS, {}, {day: vacation("2026-11-24", kind="comp_time")}) == 480


def test_weekends_and_holidays_inside_a_range_are_not_absence_days() -> None:
    christmas = {date(2026, 12, 25): "Christmas Day", date(2026, 12, 26): "Second Day"}
    covered = absence_days([vacation("2026-12-21", "2027-01-03")], TARGETS, christmas)
    assert sorted(covered) == [date(2026, 12, d) for d in (21, 22, 23, 24, 28, 29, 30, 31)] + [
        date(2027, 1, 1)
    ]


@pytest.mark.parametrize(
    ("kind", "first", "last", "half"),
    [
        ("holiday", "2026-11-24", "2026-11-24", False),
        ("vacation", "2026-11-24", "2026-11-23", False),
        ("vacation", "2026-11-24", "2026-11-25", True),
    ],
)
def test_a_bad_absence_is_one_sentence(kind: str, first: str, last: str, half: bool) -> None:
    with pytest.raises(ClockError) as caught:
        Absence(0, kind, date.fromisoformat(first), date.fromisoformat(last), half)
    assert str(caught.value).endswith(".") and "\n" not in str(caught.value)


# -- the week -------------------------------------------------------------------------------------


def test_a_vacation_week_shows_no_missing_hours() -> None:
    week = vacation("2026-11-23", "2026-11-29")
    covered = absence_days([week], TARGETS, {})
    report = week_report(
        [], date(2026, 11, 25), BERLIN, at("2026-12-01 12:00"), TARGETS, (), {}, covered
    )
    assert report.target_min == 0 and report.remaining_min == 0
    assert [d.absence for d in report.days] == ["vacation"] * 5 + [None, None]


def test_work_on_an_absence_day_counts() -> None:
    day = date(2026, 11, 24)
    covered = absence_days([vacation("2026-11-24")], TARGETS, {})
    report = week_report(
        [session("2026-11-24 09:00", "2026-11-24 11:00")],
        day,
        BERLIN,
        at("2026-12-01 12:00"),
        TARGETS,
        (),
        {},
        covered,
    )
    tuesday = report.days[1]
    assert (tuesday.absence, tuesday.worked_min, tuesday.target_min) == ("vacation", 120, 0)
    assert report.total_min == 120 and report.target_min == 4 * 480


# -- the month ------------------------------------------------------------------------------------


def month(sessions: list[WorkSession], of: date, **kwargs: object) -> MonthReport:
    first, last = first_of_month(of), last_of_month(of)
    days = day_totals(sessions, first, last, BERLIN, at("2030-01-01 00:00"), TARGETS, set())
    return MonthReport(first, tuple(days), workday_min(TARGETS), 0, 0)


def test_month_figures_follow_4me() -> None:
    report = month(
        [session("2026-02-02 08:00", "2026-02-02 16:30", ("2026-02-02 12:00", "2026-02-02 12:30"))],
        date(2026, 2, 15),
    )
    data = report.to_dict()
    assert data["month_of"] == "2026-02-01" and data["workday"] == 480
    assert data["sum_time_spent"] == 480 and data["workdays"] == 1.0
    assert data["locked_days"] == "0" * 28 and data["locked"] is False
    assert data["target_min"] == 20 * 480
    assert set(data["days"][0]) == {
        "date",
        "worked_min",
        "break_min",
        "target_min",
        "holiday",
        "absence",
        "locked",
        "planned_min",  # issue 15: the month's days carry the planned shifts, as the week's do
        "planned",
        "confirmed",
    }


def test_workday_is_the_most_common_non_zero_target() -> None:
    assert workday_min(Targets(480, 480, 480, 480, 300, 0, 0)) == 480
    assert workday_min(Targets(0, 0, 0, 0, 0, 0, 0)) == 0


@pytest.mark.parametrize(
    ("of", "night"),
    [
        (date(2026, 3, 1), ("2026-03-28 22:00", "2026-03-29 06:00")),  # spring forward
        (date(2026, 10, 1), ("2026-10-24 22:00", "2026-10-25 06:00")),  # fall back
    ],
)
def test_dst_months_count_the_night_by_real_time(of: date, night: tuple[str, str]) -> None:
    report = month([session(*night)], of)
    real = int((at(night[1]) - at(night[0])).total_seconds() // 60)
    assert real in (7 * 60, 9 * 60)
    assert report.sum_time_spent == real
    assert [d.worked_min for d in report.days if d.worked_min] == [120, real - 120]


@st.composite
def sessions_in_a_month(draw: st.DrawFn) -> list[WorkSession]:
    base = datetime(2026, 3, 1, tzinfo=UTC)  # a DST month
    result: list[WorkSession] = []
    t = base
    for _ in range(draw(st.integers(0, 12))):
        t += timedelta(minutes=draw(st.integers(1, 4000)))
        length = timedelta(minutes=draw(st.integers(1, 900)), seconds=draw(st.integers(0, 59)))
        result.append(WorkSession(id=uuid.uuid4(), start=t, end=t + length, zone=BERLIN))
        t += length
    return result


@settings(max_examples=60, deadline=None)
@given(sessions_in_a_month())
def test_the_days_add_up_to_the_month_totals(sessions: list[WorkSession]) -> None:
    report = month(sessions, date(2026, 3, 1))
    assert report.sum_time_spent == sum(d.worked_min for d in report.days)
    assert report.target_min == sum(d.target_min for d in report.days)
    assert len(report.locked_days) == 31


# -- the balance ----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    sessions_in_a_month(),
    st.integers(-600, 600),
    st.lists(st.tuples(st.integers(0, 30), st.integers(-300, 300)), max_size=4),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_balances_over_consecutive_periods_add_up(
    sessions: list[WorkSession],
    opening: int,
    adjusted: list[tuple[int, int]],
    cut: int,
    end: int,
) -> None:
    first = date(2026, 3, 1)
    days = day_totals(
        sessions, first, date(2026, 3, 31), BERLIN, at("2030-01-01 00:00"), TARGETS, set()
    )
    adjustments = [(first + timedelta(days=d), m) for d, m in adjusted]
    middle, last = first + timedelta(days=min(cut, end)), first + timedelta(days=max(cut, end))
    whole = balance_min(days, first, last, opening, adjustments)
    before = balance_min(days, first, middle, opening, adjustments)
    after = balance_min(days, middle + timedelta(days=1), last, 0, adjustments)
    assert whole == before + after
    assert whole - opening == sum(
        d.worked_min - d.target_min for d in days if d.date <= last
    ) + sum(m for d, m in adjustments if d <= last)


def test_days_before_the_start_do_not_count() -> None:
    days = day_totals(
        [], date(2026, 3, 1), date(2026, 3, 31), BERLIN, at("2030-01-01 00:00"), TARGETS, set()
    )
    assert balance_min(days, date(2026, 3, 16), date(2026, 3, 15), 90) == 90
    assert balance_min(days, date(2026, 3, 16), date(2026, 3, 16), 90) == 90 - 480
