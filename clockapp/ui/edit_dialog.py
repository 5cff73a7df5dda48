"""Editing one session, or adding forgotten time: start, end, breaks, note and the reason for
the change, with the result shown as the user types.

Dates and times are picked in the configured zone (date and time editors in the user's locale)
and turned into instants by the clock core's own rules, so DST days and night shifts are
handled in one place. Every change asks the service what saving would do
(:meth:`~clockapp.services.clock.ClockService.check_change`, the same checks as the save):
the session's and its days' time against their targets, the working-time rules broken or
mended, and the refusal, if any, in a line below the fields that never squeezes them. A locked
day's session opens read-only and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from clockapp.domain.errors import ClockError, ConfirmedDay
from clockapp.domain.session import WorkSession
from clockapp.domain.timeline import MIN_COUNTED_BREAK_S, split_by_day
from clockapp.domain.zones import local, local_days, local_wall_time, wall_times
from clockapp.services.clock import ChangeCheck, ClockService
from clockapp.services.time_input import checked_break
from clockapp.ui.durations import hm
from clockapp.ui.i18n import explain
from clockapp.ui.qt import (
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QLocale,
    QMessageBox,
    QPushButton,
    QShowEvent,
    Qt,
    QTime,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from clockapp.ui.repeated_hour import RepeatedHourChoice
from clockapp.ui.screen_fit import ContentScrollArea, fit_to_screen
from clockapp.ui.wording import localized_day, violation_text

# Lines kept free for the result and for a refusal, so that neither moves the fields.
PREVIEW_LINES = 4
MESSAGE_LINES = 2


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    return edit


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    # Whole minutes, as the user's locale writes a time (24 h or AM/PM).
    shown = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    edit.setDisplayFormat(shown.replace(":ss", "").replace(".ss", ""))
    return edit


def _picked_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _picked_time(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def _kept(original: datetime | None, picked: datetime) -> datetime:
    """``original`` while the picker still shows its minute: seconds the clock recorded are not
    lost (nor count as a change) because a picker shows whole minutes."""
    if original is not None and original.replace(second=0, microsecond=0) == picked:
        return original
    return picked


class BreakRow(QWidget):
    """One break: its start and end time (an open break of the running session has no end),
    whether it counts toward the legal break, and a button that removes it."""

    changed = Signal()
    removed = Signal(object)

    def __init__(
        self, start: datetime, end: datetime | None, zone_name: str, *, running: bool = False
    ) -> None:
        super().__init__()
        self.original = (start, end)
        self.running = running
        self.start_time = _time_edit(local(start, zone_name).time())
        self.start_time.setAccessibleName(self.tr("Break start"))
        # Which of the two, where a time is in the hour the clocks repeat (hidden otherwise).
        self.start_choice = RepeatedHourChoice(initial=start, zone_name=zone_name)
        self.end_choice = RepeatedHourChoice(initial=end or start, zone_name=zone_name)
        # The times on one line; below them, only when one is in the repeated hour, which one
        # (a line of its own: the row stays narrow enough for the screen at 200 %).
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        which = QHBoxLayout()
        rows.addLayout(which)
        layout.addWidget(self.start_time)
        which.addWidget(self.start_choice)
        layout.addWidget(QLabel("–"))
        if running:
            self.end_time: QTimeEdit | None = None
            layout.addWidget(QLabel(self.tr("running")))
        else:
            self.end_time = _time_edit(local(end or start, zone_name).time())
            self.end_time.setAccessibleName(self.tr("Break end"))
            self.end_time.timeChanged.connect(self.changed)
            layout.addWidget(self.end_time)
            which.addWidget(self.end_choice)
            self.end_choice.activated.connect(self.changed)
        which.addStretch(1)
        self.start_choice.activated.connect(self.changed)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        counts, short = self.counts_text(), self.short_text()
        # As wide as the longer verdict: the row doesn't jump as a break crosses 15 minutes.
        metrics = self.verdict.fontMetrics()
        self.verdict.setMinimumWidth(
            max(metrics.horizontalAdvance(counts), metrics.horizontalAdvance(short)) + 4
        )
        layout.addWidget(self.verdict, 1)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove this break"))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.remove_button)

    def counts_text(self) -> str:
        return self.tr("counts toward the legal break")

    def short_text(self) -> str:
        return self.tr("doesn't count (under {minutes} min)").format(
            minutes=int(MIN_COUNTED_BREAK_S // 60)
        )

    def show_length(self, seconds: float | None) -> None:
        """Say whether a break of ``seconds`` counts (None: its times can't be read yet)."""
        if self.running:
            self.verdict.setText(self.tr("still running"))
        elif seconds is None:
            self.verdict.setText("")
        else:
            counts = seconds >= MIN_COUNTED_BREAK_S
            self.verdict.setText(self.counts_text() if counts else self.short_text())

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.start_time, self.end_time):
            if edit is not None:
                edit.setReadOnly(read_only)
        for choice in (self.start_choice, self.end_choice):
            choice.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)


class EditDialog(QDialog):
    """Opened with ``open()``; emits ``accepted`` once the store holds the edit.

    Without a session it adds a finished session on ``day`` (time someone forgot to clock)."""

    def __init__(
        self,
        service: ClockService,
        session: WorkSession | None,
        parent: QWidget | None = None,
        *,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.session = session
        zone = service.zone_name
        now = service.now()
        end: datetime | None
        if session is None:
            self.setWindowTitle(self.tr("Add time"))
            self.day = day or local(now, zone).date()
            start, end = self._default_span(self.day, now)
            breaks: Sequence[tuple[datetime, datetime | None]] = ()
        else:
            self.setWindowTitle(self.tr("Edit session"))
            self.day = local(session.start, zone).date()
            start, end = session.start, session.end
            breaks = [(b.start, b.end) for b in session.breaks]
        # What the session holds now (None when adding): kept to the second while unchanged.
        self.original_start: datetime | None = session.start if session else None
        self.original_end: datetime | None = session.end if session else None
        self.running = session is not None and session.end is None
        days = local_days(start, end or now, zone)
        self.locked_day = service.first_locked_day(days[0], days[-1])
        self.locked = self.locked_day is not None
        #: The question asked before saving on a day a manager has confirmed.
        self.question: QMessageBox | None = None

        self.start_date = _date_edit(local(start, zone).date())
        self.start_date.setAccessibleName(self.tr("Start date"))
        self.start_time = _time_edit(local(start, zone).time())
        self.start_time.setAccessibleName(self.tr("Start time"))
        self._start_day = _picked_date(self.start_date)
        shown_end = local(end or now, zone)
        self.end_date = _date_edit(shown_end.date())
        self.end_date.setAccessibleName(self.tr("End date"))
        self.end_time = _time_edit(shown_end.time())
        self.end_time.setAccessibleName(self.tr("End time"))
        self.start_choice = RepeatedHourChoice(initial=start, zone_name=zone)
        self.end_choice = RepeatedHourChoice(initial=end or now, zone_name=zone)

        self.breaks_box = QVBoxLayout()
        self.breaks_box.setContentsMargins(0, 0, 0, 0)
        self.break_rows: list[BreakRow] = []
        self.add_break_button = QPushButton(self.tr("&Add break"))
        self.add_break_button.clicked.connect(self.add_break)
        breaks_field = QWidget()
        breaks_layout = QVBoxLayout(breaks_field)
        breaks_layout.setContentsMargins(0, 0, 0, 0)
        breaks_layout.addLayout(self.breaks_box)
        breaks_layout.addWidget(self.add_break_button, 0, Qt.AlignmentFlag.AlignLeft)
        for b_start, b_end in breaks:
            self._add_row(BreakRow(b_start, b_end, zone, running=b_end is None))

        self.note_edit = QLineEdit(session.note if session else "")
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_required = service.reason_required()
        if self.reason_required:
            self.reason_edit.setPlaceholderText(
                self.tr("required by your organisation; kept in the session's history")
            )
        else:
            self.reason_edit.setPlaceholderText(self.tr("kept in the session's history"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        start_label = QLabel(self.tr("&Start:"))
        start_label.setBuddy(self.start_date)
        form.addRow(start_label, self._pair(self.start_date, self.start_time, self.start_choice))
        if self.running:
            self.end_label = QLabel(self.tr("still running (clock out to end it)"))
            form.addRow(self.tr("End:"), self.end_label)
        else:
            end_label = QLabel(self.tr("&End:"))
            end_label.setBuddy(self.end_date)
            form.addRow(end_label, self._pair(self.end_date, self.end_time, self.end_choice))
        form.addRow(self.tr("Breaks:"), breaks_field)
        form.addRow(self.tr("&Note:"), self.note_edit)
        reason_label = self.tr("&Reason (required):") if self.reason_required else None
        form.addRow(reason_label or self.tr("&Reason:"), self.reason_edit)
        self.form = form

        # What saving would do; room for a few lines is kept so that the dialog doesn't jump.
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Result"))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setMinimumHeight(PREVIEW_LINES * self.preview.fontMetrics().lineSpacing())
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(form)
        content_layout.addWidget(self.preview)
        content_layout.addStretch(1)
        self.content_area = ContentScrollArea(content)

        # Outside the scrolling content, with room for two lines kept free: a refusal never
        # squeezes the fields.
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setMinimumHeight(MESSAGE_LINES * self.message.fontMetrics().lineSpacing())
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        if self.locked:
            self._open_read_only()
        else:
            for edit in (self.start_date, self.end_date):
                edit.dateChanged.connect(self.update_preview)
            for t_edit in (self.start_time, self.end_time):
                t_edit.timeChanged.connect(self.update_preview)
            for choice in (self.start_choice, self.end_choice):
                choice.activated.connect(self.update_preview)
            self.start_date.dateChanged.connect(self._move_end_date)
            self.note_edit.textChanged.connect(self.update_preview)
            self.reason_edit.textChanged.connect(self.update_preview)
        self.update_preview()

    @staticmethod
    def _pair(*widgets: QWidget) -> QWidget:
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return pair

    def _default_span(self, day: date, now: datetime) -> tuple[datetime, datetime]:
        """A working day of 09:00 to 17:00 on ``day``, ending no later than now (whole
        minutes), so that a forgotten morning of today starts out plausible."""
        zone = self.service.zone_name
        start = local_wall_time(day, time(9), zone)
        end = min(local_wall_time(day, time(17), zone), now.replace(second=0, microsecond=0))
        return start, max(end, start + timedelta(hours=1))

    def _open_read_only(self) -> None:
        for d_edit in (self.start_date, self.end_date):
            d_edit.setReadOnly(True)
        for t_edit in (self.start_time, self.end_time):
            t_edit.setReadOnly(True)
        for choice in (self.start_choice, self.end_choice):
            choice.setEnabled(False)
        for row in self.break_rows:
            row.set_read_only(True)
        self.add_break_button.setEnabled(False)
        self.note_edit.setReadOnly(True)
        self.reason_edit.setReadOnly(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        # Rows added while the dialog was hidden (or since) leave stale size hints cached in
        # the layouts between them and the dialog, which Qt refreshes only later, by posted
        # events: refresh them all now, so the dialog is sized from what it holds.
        for widget in [*self.findChildren(QWidget), self]:
            widget.updateGeometry()
        for layout in self.findChildren(QLayout):
            layout.invalidate()
        fit_to_screen(self)

    # -- break rows ------------------------------------------------------------------------

    def add_break(self) -> None:
        """A new break row: 30 minutes after the last break (or the start), 30 minutes long."""
        zone = self.service.zone_name
        try:
            start, end, breaks = self.values()
        except ClockError:
            start, end, breaks = self.service.now(), None, []
        ends = [e for _, e in breaks if e is not None]
        begin = max(ends, default=start + timedelta(hours=3))
        if end is not None and begin + timedelta(minutes=30) > end:
            begin = max(start, end - timedelta(minutes=30))
        row = BreakRow(begin, begin + timedelta(minutes=30), zone)
        self._add_row(row)
        row.start_time.setFocus()
        self.update_preview()
        self._refit()

    def _add_row(self, row: BreakRow) -> None:
        self.break_rows.append(row)
        self.breaks_box.addWidget(row)
        row.changed.connect(self.update_preview)
        row.removed.connect(self.remove_break)

    def remove_break(self, row: BreakRow) -> None:
        self.break_rows.remove(row)
        self.breaks_box.removeWidget(row)
        row.deleteLater()
        self.add_break_button.setFocus()
        self.update_preview()
        self._refit()

    def _refit(self) -> None:
        if self.isVisible():
            self._fit()

    def _move_end_date(self) -> None:
        """A start moved to another day takes the end along (same number of days apart)."""
        moved = (_picked_date(self.start_date) - self._start_day).days
        self._start_day = _picked_date(self.start_date)
        if moved:
            self.end_date.setDate(self.end_date.date().addDays(moved))

    # -- values, preview and saving --------------------------------------------------------

    def values(self) -> tuple[datetime, datetime | None, list[tuple[datetime, datetime | None]]]:
        """The start, end (None while running) and breaks the pickers show, as UTC instants.

        A time in the hour the clocks repeat is the one its choice says (the choice is shown
        then). Raises ``ClockError`` for a time the zone skips, or a break that ends before it
        starts."""
        zone = self.service.zone_name
        day = _picked_date(self.start_date)
        start = _kept(
            self.original_start,
            self.start_choice.resolve(day, _picked_time(self.start_time), zone),
        )
        end = None
        if not self.running:
            end_day, end_wall = _picked_date(self.end_date), _picked_time(self.end_time)
            end = _kept(self.original_end, self.end_choice.resolve(end_day, end_wall, zone, start))
        breaks: list[tuple[datetime, datetime | None]] = []
        for row in self.break_rows:
            b_start = self._after(
                row.start_time, row.start_choice, day, start - timedelta(seconds=1)
            )
            if row.end_time is None:  # the running break: its start only
                breaks.append((_kept(row.original[0], b_start), None))
                continue
            b_end = self._after(row.end_time, row.end_choice, day, b_start)
            text = f"{_picked_time(row.start_time):%H:%M}-{_picked_time(row.end_time):%H:%M}"
            b_start, b_end = checked_break(b_start, b_end, text)
            breaks.append((_kept(row.original[0], b_start), _kept(row.original[1], b_end)))
        return start, end, breaks

    def _after(
        self, edit: QTimeEdit, choice: RepeatedHourChoice, day: date, after: datetime
    ) -> datetime:
        """A break's time on the session's ``day``, or the next day when it would not be after
        ``after`` (a break past midnight), as the command line reads ``HH:MM-HH:MM``."""
        zone, wall = self.service.zone_name, _picked_time(edit)
        if wall_times(day, wall, zone)[-1] <= after:
            day += timedelta(days=1)
        return choice.resolve(day, wall, zone, after)

    def update_preview(self) -> None:
        """Show what saving would do, and why it would be refused."""
        offered = self._offered()
        try:
            start, end, breaks = self.values()
        except ClockError as exc:
            for row in self.break_rows:
                row.show_length(None)
            self.preview.setText("")
            self.message.setText(explain(exc))
            return
        finally:
            if self._offered() != offered:  # a which-one choice came or went
                self._refit()
        for row, (b_start, b_end) in zip(self.break_rows, breaks, strict=True):
            row.show_length(None if b_end is None else (b_end - b_start).total_seconds())
        check = self.service.check_change(
            str(self.session.id) if self.session else None,
            start=start,
            end=end,
            breaks=breaks,
            note=self.note_edit.text().strip(),
            reason=self.reason_edit.text(),
        )
        self.preview.setText(self.result_text(check))
        if self.locked_day is not None:
            self.message.setText(self.locked_text())
        else:
            self.message.setText(explain(check.refusal) if check.refusal else "")

    def _offered(self) -> list[bool]:
        """Which of the which-one choices are shown."""
        choices = [self.start_choice, self.end_choice]
        for row in self.break_rows:
            choices += [row.start_choice, row.end_choice]
        return [not choice.isHidden() for choice in choices]

    def locked_text(self) -> str:
        if self.session is None:
            return self.tr("This day is locked. Unlock it in the week view to add time to it.")
        return self.tr("This day is locked. Unlock it in the week view to change this session.")

    def result_text(self, check: ChangeCheck) -> str:
        """The session's time, each day it touches against its target, and the working-time
        rules those days break (⚠) or no longer break (✓)."""
        now = self.service.now()
        session = check.session
        zone = self.service.zone_name
        # By the timeline, as the days count it: a break outside the session adds nothing.
        parts = split_by_day(session, zone, now).values()
        lines = [
            self.tr("This session: {worked} worked, {breaks} on break.").format(
                worked=hm(sum(worked for worked, _ in parts)),
                breaks=hm(sum(paused for _, paused in parts)),
            )
        ]
        before = {d.date: d for d in check.before}
        touched = set(local_days(session.start, session.effective_end(now), zone))
        for day in check.after:
            was = before[day.date]
            if day.date not in touched and day.worked_seconds == was.worked_seconds:
                continue
            line = self.tr("{day}: {worked} of {target} worked; breaks that count: {counted}")
            line = line.format(
                day=localized_day(day.date),
                worked=hm(day.worked_seconds),
                target=hm(day.target_min * 60),
                counted=hm(day.counted_break_seconds),
            )
            if day.worked_min != was.worked_min:
                line += " " + self.tr("(before: {worked})").format(worked=hm(was.worked_seconds))
            lines.append(line)
        still = {(v.date, v.rule) for v in check.broken_after}
        lines += [f"⚠ {violation_text(v)}" for v in check.broken_after]
        lines += [
            "✓ " + self.tr("No longer broken: {rule}").format(rule=violation_text(v))
            for v in check.broken_before
            if (v.date, v.rule) not in still
        ]
        return "\n".join(lines)

    def save(self, change_confirmed: bool = False) -> None:
        """Check and store the change; on a refusal, say why and keep the dialog open. On a
        day a manager has confirmed, ask first (``change_confirmed``: the user agreed)."""
        note, reason = self.note_edit.text().strip(), self.reason_edit.text()
        try:
            start, end, breaks = self.values()
            if self.session is None:
                assert end is not None  # pickers always give an end when adding
                finished = [(s, e) for s, e in breaks if e is not None]
                self.service.add(start, end, finished, note, reason, change_confirmed)
            else:
                self.service.edit(
                    str(self.session.id),
                    start=start,
                    end=end,
                    breaks=breaks,
                    note=note,
                    reason=reason,
                    change_confirmed=change_confirmed,
                )
        except ConfirmedDay as exc:
            self.ask_confirmed(date.fromisoformat(str(exc.values["day"])))
            return
        except ClockError as exc:
            self.message.setText(explain(exc))
            return
        self.accept()

    def ask_confirmed(self, day: date) -> None:
        """A manager has confirmed ``day``: save only if the user still wants to."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Change a confirmed day?"),
            self.tr(
                "A manager has confirmed {day}. If you save, they will see the change. Save anyway?"
            ).format(day=localized_day(day)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Save:
                self.save(change_confirmed=True)

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()  # never exec(): no nested event loop under qasync
