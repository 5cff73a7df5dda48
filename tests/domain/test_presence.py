"""The presence decisions: what to ask, what to record, what to remind — with a fake world.

The fake world has a wall clock (UTC), a monotonic clock that counts sleep, an idle counter
(either counting sleep, as Windows does, or not, as X11 does), and a session the test steers.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clockapp.domain.clock import ClockState
from clockapp.domain.presence import (
    AddBreak,
    AutoClockOut,
    AwayAnswer,
    AwayCause,
    AwayPrompt,
    ClockChanged,
    ClockOutAt,
    Day,
    Decision,
    Heartbeat,
    KeepAsWork,
    Observation,
    PresenceSettings,
    PresenceTracker,
    Reminder,
    ReminderKind,
    ReminderSettings,
    ZoneChanged,
    auto_clock_out_end,
    break_steps,
    due_reminders,
    question_on_start,
    recording_for,
    working_since,
)
from clockapp.domain.session import BreakSegment, WorkSession
from tests.conftest import BERLIN, berlin

POLL = 20.0
SETTINGS = PresenceSettings(idle_threshold_seconds=600, poll_interval_seconds=POLL)


@dataclass
class World:
    """A computer, a person and a clock, advanced poll by poll."""

    wall: datetime
    idle_counts_sleep: bool = False  # Windows' GetLastInputInfo does; X11's counter doesn't
    idle_available: bool = True
    settings: PresenceSettings = SETTINGS
    mono: float = 1000.0
    awake: float = 1000.0
    last_input_boot: float = 1000.0
    last_input_awake: float = 1000.0
    session: WorkSession | None = None
    zone: str = BERLIN
    tracker: PresenceTracker = field(init=False)
    log: list[tuple[Observation, Decision]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tracker = PresenceTracker(self.settings)

    # -- the person ------------------------------------------------------------------------

    def clock_in(self) -> WorkSession:
        self.session = WorkSession(id=uuid.uuid4(), start=self.wall, zone=BERLIN)
        return self.session

    def start_break(self) -> None:
        assert self.session is not None
        self.session = self.session.with_changes(
            breaks=(*self.session.breaks, BreakSegment(self.wall))
        )

    def end_break(self) -> None:
        assert self.session is not None and self.session.open_break is not None
        running = self.session.open_break
        self.session = self.session.with_changes(
            breaks=(*self.session.breaks[:-1], BreakSegment(running.start, self.wall))
        )

    def clock_out(self) -> None:
        self.session = None

    def touch(self) -> None:
        """Keyboard or mouse input now."""
        self.last_input_boot = self.mono
        self.last_input_awake = self.awake

    # -- time ------------------------------------------------------------------------------

    def idle_seconds(self) -> float | None:
        if not self.idle_available:
            return None
        if self.idle_counts_sleep:
            return self.mono - self.last_input_boot
        return self.awake - self.last_input_awake

    def poll(self) -> list[Decision]:
        observation = Observation(
            self.wall, self.mono, self.idle_seconds(), self.session, self.zone
        )
        decisions = self.tracker.observe(observation)
        self.log.extend((observation, d) for d in decisions)
        return decisions

    def run(self, seconds: float, *, active: bool) -> list[Decision]:
        """Let ``seconds`` pass poll by poll, the person busy (``active``) or away."""
        decisions: list[Decision] = []
        steps = round(seconds / POLL)
        for _ in range(steps):
            self.wall += timedelta(seconds=POLL)
            self.mono += POLL
            self.awake += POLL
            if active:
                self.touch()
            decisions += self.poll()
        return decisions

    def sleep(self, seconds: float) -> None:
        """The computer sleeps: wall and boot clocks move on, the app and awake time don't."""
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def set_clock(self, seconds: float) -> None:
        """Someone sets the system clock: only the wall clock moves."""
        self.wall += timedelta(seconds=seconds)

    def wake(self, *, with_input: bool) -> list[Decision]:
        """The first poll after a wake (a few seconds in)."""
        self.wall += timedelta(seconds=5)
        self.mono += 5
        self.awake += 5
        if with_input:
            self.touch()
        return self.poll()


def prompts(decisions: list[Decision]) -> list[AwayPrompt]:
    return [d for d in decisions if isinstance(d, AwayPrompt)]


def at(text: str) -> datetime:
    return berlin(text)


def near(a: datetime, b: datetime, seconds: float = POLL + 1) -> bool:
    return abs((a - b).total_seconds()) <= seconds


# -- away while working ----------------------------------------------------------------------


def test_idle_while_working_is_asked_once_when_the_person_returns() -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    assert world.run(72 * 60, active=True) == []  # busy until 10:12
    assert world.run(35 * 60, active=False) == []  # nothing asked while nobody is there
    [prompt] = prompts(world.run(POLL, active=True))  # back at 10:47
    assert prompt.cause is AwayCause.IDLE
    assert prompt.session_id == world.session.id  # type: ignore[union-attr]
    assert near(prompt.start, at("2026-11-23 10:12"))
    assert near(prompt.end, at("2026-11-23 10:47"))
    assert world.run(30 * 60, active=True) == []  # once per away stretch


def test_no_prompt_for_idleness_during_a_break() -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    world.run(3 * 3600, active=True)
    world.start_break()
    assert world.run(45 * 60, active=False) == []
    world.end_break()
    assert world.run(5 * 60, active=True) == []


def test_no_prompt_while_clocked_out() -> None:
    world = World(at("2026-11-23 09:00"))
    assert world.run(2 * 3600, active=False) == []
    assert world.run(10 * 60, active=True) == []


def test_a_break_started_elsewhere_during_the_away_time_settles_it() -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    world.run(3600, active=True)
    world.run(15 * 60, active=False)  # away stretch under way
    world.start_break()  # e.g. ``clockapp break`` from a phone's SSH session
    world.run(60, active=False)
    world.end_break()
    assert world.run(5 * 60, active=True) == []


def test_idle_that_began_before_the_break_ended_counts_from_the_end_of_the_break() -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    world.run(3600, active=True)
    world.start_break()
    world.run(30 * 60, active=False)
    world.end_break()  # ended elsewhere: the desktop saw no input since the break began
    world.run(20 * 60, active=False)
    [prompt] = prompts(world.run(POLL, active=True))
    assert prompt.start == world.session.breaks[-1].end  # type: ignore[union-attr]
    assert near(prompt.end, world.wall)


@pytest.mark.parametrize(("idle_minutes", "asked"), [(9.5, False), (10, True), (10.5, True)])
def test_threshold_edges(idle_minutes: float, asked: bool) -> None:
    start = at("2026-11-23 10:00")
    session = WorkSession(id=uuid.uuid4(), start=start - timedelta(hours=1), zone=BERLIN)
    tracker = PresenceTracker(SETTINGS)
    idle = idle_minutes * 60
    away_end = start + timedelta(seconds=idle)
    assert tracker.observe(Observation(start, 0.0, 0.0, session)) == []
    assert tracker.observe(Observation(away_end, idle, idle, session)) == []
    back = tracker.observe(
        Observation(away_end + timedelta(seconds=POLL), idle + POLL, 1.0, session)
    )
    assert bool(prompts(back)) is asked
    if asked:
        assert prompts(back)[0].start == start
        assert prompts(back)[0].seconds >= 600


# -- sleep -----------------------------------------------------------------------------------


@pytest.mark.parametrize("idle_counts_sleep", [False, True], ids=["x11-counter", "windows-counter"])
def test_sleep_across_midnight_is_asked_on_return(idle_counts_sleep: bool) -> None:
    world = World(at("2026-11-23 20:00"), idle_counts_sleep=idle_counts_sleep)
    world.clock_in()
    world.run(3.5 * 3600, active=True)  # until 23:30
    world.sleep((at("2026-11-24 07:10") - world.wall).total_seconds())
    [prompt] = prompts(world.wake(with_input=True))
    assert prompt.cause is AwayCause.SLEEP
    assert near(prompt.start, at("2026-11-23 23:30"))
    assert near(prompt.end, at("2026-11-24 07:10"), 10)
    assert world.run(10 * 60, active=True) == []
    assert recording_for(prompt, AwayAnswer.END_OF_DAY) == ClockOutAt(
        prompt.session_id, prompt.start
    )


def test_sleep_without_idle_detection_is_still_asked_about() -> None:
    world = World(at("2026-11-23 14:00"), idle_available=False)
    world.clock_in()
    world.run(3600, active=True)
    world.sleep(2 * 3600)
    [prompt] = prompts(world.wake(with_input=False))
    assert prompt.cause is AwayCause.SLEEP
    assert near(prompt.start, at("2026-11-23 15:00"), 1)
    assert near(prompt.end, at("2026-11-23 17:00"), 10)


def test_a_short_sleep_below_the_threshold_is_not_asked_about() -> None:
    world = World(at("2026-11-23 14:00"))
    world.clock_in()
    world.run(3600, active=True)
    world.sleep(4 * 60)
    assert world.wake(with_input=True) == []


def test_idle_then_sleep_is_one_stretch_from_the_last_input() -> None:
    world = World(at("2026-11-23 14:00"))
    world.clock_in()
    world.run(3600, active=True)  # last input 15:00
    world.run(30 * 60, active=False)  # idle, then the OS suspends
    world.sleep(3600)
    [prompt] = prompts(world.wake(with_input=True))
    assert near(prompt.start, at("2026-11-23 15:00"))
    assert near(prompt.end, at("2026-11-23 16:30"), 10)


def test_two_sleeps_in_a_row_with_work_between_are_two_questions() -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    world.run(3600, active=True)
    world.sleep(30 * 60)
    [first] = prompts(world.wake(with_input=True))
    world.run(15 * 60, active=True)
    world.sleep(40 * 60)
    [second] = prompts(world.wake(with_input=True))
    assert first.end < second.start
    assert near(first.start, at("2026-11-23 10:00"))
    assert near(second.start, first.end + timedelta(minutes=15), 2 * POLL)
    assert 39 * 60 < second.seconds < 42 * 60


def test_two_sleeps_with_nobody_there_between_are_one_question() -> None:
    # A dark wake (timer, network) between two sleeps: the Windows-style counter still counts
    # from the last real input, so nobody is "back" until someone touches the computer.
    world = World(at("2026-11-23 09:00"), idle_counts_sleep=True)
    world.clock_in()
    world.run(3600, active=True)
    world.sleep(30 * 60)
    assert world.wake(with_input=False) == []
    world.run(60, active=False)
    world.sleep(45 * 60)
    assert world.wake(with_input=False) == []
    [prompt] = prompts(world.run(POLL, active=True))
    assert near(prompt.start, at("2026-11-23 10:00"))
    assert near(prompt.end, world.wall)


# -- clock and zone changes ------------------------------------------------------------------


def test_dst_fall_back_during_away_time_measures_real_minutes_and_is_no_clock_change() -> None:
    # 2026-10-25: Berlin goes from 03:00 CEST back to 02:00 CET at 01:00 UTC.
    world = World(datetime(2026, 10, 25, 0, 0, tzinfo=UTC))  # 02:00 CEST
    world.clock_in()
    world.run(40 * 60, active=True)  # last input 02:40 CEST = 00:40 UTC
    world.run(40 * 60, active=False)  # until 02:20 CET = 01:20 UTC
    decisions = world.run(POLL, active=True)
    [prompt] = prompts(decisions)
    assert not [d for d in world.log if isinstance(d[1], ClockChanged)]
    assert 40 * 60 <= prompt.seconds <= 41 * 60
    assert near(prompt.end, datetime(2026, 10, 25, 1, 20, tzinfo=UTC))


def test_dst_spring_forward_is_no_clock_change() -> None:
    world = World(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01:30 CET, then 03:00 CEST
    world.clock_in()
    assert world.run(3600, active=True) == []


@pytest.mark.parametrize("jump_hours", [-1, 2])
def test_a_changed_system_clock_is_reported_and_never_recorded(jump_hours: int) -> None:
    world = World(at("2026-11-23 09:00"))
    world.clock_in()
    world.run(3600, active=True)
    world.run(12 * 60, active=False)  # an away stretch was under way
    world.set_clock(jump_hours * 3600)
    [changed] = world.run(POLL, active=False)
    assert isinstance(changed, ClockChanged)
    assert round(changed.jump_seconds) == jump_hours * 3600
    # Neither asked (the stretch can't be measured across the jump) nor treated as a sleep.
    assert prompts(world.run(POLL, active=True)) == []
    assert world.run(3600, active=True) == []


def test_clock_set_back_while_off_is_reported_only() -> None:
    world = World(at("2026-11-23 09:00"))
    world.run(60, active=True)
    world.set_clock(-600)
    [changed] = world.run(POLL, active=True)
    assert isinstance(changed, ClockChanged) and round(changed.jump_seconds) == -600


def test_small_drift_is_not_a_clock_change() -> None:
    world = World(at("2026-11-23 09:00"))
    world.run(60, active=True)
    world.set_clock(30)  # an NTP step
    assert world.run(POLL, active=True) == []


def test_time_zone_change_is_reported() -> None:
    world = World(at("2026-11-23 09:00"))
    world.run(60, active=True)
    world.zone = "America/New_York"
    assert world.run(POLL, active=True) == [ZoneChanged(BERLIN, "America/New_York")]


# -- answers ---------------------------------------------------------------------------------


def test_each_answer_maps_to_its_recording() -> None:
    prompt = AwayPrompt(
        uuid.uuid4(), at("2026-11-23 10:12"), at("2026-11-23 10:47"), AwayCause.IDLE
    )
    assert recording_for(prompt, AwayAnswer.BREAK) == AddBreak(
        prompt.session_id, prompt.start, prompt.end
    )
    assert recording_for(prompt, AwayAnswer.WORK) == KeepAsWork(
        prompt.session_id, prompt.start, prompt.end, dismissed=False
    )
    assert recording_for(prompt, AwayAnswer.END_OF_DAY) == ClockOutAt(
        prompt.session_id, prompt.start
    )


def test_a_dismissed_prompt_keeps_the_time_as_work_and_says_so() -> None:
    prompt = AwayPrompt(
        uuid.uuid4(), at("2026-11-23 10:12"), at("2026-11-23 10:47"), AwayCause.SLEEP
    )
    recording = recording_for(prompt, AwayAnswer.DISMISSED)
    assert isinstance(recording, KeepAsWork) and recording.dismissed


# -- forgotten clock-out ---------------------------------------------------------------------


def test_forgotten_clock_out_ends_at_the_last_activity() -> None:
    world = World(at("2026-11-23 08:00"))
    session = world.clock_in()
    world.run(9 * 3600, active=True)  # until 17:00
    decisions = world.run(3 * 3600 + POLL, active=False)  # the desk is empty until 20:00
    [auto] = [d for d in decisions if isinstance(d, AutoClockOut)]
    assert auto.session_id == session.id
    assert near(auto.end, at("2026-11-23 17:00"))
    assert prompts(decisions) == []
    assert [d for d in world.run(3600, active=False) if isinstance(d, AutoClockOut)] == []


def test_no_auto_clock_out_under_the_hands_of_someone_working() -> None:
    world = World(at("2026-11-23 08:00"))
    world.clock_in()
    decisions = world.run(12.5 * 3600, active=True)
    assert [d for d in decisions if isinstance(d, AutoClockOut)] == []


def test_forgotten_break_ends_the_session_at_the_break_start() -> None:
    world = World(at("2026-11-23 08:00"))
    world.clock_in()
    world.run(4 * 3600, active=True)
    world.start_break()  # 12:00, and never came back
    decisions = world.run(8 * 3600 + POLL, active=True)  # browsing during the "break"
    [auto] = [d for d in decisions if isinstance(d, AutoClockOut)]
    assert auto.end == at("2026-11-23 12:00")


def test_auto_clock_out_end_never_leaves_an_empty_session() -> None:
    session = WorkSession(id=uuid.uuid4(), start=at("2026-11-23 08:00"), zone=BERLIN)
    now = at("2026-11-23 21:00")
    assert auto_clock_out_end(session, None, now) is None
    assert auto_clock_out_end(session, at("2026-11-23 07:00"), now) is None
    assert auto_clock_out_end(session, at("2026-11-23 17:00"), now) == at("2026-11-23 17:00")
    # After the clock was set back, an end "in the future" is no end either.
    assert auto_clock_out_end(session, at("2026-11-23 17:00"), at("2026-11-23 16:00")) is None


def test_auto_clock_out_can_be_switched_off() -> None:
    world = World(
        at("2026-11-23 08:00"),
        settings=PresenceSettings(600, POLL, auto_clock_out_seconds=None),
    )
    world.clock_in()
    world.run(3600, active=True)
    decisions = world.run(14 * 3600, active=False)
    assert [d for d in decisions if isinstance(d, AutoClockOut)] == []


# -- the next start --------------------------------------------------------------------------


def test_start_after_quitting_while_working_asks_from_the_last_activity() -> None:
    session = WorkSession(id=uuid.uuid4(), start=at("2026-11-23 09:00"), zone=BERLIN)
    beat = Heartbeat(at("2026-11-23 17:42"), at("2026-11-23 17:43"), session.id)
    prompt = question_on_start(session, beat, at("2026-11-24 08:03"), SETTINGS)
    assert prompt == AwayPrompt(
        session.id, at("2026-11-23 17:42"), at("2026-11-24 08:03"), AwayCause.APP_NOT_RUNNING
    )


def test_start_asks_nothing_after_a_quick_restart_or_for_a_session_it_never_saw() -> None:
    session = WorkSession(id=uuid.uuid4(), start=at("2026-11-23 09:00"), zone=BERLIN)
    beat = Heartbeat(at("2026-11-23 11:00"), at("2026-11-23 11:00"), session.id)
    assert question_on_start(session, beat, at("2026-11-23 11:02"), SETTINGS) is None
    other = Heartbeat(at("2026-11-22 17:00"), at("2026-11-22 17:00"), uuid.uuid4())
    assert question_on_start(session, other, at("2026-11-23 11:30"), SETTINGS) is None
    assert question_on_start(None, beat, at("2026-11-23 15:00"), SETTINGS) is None


def test_start_counts_clock_events_made_while_the_app_was_not_running() -> None:
    session = WorkSession(
        id=uuid.uuid4(),
        start=at("2026-11-23 09:00"),
        zone=BERLIN,
        breaks=(BreakSegment(at("2026-11-23 12:00"), at("2026-11-23 12:30")),),
    )
    beat = Heartbeat(at("2026-11-23 11:00"), at("2026-11-23 11:00"), session.id)
    prompt = question_on_start(session, beat, at("2026-11-23 15:00"), SETTINGS)
    assert isinstance(prompt, AwayPrompt) and prompt.start == at("2026-11-23 12:30")


def test_start_on_a_forgotten_break_clocks_out_at_its_start() -> None:
    session = WorkSession(
        id=uuid.uuid4(),
        start=at("2026-11-23 09:00"),
        zone=BERLIN,
        breaks=(BreakSegment(at("2026-11-23 16:00")),),
    )
    decision = question_on_start(session, None, at("2026-11-24 08:00"), SETTINGS)
    assert decision == AutoClockOut(session.id, at("2026-11-23 16:00"))
    assert question_on_start(session, None, at("2026-11-23 17:00"), SETTINGS) is None


# -- reminders -------------------------------------------------------------------------------

REMINDERS = ReminderSettings(
    clock_in_by=time(9, 30),
    clock_out_after=time(18, 30),
    break_ahead_minutes=15,
    daily_limit_ahead_minutes=30,
)


def _required(worked_seconds: float) -> int:
    """ArbZG § 4 as the reminders see it (the real rules module is read by break_steps)."""
    return 45 if worked_seconds > 9 * 3600 else 30 if worked_seconds > 6 * 3600 else 0


STEPS = break_steps(_required)


def day(
    now: str,
    session: WorkSession | None = None,
    worked_h: float = 0.0,
    breaks_min: float = 0.0,
    recorded: bool | None = None,
    workday: bool = True,
) -> Day:
    return Day(
        now=at(now),
        zone=BERLIN,
        session=session,
        worked_seconds=worked_h * 3600,
        counted_break_seconds=breaks_min * 60,
        recorded=recorded if recorded is not None else session is not None,
        workday=workday,
    )


def working(start: str, on_break: bool = False) -> WorkSession:
    breaks = (BreakSegment(at(start) + timedelta(hours=1)),) if on_break else ()
    return WorkSession(id=uuid.uuid4(), start=at(start), zone=BERLIN, breaks=breaks)


def kinds(reminders: list[Reminder]) -> set[ReminderKind]:
    return {r.kind for r in reminders}


def test_break_steps_come_from_the_rules() -> None:
    assert STEPS == [(6 * 3600, 30), (9 * 3600, 45)]
    assert break_steps()  # the real rules module has steps too


def test_not_clocked_in_reminder_fires_once_on_a_workday_morning() -> None:
    morning = day("2026-11-23 09:31")
    assert kinds(due_reminders(morning, REMINDERS, [], STEPS)) == {ReminderKind.NOT_CLOCKED_IN}
    assert due_reminders(morning, REMINDERS, [ReminderKind.NOT_CLOCKED_IN], STEPS) == []


@pytest.mark.parametrize(
    "situation",
    [
        day("2026-11-23 09:29"),  # not yet
        day("2026-11-28 10:00", workday=False),  # Saturday, no target
        day("2026-11-23 10:00", recorded=True),  # worked already and clocked out
        day("2026-11-23 10:00", working("2026-11-23 08:00")),  # clocked in
        day("2026-11-23 20:00"),  # the evening: a morning nudge is stale
    ],
)
def test_not_clocked_in_reminder_never_fires_where_it_makes_no_sense(situation: Day) -> None:
    assert ReminderKind.NOT_CLOCKED_IN not in kinds(due_reminders(situation, REMINDERS, [], STEPS))


def test_still_clocked_in_reminder() -> None:
    late = day("2026-11-23 18:31", working("2026-11-23 09:00"), worked_h=8.5, breaks_min=45)
    assert kinds(due_reminders(late, REMINDERS, [], STEPS)) == {ReminderKind.STILL_CLOCKED_IN}
    # An evening shift that began after 18:30 has nothing to be reminded of; nor has someone off.
    evening = day("2026-11-23 19:30", working("2026-11-23 19:00"), worked_h=0.5)
    assert due_reminders(evening, REMINDERS, [], STEPS) == []
    assert due_reminders(day("2026-11-23 19:00", recorded=True), REMINDERS, [], STEPS) == []


def test_still_clocked_in_reminder_on_the_dst_day_uses_local_time() -> None:
    # 2026-03-29 is 23 h long in Berlin; 18:30 local is 16:30 UTC.
    before = Day(
        datetime(2026, 3, 29, 16, 29, tzinfo=UTC),
        BERLIN,
        working("2026-03-29 10:00"),
        5,
        30,
        True,
        True,
    )
    after = Day(
        datetime(2026, 3, 29, 16, 31, tzinfo=UTC),
        BERLIN,
        working("2026-03-29 10:00"),
        5,
        30,
        True,
        True,
    )
    assert ReminderKind.STILL_CLOCKED_IN not in kinds(due_reminders(before, REMINDERS, [], STEPS))
    assert ReminderKind.STILL_CLOCKED_IN in kinds(due_reminders(after, REMINDERS, [], STEPS))


def test_break_due_ahead_of_time() -> None:
    # 15 min ahead: from more than 5 h 45 of work (the rule says "more than 6 hours").
    [reminder] = due_reminders(
        day("2026-11-23 13:46", working("2026-11-23 08:00"), worked_h=5.77), REMINDERS, [], STEPS
    )
    assert reminder.kind is ReminderKind.BREAK_DUE
    assert (reminder.minutes, reminder.break_minutes) == (14, 30)  # "30-min break due in 14 min"
    assert (
        due_reminders(
            day("2026-11-23 13:45", working("2026-11-23 08:00"), worked_h=5.75),
            REMINDERS,
            [],
            STEPS,
        )
        == []
    )


def test_break_due_counts_the_breaks_taken() -> None:
    taken = day("2026-11-23 14:30", working("2026-11-23 08:00"), worked_h=5.9, breaks_min=30)
    assert due_reminders(taken, REMINDERS, [], STEPS) == []
    [second] = due_reminders(
        day("2026-11-23 17:30", working("2026-11-23 08:00"), worked_h=8.9, breaks_min=30),
        REMINDERS,
        [ReminderKind.BREAK_DUE],
        STEPS,
    )
    assert second.kind is ReminderKind.SECOND_BREAK_DUE and second.break_minutes == 15


def test_break_and_limit_reminders_never_fire_on_a_break_or_off() -> None:
    on_break = day("2026-11-23 17:45", working("2026-11-23 08:00", on_break=True), worked_h=9.8)
    assert due_reminders(on_break, ReminderSettings(), [], STEPS) == []
    off = day("2026-11-23 19:00", None, worked_h=9.8, recorded=True)
    assert due_reminders(off, ReminderSettings(), [], STEPS) == []


def test_daily_limit_approaching_fires_once() -> None:
    near_limit = day("2026-11-23 18:40", working("2026-11-23 08:00"), worked_h=9.6, breaks_min=45)
    [reminder] = due_reminders(near_limit, ReminderSettings(), [], STEPS)
    assert reminder.kind is ReminderKind.DAILY_LIMIT and reminder.minutes == 24
    assert due_reminders(near_limit, ReminderSettings(), [ReminderKind.DAILY_LIMIT], STEPS) == []


def test_reminders_switched_off_stay_quiet() -> None:
    quiet = ReminderSettings(
        clock_in_by=None,
        clock_out_after=None,
        break_ahead_minutes=None,
        daily_limit_ahead_minutes=None,
        long_session_seconds=None,
    )
    busy = day("2026-11-23 21:00", working("2026-11-23 08:00"), worked_h=11.5)
    assert due_reminders(busy, quiet, [], STEPS) == []
    assert due_reminders(day("2026-11-23 09:45"), quiet, [], STEPS) == []


def test_long_session_reminder_for_someone_still_at_it() -> None:
    long = day("2026-11-23 20:30", working("2026-11-23 08:00"), worked_h=11.5, breaks_min=45)
    settings_no_limit = ReminderSettings(daily_limit_ahead_minutes=None)
    assert kinds(due_reminders(long, settings_no_limit, [], STEPS)) == {ReminderKind.LONG_SESSION}


# -- properties ------------------------------------------------------------------------------

ACTIONS = st.one_of(
    st.tuples(st.just("work"), st.integers(1, 180)),  # minutes busy
    st.tuples(st.just("away"), st.integers(1, 180)),  # minutes idle
    st.tuples(st.just("sleep"), st.integers(1, 900)),  # minutes asleep
    st.tuples(st.just("wake"), st.booleans()),
    st.tuples(st.just("jump"), st.sampled_from([-7200, -600, 300, 3600])),
    st.tuples(st.just("toggle"), st.sampled_from(["in", "out", "break", "end break"])),
)


@settings(max_examples=150, deadline=None)
@given(
    actions=st.lists(ACTIONS, max_size=25),
    idle_counts_sleep=st.booleans(),
    idle_available=st.booleans(),
)
def test_whatever_happens_prompts_are_honest(
    actions: list[tuple[str, object]], idle_counts_sleep: bool, idle_available: bool
) -> None:
    world = World(
        at("2026-11-23 07:00"), idle_counts_sleep=idle_counts_sleep, idle_available=idle_available
    )
    world.clock_in()
    world.run(POLL, active=True)
    jumps = 0
    for kind, value in actions:
        if kind == "work":
            world.run(int(value) * 60, active=True)  # type: ignore[call-overload]
        elif kind == "away":
            world.run(int(value) * 60, active=False)  # type: ignore[call-overload]
        elif kind == "sleep":
            world.sleep(int(value) * 60)  # type: ignore[call-overload]
        elif kind == "wake":
            world.wake(with_input=bool(value))
        elif kind == "jump":
            world.set_clock(float(value))  # type: ignore[arg-type]
            world.run(POLL, active=False)
            jumps += 1
        else:
            state = world.session and (
                ClockState.ON_BREAK if world.session.open_break else ClockState.WORKING
            )
            if value == "in" and world.session is None:
                world.clock_in()
            elif value == "out" and world.session is not None:
                world.clock_out()
            elif value == "break" and state is ClockState.WORKING:
                world.start_break()
            elif value == "end break" and state is ClockState.ON_BREAK:
                world.end_break()

    asked: dict[uuid.UUID, list[AwayPrompt]] = {}
    autos: list[uuid.UUID] = []
    changes = 0
    for observation, decision in world.log:
        if isinstance(decision, AwayPrompt):
            session = observation.session
            # Only while working, inside the current stretch of work, long enough, in the past.
            assert session is not None and observation.state is ClockState.WORKING
            assert decision.session_id == session.id
            assert decision.start >= working_since(session)
            assert decision.end <= observation.wall
            assert decision.seconds >= SETTINGS.idle_threshold_seconds
            asked.setdefault(session.id, []).append(decision)
        elif isinstance(decision, AutoClockOut):
            autos.append(decision.session_id)
            assert observation.session is not None
            assert observation.session.start < decision.end <= observation.wall
        elif isinstance(decision, ClockChanged):
            changes += 1
    # Once per away stretch: the stretches of one session never overlap.
    for stretches in asked.values():
        for earlier, later in itertools.pairwise(stretches):
            assert earlier.end <= later.start
    assert len(autos) == len(set(autos))
    # A clock change is reported exactly when someone changed the clock.
    assert changes == jumps


# -- reminders and the rules agree ---------------------------------------------------------------

_DAY0 = berlin("2026-11-24 06:00")
_BREAK_KINDS = (ReminderKind.BREAK_DUE, ReminderKind.SECOND_BREAK_DUE)


@st.composite
def working_day(draw: st.DrawFn) -> tuple[list[WorkSession], datetime]:
    """One to three sessions of a day, the last one running (not on a break) at ``now``;
    times in whole minutes so that the boundaries (exactly 6 h, exactly 15 min) come up."""
    count = draw(st.integers(1, 3))
    marks = sorted(draw(st.sets(st.integers(0, 16 * 60), min_size=2 * count, max_size=2 * count)))
    sessions = []
    for i in range(count):
        a, b = marks[2 * i], marks[2 * i + 1]
        start, end = _DAY0 + timedelta(minutes=a), _DAY0 + timedelta(minutes=b)
        breaks: tuple[BreakSegment, ...] = ()
        if b - a > 2 and draw(st.booleans()):
            s = draw(st.integers(a + 1, b - 2))
            e = draw(st.integers(s + 1, b - 1))
            breaks = (BreakSegment(_DAY0 + timedelta(minutes=s), _DAY0 + timedelta(minutes=e)),)
        last = i == count - 1
        sessions.append(WorkSession(uuid.uuid4(), start, BERLIN, None if last else end, breaks))
    return sessions, _DAY0 + timedelta(minutes=marks[-1])


def _running(start: str, *breaks: tuple[str, str]) -> WorkSession:
    segments = tuple(BreakSegment(berlin(a), berlin(b)) for a, b in breaks)
    return WorkSession(uuid.uuid4(), berlin(start), BERLIN, None, segments)


@settings(max_examples=300, deadline=None)
@given(working_day())
# Exactly 6 h: not "more than 6 hours", so nothing is due yet.
@example(([_running("2026-11-24 08:00")], berlin("2026-11-24 14:00")))
# 20 min of break taken, 10 missing: a 10-min break wouldn't count, so 15 are proposed.
@example(
    (
        [_running("2026-11-24 07:00", ("2026-11-24 09:00", "2026-11-24 09:20"))],
        berlin("2026-11-24 13:31"),
    )
)
def test_a_break_is_due_exactly_when_the_report_would_flag_the_day_ended_now(
    drawn: tuple[list[WorkSession], datetime],
) -> None:
    from clockapp.domain.rules import RULE_BREAK_30, RULE_BREAK_45, check_working_time
    from clockapp.domain.timeline import MIN_COUNTED_BREAK_S, day_time

    sessions, now = drawn
    today = _DAY0.date()
    time_ = day_time(sessions, today, BERLIN, now)
    state = Day(
        now, BERLIN, sessions[-1], time_.worked_seconds, time_.counted_break_seconds, True, True
    )
    due = due_reminders(
        state,
        ReminderSettings(
            break_ahead_minutes=0, daily_limit_ahead_minutes=None, long_session_seconds=None
        ),
        [],
    )
    flagged = {v.rule for v in check_working_time(sessions, [today], BERLIN, now)}
    assert bool({r.kind for r in due} & set(_BREAK_KINDS)) == bool(
        flagged & {RULE_BREAK_30, RULE_BREAK_45}
    )
    # Never a break shorter than one the law counts.
    assert all(r.break_minutes * 60 >= MIN_COUNTED_BREAK_S for r in due if r.kind in _BREAK_KINDS)
