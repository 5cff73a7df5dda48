"""Idle time on Windows: ``GetLastInputInfo`` against ``GetTickCount``.

Both are 32-bit millisecond tick counts that wrap every 49.7 days of uptime; the arithmetic
that copes with the wrap is :func:`idle_ms_between`, a pure function tested on every OS.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from clockapp.platform.idle import IdleSource

log = logging.getLogger(__name__)

TICK_MODULUS = 2**32
#: A difference this large (about 24.8 days) means the input tick is *after* the "now" tick,
#: which happens when input arrives between the two calls: that is "input just now", not idle.
_HALF_RANGE = 2**31


def idle_ms_between(now_tick: int, last_input_tick: int) -> int:
    """Milliseconds from ``last_input_tick`` to ``now_tick``, both 32-bit tick counts (ms).

    Correct across one wrap of the counter; an input tick that is ahead of ``now_tick`` (a race
    between the two calls) counts as 0, never as 49 days of idleness.
    """
    delta = (now_tick - last_input_tick) % TICK_MODULUS
    return 0 if delta >= _HALF_RANGE else delta


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32)]


def last_input_tick() -> int | None:
    """``GetLastInputInfo().dwTime`` (ms tick of the session's last input), or None on failure."""
    if sys.platform != "win32":
        return None
    info = _LastInputInfo()
    info.cbSize = ctypes.sizeof(info)
    if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):
        return None
    return int(info.dwTime)


def tick_count() -> int | None:
    """``GetTickCount()``: milliseconds since boot modulo 2**32 (counts sleep), or None."""
    if sys.platform != "win32":
        return None
    get_tick_count = ctypes.windll.kernel32.GetTickCount
    get_tick_count.restype = ctypes.c_uint32
    return int(get_tick_count())


class WindowsIdle(IdleSource):
    """Idle seconds of this Windows logon session."""

    def idle_seconds(self) -> float | None:
        try:
            last = last_input_tick()
            # Read "now" after the input tick, so input can only be older than now (but see
            # idle_ms_between for the race that remains).
            now = tick_count()
        except (OSError, AttributeError) as exc:
            log.debug("GetLastInputInfo failed: %s", exc)
            return None
        if last is None or now is None:
            return None
        return idle_ms_between(now, last) / 1000.0

    def describe(self) -> str:
        if sys.platform != "win32":
            return "Windows GetLastInputInfo: not on Windows"
        return "Windows GetLastInputInfo"
