"""The away prompt: "You were away from 10:12 to 10:47. Was that a break, work, or the end of
your day?" — and its variant on start, "were you still working?".

A small non-modal dialog (opened with ``open()``, so nothing else waits for it). Its three
buttons answer; closing it any other way (Esc, the window's close button) is a dismissal, which
keeps the time as work. The dialog records nothing itself: it emits :attr:`answered`.
"""

from __future__ import annotations

from datetime import datetime

from clockapp.domain.presence import AwayAnswer, AwayCause, AwayPrompt
from clockapp.domain.zones import local
from clockapp.ui.durations import spoken
from clockapp.ui.qt import (
    QCloseEvent,
    QCoreApplication,
    QDate,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLocale,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


def clock_time(instant: datetime, zone_name: str, other: datetime | None = None) -> str:
    """``instant`` as local ``HH:MM``; with the date too when ``other`` falls on another day."""
    shown = local(instant, zone_name)
    if other is not None and local(other, zone_name).date() != shown.date():
        # Weekday and month in the user's language; the pattern is Qt's (QLocale::toString).
        pattern = QCoreApplication.translate("AwayPrompt", "ddd d MMM")
        day = QLocale().toString(QDate(shown.year, shown.month, shown.day), pattern)
        return f"{day} {shown:%H:%M}"
    return shown.strftime("%H:%M")


def question_text(prompt: AwayPrompt, zone_name: str) -> str:
    """The prompt's sentence in the person's local time."""
    start = clock_time(prompt.start, zone_name, prompt.end)
    end = clock_time(prompt.end, zone_name, prompt.start)
    length = spoken(prompt.seconds)
    if prompt.cause is AwayCause.APP_NOT_RUNNING:
        return QCoreApplication.translate(
            "AwayPrompt",
            "You are still clocked in, but ClockApp last saw you at {start} and was not "
            "running until {end} ({length}). Were you still working?",
        ).format(start=start, end=end, length=length)
    if prompt.cause is AwayCause.SLEEP:
        return QCoreApplication.translate(
            "AwayPrompt",
            "Your computer was asleep or you were away from {start} to {end} ({length}). "
            "Was that a break, work, or the end of your day?",
        ).format(start=start, end=end, length=length)
    return QCoreApplication.translate(
        "AwayPrompt",
        "You were away from {start} to {end} ({length}). "
        "Was that a break, work, or the end of your day?",
    ).format(start=start, end=end, length=length)


class AwayPromptDialog(QDialog):
    """Asks about one away stretch; emits :attr:`answered` once, with an :class:`AwayAnswer`."""

    #: The person's answer (an ``AwayAnswer``); emitted once, also for a dismissal.
    answered = Signal(object)

    def __init__(self, prompt: AwayPrompt, zone_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self._done = False
        self.setObjectName("AwayPrompt")
        # Without the app's name: Qt appends it (the application display name) itself.
        self.setWindowTitle(self.tr("Were you working?"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        self.question = QLabel(question_text(prompt, zone_name), self)
        self.question.setObjectName("question")
        self.question.setWordWrap(True)
        start = clock_time(prompt.start, zone_name, prompt.end)
        if prompt.cause is AwayCause.APP_NOT_RUNNING:
            labels = (
                self.tr("It was a &break"),
                self.tr("&Yes, I was working"),
                self.tr("No, I &stopped at {start}").format(start=start),
            )
        else:
            labels = (
                self.tr("A &break"),
                self.tr("&Work"),
                self.tr("&End of my day (clock out at {start})").format(start=start),
            )
        self.break_button = QPushButton(labels[0], self)
        self.break_button.setObjectName("break")
        self.work_button = QPushButton(labels[1], self)
        self.work_button.setObjectName("work")
        self.end_button = QPushButton(labels[2], self)
        self.end_button.setObjectName("end_of_day")
        self.break_button.clicked.connect(lambda: self.answer(AwayAnswer.BREAK))
        self.work_button.clicked.connect(lambda: self.answer(AwayAnswer.WORK))
        self.end_button.clicked.connect(lambda: self.answer(AwayAnswer.END_OF_DAY))
        self.hint = QLabel(self.tr("If you close this, the time counts as work."), self)
        self.hint.setObjectName("hint")

        buttons = QHBoxLayout()
        for button in (self.break_button, self.work_button, self.end_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    def answer(self, answer: AwayAnswer) -> None:
        """Emit ``answer`` (once) and close."""
        if not self._done:
            self._done = True
            self.answered.emit(answer)
        self.accept()

    def withdraw(self) -> None:
        """Close without an answer (the prompt no longer applies): emits nothing."""
        self._done = True
        self.close()

    def reject(self) -> None:
        # Esc or the close button: a dismissal, which keeps the time as work (and says so).
        if not self._done:
            self._done = True
            self.answered.emit(AwayAnswer.DISMISSED)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done:
            self._done = True
            self.answered.emit(AwayAnswer.DISMISSED)
        super().closeEvent(event)
