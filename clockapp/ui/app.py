"""The tray app's composition root: QApplication, the qasync loop, and the wiring.

``clockapp`` with no command lands here (see ``clockapp.cli``). Everything is built once in
:func:`run_tray_app` and handed down; there are no module-level singletons to patch in tests.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clockapp.domain.errors import UserError
from clockapp.platform.idle import for_this_os as idle_for_this_os
from clockapp.services.clock import ClockService
from clockapp.services.root import Services
from clockapp.settings import data_dir
from clockapp.ui.i18n import explain, install_translations, ui_language
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.qt import (
    QApplication,
    QCoreApplication,
    QMessageBox,
    QPixmapCache,
    QSocketNotifier,
    QTimer,
)
from clockapp.ui.single_instance import SingleInstance
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch

if TYPE_CHECKING:
    from clockapp.secrets import SecretStore
    from clockapp.ui.event_loop import QEventLoop
    from clockapp.ui.presence import PresenceController

log = logging.getLogger(__name__)

#: Set to 1 to print JSON lines about the tray, popup and menu geometry on stdout (the
#: end-to-end test clicks by them; the benchmark times the first one).
DEBUG_VARIABLE = "CLOCKAPP_DEBUG_TRAY"

#: What only matters once the icon is there (the minute beat and the store watch, asyncio, the
#: idle watch, focus frames, answering a second start) begins this long after the tray shows
#: (milliseconds): the icon comes first.
SETTLE_AFTER_MS = 1000

#: The upload stack (keyring, httpx, TLS) loads this long after the tray shows (milliseconds):
#: the icon is there first, uploads follow a moment later.
UPLOADS_AFTER_MS = 3000

#: When to give back what starting left behind (milliseconds): after the first upload.
RELEASE_AFTER_START_MS = 30_000

#: How often the presence watch looks at idle time (seconds): on the live clock's minute beat.
PRESENCE_POLL_S = 60

# httpx imports its command line (click, rich, pygments: ~10 MiB) when they are installed; the
# app never uses it, and without it httpx falls back to a stub.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def run_tray_app(argv: Sequence[str], show: str | None = None) -> int:
    """Run the tray app until the user quits; the process exit status.

    ``show`` names a window to open at once ("popup", "week", "month", "settings";
    ``clockapp show``).
    A second start hands over to the running app (which opens that window, or its popup) and
    returns 0.
    """
    logging.basicConfig(level=logging.WARNING, format="clockapp: %(message)s")
    debug_out = sys.stdout if os.environ.get(DEBUG_VARIABLE) == "1" else None
    # argv[0] names the app to the window system (X11 WM_CLASS), whatever started us.
    app = QApplication.instance() or QApplication(["clockapp", *list(argv)[1:]])
    assert isinstance(app, QApplication)
    app.setApplicationName("ClockApp")
    app.setApplicationDisplayName("ClockApp")
    app.setDesktopFileName("clockapp")
    # The app lives in the tray: closing the popup or the week window must not end it.
    app.setQuitOnLastWindowClosed(False)
    translators = install_translations(app)  # noqa: F841 - they must live as long as the app

    instance = SingleInstance(data_dir())
    if not instance.acquire():
        if instance.activate_running(show or "popup"):
            print(
                QCoreApplication.translate("App", "ClockApp is already running; showing it."),
                file=sys.stderr,
            )
            return 0
        print(
            QCoreApplication.translate(
                "App", "ClockApp is already running but does not answer; try again in a moment."
            ),
            file=sys.stderr,
        )
        return 1

    try:
        services = Services.open_default(language=ui_language())
    except UserError as exc:  # the store or the settings can't be used
        instance.release()
        QMessageBox.critical(None, "ClockApp", explain(exc))  # before the loop runs: no nesting
        return 1

    service = services.clock
    clock = LiveClock(service)
    uploads = UploadWatch(None)
    tray = ClockTray(
        clock,
        uploads,
        open_secrets=open_secrets,
        open_sync=lambda secrets: open_sync(services, secrets),
        open_ledger=services.sync,
        debug_out=debug_out,
    )
    clock.minute.connect(uploads.look)  # a change to upload made elsewhere: due when?
    tray.quit_requested.connect(app.quit)
    # Closed windows are deleted a moment later; then give their memory back.
    app.lastWindowClosed.connect(lambda: QTimer.singleShot(1000, release_memory))
    instance.activated.connect(tray.show_window)
    clock.clocked_out.connect(lambda: upload_after_grace(service, uploads))

    presence: list[PresenceController] = []  # the idle watch, once it has started
    running: list[QEventLoop] = []  # the asyncio loop on Qt's, once something needs it

    def start_asyncio() -> None:
        # asyncio and qasync (~50 ms) load after the icon shows: only uploads, the settings'
        # connection test and the week's remote entries need them, all after settle().
        if running:
            return
        import asyncio

        from clockapp.ui.event_loop import QEventLoop

        loop = QEventLoop(app, already_running=True)  # runs on the app.exec() below
        asyncio.set_event_loop(loop)
        running.append(loop)

    def settle() -> None:
        # Not before the icon shows: asyncio, these modules, QtNetwork and Qt's enums cost the
        # start ~130 ms.
        from clockapp.ui.focus import install_focus_frames
        from clockapp.ui.presence import PresenceController

        clock.start()
        start_asyncio()
        install_focus_frames(app)  # keyboard focus on combo and spin boxes that can be seen
        instance.listen()  # a second start waits for this (SingleInstance.activate_running)
        watch = PresenceController(
            clock,
            services.presence(poll_interval_seconds=PRESENCE_POLL_S),
            idle_for_this_os(),
            tray.notify,
            parent=app,
            poll_interval_ms=None,
        )
        clock.minute.connect(watch.poll)
        watch.recorded.connect(clock.refresh)
        presence.append(watch)
        watch.start()  # may ask about a session the last run left open
        prepare_holidays(services)

    def start_uploads() -> None:
        # The upload stack (keyring, httpx, TLS) costs ~20 MiB and a few hundred ms: loaded
        # only when a backend is set, and after the tray shows. Settings may have set it up.
        if uploads.sync is None and services.backend_configured():
            tray.secrets = tray.secrets or open_secrets()
            tray.sync = open_sync(services, tray.secrets)
            uploads.sync = tray.sync
        start_asyncio()
        uploads.start()  # needs the running loop for its first run

    # A polite kill (logout, systemd, the tests) quits like the menu's Quit: the store closes
    # cleanly. With no timer ticking, the signal must wake the event loop itself.
    wakeup = QuitOnSigterm(app)

    def start() -> None:
        tray.start()
        uploads.refresh()
        if show is not None:  # asked for a window: it comes as it would later
            settle()
            tray.show_window(show)
        else:
            QTimer.singleShot(SETTLE_AFTER_MS, settle)
        QTimer.singleShot(UPLOADS_AFTER_MS, start_uploads)
        # The tray is drawn and the first upload done: what starting left goes.
        QTimer.singleShot(RELEASE_AFTER_START_MS, release_memory)
        if notices := service.notices():  # one balloon: a second would replace the first
            tray.notify("ClockApp", "\n".join(map(explain, notices)))

    try:
        QTimer.singleShot(0, start)
        app.exec()
        uploads.stop()
        for loop in running:
            loop.stop()  # it ran on the app.exec() that just ended
            if uploads.running:
                # Let a cancelled upload release its claim before the loop closes.
                loop.run_until_complete(uploads.wait_idle())
            loop.close()
    finally:
        wakeup.close()
        for watch in presence:
            watch.stop()  # the heartbeat: the next start knows when they were last seen
        clock.stop()
        services.close()
        instance.release()
    return 0


class QuitOnSigterm:
    """SIGTERM quits the app until :meth:`close`. Python runs a signal handler only when the
    interpreter runs, and an idle Qt loop runs none: the signal's wake-up byte on a socket pair
    wakes the loop, and the handler runs as the notifier's slot returns."""

    def __init__(self, app: QApplication) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = signal.signal(signal.SIGTERM, lambda *_: app.quit())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):  # already drained
            self._read.recv(64)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        if self._previous is not None:  # None: not set from Python, nothing to restore
            signal.signal(signal.SIGTERM, self._previous)
        self._read.close()
        self._write.close()


def release_memory() -> None:
    """Free what closed windows left behind and hand the free heap back to the system (glibc
    keeps it otherwise: ~5 MiB after the week window and settings).

    Qt's pixmap cache goes too: while it holds anything (the tray icon's rendering, a window's
    style pixmaps) its flush timer wakes the process every 30 s; what is needed is drawn again.
    """
    QPixmapCache.clear()
    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes  # only here: the tray needs it for nothing else

        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl): nothing to trim
            ctypes.CDLL(None).malloc_trim(0)


def prepare_holidays(services: Services) -> None:
    """Have the public holiday calendars the week, the month and the balance count computed
    now, by a helper process in a thread: no window waits for them, and the ``holidays``
    package (~14 MiB) stays out of the tray."""
    from clockapp.services import holidays

    holidays.compute_in_helper()
    account = services.account
    try:
        region, years = account.region, account.calendar_years()
    except UserError as exc:  # the store can't be read now: a window computes them later
        log.warning("holiday calendars not prepared: %s", exc)
        return
    if region == holidays.NO_REGION:
        return

    def prepare() -> None:
        try:
            holidays.prepare(region, years)
        except Exception as exc:  # a window computes them when it needs them
            log.warning("holiday calendars not prepared: %s", exc)

    # Daemon: a helper still running at quit just finishes on its own.
    threading.Thread(target=prepare, name="holiday calendars", daemon=True).start()


def open_secrets() -> SecretStore:
    """The keyring's secrets, asked in a helper process: its libraries stay out of the tray."""
    from clockapp.secrets import SecretStore

    return SecretStore(in_helper=True)


def open_sync(services: Services, secrets: Any) -> Any:
    """The upload service, or None when this build lacks it or no backend is configured.

    Built here, not in the UI classes, so tests hand in fakes. A failure must not keep the clock
    from starting: clocking works offline and uploads catch up later.
    """
    if secrets is None or not services.backend_configured():
        return None
    try:
        return services.sync(secrets)
    except ImportError as exc:
        log.info("uploads are not available in this build: %s", exc)
        return None
    except Exception as exc:
        log.warning("uploads are off for this run: %s", exc)
        return None


def upload_after_grace(service: ClockService, uploads: UploadWatch) -> None:
    """Upload a session just ended once its grace period (``upload_grace_minutes``) is over,
    so an undo or a quick correction inside it reaches the server as one create."""
    minutes = service.setting("upload_grace_minutes")
    delay_ms = (int(minutes) * 60 + 5) * 1000 if isinstance(minutes, int) and minutes > 0 else 0
    QTimer.singleShot(delay_ms, lambda: uploads.sync_now())
