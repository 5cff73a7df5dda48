"""Away time, sleep, clock changes, forgotten clock-outs and reminders, applied to the record.

The tray's presence controller calls :meth:`PresenceService.observe` every poll with the idle
seconds its idle source measured; the service adds the clocks and the running session, lets
:class:`~clockapp.domain.presence.PresenceTracker` decide, applies what needs no question (the
flagged auto clock-out) and hands back what the person must see: away prompts, clock changes,
reminders. Their answers come back through :meth:`PresenceService.answer`.

Every change runs in one store write transaction that re-reads the running session, so an
answer given late, after the person clocked out in a terminal, changes nothing and says so.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from clockapp.domain import clock
from clockapp.domain.errors import ClockError, UserError
from clockapp.domain.history import Source
from clockapp.domain.presence import (
    AddBreak,
    AutoClockOut,
    AwayAnswer,
    AwayPrompt,
    ClockChanged,
    ClockOutAt,
    Day,
    Heartbeat,
    KeepAsWork,
    Observation,
    PresenceSettings,
    PresenceTracker,
    Recording,
    Reminder,
    ReminderKind,
    ReminderSettings,
    ShiftReminderSettings,
    ZoneChanged,
    break_steps,
    due_reminders,
    due_shift_reminders,
    question_on_start,
    recording_for,
)
from clockapp.domain.session import BreakSegment, WorkSession, validate_session
from clockapp.domain.timeline import day_time
from clockapp.domain.zones import local
from clockapp.platform.idle import monotonic_including_sleep
from clockapp.services.clock import ClockService, utc_now
from clockapp.settings import WEEKDAYS
from clockapp.storage import Change, StorageError
from clockapp.storage.activity import ActivityLog

log = logging.getLogger(__name__)

#: The heartbeat is rewritten at most this often (seconds), without an fsync: safe from a
#: crash of the app, and it costs no wake-up of its own.
HEARTBEAT_EVERY_S = 60.0
#: ...and fsynced at least this often (seconds), on quit, and when the session changes: after
#: a power cut, the question on the next start begins at most this much too early.
DURABLE_HEARTBEAT_EVERY_S = 600.0
#: Reminders are looked at this often (seconds); they are minute-grained.
REMINDERS_EVERY_S = 60.0

_T = TypeVar("_T")

DEFAULT_IDLE_MINUTES = 10
DEFAULT_AUTO_CLOCK_OUT_HOURS = 12


@dataclass(frozen=True, slots=True)
class AutoClockedOut:
    """A forgotten session was ended at its last activity and flagged for review."""

    session: WorkSession


@dataclass(frozen=True, slots=True)
class AutoClockOutFailed:
    """A forgotten session could not be ended; ``reason`` says why, for the person."""

    session_id: uuid.UUID
    end: datetime
    reason: UserError


#: Everything the front end may have to show.
Event = AwayPrompt | ClockChanged | ZoneChanged | AutoClockedOut | AutoClockOutFailed | Reminder


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """What an answer recorded; ``session`` is the session as it is now (None if unchanged)."""

    recording: Recording
    session: WorkSession | None


def current_zone_name() -> str | None:
    """The system's IANA zone as it is now (re-read, not cached), None if it can't be told."""
    try:
        import tzlocal

        tzlocal.reload_localzone()
        return tzlocal.get_localzone_name()
    except Exception as exc:  # tzlocal raises several types for odd /etc/localtime setups
        log.debug("time zone unknown: %s", exc)
        return None


def shift_reminder_settings(clock_service: ClockService) -> ShiftReminderSettings:
    """Which shift reminders the user (or the policy) switched on; all off by default."""
    get = clock_service.settings.get
    return ShiftReminderSettings(
        starts_ahead_minutes=_optional_minutes(get("remind_shift_start_ahead_minutes")),
        not_clocked_in_minutes=_optional_minutes(get("remind_shift_not_clocked_in_minutes")),
        still_clocked_in_minutes=_optional_minutes(get("remind_shift_still_clocked_in_minutes")),
    )


def presence_settings(
    clock_service: ClockService, poll_interval_seconds: float
) -> PresenceSettings:
    """The tracker's settings from the user's preferences (bad values fall back to defaults)."""
    idle_minutes = _positive(clock_service.settings.get("idle_minutes"), DEFAULT_IDLE_MINUTES)
    auto_hours = clock_service.settings.get("auto_clock_out_hours")
    if auto_hours is None and "auto_clock_out_hours" not in clock_service.settings.values:
        auto_hours = DEFAULT_AUTO_CLOCK_OUT_HOURS
    # 0 or null switches the auto clock-out off.
    auto_seconds = None if not auto_hours else _positive(auto_hours, 0) * 3600.0 or None
    return PresenceSettings(
        idle_threshold_seconds=idle_minutes * 60.0,
        poll_interval_seconds=poll_interval_seconds,
        auto_clock_out_seconds=auto_seconds,
    )


def reminder_settings(clock_service: ClockService, presence: PresenceSettings) -> ReminderSettings:
    """Which reminders the user switched on; unreadable values switch that reminder off."""
    get = clock_service.settings.get
    return ReminderSettings(
        clock_in_by=_wall_time(get("remind_clock_in_by")),
        clock_out_after=_wall_time(get("remind_clock_out_after")),
        break_ahead_minutes=_optional_minutes(get("remind_break_ahead_minutes")),
        daily_limit_ahead_minutes=_optional_minutes(get("remind_daily_limit_ahead_minutes")),
        long_session_seconds=presence.auto_clock_out_seconds,
    )


class PresenceService:
    """Presence decisions applied to the clock's store. Clocks are injectable for tests.

    ``now``: UTC wall clock; ``monotonic``: seconds on a clock that counts sleep; ``zone_now``:
    the system's IANA zone as it is now.
    """

    def __init__(
        self,
        clock_service: ClockService,
        *,
        poll_interval_seconds: float = 20.0,
        now: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = monotonic_including_sleep,
        zone_now: Callable[[], str | None] = current_zone_name,
    ) -> None:
        self.clock = clock_service
        self.store = clock_service.store
        self.activity = ActivityLog(self.store)
        self._poll_interval_seconds = poll_interval_seconds
        self.settings = presence_settings(clock_service, poll_interval_seconds)
        self.reminders = reminder_settings(clock_service, self.settings)
        self._now = now
        self._monotonic = monotonic
        self._zone_now = zone_now
        self._zone: str | None = None
        self._steps = break_steps()
        self.tracker = PresenceTracker(self.settings)
        self._heartbeat_at: float | None = None
        self._durable_heartbeat_at: float | None = None
        self._heartbeat_session: uuid.UUID | None = None
        self._reminders_at: float | None = None
        clock_service.settings.on_saved(self.settings_changed)

    @property
    def auto_clock_out_hours(self) -> int:
        """After how many hours a forgotten session is ended (0: never), as now set."""
        return round((self.settings.auto_clock_out_seconds or 0.0) / 3600)

    def settings_changed(self) -> None:
        """Re-read the idle threshold, the auto clock-out and the reminders (the user saved
        new settings): the next poll uses them, and looks at the reminders at once."""
        self.settings = presence_settings(self.clock, self._poll_interval_seconds)
        self.reminders = reminder_settings(self.clock, self.settings)
        self.tracker.settings = self.settings
        self._reminders_at = None

    # -- the app's start and end -----------------------------------------------------------------

    def start(self) -> list[Event]:
        """Call once when the app starts: what to ask or report about a session left running.

        Working when the app last ran, and not seen since for the idle threshold or more: an
        away prompt from the last known activity to now. On a break past the auto clock-out
        limit: the session is ended at the break's start, flagged.
        """
        heartbeat = self._safely(self.activity.heartbeat, None)
        running = self.store.running_session()
        if heartbeat is not None:
            self.tracker.last_activity = heartbeat.last_activity
        events: list[Event] = []
        decision = question_on_start(running, heartbeat, self._now(), self.settings)
        if isinstance(decision, AwayPrompt):
            # The person is being asked about this session: don't end it under them, and
            # don't ask about the same minutes again when the idle counter reports them too.
            self.tracker.skip_auto_clock_out(decision.session_id)
            self.tracker.asked(decision)
            events.append(decision)
        elif isinstance(decision, AutoClockOut):
            self.tracker.skip_auto_clock_out(decision.session_id)
            events.append(self._auto_clock_out(decision))
        return events

    def stop(self) -> None:
        """Call on quit: store the heartbeat now, whatever its minute."""
        self._save_heartbeat(self.store.running_session(), durable=True)

    # -- every poll ------------------------------------------------------------------------------

    def observe(self, idle_seconds: float | None) -> list[Event]:
        """Take one poll's idle seconds (None: unknown); what the person must see, in order."""
        mono = self._monotonic()
        if self._zone is None or self._due(self._reminders_at, mono, REMINDERS_EVERY_S):
            self._zone = self._zone_now() or self._zone
        running = self.store.running_session()
        observation = Observation(self._now(), mono, idle_seconds, running, self._zone)
        events: list[Event] = []
        for decision in self.tracker.observe(observation):
            if isinstance(decision, ClockChanged):
                log.warning(
                    "the system clock was changed by %+.0f s (expected %s, now %s); "
                    "recorded times are unchanged",
                    decision.jump_seconds,
                    decision.expected.isoformat(),
                    decision.actual.isoformat(),
                )
                events.append(decision)
            elif isinstance(decision, ZoneChanged):
                log.warning("the time zone changed from %s to %s", decision.before, decision.after)
                events.append(decision)
            elif isinstance(decision, AutoClockOut):
                events.append(self._auto_clock_out(decision))
                running = self.store.running_session()
            else:
                log.info("away from %s to %s (%s)", decision.start, decision.end, decision.cause)
                events.append(decision)
        if self._due(self._reminders_at, mono, REMINDERS_EVERY_S):
            self._reminders_at = mono
            events.extend(self._safely(self.due_reminders, []))
        session_changed = (running.id if running else None) != self._heartbeat_session
        if session_changed or self._due(self._heartbeat_at, mono, HEARTBEAT_EVERY_S):
            durable = session_changed or self._due(
                self._durable_heartbeat_at, mono, DURABLE_HEARTBEAT_EVERY_S
            )
            self._save_heartbeat(running, durable=durable)
        return events

    @staticmethod
    def _due(last: float | None, now: float, every: float) -> bool:
        return last is None or now - last >= every

    def _save_heartbeat(self, running: WorkSession | None, *, durable: bool) -> None:
        seen = self._now()
        last = self.tracker.last_activity or seen
        beat = Heartbeat(
            last_activity=min(last, seen),
            seen_at=seen,
            session_id=running.id if running is not None else None,
        )
        try:
            self.activity.save_heartbeat(beat, durable=durable)
        except StorageError as exc:
            # A missed heartbeat costs at most a less precise question later; never the clock.
            log.warning("activity heartbeat not saved: %s", exc)
            return
        self._heartbeat_at = self._monotonic()
        if durable:
            self._durable_heartbeat_at = self._heartbeat_at
        self._heartbeat_session = beat.session_id

    # -- reminders ------------------------------------------------------------------------------

    def due_reminders(self) -> list[Reminder]:
        """Reminders due now and not shown yet today; marks them shown."""
        now = self._now()
        zone_name = self.clock.zone_name
        today = local(now, zone_name).date()
        status = self.clock.status()
        sessions = self.clock.sessions(today, today)
        # The week report's own count of today: a reminder agrees with the rules by design.
        time = day_time(sessions, today, zone_name, now)
        day = Day(
            now=now,
            zone=zone_name,
            session=status.session,
            worked_seconds=time.worked_seconds,
            counted_break_seconds=time.counted_break_seconds,
            recorded=bool(sessions),
            workday=int(self.clock.settings.targets[WEEKDAYS[today.weekday()]]) > 0,
        )
        shown = self.activity.reminders_shown(today)
        fired = [k for k in ReminderKind if k.value in shown]
        due = due_reminders(day, self.reminders, fired, self._steps)
        for reminder in due:
            self.activity.mark_reminder_shown(today, reminder.kind.value)
        return due + self._shift_reminders(now, today)

    def _shift_reminders(self, now: datetime, today: date) -> list[Reminder]:
        """The user's planned shifts' reminders, once per shift (marked on its start day)."""
        settings = shift_reminder_settings(self.clock)
        if settings == ShiftReminderSettings():
            return []  # all off: the default
        day_before, day_after = today - timedelta(days=1), today + timedelta(days=1)
        shifts = self.clock.own_shifts(day_before, day_after)
        sessions = self.clock.sessions(day_before, today)
        fired = {
            (kind, shown.removeprefix(kind.value + " "))
            for day in (day_before, today, day_after)
            for shown in self.activity.reminders_shown(day)
            for kind in ReminderKind
            if shown.startswith(kind.value + " ")
        }
        due = due_shift_reminders(now, self.clock.zone_name, shifts, sessions, settings, fired)
        for reminder, shift_id in due:
            self.activity.mark_reminder_shown(reminder.day, f"{reminder.kind.value} {shift_id}")
        return [reminder for reminder, _ in due]

    # -- answers ---------------------------------------------------------------------------------

    def answer(self, prompt: AwayPrompt, answer: AwayAnswer) -> AnswerResult:
        """Record the person's ``answer`` to ``prompt``; ``ClockError`` if it no longer fits."""
        recording = recording_for(prompt, answer)
        if isinstance(recording, AddBreak):
            session = self.record_break(recording.session_id, recording.start, recording.end)
            return AnswerResult(recording, session)
        if isinstance(recording, ClockOutAt):
            session = self.clock_out_at(
                recording.session_id, recording.at, recording.flagged, Source.AWAY_PROMPT
            )
            return AnswerResult(recording, session)
        assert isinstance(recording, KeepAsWork)
        log.info(
            "away time %s to %s kept as work%s",
            recording.start,
            recording.end,
            " (prompt dismissed)" if recording.dismissed else "",
        )
        return AnswerResult(recording, None)

    def record_break(self, session_id: uuid.UUID, start: datetime, end: datetime) -> WorkSession:
        """Add a break from ``start`` to ``end`` (UTC) to the running session ``session_id``."""
        now = self._now()
        with self.store.write():
            running = self._running(session_id)
            session = running.with_changes(breaks=(*running.breaks, BreakSegment(start, end)))
            validate_session(session, self.store.sessions_between(session.start, now), now)
            self.clock.refuse_locked(session, now)  # one rule for locked days
            self.store.save_session(session, source=Source.AWAY_PROMPT)
        return session

    def clock_out_at(
        self, session_id: uuid.UUID, at: datetime, flagged: bool, source: Source
    ) -> WorkSession:
        """Clock out of the running session ``session_id`` at ``at`` (UTC, may be past).

        ``flagged``: nobody confirmed this end (the auto clock-out); the week view shows it.
        ``source``: what the trail says ended it.
        """
        now = self._now()
        with self.store.write():
            running = self._running(session_id)
            others = self.store.sessions_between(running.start, at)
            session = clock.clock_out(running, others, at, now)
            if flagged:
                session = session.with_changes(flagged=True)
            self.clock.refuse_locked(session, now)
            self.store.save_session(session, Change.FINISHED, source=source)
        return session

    def _running(self, session_id: uuid.UUID) -> WorkSession:
        running = self.store.running_session()
        if running is None or running.id != session_id:
            raise ClockError(
                "You are no longer clocked in to that session (it was ended meanwhile); "
                "nothing was changed."
            )
        return running

    def _auto_clock_out(self, decision: AutoClockOut) -> AutoClockedOut | AutoClockOutFailed:
        try:
            session = self.clock_out_at(
                decision.session_id, decision.end, flagged=True, source=Source.AUTO_CLOCK_OUT
            )
        except (ClockError, StorageError) as exc:
            log.warning("automatic clock-out at %s failed: %s", decision.end, exc)
            return AutoClockOutFailed(decision.session_id, decision.end, exc)
        log.warning(
            "session %s was still running after the auto clock-out limit; ended at its last "
            "activity %s and flagged for review",
            session.id,
            decision.end.isoformat(),
        )
        return AutoClockedOut(session)

    def _safely(self, read: Callable[[], _T], fallback: _T) -> _T:
        try:
            return read()
        except StorageError as exc:
            log.warning("presence data not readable: %s", exc)
            return fallback


def _positive(value: object, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        if value is not None:
            log.warning("setting value %r is not a positive number; using %s", value, default)
        return default
    return float(value)


def _optional_minutes(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _wall_time(value: object) -> time | None:
    """``"HH:MM"`` as a time; None (reminder off) for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        log.warning("reminder time %r is not HH:MM; that reminder is off", value)
        return None


__all__ = [
    "AnswerResult",
    "AutoClockOutFailed",
    "AutoClockedOut",
    "Event",
    "PresenceService",
    "current_zone_name",
    "presence_settings",
    "reminder_settings",
]
