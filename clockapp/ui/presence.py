"""The tray app's presence watch: polls idle time, shows away prompts, clock changes, reminders.

One coarse timer (every 20 s by default; in the tray app the live clock's minute beat instead,
so an idle tray wakes once a minute, not four times) asks the idle source once and hands the
answer to :class:`~clockapp.services.presence.PresenceService`; between polls nothing runs.
Prompts open as non-modal dialogs, one per away stretch; everything else goes through the tray's
``notify(title, text)``. After anything changed the record, the live clock re-reads it (and a
clock-out triggers an upload, as a clock-out from the menu does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from clockapp.domain.errors import UserError
from clockapp.domain.presence import (
    AddBreak,
    AwayAnswer,
    AwayPrompt,
    ClockChanged,
    ClockOutAt,
    Reminder,
    ReminderKind,
    ZoneChanged,
)
from clockapp.platform.idle import IdleSource
from clockapp.services.presence import (
    AutoClockedOut,
    AutoClockOutFailed,
    Event,
    PresenceService,
)
from clockapp.ui.away_prompt import AwayPromptDialog, clock_time
from clockapp.ui.durations import spoken
from clockapp.ui.i18n import explain
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.qt import QCoreApplication, QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)

#: How often idle time is asked (milliseconds). Coarse on purpose: an away stretch is 10 min.
POLL_INTERVAL_MS = 20_000


class PresenceController(QObject):
    """Owns the idle poll and the away prompts; ``notify(title, text)`` shows a message."""

    #: The record was changed here (an answer, an automatic clock-out).
    recorded = Signal()

    def __init__(
        self,
        clock: LiveClock,
        presence: PresenceService,
        idle_source: IdleSource,
        notify: Callable[[str, str], None],
        parent: QObject | None = None,
        poll_interval_ms: int | None = POLL_INTERVAL_MS,
    ) -> None:
        """``poll_interval_ms``: None when the caller calls :meth:`poll` on its own beat."""
        super().__init__(parent)
        self.clock = clock
        self.presence = presence
        self.idle_source = idle_source
        self.notify = notify
        self.prompts: list[AwayPromptDialog] = []
        self._timer = QTimer(self)
        self._timer.setInterval(poll_interval_ms or 0)
        self._own_timer = poll_interval_ms is not None
        # Whole-second precision is plenty, and lets the OS batch the wake-ups.
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.timeout.connect(self.poll)
        clock.changed.connect(self._withdraw_stale_prompts)

    def start(self) -> None:
        """Ask about a session left running by the last run, then start polling."""
        self._handle(self._safely(self.presence.start))
        self.poll()
        if self._own_timer:
            self._timer.start()
        log.info("idle detection: %s", self.idle_source.describe())

    def stop(self) -> None:
        """Stop polling and store the heartbeat (call on quit)."""
        self._timer.stop()
        try:
            self.presence.stop()
        except UserError as exc:
            log.warning("activity heartbeat not saved on quit: %s", exc)
        self.idle_source.close()

    def poll(self) -> None:
        """One look: idle time to the service, its events to the screen."""
        self._handle(self._safely(lambda: self.presence.observe(self.idle_source.idle_seconds())))

    def _safely(self, step: Callable[[], list[Event]]) -> list[Event]:
        try:
            return step()
        except UserError as exc:
            # A busy or full disk must not stop the timer; the next poll tries again.
            log.warning("presence check failed: %s", exc)
            return []

    # -- events ------------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, AwayPrompt):
                self.show_prompt(event)
            elif isinstance(event, AutoClockedOut):
                self._changed(clocked_out=True)
                end = event.session.end
                assert end is not None
                self.notify(
                    self.tr("Clocked out automatically"),
                    self.tr(
                        "You were still clocked in after {hours} hours, so ClockApp clocked you "
                        "out at {end}, your last activity. Please check it in the week view."
                    ).format(hours=self._auto_hours(), end=self._time(end)),
                )
            elif isinstance(event, AutoClockOutFailed):
                self.notify(
                    self.tr("Still clocked in"),
                    self.tr(
                        "You have been clocked in for a long time, and ClockApp could not clock "
                        "you out at {end}: {reason}"
                    ).format(end=self._time(event.end), reason=explain(event.reason)),
                )
            elif isinstance(event, ClockChanged):
                self.notify(
                    self.tr("The computer's clock changed"),
                    self.tr(
                        "The clock was set {direction} by {length}. Your recorded times are "
                        "unchanged; check the running session if it looks wrong."
                    ).format(
                        direction=self.tr("forward") if event.jump_seconds > 0 else self.tr("back"),
                        length=spoken(abs(event.jump_seconds)),
                    ),
                )
            elif isinstance(event, ZoneChanged):
                self.notify(
                    self.tr("The time zone changed"),
                    self.tr(
                        "The time zone changed from {before} to {after}. Your recorded times "
                        "are unchanged; restart ClockApp to see them in the new zone."
                    ).format(before=event.before, after=event.after),
                )
            else:
                limit_hours = round(self.presence.reminders.daily_limit_seconds / 3600)
                self.notify(self.tr("ClockApp reminder"), reminder_text(event, limit_hours))

    def show_prompt(self, prompt: AwayPrompt) -> AwayPromptDialog:
        """Open the non-modal away prompt for ``prompt``."""
        dialog = AwayPromptDialog(prompt, self.presence.clock.zone_name)
        dialog.answered.connect(lambda answer, d=dialog: self._on_answer(d, answer))
        dialog.destroyed.connect(lambda *_, d=dialog: self._forget(d))
        self.prompts.append(dialog)
        dialog.open()
        return dialog

    def _forget(self, dialog: AwayPromptDialog) -> None:
        if dialog in self.prompts:
            self.prompts.remove(dialog)

    def _on_answer(self, dialog: AwayPromptDialog, answer: AwayAnswer) -> None:
        self._forget(dialog)
        prompt = dialog.prompt
        try:
            result = self.presence.answer(prompt, answer)
        except UserError as exc:
            self.notify(self.tr("Nothing was changed"), explain(exc))
            self.clock.refresh()
            return
        if isinstance(result.recording, AddBreak | ClockOutAt):
            self._changed(clocked_out=isinstance(result.recording, ClockOutAt))
        elif answer is AwayAnswer.DISMISSED:
            self.notify(
                self.tr("Kept as work"),
                self.tr(
                    "The time from {start} to {end} stays recorded as work. You can change it "
                    "in the week view."
                ).format(start=self._time(prompt.start), end=self._time(prompt.end)),
            )

    def _changed(self, clocked_out: bool) -> None:
        self.clock.refresh()
        self.recorded.emit()
        if clocked_out:
            self.clock.clocked_out.emit()  # the finished session goes to the upload queue now

    def _withdraw_stale_prompts(self) -> None:
        # A prompt about a session that has ended (clocked out elsewhere, auto clock-out) no
        # longer applies: answering it could only fail.
        session = self.clock.status.session
        for dialog in list(self.prompts):
            if session is None or session.id != dialog.prompt.session_id:
                self._forget(dialog)
                dialog.withdraw()

    def _time(self, instant: datetime) -> str:
        return clock_time(instant, self.presence.clock.zone_name)

    def _auto_hours(self) -> int:
        return self.presence.auto_clock_out_hours


def reminder_text(reminder: Reminder, limit_hours: int = 10) -> str:
    """The reminder's sentence; ``limit_hours``: the daily limit it speaks of."""
    at = reminder.at.strftime("%H:%M") if reminder.at is not None else ""
    if reminder.kind is ReminderKind.NOT_CLOCKED_IN:
        return QCoreApplication.translate(
            "Reminder", "It's past {at} and you haven't clocked in today."
        ).format(at=at)
    if reminder.kind is ReminderKind.STILL_CLOCKED_IN:
        return QCoreApplication.translate(
            "Reminder", "It's past {at} and you are still clocked in."
        ).format(at=at)
    if reminder.kind in (ReminderKind.BREAK_DUE, ReminderKind.SECOND_BREAK_DUE):
        if reminder.minutes <= 0:
            return QCoreApplication.translate(
                "Reminder", "A {length}-min break is due now (working-time rules)."
            ).format(length=reminder.break_minutes)
        return QCoreApplication.translate(
            "Reminder", "A {length}-min break is due in {minutes} min."
        ).format(length=reminder.break_minutes, minutes=reminder.minutes)
    if reminder.kind is ReminderKind.SHIFT_STARTS:
        return QCoreApplication.translate(
            "Reminder", "Your shift starts at {at} (in {minutes} min)."
        ).format(at=at, minutes=reminder.minutes)
    if reminder.kind is ReminderKind.SHIFT_NOT_CLOCKED_IN:
        return QCoreApplication.translate(
            "Reminder", "Your shift started at {at} and you haven't clocked in."
        ).format(at=at)
    if reminder.kind is ReminderKind.SHIFT_STILL_CLOCKED_IN:
        return QCoreApplication.translate(
            "Reminder", "Your shift ended at {at} and you are still clocked in."
        ).format(at=at)
    if reminder.kind is ReminderKind.DAILY_LIMIT:
        if reminder.minutes <= 0:
            return QCoreApplication.translate(
                "Reminder", "You have reached the {hours}-hour daily limit."
            ).format(hours=limit_hours)
        return QCoreApplication.translate(
            "Reminder", "The {hours}-hour daily limit is {minutes} min away."
        ).format(hours=limit_hours, minutes=reminder.minutes)
    return QCoreApplication.translate(
        "Reminder", "You have been clocked in for over {hours} hours. Forgot to clock out?"
    ).format(hours=reminder.minutes // 60)
