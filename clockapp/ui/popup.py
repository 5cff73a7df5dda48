"""The timer popup by the tray icon, and the small window used when there is no tray.

Both show one :class:`ClockPanel`: the state, a big ``HH:MM:SS`` of the running session's work,
the break's timer while on a break, today's totals, the one primary action, Clock out while
clocked in, and the upload status line. The panel ticks once a second only while it is visible;
hidden, it costs nothing (the tray's tooltip keeps to one update a minute).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

from clockapp.domain.clock import ClockState
from clockapp.domain.errors import UserError
from clockapp.services.account import AccountService
from clockapp.settings import SettingsError
from clockapp.ui.durations import hm, hms, signed
from clockapp.ui.live_clock import (
    PRIMARY_ACTION,
    ClockAction,
    LiveClock,
    action_label,
    at_label,
    ms_to_next_boundary,
    state_label,
)
from clockapp.ui.qt import (
    QAction,
    QCloseEvent,
    QCoreApplication,
    QCursor,
    QFont,
    QFrame,
    QGuiApplication,
    QHBoxLayout,
    QHideEvent,
    QKeyEvent,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QRect,
    QShowEvent,
    QSize,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from clockapp.ui.screen_fit import fit_to_screen
from clockapp.ui.upload_status import UploadWatch

log = logging.getLogger(__name__)

#: Space between the tray icon and the popup, in device-independent pixels.
GAP = 6


class ClockPanel(QWidget):
    """The timers, totals, actions and upload line; reused by the popup and the window."""

    # The user asked to back-date a clock action ("Clock in at…"), or to discard the running
    # session: the tray opens the picker, or asks for a confirmation.
    time_requested = Signal(object)
    discard_requested = Signal()

    def __init__(
        self, clock: LiveClock, uploads: UploadWatch, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.uploads = uploads
        self._message = ""

        self.state_label = QLabel(self)
        self.state_label.setObjectName("state")
        self.timer_label = QLabel("00:00:00", self)
        self.timer_label.setObjectName("timer")
        big = QFont(self.timer_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.6)
        big.setBold(True)
        big.setStyleHint(QFont.StyleHint.Monospace)
        self.timer_label.setFont(big)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setAccessibleName(self.tr("Time worked in this session"))
        self.break_label = QLabel(self)
        self.break_label.setObjectName("break")
        self.break_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.today_label = QLabel(self)
        self.today_label.setObjectName("today")
        self.today_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("balance")
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.primary_button = QPushButton(self)
        self.primary_button.setObjectName("primary")
        self.primary_button.setDefault(True)
        self.primary_button.setMinimumHeight(36)
        self.primary_button.clicked.connect(self._on_primary)
        self.clock_out_button = QPushButton(action_label(ClockAction.CLOCK_OUT), self)
        self.clock_out_button.setObjectName("clock_out")
        self.clock_out_button.setMinimumHeight(36)
        self.clock_out_button.clicked.connect(lambda: self.clock.act(ClockAction.CLOCK_OUT))
        # Offered for a minute after a clock action taken here: a mis-click is taken back.
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.undo_button.setObjectName("undo")
        self.undo_button.setAccessibleName(self.tr("Undo the last clock action"))
        self.undo_button.clicked.connect(self._on_undo)
        # The rarer actions behind one small button: the "…at" pickers and Discard.
        self.more_menu = QMenu(self)
        self.at_actions: dict[ClockAction, QAction] = {}
        for action in ClockAction:
            entry = self.more_menu.addAction(at_label(action))
            entry.triggered.connect(lambda _=False, a=action: self.time_requested.emit(a))
            self.at_actions[action] = entry
        self.more_menu.addSeparator()
        self.discard_action = self.more_menu.addAction(self.tr("&Discard this session…"))
        self.discard_action.triggered.connect(self.discard_requested)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("more")
        self.more_button.setText("⋯")
        self.more_button.setAccessibleName(self.tr("More clock actions"))
        self.more_button.setToolTip(self.tr("Clock in, out or take a break at another time"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addWidget(self.primary_button, 2)
        buttons.addWidget(self.clock_out_button, 1)
        buttons.addWidget(self.undo_button, 1)
        buttons.addWidget(self.more_button)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.upload_label = QLabel(self)
        self.upload_label.setObjectName("uploads")
        self.upload_label.setWordWrap(True)
        self.upload_label.setAccessibleName(self.tr("Upload status"))
        small = QFont(self.upload_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.upload_label.setFont(small)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.state_label)
        layout.addWidget(self.timer_label)
        layout.addWidget(self.break_label)
        layout.addWidget(self.today_label)
        layout.addWidget(self.balance_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.upload_label)

        # Aligned to whole seconds of the wall clock so the digits change evenly; single-shot
        # and re-armed, and only while shown.
        self._ticker = QTimer(self)
        self._ticker.setSingleShot(True)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.timeout.connect(self._on_tick)

        self.show_message("")
        clock.changed.connect(self._on_changed)
        clock.refused.connect(self.show_message)
        uploads.changed.connect(self._on_uploads)
        self._on_changed()
        self._on_uploads()

    @property
    def ticking(self) -> bool:
        return self._ticker.isActive()

    def show_message(self, text: str) -> None:
        """A sentence the user should read now (a refused action); cleared by the next action."""
        self._message = text
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def tick(self) -> None:
        """Redraw the timers for the clock's now (the once-a-second work while shown)."""
        now = self.clock.now()
        state = self.clock.state
        self.timer_label.setText(hms(self.clock.session_seconds(now)))
        if state is ClockState.ON_BREAK:
            self.break_label.setText(
                self.tr("Break: {time}").format(time=hms(self.clock.break_seconds(now)))
            )
        self.today_label.setText(
            self.tr("Today: {worked} worked · {pause} break").format(
                worked=hm(self.clock.worked_today_seconds(now)),
                pause=hm(self.clock.break_today_seconds(now)),
            )
        )
        self.undo_button.setVisible(self.clock.can_undo(now))

    def _on_changed(self) -> None:
        state = self.clock.state
        self.state_label.setText(state_label(state))
        primary = PRIMARY_ACTION[state]
        self.primary_button.setText(action_label(primary))
        self.primary_button.setAccessibleName(action_label(primary).replace("&", ""))
        self.clock_out_button.setVisible(state is not ClockState.OFF)
        legal = self.clock.legal_actions()
        for action, entry in self.at_actions.items():
            entry.setVisible(action in legal)
        self.discard_action.setVisible(state is not ClockState.OFF)
        self.break_label.setVisible(state is ClockState.ON_BREAK)
        self.show_balance()
        self.tick()

    def show_balance(self) -> None:
        """The time account at the end of yesterday, beside today's time. Read when the clock
        changes or the popup opens, never on a tick (finished days come from the store's cache)."""
        try:
            balance = AccountService(self.clock.service).balance()
        except UserError:  # the account starts later, or the store can't be read
            self.balance_label.hide()
            return
        minutes = balance.balance_min
        self.balance_label.setText(
            self.tr("Balance until yesterday: {time}").format(time=signed(minutes))
        )
        self.balance_label.show()

    def _on_undo(self) -> None:
        self.show_message("")
        self.clock.undo()

    def _on_uploads(self) -> None:
        self.upload_label.setText(self.uploads.summary.text())

    def _on_primary(self) -> None:
        self.show_message("")
        self.clock.act(PRIMARY_ACTION[self.clock.state])

    def _on_tick(self) -> None:
        self.tick()
        self._ticker.start(ms_to_next_boundary(1))

    def showEvent(self, event: QShowEvent) -> None:
        self.show_balance()  # yesterday may have ended since it was last shown
        self.tick()
        self._ticker.start(ms_to_next_boundary(1))
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)


class TrayPopup(QFrame):
    """A frameless popup holding the panel; closes on Escape or a click elsewhere."""

    def __init__(self, clock: LiveClock, uploads: UploadWatch) -> None:
        super().__init__(None, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("ClockPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWindowTitle(self.tr("ClockApp"))
        self.panel = ClockPanel(clock, uploads, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.panel)
        self.setMinimumWidth(260)

    def real_size(self) -> QSize:
        """The size the popup will really have: laid out, never below its minimum (sizeHint
        alone ignores the minimum width, and a word-wrapped line's height depends on it)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        size = self.sizeHint().expandedTo(self.minimumSizeHint()).expandedTo(self.minimumSize())
        if self.hasHeightForWidth():
            size.setHeight(max(size.height(), self.heightForWidth(size.width())))
        return size

    def show_near(self, anchor: QRect) -> None:
        """Show beside ``anchor`` (the tray icon's screen rectangle; empty if unknown)."""
        if not anchor.isValid() or anchor.isEmpty():
            anchor = QRect(QCursor.pos(), QSize(1, 1))
        size = self.real_size()
        screens = [
            ScreenArea(s.geometry(), s.availableGeometry()) for s in QGuiApplication.screens()
        ]
        place = popup_geometry(anchor, size, screens)
        self.setGeometry(place)
        self.show()
        self.raise_()
        self.activateWindow()
        self.panel.primary_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class ScreenArea(NamedTuple):
    """One screen: its whole rectangle and the part windows may use (without panels)."""

    geometry: QRect
    available: QRect


def screen_of(anchor: QRect, screens: Sequence[ScreenArea]) -> ScreenArea:
    """The screen the tray icon ``anchor`` is on: the one its centre lies in, else the nearest."""
    centre = anchor.center()

    def distance(area: ScreenArea) -> int:
        g = area.geometry
        dx = max(g.left() - centre.x(), 0, centre.x() - g.right())
        dy = max(g.top() - centre.y(), 0, centre.y() - g.bottom())
        return dx * dx + dy * dy

    return min(screens, key=distance)


def panel_edge(anchor: QRect, area: QRect) -> str:
    """The screen edge whose panel holds the icon ``anchor``: top, bottom, left or right.

    A panel that reserves its space lies outside the available ``area``: that decides. One that
    doesn't (trayer without a window manager, an auto-hiding panel) is told by the icon lying
    within two icon sizes of an edge, top and bottom first (most panels are horizontal, and a
    corner icon is on one); a floating icon counts as top or bottom by the half it is in.
    """
    if anchor.bottom() < area.top():
        return "top"
    if anchor.top() > area.bottom():
        return "bottom"
    if anchor.right() < area.left():
        return "left"
    if anchor.left() > area.right():
        return "right"
    top, bottom = anchor.top() - area.top(), area.bottom() - anchor.bottom()
    left, right = anchor.left() - area.left(), area.right() - anchor.right()
    if min(top, bottom) <= 2 * anchor.height():
        return "top" if top <= bottom else "bottom"
    if min(left, right) <= 2 * anchor.width():
        return "left" if left <= right else "right"
    return "top" if anchor.center().y() < area.center().y() else "bottom"


def popup_geometry(anchor: QRect, size: QSize, screens: Sequence[ScreenArea]) -> QRect:
    """Where a popup of ``size`` goes beside the tray icon ``anchor``, all in global pixels.

    The panel holding the icon lies along one edge of the icon's screen: the popup opens away
    from that edge (below a top panel, above a bottom one, beside a side one), aligned with the
    icon, and is then kept inside the screen's available area. A popup larger than that area is
    shrunk to it (its content must cope: see :func:`fit_to_screen`).
    """
    if not screens:
        return QRect(anchor.topLeft(), size)
    area = screen_of(anchor, screens).available
    w, h = min(size.width(), area.width()), min(size.height(), area.height())
    edge = panel_edge(anchor, area)
    if edge == "top":
        x, y = anchor.right() + 1 - w, anchor.bottom() + 1 + GAP
    elif edge == "bottom":
        x, y = anchor.right() + 1 - w, anchor.top() - GAP - h
    elif edge == "left":
        x, y = anchor.right() + 1 + GAP, anchor.top()
    else:
        x, y = anchor.left() - GAP - w, anchor.top()
    x = min(max(x, area.left()), area.right() + 1 - w)
    y = min(max(y, area.top()), area.bottom() + 1 - h)
    return QRect(x, y, w, h)


class ClockWindow(QWidget):
    """The panel in a small normal window, for desktops without a system tray.

    Why there is no tray icon is said in full the first time only; later starts keep it to one
    small line (the whole sentence in its tooltip).
    """

    #: The user closed the window; with no tray there is nothing left to show, so the app quits.
    closed = Signal()

    def __init__(
        self,
        clock: LiveClock,
        uploads: UploadWatch,
        menu: QMenu,
        reason: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ClockApp"))
        self._closing = False
        self._fitted = False
        first_time = reason and not clock.service.setting("no_tray_explained")
        short = self.tr("No system tray: ClockApp runs in this window.")
        self.reason_label = QLabel(reason if first_time else short, self)
        self.reason_label.setObjectName("reason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setToolTip(reason)
        self.reason_label.setVisible(bool(reason))
        small = QFont(self.reason_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.reason_label.setFont(small)
        if first_time:
            _remember(clock, "no_tray_explained")
        self.panel = ClockPanel(clock, uploads, self)
        self.panel.more_button.hide()  # its "More" menu below (the tray's) lists them already
        # The tray menu's entries (Week…, Sync now, Settings…, Quit) behind one button.
        self.menu_button = QToolButton(self)
        self.menu_button.setText(self.tr("&More"))
        self.menu_button.setAccessibleName(self.tr("More actions"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setMenu(menu)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason_label, 1)
        bottom.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addLayout(bottom)
        self.setMinimumWidth(300)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or self.panel.clock.state is ClockState.OFF:
            self.closed.emit()
            super().closeEvent(event)
            return
        # Clocked in: closing quits the app, so say that the session stays open, and ask.
        event.ignore()

        def close_for_good() -> None:
            self._closing = True
            self.close()

        confirm_quit(self.panel.clock, close_for_good, self)


def _remember(clock: LiveClock, key: str) -> None:
    try:
        clock.service.remember(key, True)
    except SettingsError as exc:  # only costs the explanation once more at the next start
        log.warning("could not save %s: %s", key, exc)


#: The quit question on screen, if any: one at a time (and kept alive while it is open).
_quit_questions: list[QMessageBox] = []


def confirm_quit(
    clock: LiveClock, quit_now: Callable[[], None], parent: QWidget | None = None
) -> None:
    """Quit at once when clocked out; while clocked in, first ask, saying that the session
    stays open and keeps running (ClockApp is not needed for it to count)."""
    if clock.state is ClockState.OFF:
        quit_now()
        return
    if _quit_questions:
        _quit_questions[0].raise_()
        _quit_questions[0].activateWindow()
        return
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("QuitPrompt", "Quit ClockApp?"),
        QCoreApplication.translate(
            "QuitPrompt",
            "You are still clocked in. Your session stays open and keeps running after "
            "ClockApp quits; clock out first if your work is done.",
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    quit_button = box.addButton(
        QCoreApplication.translate("QuitPrompt", "&Quit, keep the session running"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _quit_questions.append(box)

    def answered() -> None:
        _quit_questions.remove(box)
        if box.clickedButton() is quit_button:
            quit_now()

    box.finished.connect(answered)
    # open(), never exec(): a nested event loop would stall the asyncio tasks on qasync.
    box.open()
