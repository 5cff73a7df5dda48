"""An XEmbed tray host coming or going on an X11 desktop, told by the X server itself.

A host owns the ``_NET_SYSTEM_TRAY_S<screen>`` selection (the freedesktop.org system tray
spec). The XFixes extension reports every change of that selection's owner to a connection that
asks; the tray reads the connection when its socket has data, so nothing has to poll (asking Qt
whether there is a tray costs a dozen wake-ups where a session bus runs). libX11 and libXfixes
are loaded with ctypes, on a connection of our own. No ``DISPLAY``, no library or no extension
means "unavailable" (None from :meth:`XEmbedHostWatch.open`), never an error.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

# XFixesSelectSelectionInput's mask: a new owner, the owner's window destroyed, its client gone.
SELECTION_EVENTS = (1 << 0) | (1 << 1) | (1 << 2)


class XEmbedHostWatch:
    """A connection to the X display that receives an event whenever the screen's tray
    selection changes owner. Watch :attr:`fd` for reading; then :meth:`changes` drains it."""

    def __init__(self, x11: ctypes.CDLL, display: int) -> None:
        self._x11 = x11
        self._display: int | None = display
        self._event = (ctypes.c_long * 24)()  # an XEvent: a union of at most 24 longs
        self.fd: int = x11.XConnectionNumber(display)

    @classmethod
    def open(cls, display_name: str | None) -> XEmbedHostWatch | None:
        """The watch on ``display_name``, or None where it can't be had."""
        if not display_name:
            return None
        try:
            x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            xfixes = ctypes.CDLL(ctypes.util.find_library("Xfixes") or "libXfixes.so.3")
        except OSError as exc:
            log.debug("libX11 or libXfixes not loadable: %s", exc)
            return None
        _declare(x11, xfixes)
        display = x11.XOpenDisplay(display_name.encode())
        if not display:
            return None
        base, error = ctypes.c_int(), ctypes.c_int()
        major, minor = ctypes.c_int(5), ctypes.c_int(0)
        if not (
            xfixes.XFixesQueryExtension(display, ctypes.byref(base), ctypes.byref(error))
            and xfixes.XFixesQueryVersion(display, ctypes.byref(major), ctypes.byref(minor))
        ):
            x11.XCloseDisplay(display)
            return None
        screen = x11.XDefaultScreen(display)
        selection = x11.XInternAtom(display, f"_NET_SYSTEM_TRAY_S{screen}".encode(), False)
        root = x11.XRootWindow(display, screen)
        xfixes.XFixesSelectSelectionInput(display, root, selection, SELECTION_EVENTS)
        x11.XFlush(display)
        return cls(x11, display)

    def changes(self) -> int:
        """How many events arrived since last asked (read off the connection)."""
        if self._display is None:
            return 0
        count = 0
        while self._x11.XPending(self._display):
            self._x11.XNextEvent(self._display, ctypes.byref(self._event))
            count += 1
        return count

    def close(self) -> None:
        if self._display is not None:
            self._x11.XCloseDisplay(self._display)
            self._display = None


def _declare(x11: ctypes.CDLL, xfixes: ctypes.CDLL) -> None:
    """The prototypes this module calls (pointers and XIDs are 64-bit: not ctypes' int)."""
    pointer, xid, integer = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int
    int_ref = ctypes.POINTER(ctypes.c_int)
    prototypes = {
        (x11, "XOpenDisplay"): (pointer, [ctypes.c_char_p]),
        (x11, "XCloseDisplay"): (integer, [pointer]),
        (x11, "XConnectionNumber"): (integer, [pointer]),
        (x11, "XDefaultScreen"): (integer, [pointer]),
        (x11, "XRootWindow"): (xid, [pointer, integer]),
        (x11, "XInternAtom"): (xid, [pointer, ctypes.c_char_p, integer]),
        (x11, "XFlush"): (integer, [pointer]),
        (x11, "XPending"): (integer, [pointer]),
        (x11, "XNextEvent"): (integer, [pointer, pointer]),
        (xfixes, "XFixesQueryExtension"): (integer, [pointer, int_ref, int_ref]),
        (xfixes, "XFixesQueryVersion"): (integer, [pointer, int_ref, int_ref]),
        (xfixes, "XFixesSelectSelectionInput"): (None, [pointer, xid, xid, ctypes.c_ulong]),
    }
    for (library, name), (restype, argtypes) in prototypes.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
