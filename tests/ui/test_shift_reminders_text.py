"""The shift reminders' sentences, in English and German, and the UI language Papershift hears."""

from __future__ import annotations

from datetime import date, time

from pytestqt.qtbot import QtBot

from clockapp.domain.presence import Reminder, ReminderKind
from clockapp.ui.i18n import ui_language
from clockapp.ui.presence import reminder_text

DAY = date(2026, 11, 23)


def test_shift_reminders_in_english(qtbot: QtBot) -> None:
    assert ui_language() == "en"
    starts = Reminder(ReminderKind.SHIFT_STARTS, DAY, minutes=10, at=time(6))
    assert reminder_text(starts) == "Your shift starts at 06:00 (in 10 min)."
    late = Reminder(ReminderKind.SHIFT_NOT_CLOCKED_IN, DAY, minutes=15, at=time(6))
    assert reminder_text(late) == "Your shift started at 06:00 and you haven't clocked in."
    over = Reminder(ReminderKind.SHIFT_STILL_CLOCKED_IN, DAY, minutes=30, at=time(14))
    assert reminder_text(over) == "Your shift ended at 14:00 and you are still clocked in."


def test_shift_reminders_in_german_and_papershift_hears_de(german: None) -> None:
    assert ui_language() == "de"
    starts = Reminder(ReminderKind.SHIFT_STARTS, DAY, minutes=10, at=time(6))
    assert reminder_text(starts) == "Ihre Schicht beginnt um 06:00 (in 10 Min.)."
