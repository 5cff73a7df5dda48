"""Back-dating a clock action from the tray or the popup: "Clock in at…" and its three siblings.

A small dialog with one field: the time, and the date too when the span it may pick from crosses
midnight. It is bounded by the last clock event and now, and starts at now. The field shows the
wall clock of the clock's zone (UTC to Qt, so Qt converts nothing); the clock service stores the
instant in UTC and checks it as it checks every clock action. A refusal is shown in the dialog,
which stays open, and nothing changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from clockapp.domain.errors import ClockError
from clockapp.domain.zones import local
from clockapp.ui.i18n import explain
from clockapp.ui.live_clock import ClockAction, LiveClock, action_label, at_label
from clockapp.ui.qt import (
    QCoreApplication,
    QDate,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFont,
    QLabel,
    QLocale,
    QTime,
    QTimeZone,
    QVBoxLayout,
    QWidget,
)
from clockapp.ui.repeated_hour import RepeatedHourChoice


def _question(action: ClockAction) -> str:
    questions = {
        ClockAction.CLOCK_IN: QCoreApplication.translate("AtTime", "When did you start work?"),
        ClockAction.START_BREAK: QCoreApplication.translate("AtTime", "When did your break start?"),
        ClockAction.END_BREAK: QCoreApplication.translate("AtTime", "When did your break end?"),
        ClockAction.CLOCK_OUT: QCoreApplication.translate("AtTime", "When did you stop work?"),
    }
    return questions[action]


def _wall(instant: datetime, zone_name: str) -> QDateTime:
    wall = local(instant, zone_name)
    return QDateTime(
        QDate(wall.year, wall.month, wall.day),
        QTime(wall.hour, wall.minute, wall.second),
        QTimeZone.utc(),
    )


def _date_format() -> str:
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return locale.dateFormat(QLocale.FormatType.ShortFormat)


class AtTimeDialog(QDialog):
    """Asks when ``action`` happened and records it then; closes once it is recorded."""

    def __init__(
        self, clock: LiveClock, action: ClockAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.action = action
        self.setObjectName("AtTimeDialog")
        self.setWindowTitle(at_label(action).replace("&", "").rstrip("…"))
        self.question = QLabel(_question(action), self)
        self.editor = QDateTimeEdit(self)
        self.editor.setObjectName("time")
        # The field holds the wall clock of the clock's zone, not of the system's.
        self.editor.setTimeZone(QTimeZone.utc())
        self.editor.setAccessibleName(_question(action))
        self.question.setBuddy(self.editor)
        # Which of the two, when the picked time is in the hour the clocks repeat; it starts
        # as now, so a picker opened in the second 02:30 means that one.
        self.choice = RepeatedHourChoice(
            self, initial=clock.now(), zone_name=clock.service.zone_name
        )
        self.choice.setObjectName("which")
        self.range_label = QLabel(self)
        self.range_label.setObjectName("range")
        small = QFont(self.range_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.range_label.setFont(small)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(action_label(action))
        self.buttons.accepted.connect(self.commit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.editor)
        layout.addWidget(self.choice)
        layout.addWidget(self.range_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.earliest = self.latest = clock.now()
        self.read_bounds()
        self.editor.setDateTime(self.editor.maximumDateTime())  # now
        clock.changed.connect(self.read_bounds)
        self.editor.dateTimeChanged.connect(self.offer_choice)
        self.offer_choice()
        # Wide enough that a refusal wraps into a line or two, not a column of words.
        self.setMinimumWidth(
            max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 44)
        )
        self.editor.setFocus()

    def read_bounds(self) -> None:
        """Bound the field by the last clock event and now (both move: time passes, and another
        window or a terminal may clock meanwhile)."""
        service = self.clock.service
        zone = service.zone_name
        self.earliest, self.latest = service.back_date_range()
        first, last = local(self.earliest, zone), local(self.latest, zone)
        crosses = first.date() != last.date()
        wanted = f"{_date_format()} HH:mm" if crosses else "HH:mm"
        if self.editor.displayFormat() != wanted:
            self.editor.setDisplayFormat(wanted)
        self.editor.setDateTimeRange(_wall(self.earliest, zone), _wall(self.latest, zone))
        self.range_label.setText(
            QCoreApplication.translate("AtTime", "From {earliest} until now ({now}).").format(
                earliest=self._shown(first, crosses), now=self._shown(last, crosses)
            )
        )

    @staticmethod
    def _shown(wall: datetime, with_date: bool) -> str:
        if not with_date:
            return f"{wall:%H:%M}"
        day = QLocale().toString(
            QDate(wall.year, wall.month, wall.day), QLocale.FormatType.ShortFormat
        )
        return f"{day} {wall:%H:%M}"

    def picked(self) -> datetime:
        """The instant (UTC) the field shows: its whole minute, kept within the bounds (the
        field shows no seconds, and the last event or now may lie inside the minute)."""
        value = self.editor.dateTime()
        day, clock_time = value.date(), value.time()
        wall = time(clock_time.hour(), clock_time.minute())
        instant = self.choice.resolve(
            date(day.year(), day.month(), day.day()),
            wall,
            self.clock.service.zone_name,
            self.earliest,
        )
        if instant < self.earliest and self.earliest - instant < timedelta(minutes=1):
            instant = self.earliest
        return min(instant, self.latest)

    def offer_choice(self) -> None:
        """Show which-of-the-two when the picked time is in the repeated hour (else hide it)."""
        shown = not self.choice.isHidden()
        try:
            self.picked()
        except ClockError:  # a skipped time: said when the user confirms
            self.choice.hide()
        if shown != (not self.choice.isHidden()):
            self.adjustSize()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self.adjustSize()

    def commit(self) -> None:
        """Record the action at the picked time; on a refusal say why and stay open."""
        try:
            at = self.picked()
        except ClockError as exc:  # a wall time the clocks skipped
            self.show_message(explain(exc))
            return
        refusal = self.clock.try_act(self.action, at)
        if refusal is not None:
            self.show_message(refusal)
            return
        self.accept()
