"""Idle time on a Wayland desktop: the compositor's idle monitors on the session D-Bus.

GNOME answers ``org.gnome.Mutter.IdleMonitor.GetIdletime`` (milliseconds); KDE Plasma and
others ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (milliseconds in KDE's
implementation; the freedesktop draft says seconds — reading milliseconds is the safe side,
as it can only under-state idleness). The D-Bus client is ``jeepney``, pure Python, already on
every Linux install as a dependency of ``keyring``.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from clockapp.platform.idle import RETRY_AFTER_S, IdleSource

log = logging.getLogger(__name__)

#: A D-Bus call may block the UI thread this long at most (seconds).
CALL_TIMEOUT_S = 0.5


@dataclass(frozen=True)
class IdleMethod:
    """One D-Bus method answering idle time in milliseconds."""

    bus_name: str
    object_path: str
    interface: str
    method: str


MUTTER = IdleMethod(
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
    "GetIdletime",
)
SCREENSAVER = IdleMethod(
    "org.freedesktop.ScreenSaver",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "GetSessionIdleTime",
)


def open_session_bus(address: str | None = None) -> Any | None:
    """A blocking jeepney connection to the session bus (or ``address``), or None."""
    try:
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
    except ImportError:
        log.debug("jeepney is not installed")
        return None
    try:
        return open_dbus_connection(bus=address or "SESSION", auth_timeout=CALL_TIMEOUT_S)
    except Exception as exc:  # jeepney raises KeyError, OSError, AuthenticationError, ...
        log.debug("no session bus: %s", exc)
        return None


def call_idle_ms(connection: Any, method: IdleMethod) -> int | None:
    """Call ``method`` on ``connection``; its answer in milliseconds, or None on any error."""
    from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
    from jeepney.wrappers import unwrap_msg  # type: ignore[import-untyped]

    address = DBusAddress(method.object_path, bus_name=method.bus_name, interface=method.interface)
    try:
        reply = connection.send_and_get_reply(
            new_method_call(address, method.method), timeout=CALL_TIMEOUT_S
        )
        body = unwrap_msg(reply)
    except Exception as exc:  # an error reply, a timeout, or the bus went away
        log.debug("%s.%s failed: %s", method.interface, method.method, exc)
        return None
    if not body or not isinstance(body[0], int) or body[0] < 0:
        return None
    return int(body[0])


class DBusIdle(IdleSource):
    """Idle seconds from the first D-Bus idle monitor that answers (Mutter, then ScreenSaver)."""

    def __init__(
        self,
        bus_address: str | None = None,
        methods: tuple[IdleMethod, ...] = (MUTTER, SCREENSAVER),
    ) -> None:
        self.bus_address = bus_address
        self.methods = methods
        self._connection: Any | None = None
        self._method: IdleMethod | None = None
        self._failed_at: float | None = None
        self._why = "not asked yet"

    def idle_seconds(self) -> float | None:
        if self._connection is None:
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
                return None
            self._connection = open_session_bus(self.bus_address)
            if self._connection is None:
                self._why = "no session D-Bus (or jeepney is missing)"
                self._failed_at = time.monotonic()
                return None
        if self._method is not None:
            ms = call_idle_ms(self._connection, self._method)
            if ms is not None:
                return ms / 1000.0
            self._method = None
        for method in self.methods:
            ms = call_idle_ms(self._connection, method)
            if ms is not None:
                self._method = method
                self._why = ""
                return ms / 1000.0
        self._why = "no idle monitor answers on the session D-Bus"
        self.close()
        self._failed_at = time.monotonic()
        return None

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()
            self._connection = None
        self._method = None

    def describe(self) -> str:
        if self._method is not None:
            return f"D-Bus {self._method.interface}.{self._method.method}"
        return f"D-Bus idle monitors: {self._why}"
