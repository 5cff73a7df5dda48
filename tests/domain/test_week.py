"""Day and week totals: midnight and DST splits, targets, remaining time, overtime, locked days."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clockapp.domain.errors import ClockError
from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.domain.timeline import split_by_day
from clockapp.domain.week import (
    DayTotal,
    Targets,
    WeekReport,
    monday_of,
    week_report,
)
from clockapp.domain.zones import local

BERLIN = "Europe/Berlin"
H = 3600.0
M = 60.0
#: Monday 23 Nov 2026; no DST change in that week.
MONDAY = date(2026, 11, 23)


def at(text: str) -> datetime:
    """A Berlin wall time (``2026-11-24 08:00``), or an ISO time with offset, as UTC."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(BERLIN))
    return parsed.astimezone(UTC)


def session(
    start: str, end: str | None, *breaks: tuple[str, str | None], zone: str = BERLIN
) -> WorkSession:
    return WorkSession(
        id=uuid.uuid4(),
        start=at(start),
        end=at(end) if end else None,
        zone=zone,
        breaks=tuple(BreakSegment(at(s), at(e) if e else None) for s, e in breaks),
    )


def report(*sessions: WorkSession, now: str = "2026-11-30 12:00", **kwargs: object) -> WeekReport:
    targets = kwargs.pop("targets", Targets())
    locked = kwargs.pop("locked", ())
    assert not kwargs
    assert isinstance(targets, Targets)
    assert isinstance(locked, tuple | set | frozenset)
    return week_report(list(sessions), MONDAY, BERLIN, at(now), targets, locked)


# -- split_by_day ---------------------------------------------------------------------------------


def test_a_session_inside_one_day_counts_toward_that_day_only() -> None:
    s = session("2026-11-24 08:00", "2026-11-24 16:30", ("2026-11-24 12:00", "2026-11-24 12:30"))
    assert split_by_day(s, BERLIN, at("2026-11-30 00:00")) == {date(2026, 11, 24): (8 * H, 30 * M)}


def test_session_across_midnight_counts_toward_each_day() -> None:
    s = session("2026-11-24 22:00", "2026-11-25 03:15")
    assert split_by_day(s, BERLIN, at("2026-11-30 00:00")) == {
        date(2026, 11, 24): (2 * H, 0.0),
        date(2026, 11, 25): (3 * H + 15 * M, 0.0),
    }


def test_break_across_midnight_counts_toward_each_day() -> None:
    s = session("2026-11-24 20:00", "2026-11-25 02:00", ("2026-11-24 23:40", "2026-11-25 00:10"))
    assert split_by_day(s, BERLIN, at("2026-11-30 00:00")) == {
        date(2026, 11, 24): (3 * H + 40 * M, 20 * M),
        date(2026, 11, 25): (1 * H + 50 * M, 10 * M),
    }


def test_a_session_ending_at_midnight_does_not_touch_the_next_day() -> None:
    s = session("2026-11-24 20:00", "2026-11-25 00:00")
    assert split_by_day(s, BERLIN, at("2026-11-30 00:00")) == {date(2026, 11, 24): (4 * H, 0.0)}


def test_days_are_local_days_in_the_viewers_zone_not_the_sessions() -> None:
    # Recorded in New York 18:00-20:00 (EST, UTC-5): 00:00-02:00 the next day in Berlin.
    s = session("2026-11-24T18:00-05:00", "2026-11-24T20:00-05:00", zone="America/New_York")
    now = at("2026-11-30 00:00")
    assert split_by_day(s, BERLIN, now) == {date(2026, 11, 25): (2 * H, 0.0)}
    assert split_by_day(s, "America/New_York", now) == {date(2026, 11, 24): (2 * H, 0.0)}


def test_open_session_counts_up_to_now() -> None:
    s = session("2026-11-24 08:00", None)
    assert split_by_day(s, BERLIN, at("2026-11-24 10:20")) == {date(2026, 11, 24): (140 * M, 0.0)}


def test_running_break_counts_up_to_now() -> None:
    s = session("2026-11-24 08:00", None, ("2026-11-24 12:00", None))
    assert split_by_day(s, BERLIN, at("2026-11-24 12:25")) == {date(2026, 11, 24): (4 * H, 25 * M)}


def test_open_session_across_midnight_counts_toward_each_day_up_to_now() -> None:
    s = session("2026-11-24 23:00", None)
    assert split_by_day(s, BERLIN, at("2026-11-25 00:45")) == {
        date(2026, 11, 24): (1 * H, 0.0),
        date(2026, 11, 25): (45 * M, 0.0),
    }


def test_a_session_just_started_shows_its_day_with_nothing_yet() -> None:
    s = session("2026-11-24 08:00", None)
    assert split_by_day(s, BERLIN, at("2026-11-24 08:00")) == {date(2026, 11, 24): (0.0, 0.0)}


# -- DST: 29 Mar 2026 has 23 hours in Berlin, 25 Oct 2026 has 25 --------------------------------


def test_spring_forward_night_session_loses_the_hour_that_does_not_exist() -> None:
    # 02:00-03:00 on 29 Mar doesn't exist: 22:00 to 06:00 on the wall clock is 7 hours.
    s = session("2026-03-28 22:00", "2026-03-29 06:00")
    assert split_by_day(s, BERLIN, at("2026-04-01 00:00")) == {
        date(2026, 3, 28): (2 * H, 0.0),
        date(2026, 3, 29): (5 * H, 0.0),
    }


def test_fall_back_night_session_gains_the_hour_that_happens_twice() -> None:
    # 02:00-03:00 on 25 Oct happens twice: 22:00 to 06:00 on the wall clock is 9 hours.
    s = session("2026-10-24 22:00", "2026-10-25 06:00")
    assert split_by_day(s, BERLIN, at("2026-11-01 00:00")) == {
        date(2026, 10, 24): (2 * H, 0.0),
        date(2026, 10, 25): (7 * H, 0.0),
    }


def test_whole_dst_days_are_23_and_25_hours_long() -> None:
    spring = session("2026-03-29 00:00", "2026-03-30 00:00")
    autumn = session("2026-10-25 00:00", "2026-10-26 00:00")
    later = at("2026-12-01 00:00")
    assert split_by_day(spring, BERLIN, later) == {date(2026, 3, 29): (23 * H, 0.0)}
    assert split_by_day(autumn, BERLIN, later) == {date(2026, 10, 25): (25 * H, 0.0)}


def test_a_break_in_the_repeated_hour_is_counted_by_real_time() -> None:
    # Break from the first 02:30 (CEST) to the second 02:30 (CET): one real hour.
    s = session(
        "2026-10-25 00:00",
        "2026-10-25 06:00",
        ("2026-10-25T02:30+02:00", "2026-10-25T02:30+01:00"),
    )
    assert split_by_day(s, BERLIN, at("2026-11-01 00:00")) == {date(2026, 10, 25): (6 * H, 1 * H)}


# Minute-aligned sessions of up to 24 h starting around the DST nights and ordinary midnights.
_ANCHORS = [at("2026-03-28 12:00"), at("2026-10-24 12:00"), at("2026-11-24 12:00")]


@st.composite
def sessions_and_now(draw: st.DrawFn) -> tuple[WorkSession, datetime]:
    start = draw(st.sampled_from(_ANCHORS)) + timedelta(minutes=draw(st.integers(0, 24 * 60)))
    length = draw(st.integers(1, 24 * 60))
    # Break edges: an even number of distinct minutes inside the session, paired in order.
    edges = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
    edges = edges[: len(edges) // 2 * 2]
    breaks = [
        BreakSegment(start + timedelta(minutes=a), start + timedelta(minutes=b))
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]
    end = start + timedelta(minutes=length)
    if draw(st.booleans()):
        return WorkSession(uuid.uuid4(), start, BERLIN, end, tuple(breaks)), end + timedelta(days=1)
    # Open: ``now`` is the end; the last break may still be running.
    running_break = draw(st.booleans())
    if breaks and running_break:
        breaks[-1] = BreakSegment(breaks[-1].start)
    return WorkSession(uuid.uuid4(), start, BERLIN, None, tuple(breaks)), end


@settings(max_examples=400, deadline=None)
@given(sessions_and_now())
def test_day_parts_add_up_to_the_whole_session(case: tuple[WorkSession, datetime]) -> None:
    s, now = case
    parts = split_by_day(s, BERLIN, now)
    assert sum(w for w, _ in parts.values()) == s.worked_seconds(now)
    assert sum(b for _, b in parts.values()) == s.break_seconds(now)
    end = s.effective_end(now)
    # Within the session's local days: up to 24 h across a 23-hour DST day touches three dates.
    assert all(local(s.start, BERLIN).date() <= d <= local(end, BERLIN).date() for d in parts)
    assert all(w >= 0 and b >= 0 and w + b <= 25 * H for w, b in parts.values())


# -- targets ----------------------------------------------------------------------------------


def test_default_targets_are_eight_hours_on_weekdays_and_none_at_weekends() -> None:
    t = Targets()
    assert [t.for_day(MONDAY + timedelta(days=i)) for i in range(7)] == [480] * 5 + [0, 0]


def test_targets_are_given_monday_first() -> None:
    t = Targets(60, 120, 180, 240, 300, 360, 420)
    assert t.minutes == (60, 120, 180, 240, 300, 360, 420)
    assert t.for_day(date(2026, 11, 29)) == 420  # a Sunday


@pytest.mark.parametrize("bad", [-1, 1441, 10_000])
def test_a_target_outside_a_day_is_refused_with_a_sentence(bad: int) -> None:
    with pytest.raises(ClockError, match=r"^The target for Wednesday must be between 0 and 1440"):
        Targets(wed=bad)


@pytest.mark.parametrize("bad", [7.5, "480", True, None])
def test_a_target_that_is_not_whole_minutes_is_refused(bad: object) -> None:
    with pytest.raises(ClockError, match="whole number of minutes"):
        Targets(fri=bad)  # type: ignore[arg-type]


def test_targets_at_the_edges_are_accepted() -> None:
    assert Targets(0, 1440, 0, 1440, 0, 1440, 0).minutes[1] == 1440


# -- the week report -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day", [date(2026, 11, 23), date(2026, 11, 26), date(2026, 11, 29)], ids=["mon", "thu", "sun"]
)
def test_monday_of_any_day_of_the_week(day: date) -> None:
    assert monday_of(day) == MONDAY


def test_an_empty_week_has_seven_days_and_the_whole_target_remaining() -> None:
    r = report()
    assert r.week_of == MONDAY
    assert [d.date for d in r.days] == [MONDAY + timedelta(days=i) for i in range(7)]
    assert [d.target_min for d in r.days] == [480] * 5 + [0, 0]
    assert (r.total_min, r.target_min, r.remaining_min, r.overtime_min) == (0, 2400, 2400, 0)
    assert r.violations == ()


def test_week_of_may_be_any_day_of_the_week() -> None:
    r = week_report([], date(2026, 11, 27), BERLIN, at("2026-11-30 12:00"), Targets(), ())
    assert r.week_of == MONDAY


def test_remaining_is_the_target_minus_time_spent() -> None:
    r = report(
        session("2026-11-23 08:00", "2026-11-23 16:30", ("2026-11-23 12:00", "2026-11-23 12:30")),
        session("2026-11-24 09:00", "2026-11-24 13:00"),
    )
    assert [d.worked_min for d in r.days[:3]] == [480, 240, 0]
    assert r.days[0].break_min == 30
    assert (r.total_min, r.remaining_min, r.overtime_min) == (720, 1680, 0)


def test_time_beyond_the_target_is_overtime_and_nothing_remains() -> None:
    days = [
        session(
            f"2026-11-{d} 08:00", f"2026-11-{d} 17:00", (f"2026-11-{d} 12:00", f"2026-11-{d} 12:45")
        )
        for d in range(23, 28)
    ]
    saturday = session("2026-11-28 10:00", "2026-11-28 12:00")
    r = report(*days, saturday)
    assert [d.worked_min for d in r.days] == [495] * 5 + [120, 0]
    assert (r.total_min, r.target_min, r.remaining_min, r.overtime_min) == (2595, 2400, 0, 195)


def test_week_total_is_rounded_down_once_from_the_seconds() -> None:
    # Two days of 30.5 minutes each: 30 + 30 by day, but 61 minutes in the week.
    r = report(
        session("2026-11-23T08:00:00+01:00", "2026-11-23T08:30:30+01:00"),
        session("2026-11-24T08:00:00+01:00", "2026-11-24T08:30:30+01:00"),
    )
    assert [d.worked_min for d in r.days[:2]] == [30, 30]
    assert r.total_min == 61


def test_a_session_across_sunday_midnight_counts_only_its_part_inside_the_week() -> None:
    r = report(
        session("2026-11-22 22:00", "2026-11-23 02:00"),  # Sunday before into Monday
        session("2026-11-29 23:00", "2026-11-30 01:00"),  # Sunday into the next Monday
        now="2026-12-01 12:00",
    )
    assert r.days[0].worked_min == 120 and r.days[6].worked_min == 60
    assert r.total_min == 180


def test_the_running_session_counts_in_the_report_up_to_now() -> None:
    r = report(session("2026-11-25 08:00", None), now="2026-11-25 09:15")
    assert r.days[2].worked_min == 75 and r.total_min == 75


def test_sessions_before_the_week_only_feed_the_rules() -> None:
    r = report(session("2026-11-20 08:00", "2026-11-20 12:00"))
    assert r.total_min == 0


def test_locked_days_are_flagged() -> None:
    r = report(locked={date(2026, 11, 23), date(2026, 11, 25), date(2026, 12, 1)})
    assert [d.locked for d in r.days] == [True, False, True, False, False, False, False]


def test_weekend_days_have_no_target_but_their_work_counts() -> None:
    r = report(session("2026-11-29 10:00", "2026-11-29 14:00"))
    sunday = r.days[6]
    assert (sunday.target_min, sunday.worked_min) == (0, 240)
    assert r.total_min == 240 and r.remaining_min == 2160


def test_custom_targets_set_the_week_target() -> None:
    r = report(targets=Targets(240, 240, 240, 240, 0, 0, 0))
    assert r.target_min == 960 and [d.target_min for d in r.days][4] == 0


def test_a_dst_week_counts_real_hours() -> None:
    # Week of Mon 23 Mar 2026; Sunday 29 Mar has 23 hours. 22:00 Sat to 06:00 Sun is 7 h.
    s = session("2026-03-28 22:00", "2026-03-29 06:00", ("2026-03-29 01:00", "2026-03-29 03:30"))
    r = week_report([s], date(2026, 3, 25), BERLIN, at("2026-04-01 00:00"), Targets(), ())
    saturday, sunday = r.days[5], r.days[6]
    assert (saturday.worked_min, saturday.break_min) == (120, 0)
    # The break 01:00-03:30 on the wall is 1 h 30 min of real time.
    assert (sunday.worked_min, sunday.break_min) == (210, 90)
    assert r.total_min == 330


def test_to_dict_is_json_ready_with_the_documented_shape() -> None:
    r = report(
        session("2026-11-24 08:00", "2026-11-24 18:30"),
        locked={date(2026, 11, 24)},
    )
    data = json.loads(json.dumps(r.to_dict()))
    assert set(data) == {
        "week_of",
        "days",
        "total_min",
        "target_min",
        "remaining_min",
        "overtime_min",
        "violations",
    }
    assert data["week_of"] == "2026-11-23"
    assert len(data["days"]) == 7
    assert data["days"][1] == {
        "date": "2026-11-24",
        "worked_min": 630,
        "break_min": 0,
        "counted_break_min": 0,
        "target_min": 480,
        "locked": True,
        "planned_min": 0,
        "planned": [],
        "holiday": None,
        "absence": None,
        "confirmed": False,
    }
    assert (data["total_min"], data["target_min"], data["remaining_min"]) == (630, 2400, 1770)
    assert [(v["date"], v["rule"]) for v in data["violations"]] == [
        ("2026-11-24", "break_45_after_9h"),
        ("2026-11-24", "max_10h_per_day"),
    ]
    # Numbers, not words: each front end says them in its own language.
    assert data["violations"][0] == {
        "date": "2026-11-24",
        "rule": "break_45_after_9h",
        "worked_min": 630,
        "actual_min": 0,
        "limit_min": 45,
        "started_at": None,
    }


def test_violations_in_the_report_are_sorted_by_date() -> None:
    r = report(
        session("2026-11-26 08:00", "2026-11-26 15:00"),
        session("2026-11-24 08:00", "2026-11-24 19:00"),
    )
    assert [(v.date.day, v.rule) for v in r.violations] == [
        (24, "break_45_after_9h"),
        (24, "max_10h_per_day"),
        (26, "break_30_after_6h"),
    ]


def test_a_rest_violation_on_monday_looks_back_to_sunday() -> None:
    r = report(
        session("2026-11-22 14:00", "2026-11-22 23:00", ("2026-11-22 18:00", "2026-11-22 18:30")),
        session("2026-11-23 06:00", "2026-11-23 10:00"),
    )
    assert [(v.date, v.rule) for v in r.violations] == [(MONDAY, "rest_11h")]


def test_a_week_report_refuses_days_that_are_not_its_week() -> None:
    day = DayTotal(MONDAY, 0.0, 0.0, 480)
    with pytest.raises(ValueError, match="seven days"):
        WeekReport(MONDAY, (day,) * 7)
