"""Mark the days selected in the week as vacation, sick, time off or other leave.

A small form (kind, half day, note) over :meth:`AccountService.mark_absent`: a refusal (a locked
day, another absence in the way) shows in the form, in the user's language, and keeps it open
with nothing changed. Opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

from datetime import date

from clockapp.domain.errors import ClockError
from clockapp.services.account import AccountService
from clockapp.ui.i18n import explain
from clockapp.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from clockapp.ui.wording import absence_name

# The kinds of absence as the account records them, in the order the form offers them.
KINDS = ("vacation", "sick", "comp_time", "other")


class AbsenceDialog(QDialog):
    """Records ``days`` as absent on Save and emits ``accepted``; a refusal keeps it open."""

    def __init__(
        self, account: AccountService, days: list[date], shown: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.account = account
        self.days = sorted(days)
        self.setWindowTitle(self.tr("Mark as absent"))
        what = QLabel(shown)
        what.setWordWrap(True)
        what.setAccessibleName(self.tr("Days"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of absence"))
        for kind in KINDS:
            self.kind.addItem(absence_name(kind), kind)
        self.half = QCheckBox(self.tr("&Half day"))
        # A half day is one day: with more days selected it can't be chosen.
        self.half.setEnabled(len(self.days) == 1)
        if len(self.days) != 1:
            self.half.setToolTip(self.tr("A half day can be marked on one day at a time."))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        form = QFormLayout()
        form.addRow(self.tr("Days:"), what)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow("", self.half)
        form.addRow(self.tr("N&ote:"), self.note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Wide enough that a refusal wraps into a few lines, not a tall narrow column.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)

    def save(self) -> None:
        try:
            self.account.mark_absent(
                str(self.kind.currentData()),
                self.days,
                half=self.half.isEnabled() and self.half.isChecked(),
                note=self.note.text().strip(),
            )
        except ClockError as exc:
            self.message.setText(explain(exc))
            self.message.show()
            return
        self.accept()
