"""Idle time on an X11 desktop: the MIT-SCREEN-SAVER extension (``XScreenSaverQueryInfo``).

libX11 and libXss are loaded with ctypes and the display opened on first use, on a connection
of our own (Qt's xcb connection is not shared). No ``DISPLAY``, no library or no extension
means "unavailable", never an error.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import time
from dataclasses import dataclass

from clockapp.platform.idle import RETRY_AFTER_S, IdleSource

log = logging.getLogger(__name__)


class XScreenSaverInfo(ctypes.Structure):
    """``XScreenSaverInfo`` from ``<X11/extensions/scrnsaver.h>``; ``idle`` is in milliseconds."""

    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


@dataclass(frozen=True)
class XLibraries:
    """libX11 and libXss with the prototypes this module calls."""

    x11: ctypes.CDLL
    xss: ctypes.CDLL


def _find(name: str, fallback: str) -> str:
    return ctypes.util.find_library(name) or fallback


def load_libraries() -> XLibraries | None:
    """libX11 and libXss, typed; None when either is missing (e.g. ``libxss1`` not installed)."""
    try:
        x11 = ctypes.CDLL(_find("X11", "libX11.so.6"))
        xss = ctypes.CDLL(_find("Xss", "libXss.so.1"))
    except OSError as exc:
        log.debug("X11 libraries not loadable: %s", exc)
        return None
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.restype = ctypes.c_int
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xss.XScreenSaverQueryExtension.restype = ctypes.c_int
    xss.XScreenSaverQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    xss.XScreenSaverQueryInfo.restype = ctypes.c_int
    xss.XScreenSaverQueryInfo.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(XScreenSaverInfo),
    ]
    return XLibraries(x11, xss)


def open_display(libs: XLibraries, name: str) -> int | None:
    """A ``Display*`` for ``name`` that has the screen-saver extension, or None."""
    display: int | None = libs.x11.XOpenDisplay(name.encode())
    if not display:
        return None
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not libs.xss.XScreenSaverQueryExtension(
        display, ctypes.byref(event_base), ctypes.byref(error_base)
    ):
        libs.x11.XCloseDisplay(display)
        return None
    return display


def query_idle_ms(libs: XLibraries, display: int) -> int | None:
    """``XScreenSaverQueryInfo(...).idle``: milliseconds since the last input, or None."""
    info = XScreenSaverInfo()
    root = libs.x11.XDefaultRootWindow(display)
    if not libs.xss.XScreenSaverQueryInfo(display, root, ctypes.byref(info)):
        return None
    return int(info.idle)


class X11Idle(IdleSource):
    """Idle seconds of the X display ``display`` (default: ``$DISPLAY`` when first asked)."""

    def __init__(self, display: str | None) -> None:
        self.display_name = display
        self._libs: XLibraries | None = None
        self._display: int | None = None
        self._failed_at: float | None = None
        self._why = "not asked yet"

    def idle_seconds(self) -> float | None:
        if self._display is None and not self._open():
            return None
        assert self._libs is not None and self._display is not None
        try:
            idle_ms = query_idle_ms(self._libs, self._display)
        except (OSError, ctypes.ArgumentError) as exc:
            log.debug("XScreenSaverQueryInfo failed: %s", exc)
            idle_ms = None
        if idle_ms is None:
            self._why = "XScreenSaverQueryInfo gave no answer"
            self.close()
            self._failed_at = time.monotonic()
            return None
        return idle_ms / 1000.0

    def _open(self) -> bool:
        if not self.display_name:
            self._why = "no X display (DISPLAY is not set)"
            return False
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
            return False
        if self._libs is None:
            self._libs = load_libraries()
            if self._libs is None:
                self._why = "libX11 or libXss (package libxss1) is not installed"
                self._failed_at = time.monotonic()
                return False
        self._display = open_display(self._libs, self.display_name)
        if self._display is None:
            self._why = (
                f"can't open X display {self.display_name} or it lacks the MIT-SCREEN-SAVER "
                "extension"
            )
            self._failed_at = time.monotonic()
            return False
        self._why = ""
        return True

    def close(self) -> None:
        if self._display is not None and self._libs is not None:
            self._libs.x11.XCloseDisplay(self._display)
        self._display = None

    def describe(self) -> str:
        if self._why:
            return f"X11 XScreenSaver: {self._why}"
        return f"X11 XScreenSaver on display {self.display_name}"
