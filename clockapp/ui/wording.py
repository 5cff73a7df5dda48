"""How the UI says a day and a broken working-time rule, in the user's language: one wording
for the week window and the edit dialog's preview."""

from __future__ import annotations

from datetime import date

from clockapp.domain.rules import (
    RULE_BREAK_30,
    RULE_BREAK_45,
    RULE_MAX_10H,
    RULE_REST_11H,
    Violation,
)
from clockapp.domain.timeline import floor_minutes
from clockapp.ui.qt import QCoreApplication, QDate, QLocale


def localized_day(day: date) -> str:
    """``Mon 23.11.2026`` / ``Mon 23/11/2026``: the weekday and the date as the user's locale
    writes them (ISO dates where the locale is plain C, which has no convention of its own)."""
    locale = QLocale()
    weekday = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    if locale.language() == QLocale.Language.C:
        return f"{weekday} {day.isoformat()}"
    qdate = QDate(day.year, day.month, day.day)
    return f"{weekday} {locale.toString(qdate, QLocale.FormatType.ShortFormat)}"


def duration(seconds: float) -> str:
    """Whole minutes as ``H:MM`` (``7:45``), rounded down as the timeline rounds."""
    hours, mins = divmod(max(floor_minutes(seconds), 0), 60)
    return f"{hours}:{mins:02d}"


def violation_text(violation: Violation) -> str:
    """The rule a day breaks, in the user's language (the domain gives numbers, not words)."""

    def tr(text: str) -> str:
        # The week window said these first: its translations are kept under its name.
        return QCoreApplication.translate("WeekWindow", text)

    day = localized_day(violation.date)
    worked = duration(violation.worked_seconds)
    if violation.rule in (RULE_BREAK_30, RULE_BREAK_45):
        required, after = (30, 6) if violation.rule == RULE_BREAK_30 else (45, 9)
        return tr(
            "{day}: {worked} worked without enough break; {required} min are required "
            "after {hours} hours, in breaks of 15 min or more."
        ).format(day=day, worked=worked, required=required, hours=after)
    if violation.rule == RULE_MAX_10H:
        return tr("{day}: {worked} worked; at most 10 hours of work a day are allowed.").format(
            day=day, worked=worked
        )
    if violation.rule == RULE_REST_11H:
        return tr(
            "{day}: work started after less than 11 hours of rest since the last working day."
        ).format(day=day)
    return violation.rule
