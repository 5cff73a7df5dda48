"""IANA zone lookups and local-day boundaries (DST-correct, via zoneinfo)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clockapp.domain.errors import ClockError


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name; an unknown name is a ``ClockError``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ClockError("Unknown time zone {zone!r}.", zone=name) from exc


def local(instant: datetime, zone_name: str) -> datetime:
    """``instant`` as wall-clock time in ``zone_name``."""
    return instant.astimezone(zone(zone_name))


def day_start(day: date, zone_name: str) -> datetime:
    """The UTC instant at which local ``day`` begins (days are 23 or 25 h long across DST)."""
    return datetime.combine(day, time(0), tzinfo=zone(zone_name)).astimezone(UTC)


def day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """UTC start and end of local ``day``."""
    return day_start(day, zone_name), day_start(day + timedelta(days=1), zone_name)


def local_wall_time(day: date, wall: time, zone_name: str) -> datetime:
    """The UTC instant of wall-clock ``wall`` on ``day`` in ``zone_name``.

    Refuses a time that does not exist (skipped by DST) or that happens twice (repeated by DST),
    because guessing there would record the wrong hour.
    """
    tz = zone(zone_name)
    first = datetime.combine(day, wall, tzinfo=tz)
    second = first.replace(fold=1)
    if first.utcoffset() != second.utcoffset():
        # Ambiguous or non-existent: check which by a round trip through UTC.
        round_trip = first.astimezone(UTC).astimezone(tz)
        shown = {"time": f"{day.isoformat()} {wall.strftime('%H:%M')}", "zone": zone_name}
        if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
            raise ClockError(
                "{time} does not exist in {zone} (the clocks were put forward); "
                "give the time with its UTC offset.",
                **shown,
            )
        raise ClockError(
            "{time} happened twice in {zone} (the clocks were put back); "
            "give the time with its UTC offset, e.g. +02:00.",
            **shown,
        )
    return first.astimezone(UTC)


def local_days(start: datetime, end: datetime, zone_name: str) -> list[date]:
    """Every local date in ``zone_name`` that the span ``[start, end]`` touches."""
    first = local(start, zone_name).date()
    last = local(end, zone_name).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
