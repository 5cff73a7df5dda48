"""Working-time rules (ArbZG): breaks after 6 and 9 hours, 10 hours a day, 11 hours of rest."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clockapp.domain.rules import (
    FIRST_BREAK_AFTER_S,
    MAX_DAILY_WORK_S,
    MIN_COUNTED_BREAK_S,
    MIN_REST_S,
    SECOND_BREAK_AFTER_S,
    Violation,
    check_working_time,
    required_break_minutes,
)
from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.domain.timeline import counted_break_seconds as qualifying_break_seconds
from clockapp.domain.timeline import day_time

BERLIN = "Europe/Berlin"
TUE = date(2026, 11, 24)
WED = date(2026, 11, 25)
LATER = "2026-12-01 00:00"


def at(text: str) -> datetime:
    """A Berlin wall time (``2026-11-24 08:00``), or an ISO time with offset, as UTC."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(BERLIN))
    return parsed.astimezone(UTC)


def session(start: str, end: str | None, *breaks: tuple[str, str | None]) -> WorkSession:
    """A session on Tue 24 Nov 2026 unless the times name a date (``HH:MM`` or full)."""

    def when(text: str) -> datetime:
        return at(text if " " in text or "T" in text else f"2026-11-24 {text}")

    return WorkSession(
        id=uuid.uuid4(),
        start=when(start),
        end=when(end) if end else None,
        zone=BERLIN,
        breaks=tuple(BreakSegment(when(s), when(e) if e else None) for s, e in breaks),
    )


def check(
    *sessions: WorkSession, days: tuple[date, ...] = (TUE,), now: str = LATER
) -> list[Violation]:
    return check_working_time(list(sessions), days, BERLIN, at(now))


def rules(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


def said(v: Violation) -> str:
    """The violation as the command line words it (the domain keeps only numbers)."""
    from clockapp.cli import violation_sentence

    return violation_sentence(v, BERLIN)


def day_worked_seconds(sessions: list[WorkSession], day: date, zone: str, now: datetime) -> float:
    return day_time(sessions, day, zone, now).worked_seconds


# -- required break ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("worked", "minutes"),
    [
        (0.0, 0),
        (FIRST_BREAK_AFTER_S, 0),
        (FIRST_BREAK_AFTER_S + 1, 30),
        (SECOND_BREAK_AFTER_S, 30),
        (SECOND_BREAK_AFTER_S + 1, 45),
        (MAX_DAILY_WORK_S * 2, 45),
    ],
)
def test_required_break_grows_after_6_and_9_hours(worked: float, minutes: int) -> None:
    assert required_break_minutes(worked) == minutes


@given(st.floats(0, 86_400), st.floats(0, 86_400))
def test_required_break_never_shrinks_with_more_work(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert required_break_minutes(low) <= required_break_minutes(high)


def test_thresholds_are_the_laws() -> None:
    assert (FIRST_BREAK_AFTER_S, SECOND_BREAK_AFTER_S) == (6 * 3600, 9 * 3600)
    assert (MIN_COUNTED_BREAK_S, MAX_DAILY_WORK_S, MIN_REST_S) == (900, 10 * 3600, 11 * 3600)


# -- break after 6 hours -----------------------------------------------------------------------


def test_exactly_six_hours_without_a_break_is_fine() -> None:
    assert check(session("08:00", "14:00")) == []


def test_six_hours_and_a_minute_with_29_minutes_of_break_is_a_violation() -> None:
    [v] = check(session("08:00", "14:30", ("12:00", "12:29")))
    assert v.date == TUE and v.rule == "break_30_after_6h"
    assert said(v) == (
        "You worked 6 h 01 min on Tue 24 Nov but took only 29 min of breaks of 15 min or more; "
        "30 min are required after 6 hours."
    )


def test_the_message_reads_like_the_example() -> None:
    [v] = check(session("08:00", "15:30", ("12:00", "12:20")))
    assert said(v) == (
        "You worked 7 h 10 min on Tue 24 Nov but took only 20 min of breaks of 15 min or more; "
        "30 min are required after 6 hours."
    )


def test_no_break_at_all_is_said_plainly() -> None:
    [v] = check(session("08:00", "15:00"))
    assert said(v) == (
        "You worked 7 h 00 min on Tue 24 Nov but took no break of 15 min or more; "
        "30 min are required after 6 hours."
    )


def test_six_hours_and_a_minute_with_30_minutes_of_break_is_fine() -> None:
    assert check(session("08:00", "14:31", ("12:00", "12:30"))) == []


def test_two_breaks_of_15_minutes_count_together() -> None:
    s = session("08:00", "15:00", ("10:00", "10:15"), ("12:00", "12:15"))
    assert check(s) == []


def test_a_break_of_14_minutes_does_not_count() -> None:
    s = session("08:00", "15:00", ("10:00", "10:14"), ("12:00", "12:16"))
    [v] = check(s)
    assert v.rule == "break_30_after_6h"
    assert "took only 16 min of breaks of 15 min or more" in said(v)
    assert qualifying_break_seconds([s], TUE, BERLIN, at(LATER)) == 16 * 60


def test_clocking_out_for_lunch_counts_as_a_break() -> None:
    # 08:00-12:00 and 12:30-15:00: 6 h 30 min of work, the 30-minute gap is the break.
    assert check(session("08:00", "12:00"), session("12:30", "15:00")) == []


def test_a_gap_shorter_than_15_minutes_does_not_count() -> None:
    # 6 h 10 min of work; the 10-minute gap doesn't count, the 20-minute break does.
    sessions = [session("08:00", "12:00"), session("12:10", "14:40", ("13:00", "13:20"))]
    assert qualifying_break_seconds(sessions, TUE, BERLIN, at(LATER)) == 20 * 60
    assert rules(check(*sessions)) == ["break_30_after_6h"]


def test_a_gap_across_midnight_is_a_break_for_neither_day() -> None:
    sessions = [
        session("2026-11-24 20:00", "2026-11-24 23:50"),
        session("2026-11-25 00:10", "2026-11-25 02:00"),
    ]
    for day in (TUE, WED):
        assert qualifying_break_seconds(sessions, day, BERLIN, at(LATER)) == 0


def test_a_break_across_midnight_qualifies_by_its_whole_length() -> None:
    # 20 minutes in all: 10 on each day, both counted.
    s = session("2026-11-24 18:00", "2026-11-25 02:00", ("23:50", "2026-11-25 00:10"))
    assert qualifying_break_seconds([s], TUE, BERLIN, at(LATER)) == 10 * 60
    assert qualifying_break_seconds([s], WED, BERLIN, at(LATER)) == 10 * 60


def test_a_running_break_counts_once_it_has_lasted_15_minutes() -> None:
    s = session("08:00", None, ("14:00", None))
    assert qualifying_break_seconds([s], TUE, BERLIN, at("2026-11-24 14:14")) == 0
    assert qualifying_break_seconds([s], TUE, BERLIN, at("2026-11-24 14:20")) == 20 * 60


def test_an_open_session_counts_up_to_now() -> None:
    s = session("08:00", None)
    assert check(s, now="2026-11-24 14:00") == []
    assert rules(check(s, now="2026-11-24 14:01")) == ["break_30_after_6h"]
    assert day_worked_seconds([s], TUE, BERLIN, at("2026-11-24 14:01")) == 6 * 3600 + 60


# -- break after 9 hours -------------------------------------------------------------------------


def test_over_nine_hours_needs_45_minutes_and_only_that_rule_is_reported() -> None:
    s = session("07:00", "16:40", ("12:00", "12:30"))  # 9 h 10 min worked, 30 min break
    [v] = check(s)
    assert v.rule == "break_45_after_9h"
    assert said(v) == (
        "You worked 9 h 10 min on Tue 24 Nov but took only 30 min of breaks of 15 min or more; "
        "45 min are required after 9 hours."
    )


def test_exactly_nine_hours_needs_only_30_minutes() -> None:
    assert check(session("07:00", "16:30", ("12:00", "12:30"))) == []


def test_over_nine_hours_with_45_minutes_of_break_is_fine() -> None:
    assert check(session("07:00", "16:46", ("12:00", "12:30"), ("15:00", "15:15"))) == []


def test_a_break_shortfall_without_the_30_is_reported_once_as_the_45_rule() -> None:
    assert rules(check(session("07:00", "16:10"))) == ["break_45_after_9h"]


# -- 10 hours a day -----------------------------------------------------------------------------


def test_exactly_ten_hours_of_work_is_fine() -> None:
    assert check(session("07:00", "17:45", ("12:00", "12:45"))) == []


def test_more_than_ten_hours_of_work_is_a_violation() -> None:
    [v] = check(session("07:00", "17:46", ("12:00", "12:45")))
    assert v.rule == "max_10h_per_day"
    assert said(v) == (
        "You worked 10 h 01 min on Tue 24 Nov; at most 10 hours of work a day are allowed."
    )


def test_ten_hours_are_counted_per_local_day_across_sessions() -> None:
    morning = session("06:00", "12:00")
    evening = session("13:00", "17:30")
    assert rules(check(morning, evening)) == ["max_10h_per_day"]


def test_a_night_shift_is_split_at_midnight_for_the_daily_limit() -> None:
    # 12 hours of work in all, but 5 h 30 min on Tuesday and 6 h 30 min on Wednesday.
    s = session(
        "2026-11-24 18:00",
        "2026-11-25 07:00",
        ("21:00", "21:30"),
        ("2026-11-25 03:00", "2026-11-25 03:30"),
    )
    assert check(s, days=(TUE, WED)) == []


# -- 11 hours of rest ----------------------------------------------------------------------------


def test_eleven_hours_of_rest_exactly_is_fine() -> None:
    late = session("12:00", "20:00", ("15:00", "15:30"))
    early = session("2026-11-25 07:00", "2026-11-25 12:00")
    assert check(late, early, days=(TUE, WED)) == []


def test_less_than_eleven_hours_of_rest_is_dated_on_the_day_work_starts_again() -> None:
    late = session("12:00", "21:30", ("15:00", "15:30"))
    early = session("2026-11-25 06:00", "2026-11-25 12:00")
    [v] = check(late, early, days=(TUE, WED))
    assert v.date == WED and v.rule == "rest_11h"
    assert said(v) == (
        "You started work on Wed 25 Nov at 06:00 after only 8 h 30 min of rest; "
        "at least 11 hours are required between two working days."
    )


def test_rest_is_only_checked_on_the_days_asked_for() -> None:
    late = session("12:00", "21:30", ("15:00", "15:30"))
    early = session("2026-11-25 06:00", "2026-11-25 12:00")
    assert check(late, early, days=(TUE,)) == []


def test_sessions_on_the_same_day_need_no_rest_between_them() -> None:
    assert check(session("06:00", "09:00"), session("18:00", "21:00")) == []


def test_rest_after_a_night_shift_counts_from_its_end() -> None:
    night = session("2026-11-24 22:00", "2026-11-25 04:00")
    next_night = session("2026-11-25 14:00", "2026-11-25 18:00")
    [v] = check(night, next_night, days=(WED,))
    assert v.rule == "rest_11h" and "after only 10 h 00 min of rest" in said(v)


def test_rest_across_the_dst_change_counts_real_hours() -> None:
    # 20:00 Sat to 07:00 Sun on the wall, but the night of 28/29 Mar 2026 is an hour short.
    late = session("2026-03-28 15:00", "2026-03-28 20:00")
    early = session("2026-03-29 07:00", "2026-03-29 09:00")
    [v] = check(late, early, days=(date(2026, 3, 29),))
    assert "after only 10 h 00 min of rest" in said(v)
    # In autumn the same wall times give 12 hours.
    late = session("2026-10-24 15:00", "2026-10-24 20:00")
    early = session("2026-10-25 07:00", "2026-10-25 09:00")
    assert check(late, early, days=(date(2026, 10, 25),)) == []


# -- reporting -------------------------------------------------------------------------------------


def test_violations_come_by_date_then_rule() -> None:
    tue = session("06:00", "20:00")
    wed = session("2026-11-25 05:00", "2026-11-25 11:30")
    found = check(wed, tue, days=(WED, TUE))
    assert [(v.date, v.rule) for v in found] == [
        (TUE, "break_45_after_9h"),
        (TUE, "max_10h_per_day"),
        (WED, "break_30_after_6h"),
        (WED, "rest_11h"),
    ]


def test_a_day_without_work_has_no_violations() -> None:
    assert check(days=(TUE,)) == []
