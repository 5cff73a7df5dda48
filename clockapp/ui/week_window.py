"""The week at a glance: per day worked, breaks and target with a bar, the week's totals, the
working-time rules a day breaks, each session with its upload state, and the entries made
elsewhere (a terminal at the door, the web app) fetched in the background and marked as such.

Every number comes from the clock core's week report; this window only lays it out. Sessions
are edited in :class:`EditDialog`, deleted after a confirmation, and exported as CSV — all
through ``open()`` and signals, never a nested event loop that would stall qasync.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from clockapp.domain.errors import ClockError
from clockapp.domain.rules import Violation
from clockapp.domain.session import WorkSession
from clockapp.domain.timeline import (
    MIN_COUNTED_BREAK_S,
    counted_break_seconds,
    floor_minutes,
    split_by_day,
)
from clockapp.domain.week import DayTotal, WeekReport, monday_of
from clockapp.domain.zones import day_start, local
from clockapp.files import write_atomically
from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.services.holidays import NO_REGION
from clockapp.ui.absence_dialog import AbsenceDialog
from clockapp.ui.durations import hm, minutes, signed
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.i18n import explain, ui_language
from clockapp.ui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLocale,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSize,
    QSplitter,
    QStandardPaths,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from clockapp.ui.screen_fit import ContentScrollArea, fit_to_screen
from clockapp.ui.upload_status import UploadWatch, session_upload_detail, session_upload_text
from clockapp.ui.wording import absence_name, localized_day, violation_text

log = logging.getLogger(__name__)

#: Store changes (a ``clockapp`` command, the tray) show up within this many milliseconds.
POLL_MS = 2000
SESSION_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 6  # day or session, worked, break, target, against target, upload / origin
BAR_COLUMN = 4
BREAK_COLUMN = 2


def weekday(day: date) -> str:
    """The short weekday name in the user's language (``Fri``, ``Fr``)."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


class WeekWindow(QWidget):
    """One week, Monday to Sunday; ``sync`` (may be None) adds upload states and remote entries."""

    #: The remote entries of the shown week arrived (or failed: see ``remote_note``).
    remote_loaded = Signal()
    #: "Month…": the month holding this day, please (the tray opens the month window).
    month_wanted = Signal(object)

    def __init__(
        self,
        service: ClockService,
        sync: Any = None,
        parent: QWidget | None = None,
        uploads: UploadWatch | None = None,
    ):
        super().__init__(parent)
        self.service = service
        #: Holidays, absences and the balance of the shown week.
        self.account = AccountService(service)
        self.sync = sync
        #: The tray's upload runs: a finished run, or a backend just set up, shows here at once.
        self.uploads = uploads
        # Without the app's name: Qt appends it (the application display name) itself.
        self.setWindowTitle(self.tr("Week"))
        self.setObjectName("WeekWindow")
        self.monday = monday_of(local(service.now(), service.zone_name).date())
        self.report: WeekReport | None = None
        #: Ids of the shown sessions a manager has confirmed (Papershift).
        self.confirmed: set[Any] = set()
        self.remote: list[Any] = []
        self.remote_note = ""
        self._remote_task: asyncio.Task[None] | None = None
        self._dialog: QWidget | None = None
        self._seen_version = -1
        self._calendar: dict[date, str] = {}

        self.prev_button = QPushButton(self.tr("◀ &Previous"))
        self.prev_button.setShortcut(QKeySequence("Alt+Left"))
        self.prev_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.this_button = QPushButton(self.tr("T&his week"))
        self.this_button.clicked.connect(
            lambda: self.show_week(local(service.now(), service.zone_name).date())
        )
        self.next_button = QPushButton(self.tr("&Next ▶"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.title = QLabel()
        self.title.setAccessibleName(self.tr("Shown week"))
        self.title.setWordWrap(True)
        # The month this week is in (the tray opens the month window).
        self.month_button = QPushButton(self.tr("&Month…"))
        self.month_button.clicked.connect(lambda: self.month_wanted.emit(self.monday))
        nav = QHBoxLayout()
        for widget in (self.prev_button, self.this_button, self.next_button, self.month_button):
            nav.addWidget(widget)
        nav.addWidget(self.title, 1)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Days and sessions of the week"))
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels(
            [
                self.tr("Day / session"),
                self.tr("Worked"),
                self.tr("Break"),
                self.tr("Target"),
                self.tr("Against target"),
                self.tr("Upload / origin"),
            ]
        )
        # Several days at once: "Mark as vacation / sick / time off…" takes them all.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(lambda item, _col: self.edit_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        self.totals = QLabel()
        self.totals.setAccessibleName(self.tr("Week totals"))
        # The balance shares the totals' line: a line more would squeeze the days on a small
        # or scaled screen.
        self.totals.setWordWrap(True)
        # Said once, where no region is set: the targets of public holidays still count.
        self.region_note = QLabel(
            self.tr("Public holidays are not counted: choose your region in Settings.")
        )
        self.region_note.setWordWrap(True)
        self.region_note.setAccessibleName(self.tr("Public holidays"))
        self.violations = QLabel()
        self.violations.setWordWrap(True)
        self.violations.setAccessibleName(self.tr("Working-time rules"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        # The selected session's trail: every change, when, how and why.
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName(self.tr("History of the session"))

        self.add_button = QPushButton(self.tr("&Add time…"))
        self.add_button.clicked.connect(self.add_time)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_button.clicked.connect(self.delete_selected)
        self.lock_button = QPushButton(self.tr("&Lock day"))
        self.lock_button.clicked.connect(self.toggle_lock)
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.close)
        self.absent_button = QPushButton(self.tr("&Mark as vacation / sick / time off…"))
        self.absent_button.clicked.connect(self.mark_absent)
        self.clear_absence_button = QPushButton(self.tr("Remove a&bsence"))
        self.clear_absence_button.clicked.connect(self.clear_absence)
        # The days' actions in a row of their own: one row of every button would not fit a
        # small screen in German.
        day_actions = QHBoxLayout()
        day_actions.addWidget(self.absent_button)
        day_actions.addWidget(self.clear_absence_button)
        day_actions.addStretch(1)
        actions = QHBoxLayout()
        for widget in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.lock_button,
            self.export_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        # What is said about the week and the chosen session scrolls below the week, which
        # keeps most of the height: on a small or scaled screen the days stay readable.
        details = QWidget()
        said = QVBoxLayout(details)
        said.setContentsMargins(0, 0, 0, 0)
        for label in (self.totals, self.region_note, self.violations, self.status, self.history):
            said.addWidget(label)
        said.addStretch(1)
        self.details = ContentScrollArea(details)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.tree)
        self.split.addWidget(self.details)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.split, 1)
        layout.addLayout(day_actions)
        layout.addLayout(actions)
        self._fitted = False

        # Keyboard order: the week to show, the week, what to do with a session, Close.
        chain = (
            self.prev_button,
            self.this_button,
            self.next_button,
            self.month_button,
            self.tree,
            self.absent_button,
            self.clear_absence_button,
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.lock_button,
            self.export_button,
            self.close_button,
        )
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_store)
        self.show_week(self.monday)
        if uploads is not None:
            uploads.changed.connect(self._on_uploads_changed)

    # -- what is shown -----------------------------------------------------------------------

    def show_week(self, any_day: date) -> None:
        self.monday = monday_of(any_day)
        self.remote, self.remote_note = [], ""
        self.refresh()
        self.fetch_remote()

    def refresh(self) -> None:
        """Re-read the store (cheap, local) and lay the week out again, keeping the selection."""
        selected = self.selected_session()
        self._seen_version = self.service.data_version()
        service, zone = self.service, self.service.zone_name
        confirmed_remote = [r.session.id for r in self.remote if r.entry.confirmed]
        report = service.week(
            self.monday,
            extra=[r.session for r in self.remote],
            extra_confirmed=confirmed_remote,
        )
        self.report = report
        sunday = self.monday + timedelta(days=6)
        self.confirmed = {
            *service.confirmed_ids(
                day_start(self.monday, zone), day_start(sunday + timedelta(days=1), zone)
            ),
            *confirmed_remote,
        }
        week_no = self.monday.isocalendar().week
        self.title.setText(
            self.tr("Week {number}: {first} – {last}").format(
                number=week_no, first=localized_day(self.monday), last=localized_day(sunday)
            )
        )
        self._calendar = self._week_calendar(sunday)
        statuses = self._statuses()
        remote_by_id = {r.session.id: r for r in self.remote}
        sessions = service.sessions(self.monday, sunday) + [r.session for r in self.remote]
        now = service.now()

        self.tree.clear()
        for day in report.days:
            item = QTreeWidgetItem(
                [
                    self._day_label(day),
                    minutes(day.worked_min),
                    minutes(day.counted_break_min),  # what the law counts (see the tooltip)
                    minutes(day.target_min),
                    "",
                    self.tr("locked") if day.locked else "",
                ]
            )
            item.setData(0, SESSION_ROLE, None)
            item.setToolTip(BREAK_COLUMN, self._day_break_tip())
            self.tree.addTopLevelItem(item)
            self.tree.setItemWidget(item, BAR_COLUMN, self._bar(day.worked_min, day.target_min))
            for session in sorted(sessions, key=lambda s: s.start):
                parts = split_by_day(session, zone, now)
                if day.date not in parts:
                    continue
                child = self._session_row(session, parts, day.date, statuses, remote_by_id)
                item.addChild(child)
                if str(session.id) == selected:
                    self.tree.setCurrentItem(child)
            item.setExpanded(True)
        for column in range(COLUMNS):
            self.tree.resizeColumnToContents(column)
        # The bars need little room; a long header ("Im Vergleich zum Soll") may not widen
        # them and push the upload column off a small screen.
        bar_width = self.tree.fontMetrics().horizontalAdvance("0000 %") * 2
        self.tree.setColumnWidth(BAR_COLUMN, min(self.tree.columnWidth(BAR_COLUMN), bar_width))

        total, target = report.total_min, report.target_min
        balance = (
            self.tr("{time} overtime").format(time=minutes(report.overtime_min))
            if report.overtime_min
            else self.tr("{time} remaining").format(time=minutes(report.remaining_min))
        )
        start, end = self.account.balance_in_and_out(self.monday, sunday)
        week = self.tr("Week: {worked} worked of {target} · {balance}").format(
            worked=minutes(total), target=minutes(target), balance=balance
        )
        account = self.tr("Balance: {start} at the start of the week, {end} at its end").format(
            start=signed(start), end=signed(end)
        )
        self.totals.setText(f"{week} · {account}")
        self.violations.setText(
            "\n".join(f"⚠ {self.violation_text(v)}" for v in report.violations)
            or self.tr("No working-time rule is broken this week.")
        )
        self.region_note.setVisible(self.account.region == NO_REGION)
        self.status.setText(self.remote_note)
        self._update_buttons()

    def _week_calendar(self, sunday: date) -> dict[date, str]:
        """What marks each day of the shown week: its holiday's name in the UI's language, or
        its absence's kind in the user's words (a half day marked)."""
        language = "de" if ui_language() == "de" else "en_US"
        marks: dict[date, str] = {}
        for year in sorted({self.monday.year, sunday.year}):
            for holiday in self.account.holidays(year, language):
                day = date.fromisoformat(holiday["date"])
                if self.monday <= day <= sunday:
                    marks[day] = holiday["name"]
        assert self.report is not None
        absences = self.account.absences(self.monday, sunday)
        for total in self.report.days:
            if total.absence is None or total.date in marks:
                continue
            absence = next((a for a in absences if a.first <= total.date <= a.last), None)
            marks[total.date] = absence_name(total.absence, absence is not None and absence.half)
        return marks

    def _day_label(self, day: DayTotal) -> str:
        """The day, its holiday or absence, and its planned shifts (Papershift) beside the
        time worked, with what was clocked against the plan once the day has begun."""
        shown = localized_day(day.date)
        mark = self._calendar.get(day.date)
        if mark:
            shown = f"{shown} · {mark}"
        if not day.planned:
            return shown
        spans = ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in day.planned)
        text = self.tr("{day} · planned {spans} ({length})").format(
            day=shown, spans=spans, length=minutes(day.planned_min)
        )
        if day.date > local(self.service.now(), self.service.zone_name).date():
            return text  # still ahead: nothing clocked to hold against the plan
        difference = day.worked_min - day.planned_min
        return self.tr("{text} · clocked {difference}").format(
            text=text, difference=signed(difference)
        )

    def violation_text(self, violation: Violation) -> str:
        """The rule a day breaks, in the user's language (the domain's sentence is English)."""
        return violation_text(violation)

    def _session_row(
        self,
        session: WorkSession,
        parts: dict[date, tuple[float, float]],
        day: date,
        statuses: dict[Any, Any],
        remote_by_id: dict[Any, Any],
    ) -> QTreeWidgetItem:
        """A session's row under ``day``: the part that counts on that day, and, for a session
        across midnight, its whole span and length beside it."""
        span = self._span(session)
        now, zone = self.service.now(), self.service.zone_name
        # The breaks the law counts (15 min or more), per day; the short ones are marked.
        counted = {d: counted_break_seconds([session], d, zone, now) for d in parts}
        uncounted = session.break_seconds(now) - sum(counted.values())
        worked, paused = hm(parts[day][0]), hm(counted[day])
        if len(parts) > 1:  # a night shift: listed under every day it touches
            worked = self.tr("{part} of {whole}").format(
                part=worked, whole=hm(session.worked_seconds(now))
            )
            paused = self.tr("{part} of {whole}").format(
                part=paused, whole=hm(sum(counted.values()))
            )
        if floor_minutes(uncounted):
            paused = self.tr("{counted} (+{short} too short)").format(
                counted=paused, short=hm(uncounted)
            )
        origin, detail = self._origin(session, statuses, remote_by_id)
        label = f"{span}  {session.note}" if session.note else span
        if session.id in self.confirmed:
            label = self.tr("{session}  ✔ confirmed").format(session=label)
        child = QTreeWidgetItem([label, worked, paused, "", "", origin])
        child.setData(0, SESSION_ROLE, str(session.id))
        if floor_minutes(uncounted):
            child.setToolTip(
                BREAK_COLUMN,
                self.tr(
                    "Breaks shorter than {least} minutes don't count toward the break the law "
                    "requires (ArbZG § 4); {short} of this session's breaks are that short."
                ).format(least=int(MIN_COUNTED_BREAK_S // 60), short=hm(uncounted)),
            )
        if session.id in self.confirmed:
            child.setToolTip(
                0,
                self.tr(
                    "A manager has confirmed this session; changing it shows up for them as "
                    "a change."
                ),
            )
        if detail:
            child.setToolTip(COLUMNS - 1, detail)
        return child

    def _day_break_tip(self) -> str:
        return self.tr(
            "The breaks the law counts (ArbZG § 4): those of {least} minutes or more, and gaps "
            "of {least} minutes or more between the day's sessions."
        ).format(least=int(MIN_COUNTED_BREAK_S // 60))

    def _span(self, session: WorkSession) -> str:
        """``08:00 – 16:30``; ``Fri 22:00 – Sat 06:30`` for a session across midnight."""
        zone = self.service.zone_name
        start = local(session.start, zone)
        if session.end is None:
            return self.tr("{start} – running").format(start=f"{start:%H:%M}")
        end = local(session.end, zone)
        if end.date() == start.date():
            return f"{start:%H:%M} – {end:%H:%M}"
        return f"{weekday(start.date())} {start:%H:%M} – {weekday(end.date())} {end:%H:%M}"

    def _origin(
        self, session: WorkSession, statuses: dict[Any, Any], remote_by_id: dict[Any, Any]
    ) -> tuple[str, str]:
        """The upload column's short words and the whole sentence (tooltip, status line)."""
        if session.id in remote_by_id:
            return self.tr("made elsewhere"), ""
        info = statuses.get(session.id)
        detail = session_upload_detail(info)
        # After a change of server or account, where the session went before stays visible.
        current = getattr(getattr(self.sync, "destination", None), "label", None)
        filed_at = getattr(self.sync, "filed_at", None)
        elsewhere = [p for p in (filed_at(session.id) if filed_at else []) if p != current]
        if elsewhere:
            also = self.tr("Also uploaded to: {places}.").format(places="; ".join(elsewhere))
            detail = f"{detail} {also}".strip()
        return session_upload_text(info, session.end is not None), detail

    def _statuses(self) -> dict[Any, Any]:
        if self.sync is None:
            return {}
        try:
            return dict(self.sync.session_statuses() or {})
        except Exception as exc:  # the week must show even if the ledger can't be read
            log.warning("upload states unavailable: %s", exc)
            return {}

    def _bar(self, worked: int, target: int) -> QProgressBar:
        bar = QProgressBar()
        bar.setRange(0, max(target, 1))
        bar.setValue(min(worked, max(target, 1)))
        bar.setTextVisible(True)
        bar.setFormat(f"{round(100 * worked / target)} %" if target else minutes(worked))
        bar.setAccessibleName(self.tr("Worked against target"))
        bar.setMaximumHeight(16)
        return bar

    # -- remote entries ----------------------------------------------------------------------

    def fetch_remote(self) -> None:
        """Fetch the shown week's entries made elsewhere, in the background (needs the loop)."""
        if self.sync is None or getattr(self.sync, "backend_name", None) is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._remote_task is not None:
            self._remote_task.cancel()
        self.remote_note = self.tr("Fetching entries made elsewhere…")
        self.status.setText(self.remote_note)
        self._remote_task = loop.create_task(self._pull(self.monday))

    async def _pull(self, monday: date) -> None:
        try:
            remote = await self.sync.pull_week(monday, self.service.zone_name)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            note = self.tr("Entries made elsewhere couldn't be fetched: {why}").format(
                why=explain(exc)
            )
            remote = []
        else:
            if len(remote) == 1:
                note = self.tr("1 entry made elsewhere is counted above.")
            elif remote:
                note = self.tr("{count} entries made elsewhere are counted above.").format(
                    count=len(remote)
                )
            else:
                note = ""
        if monday != self.monday or asyncio.current_task() is not self._remote_task:
            return  # the user moved on to another week, or closed the window
        self.remote, self.remote_note = remote, note
        self.refresh()
        self.remote_loaded.emit()

    # -- acting on a session -----------------------------------------------------------------

    def selected_session(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, SESSION_ROLE)

    def selected_day(self) -> date | None:
        item = self.tree.currentItem()
        if item is None or self.report is None:
            return None
        top = item.parent() or item
        return self.report.days[self.tree.indexOfTopLevelItem(top)].date

    def selected_days(self) -> list[date]:
        """The days of every selected row (a session's row stands for its day), in order."""
        if self.report is None:
            return []
        found = set()
        for item in self.tree.selectedItems():
            top = item.parent() or item
            found.add(self.report.days[self.tree.indexOfTopLevelItem(top)].date)
        return sorted(found)

    def _local_session(self) -> WorkSession | None:
        ref = self.selected_session()
        if ref is None or any(str(r.session.id) == ref for r in self.remote):
            return None
        try:
            return self.service.find(ref)
        except ClockError:
            return None

    def _update_buttons(self) -> None:
        session = self._local_session()
        finished = session is not None and session.end is not None
        day = self.selected_day()
        locked = (
            day is not None
            and self.report is not None
            and any(d.date == day and d.locked for d in self.report.days)
        )
        # A session on a locked day can't change: say so before the user tries.
        session_locked = session is not None and self._touches_locked_day(session)
        why = self.tr("This day is locked; unlock it to change its sessions.")
        # The running session can be corrected (its start and breaks), not deleted: that is
        # the tray's "Discard this session…".
        self.edit_button.setEnabled(session is not None and not session_locked)
        self.delete_button.setEnabled(finished and not session_locked)
        for button in (self.edit_button, self.delete_button):
            button.setToolTip(why if session_locked else "")
        item = self.tree.currentItem()
        detail = item.toolTip(COLUMNS - 1) if item is not None else ""
        self.status.setText(detail or self.remote_note)
        self.lock_button.setEnabled(day is not None)
        days = self.selected_days()
        self.absent_button.setEnabled(bool(days))
        absent = self.report is not None and any(
            d.absence for d in self.report.days if d.date in days
        )
        self.clear_absence_button.setEnabled(absent)
        self.lock_button.setText(self.tr("Un&lock day") if locked else self.tr("&Lock day"))
        self.history.setText(self.history_text(session) if session is not None else "")

    def history_text(self, session: WorkSession) -> str:
        """The session's trail, one line per change, in the viewer's words and zone."""
        actions = {
            "created": self.tr("created"),
            "edited": self.tr("changed"),
            "discarded": self.tr("discarded"),
            "deleted": self.tr("deleted"),
        }
        sources = {
            "clock": self.tr("by clocking"),
            "hand": self.tr("by hand"),
            "away_prompt": self.tr("by an answer to the away question"),
            "auto_clock_out": self.tr("by the automatic clock-out"),
            "import": self.tr("by an import"),
        }
        lines = []
        for entry in self.service.trail(session.id):
            at = local(entry.at, self.service.zone_name)
            line = self.tr("{when}: {action} {how}").format(
                when=f"{localized_day(at.date())} {at:%H:%M}",
                action=actions[entry.action.value],
                how=sources[entry.source.value],
            )
            if entry.reason:
                line += " – " + entry.reason
            lines.append(line)
        return self.tr("History:") + "\n" + "\n".join(lines) if lines else ""

    def add_time(self) -> None:
        """Time someone forgot to clock, on the selected day (today when none is)."""
        day = self.selected_day() or local(self.service.now(), self.service.zone_name).date()
        dialog = EditDialog(self.service, None, self, day=day)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        self._dialog = dialog
        dialog.open()

    def _touches_locked_day(self, session: WorkSession) -> bool:
        zone = self.service.zone_name
        first = local(session.start, zone).date()
        last = local(session.end or self.service.now(), zone).date()
        return bool(self.service.locked_days(first, last))

    def edit_selected(self) -> None:
        session = self._local_session()
        if session is None or not self.edit_button.isEnabled():
            return
        dialog = EditDialog(self.service, session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        self._dialog = dialog
        dialog.open()

    def delete_selected(self) -> None:
        session = self._local_session()
        if session is None or session.end is None or not self.delete_button.isEnabled():
            return
        question = self.tr("Delete the session {span} on {day}? This can't be undone.").format(
            span=self._span(session),
            day=localized_day(local(session.start, self.service.zone_name).date()),
        )
        # On a day a manager has confirmed, this one question also says they will see it.
        confirmed = self.service.confirmed_day(session)
        if confirmed is not None:
            question += "\n\n" + self.tr(
                "A manager has confirmed {day}; they will see the deletion as a change."
            ).format(day=localized_day(confirmed))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete session"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: Any) -> None:
            if box.standardButton(button) != QMessageBox.StandardButton.Yes:
                return
            try:
                self.service.delete(str(session.id), change_confirmed=confirmed is not None)
            except ClockError as exc:
                self.status.setText(explain(exc))
                return
            self.refresh()

        box.buttonClicked.connect(answered)
        self._dialog = box
        box.open()

    def mark_absent(self) -> None:
        """Ask what the selected days are (vacation, sick, time off, other leave)."""
        days = self.selected_days()
        if not days:
            return
        shown = ", ".join(localized_day(d) for d in days)
        dialog = AbsenceDialog(self.account, days, shown, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        self._dialog = dialog
        dialog.open()

    def clear_absence(self) -> None:
        """Take the selected days out of their absences (the rest of a longer one stays)."""
        days = self.selected_days()
        if not days:
            return
        try:
            self.account.clear_absence(days)
        except ClockError as exc:
            self.refresh()
            self.status.setText(explain(exc))
            return
        self.refresh()

    def toggle_lock(self) -> None:
        day = self.selected_day()
        if day is None or self.report is None:
            return
        locked = any(d.date == day and d.locked for d in self.report.days)
        try:
            self.service.set_locked(day, not locked)
        except ClockError as exc:
            self.status.setText(explain(exc))
            return
        self.refresh()

    def export_csv(self) -> None:
        """Ask where to save the shown week: as CSV for Excel (``;``, BOM) or plain CSV."""
        sunday = self.monday + timedelta(days=6)
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        folder = QStandardPaths.writableLocation(documents)
        if not Path(folder).is_dir():  # no Documents folder on this machine: the home folder
            folder = str(Path.home())
        name = f"clockapp-{self.monday.isoformat()}.csv"
        dialog = QFileDialog(self, self.tr("Export the week"), str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        excel, plain = self.tr("Excel (CSV) (*.csv)"), self.tr("CSV files (*.csv)")
        dialog.setNameFilters([excel, plain])
        dialog.selectNameFilter(excel)
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(path: str) -> None:
            fmt = "excel" if dialog.selectedNameFilter() == excel else "csv"
            self.write_csv(path, self.monday, sunday, fmt)

        dialog.fileSelected.connect(chosen)
        self._dialog = dialog
        dialog.open()

    def write_csv(self, path: str, first: date, last: date, fmt: str = "csv") -> None:
        """Write the sessions of ``first``..``last`` to ``path`` as ``csv`` or ``excel``."""
        try:
            text = self.service.export(first, last, fmt)
            # newline="": the Excel flavour's CRLF stays CRLF on every OS; never a
            # half-written file under the user's name.
            write_atomically(Path(path), text, newline="")
        except (OSError, ClockError) as exc:
            self.status.setText(self.tr("The export failed: {why}").format(why=explain(exc)))
            return
        self.status.setText(self.tr("Exported to {path}.").format(path=path))

    def _on_uploads_changed(self) -> None:
        assert self.uploads is not None
        if self.uploads.sync is not None and self.uploads.sync is not self.sync:
            self.sync = self.uploads.sync  # a backend was just set up: its states, its entries
            self.show_week(self.monday)
        elif self.isVisible():
            self.refresh()
        else:
            self._seen_version = -1  # shown again later: lay the week out afresh

    # -- keeping up with the store -----------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self, QSize(760, 520))
            # The week first: the details get what their text needs, at most a third.
            height = self.split.height()
            said = min(self.details.sizeHint().height(), height // 3)
            self.split.setSizes([height - said, said])
        super().showEvent(event)
        self._poll.start()
        self._poll_store()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._poll.stop()

    def closeEvent(self, event: Any) -> None:
        # A fetch still running would land in a window that is gone (the tray deletes it).
        # Cancelling may come too late (wait_for can swallow it): _pull checks it is current.
        if self._remote_task is not None:
            self._remote_task.cancel()
            self._remote_task = None
        super().closeEvent(event)

    def _poll_store(self) -> None:
        if self.service.data_version() != self._seen_version:
            self.refresh()
