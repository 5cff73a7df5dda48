"""The month at a glance: each day's start–end, worked time, breaks, target and the difference,
its public holiday or absence and whether it is locked; the month's totals, the balance carried
in and out and the vacation days; the timesheet to sign as a PDF, and the days exported as CSV,
"Excel (CSV)" or JSON.

Every number comes from the time account (:class:`AccountService`): this window only lays it
out, and the exports are the account's own (``clockapp export --month`` writes the same text).
File dialogs are opened with ``open()``, never a nested event loop that would stall qasync.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from clockapp.domain.account import MonthReport, first_of_month, last_of_month
from clockapp.domain.errors import UserError
from clockapp.domain.zones import local
from clockapp.files import write_atomically
from clockapp.services.account import AccountService
from clockapp.services.holidays import NO_REGION
from clockapp.ui.durations import minutes, signed
from clockapp.ui.i18n import explain
from clockapp.ui.month_sheet import MonthSheet
from clockapp.ui.qt import (
    QAbstractItemView,
    QDate,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLocale,
    QPalette,
    QPushButton,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from clockapp.ui.screen_fit import fit_to_screen
from clockapp.ui.wording import absence_name, localized_day

# Store changes (a ``clockapp`` command, the tray) show up within this many milliseconds.
POLL_MS = 2000
COLUMNS = 8  # day, start–end, worked, breaks, target, difference, holiday / absence, locked
SPAN_COLUMN, DIFFERENCE_COLUMN = 1, 5


class MonthWindow(QWidget):
    """One calendar month of the time account; opens on the month holding ``of`` (default:
    this month)."""

    def __init__(
        self, account: AccountService, of: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.account = account
        self.sheet = MonthSheet(account)  # the timesheet's words and its PDF
        # Without the app's name: Qt appends it (the application display name) itself.
        self.setWindowTitle(self.tr("Month"))
        self.setObjectName("MonthWindow")
        self.month_of = first_of_month(of or self._today())
        self.report: MonthReport | None = None
        self._dialog: QWidget | None = None
        self._seen_version = -1

        self.prev_button = QPushButton(self.tr("◀ &Previous"))
        self.prev_button.setShortcut(QKeySequence("Alt+Left"))
        self.prev_button.clicked.connect(lambda: self.show_month(self.month_of - timedelta(days=1)))
        self.this_button = QPushButton(self.tr("T&his month"))
        self.this_button.clicked.connect(lambda: self.show_month(self._today()))
        self.next_button = QPushButton(self.tr("&Next ▶"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.next_button.clicked.connect(
            lambda: self.show_month(last_of_month(self.month_of) + timedelta(days=1))
        )
        self.title = QLabel()
        self.title.setAccessibleName(self.tr("Shown month"))
        nav = QHBoxLayout()
        for widget in (self.prev_button, self.this_button, self.next_button):
            nav.addWidget(widget)
        nav.addWidget(self.title, 1)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Days of the month"))
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels(
            [
                self.tr("Day"),
                self.tr("Start–end"),
                self.tr("Worked"),
                self.tr("Breaks"),
                self.tr("Target"),
                self.tr("Difference"),
                self.tr("Holiday / absence"),
                self.tr("Locked"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        for column in range(2, 6):  # the durations line up on the right
            self.tree.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight)

        self.totals = QLabel()
        self.totals.setAccessibleName(self.tr("Month totals"))
        self.totals.setWordWrap(True)
        self.balance = QLabel()
        self.balance.setAccessibleName(self.tr("Balance"))
        self.balance.setWordWrap(True)
        self.vacation = QLabel()
        self.vacation.setAccessibleName(self.tr("Vacation days"))
        self.vacation.setWordWrap(True)
        self.region_note = QLabel()
        self.region_note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))

        self.pdf_button = QPushButton(self.tr("Print / save as P&DF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.close)
        actions = QHBoxLayout()
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.tree, 1)
        for label in (self.totals, self.balance, self.vacation, self.region_note, self.status):
            layout.addWidget(label)
        layout.addLayout(actions)
        self._fitted = False

        # Keyboard order: the month to show, its days, what to do with it, Close.
        chain = (
            self.prev_button,
            self.this_button,
            self.next_button,
            self.tree,
            self.pdf_button,
            self.export_button,
            self.close_button,
        )
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_store)
        self.show_month(self.month_of)

    def _say(self, text: str) -> None:
        """The status line: what an action did or why it couldn't (hidden while empty)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _today(self) -> date:
        return local(self.account.clock.now(), self.account.zone_name).date()

    # -- what is shown -----------------------------------------------------------------------

    def show_month(self, any_day: date) -> None:
        self.month_of = first_of_month(any_day)
        self._say("")
        self.refresh()

    def refresh(self) -> None:
        """Re-read the account and lay the month out again."""
        self._seen_version = self.account.data_version()
        first, last = self.month_of, last_of_month(self.month_of)
        locale = QLocale()
        self.title.setText(locale.toString(QDate(first.year, first.month, 1), "MMMM yyyy"))
        try:
            report = self.account.month(first)
            spans = self.sheet.day_spans(self.account.clock.sessions(first, last))
            vacation = self.account.month_vacation(first)
        except UserError as exc:  # the store can't be read: say so, show nothing made up
            self.report = None
            self.tree.clear()
            for label in (self.totals, self.balance, self.vacation):
                label.setText("")
            self._say(explain(exc))
            return
        # The same month again (the store changed, the minute): keep the row and the scroll.
        same = self.report is not None and self.report.month_of == report.month_of
        current = self.tree.currentItem()
        selected = self.tree.indexOfTopLevelItem(current) if same and current else -1
        scrolled = self.tree.verticalScrollBar().value()
        self.report = report
        today = self._today()
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        self.tree.clear()
        for day in report.days:
            absence = absence_name(day.absence) if day.absence else None
            marks = [m for m in (day.holiday, absence) if m]
            # Days still to come owe nothing yet (the balance counts through yesterday); a day
            # with nothing due and nothing worked has nothing to say.
            idle = not (day.worked_min or day.target_min)
            difference = "" if day.date > today or idle else signed(day.worked_min - day.target_min)
            item = QTreeWidgetItem(
                [
                    localized_day(day.date),
                    ", ".join(spans.get(day.date, [])),
                    minutes(day.worked_min),
                    minutes(day.break_min),
                    minutes(day.target_min),
                    difference,
                    " · ".join(marks),
                    self.tr("yes") if day.locked else "",
                ]
            )
            for column in range(2, 6):
                item.setTextAlignment(column, right)
            item.setToolTip(SPAN_COLUMN, item.text(SPAN_COLUMN))
            if idle and not (day.holiday or day.absence):
                for column in range(COLUMNS):  # a day off: greyed, so the workdays stand out
                    item.setForeground(column, quiet)
            self.tree.addTopLevelItem(item)
            if (day.date.day - 1 == selected) if same else day.date == today:
                self.tree.setCurrentItem(item)
        for column in range(COLUMNS):
            self.tree.resizeColumnToContents(column)
        if same:
            self.tree.verticalScrollBar().setValue(scrolled)

        worked, target = report.sum_time_spent, report.target_min
        self.totals.setText(
            self.tr(
                "Month: {worked} worked of {target} ({difference}) · {workdays} workdays of "
                "{workday}"
            ).format(
                worked=minutes(worked),
                target=minutes(target),
                difference=signed(worked - target),
                workdays=locale.toString(report.workdays, "f", 2),
                workday=minutes(report.workday),
            )
        )
        carried_in, carried_out = signed(report.balance_start_min), signed(report.balance_end_min)
        if last >= today:  # the month runs (or is to come): its balance so far
            text = self.tr("Balance carried in: {start} · until yesterday: {end}")
        else:
            text = self.tr("Balance carried in: {start} · carried out: {end}")
        self.balance.setText(text.format(start=carried_in, end=carried_out))
        self.vacation.setText(
            self.tr("Vacation days {year}: {line}").format(
                year=first.year, line=self.sheet.vacation_line(*vacation)
            )
        )
        self.region_note.setText(self._region_note())
        self.region_note.setVisible(bool(self.region_note.text()))

    def _region_note(self) -> str:
        """The account's one sentence about an unset (or unknown) region, in the UI's words."""
        if self.account.region_note() is None:
            return ""
        if self.account.region == NO_REGION:
            return self.tr("Public holidays are not counted: choose your region in Settings.")
        return self.tr(
            "Public holidays are not counted: ClockApp knows no region {region}; choose one in "
            "Settings."
        ).format(region=self.account.region)

    # -- the timesheet and the exports -------------------------------------------------------

    def _save_dialog(self, title: str, name: str, filters: list[str]) -> QFileDialog:
        """A save dialog in the Documents folder (else the home folder), opened without a
        nested event loop; the first filter is preselected."""
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        folder = QStandardPaths.writableLocation(documents)
        if not folder or not Path(folder).is_dir():
            folder = str(Path.home())
        dialog = QFileDialog(self, title, str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(filters)
        dialog.selectNameFilter(filters[0])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        return dialog

    def save_pdf(self) -> None:
        """Ask where to save the month's timesheet to sign (print it from the PDF viewer)."""
        name = self.tr("timesheet-{month}.pdf").format(month=f"{self.month_of:%Y-%m}")
        dialog = self._save_dialog(
            self.tr("Save the timesheet as PDF"), name, [self.tr("PDF files (*.pdf)")]
        )
        dialog.setDefaultSuffix("pdf")
        month_of = self.month_of
        dialog.fileSelected.connect(lambda path: self.write_pdf(path, month_of))
        dialog.open()

    def write_pdf(self, path: str, month_of: date | None = None) -> None:
        """Write the timesheet of ``month_of`` (default: the shown month) to ``path``."""
        try:
            self.sheet.write_pdf(month_of or self.month_of, Path(path))
        except (OSError, UserError) as exc:
            self._say(self.tr("The PDF couldn't be saved: {why}").format(why=explain(exc)))
            return
        self._say(self.tr("Saved the timesheet to {path}.").format(path=path))

    def export(self) -> None:
        """Ask where to save the shown month's days: Excel (CSV), plain CSV or JSON."""
        formats = {
            self.tr("Excel (CSV) (*.csv)"): "excel",
            self.tr("CSV files (*.csv)"): "csv",
            self.tr("JSON files (*.json)"): "json",
        }
        name = f"clockapp-{self.month_of:%Y-%m}.csv"
        dialog = self._save_dialog(self.tr("Export the month"), name, list(formats))
        dialog.setDefaultSuffix("csv")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("json" if formats[chosen] == "json" else "csv")
        )
        month_of = self.month_of
        dialog.fileSelected.connect(
            lambda path: self.write_export(path, formats[dialog.selectedNameFilter()], month_of)
        )
        dialog.open()

    def write_export(self, path: str, fmt: str, month_of: date | None = None) -> None:
        """Write the days of ``month_of`` (default: the shown month) to ``path`` as ``csv``,
        ``excel`` or ``json``."""
        try:
            text = self.account.export_month(month_of or self.month_of, fmt)
            # newline="": the Excel flavour's CRLF stays CRLF on every OS; never a
            # half-written file under the user's name.
            write_atomically(Path(path), text, newline="")
        except (OSError, UserError) as exc:
            self._say(self.tr("The export failed: {why}").format(why=explain(exc)))
            return
        self._say(self.tr("Exported to {path}.").format(path=path))

    # -- keeping up with the store -----------------------------------------------------------

    def refresh_if_shown(self) -> None:
        """For the clock's changes (an action in the tray, the minute): only while shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._seen_version = -1  # shown again later: lay the month out afresh

    def showEvent(self, event: Any) -> None:
        if not self._fitted:
            self._fitted = True
            # Wide enough for every column without scrolling where the screen has the room.
            margins = self.contentsMargins()
            layout = self.layout()
            if layout is not None:
                margins = layout.contentsMargins()
            room = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
            width = self.tree.header().length() + room + margins.left() + margins.right() + 8
            fit_to_screen(self, QSize(max(width, 760), 720))
        super().showEvent(event)
        self._poll.start()
        self._poll_store()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._poll.stop()

    def _poll_store(self) -> None:
        if self.account.data_version() != self._seen_version:
            self.refresh()
