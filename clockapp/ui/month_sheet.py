"""The monthly timesheet to sign (Stundenzettel), written as a PDF by Qt itself.

Each day with its sessions (start–end), breaks, worked time, target, holiday or absence and
notes; the month's totals, the balance carried in and out, the vacation days; the working-time
rules broken; lines to sign. The words are the UI's (German for a German locale); the figures
come from the time account (``AccountService.month``), never recomputed here.
"""

from __future__ import annotations

import getpass
import html
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from clockapp.domain.account import last_of_month
from clockapp.domain.errors import ClockError
from clockapp.domain.rules import check_working_time
from clockapp.domain.session import WorkSession
from clockapp.domain.timeline import split_by_day
from clockapp.domain.zones import local
from clockapp.services.account import AccountService
from clockapp.ui.qt import (
    QCoreApplication,
    QDate,
    QLocale,
    QMarginsF,
    QObject,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from clockapp.ui.wording import absence_name


class MonthSheet(QObject):
    """Builds the timesheet of one month as HTML and prints it to a PDF file."""

    def __init__(self, account: AccountService) -> None:
        super().__init__()
        self.account = account

    def hm(self, minutes: int) -> str:
        sign = "−" if minutes < 0 else ""
        hours, rest = divmod(abs(minutes), 60)
        return self.tr("{sign}{hours}:{minutes:02d} h").format(sign=sign, hours=hours, minutes=rest)

    def rule_text(self, rule: str) -> str:
        texts = {
            "break_30_after_6h": self.tr("less than 30 min break after 6 hours of work"),
            "break_45_after_9h": self.tr("less than 45 min break after 9 hours of work"),
            "max_10h_per_day": self.tr("more than 10 hours of work"),
            "rest_11h": self.tr("less than 11 hours of rest before work"),
        }
        return texts.get(rule, rule)

    def day_spans(self, sessions: Iterable[WorkSession]) -> dict[date, list[str]]:
        """Each local day's sessions as start–end (``08:00–16:30``, ``08:05–…`` while it runs);
        a session across midnight under every day it counts on, with its weekdays
        (``Fri 22:00–Sat 06:30``)."""
        zone, now = self.account.zone_name, self.account.clock.now()
        locale = QLocale()
        spans: dict[date, list[str]] = defaultdict(list)
        for s in sorted(sessions, key=lambda s: s.start):
            start = local(s.start, zone)
            end = local(s.end, zone) if s.end is not None else None
            days = split_by_day(s, zone, now)
            if end is None:
                text = f"{start:%H:%M}–…"
            elif end.date() == start.date() or len(days) < 2:
                text = f"{start:%H:%M}–{end:%H:%M}"
            else:
                short = QLocale.FormatType.ShortFormat
                text = (
                    f"{locale.dayName(start.isoweekday(), short)} {start:%H:%M}–"
                    f"{locale.dayName(end.isoweekday(), short)} {end:%H:%M}"
                )
            for day in days:
                spans[day].append(text)
        return spans

    def vacation_line(self, entitled: float, taken: float, planned: float) -> str:
        """``30 entitled, 5 taken, 0 planned, 25 left`` (days)."""
        return self.tr("{entitled} entitled, {taken} taken, {planned} planned, {left} left").format(
            entitled=_days(entitled),
            taken=_days(taken),
            planned=_days(planned),
            left=_days(entitled - taken - planned),
        )

    def html(self, of: date) -> str:
        """The timesheet of the month holding ``of``, as HTML for ``QTextDocument``."""
        account, clock = self.account, self.account.clock
        zone = clock.zone_name
        report = account.month(of)
        first, last = report.month_of, last_of_month(report.month_of)
        sessions = clock.sessions(first, last)
        spans = self.day_spans(sessions)
        notes: dict[date, list[str]] = defaultdict(list)
        for s in sessions:
            if s.note:
                notes[local(s.start, zone).date()].append(s.note)
        locale = QLocale()
        rows = []
        for d in report.days:
            marks = [x for x in (d.holiday, d.absence and absence_name(d.absence)) if x]
            weekend = "" if d.target_min or d.worked_min or marks else ' style="color:#777"'
            cells = [
                locale.toString(_qdate(d.date), "ddd dd.MM."),
                ", ".join(spans.get(d.date, [])),
                self.hm(d.break_min) if d.break_min else "",
                self.hm(d.worked_min) if d.worked_min else "",
                self.hm(d.target_min) if d.target_min else "",
                " · ".join(marks),
                " · ".join(notes.get(d.date, [])),
            ]
            rows.append(
                f"<tr{weekend}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
            )
        heads = [
            self.tr("Day"),
            self.tr("Start–end"),
            self.tr("Breaks"),
            self.tr("Worked"),
            self.tr("Target"),
            self.tr("Holiday / absence"),
            self.tr("Notes"),
        ]
        now = clock.now()
        vacation = account.month_vacation(first)
        violations = check_working_time(
            sessions, [first + timedelta(days=i) for i in range(last.day)], zone, now
        )
        broken = "".join(
            f"<li>{html.escape(locale.toString(_qdate(v.date), 'ddd dd.MM.'))}: "
            f"{html.escape(self.rule_text(v.rule))}</li>"
            for v in violations
        )
        month_name = locale.toString(_qdate(first), "MMMM yyyy")
        # Plain tr() calls (lupdate doesn't see them inside f-strings).
        title = self.tr("Timesheet")
        name = self.tr("Name")
        rules_broken = self.tr("Working-time rules broken")
        no_rule_broken = self.tr("No working-time rule is broken this month.")
        employee = self.tr("Date, signature of the employee")
        manager = self.tr("Date, signature of the manager")
        vacation_line = self.vacation_line(*vacation)
        totals = [
            (self.tr("Worked"), self.hm(report.sum_time_spent)),
            (self.tr("Target"), self.hm(report.target_min)),
            (self.tr("Difference"), self.hm(report.sum_time_spent - report.target_min)),
            (self.tr("Balance carried in"), self.hm(report.balance_start_min)),
            (self.tr("Balance carried out"), self.hm(report.balance_end_min)),
            (self.tr("Vacation days {year}").format(year=first.year), vacation_line),
        ]
        e = html.escape
        line = "______________________________<br>"
        return (
            "<html><body style='font-family: DejaVu Sans, Arial; font-size: 8pt'>"
            f"<h2>{e(title)} {e(month_name)}</h2><p>{e(name)}: {e(_person())}</p>"
            "<table border='1' cellspacing='0' cellpadding='2' width='100%'><tr>"
            + "".join(f"<th align='left'>{e(h)}</th>" for h in heads)
            + "</tr>"
            + "".join(rows)
            + "</table><p></p><table cellpadding='1'>"
            + "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in totals)
            + "</table>"
            + (f"<p><b>{e(rules_broken)}</b></p><ul>{broken}</ul>" if broken else "")
            + ("" if broken else f"<p>{e(no_rule_broken)}</p>")
            + "<p></p><table width='100%' cellpadding='4'><tr>"
            f"<td width='50%'>{line}{e(employee)}</td><td width='50%'>{line}{e(manager)}</td>"
            "</tr></table></body></html>"
        )

    def write_pdf(self, of: date, path: Path) -> None:
        """Write the month's timesheet to ``path`` (A4); the file appears whole or not at all."""
        document = QTextDocument()
        document.setHtml(self.html(of))
        tmp = path.with_name(f".{path.name}.part")
        try:
            # Qt says nothing useful where it can't write (a missing folder, no permission):
            # find out first, in the operating system's words.
            tmp.open("wb").close()
        except OSError as exc:
            raise ClockError(
                "Can't write {path}: {reason}.", path=path, reason=exc.strerror
            ) from exc
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(self.tr("Timesheet"))
        writer.setCreator("ClockApp")
        document.print_(writer)
        del writer  # ends the PDF: Qt writes the file out when the writer goes
        try:
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ClockError(
                "Can't write {path}: {reason}.", path=path, reason=exc.strerror
            ) from exc


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _days(value: float) -> str:
    return f"{value:g}"


def _person() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name to be found (containers)
        return "—"


def write_month_report(account: AccountService, of: date, path: Path) -> None:
    """The command line's entry: a Qt application without a screen, the user's language."""
    import os

    from clockapp.ui.i18n import install_translations
    from clockapp.ui.qt import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        # Fonts need a GUI application; the offscreen platform needs no display.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["clockapp"])
    keep = install_translations(app)
    try:
        MonthSheet(account).write_pdf(of, path)
    finally:
        for translator in keep:
            app.removeTranslator(translator)
