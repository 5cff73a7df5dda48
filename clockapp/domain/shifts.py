"""Planned shifts (Papershift's shift plan) and how they fall on local days.

A shift counts toward each local day (in the viewer's zone) with the part of it inside that day,
as worked time does (:mod:`clockapp.domain.timeline`): a night shift is split at midnight, DST
days are 23 or 25 hours long. Planned minutes are rounded down once, from the summed seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clockapp.domain.presence import Reminder, ReminderKind
from clockapp.domain.session import WorkSession, utc
from clockapp.domain.timeline import floor_minutes
from clockapp.domain.zones import day_bounds, local, local_days

#: A shift reminder is useful for this long after it fell due; later it is stale.
REMINDER_WINDOW = timedelta(hours=4)


@dataclass(frozen=True, slots=True)
class Shift:
    """One planned shift: instants in UTC. ``own``: it names the user (else it is the area's)."""

    id: str
    start: datetime
    end: datetime
    working_area_id: str | None = None
    note: str = ""
    own: bool = False

    def to_dict(self, zone_name: str) -> dict[str, object]:
        """JSON-ready, times as local ISO 8601 with their offset."""
        return {
            "id": self.id,
            "start": local(self.start, zone_name).isoformat(),
            "end": local(self.end, zone_name).isoformat(),
            "working_area_id": self.working_area_id,
            "note": self.note,
            "own": self.own,
        }


def split_span_by_day(
    start: datetime, end: datetime, zone_name: str
) -> dict[date, tuple[datetime, datetime]]:
    """The part of ``[start, end)`` inside each local day it touches, as local times (days it
    only touches at an edge are left out)."""
    pieces: dict[date, tuple[datetime, datetime]] = {}
    if end <= start:
        return pieces
    for day in local_days(start, end, zone_name):
        lo, hi = day_bounds(day, zone_name)
        first, last = max(start, lo), min(end, hi)
        if last > first:
            pieces[day] = (local(first, zone_name), local(last, zone_name))
    return pieces


def planned_by_day(
    shifts: Iterable[Shift], zone_name: str
) -> dict[date, list[tuple[datetime, datetime]]]:
    """Each local day's planned spans (local times, in order), from ``shifts``."""
    days: dict[date, list[tuple[datetime, datetime]]] = {}
    for shift in shifts:
        for day, piece in split_span_by_day(shift.start, shift.end, zone_name).items():
            days.setdefault(day, []).append(piece)
    for pieces in days.values():
        pieces.sort()
    return days


def planned_minutes(shifts: Iterable[Shift], zone_name: str) -> dict[date, int]:
    """Each local day's planned minutes (days with a shift only), rounded down once from the
    summed seconds — what the week shows as ``planned_min``."""
    return {
        day: floor_minutes(sum((utc(end) - utc(start)).total_seconds() for start, end in spans))
        for day, spans in planned_by_day(shifts, zone_name).items()
    }


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
            if due_at <= now < min(shift.end, due_at + REMINDER_WINDOW) and not worked:
                add(ReminderKind.SHIFT_NOT_CLOCKED_IN, shift, late)
        over = settings.still_clocked_in_minutes
        if running is not None and over is not None and running.start < shift.end:
            due_at = shift.end + timedelta(minutes=over)
            if due_at <= now < due_at + REMINDER_WINDOW:
                add(ReminderKind.SHIFT_STILL_CLOCKED_IN, shift, over)
    return due
