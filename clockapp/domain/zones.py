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


def wall_times(day: date, wall: time, zone_name: str) -> tuple[datetime, ...]:
    """The UTC instants at which wall-clock ``wall`` on ``day`` happens in ``zone_name``: one,
    or two (earlier first) in the hour repeated when the clocks are put back.

    Refuses a time that does not exist (skipped when the clocks are put forward)."""
    tz = zone(zone_name)
    first = datetime.combine(day, wall, tzinfo=tz)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return (first.astimezone(UTC),)
    # Repeated or skipped: a skipped time does not survive a round trip through UTC.
    round_trip = first.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
        raise ClockError(
            "{time} does not exist in {zone} (the clocks were put forward); "
            "give the time with its UTC offset.",
            time=f"{day.isoformat()} {wall.strftime('%H:%M')}",
            zone=zone_name,
        )
    return tuple(sorted((first.astimezone(UTC), second.astimezone(UTC))))


def is_repeated(day: date, wall: time, zone_name: str) -> bool:
    """Whether ``wall`` on ``day`` happens twice (the clocks were put back); False for a time
    that does not exist."""
    try:
        return len(wall_times(day, wall, zone_name)) == 2
    except ClockError:
        return False


def local_wall_time(day: date, wall: time, zone_name: str, fold: int | None = None) -> datetime:
    """The UTC instant of wall-clock ``wall`` on ``day`` in ``zone_name``.

    Refuses a time that does not exist (skipped by DST). A time that happens twice (repeated by
    DST) is the first (``fold`` 0) or the second (``fold`` 1) as the caller says; without a
    ``fold`` it is refused, because guessing there would record the wrong hour.
    """
    times = wall_times(day, wall, zone_name)
    if len(times) == 1:
        return times[0]
    if fold is None:
        raise ClockError(
            "{time} happened twice in {zone} (the clocks were put back); "
            "give the time with its UTC offset, e.g. +02:00.",
            time=f"{day.isoformat()} {wall.strftime('%H:%M')}",
            zone=zone_name,
        )
    return times[fold]


def local_days(start: datetime, end: datetime, zone_name: str) -> list[date]:
    """Every local date in ``zone_name`` that the span ``[start, end]`` touches."""
    first = local(start, zone_name).date()
    last = local(end, zone_name).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
