"""Planned shifts (Papershift's shift plan) and how they fall on local days.

A shift counts toward each local day (in the viewer's zone) with the part of it inside that day,
as worked time does (:mod:`clockapp.domain.timeline`): a night shift is split at midnight, DST
days are 23 or 25 hours long. Planned minutes are rounded down once, from the summed seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from clockapp.domain.session import utc
from clockapp.domain.timeline import floor_minutes
from clockapp.domain.zones import day_bounds, local, local_days


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
