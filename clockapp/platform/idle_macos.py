"""Idle time on macOS: CoreGraphics ``CGEventSourceSecondsSinceLastEventType``.

Asked for the HID system state and any input event type, it answers the seconds since the
person last touched a keyboard, mouse or trackpad, without any permission prompt.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import time
from typing import Any

from clockapp.platform.idle import RETRY_AFTER_S, IdleSource

log = logging.getLogger(__name__)

COREGRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
#: ``CGEventSourceStateID``: the state of the hardware, not of one app's synthetic events.
K_CG_EVENT_SOURCE_STATE_HID_SYSTEM_STATE = 1
#: ``kCGAnyInputEventType`` is ``~0`` as a ``CGEventType`` (uint32).
K_CG_ANY_INPUT_EVENT_TYPE = 0xFFFFFFFF


def load_seconds_since_last_event(path: str = COREGRAPHICS) -> Any | None:
    """The ``CGEventSourceSecondsSinceLastEventType`` function, typed, or None if not loadable."""
    try:
        library = ctypes.CDLL(path)
        function = library.CGEventSourceSecondsSinceLastEventType
    except (OSError, AttributeError) as exc:
        log.debug("CoreGraphics not loadable: %s", exc)
        return None
    function.restype = ctypes.c_double
    function.argtypes = [ctypes.c_int32, ctypes.c_uint32]
    return function


def seconds_since_last_input(function: Any) -> float:
    """Call ``function`` (as loaded above) for any input on the HID system state, in seconds."""
    return float(function(K_CG_EVENT_SOURCE_STATE_HID_SYSTEM_STATE, K_CG_ANY_INPUT_EVENT_TYPE))


class MacIdle(IdleSource):
    """Idle seconds from CoreGraphics; the framework is loaded on first use."""

    def __init__(self, path: str = COREGRAPHICS) -> None:
        self.path = path
        self._function: Any | None = None
        self._failed_at: float | None = None

    def idle_seconds(self) -> float | None:
        if sys.platform != "darwin" and self.path == COREGRAPHICS:
            return None
        if self._function is None:
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
                return None
            self._function = load_seconds_since_last_event(self.path)
            if self._function is None:
                self._failed_at = time.monotonic()
                return None
        try:
            seconds = seconds_since_last_input(self._function)
        except (OSError, ctypes.ArgumentError) as exc:
            log.debug("CGEventSourceSecondsSinceLastEventType failed: %s", exc)
            return None
        # The call answers a huge number or NaN when the HID state is unknown (e.g. at boot).
        if not 0 <= seconds < 365 * 86400:
            return None
        return seconds

    def describe(self) -> str:
        if sys.platform != "darwin":
            return "macOS CoreGraphics: not on macOS"
        return "macOS CoreGraphics CGEventSourceSecondsSinceLastEventType"
