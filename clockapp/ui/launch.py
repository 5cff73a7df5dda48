"""Starting the tray app from a command (``clockapp``, ``clockapp show week``): only where there
is a graphical session, which Qt needs (it aborts without one).
"""

from __future__ import annotations

import os
import sys

NO_GRAPHICAL_SESSION = "No graphical session found; the command line works: clockapp --help"


def has_graphical_session() -> bool:
    """False where Qt would abort for want of a display (a Linux console, ssh without -X).

    A QT_QPA_PLATFORM the user set (offscreen, vnc, eglfs) is theirs to try.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def start_tray(show: str | None = None) -> int:
    """Run the tray app (``show``: a window to open at once); 1 without a graphical session."""
    if not has_graphical_session():
        print(f"clockapp: {NO_GRAPHICAL_SESSION}", file=sys.stderr)
        return 1
    # Imported here so the clock commands start without loading Qt.
    from clockapp.ui.app import run_tray_app

    return run_tray_app(sys.argv[:1], show=show)
