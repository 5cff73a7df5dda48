"""Planned shifts on local days, and the shift reminders (pure)."""

from __future__ import annotations

import uuid
from datetime import date, time

from clockapp.domain.presence import ReminderKind, ShiftReminderSettings, due_shift_reminders
from clockapp.domain.session import WorkSession, utc
from clockapp.domain.shifts import Shift, planned_by_day, split_span_by_day
from clockapp.domain.timeline import floor_minutes
from tests.conftest import BERLIN, berlin

ALL_ON = ShiftReminderSettings(10, 15, 30)


def shift(start: str, end: str, own: bool = True, sid: str = "1") -> Shift:
    return Shift(sid, berlin(start), berlin(end), "12", "", own)


def minutes_by_day(*shifts: Shift) -> dict[date, int]:
    return {
        day: floor_minutes(sum((utc(e) - utc(s)).total_seconds() for s, e in spans))
        for day, spans in planned_by_day(shifts, BERLIN).items()
    }


def test_a_night_shift_counts_toward_both_days() -> None:
    assert minutes_by_day(shift("2026-11-25 22:00", "2026-11-26 06:00")) == {
        date(2026, 11, 25): 120,
        date(2026, 11, 26): 360,
    }


def test_dst_nights_are_an_hour_shorter_or_longer() -> None:
    # 29 March 2026: 02:00 becomes 03:00; 25 October 2026: 03:00 becomes 02:00.
    spring = split_span_by_day(berlin("2026-03-28 22:00"), berlin("2026-03-29 06:00"), BERLIN)
    autumn = split_span_by_day(berlin("2026-10-24 22:00"), berlin("2026-10-25 06:00"), BERLIN)
    assert [(utc(e) - utc(s)).total_seconds() / 3600 for s, e in spring.values()] == [2, 5]
    assert [(utc(e) - utc(s)).total_seconds() / 3600 for s, e in autumn.values()] == [2, 7]
    assert spring[date(2026, 3, 29)][0].isoformat() == "2026-03-29T00:00:00+01:00"


def test_two_shifts_of_a_day_in_order_and_a_shift_ending_at_midnight_touches_one_day() -> None:
    days = planned_by_day(
        [
            shift("2026-11-23 14:00", "2026-11-24 00:00"),
            shift("2026-11-23 06:00", "2026-11-23 10:00"),
        ],
        BERLIN,
    )
    assert list(days) == [date(2026, 11, 23)]
    assert [(s.time(), e.time()) for s, e in days[date(2026, 11, 23)]] == [
        (time(6), time(10)),
        (time(14), time(0)),
    ]


def running(start: str) -> WorkSession:
    return WorkSession(uuid.uuid4(), berlin(start), BERLIN)


def done(start: str, end: str) -> WorkSession:
    return WorkSession(uuid.uuid4(), berlin(start), BERLIN, berlin(end))


def test_the_week_counts_a_dst_night_shift_by_real_time() -> None:
    from clockapp.domain.week import Targets, week_report

    night = shift("2026-10-24 22:00", "2026-10-25 06:00")  # 9 hours: the clocks go back
    report = week_report(
        [], date(2026, 10, 19), BERLIN, berlin("2026-10-26 12:00"), Targets(), (), shifts=[night]
    )
    assert [d.planned_min for d in report.days][5:] == [120, 420]
    assert report.days[6].to_dict()["planned"] == [
        {"start": "2026-10-25T00:00:00+02:00", "end": "2026-10-25T06:00:00+01:00"}
    ]


def kinds(now: str, sessions: list[WorkSession], *shifts: Shift, settings=ALL_ON, fired=()):  # type: ignore[no-untyped-def]
    due = due_shift_reminders(berlin(now), BERLIN, shifts, sessions, settings, fired)
    return [(r.kind, r.at, r.minutes, sid) for r, sid in due]


def test_a_shift_start_is_announced_ahead_only_when_not_clocked_in() -> None:
    early = shift("2026-11-23 06:00", "2026-11-23 14:00")
    assert kinds("2026-11-23 05:49", [], early) == []
    assert kinds("2026-11-23 05:52", [], early) == [(ReminderKind.SHIFT_STARTS, time(6), 8, "1")]
    assert kinds("2026-11-23 05:52", [running("2026-11-23 05:45")], early) == []
    # Fired once: not again.
    assert kinds("2026-11-23 05:55", [], early, fired={(ReminderKind.SHIFT_STARTS, "1")}) == []
    # A colleague's shift (no user in it) never reminds.
    assert (
        kinds("2026-11-23 05:52", [], shift("2026-11-23 06:00", "2026-11-23 14:00", own=False))
        == []
    )


def test_not_clocked_in_a_set_time_after_the_shift_started() -> None:
    early = shift("2026-11-23 06:00", "2026-11-23 14:00")
    assert kinds("2026-11-23 06:14", [], early) == []
    assert kinds("2026-11-23 06:15", [], early) == [
        (ReminderKind.SHIFT_NOT_CLOCKED_IN, time(6), 15, "1")
    ]
    # Clocked in and out again during the shift: nothing to remind of.
    assert kinds("2026-11-23 11:00", [done("2026-11-23 06:05", "2026-11-23 10:00")], early) == []
    assert kinds("2026-11-23 14:00", [], early) == []  # the shift is over: stale


def test_still_clocked_in_a_set_time_after_the_shift_ended() -> None:
    early = shift("2026-11-23 06:00", "2026-11-23 14:00")
    working = [running("2026-11-23 05:55")]
    assert kinds("2026-11-23 14:29", working, early) == []
    assert kinds("2026-11-23 14:30", working, early) == [
        (ReminderKind.SHIFT_STILL_CLOCKED_IN, time(14), 30, "1")
    ]
    # Clocked in only after the shift ended: another matter, not this shift's.
    assert kinds("2026-11-23 15:00", [running("2026-11-23 14:10")], early) == []
    assert kinds("2026-11-23 19:00", working, early) == []  # stale after four hours


def test_all_off_by_default() -> None:
    early = shift("2026-11-23 06:00", "2026-11-23 14:00")
    off = ShiftReminderSettings()
    for now in ("2026-11-23 05:55", "2026-11-23 07:00", "2026-11-23 15:00"):
        assert kinds(now, [], early, settings=off) == []
        assert kinds(now, [running("2026-11-23 05:55")], early, settings=off) == []
