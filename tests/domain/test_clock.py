"""The clock state machine, sessions and their validation, and local wall times across DST."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from clockapp.domain.clock import (
    ClockState,
    clock_in,
    clock_out,
    end_break,
    start_break,
    state_of,
)
from clockapp.domain.errors import ClockError
from clockapp.domain.session import (
    BreakSegment,
    WorkSession,
    new_session_id,
    utc,
    validate_session,
)
from clockapp.domain.zones import day_bounds, local_days, local_wall_time, zone

BERLIN = "Europe/Berlin"
#: "Now" in these tests: Tue 24 Nov 2026 18:00 in Berlin.
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


def at(text: str) -> datetime:
    """A Berlin wall time on Tue 24 Nov 2026 (``08:00``) or with a date, as UTC."""
    full = text if " " in text else f"2026-11-24 {text}"
    return datetime.fromisoformat(full).replace(tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)


def working(start: str = "08:00", *breaks: tuple[str, str | None]) -> WorkSession:
    return WorkSession(
        id=uuid.uuid4(),
        start=at(start),
        zone=BERLIN,
        breaks=tuple(BreakSegment(at(s), at(e) if e else None) for s, e in breaks),
    )


def finished(start: str, end: str, *breaks: tuple[str, str]) -> WorkSession:
    return WorkSession(
        id=uuid.uuid4(),
        start=at(start),
        end=at(end),
        zone=BERLIN,
        breaks=tuple(BreakSegment(at(s), at(e)) for s, e in breaks),
    )


# -- states and legal moves --------------------------------------------------------------------


def test_no_open_session_is_off() -> None:
    assert state_of(None) is ClockState.OFF


def test_an_open_session_is_working_and_a_running_break_is_on_break() -> None:
    assert state_of(working()) is ClockState.WORKING
    assert state_of(working("08:00", ("12:00", "12:30"))) is ClockState.WORKING
    assert state_of(working("08:00", ("12:00", None))) is ClockState.ON_BREAK


def test_clock_in_starts_a_session_in_the_given_zone() -> None:
    sid = new_session_id()
    s = clock_in(None, [], at("08:00"), NOW, BERLIN, sid, note="Support")
    assert (s.id, s.start, s.zone, s.end, s.breaks, s.note) == (
        sid,
        at("08:00"),
        BERLIN,
        None,
        (),
        "Support",
    )
    assert state_of(s) is ClockState.WORKING


def test_clock_in_may_be_back_dated() -> None:
    s = clock_in(
        None,
        [finished("2026-11-23 08:00", "2026-11-23 16:00")],
        at("07:00"),
        NOW,
        BERLIN,
        uuid.uuid4(),
    )
    assert s.start == at("07:00")


def test_a_break_starts_and_ends() -> None:
    s = start_break(working(), at("12:00"), NOW)
    assert state_of(s) is ClockState.ON_BREAK and s.breaks == (BreakSegment(at("12:00")),)
    s = end_break(s, at("12:30"), NOW)
    assert state_of(s) is ClockState.WORKING
    assert s.breaks == (BreakSegment(at("12:00"), at("12:30")),)


def test_a_second_break_follows_the_first() -> None:
    s = start_break(working("08:00", ("10:00", "10:15")), at("12:00"), NOW)
    s = end_break(s, at("12:30"), NOW)
    assert [b.seconds(NOW) for b in s.breaks] == [900.0, 1800.0]


def test_a_break_ended_the_moment_it_started_is_dropped() -> None:
    s = start_break(working(), at("12:00"), NOW)
    assert end_break(s, at("12:00"), NOW).breaks == ()


def test_clock_out_finishes_the_session() -> None:
    s = clock_out(working(), [], at("16:30"), NOW, note="done")
    assert s.end == at("16:30") and s.note == "done"
    assert s.worked_seconds(NOW) == 8.5 * 3600


def test_clock_out_keeps_the_note_unless_given_one() -> None:
    s = working().with_changes(note="Support")
    assert clock_out(s, [], at("16:30"), NOW).note == "Support"


def test_clock_out_during_a_break_ends_the_break_first() -> None:
    s = working("08:00", ("12:00", None))
    out = clock_out(s, [], at("12:40"), NOW)
    assert out.end == at("12:40")
    assert out.breaks == (BreakSegment(at("12:00"), at("12:40")),)
    assert out.worked_seconds(NOW) == 4 * 3600 and out.break_seconds(NOW) == 40 * 60


def test_clock_out_at_the_start_of_a_break_drops_the_break() -> None:
    out = clock_out(working("08:00", ("12:00", None)), [], at("12:00"), NOW)
    assert out.end == at("12:00") and out.breaks == ()


def test_clocking_in_right_where_the_previous_session_ended_is_fine() -> None:
    before = finished("08:00", "12:00")
    s = clock_in(None, [before], at("12:00"), NOW, BERLIN, uuid.uuid4())
    assert s.start == at("12:00")


# -- illegal moves and their messages ------------------------------------------------------------


def test_clock_out_while_off_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You can't clock out: you are not clocked in\.$"):
        clock_out(None, [], NOW, NOW)


def test_a_break_while_off_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You can't start a break: you are not clocked in\.$"):
        start_break(None, NOW, NOW)


def test_resume_while_off_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You can't end a break: you are not clocked in\.$"):
        end_break(None, NOW, NOW)


def test_clock_in_twice_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You are already clocked in\.$"):
        clock_in(working(), [], NOW, NOW, BERLIN, uuid.uuid4())


def test_resume_while_working_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You are not on a break\.$"):
        end_break(working(), NOW, NOW)


def test_a_break_during_a_break_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^You are already on a break\.$"):
        start_break(working("08:00", ("12:00", None)), NOW, NOW)


def test_clock_out_at_the_clock_in_instant_is_refused() -> None:
    with pytest.raises(ClockError, match="would record no work"):
        clock_out(working("08:00"), [], at("08:00"), NOW)


BEFORE = "That time is before your previous clock event"


def test_a_break_before_clocking_in_is_refused() -> None:
    with pytest.raises(ClockError, match=BEFORE):
        start_break(working("08:00"), at("07:59"), NOW)


def test_a_break_before_the_previous_break_ended_is_refused() -> None:
    with pytest.raises(ClockError, match=BEFORE):
        start_break(working("08:00", ("12:00", "12:30")), at("12:29"), NOW)


def test_resuming_before_the_break_started_is_refused() -> None:
    with pytest.raises(ClockError, match=BEFORE):
        end_break(working("08:00", ("12:00", None)), at("11:59"), NOW)


def test_clock_out_before_the_last_event_is_refused() -> None:
    with pytest.raises(ClockError, match=BEFORE):
        clock_out(working("08:00", ("12:00", "12:30")), [], at("12:15"), NOW)
    with pytest.raises(ClockError, match=BEFORE):
        clock_out(working("08:00", ("12:00", None)), [], at("11:00"), NOW)


FUTURE = r"^That time is in the future\.$"


@pytest.mark.parametrize("seconds", [0, 59, 60])
def test_an_event_up_to_a_minute_ahead_is_accepted(seconds: int) -> None:
    # Two machines' clocks are rarely in step: a minute of slack.
    ahead = NOW + timedelta(seconds=seconds)
    s = clock_in(None, [], ahead, NOW, BERLIN, uuid.uuid4())
    assert s.start == ahead
    assert start_break(working(), ahead, NOW).breaks == (BreakSegment(ahead),)


@pytest.mark.parametrize(
    "move",
    [
        lambda t: clock_in(None, [], t, NOW, BERLIN, uuid.uuid4()),
        lambda t: start_break(working(), t, NOW),
        lambda t: end_break(working("08:00", ("12:00", None)), t, NOW),
        lambda t: clock_out(working(), [], t, NOW),
        lambda t: clock_out(working("08:00", ("12:00", None)), [], t, NOW),
    ],
    ids=["clock_in", "start_break", "end_break", "clock_out", "clock_out_on_break"],
)
def test_an_event_more_than_a_minute_ahead_is_refused(move: object) -> None:
    assert callable(move)
    with pytest.raises(ClockError, match=FUTURE):
        move(NOW + timedelta(seconds=61))


def test_clock_out_59_seconds_ahead_is_accepted() -> None:
    assert clock_out(working(), [], NOW + timedelta(seconds=59), NOW).end == NOW + timedelta(
        seconds=59
    )


def test_clock_in_inside_another_session_is_refused() -> None:
    other = finished("08:00", "12:00")
    with pytest.raises(
        ClockError,
        match=r"^This overlaps the session from 2026-11-24 08:00 to "
        r"2026-11-24 12:00\.$",
    ):
        clock_in(None, [other], at("11:00"), NOW, BERLIN, uuid.uuid4())


def test_clock_in_before_a_later_session_is_refused_since_it_would_run_across_it() -> None:
    other = finished("13:00", "15:00")
    with pytest.raises(ClockError, match="overlaps the session from 2026-11-24 13:00"):
        clock_in(None, [other], at("12:00"), NOW, BERLIN, uuid.uuid4())


def test_clock_out_into_another_session_is_refused() -> None:
    # A forgotten session from the morning, clocked out after a later one had started.
    later = finished("13:00", "15:00")
    with pytest.raises(ClockError, match="overlaps the session from 2026-11-24 13:00"):
        clock_out(working("08:00"), [later], at("14:00"), NOW)


def test_clock_out_is_not_refused_for_overlapping_itself() -> None:
    s = working("08:00")
    assert clock_out(s, [s], at("16:00"), NOW).end == at("16:00")


# -- validate_session (edits) -------------------------------------------------------------------


def test_a_consistent_session_is_valid() -> None:
    validate_session(finished("08:00", "16:30", ("12:00", "12:30")), [], NOW)
    validate_session(working("08:00", ("12:00", "12:30"), ("15:00", None)), [], NOW)


@pytest.mark.parametrize("end", ["08:00", "07:00"])
def test_the_end_must_come_after_the_start(end: str) -> None:
    with pytest.raises(ClockError, match=r"^The end must come after the start\.$"):
        validate_session(finished("08:00", end), [], NOW)


def test_a_start_in_the_future_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^The start 2026-11-24 19:00 is in the future\.$"):
        validate_session(working("19:00"), [], NOW)


def test_an_end_in_the_future_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^The end 2026-11-24 19:00 is in the future\.$"):
        validate_session(finished("08:00", "19:00"), [], NOW)


@pytest.mark.parametrize(
    "brk",
    [("07:30", "08:30"), ("16:00", "17:00"), ("17:00", "17:15")],
    ids=["before", "across-end", "after"],
)
def test_a_break_must_lie_inside_the_session(brk: tuple[str, str]) -> None:
    with pytest.raises(ClockError, match="lies outside the session"):
        validate_session(finished("08:00", "16:30", brk), [], NOW)


def test_a_break_must_end_after_it_starts() -> None:
    with pytest.raises(ClockError, match=r"^A break must end after it starts\.$"):
        validate_session(finished("08:00", "16:30", ("12:00", "12:00")), [], NOW)


def test_breaks_must_not_overlap() -> None:
    s = finished("08:00", "16:30", ("12:00", "12:30"), ("12:15", "12:45"))
    with pytest.raises(ClockError, match=r"^Breaks can't overlap each other\.$"):
        validate_session(s, [], NOW)


def test_touching_breaks_are_fine() -> None:
    validate_session(finished("08:00", "16:30", ("12:00", "12:30"), ("12:30", "12:45")), [], NOW)


def test_only_the_last_break_of_a_running_session_may_run() -> None:
    s = finished("08:00", "16:30").with_changes(breaks=(BreakSegment(at("12:00")),))
    with pytest.raises(ClockError, match="Only the last break of a running session"):
        validate_session(s, [], NOW)
    s = working("08:00").with_changes(
        breaks=(BreakSegment(at("10:00")), BreakSegment(at("12:00"), at("12:30")))
    )
    with pytest.raises(ClockError, match="Only the last break of a running session"):
        validate_session(s, [], NOW)


def test_a_session_of_24_hours_is_the_longest_allowed() -> None:
    validate_session(finished("2026-11-23 08:00", "2026-11-24 08:00"), [], NOW)
    with pytest.raises(ClockError, match="longer than 24 hours"):
        validate_session(finished("2026-11-23 08:00", "2026-11-24 08:01"), [], NOW)


def test_midnight_to_midnight_on_the_25_hour_day_is_too_long() -> None:
    s = finished("2026-10-25 00:00", "2026-10-26 00:00")
    assert (s.end - s.start) == timedelta(hours=25)  # type: ignore[operator]
    with pytest.raises(ClockError, match="longer than 24 hours"):
        validate_session(s, [], NOW)
    validate_session(finished("2026-03-29 00:00", "2026-03-30 00:00"), [], NOW)  # 23 h


def test_an_edit_may_not_overlap_a_neighbour_but_is_not_its_own_neighbour() -> None:
    s = finished("08:00", "12:00")
    neighbour = finished("13:00", "15:00")
    validate_session(s, [s, neighbour], NOW)
    with pytest.raises(ClockError, match="overlaps the session from 2026-11-24 13:00 to "):
        validate_session(s.with_changes(end=at("13:30")), [s, neighbour], NOW)


def test_an_edit_may_not_overlap_the_running_session() -> None:
    running = working("14:00")
    with pytest.raises(ClockError, match=r"to now \(still running\)\.$"):
        validate_session(finished("13:00", "14:30"), [running], NOW)


# -- sessions -------------------------------------------------------------------------------------


def test_instants_are_kept_in_utc() -> None:
    s = WorkSession(uuid.uuid4(), datetime(2026, 11, 24, 8, tzinfo=ZoneInfo(BERLIN)), BERLIN)
    assert s.start == datetime(2026, 11, 24, 7, tzinfo=UTC) and s.start.tzinfo is UTC


def test_a_naive_datetime_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        utc(datetime(2026, 11, 24, 8))
    with pytest.raises(ValueError, match="naive datetime"):
        BreakSegment(datetime(2026, 11, 24, 8))


def test_breaks_are_kept_in_order() -> None:
    s = finished("08:00", "16:00", ("14:00", "14:15"), ("10:00", "10:15"))
    assert [b.start for b in s.breaks] == [at("10:00"), at("14:00")]


def test_the_last_event_is_the_latest_edge() -> None:
    assert working("08:00").last_event_at() == at("08:00")
    assert working("08:00", ("12:00", "12:30")).last_event_at() == at("12:30")
    assert working("08:00", ("12:00", None)).last_event_at() == at("12:00")
    assert finished("08:00", "16:00", ("12:00", "12:30")).last_event_at() == at("16:00")


def test_a_running_session_and_break_count_up_to_now() -> None:
    s = working("08:00", ("12:00", "12:30"), ("16:00", None))
    assert s.break_seconds(NOW) == 2.5 * 3600
    assert s.worked_seconds(NOW) == 7.5 * 3600


# -- zones ----------------------------------------------------------------------------------------


def test_a_wall_time_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^2026-03-29 02:30 does not exist in Europe/Berlin"):
        local_wall_time(date(2026, 3, 29), time(2, 30), BERLIN)


def test_a_wall_time_that_happens_twice_is_refused() -> None:
    with pytest.raises(ClockError, match=r"^2026-10-25 02:30 happened twice in Europe/Berlin"):
        local_wall_time(date(2026, 10, 25), time(2, 30), BERLIN)


@pytest.mark.parametrize(
    ("day", "wall", "expected"),
    [
        (date(2026, 3, 29), time(1, 59), datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        (date(2026, 3, 29), time(3, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (date(2026, 10, 25), time(1, 59), datetime(2026, 10, 24, 23, 59, tzinfo=UTC)),
        (date(2026, 10, 25), time(3, 0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
        (date(2026, 11, 24), time(8, 0), datetime(2026, 11, 24, 7, 0, tzinfo=UTC)),
    ],
)
def test_wall_times_around_dst_are_exact(day: date, wall: time, expected: datetime) -> None:
    assert local_wall_time(day, wall, BERLIN) == expected


def test_an_unknown_zone_is_a_clock_error() -> None:
    with pytest.raises(ClockError, match="Unknown time zone 'Mars/Olympus'"):
        zone("Mars/Olympus")


def test_dst_days_are_23_and_25_hours_long() -> None:
    for day, hours in ((date(2026, 3, 29), 23), (date(2026, 10, 25), 25), (date(2026, 11, 24), 24)):
        lo, hi = day_bounds(day, BERLIN)
        assert hi - lo == timedelta(hours=hours)


def test_local_days_lists_every_day_a_span_touches() -> None:
    assert local_days(at("2026-11-24 22:00"), at("2026-11-26 01:00"), BERLIN) == [
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 26),
    ]
