"""The tray icon and its menu: the app's face while no window is open.

The icon says the state (off / working / on a break) with a corner badge when uploads wait or
need attention; the tooltip gives today's worked time. The menu alone reaches everything (some
hosts never pass a left click on: GNOME's AppIndicator extension opens the menu, KDE Wayland
shows no window opened from a click): today's timer, totals and upload state as greyed header
lines, the legal clock actions (now, or "…at" a picked time), Today's timer, Week…, Sync now,
Settings… and Quit. Left click opens the timer popup beside the icon. Without a system tray the
same content goes into a small normal window instead, and the app moves into the tray as soon as
a tray host appears (at login the app often starts before the panel; panels restart).

Windows are created on first use: a tray app idles with no window at all.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from clockapp.domain.clock import ClockState
from clockapp.domain.zones import local
from clockapp.ui.durations import hm, hms
from clockapp.ui.icons import IconSet
from clockapp.ui.live_clock import ClockAction, LiveClock, action_label, at_label, state_label
from clockapp.ui.qt import (
    QAction,
    QCoreApplication,
    QDBusConnection,
    QDBusServiceWatcher,
    QEvent,
    QGuiApplication,
    QIcon,
    QMenu,
    QMessageBox,
    QObject,
    QPoint,
    QRect,
    QSocketNotifier,
    QSystemTrayIcon,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from clockapp.ui.upload_status import UploadWatch

if TYPE_CHECKING:  # the windows are imported when first shown: a tray idles without them
    from datetime import date

    from clockapp.platform.tray_host_x11 import XEmbedHostWatch
    from clockapp.ui.at_time import AtTimeDialog
    from clockapp.ui.month_window import MonthWindow
    from clockapp.ui.popup import ClockWindow, TrayPopup
    from clockapp.ui.week_window import WeekWindow

log = logging.getLogger(__name__)

#: A click on the tray icon that closed the popup (Qt closes popups on outside clicks) must not
#: reopen it at once; within this many seconds the click counts as the closing one.
REOPEN_GUARD_S = 0.3

# The D-Bus name of the StatusNotifierItem tray host registry (KDE, GNOME's AppIndicator
# extension, XFCE, …); Qt uses that protocol whenever this name is on the session bus.
SNI_WATCHER = "org.kde.StatusNotifierWatcher"
# How often to look for a tray host (ms) while in the window. In the tray, hosts coming and going
# are told (the bus for StatusNotifierItem hosts, the X server for XEmbed ones); where one of the
# two can't be told, the clock's minute beat looks: no wake-ups of its own while the app idles.
HOST_POLL_WINDOW_MS = 2000
# After the X server says the XEmbed host changed, Qt is asked this much later (ms): it learns
# of the change on a connection of its own, perhaps after us.
XEMBED_SETTLE_MS = 500
# A tray host that went away must stay away this long (ms) before the window opens: a
# restarting panel comes back within seconds, and a window flashing up would only disturb.
HOST_GONE_GRACE_MS = 3000


def no_tray_reason() -> str:
    return QCoreApplication.translate(
        "ClockTray",
        "Your desktop shows no system tray (on GNOME, the AppIndicator extension adds one), "
        "so ClockApp runs in this window. Closing it quits ClockApp; your time stays recorded.",
    )


class ClockTray(QObject):
    """Owns the tray icon, its menu, the popup (or the no-tray window) and the other windows.

    ``sync`` and ``secrets`` are handed to the week window and the settings dialog; either may
    be None (no backend configured yet, or those parts not in this build). ``open_secrets`` and
    ``open_sync`` build them when the settings dialog first needs them or sets up a backend;
    ``open_ledger`` the upload service whatever is set up, for the dialog's preview.
    """

    #: The user chose Quit (or closed the no-tray window).
    quit_requested = Signal()

    def __init__(
        self,
        clock: LiveClock,
        uploads: UploadWatch,
        *,
        sync: Any = None,
        secrets: Any = None,
        open_secrets: Callable[[], Any] = lambda: None,
        open_sync: Callable[[Any], Any] = lambda secrets: None,
        open_ledger: Callable[[Any], Any] = lambda secrets: None,
        tray_available: bool | None = None,
        debug_out: TextIO | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.uploads = uploads
        self.sync = sync
        self.secrets = secrets
        self._open_secrets = open_secrets
        self._open_sync = open_sync
        self._open_ledger = open_ledger
        # None: follow the desktop (look for a tray host now and whenever one may have come
        # or gone); True/False: fixed (the tests' choice).
        self._fixed_tray = tray_available
        self._debug_out = debug_out
        self.icons = IconSet(QGuiApplication.palette())
        self._icon_key: tuple[object, ...] = ()
        self._popup: TrayPopup | None = None
        self._popup_closed_at = 0.0
        self.window: ClockWindow | None = None
        self.week_window: WeekWindow | None = None
        self.month_window: MonthWindow | None = None
        self.settings_dialog: QWidget | None = None
        self.add_time_dialog: QWidget | None = None

        self.menu = QMenu()
        self.menu.setObjectName("ClockTrayMenu")
        # Greyed lines that say where the day stands: the menu is all some hosts ever show.
        self.header_actions = [self.menu.addAction("") for _ in range(3)]
        for header in self.header_actions:
            header.setEnabled(False)
        self.menu.aboutToShow.connect(self._update_header)
        self.menu.addSeparator()
        self.clock_actions: dict[ClockAction, QAction] = {}
        for action in ClockAction:
            entry = self.menu.addAction(action_label(action))
            entry.triggered.connect(lambda _=False, a=action: self.clock.act(a))
            self.clock_actions[action] = entry
        # The same, at a time picked in a small dialog: only those that fit the state show.
        self.at_actions: dict[ClockAction, QAction] = {}
        for action in ClockAction:
            entry = self.menu.addAction(at_label(action))
            entry.triggered.connect(lambda _=False, a=action: self.ask_time(a))
            self.at_actions[action] = entry
        self.time_dialog: AtTimeDialog | None = None
        self.menu.addSeparator()
        self.timer_action = self.menu.addAction(self.tr("Today's &timer"))
        self.timer_action.triggered.connect(self.show_popup)
        self.week_action = self.menu.addAction(self.tr("&Week…"))
        self.week_action.triggered.connect(self.open_week)
        self.month_action = self.menu.addAction(self.tr("&Month…"))
        self.month_action.triggered.connect(lambda: self.open_month())
        self.add_time_action = self.menu.addAction(self.tr("&Add forgotten time…"))
        self.add_time_action.triggered.connect(self.add_forgotten_time)
        self.discard_action = self.menu.addAction(self.tr("&Discard this session…"))
        self.discard_action.triggered.connect(self.ask_discard)
        self.discard_question: QMessageBox | None = None
        self.sync_action = self.menu.addAction(self.tr("&Sync now"))
        self.sync_action.triggered.connect(self.sync_now)
        self.settings_action = self.menu.addAction(self.tr("Se&ttings…"))
        self.settings_action.triggered.connect(self.open_settings)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("&Quit"))
        self.quit_action.triggered.connect(self._confirm_quit)
        if debug_out is not None:
            self.menu.aboutToShow.connect(lambda: QTimer.singleShot(150, self._report_menu))

        self.tray: QSystemTrayIcon | None = None
        self._host_poll = QTimer(self)
        self._host_poll.timeout.connect(self._check_host)
        self._host_gone = QTimer(self)
        self._host_gone.setSingleShot(True)
        self._host_gone.setInterval(HOST_GONE_GRACE_MS)
        self._host_gone.timeout.connect(self._on_host_gone_for_good)
        self._sni_watch: Any = None
        self._xembed_watch: XEmbedHostWatch | None = None
        self._xembed_changed = QTimer(self)
        self._xembed_changed.setSingleShot(True)
        self._xembed_changed.setInterval(XEMBED_SETTLE_MS)
        self._xembed_changed.timeout.connect(self._check_host)
        if tray_available:
            self.tray = self._make_tray()

        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_palette_changed)
        clock.changed.connect(self._update)
        clock.refused.connect(self._on_refused)
        uploads.changed.connect(self._update)
        uploads.notify.connect(self.notify)
        self._update()
        self._update_header()

    # -- showing ----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the tray icon, or the no-tray window (saying why) while no tray host is there."""
        if self._fixed_tray is not None:
            self._use_tray(self._fixed_tray)
            return
        self._watch_sni_hosts()
        xcb = QGuiApplication.platformName() == "xcb"
        if xcb:
            self._watch_xembed_hosts()
        # Asking Qt costs a dozen wake-ups where a session bus runs: only where not told.
        if self._sni_watch is None or (xcb and self._xembed_watch is None):
            self.clock.minute.connect(self._check_host)
        self._use_tray(self.tray_host_present())

    @property
    def tray_available(self) -> bool:
        """Whether the app is in the tray now (False: in the no-tray window)."""
        return self.tray is not None

    def tray_host_present(self) -> bool:
        """Whether the desktop has a tray host now (Qt asks again on every call)."""
        if self._fixed_tray is not None:
            return self._fixed_tray
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _watch_sni_hosts(self) -> None:
        # A StatusNotifierItem host coming or going is told at once on the session bus.
        if QDBusServiceWatcher is None or QDBusConnection is None:
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        modes = QDBusServiceWatcher.WatchModeFlag
        self._sni_watch = QDBusServiceWatcher(
            SNI_WATCHER, bus, modes.WatchForRegistration | modes.WatchForUnregistration, self
        )
        # (Qt itself registers a shown icon again with a host that restarted.)
        self._sni_watch.serviceRegistered.connect(lambda _name: self._check_host())
        self._sni_watch.serviceUnregistered.connect(lambda _name: self._check_host())

    def _watch_xembed_hosts(self) -> None:
        # An XEmbed host coming or going (trayer, older panels) is told by the X server.
        from clockapp.platform.tray_host_x11 import XEmbedHostWatch

        watch = XEmbedHostWatch.open(os.environ.get("DISPLAY"))
        if watch is None:
            return
        self._xembed_watch = watch
        notifier = QSocketNotifier(watch.fd, QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._on_xembed_event)
        self.destroyed.connect(watch.close)

    def _on_xembed_event(self) -> None:
        if self._xembed_watch is not None and self._xembed_watch.changes():
            self._xembed_changed.start()  # again on each: a burst is one look

    def _check_host(self) -> None:
        """Move into the tray when a host has come; start the grace period when it has gone."""
        if self.tray_host_present():
            self._host_gone.stop()
            if self.tray is None:
                self._use_tray(True)
        elif self.tray is not None and not self._host_gone.isActive():
            self._host_gone.start()

    def _on_host_gone_for_good(self) -> None:
        if self.tray is not None and not self.tray_host_present():
            log.warning("the system tray has gone: ClockApp shows its window")
            self._use_tray(False)

    def _make_tray(self) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(self)
        tray.setContextMenu(self.menu)
        tray.activated.connect(self._on_activated)
        tray.setIcon(self._current_icon())
        tray.setToolTip(self.tooltip())
        return tray

    def _use_tray(self, in_tray: bool) -> None:
        if in_tray:
            if self.tray is None:
                self.tray = self._make_tray()
            self.tray.show()
            if self.window is not None:
                # hide(), not close(): closing the window means Quit.
                self.window.hide()
                self.window.deleteLater()
                self.window = None
                log.info("a system tray has appeared: ClockApp moved into it")
            self._host_poll.stop()
            if self._debug_out is not None:
                self._report_tray(tries=150)
            return
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
        if self._fixed_tray is None:
            self._host_poll.start(HOST_POLL_WINDOW_MS)
        if self.window is not None:
            return
        from clockapp.ui.popup import ClockWindow

        reason = no_tray_reason()
        log.warning("no system tray: %s", reason)
        self.window = ClockWindow(self.clock, self.uploads, self.menu, reason)
        self.window.setWindowIcon(self._current_icon())
        self.window.closed.connect(self.quit_requested)
        self.window.show()
        self._emit("window", rect=_rect(self.window.frameGeometry()))

    def _confirm_quit(self) -> None:
        from clockapp.ui.popup import confirm_quit

        confirm_quit(self.clock, self.quit_requested.emit)

    @property
    def popup(self) -> TrayPopup | None:
        """The timer popup, once it has been opened (None before: created lazily)."""
        return self._popup

    def show_popup(self) -> None:
        """Open today's timer: the popup by the tray icon, or raise the no-tray window."""
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
            return
        if self._popup is None:
            from clockapp.ui.popup import TrayPopup

            self._popup = TrayPopup(self.clock, self.uploads)
            if QGuiApplication.platformName().startswith("wayland"):
                # Wayland shows a popup only over a window that had the user's input, and lets
                # no client place a window: there the popup is a small normal window.
                self._popup.setWindowFlags(Qt.WindowType.Window)
            self._popup.setWindowIcon(self._current_icon())
            self._popup.panel.time_requested.connect(self.ask_time)
            self._popup.panel.discard_requested.connect(self.ask_discard)
            self._popup.installEventFilter(self)
        anchor = self.tray.geometry() if self.tray is not None else QRect()
        self._popup.show_near(anchor)
        if self._debug_out is not None:
            QTimer.singleShot(150, self._report_popup)

    def show_window(self, name: str) -> None:
        """Open the window another start asked for: "popup", "week", "month" or "settings"."""
        openers = {"week": self.open_week, "month": self.open_month, "settings": self.open_settings}
        openers.get(name, self.show_popup)()
        if self._debug_out is not None:
            QTimer.singleShot(150, lambda: self._report_shown(name))

    def toggle_popup(self) -> None:
        if self._popup is not None and self._popup.isVisible():
            self._popup.hide()
        elif time.monotonic() - self._popup_closed_at > REOPEN_GUARD_S:
            self.show_popup()

    def _remember_close(self) -> None:
        self._popup_closed_at = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._popup and event.type() == QEvent.Type.Hide:
            self._remember_close()
        return False

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_popup()

    # -- the other windows (written elsewhere, imported when first asked for) ----------------

    def open_week(self) -> None:
        if self.week_window is None:
            from clockapp.ui.week_window import WeekWindow  # loaded when first asked for

            self.week_window = WeekWindow(self.clock.service, self.sync, uploads=self.uploads)
            # Released when closed: a tray app keeps no window it isn't showing.
            self.week_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.week_window.destroyed.connect(self._forget_week)
            self.week_window.month_wanted.connect(self.open_month)
        else:
            self.week_window.sync = self.sync  # uploads may have been set up since
        self._raise(self.week_window)

    def _forget_week(self) -> None:
        self.week_window = None

    def open_month(self, of: date | None = None) -> None:
        """The month window, on the month holding ``of`` (default: this month, or the one it
        shows already)."""
        if self.month_window is None:
            from clockapp.services.account import AccountService
            from clockapp.ui.month_window import MonthWindow  # loaded when first asked for

            self.month_window = MonthWindow(AccountService(self.clock.service), of)
            # Released when closed: a tray app keeps no window it isn't showing.
            self.month_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.month_window.destroyed.connect(self._forget_month)
            # A clock action taken here (or the minute) changes today's numbers.
            self.clock.changed.connect(self.month_window.refresh_if_shown)
        elif of is not None:
            self.month_window.show_month(of)
        self._raise(self.month_window)

    def _forget_month(self) -> None:
        self.month_window = None

    def add_forgotten_time(self) -> None:
        """The edit dialog, adding a finished session (today by default)."""
        from clockapp.ui.edit_dialog import EditDialog

        dialog = EditDialog(self.clock.service, None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.week_window is not None:
            dialog.accepted.connect(self.week_window.refresh)
        self.add_time_dialog = dialog
        self._raise(dialog)

    def ask_time(self, action: ClockAction) -> None:
        """The time picker for ``action`` ("Clock in at…"): one at a time, the latest asked."""
        from clockapp.ui.at_time import AtTimeDialog

        if self.time_dialog is not None:
            self.time_dialog.close()
        dialog = AtTimeDialog(self.clock, action)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget_time_dialog(dialog))
        self.time_dialog = dialog
        if self._popup is not None:
            self._popup.hide()  # the dialog takes over from the popup it was asked from
        dialog.open()  # never exec(): no nested event loop under qasync

    def _forget_time_dialog(self, dialog: AtTimeDialog) -> None:
        if self.time_dialog is dialog:
            self.time_dialog = None

    def ask_discard(self) -> None:
        """After a confirmation, throw away the running session (an accidental clock-in)."""
        session = self.clock.status.session
        if session is None or self.discard_question is not None:
            return
        question = self.tr(
            "The session begun at {time} will be removed as if you had never clocked in; "
            "only its history keeps a note of it."
        ).format(time=f"{local(session.start, self.clock.service.zone_name):%H:%M}")
        # On a day a manager has confirmed, this one question also says they will see it.
        confirmed = self.clock.service.confirmed_day(session)
        if confirmed is not None:
            question += "\n\n" + self.tr(
                "A manager has confirmed this day; they will see the removal as a change."
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard this session?"),
            question,
            QMessageBox.StandardButton.NoButton,
        )
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.discard_question = box

        def answered() -> None:
            self.discard_question = None
            if box.clickedButton() is discard:
                self.clock.discard(change_confirmed=confirmed is not None)

        box.finished.connect(answered)
        box.open()  # never exec(): no nested event loop under qasync

    def open_settings(self) -> None:
        if self.settings_dialog is not None:
            self._raise(self.settings_dialog)
            return
        from clockapp.ui.settings_dialog import SettingsDialog  # loaded when first asked for

        if self.secrets is None:
            self.secrets = self._open_secrets()
        # What an account typed in would receive: the upload ledger's preview, also before
        # any backend is set up.
        ledger = self._open_ledger(self.secrets)
        preview = ledger.preview if ledger is not None else None
        settings = self.clock.service.editable_settings()
        dialog = SettingsDialog(settings, self.secrets, preview=preview)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_settings_saved)
        dialog.destroyed.connect(self._forget_settings)
        self.settings_dialog = dialog
        # open(), never exec(): a nested event loop would stall the asyncio tasks on qasync.
        dialog.open()

    def _forget_settings(self) -> None:
        self.settings_dialog = None

    def _on_settings_saved(self) -> None:
        if self.uploads.sync is None:
            # A backend may have just been chosen: uploads start now, not at the next login.
            self.sync = self._open_sync(self.secrets)
            if self.sync is not None:
                self.uploads.sync = self.sync
                self.uploads.start()
            self.clock.refresh()  # new targets change today's numbers
            return
        # New credentials may lift a pause.
        if hasattr(self.sync, "credentials_changed"):
            self.sync.credentials_changed()
        self.uploads.refresh()
        self.clock.refresh()
        self.uploads.sync_now()

    @staticmethod
    def _raise(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def sync_now(self) -> None:
        if self.uploads.sync is None or not self.uploads.summary.configured:
            self.notify(
                self.tr("Sync now"),
                self.tr("Uploads are not set up; choose your HR system in Settings…."),
            )
            return
        self.uploads.sync_now(asked=True)

    # -- telling the user -------------------------------------------------------------------

    def notify(self, title: str, text: str) -> None:
        """A message the user must see: a tray balloon, or the window's message line."""
        if self.tray is not None and self.tray.isVisible() and self.tray.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)
        elif self.window is not None:
            self.window.panel.show_message(text)
        elif self._popup is not None:
            self._popup.panel.show_message(text)
        log.info("%s: %s", title, text)

    def _on_refused(self, text: str) -> None:
        # The panel shows it when open; otherwise the action came from the menu: tell it there.
        shown = (self._popup is not None and self._popup.isVisible()) or self.window is not None
        if not shown:
            self.notify(self.tr("ClockApp"), text)

    def _current_icon(self) -> QIcon:
        return self.icons.icon(self.clock.state, self.uploads.summary.badge)

    def _update(self) -> None:
        legal = self.clock.legal_actions()
        for action, entry in self.clock_actions.items():
            entry.setEnabled(action in legal)
        for action, entry in self.at_actions.items():
            entry.setVisible(action in legal)
        self.sync_action.setEnabled(self.uploads.summary.configured)
        self.discard_action.setEnabled(self.clock.state is not ClockState.OFF)
        key = (self.clock.state, self.uploads.summary.badge)
        if key != self._icon_key:
            self._icon_key = key
            icon = self._current_icon()
            if self.tray is not None:
                self.tray.setIcon(icon)
            for window in (self.window, self._popup):
                if window is not None:
                    window.setWindowIcon(icon)
        if self.tray is not None:
            self.tray.setToolTip(self.tooltip())

    def _update_header(self) -> None:
        """The menu's greyed header lines; set as the menu opens (a closed menu needs none)."""
        status = self.clock.status
        now = self.clock.now()
        state_line = state_label(status.state)
        if status.state is not ClockState.OFF and status.session is not None:
            since = local(status.session.start, self.clock.service.zone_name)
            state_line = self.tr("{state} since {time} · {timer}").format(
                state=state_label(status.state),
                time=since.strftime("%H:%M"),
                timer=hms(self.clock.session_seconds(now)),
            )
        today = QCoreApplication.translate(
            "ClockPanel", "Today: {worked} worked · {pause} break"
        ).format(
            worked=hm(self.clock.worked_today_seconds(now)),
            pause=hm(self.clock.break_today_seconds(now)),
        )
        lines = (state_line, today, self.uploads.summary.text())
        for header, line in zip(self.header_actions, lines, strict=True):
            # '&' would be read as a mnemonic marker.
            header.setText(line.replace("&", "&&"))

    def tooltip(self) -> str:
        """Today's worked time and where the clock stands, for hovering over the icon."""
        status = self.clock.status
        now = self.clock.now()
        lines = [self.tr("ClockApp — {state}").format(state=state_label(status.state))]
        if status.state is not ClockState.OFF and status.session is not None:
            since = local(status.session.start, self.clock.service.zone_name)
            lines[0] = self.tr("ClockApp — {state} (in since {time})").format(
                state=state_label(status.state), time=since.strftime("%H:%M")
            )
        worked = hm(self.clock.worked_today_seconds(now))
        lines.append(self.tr("Today: {worked} worked").format(worked=worked))
        lines.append(self.uploads.summary.text())
        return "\n".join(lines)

    def _on_palette_changed(self) -> None:
        self.icons = IconSet(QGuiApplication.palette())
        self._icon_key = ()
        self._update()

    # -- a machine-readable trace for the end-to-end test and the benchmark -------------------

    def _emit(self, event: str, **fields: Any) -> None:
        if self._debug_out is None:
            return
        self._debug_out.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")
        self._debug_out.flush()

    def _report_tray(self, tries: int, last: QRect | None = None, steady: int = 0) -> None:
        # The tray host embeds the icon asynchronously: report once its place on screen has
        # held still for a few polls (before embedding Qt reports a made-up rect at 0,0).
        assert self.tray is not None
        rect = self.tray.geometry()
        steady = steady + 1 if rect == last else 0
        placed = rect.isValid() and not rect.isEmpty() and rect.topLeft() != QPoint(0, 0)
        if (placed and steady >= 3) or tries <= 0:
            self._emit("tray", rect=_rect(rect) if placed else None)
        else:
            QTimer.singleShot(20, lambda: self._report_tray(tries - 1, rect, steady))

    def _report_popup(self) -> None:
        popup = self._popup
        if popup is None or not popup.isVisible():
            return
        panel = popup.panel
        buttons = {
            "primary": panel.primary_button,
            "clock_out": panel.clock_out_button,
        }
        self._emit(
            "popup",
            rect=_rect(popup.frameGeometry()),
            buttons={
                name: _rect(QRect(b.mapToGlobal(b.rect().topLeft()), b.size()))
                for name, b in buttons.items()
                if b.isVisible()
            },
            timer=panel.timer_label.text(),
        )

    def _report_shown(self, name: str) -> None:
        windows = {
            "popup": self.window or self._popup,
            "week": self.week_window,
            "month": self.month_window,
        }
        window = windows.get(name, self.settings_dialog)
        self._emit("shown", window=name, visible=window is not None and window.isVisible())

    def _report_menu(self) -> None:
        if not self.menu.isVisible():
            return
        entries = {}
        for entry in self.menu.actions():
            if entry.isSeparator() or not entry.isVisible():
                continue
            geometry = self.menu.actionGeometry(entry)
            topleft = self.menu.mapToGlobal(geometry.topLeft())
            entries[entry.text().replace("&", "")] = {
                "rect": _rect(QRect(topleft, geometry.size())),
                "enabled": entry.isEnabled(),
            }
        self._emit("menu", rect=_rect(self.menu.geometry()), entries=entries)


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]
