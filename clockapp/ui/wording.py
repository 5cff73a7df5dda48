"""How the UI says a day, an absence and a broken working-time rule, in the user's language: one
wording for the week and month windows, the monthly report and the edit dialog's preview."""

from __future__ import annotations

from datetime import date

from clockapp.domain.rules import (
    RULE_BREAK_30,
    RULE_BREAK_45,
    RULE_MAX_10H,
    RULE_REST_11H,
    Violation,
)
from clockapp.ui.durations import hm
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


def violation_text(violation: Violation) -> str:
    """The rule a day breaks, in the user's language (the domain gives numbers, not words)."""
    # The week window said these first: their translations are kept under its name.
    day = localized_day(violation.date)
    worked = hm(violation.worked_seconds)
    if violation.rule in (RULE_BREAK_30, RULE_BREAK_45):
        required, after = (30, 6) if violation.rule == RULE_BREAK_30 else (45, 9)
        return QCoreApplication.translate(
            "WeekWindow",
            "{day}: {worked} worked without enough break; {required} min are required "
            "after {hours} hours, in breaks of 15 min or more.",
        ).format(day=day, worked=worked, required=required, hours=after)
    if violation.rule == RULE_MAX_10H:
        return QCoreApplication.translate(
            "WeekWindow", "{day}: {worked} worked; at most 10 hours of work a day are allowed."
        ).format(day=day, worked=worked)
    if violation.rule == RULE_REST_11H:
        return QCoreApplication.translate(
            "WeekWindow",
            "{day}: work started after less than 11 hours of rest since the last working day.",
        ).format(day=day)
    return violation.rule


def absence_name(kind: str, half: bool = False) -> str:
    """An absence's kind in the user's words (``Vacation``, ``Urlaub``), a half day marked."""
    names = {
        "vacation": QCoreApplication.translate("Absence", "Vacation"),
        "sick": QCoreApplication.translate("Absence", "Sick"),
        "comp_time": QCoreApplication.translate("Absence", "Time off (balance)"),
        "other": QCoreApplication.translate("Absence", "Special leave"),
    }
    name = names.get(kind, kind)
    if half:
        return QCoreApplication.translate("Absence", "{kind} (half day)").format(kind=name)
    return name
