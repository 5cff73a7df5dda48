"""Keeping recorded time honest: away time, sleep, clock changes, forgotten clock-outs, reminders.

Pure decision logic, no I/O. A service feeds :class:`PresenceTracker` an :class:`Observation`
every poll (wall clock in UTC, a monotonic clock that counts sleep, the seconds since the last
keyboard or mouse input, the running session) and applies the decisions it returns:

- :class:`AwayPrompt` — ask what the time from ``start`` to ``end`` was: a break, work, or the
  end of the day. Only while working (never while off or on a break), once per away stretch,
  when the person is back, and only for stretches of at least the idle threshold. A suspend of
  the computer (the wall clock and the sleep-counting monotonic clock both leap far past the
  poll interval) counts as away time like idleness does.
- :class:`ClockChanged` / :class:`ZoneChanged` — the system clock or time zone changed: log it
  and show it. Nothing is recorded, moved or deleted because of it, and an away stretch that
  spans the change is dropped rather than measured across it.
- :class:`AutoClockOut` — a session left running past the auto clock-out limit while nobody is
  at the computer is ended at the last activity and flagged for review. This is the only time
  recorded time changes without the person's answer.

The person's answer to a prompt becomes a :class:`Recording` by :func:`recording_for`.
:func:`question_on_start` decides what to ask when the app starts with a session still running,
:func:`due_reminders` which reminders are due (each at most once per local day, and only in
a state where it makes sense), and :func:`due_shift_reminders` those of the user's own shifts.

All instants are aware UTC ``datetime``s; all durations are seconds unless a name says minutes.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from clockapp.domain.clock import ClockState, state_of
from clockapp.domain.rules import required_break_minutes
from clockapp.domain.session import WorkSession, utc
from clockapp.domain.shifts import Shift
from clockapp.domain.timeline import MIN_COUNTED_BREAK_S
from clockapp.domain.zones import local
from clockapp.domain.zones import zone as time_zone

# -- settings ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PresenceSettings:
    """How the tracker judges; durations in seconds."""

    #: Idle (or asleep) at least this long while working makes an away stretch worth asking about.
    idle_threshold_seconds: float = 600.0
    #: How often the service observes; a gap far beyond it means the computer slept.
    poll_interval_seconds: float = 20.0
    #: A session running this long with nobody at the computer is clocked out (None: never).
    auto_clock_out_seconds: float | None = 12 * 3600.0
    #: Wall clock and monotonic clock may drift apart this much between two polls (NTP slewing,
    #: a late timer) before it counts as a changed clock.
    clock_jump_tolerance_seconds: float = 90.0

    def __post_init__(self) -> None:
        if self.idle_threshold_seconds <= 0 or self.poll_interval_seconds <= 0:
            raise ValueError("the idle threshold and the poll interval must be positive")
        if self.auto_clock_out_seconds is not None and self.auto_clock_out_seconds <= 0:
            raise ValueError("the auto clock-out limit must be positive (or None)")

    @property
    def gap_seconds(self) -> float:
        """Time between two polls beyond which the computer was asleep (or the app frozen)."""
        return max(3 * self.poll_interval_seconds, 60.0)


# -- what the tracker is told ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Observation:
    """One look at the world.

    ``wall``: now, UTC. ``monotonic``: seconds on a clock that never jumps and keeps counting
    while the computer sleeps (see ``clockapp.platform.idle.monotonic_including_sleep``).
    ``idle_seconds``: since the last keyboard/mouse input, None where that can't be told.
    ``session``: the running session, None when clocked out. ``zone``: the system's IANA time
    zone now, None if unknown.
    """

    wall: datetime
    monotonic: float
    idle_seconds: float | None
    session: WorkSession | None
    zone: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "wall", utc(self.wall))
        if self.idle_seconds is not None and not self.idle_seconds >= 0:  # also rejects NaN
            object.__setattr__(self, "idle_seconds", None)

    @property
    def state(self) -> ClockState:
        return state_of(self.session)


# -- what the tracker decides ------------------------------------------------------------------


class AwayCause(enum.Enum):
    """Why the person was away, as the prompt words it."""

    IDLE = "idle"  # no keyboard or mouse input
    SLEEP = "sleep"  # the computer was asleep (or the app could not run)
    APP_NOT_RUNNING = "app not running"  # ClockApp was quit, crashed or the computer was off


@dataclass(frozen=True, slots=True)
class AwayPrompt:
    """Ask what the time from ``start`` to ``end`` (UTC) inside ``session_id`` was."""

    session_id: uuid.UUID
    start: datetime
    end: datetime
    cause: AwayCause

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class ClockChanged:
    """The system clock was set: it reads ``actual`` where ``expected`` would have followed."""

    expected: datetime
    actual: datetime

    @property
    def jump_seconds(self) -> float:
        """Positive: the clock was put forward; negative: back."""
        return (self.actual - self.expected).total_seconds()


@dataclass(frozen=True, slots=True)
class ZoneChanged:
    """The system time zone changed from ``before`` to ``after`` (IANA names)."""

    before: str
    after: str


@dataclass(frozen=True, slots=True)
class AutoClockOut:
    """End ``session_id`` at ``end`` (UTC, the last activity) and flag it for review."""

    session_id: uuid.UUID
    end: datetime


Decision = AwayPrompt | ClockChanged | ZoneChanged | AutoClockOut


# -- the tracker -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stretch:
    """An away stretch in progress."""

    session_id: uuid.UUID
    start: datetime
    cause: AwayCause
    #: The last input as the idle counter put it when the stretch began; a later one means the
    #: person is back. None right after a sleep, where the counter's time base is unreliable.
    last_input: datetime | None


def working_since(session: WorkSession) -> datetime:
    """When the current stretch of work began: the session start or the end of the last break."""
    ends = [b.end for b in session.breaks if b.end is not None]
    return max([session.start, *ends])


class PresenceTracker:
    """Turns observations into decisions; remembers only what one app run needs.

    ``last_activity``: when the person was last seen (UTC) — the last input, or where idle
    time can't be told, the last time the computer was seen awake. Seed it from the stored
    heartbeat when the app starts.
    """

    def __init__(self, settings: PresenceSettings, last_activity: datetime | None = None) -> None:
        self.settings = settings
        self.last_activity = utc(last_activity) if last_activity is not None else None
        self._previous: Observation | None = None
        self._away: _Stretch | None = None
        self._auto_done: set[uuid.UUID] = set()
        #: When the wall clock last jumped: no away stretch is measured from before it.
        self._not_before: datetime | None = None
        #: The end of the last stretch asked about: a later one never overlaps it, even after
        #: the clock was set back.
        self._asked_until: tuple[uuid.UUID, datetime] | None = None

    def skip_auto_clock_out(self, session_id: uuid.UUID) -> None:
        """Never auto clock out ``session_id`` (the person is being asked about it instead)."""
        self._auto_done.add(session_id)

    def asked(self, prompt: AwayPrompt) -> None:
        """``prompt`` was put to the person another way (the start-up question): no later
        stretch reaches back into its minutes. One question per away period."""
        if self._asked_until is None or self._asked_until[1] < prompt.end:
            self._asked_until = (prompt.session_id, utc(prompt.end))

    @property
    def away_since(self) -> datetime | None:
        """Start of the away stretch in progress (UTC), if one is."""
        return self._away.start if self._away is not None else None

    def observe(self, now: Observation) -> list[Decision]:
        """Take one observation; the decisions to apply, in order."""
        decisions: list[Decision] = []
        previous, self._previous = self._previous, now
        slept = jumped = False
        if previous is not None:
            elapsed = now.monotonic - previous.monotonic
            wall_elapsed = (now.wall - previous.wall).total_seconds()
            if abs(wall_elapsed - elapsed) > self.settings.clock_jump_tolerance_seconds:
                jumped = True
                expected = previous.wall + timedelta(seconds=elapsed)
                decisions.append(ClockChanged(expected=expected, actual=now.wall))
                # Instants on both sides of the jump can't be compared: measure nothing across.
                self._away = None
                self.last_activity = None
                self._not_before = now.wall
            elif elapsed > self.settings.gap_seconds:
                slept = True
            if previous.zone and now.zone and previous.zone != now.zone:
                decisions.append(ZoneChanged(previous.zone, now.zone))

        session = now.session
        if session is None or (self._away is not None and self._away.session_id != session.id):
            self._away = None
        auto = self._auto_clock_out(now, slept)
        if auto is not None:
            decisions.append(auto)
            self._away = None
        elif session is not None and now.state is ClockState.WORKING:
            prompt = self._follow_away(now, previous, session, slept and not jumped)
            if prompt is not None:
                self._asked_until = (prompt.session_id, prompt.end)
                decisions.append(prompt)
        else:
            # On a break or off: nothing to ask; a stretch that reached a break is settled.
            self._away = None
        self._note_activity(now, previous, slept)
        return decisions

    def _follow_away(
        self,
        now: Observation,
        previous: Observation | None,
        session: WorkSession,
        slept: bool,
    ) -> AwayPrompt | None:
        threshold = self.settings.idle_threshold_seconds
        since = working_since(session)
        idle = now.idle_seconds
        if self._away is not None and self._away.start < since:
            # A break began and ended between two polls (from a terminal): it settled its part.
            self._away = replace(self._away, start=since)
        if slept and previous is not None:
            if self._away is None:
                # Away since the last input seen before the gap (or the last poll, without one).
                gone = previous.wall - timedelta(seconds=previous.idle_seconds or 0.0)
                self._away = _Stretch(session.id, self._floor(gone, since), AwayCause.SLEEP, None)
            else:
                self._away = replace(self._away, cause=AwayCause.SLEEP, last_input=None)
            # Whether the idle counter counted the sleep differs by OS; only a short idle time
            # (or no idle detection at all) says someone woke the computer and is here.
            if idle is None:
                return self._finish(now.wall)
            if idle < threshold:
                return self._finish(max(previous.wall, now.wall - timedelta(seconds=idle)))
            self._away = replace(self._away, last_input=now.wall - timedelta(seconds=idle))
            return None
        if idle is None:
            # Idle detection stopped answering: the return can't be told, so nothing is asked
            # and the time stays as recorded (work).
            self._away = None
            return None
        last_input = now.wall - timedelta(seconds=idle)
        if self._away is None:
            start = self._floor(last_input, since)
            if idle >= threshold and (now.wall - start).total_seconds() >= threshold:
                self._away = _Stretch(session.id, start, AwayCause.IDLE, last_input)
            return None
        if self._away.last_input is None:
            self._away = replace(self._away, last_input=last_input)
            return None
        # Rounding moves the computed last input by milliseconds; a real input moves it on.
        if last_input - self._away.last_input > timedelta(seconds=2):
            back = last_input if previous is None else max(previous.wall, last_input)
            return self._finish(back)
        return None

    def _floor(self, start: datetime, since: datetime) -> datetime:
        """``start``, but not before the stretch of work began nor before a clock jump."""
        floor = max(start, since)
        if self._not_before is not None:
            floor = max(floor, self._not_before)
        if self._asked_until is not None:
            floor = max(floor, self._asked_until[1])
        return floor

    def _finish(self, back: datetime) -> AwayPrompt | None:
        stretch, self._away = self._away, None
        assert stretch is not None
        if (back - stretch.start).total_seconds() < self.settings.idle_threshold_seconds:
            return None
        return AwayPrompt(stretch.session_id, stretch.start, back, stretch.cause)

    def _auto_clock_out(self, now: Observation, slept: bool) -> AutoClockOut | None:
        limit = self.settings.auto_clock_out_seconds
        session = now.session
        if limit is None or session is None or session.id in self._auto_done:
            return None
        if (now.wall - session.start).total_seconds() < limit:
            return None
        if now.state is ClockState.WORKING:
            # Someone at the computer (or just back from its sleep) is asked or reminded instead:
            # ending a session under the hands of the person working it would surprise them.
            absent = self._away is not None and not slept
            if now.idle_seconds is not None and not absent:
                return None
        self._auto_done.add(session.id)
        end = auto_clock_out_end(session, self.last_activity, now.wall)
        return AutoClockOut(session.id, end) if end is not None else None

    def _note_activity(self, now: Observation, previous: Observation | None, slept: bool) -> None:
        idle = now.idle_seconds
        if idle is None:
            seen: datetime | None = now.wall  # awake is all we know without idle detection
        elif slept:
            # After a sleep the idle counter may not have counted it: trust only a short one.
            seen = now.wall - timedelta(seconds=idle)
            if idle >= self.settings.idle_threshold_seconds or previous is None:
                seen = None
            else:
                seen = max(seen, previous.wall)
        else:
            seen = now.wall - timedelta(seconds=idle)
        if seen is not None and (self.last_activity is None or seen > self.last_activity):
            self.last_activity = seen


def auto_clock_out_end(
    session: WorkSession, last_activity: datetime | None, now: datetime
) -> datetime | None:
    """Where a forgotten session ends: the start of a running break (nobody came back from it),
    else the last activity or the last clock event, whichever is later. None when that would
    leave no time at all, or lie after ``now`` (a clock set back): then nothing is changed and
    the person is reminded instead."""
    running = session.open_break
    if running is not None:
        end = running.start
    else:
        end = session.last_event_at()
        if last_activity is not None and last_activity > end:
            end = last_activity
    return end if session.start < end <= utc(now) else None


# -- answers -----------------------------------------------------------------------------------


class AwayAnswer(enum.Enum):
    """What the person said the away time was."""

    BREAK = "break"
    WORK = "work"
    END_OF_DAY = "end of day"
    DISMISSED = "dismissed"  # closed the prompt without answering


@dataclass(frozen=True, slots=True)
class AddBreak:
    """Record a break from ``start`` to ``end`` (UTC) inside the running session."""

    session_id: uuid.UUID
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class KeepAsWork:
    """Change nothing: the time stays work. ``dismissed``: the person didn't answer (say so)."""

    session_id: uuid.UUID
    start: datetime
    end: datetime
    dismissed: bool


@dataclass(frozen=True, slots=True)
class ClockOutAt:
    """Clock out of the running session at ``at`` (UTC); ``flagged`` when nobody said so."""

    session_id: uuid.UUID
    at: datetime
    flagged: bool = False


Recording = AddBreak | KeepAsWork | ClockOutAt


def recording_for(prompt: AwayPrompt, answer: AwayAnswer) -> Recording:
    """What to record for ``answer`` to ``prompt``."""
    if answer is AwayAnswer.BREAK:
        return AddBreak(prompt.session_id, prompt.start, prompt.end)
    if answer is AwayAnswer.END_OF_DAY:
        return ClockOutAt(prompt.session_id, prompt.start)
    return KeepAsWork(
        prompt.session_id, prompt.start, prompt.end, dismissed=answer is AwayAnswer.DISMISSED
    )


# -- the start of the app ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """What the app last stored about the person (written at most once a minute, and on quit).

    ``last_activity``: when they were last seen (UTC); ``seen_at``: when the app last ran;
    ``session_id``: the session running then, None when clocked out.
    """

    last_activity: datetime
    seen_at: datetime
    session_id: uuid.UUID | None


def question_on_start(
    session: WorkSession | None,
    heartbeat: Heartbeat | None,
    now: datetime,
    settings: PresenceSettings,
) -> AwayPrompt | AutoClockOut | None:
    """What to ask (or do) when the app starts and finds ``session`` still running.

    Working, and the app last saw this same session ``idle_threshold`` or more ago: ask whether
    they were still working since the last activity. On a break past the auto clock-out limit:
    end the session at the break's start, flagged. Otherwise (a session clocked in elsewhere,
    a quick restart) nothing.
    """
    now = utc(now)
    if session is None:
        return None
    limit = settings.auto_clock_out_seconds
    if session.open_break is not None:
        if limit is not None and (now - session.start).total_seconds() >= limit:
            end = auto_clock_out_end(session, None, now)
            return AutoClockOut(session.id, end) if end is not None else None
        return None
    if heartbeat is None or heartbeat.session_id != session.id:
        return None
    last = max(session.last_event_at(), utc(heartbeat.last_activity))
    if (now - last).total_seconds() < settings.idle_threshold_seconds or last >= now:
        return None
    return AwayPrompt(session.id, last, now, AwayCause.APP_NOT_RUNNING)


# -- reminders ---------------------------------------------------------------------------------


class ReminderKind(enum.Enum):
    """The reminders, each fired at most once per local day."""

    NOT_CLOCKED_IN = "not clocked in"
    STILL_CLOCKED_IN = "still clocked in"
    BREAK_DUE = "break due"
    SECOND_BREAK_DUE = "second break due"  # the 45-minute step after 9 h
    DAILY_LIMIT = "daily limit"
    LONG_SESSION = "long session"  # past the auto clock-out limit with the person present
    # Planned shifts (Papershift), each fired at most once per shift: see domain/shifts.py.
    SHIFT_STARTS = "shift starts"
    SHIFT_NOT_CLOCKED_IN = "not clocked in for the shift"
    SHIFT_STILL_CLOCKED_IN = "still clocked in after the shift"


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """Which reminders are on; local wall times, minutes ahead. None switches one off."""

    clock_in_by: time | None = None
    clock_out_after: time | None = None
    break_ahead_minutes: int | None = 15
    daily_limit_ahead_minutes: int | None = 30
    #: The most work a day may hold, in seconds (ArbZG: 10 h).
    daily_limit_seconds: float = 10 * 3600.0
    #: The "not clocked in" nudge is useful for this long after ``clock_in_by``, then it is stale.
    clock_in_window_seconds: float = 4 * 3600.0
    #: Past this session length a present person is reminded (the auto clock-out waits for
    #: them to leave); None: never.
    long_session_seconds: float | None = 12 * 3600.0


@dataclass(frozen=True, slots=True)
class Day:
    """The local day as reminders see it.

    ``worked_seconds`` and ``counted_break_seconds`` are today's totals as
    :func:`clockapp.domain.timeline.day_time` gives them — the rules' own count (breaks of 15
    minutes or more, gaps between sessions too). ``recorded``: any session
    touches today. ``workday``: today has a target above zero.
    """

    now: datetime
    zone: str
    session: WorkSession | None
    worked_seconds: float
    counted_break_seconds: float
    recorded: bool
    workday: bool

    @property
    def local_date(self) -> date:
        return local(self.now, self.zone).date()


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder to show. ``minutes``: how far ahead (0: now); ``break_minutes``: how much
    break is missing; ``at``: the local wall time the setting names."""

    kind: ReminderKind
    day: date
    minutes: int = 0
    break_minutes: int = 0
    at: time | None = None


def break_steps(
    required: Callable[[float], int] = required_break_minutes,
    horizon_seconds: float = 24 * 3600.0,
) -> list[tuple[float, int]]:
    """Where the required break grows: (worked seconds, minutes required past that), in order.

    Read off the rules function itself, so the reminders follow the rules module if it changes.
    """
    steps: list[tuple[float, int]] = []
    current = required(0.0)
    minute = 60.0
    worked = minute
    while worked <= horizon_seconds:
        value = required(worked)
        if value != current:
            # The rule says "more than N hours": the step is at the minute before, plus a bit.
            steps.append((worked - minute, value))
            current = value
        worked += minute
    return steps


def due_reminders(
    day: Day,
    settings: ReminderSettings,
    fired: Iterable[ReminderKind],
    steps: list[tuple[float, int]] | None = None,
) -> list[Reminder]:
    """Reminders due now that have not ``fired`` today; each only where it makes sense."""
    done = set(fired)
    today = day.local_date
    state = state_of(day.session)
    due: list[Reminder] = []

    def add(reminder: Reminder) -> None:
        if reminder.kind not in done:
            done.add(reminder.kind)
            due.append(reminder)

    if settings.clock_in_by is not None and state is ClockState.OFF and day.workday:
        at = _wall_instant(today, settings.clock_in_by, day.zone)
        late = (day.now - at).total_seconds()
        if not day.recorded and 0 <= late < settings.clock_in_window_seconds:
            add(Reminder(ReminderKind.NOT_CLOCKED_IN, today, at=settings.clock_in_by))

    if settings.clock_out_after is not None and day.session is not None:
        at = _wall_instant(today, settings.clock_out_after, day.zone)
        # Only for a session that was running at that time: an evening shift started after it
        # has nothing to be reminded of.
        if day.now >= at and day.session.start <= at:
            add(Reminder(ReminderKind.STILL_CLOCKED_IN, today, at=settings.clock_out_after))

    if state is ClockState.WORKING and settings.break_ahead_minutes is not None:
        ahead = settings.break_ahead_minutes * 60.0
        kinds = (ReminderKind.BREAK_DUE, ReminderKind.SECOND_BREAK_DUE)
        for kind, (at_worked, minutes) in zip(kinds, steps or break_steps(), strict=False):
            missing = minutes * 60.0 - day.counted_break_seconds
            left = at_worked - day.worked_seconds
            # "More than N hours": due exactly when the report would flag the day ended now
            # (with ``ahead`` 0), and ``ahead`` earlier.
            if missing > 0 and left < ahead:
                add(
                    Reminder(
                        kind,
                        today,
                        minutes=max(0, _ceil_minutes(left)),
                        # A shorter break wouldn't count at all: never propose one.
                        break_minutes=max(
                            _ceil_minutes(missing), _ceil_minutes(MIN_COUNTED_BREAK_S)
                        ),
                    )
                )

    if state is ClockState.WORKING and settings.daily_limit_ahead_minutes is not None:
        left = settings.daily_limit_seconds - day.worked_seconds
        if left <= settings.daily_limit_ahead_minutes * 60.0:
            add(Reminder(ReminderKind.DAILY_LIMIT, today, minutes=max(0, _ceil_minutes(left))))

    long_after = settings.long_session_seconds
    if (
        state is ClockState.WORKING
        and long_after is not None
        and day.session is not None
        and (day.now - day.session.start).total_seconds() >= long_after
    ):
        add(Reminder(ReminderKind.LONG_SESSION, today, minutes=int(long_after // 60)))
    return due


def _ceil_minutes(seconds: float) -> int:
    return int(-(-seconds // 60))


def _wall_instant(day: date, wall: time, zone_name: str) -> datetime:
    """The UTC instant of ``wall`` on ``day`` in ``zone_name``. On a DST day a skipped time
    (02:30 in spring) comes an hour later and a repeated one at its first occurrence: a
    reminder may come early or late by the DST hour, never not at all."""
    # Compared in UTC: aware datetimes of one zone compare by wall time, ignoring the fold.
    return datetime.combine(day, wall, tzinfo=time_zone(zone_name)).astimezone(UTC)


# -- shift reminders ---------------------------------------------------------------------------

#: A shift reminder is useful for this long after it fell due; later it is stale.
SHIFT_REMINDER_WINDOW = timedelta(hours=4)


@dataclass(frozen=True, slots=True)
class ShiftReminderSettings:
    """Minutes before a shift starts to say so; after it started to say "not clocked in";
    after it ended to say "still clocked in". None switches one off (all off by default)."""

    starts_ahead_minutes: int | None = None
    not_clocked_in_minutes: int | None = None
    still_clocked_in_minutes: int | None = None


def due_shift_reminders(
    now: datetime,
    zone_name: str,
    shifts: Iterable[Shift],
    sessions: Iterable[WorkSession],
    settings: ShiftReminderSettings,
    fired: Collection[tuple[ReminderKind, str]],
) -> list[tuple[Reminder, str]]:
    """Reminders due now for the user's own ``shifts``, each with its shift's id, leaving out
    those already ``fired`` (kind, shift id). ``sessions``: the sessions around now."""
    sessions = list(sessions)
    running = next((s for s in sessions if s.end is None), None)
    due: list[tuple[Reminder, str]] = []

    def add(kind: ReminderKind, shift: Shift, minutes: int = 0) -> None:
        if (kind, shift.id) not in fired:
            start = local(shift.start, zone_name)
            at = (
                local(shift.end, zone_name)
                if kind is ReminderKind.SHIFT_STILL_CLOCKED_IN
                else start
            )
            due.append((Reminder(kind, start.date(), minutes=minutes, at=at.time()), shift.id))

    for shift in shifts:
        if not shift.own:
            continue
        ahead = settings.starts_ahead_minutes
        if running is None and ahead is not None:
            left = shift.start - now
            if timedelta(0) < left <= timedelta(minutes=ahead):
                add(ReminderKind.SHIFT_STARTS, shift, -(-int(left.total_seconds()) // 60))
        late = settings.not_clocked_in_minutes
        if running is None and late is not None:
            due_at = shift.start + timedelta(minutes=late)
            # Clocked in for this shift and out again (or early): nothing to remind of.
            worked = any(s.start < shift.end and (s.end or now) > shift.start for s in sessions)
            if due_at <= now < min(shift.end, due_at + SHIFT_REMINDER_WINDOW) and not worked:
                add(ReminderKind.SHIFT_NOT_CLOCKED_IN, shift, late)
        over = settings.still_clocked_in_minutes
        if running is not None and over is not None and running.start < shift.end:
            due_at = shift.end + timedelta(minutes=over)
            if due_at <= now < due_at + SHIFT_REMINDER_WINDOW:
                add(ReminderKind.SHIFT_STILL_CLOCKED_IN, shift, over)
    return due
