"""Reading times and dates as people type them: ``08:00``, ``2026-11-25 08:00``, ISO with offset.

A wall-clock time is read in the viewer's zone; one that DST skipped or repeated is refused
with a sentence that says why, instead of guessing the hour.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from clockapp.domain.errors import ClockError
from clockapp.domain.zones import local_wall_time

#: The dates ClockApp reads: none before 1970, and none so late that the week or the day after
#: it would leave the calendar Python can count (which ends with 9999).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(9998, 12, 31)

#: A break past midnight ("23:30-00:15") is read as ending the next day; one longer than this
#: that way is a break whose end was typed before its start.
LONGEST_BREAK = timedelta(hours=12)

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_LOCAL = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2})?)$")


def _unreadable(text: str) -> ClockError:
    return ClockError(
        "Can't read the time {text!r}; use HH:MM, 'YYYY-MM-DD HH:MM', or ISO 8601 with an "
        "offset like 2026-11-25T08:00+01:00.",
        text=text,
    )


def _within_range(day: date, text: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ClockError(
            "{text} is outside the dates ClockApp keeps, 1970 to 9998.", text=text.strip()
        )
    return day


def parse_instant(text: str, zone_name: str, day: date) -> datetime:
    """The UTC instant ``text`` names; a bare ``HH:MM`` is on local ``day``."""
    text = text.strip()
    m = _CLOCK.match(text)
    if m:
        return local_wall_time(day, _wall(int(m[1]), int(m[2]), text), zone_name)
    m = _LOCAL.match(text)
    if m:
        try:
            d = date.fromisoformat(m[1])
            t = time.fromisoformat(m[2] if len(m[2]) > 4 else "0" + m[2])
        except ValueError:
            raise _unreadable(text) from None
        return local_wall_time(_within_range(d, text), t, zone_name)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise _unreadable(text) from None
    if parsed.tzinfo is None:
        raise _unreadable(text)
    _within_range(parsed.date(), text)
    return parsed.astimezone(UTC)


def parse_after(text: str, zone_name: str, day: date, after: datetime) -> datetime:
    """Like :func:`parse_instant`, but a bare ``HH:MM`` not after ``after`` is the next day.

    That reads ``--end 06:00`` on a session begun at 22:00 as the following morning.
    """
    instant = parse_instant(text, zone_name, day)
    if _CLOCK.match(text.strip()) and instant <= after:
        instant = parse_instant(text, zone_name, day + timedelta(days=1))
    return instant


def parse_break(
    text: str, zone_name: str, day: date, session_start: datetime
) -> tuple[datetime, datetime]:
    """A break as ``HH:MM-HH:MM`` (on the session's day) or ``START/END`` in ISO 8601."""
    if "/" in text:
        first, _, second = text.partition("/")
    elif re.fullmatch(r"\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*", text):
        first, _, second = text.partition("-")
    else:
        raise ClockError(
            "Can't read the break {text!r}; use HH:MM-HH:MM, or START/END in ISO 8601.",
            text=text,
        )
    start = parse_after(first, zone_name, day, session_start - timedelta(seconds=1))
    end = parse_after(second, zone_name, day, start)
    return checked_break(start, end, text)


def checked_break(start: datetime, end: datetime, text: str) -> tuple[datetime, datetime]:
    """``(start, end)``, refused when the break as typed (``text``) must be a typo."""
    if end - start > LONGEST_BREAK:
        # "12:30-12:00" read as ending the next day would be a 23½-hour break: a typo.
        raise ClockError("The break {text} ends before it starts.", text=text.strip())
    return start, end


def parse_date(text: str, today: date) -> date:
    """A date as ``YYYY-MM-DD``, ``today`` or ``yesterday``."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise ClockError("Can't read the date {text!r}; use YYYY-MM-DD.", text=text) from None
    return _within_range(day, text)


def _wall(hour: int, minute: int, text: str) -> time:
    if hour > 23 or minute > 59:
        raise ClockError("{text} is not a time of day.", text=text)
    return time(hour, minute)
