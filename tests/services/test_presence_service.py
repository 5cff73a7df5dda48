"""The presence service on a real SQLite store: answers change the record exactly as intended."""

from __future__ import annotations

from pathlib import Path

import pytest

from clockapp.domain.clock import ClockState
from clockapp.domain.errors import ClockError
from clockapp.domain.presence import (
    AwayAnswer,
    AwayCause,
    AwayPrompt,
    ClockChanged,
    Heartbeat,
    Reminder,
    ReminderKind,
)
from clockapp.services.clock import ClockService
from clockapp.services.presence import (
    HEARTBEAT_EVERY_S,
    AutoClockedOut,
    Event,
    PresenceService,
)
from clockapp.settings import Settings
from clockapp.storage import Change, Store
from clockapp.storage.activity import ActivityLog
from tests.conftest import BERLIN, FakeClock, berlin

POLL = 20.0


class Machine:
    """The fake computer: one wall clock (shared with the clock service) and a boot clock."""

    def __init__(self, wall: FakeClock) -> None:
        self.wall = wall
        self.boot = 5000.0
        self.idle = 0.0

    def monotonic(self) -> float:
        return self.boot

    def pass_time(self, seconds: float, *, asleep: bool = False) -> None:
        self.wall.advance(seconds=seconds)
        self.boot += seconds
        if not asleep:
            self.idle += seconds

    def run(self, presence: PresenceService, seconds: float, *, active: bool) -> list[Event]:
        events: list[Event] = []
        for _ in range(round(seconds / POLL)):
            self.pass_time(POLL)
            if active:
                self.idle = 0.0
            events += presence.observe(self.idle)
        return events


@pytest.fixture
def machine(fake_clock: FakeClock) -> Machine:
    return Machine(fake_clock)


def open_presence(service: ClockService, machine: Machine) -> PresenceService:
    return PresenceService(
        service, now=machine.wall, monotonic=machine.monotonic, zone_now=lambda: BERLIN
    )


@pytest.fixture
def presence(service: ClockService, machine: Machine) -> PresenceService:
    return open_presence(service, machine)


def away_prompt(events: list[Event]) -> AwayPrompt:
    [prompt] = [e for e in events if isinstance(e, AwayPrompt)]
    return prompt


def away_from_10_12_to_10_47(
    service: ClockService, presence: PresenceService, machine: Machine
) -> AwayPrompt:
    """Clocked in at 08:00, busy until 10:12, away until 10:47, then back."""
    service.clock_in()
    presence.start()
    assert machine.run(presence, (2 * 60 + 12) * 60, active=True) == []
    assert [
        e for e in machine.run(presence, 35 * 60 - POLL, active=False) if isinstance(e, AwayPrompt)
    ] == []
    prompt = away_prompt(machine.run(presence, POLL, active=True))
    assert prompt.start == berlin("2026-11-23 10:12")
    assert prompt.end == berlin("2026-11-23 10:47")
    return prompt


def test_a_break_answer_records_a_break_from_the_idle_start(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    result = presence.answer(prompt, AwayAnswer.BREAK)
    running = service.store.running_session()
    assert running is not None and running == result.session
    [pause] = running.breaks
    assert (pause.start, pause.end) == (berlin("2026-11-23 10:12"), berlin("2026-11-23 10:47"))
    assert service.status().state is ClockState.WORKING
    assert service.store.outbox() == []  # still running: nothing to upload yet


def test_an_end_of_day_answer_clocks_out_at_the_idle_start(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    presence.answer(prompt, AwayAnswer.END_OF_DAY)
    assert service.store.running_session() is None
    [done] = service.sessions(berlin("2026-11-23 12:00").date(), berlin("2026-11-23 12:00").date())
    assert done.end == berlin("2026-11-23 10:12") and not done.flagged  # the person said so
    [entry] = service.store.outbox()
    assert entry.change is Change.FINISHED and entry.session == done


@pytest.mark.parametrize("answer", [AwayAnswer.WORK, AwayAnswer.DISMISSED])
def test_work_and_dismissal_change_nothing(
    service: ClockService, presence: PresenceService, machine: Machine, answer: AwayAnswer
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    before = service.store.running_session()
    result = presence.answer(prompt, answer)
    assert result.session is None
    assert service.store.running_session() == before
    assert service.store.outbox() == []


def test_a_late_answer_after_clocking_out_elsewhere_changes_nothing(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    machine.pass_time(60)
    service.clock_out()  # from a terminal, say
    finished = service.store.outbox()
    with pytest.raises(ClockError, match="no longer clocked in"):
        presence.answer(prompt, AwayAnswer.BREAK)
    with pytest.raises(ClockError):
        presence.answer(prompt, AwayAnswer.END_OF_DAY)
    assert service.store.outbox() == finished


def test_a_break_answer_that_overlaps_a_break_taken_since_is_refused(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    # The person took a real break meanwhile, overlapping nothing: the away break still fits.
    machine.pass_time(60)
    service.start_break()
    machine.pass_time(15 * 60)
    service.end_break()
    session = presence.answer(prompt, AwayAnswer.BREAK).session
    assert session is not None and len(session.breaks) == 2
    with pytest.raises(ClockError, match="overlap"):
        presence.answer(prompt, AwayAnswer.BREAK)  # the same stretch twice


def test_forgotten_clock_out_is_ended_at_the_last_activity_and_flagged(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    service.clock_in()
    presence.start()
    machine.run(presence, 9 * 3600, active=True)  # until 17:00
    events = machine.run(presence, 3 * 3600 + 2 * POLL, active=False)
    [auto] = [e for e in events if isinstance(e, AutoClockedOut)]
    assert auto.session.end == berlin("2026-11-23 17:00") and auto.session.flagged
    assert service.store.running_session() is None
    [entry] = service.store.outbox()
    assert entry.session is not None and entry.session.flagged  # the backend's copy says so too
    assert [e for e in events if isinstance(e, AwayPrompt)] == []


def open_again(path: Path, fake_clock: FakeClock) -> ClockService:
    return ClockService(
        Store.open(path / "clockapp.db"),
        Settings.load(path / "settings.json"),
        BERLIN,
        now=fake_clock,
    )


def test_after_quitting_while_working_the_next_start_asks_from_the_last_activity(
    service: ClockService,
    presence: PresenceService,
    machine: Machine,
    tmp_path: Path,
    fake_clock: FakeClock,
) -> None:
    service.clock_in()
    presence.start()
    machine.run(presence, 9 * 3600 + 42 * 60, active=True)  # until 17:42
    machine.run(presence, 5 * 60, active=False)
    presence.stop()  # Quit, or the session ended with the desktop
    service.store.close()

    machine.pass_time(14 * 3600 + 16 * 60, asleep=True)  # the next morning, 08:03
    again = open_again(tmp_path, fake_clock)
    try:
        [prompt] = open_presence(again, machine).start()
        assert isinstance(prompt, AwayPrompt) and prompt.cause is AwayCause.APP_NOT_RUNNING
        assert prompt.start == berlin("2026-11-23 17:42")
        assert prompt.end == berlin("2026-11-24 08:03")
        open_presence(again, machine).answer(prompt, AwayAnswer.END_OF_DAY)
        assert again.store.running_session() is None
        [done] = again.sessions(prompt.start.date(), prompt.start.date())
        assert done.end == berlin("2026-11-23 17:42")
    finally:
        again.store.close()


def test_after_a_crash_the_heartbeat_of_the_last_minute_is_the_answer(
    service: ClockService,
    presence: PresenceService,
    machine: Machine,
    tmp_path: Path,
    fake_clock: FakeClock,
) -> None:
    service.clock_in()
    presence.start()
    machine.run(presence, 3 * 3600 + 30, active=True)  # until 11:00:30, then kill -9
    service.store.close()
    machine.pass_time(3600, asleep=True)
    again = open_again(tmp_path, fake_clock)
    try:
        [prompt] = open_presence(again, machine).start()
        assert isinstance(prompt, AwayPrompt)
        # Written at most once a minute: at most a minute (and one poll) behind.
        behind = (berlin("2026-11-23 11:00:30") - prompt.start).total_seconds()
        assert 0 <= behind <= HEARTBEAT_EVERY_S + POLL
    finally:
        again.store.close()


def test_the_heartbeat_is_written_at_most_once_a_minute(
    service: ClockService,
    presence: PresenceService,
    machine: Machine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writes: list[bool] = []  # durable or not, each
    save = ActivityLog.save_heartbeat

    def counted(self: ActivityLog, beat: Heartbeat, *, durable: bool = True) -> None:
        writes.append(durable)
        save(self, beat, durable=durable)

    monkeypatch.setattr(ActivityLog, "save_heartbeat", counted)
    service.clock_in()
    presence.start()
    machine.run(presence, 30 * 60, active=True)
    assert 30 <= len(writes) <= 31
    # Fsynced (three wake-ups each) when the session is new, then once in ten minutes: a power
    # cut costs at most ten minutes of precision, a crash of the app none.
    assert writes[0] and 3 <= sum(writes) <= 4
    service.clock_out()
    machine.run(presence, POLL, active=True)  # the session changed: written at once, fsynced
    assert len(writes) in (31, 32) and writes[-1]
    assert presence.activity.heartbeat().session_id is None  # type: ignore[union-attr]


def test_a_clock_set_back_is_reported_and_changes_nothing(
    service: ClockService, presence: PresenceService, machine: Machine, fake_clock: FakeClock
) -> None:
    service.clock_in()
    presence.start()
    machine.run(presence, 3600, active=True)
    before = service.store.running_session()
    fake_clock.advance(hours=-1)
    events = machine.run(presence, POLL, active=True)
    assert [type(e) for e in events if not isinstance(e, Reminder)] == [ClockChanged]
    assert service.store.running_session() == before


def test_reminders_fire_once_a_day_even_across_restarts(
    tmp_path: Path, service: ClockService, machine: Machine, fake_clock: FakeClock
) -> None:
    service.settings.set("remind_clock_in_by", "09:30")
    fake_clock.set_local("2026-11-23 09:31")
    first = open_presence(service, machine)
    [reminder] = first.observe(0.0)
    assert isinstance(reminder, Reminder) and reminder.kind is ReminderKind.NOT_CLOCKED_IN
    machine.run(first, 5 * 60, active=True)
    again = open_presence(service, machine)  # the app restarted
    assert again.observe(0.0) == []
    fake_clock.set_local("2026-11-24 09:35")  # the next workday
    machine.boot += 86400
    assert [e.kind for e in again.observe(0.0) if isinstance(e, Reminder)] == [
        ReminderKind.NOT_CLOCKED_IN
    ]


def test_break_due_reminder_reads_the_day_from_the_store(
    service: ClockService, presence: PresenceService, machine: Machine, fake_clock: FakeClock
) -> None:
    service.clock_in()
    presence.start()
    events = machine.run(presence, 5 * 3600 + 46 * 60, active=True)
    [due] = [e for e in events if isinstance(e, Reminder)]
    assert due.kind is ReminderKind.BREAK_DUE and due.break_minutes == 30
    assert 14 <= due.minutes <= 15


def test_a_lunch_between_two_sessions_counts_as_the_break_the_report_counts(
    service: ClockService, presence: PresenceService, fake_clock: FakeClock
) -> None:
    """08:00–12:00 and 12:45–15:00: the week report sees no violation (the 45-minute gap is
    a break), so no reminder may say a break is due."""
    fake_clock.set_local("2026-11-23 12:45")
    service.clock_in(at=berlin("2026-11-23 08:00"))
    service.clock_out(at=berlin("2026-11-23 12:00"))
    service.clock_in(at=berlin("2026-11-23 12:45"))
    fake_clock.set_local("2026-11-23 15:00")
    assert service.week().violations == ()
    assert [r.kind for r in presence.due_reminders()] == []
    fake_clock.set_local("2026-11-23 17:46")  # 9 h worked soon: 45 min needed, 45 taken
    assert [r.kind for r in presence.due_reminders()] == []


def test_settings_choose_the_threshold_and_the_auto_clock_out(
    service: ClockService, machine: Machine
) -> None:
    service.settings.set("idle_minutes", 5)
    service.settings.set("auto_clock_out_hours", 0)
    presence = open_presence(service, machine)
    assert presence.settings.idle_threshold_seconds == 300
    assert presence.settings.auto_clock_out_seconds is None
    service.settings.values["idle_minutes"] = "soon"  # set() refuses it; presence copes too
    assert open_presence(service, machine).settings.idle_threshold_seconds == 600


# -- the trail says what the away prompt and the auto clock-out did (issue 12) -------------------


def trail(service: ClockService) -> list[tuple[str, str, list[str]]]:
    running = service.store.running_session()
    [session] = (
        [running]
        if running
        else service.sessions(berlin("2026-11-23 12:00").date(), berlin("2026-11-23 12:00").date())
    )
    return [
        (e.action.value, e.source.value, sorted(e.changes))
        for e in service.store.history(session.id)
    ]


def test_the_trail_names_an_away_answer_as_its_source(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    prompt = away_from_10_12_to_10_47(service, presence, machine)
    presence.answer(prompt, AwayAnswer.BREAK)
    assert trail(service)[-1] == ("edited", "away_prompt", ["breaks"])
    prompt = away_prompt(
        machine.run(presence, 35 * 60, active=False) + machine.run(presence, POLL, active=True)
    )
    presence.answer(prompt, AwayAnswer.END_OF_DAY)
    assert trail(service)[-1] == ("edited", "away_prompt", ["end"])


def test_the_trail_names_the_auto_clock_out(
    service: ClockService, presence: PresenceService, machine: Machine
) -> None:
    service.clock_in()
    presence.start()
    machine.run(presence, 9 * 3600, active=True)
    machine.run(presence, 3 * 3600 + 2 * POLL, active=False)
    assert trail(service) == [
        ("created", "clock", ["breaks", "flagged", "note", "start"]),
        ("edited", "auto_clock_out", ["end", "flagged"]),
    ]
