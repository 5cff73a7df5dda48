"""How long the person at this computer has not touched keyboard or mouse, on every OS.

One interface, :class:`IdleSource`, with one module per OS behind it (``idle_windows``,
``idle_macos``, ``idle_linux_x11``, ``idle_linux_wayland``); :func:`for_this_os` picks the right
ones. A source that can't tell answers ``None`` ("idle detection unavailable here"): it never
raises and never guesses, because a false idle would ask people about breaks they never took.

Also here: :func:`monotonic_including_sleep`, the clock the presence logic compares with the
wall clock to tell a suspend (both move on together) from a changed system clock (only the
wall clock moves).
"""

from __future__ import annotations

import abc
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

#: After a source failed to answer, it is not asked again for this long (seconds): probing a
#: missing D-Bus service or X display on every poll would cost more than the poll itself.
RETRY_AFTER_S = 300.0


class IdleSource(abc.ABC):
    """Seconds since the last keyboard or mouse input of this desktop session."""

    @abc.abstractmethod
    def idle_seconds(self) -> float | None:
        """Seconds since the last input (>= 0), or None when this source can't tell.

        Never raises: every failure of the OS, the library or the display means None.
        """

    @abc.abstractmethod
    def describe(self) -> str:
        """A short English line for logs and the about box: which mechanism, or why none."""

    def close(self) -> None:  # noqa: B027 - most sources hold nothing to release
        """Release display or bus connections; the source may be used again afterwards."""


class Unavailable(IdleSource):
    """No idle detection here; ``reason`` says why (shown in the logs and settings)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def idle_seconds(self) -> float | None:
        return None

    def describe(self) -> str:
        return f"idle detection unavailable here: {self.reason}"


class FirstAnswering(IdleSource):
    """Asks its sources in order and keeps to the first that answers.

    When the one in use stops answering (the X server went, the compositor restarted), the
    others are tried again; when none answers, they are left alone for ``RETRY_AFTER_S``.
    """

    def __init__(
        self,
        sources: Sequence[IdleSource],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sources = list(sources)
        self._monotonic = monotonic
        self._current: IdleSource | None = None
        self._quiet_until = float("-inf")

    def idle_seconds(self) -> float | None:
        if self._current is not None:
            seconds = _safely(self._current)
            if seconds is not None:
                return seconds
            log.info("idle source stopped answering: %s", self._current.describe())
            self._current = None
        if self._monotonic() < self._quiet_until:
            return None
        for source in self.sources:
            seconds = _safely(source)
            if seconds is not None:
                self._current = source
                log.info("idle time from %s", source.describe())
                return seconds
        self._quiet_until = self._monotonic() + RETRY_AFTER_S
        return None

    def describe(self) -> str:
        if self._current is not None:
            return self._current.describe()
        if not self.sources:
            return "idle detection unavailable here: no mechanism for this system"
        return "idle detection unavailable here: " + "; ".join(s.describe() for s in self.sources)

    def close(self) -> None:
        for source in self.sources:
            source.close()
        self._current = None


def _safely(source: IdleSource) -> float | None:
    # A source is meant never to raise; one that does is a bug, and still must not end the app.
    try:
        seconds = source.idle_seconds()
    except Exception:
        log.exception("idle source failed: %s", source.describe())
        return None
    if seconds is None or seconds != seconds or seconds < 0:  # None, NaN or negative: no answer
        return None
    return seconds


def is_wayland_session(environ: dict[str, str] | None = None) -> bool:
    """True in a Wayland desktop session (X11 clients there see only XWayland's input)."""
    env = os.environ if environ is None else environ
    return bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"


def for_this_os(platform: str = sys.platform, environ: dict[str, str] | None = None) -> IdleSource:
    """The idle source for this computer; never raises, even on an OS it doesn't know.

    On Linux under Wayland only the compositor's D-Bus monitors are asked: XScreenSaver there
    sees just the XWayland windows' input and would report a person typing as idle.
    """
    env = dict(os.environ) if environ is None else environ
    if platform == "win32":
        from clockapp.platform.idle_windows import WindowsIdle

        return FirstAnswering([WindowsIdle()])
    if platform == "darwin":
        from clockapp.platform.idle_macos import MacIdle

        return FirstAnswering([MacIdle()])
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        from clockapp.platform.idle_linux_wayland import DBusIdle
        from clockapp.platform.idle_linux_x11 import X11Idle

        if is_wayland_session(env):
            return FirstAnswering([DBusIdle()])
        return FirstAnswering([X11Idle(env.get("DISPLAY")), DBusIdle()])
    return Unavailable(f"no idle detection for {platform}")


def monotonic_including_sleep() -> float:
    """Seconds on a clock that never jumps and keeps counting while the computer sleeps.

    Linux: ``CLOCK_BOOTTIME``; macOS: ``CLOCK_MONOTONIC`` (there it counts sleep, unlike
    ``time.monotonic``); Windows: ``time.monotonic`` (``GetTickCount64`` counts sleep).
    Elsewhere ``time.monotonic``, where a suspend may look like the wall clock jumping forward.
    """
    if sys.platform == "linux":
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    if sys.platform == "darwin":
        return time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.monotonic()
