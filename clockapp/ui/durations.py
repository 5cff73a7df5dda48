"""Lengths of time as the tray app shows them, in one place. Minutes come from the domain's
rounding (:func:`clockapp.domain.timeline.hours_and_minutes`: whole minutes, rounded down
once), so a total here never disagrees with the command line's or the report's."""

from __future__ import annotations

from clockapp.domain.timeline import hours_and_minutes
from clockapp.ui.qt import QCoreApplication


def hms(seconds: float) -> str:
    """The running timer: whole seconds as ``HH:MM:SS`` (``08:05:09``)."""
    total = max(int(seconds), 0)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def hm(seconds: float) -> str:
    """A total: whole minutes as ``H:MM`` (``7:45``)."""
    hours, rest = hours_and_minutes(seconds)
    return f"{hours}:{rest:02d}"


def minutes(value: int) -> str:
    """A figure in whole minutes (the reports' ``*_min``) as ``H:MM``."""
    return hm(value * 60)


def signed(value: int) -> str:
    """Minutes against a target or a plan, or a balance: ``+3:15``, ``−1:30`` (a minus sign,
    not a hyphen), ``0:00``."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + minutes(abs(value))


def spoken(seconds: float) -> str:
    """A length of time as people say it, in their language: ``35 min``, ``2 h 05 min``."""
    hours, rest = hours_and_minutes(seconds)
    if not hours:
        return QCoreApplication.translate("AwayPrompt", "{minutes} min").format(minutes=rest)
    return QCoreApplication.translate("AwayPrompt", "{hours} h {minutes:02d} min").format(
        hours=hours, minutes=rest
    )
