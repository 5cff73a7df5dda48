"""Clocking, editing, locking and reporting: the use cases both front ends call.

Every change runs inside one store write transaction: read the current state, let the domain
validate the move, write — so a clock event is committed before the caller reports success,
and two front ends writing at once can't both act on a stale view.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from clockapp.domain import clock
from clockapp.domain.clock import ClockState
from clockapp.domain.errors import ClockError, ConfirmedDay, NotFound, UserError
from clockapp.domain.history import HistoryEntry, Source
from clockapp.domain.rules import RULE_REST_11H, Violation, check_working_time
from clockapp.domain.session import (
    MAX_SESSION,
    BreakSegment,
    WorkSession,
    new_session_id,
    validate_session,
)
from clockapp.domain.shifts import Shift, planned_minutes
from clockapp.domain.timeline import DayTime, day_time, floor_minutes, working_since
from clockapp.domain.week import DayTotal, Targets, WeekReport, day_totals, monday_of, week_report
from clockapp.domain.zones import day_start, local, local_days
from clockapp.settings import WEEKDAYS, Settings
from clockapp.storage import Change, Store
from clockapp.storage.confirmations import ConfirmationStore

#: Shortest id prefix accepted for a session (``clockapp edit 3f2a``).
MIN_ID_PREFIX = 4
_UNSET: Any = object()


def utc_now() -> datetime:
    """Now in UTC, to the whole second (what the store and the vendors keep)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Status:
    """Where the clock stands now, and today's totals (local day of the viewer's zone)."""

    state: ClockState
    since: datetime | None
    session: WorkSession | None
    worked_today_seconds: float
    break_today_seconds: float

    def to_dict(self, zone_name: str) -> dict[str, Any]:
        return {
            "state": self.state.value,
            "since": local(self.since, zone_name).isoformat() if self.since else None,
            "session_id": str(self.session.id) if self.session else None,
            "session_start": (
                local(self.session.start, zone_name).isoformat() if self.session else None
            ),
            "worked_today_min": floor_minutes(self.worked_today_seconds),
            "break_today_min": floor_minutes(self.break_today_seconds),
        }


@dataclass(frozen=True, slots=True)
class ChangeCheck:
    """A change by hand checked without saving it (:meth:`ClockService.check_change`).

    ``session``: the session as it would be stored. ``refusal``: why saving it would be
    refused, None when it would be saved. ``before`` and ``after``: each local day the session
    touches (before or after the change), as stored and with the change. ``broken_before`` and
    ``broken_after``: the working-time rules those days (and the day after) break.
    """

    session: WorkSession
    refusal: ClockError | None
    before: tuple[DayTotal, ...]
    after: tuple[DayTotal, ...]
    broken_before: tuple[Violation, ...]
    broken_after: tuple[Violation, ...]


class ClockService:
    """The clock as the user works it. ``now`` and ``new_id`` are injectable for tests."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        zone_name: str,
        now: Callable[[], datetime] = utc_now,
        new_id: Callable[[], uuid.UUID] = new_session_id,
    ) -> None:
        self.store = store
        self.settings = settings
        self.zone_name = zone_name
        self._now = now
        self._new_id = new_id

    # -- the four clock events -----------------------------------------------------------------

    def now(self) -> datetime:
        """The service's idea of now (a fake clock in tests)."""
        return self._now()

    def clock_in(self, at: datetime | None = None, note: str = "") -> WorkSession:
        now = self._now()
        at = at or now
        with self.store.write():
            running = self.store.running_session()
            others = self.store.sessions_between(at, max(at, now) + timedelta(seconds=1))
            try:
                session = clock.clock_in(
                    running, others, at, now, self.zone_name, self._new_id(), note
                )
            except ClockError:
                later = [o for o in others if o.start > at]
                inside = any(o.start <= at < o.effective_end(now) for o in others)
                if running is None and later and not inside:
                    raise self._later_session_exists(at, later[0], now) from None
                raise
            self.refuse_locked(session, now)
            self.store.save_session(session, source=Source.CLOCK)
        return session

    def undo(self, before: WorkSession | None, after: WorkSession) -> WorkSession | None:
        """Take back the clock action that turned ``before`` into ``after``: a clock-in is
        discarded, a break click reverted, a clock-out reopens the session. Refused when the
        session changed since. The running session afterwards (None after undoing a clock-in).
        """
        now = self._now()
        with self.store.write():
            if self.store.session(after.id) != after:
                raise ClockError("The session has changed since, so there is nothing to undo.")
            self.refuse_locked(after, now)
            if before is None:
                self.store.delete_session(after, source=Source.CLOCK, reason="undone")
                return None
            running = self.store.running_session()
            if running is not None and running.id != before.id:
                raise ClockError("You have clocked in again since, so there is nothing to undo.")
            validate_session(before, self.store.sessions_between(before.start, now), now)
            # A reopened session takes its finish back from the uploads too: the outbox says
            # "deleted" (nothing is sent for a session the server never got; the grace period
            # makes that the rule), and the next clock-out creates it again.
            change = Change.DELETED if after.end is not None else None
            self.store.save_session(before, change, source=Source.CLOCK, reason="undone")
        return before

    def _later_session_exists(self, at: datetime, later: WorkSession, now: datetime) -> ClockError:
        # A clock-in at ``at`` would run until now, across the later session: what the user
        # wants is a finished session of its own, which ``add`` records.
        def shown(instant: datetime) -> str:
            wall = local(instant, self.zone_name)
            same_day = wall.date() == local(now, self.zone_name).date()
            return wall.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")

        start = shown(at)
        return ClockError(
            "A session from {start} until now would overlap the later one from {other} to "
            "{other_end}; to record time you forgot, use "
            "'clockapp add --start \"{start}\" --end TIME' instead.",
            start=start,
            other=shown(later.start),
            other_end=shown(later.end) if later.end else "now",
        )

    def start_break(self, at: datetime | None = None) -> WorkSession:
        now = self._now()
        with self.store.write():
            session = clock.start_break(self.store.running_session(), at or now, now)
            self.refuse_locked(session, now)
            self.store.save_session(session, source=Source.CLOCK)
        return session

    def end_break(self, at: datetime | None = None) -> WorkSession:
        now = self._now()
        with self.store.write():
            session = clock.end_break(self.store.running_session(), at or now, now)
            self.refuse_locked(session, now)
            self.store.save_session(session, source=Source.CLOCK)
        return session

    def clock_out(self, at: datetime | None = None, note: str | None = None) -> WorkSession:
        now = self._now()
        at = at or now
        with self.store.write():
            running = self.store.running_session()
            others = self.store.sessions_between(running.start, at) if running else []
            session = clock.clock_out(running, others, at, now, note)
            self.refuse_locked(session, now)
            self.store.save_session(session, Change.FINISHED, source=Source.CLOCK)
        return session

    def back_date_range(self) -> tuple[datetime, datetime]:
        """The earliest and latest instant the next clock action may be back-dated to: from the
        last clock event (the running session's start or a break edge; clocked out, the end of
        the last session, and no further back than a session may last) until now."""
        now = self._now()
        running = self.store.running_session()
        if running is not None:
            return running.last_event_at(), now
        recent = self.store.sessions_between(now - MAX_SESSION, now)
        ends = [s.end for s in recent if s.end is not None and s.end <= now]
        return max([now - MAX_SESSION, *ends]), now

    # -- reading -----------------------------------------------------------------------------

    def status(self) -> Status:
        now = self._now()
        today = local(now, self.zone_name).date()
        start, end = (
            day_start(today, self.zone_name),
            day_start(today + timedelta(days=1), self.zone_name),
        )
        sessions = self.store.sessions_between(start, end)
        running = next((s for s in sessions if s.is_open), None)
        time = day_time(sessions, today, self.zone_name, now)
        worked, pause = time.worked_seconds, time.break_seconds
        state = clock.state_of(running)
        since = working_since(running)
        return Status(state, since, running, worked, pause)

    def day_totals(self, day: date) -> DayTime:
        """Worked and counted-break time of local ``day`` in the viewer's zone."""
        now = self._now()
        sessions = self.store.sessions_between(
            day_start(day, self.zone_name), day_start(day + timedelta(days=1), self.zone_name)
        )
        return day_time(sessions, day, self.zone_name, now)

    def sessions(self, first: date, last: date) -> list[WorkSession]:
        """Sessions touching local days ``first`` to ``last`` inclusive, by start."""
        if last < first:
            raise ClockError("The end date comes before the start date.")
        return self.store.sessions_between(
            day_start(first, self.zone_name), day_start(last + timedelta(days=1), self.zone_name)
        )

    def week(
        self,
        of: date | None = None,
        extra: Sequence[WorkSession] = (),
        extra_confirmed: Collection[uuid.UUID] = (),
    ) -> WeekReport:
        """The week report for the Monday-to-Sunday week holding ``of`` (default: this week).

        ``extra``: sessions that are not in the store (pulled from the server) to count too;
        ``extra_confirmed``: the ids of those a manager has confirmed.
        """
        now = self._now()
        monday = monday_of(of or local(now, self.zone_name).date())
        # The day before the week too: the 11-hour rest rule looks back across Monday 00:00.
        sessions = self.store.sessions_between(
            day_start(monday - timedelta(days=1), self.zone_name),
            day_start(monday + timedelta(days=7), self.zone_name),
        )
        sunday = monday + timedelta(days=6)
        locked = self.store.locked_days(monday, sunday)
        targets = self.targets()
        shifts = self.own_shifts(monday, sunday)
        planned = self._plan_targets(shifts)
        # Loaded with the first week asked for: holidays and the account are not the tray's.
        from clockapp.services.account import day_calendar

        holidays, absences = day_calendar(
            self.store, self.settings, targets, monday, sunday, planned
        )
        confirmed = self.confirmed_ids(
            day_start(monday, self.zone_name), day_start(monday + timedelta(days=7), self.zone_name)
        )
        return week_report(
            [*sessions, *extra],
            monday,
            self.zone_name,
            now,
            targets,
            locked,
            holidays,
            absences,
            shifts,
            [*confirmed, *extra_confirmed],
            target_from_plan=planned is not None,
        )

    def confirmed_ids(self, start: datetime, end: datetime) -> set[uuid.UUID]:
        """The sessions overlapping ``[start, end)`` (UTC) a manager has confirmed, as the
        configured Papershift's listings last said (only Papershift confirms)."""
        if self.settings.get("backend") != "papershift":
            return set()  # and the sync layer (httpx) stays unloaded
        from clockapp.services.shifts import destination_key

        key = destination_key(self.settings)
        if key is None:
            return set()
        return ConfirmationStore(self.store).confirmed_between(key, start, end)

    def confirmed_day(self, session: WorkSession) -> date | None:
        """The first local day ``session`` touches that holds a session a manager has
        confirmed (changing it shows up for them); None when there is none."""
        now = self._now()
        days = local_days(session.start, session.effective_end(now), self.zone_name)
        start = day_start(days[0], self.zone_name)
        end = day_start(days[-1] + timedelta(days=1), self.zone_name)
        ids = self.confirmed_ids(start, end)
        if not ids:
            return None
        touched = set(days)
        hits = {
            day
            for other in self.store.sessions_between(start, end)
            if other.id in ids
            for day in local_days(other.start, other.effective_end(now), self.zone_name)
            if day in touched
        }
        return min(hits) if hits else None

    def own_shifts(self, first: date, last: date) -> list[Shift]:
        """The user's stored planned shifts (only Papershift has a shift plan)."""
        if self.settings.get("backend") != "papershift":
            return []  # and the sync layer (httpx) stays unloaded
        from clockapp.services.shifts import stored_shifts

        shifts = stored_shifts(self.store, self.settings, first, last, self.zone_name)
        return [s for s in shifts if s.own]

    def planned_targets(self, first: date, last: date) -> dict[date, int] | None:
        """With the setting ``target_from_shifts`` and a shift plan (Papershift), each local
        day's planned minutes of the user's own shifts — the days' targets; else None (the
        weekday targets count)."""
        if not self.settings.get("target_from_shifts"):
            return None
        return self._plan_targets(self.own_shifts(first, last))

    def _plan_targets(self, own: list[Shift]) -> dict[date, int] | None:
        if not self.settings.get("target_from_shifts") or self.settings.get("backend") != (
            "papershift"
        ):
            return None  # without a shift plan, the weekday targets stay
        return planned_minutes(own, self.zone_name)

    def targets(self) -> Targets:
        values = self.settings.targets
        return Targets(*(int(values[d]) for d in WEEKDAYS))

    def set_targets(self, minutes: dict[str, int]) -> Targets:
        """Change target minutes for the named weekdays (``mon``..``sun``); validated first."""
        merged = dict(self.settings.targets)
        for day, value in minutes.items():
            if day not in WEEKDAYS:
                raise ClockError(
                    "{day!r} is not a weekday; use one of {days}.",
                    day=day,
                    days=", ".join(WEEKDAYS),
                )
            merged[day] = value
        targets = Targets(*(merged[d] for d in WEEKDAYS))  # validates the range
        self.settings.set("targets", merged)
        self.settings.save()
        return targets

    def find(self, ref: str) -> WorkSession:
        """The session whose id is ``ref`` or starts with it (at least 4 characters)."""
        ref = ref.strip().lower()
        try:
            found = self.store.session(uuid.UUID(ref))
            if found is None:
                raise NotFound("No session has the id {ref}.", ref=ref)
            return found
        except ValueError:
            pass
        if any(c not in "0123456789abcdef-" for c in ref):
            raise NotFound("No session has an id starting with {ref}.", ref=ref)
        if len(ref) < MIN_ID_PREFIX:
            raise NotFound(
                "{ref!r} is not a session id; give at least {least} characters of one "
                "(see 'clockapp sessions').",
                ref=ref,
                least=MIN_ID_PREFIX,
            )
        matches = self.store.sessions_with_prefix(ref)
        if not matches:
            raise NotFound("No session has an id starting with {ref}.", ref=ref)
        if len(matches) > 1:
            raise NotFound(
                "{count} sessions have ids starting with {ref}; give more of it.",
                count=len(matches),
                ref=ref,
            )
        return matches[0]

    # -- changing the record -------------------------------------------------------------------

    def edit(
        self,
        ref: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        breaks: Sequence[tuple[datetime, datetime | None]] | None = None,
        note: str | None = None,
        reason: str | None = None,
        change_confirmed: bool = False,
    ) -> WorkSession:
        """Change a session's start, end, breaks (replacing them all) or note.

        The running session too: its start and breaks (an open break stays open when
        ``breaks`` is not given, or when given as its last pair with no end). A change on a day
        a manager has confirmed raises :class:`ConfirmedDay` unless ``change_confirmed`` (the
        user agreed)."""
        now = self._now()
        reason = self._reason(reason)
        with self.store.write():
            old = self.find(ref)
            self.refuse_locked(old, now)
            new = self._changed(old, start, end, breaks, note)
            if new == old:
                return old
            self._check(new, now)
            self._ask_if_confirmed(change_confirmed, old, new)
            if old.end is not None:
                change: Change | None = Change.EDITED
            else:
                change = Change.FINISHED if new.end is not None else None
            self.store.save_session(new, change, source=Source.HAND, reason=reason)
        return new

    def add(
        self,
        start: datetime,
        end: datetime,
        breaks: Sequence[tuple[datetime, datetime]] = (),
        note: str = "",
        reason: str | None = None,
        change_confirmed: bool = False,
    ) -> WorkSession:
        """Record a finished session by hand (time someone forgot to clock), checked as an edit
        is: end after start, breaks inside and apart, no overlap, at most 24 h, not ahead; on a
        day a manager has confirmed only with ``change_confirmed``."""
        now = self._now()
        reason = self._reason(reason)
        session = self._changed(None, start, end, breaks, note)
        with self.store.write():
            self._check(session, now)
            self._ask_if_confirmed(change_confirmed, session)
            self.store.save_session(session, Change.FINISHED, source=Source.HAND, reason=reason)
        return session

    def check_change(
        self,
        ref: str | None,
        *,
        start: datetime,
        end: datetime | None = None,
        breaks: Sequence[tuple[datetime, datetime | None]] = (),
        note: str = "",
        reason: str | None = None,
    ) -> ChangeCheck:
        """What :meth:`edit` (``ref`` names the session) or :meth:`add` (``ref`` is None) would
        do with these values, found by the same checks without saving anything: the refusal
        they would meet, and each local day the session touches before and after the change."""
        now = self._now()
        old = self.find(ref) if ref is not None else None
        new = self._changed(old, start, end, breaks, note)
        refusal: ClockError | None = None
        try:
            if old is None and end is None:
                raise ClockError("A finished session needs an end.")
            if old is not None:
                self.refuse_locked(old, now)
            if new != old:
                self._check(new, now)
                self._reason(reason)
        except ClockError as exc:
            refusal = exc
        spans = [(s.start, s.effective_end(now)) for s in (old, new) if s is not None]
        first = min(local(a, self.zone_name).date() for a, _ in spans)
        last = max(local(max(a, b), self.zone_name).date() for a, b in spans)
        # The day before feeds the rest rule of the first day; the day after has its rest
        # rule changed by this session's end.
        stored = self.store.sessions_between(
            day_start(first - timedelta(days=1), self.zone_name),
            day_start(last + timedelta(days=2), self.zone_name),
        )
        changed = [s for s in stored if old is None or s.id != old.id] + [new]
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        return ChangeCheck(
            session=new,
            refusal=refusal,
            before=self._day_totals(stored, first, last, now),
            after=self._day_totals(changed, first, last, now),
            broken_before=self._broken(stored, days, now),
            broken_after=self._broken(changed, days, now),
        )

    def _broken(
        self, sessions: list[WorkSession], days: list[date], now: datetime
    ) -> tuple[Violation, ...]:
        """The rules ``days`` break, and the rest rule of the day after them (which the last
        day's end moves)."""
        after = days[-1] + timedelta(days=1)
        found = check_working_time(sessions, [*days, after], self.zone_name, now)
        return tuple(v for v in found if v.date != after or v.rule == RULE_REST_11H)

    def _day_totals(
        self, sessions: list[WorkSession], first: date, last: date, now: datetime
    ) -> tuple[DayTotal, ...]:
        from clockapp.services.account import day_calendar

        targets = self.targets()
        holidays, absences = day_calendar(self.store, self.settings, targets, first, last)
        locked = self.store.locked_days(first, last)
        return tuple(
            day_totals(
                sessions, first, last, self.zone_name, now, targets, locked, holidays, absences
            )
        )

    def _changed(
        self,
        old: WorkSession | None,
        start: datetime | None,
        end: datetime | None,
        breaks: Sequence[tuple[datetime, datetime | None]] | None,
        note: str | None,
    ) -> WorkSession:
        """``old`` with the given values (None: kept), or a new session by hand from them."""
        segments = None if breaks is None else tuple(BreakSegment(s, e) for s, e in breaks)
        if old is None:
            assert start is not None
            return WorkSession(
                id=self._new_id(),
                start=start,
                end=end,
                zone=self.zone_name,
                breaks=segments or (),
                note=note or "",
                by_hand=True,
            )
        changes: dict[str, Any] = {}
        if start is not None:
            changes["start"] = start
        if end is not None:
            changes["end"] = end
        if segments is not None:
            changes["breaks"] = segments
        if note is not None:
            changes["note"] = note
        new = old.with_changes(**changes)
        return new if new == old else new.with_changes(by_hand=True)

    def _check(self, new: WorkSession, now: datetime) -> None:
        """Refuse a session changed or added by hand that the domain refuses (overlaps,
        breaks outside, too long, ahead of now) or that touches a locked day."""
        span_end = max(new.start, new.effective_end(now))
        validate_session(new, self.store.sessions_between(new.start, span_end), now)
        self.refuse_locked(new, now)

    def delete(
        self, ref: str, reason: str | None = None, change_confirmed: bool = False
    ) -> WorkSession:
        now = self._now()
        reason = self._reason(reason)
        with self.store.write():
            session = self.find(ref)
            self.refuse_locked(session, now)
            self._ask_if_confirmed(change_confirmed, session)
            self.store.delete_session(session, source=Source.HAND, reason=reason)
        return session

    def discard(self, reason: str | None = None, change_confirmed: bool = False) -> WorkSession:
        """Throw away the running session (an accidental clock-in): only its trail stays."""
        now = self._now()
        reason = self._reason(reason)
        with self.store.write():
            running = self.store.running_session()
            if running is None:
                raise ClockError("You are not clocked in, so there is no session to discard.")
            self.refuse_locked(running, now)
            self._ask_if_confirmed(change_confirmed, running)
            self.store.delete_session(running, source=Source.HAND, reason=reason)
        return running

    def history(self, ref: str) -> tuple[uuid.UUID, list[HistoryEntry]]:
        """The trail of the session ``ref`` names, also once it was deleted or discarded."""
        try:
            session_id = self.find(ref).id
        except NotFound:
            ids = self.store.history_ids_with_prefix(ref.strip()) if ref.strip() else []
            if len(ids) != 1:
                raise
            session_id = ids[0]
        return session_id, self.store.history(session_id)

    def _reason(self, reason: str | None) -> str:
        """The reason for a change by hand; refused when the fleet policy requires one."""
        reason = (reason or "").strip()
        if not reason and self.reason_required():
            raise ClockError(
                "Your organisation requires a reason for every change by hand; give one "
                "(--reason on the command line). Nothing was changed."
            )
        return reason

    def reason_required(self) -> bool:
        """Whether the fleet policy requires a reason for every change by hand."""
        return bool(self.settings.get("require_edit_reason"))

    def first_locked_day(self, first: date, last: date) -> date | None:
        """The first locked day from ``first`` to ``last`` inclusive, if any."""
        locked = self.store.locked_days(first, last)
        return min(locked) if locked else None

    def set_locked(self, day: date, locked: bool) -> None:
        """Lock a day (its sessions can't be changed) or unlock it again."""
        self.set_locked_days(day, day, locked)

    def set_locked_days(self, first: date, last: date, locked: bool) -> None:
        """Lock (or unlock) every day from ``first`` to ``last``, all or none: a week or a
        month, as 4me locks by ``week_of`` and ``month_of``."""
        now = self._now()
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        with self.store.write():
            if locked:
                running = self.store.running_session()
                if running is not None:
                    busy = sorted(set(days) & set(local_days(running.start, now, self.zone_name)))
                    if busy:
                        raise ClockError(
                            "You are still clocked in on {day}; clock out before locking it.",
                            day=busy[0].isoformat(),
                        )
            for day in days:
                self.store.set_locked(day, locked)

    def refuse_locked(self, session: WorkSession, now: datetime) -> None:
        """Refuse a change to ``session`` when any of its days is locked (one rule for all)."""
        days = local_days(session.start, session.effective_end(now), self.zone_name)
        locked = self.store.locked_days(days[0], days[-1])
        if locked:
            day = min(locked)
            raise ClockError(
                "{day} is locked; unlock it first to change its sessions.", day=day.isoformat()
            )

    def _ask_if_confirmed(self, anyway: bool, *sessions: WorkSession) -> None:
        """A change by hand on a day a manager has confirmed is asked first: the manager
        sees it as a change. ``anyway``: the user was asked and agreed."""
        if anyway:
            return
        days = [d for d in map(self.confirmed_day, sessions) if d is not None]
        if days:
            raise ConfirmedDay(
                "A manager has confirmed {day}; changing it shows up for them as a change. "
                "Add --yes to change it anyway.",
                day=min(days).isoformat(),
            )

    # -- what the front ends read and keep, so they never reach the store or settings -------

    def running(self) -> WorkSession | None:
        """The session clocked in now, if any."""
        return self.store.running_session()

    def locked_days(self, first: date, last: date) -> set[date]:
        """The locked days from ``first`` to ``last``."""
        return self.store.locked_days(first, last)

    def trail(self, session_id: uuid.UUID) -> list[HistoryEntry]:
        """Every change to the session ``session_id``, oldest first."""
        return self.store.history(session_id)

    def data_version(self) -> int:
        """Changes when any connection (the other front end too) commits to the store."""
        return self.store.data_version()

    @property
    def database_path(self) -> Path:
        """The store's file: the tray watches it for the command line's changes."""
        return self.store.path

    def setting(self, key: str) -> Any:
        """A setting's value as the app uses it (its default where unset)."""
        return self.settings.get(key)

    def editable_settings(self) -> Settings:
        """The settings for the Settings dialog to edit and save; the services hear of each
        save (``Settings.on_saved``)."""
        return self.settings

    def remember(self, key: str, value: Any) -> None:
        """Keep a setting the app learned (``no_tray_explained``); raises SettingsError."""
        self.settings.set(key, value)
        self.settings.save()

    def notices(self) -> list[UserError]:
        """What the user must know at start: a store that was repaired, settings or policy
        entries that could not be used (each ignored, never a crash)."""
        found: list[UserError] = [self.store.notice] if self.store.notice else []
        return [*found, *self.settings.notices]

    def close(self) -> None:
        self.store.close()

    # -- views and export --------------------------------------------------------------------

    def describe(self, session: WorkSession) -> dict[str, Any]:
        """A session as JSON-ready data in the viewer's zone (minutes rounded down)."""
        now = self._now()
        return {
            "id": str(session.id),
            "start": local(session.start, self.zone_name).isoformat(),
            "end": local(session.end, self.zone_name).isoformat() if session.end else None,
            "breaks": [
                {
                    "start": local(b.start, self.zone_name).isoformat(),
                    "end": local(b.end, self.zone_name).isoformat() if b.end else None,
                }
                for b in session.breaks
            ],
            "worked_min": int(session.worked_seconds(now) // 60),
            "break_min": int(session.break_seconds(now) // 60),
            "note": session.note,
            "zone": session.zone,
            "date": local(session.start, self.zone_name).date().isoformat(),
            "changed_by_hand": session.by_hand,
        }

    def export(self, first: date, last: date, fmt: str) -> str:
        """Sessions of ``first``..``last`` as ``csv``, ``excel`` or ``json`` text.

        ``excel`` is CSV as a spreadsheet set to a German locale opens it
        (:mod:`clockapp.services.export`). Write the text as UTF-8 unchanged.
        """
        from clockapp.services.export import check_format, csv_text, json_text

        check_format(fmt)
        rows = [self.describe(s) for s in self.sessions(first, last)]
        if fmt == "json":
            return json_text(rows)
        header = [
            "id",
            "date",
            "start",
            "end",
            "worked_min",
            "break_min",
            "breaks",
            "note",
            "zone",
            "changed_by_hand",
        ]
        table = [
            [
                row["id"],
                row["start"][:10],
                row["start"],
                row["end"],
                row["worked_min"],
                row["break_min"],
                "; ".join(f"{b['start'][11:16]}-{(b['end'] or '')[11:16]}" for b in row["breaks"]),
                row["note"],
                row["zone"],
                row["changed_by_hand"],
            ]
            for row in rows
        ]
        return csv_text(header, table, excel=fmt == "excel")
