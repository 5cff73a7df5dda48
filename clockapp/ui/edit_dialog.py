"""Editing one finished session, or adding forgotten time: start, end, breaks, note and the
reason for the change, checked by the clock core.

Times are typed as people say them (``08:00``, ``12:00-12:30``) and read by the same parsers the
command line uses, so DST gaps and night shifts are handled in one place. A refused edit shows
the domain's sentence and changes nothing; a locked day's session is shown read-only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from clockapp.domain.errors import ClockError, ConfirmedDay
from clockapp.domain.session import WorkSession
from clockapp.domain.zones import local
from clockapp.services.clock import ClockService
from clockapp.services.time_input import parse_after, parse_break, parse_instant
from clockapp.ui.i18n import explain
from clockapp.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
)
from clockapp.ui.screen_fit import fit_to_screen


def wall(instant: datetime, zone_name: str) -> str:
    return local(instant, zone_name).strftime("%Y-%m-%d %H:%M")


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
        if session is None:
            self.setWindowTitle(self.tr("Add time"))
            self.day = day or local(service.now(), zone).date()
        else:
            self.setWindowTitle(self.tr("Edit session"))
            self.day = local(session.start, zone).date()
        self.locked = self.day in service.store.locked_days(self.day, self.day)
        #: The question asked before saving on a day a manager has confirmed.
        self.question: QMessageBox | None = None

        if session is None:
            self.start_edit = QLineEdit(f"{self.day:%Y-%m-%d} 09:00")
            self.end_edit = QLineEdit()
            self.end_edit.setPlaceholderText(self.tr("e.g. 17:00"))
            self.breaks_edit = QLineEdit()
            self.note_edit = QLineEdit()
        else:
            self.start_edit = QLineEdit(wall(session.start, zone))
            self.end_edit = QLineEdit(wall(session.end, zone) if session.end else "")
            self.breaks_edit = QLineEdit(
                ", ".join(
                    f"{local(b.start, zone):%H:%M}-{local(b.end, zone):%H:%M}"
                    for b in session.breaks
                    if b.end is not None
                )
            )
            self.note_edit = QLineEdit(session.note)
        self.breaks_edit.setPlaceholderText(self.tr("e.g. 12:00-12:30, 15:00-15:15"))
        self._breaks_shown = self.breaks_edit.text()
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("kept in the session's history"))
        # Wide enough for two breaks and a full date-time, whatever the language's labels.
        metrics = self.breaks_edit.fontMetrics()
        field_width = metrics.horizontalAdvance("12:00-12:30, 15:00-15:15, 17:00-17:15") + 16
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, field, name in (
            (self.tr("&Start:"), self.start_edit, self.tr("Start")),
            (self.tr("&End:"), self.end_edit, self.tr("End")),
            (self.tr("&Breaks:"), self.breaks_edit, self.tr("Breaks")),
            (self.tr("&Note:"), self.note_edit, self.tr("Note")),
            (self.tr("&Reason:"), self.reason_edit, self.tr("Reason")),
        ):
            field.setAccessibleName(name)
            field.setReadOnly(self.locked)
            field.setMinimumWidth(field_width)
            form.addRow(label, field)

        # Below the fields, wrapping, with room for two lines kept free: a refusal never
        # squeezes the fields.
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if self.locked:
            save.setEnabled(False)
            self.message.setText(
                self.tr("This day is locked. Unlock it in the week view to change this session.")
            )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)
        super().showEvent(event)

    def save(self, change_confirmed: bool = False) -> None:
        """Check and store the edit; on a refusal, say why and keep the dialog open. On a day a
        manager has confirmed, ask first (``change_confirmed``: the user agreed)."""
        zone = self.service.zone_name
        try:
            start = parse_instant(self.start_edit.text(), zone, self.day)
            end_text = self.end_edit.text().strip()
            running = self.session is not None and self.session.end is None
            if not end_text and not running:
                raise ClockError(self.tr("A finished session needs an end."))
            end = (
                parse_after(end_text, zone, local(start, zone).date(), start) if end_text else None
            )
            breaks: list[tuple[datetime, datetime]] | None = [
                parse_break(part, zone, local(start, zone).date(), start)
                for part in self.breaks_edit.text().split(",")
                if part.strip()
            ]
            if running and self.breaks_edit.text() == self._breaks_shown:
                breaks = None  # unchanged: a running break stays as it is
            elif self.session is not None and self.session.open_break is not None:
                raise ClockError(self.tr("End the running break before changing the breaks."))
            note, reason = self.note_edit.text().strip(), self.reason_edit.text()
            if self.session is None:
                assert end is not None and breaks is not None
                self.service.add(start, end, breaks, note, reason, change_confirmed)
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
        from clockapp.ui.week_window import localized_day  # it imports this module

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
