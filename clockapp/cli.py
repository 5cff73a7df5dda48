"""The command line: the same use cases as the tray, scriptable, with ``--json`` output.

Errors print one sentence on stderr and exit 1 with nothing changed; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import unicodedata
from collections.abc import Coroutine, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from clockapp import __version__
from clockapp.domain.clock import ClockState
from clockapp.domain.errors import ClockError, UserError
from clockapp.domain.rules import RULE_BREAK_30, RULE_BREAK_45, RULE_MAX_10H, Violation
from clockapp.domain.session import WorkSession
from clockapp.domain.timeline import floor_minutes, hours_and_minutes
from clockapp.domain.week import WeekReport
from clockapp.domain.zones import local
from clockapp.files import write_atomically
from clockapp.services.backends import BACKENDS
from clockapp.services.clock import ClockService
from clockapp.services.export import EXPORT_FORMATS
from clockapp.services.root import Services
from clockapp.services.time_input import parse_after, parse_break, parse_date, parse_instant
from clockapp.settings import WEEKDAYS
from clockapp.ui.launch import start_tray

if TYPE_CHECKING:
    from clockapp.services.account import AccountService
    from clockapp.services.sync import SyncService

T = TypeVar("T")

JSON_HELP = "print JSON for scripts"


#: ``--yes`` on the commands that change the record by hand.
YES_CONFIRMED_HELP = "change it even on a day a manager has confirmed (they see the change)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clockapp",
        description="Clock in and out, take breaks, review your week.\n"
        "Run 'clockapp' without a command to start the tray app.",
        # Lines broken by hand: argparse's wrapping split 'YYYY-MM-DD' across two lines.
        epilog="TIME: HH:MM today, 'YYYY-MM-DD HH:MM', or ISO 8601 with an offset.\n"
        "DATE: YYYY-MM-DD, today or yesterday.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"clockapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name, text in [
        ("in", "clock in"),
        ("break", "start a break"),
        ("resume", "end the break"),
        ("out", "clock out (ends a running break first)"),
    ]:
        p = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("--at", metavar="TIME", help="when it happened (default: now)")
        if name in ("in", "out"):
            p.add_argument("--note", metavar="TEXT", help="a note on the session")

    p = sub.add_parser("status", help="where the clock stands and today's totals")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("week", help="the week's totals, target, overtime and rule checks")
    p.add_argument("--of", metavar="DATE", help="any day of the week (default: today)")
    p.add_argument("--remote", action="store_true", help="also count entries made elsewhere")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("sessions", help="list sessions")
    p.add_argument("--from", dest="first", metavar="DATE", help="default: Monday of this week")
    p.add_argument("--to", dest="last", metavar="DATE", help="default: today")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("shifts", help="your planned shifts (Papershift), also offline")
    p.add_argument("--from", dest="first", metavar="DATE", help="default: today")
    p.add_argument("--to", dest="last", metavar="DATE", help="default: two weeks on")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("edit", help="change a session's start, end, breaks or note")
    p.add_argument("session_id", metavar="SESSION_ID", help="the id, or its first characters")
    p.add_argument("--start", metavar="TIME", help="when the work began")
    p.add_argument("--end", metavar="TIME", help="HH:MM before the start means the next day")
    p.add_argument(
        "--break",
        dest="breaks",
        action="append",
        metavar="START-END",
        help="HH:MM-HH:MM or ISO START/END; repeat for several; replaces all breaks",
    )
    p.add_argument("--no-breaks", action="store_true", help="remove all breaks")
    p.add_argument("--note", metavar="TEXT", help="a note on the session ('' removes it)")
    p.add_argument("--reason", metavar="TEXT", help="why; kept in the session's history")
    p.add_argument("--yes", action="store_true", help=YES_CONFIRMED_HELP)

    p = sub.add_parser(
        "add",
        help="record time you forgot to clock (a finished session)",
        description="Record a finished session by hand, checked as an edit is.",
    )
    p.add_argument("--start", metavar="TIME", required=True, help="when the work began")
    p.add_argument(
        "--end", metavar="TIME", required=True, help="HH:MM before the start means the next day"
    )
    p.add_argument(
        "--break",
        dest="breaks",
        action="append",
        metavar="START-END",
        help="HH:MM-HH:MM or ISO START/END; repeat for several",
    )
    p.add_argument("--note", metavar="TEXT", help="a note on the session")
    p.add_argument("--reason", metavar="TEXT", help="why; kept in the session's history")
    p.add_argument("--json", action="store_true", help="print the session as JSON")
    p.add_argument("--yes", action="store_true", help=YES_CONFIRMED_HELP)

    p = sub.add_parser("delete", help="delete a session")
    p.add_argument("session_id", metavar="SESSION_ID", help="the id, or its first characters")
    p.add_argument("--reason", metavar="TEXT", help="why; kept in the session's history")
    p.add_argument(
        "--yes",
        action="store_true",
        help="also the running session, or one on a day a manager has confirmed",
    )

    p = sub.add_parser("discard", help="throw away the running session (an accidental clock-in)")
    p.add_argument("--reason", metavar="TEXT", help="why; kept in the session's history")
    p.add_argument("--yes", action="store_true", help=YES_CONFIRMED_HELP)

    p = sub.add_parser("history", help="every change to a session: when, how, what and why")
    p.add_argument("session_id", metavar="SESSION_ID", help="the id, or its first characters")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    for name, text in [
        ("lock", "lock a day, a week or a month against changes"),
        ("unlock", "unlock a day, a week or a month"),
    ]:
        p = sub.add_parser(name, help=text)
        which = p.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "day", metavar="DATE", nargs="?", help="the day (YYYY-MM-DD, today or yesterday)"
        )
        which.add_argument("--week", metavar="DATE", help="the week holding DATE")
        which.add_argument("--month", metavar="YYYY-MM", help="every day of that month")

    p = sub.add_parser("export", help="export sessions, or a month's days, as CSV or JSON")
    p.add_argument("--from", dest="first", metavar="DATE", help="first day of the sessions")
    p.add_argument("--to", dest="last", metavar="DATE", help="last day of the sessions")
    p.add_argument(
        "--month", metavar="YYYY-MM", help="instead: that month's days (as month --json has them)"
    )
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="excel: ';', BOM, CRLF")
    p.add_argument("--output", metavar="FILE", help="default: standard output")

    p = sub.add_parser("targets", help="show or set target minutes per weekday")
    for day in WEEKDAYS:
        p.add_argument(f"--{day}", type=int, metavar="MIN", help=f"target minutes on {day}")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("backend", help="where finished sessions are uploaded")
    backend = p.add_subparsers(dest="backend_command", metavar="ACTION", required=True)
    b = backend.add_parser("set", help="choose and configure the backend")
    kinds = b.add_subparsers(dest="kind", metavar="BACKEND", required=True)
    kinds.add_parser("none", help="keep sessions on this computer only")
    for kind in BACKENDS.values():  # each backend's options from its declaration
        k = kinds.add_parser(kind.name, help=kind.help)
        for field in kind.visible:
            k.add_argument(
                "--" + field.name.replace("_", "-"),
                required=field.required and not field.pair and field.default is None,
                default=field.default,
                metavar="ID" if field.pair else None,
                help=field.help,
            )
    b = backend.add_parser("show", help="the backend's settings (never the secrets)")
    b.add_argument("--json", action="store_true", help=JSON_HELP)
    backend.add_parser("test", help="one authenticated read; says plainly what is wrong")

    p = sub.add_parser("sync", help="upload what is due; exit 0 only when nothing is left")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    _add_account_commands(sub)

    p = sub.add_parser(
        "doctor", help="what IT asks for: notices, paths, keyring, backend, uploads (no secrets)"
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("show", help="open a window of the tray app (starts it if needed)")
    p.add_argument("window", choices=["popup", "week", "month", "settings"], help="which window")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # "clockapp in now": show the usage of 'in', not the top level's.
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        command = commands.choices.get(args.command) if args.command else None
        (command or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command in (None, "show"):
        return start_tray(getattr(args, "window", None))
    # A command's stderr is its one sentence: log records (which the tray shows) go nowhere
    # here, not to logging's last-resort handler that prints them.
    quiet = logging.NullHandler()
    logging.getLogger().addHandler(quiet)
    try:
        _refuse_undecodable(args)
        if args.command == "doctor":
            return _doctor(args.json)
        services = Services.open_default()
        _print_notices(services.clock)
        try:
            return _run(services, args)
        finally:
            services.close()
    except UserError as exc:  # the clock's refusals, disk, settings, keyring, network
        print(f"clockapp: {visible(str(exc))}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger().removeHandler(quiet)


# Bidirectional overrides reorder what follows them on screen (Trojan Source).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _wait(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end: the commands that talk to a server (asyncio is imported
    here, not with this module, which the tray's start goes through)."""
    import asyncio

    return asyncio.run(coroutine)


def visible(text: str) -> str:
    """``text`` with control, escape and bidi characters shown as escapes (ESC as ``\\x1b``).

    Everything a user or a server wrote goes through here before it is printed, so a note
    can't move the cursor, recolour or clear the terminal, or reorder the line.
    """
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS
        else ch
        for ch in text
    )


def _refuse_undecodable(args: argparse.Namespace) -> None:
    # Bytes that are not UTF-8 reach us as lone surrogates (PEP 383); storing or sending them
    # would fail later, half done.
    for value in vars(args).values():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise ClockError(
                        "{text} is not valid text (UTF-8); nothing was changed.",
                        text=text.encode("utf-8", "surrogateescape").decode(
                            "utf-8", "backslashreplace"
                        ),
                    ) from None


def _print_notices(service: ClockService) -> None:
    """What the user must know before the command's own output: one line each on stderr."""
    for notice in service.notices():
        print(f"Warning: {visible(' '.join(str(notice).split()))}", file=sys.stderr)


def _run(services: Services, args: argparse.Namespace) -> int:
    service = services.clock
    zone = service.zone_name
    today = local(datetime.now().astimezone(), zone).date()
    command: str = args.command

    def instant(text: str | None, day: date = today) -> datetime | None:
        return parse_instant(text, zone, day) if text is not None else None

    if command == "in":
        s = service.clock_in(instant(args.at), args.note or "")
        print(f"Clocked in at {_hm(s.start, zone)}.")
    elif command == "break":
        s = service.start_break(instant(args.at))
        print(f"Break started at {_hm(s.breaks[-1].start, zone)}.")
    elif command == "resume":
        before = service.running()
        s = service.end_break(instant(args.at))
        if before and before.open_break and s.breaks and s.breaks[-1].end:
            print(f"Back at work at {_hm(s.breaks[-1].end, zone)}.")
        else:
            print("Break removed: it had no length.")
    elif command == "out":
        s = service.clock_out(instant(args.at), args.note)
        assert s.end is not None
        print(
            f"Clocked out at {_hm(s.end, zone)}: {_duration(s.worked_seconds(s.end))} worked, "
            f"{_duration(s.break_seconds(s.end))} break."
        )
    elif command == "status":
        _print_status(service, args.json)
    elif command == "week":
        of = parse_date(args.of, today) if args.of is not None else today
        if args.remote:
            return _remote_week(services, of, args.json)
        _print_week(service.week(of), args.json, zone)
        if not args.json:
            note = services.account.region_note()
            if note:
                print(note)
    elif command == "backend":
        return _backend(services, args)
    elif command == "sync":
        return _sync(services, args.json)
    elif command == "sessions":
        first = (
            parse_date(args.first, today)
            if args.first is not None
            else today - timedelta(today.weekday())
        )
        last = parse_date(args.last, today) if args.last is not None else max(today, first)
        sessions = service.sessions(first, last)
        if args.json:
            print(json.dumps([service.describe(s) for s in sessions], indent=2, ensure_ascii=False))
        else:
            _print_sessions(service, sessions)
    elif command == "shifts":
        first = parse_date(args.first, today) if args.first is not None else today
        last = parse_date(args.last, today) if args.last is not None else first + timedelta(13)
        _shifts(services, first, last, args.json)
    elif command == "edit":
        _edit(service, args)
    elif command == "delete":
        if not args.yes and service.find(args.session_id).end is None:
            raise ClockError(
                "That session is still running; use 'clockapp discard' to throw it away "
                "(or 'clockapp delete --yes')."
            )
        s = service.delete(args.session_id, args.reason, change_confirmed=args.yes)
        print(f"Deleted the session of {local(s.start, zone).strftime('%a %d %b %Y %H:%M')}.")
    elif command == "discard":
        s = service.discard(args.reason, change_confirmed=args.yes)
        print(
            f"Discarded the session begun {local(s.start, zone).strftime('%a %d %b %Y %H:%M')}; "
            "only its history is kept."
        )
    elif command == "add":
        _add(service, args, today)
    elif command == "history":
        _history(service, args.session_id, args.json)
    elif command in ("lock", "unlock"):
        first, last, what = _lock_span(args, today)
        service.set_locked_days(first, last, command == "lock")
        print(f"{what} is {command}ed.")
    elif command in ACCOUNT_COMMANDS:
        return _account(services.account, args, today)
    elif command == "export":
        text = _export(service, args, today)
        if args.output:
            _write_atomically(Path(args.output), text)
            print(f"Exported to {visible(args.output)}.", file=sys.stderr)
        else:
            sys.stdout.write(text)
    elif command == "targets":
        changes = {d: getattr(args, d) for d in WEEKDAYS if getattr(args, d) is not None}
        targets = service.set_targets(changes) if changes else service.targets()
        values = dict(zip(WEEKDAYS, targets.minutes, strict=True))
        if args.json:
            print(json.dumps(values))
        else:
            print("  ".join(f"{d.capitalize()} {_duration(m * 60)}" for d, m in values.items()))
    return 0


def _export(service: ClockService, args: argparse.Namespace, today: date) -> str:
    """The text ``export`` writes: the sessions of ``--from``..``--to``, or the days of
    ``--month`` (the rows the month window exports)."""
    if args.month is not None:
        if args.first is not None or args.last is not None:
            raise ClockError("Give either --month or --from and --to, not both.")
        from clockapp.services.account import AccountService

        return AccountService(service).export_month(_month_start(args.month), args.format)
    if args.first is None or args.last is None:
        raise ClockError("Say what to export: --from DATE --to DATE, or --month YYYY-MM.")
    return service.export(parse_date(args.first, today), parse_date(args.last, today), args.format)


# -- the time account: holidays, absences, month, balance -----------------------------------------

ACCOUNT_COMMANDS = ("holidays", "absence", "month", "balance", "report")


def _add_account_commands(sub: Any) -> None:
    p = sub.add_parser("holidays", help="the public holidays of your region; set the region")
    p.add_argument("--region", metavar="CODE", help="DE, a state such as DE-BY or DE-BE, or none")
    p.add_argument("--year", metavar="YYYY", help="default: this year")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("absence", help="vacation, sick leave, time off: add, list, delete")
    absence = p.add_subparsers(dest="absence_command", metavar="ACTION", required=True)
    a = absence.add_parser("add", help="record an absence from FROM to TO (default: one day)")
    a.add_argument("kind", metavar="KIND", help="vacation, sick, comp_time or other")
    a.add_argument("first", metavar="FROM", help="DATE")
    a.add_argument("last", metavar="TO", nargs="?", help="DATE (default: FROM)")
    a.add_argument("--half", action="store_true", help="half a day (one day only)")
    a.add_argument("--note", metavar="TEXT", default="", help="a note kept with it")
    a = absence.add_parser("list", help="recorded absences")
    a.add_argument("--from", dest="first", metavar="DATE", help="default: no limit")
    a.add_argument("--to", dest="last", metavar="DATE", help="default: no limit")
    a.add_argument("--json", action="store_true", help=JSON_HELP)
    a = absence.add_parser("delete", help="delete an absence by its id")
    a.add_argument("absence_id", metavar="ID", help="as absence list shows it")

    p = sub.add_parser("month", help="the month's timesheet: days, totals, balance in and out")
    p.add_argument("--of", metavar="DATE", help="any day of the month (default: today)")
    p.add_argument("--json", action="store_true", help=JSON_HELP)

    p = sub.add_parser("report", help="the month's timesheet to sign, as a PDF")
    p.add_argument("--month", metavar="YYYY-MM", required=True, help="the month to report")
    p.add_argument("--output", metavar="FILE.pdf", required=True, help="where to write it")

    p = sub.add_parser("balance", help="your time account: overtime balance and vacation days")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="default: yesterday")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    balance = p.add_subparsers(dest="balance_command", metavar="ACTION")
    b = balance.add_parser("set", help="where the account starts, its opening balance, vacation")
    b.add_argument("--since", metavar="DATE", help="the first day the account counts")
    b.add_argument("--opening", metavar="MIN", help="minutes carried in (negative: owed)")
    b.add_argument("--vacation-days", dest="vacation_days", metavar="N", help="days a year")
    b = balance.add_parser("adjust", help="add or take off minutes by hand (e.g. paid out)")
    b.add_argument("minutes", metavar="MIN", help="minutes to add; negative to take off")
    b.add_argument("--reason", metavar="TEXT", required=True, help="why (kept with it)")
    b.add_argument("--on", metavar="DATE", help="the day it counts on (default: today)")


def _whole_number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ClockError(
            "{value!r} is not a whole number of {what}.", value=text, what=what
        ) from None


def _month_start(text: str) -> date:
    try:
        first = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ClockError(
            "{value!r} is not a month; give it as YYYY-MM, e.g. 2026-11.", value=text
        ) from None
    return parse_date(first.isoformat(), first)  # inside the dates ClockApp keeps


def _lock_span(args: argparse.Namespace, today: date) -> tuple[date, date, str]:
    """The days ``lock``/``unlock`` name: one date, ``--week DATE`` or ``--month YYYY-MM``."""
    from clockapp.domain.account import last_of_month
    from clockapp.domain.week import monday_of

    if args.week is not None:
        monday = monday_of(parse_date(args.week, today))
        return monday, monday + timedelta(days=6), f"The week of {monday.isoformat()}"
    if args.month is not None:
        first = _month_start(args.month)
        return first, last_of_month(first), f"{first.strftime('%B %Y')}"
    day = parse_date(args.day, today)
    return day, day, day.isoformat()


def _account(account: AccountService, args: argparse.Namespace, today: date) -> int:
    if args.command == "holidays":
        if args.region is not None:
            region = account.set_region(args.region)
            print(f"Public holidays now follow {region}.", file=sys.stderr)
        year = _whole_number(args.year, "years") if args.year is not None else today.year
        if not 1900 <= year <= 2200:
            raise ClockError("{year} is not a year ClockApp can list holidays for.", year=year)
        holidays = account.holidays(year)
        if args.json:
            print(json.dumps(holidays, indent=2, ensure_ascii=False))
        elif account.region_note():
            print(account.region_note())
        else:
            print(f"Public holidays {year} in {account.region}:")
            for h in holidays:
                day = date.fromisoformat(h["date"])
                print(f"  {day.strftime('%a %d %b')}  {h['name']}")
    elif args.command == "absence":
        _absence(account, args, today)
    elif args.command == "month":
        of = parse_date(args.of, today) if args.of is not None else today
        _print_month(account, of, args.json)
    elif args.command == "report":
        first = _month_start(args.month)
        # Imported here: only this command loads Qt.
        from clockapp.ui.month_sheet import write_month_report

        write_month_report(account, first, Path(args.output))
        print(f"The timesheet is in {visible(args.output)}.", file=sys.stderr)
    elif args.balance_command == "set":
        account.set_balance(
            parse_date(args.since, today) if args.since is not None else None,
            _whole_number(args.opening, "minutes") if args.opening is not None else None,
            _whole_number(args.vacation_days, "days") if args.vacation_days is not None else None,
        )
        print("The time account is set.")
    elif args.balance_command == "adjust":
        minutes = _whole_number(args.minutes, "minutes")
        on = parse_date(args.on, today) if args.on is not None else None
        adjustment = account.adjust(minutes, args.reason, on)
        on_day = adjustment.day.isoformat()
        print(f"{_signed(adjustment.minutes)} on {on_day}: {visible(args.reason)}.")
    else:
        as_of = parse_date(args.as_of, today) if args.as_of is not None else None
        balance = account.balance(as_of)
        if args.json:
            print(json.dumps(balance.to_dict(), indent=2))
        else:
            v = balance.to_dict()["vacation"]
            print(
                f"Balance at the end of {balance.as_of.isoformat()}: "
                f"{_signed(balance.balance_min)} (since {balance.since.isoformat()})."
            )
            print(f"Today so far: {_duration(balance.today_min * 60)} worked.")
            print(
                f"Vacation {balance.as_of.year}: {v['entitlement_days']:g} days, "
                f"{v['taken_days']:g} taken, {v['planned_days']:g} planned, "
                f"{v['left_days']:g} left."
            )
    return 0


def _absence(account: Any, args: argparse.Namespace, today: date) -> None:
    if args.absence_command == "add":
        a = account.add_absence(
            args.kind,
            parse_date(args.first, today),
            parse_date(args.last, today) if args.last is not None else None,
            args.half,
            args.note,
        )
        span = a.first.isoformat() if a.first == a.last else f"{a.first} to {a.last}"
        half = " (half day)" if a.half else ""
        print(f"Absence {a.id} recorded: {a.kind} {span}{half}.")
    elif args.absence_command == "list":
        first = parse_date(args.first, today) if args.first is not None else None
        last = parse_date(args.last, today) if args.last is not None else None
        absences = account.absences(first, last)
        if args.json:
            print(json.dumps([a.to_dict() for a in absences], indent=2, ensure_ascii=False))
        elif not absences:
            print("No absences in that range.")
        for a in [] if args.json else absences:
            half = " half day" if a.half else ""
            note = f"  {visible(a.note)}" if a.note else ""
            print(f"{a.id:>4}  {a.kind:<9} {a.first} – {a.last}{half}{note}")
    else:
        a = account.delete_absence(_whole_number(args.absence_id, "an absence id"))
        print(f"Deleted absence {a.id} ({a.kind} {a.first} to {a.last}).")


def _print_month(account: Any, of: date, as_json: bool) -> None:
    report = account.month(of)
    if as_json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    print(f"{report.month_of.strftime('%B %Y')}")
    for d in report.days:
        extra = [
            x
            for x in (
                d.holiday,
                d.absence,
                "locked" if d.locked else None,
                "confirmed" if d.confirmed else None,
            )
            if x
        ]
        print(
            f"  {d.date.strftime('%a %d')}  {_duration(d.worked_min * 60):>9} worked"
            f"  target {_duration(d.target_min * 60):>9}  {', '.join(extra)}".rstrip()
        )
    print(
        f"Total {_duration(report.sum_time_spent * 60)} of {_duration(report.target_min * 60)} "
        f"({report.workdays:.2f} workdays of {_duration(report.workday * 60)}); balance "
        f"{_signed(report.balance_start_min)} in, {_signed(report.balance_end_min)} out."
    )
    if account.region_note():
        print(account.region_note())


def _signed(minutes: int) -> str:
    """A balance: ``+3 h 20 min``, ``-45 min``."""
    return ("-" if minutes < 0 else "+") + _duration(abs(minutes) * 60)


def _backend(services: Services, args: argparse.Namespace) -> int:
    sync = services.sync()
    if args.backend_command == "show":
        info = sync.describe_backend()
        if sync.destination is not None:
            info["destination"] = sync.destination.label
            info["will_upload"] = _will_upload(sync)
        paused = sync.paused()
        if paused:
            info["paused"] = str(paused)
        if args.json:
            print(json.dumps(info, indent=2))
        else:
            for key, value in info.items():
                if value in ([], "", None):
                    continue  # nothing to say: no empty 'locked:' line
                text = ", ".join(value) if isinstance(value, list) else str(value)
                print(f"{key}: {visible(text)}")
        return 0
    if args.backend_command == "test":
        print(visible(_wait(sync.test_connection())))
        return 0
    if args.kind == "none":
        sync.turn_off()
        print("Uploads are off: sessions stay on this computer.")
        return 0
    kind = BACKENDS[args.kind]
    values = {f.name: getattr(args, f.name) for f in kind.visible}
    asked = _ask_secrets([f.help for f in kind.secrets])
    values |= zip([f.name for f in kind.secrets], asked, strict=True)
    sync.set_backend(kind.name, values)
    print(f"Uploads go to {kind.label}; the secrets are in the system keyring.")
    print(_will_upload(sync))
    return 0


def _will_upload(sync: SyncService) -> str:
    """What the destination receives on the next upload, in one sentence."""
    destination, preview = sync.destination, sync.preview()
    if destination is None or preview is None:
        return "Uploads are off."
    if not preview.sessions:
        return f"Nothing is waiting to be uploaded to {destination.label}."
    since = preview.since.astimezone().date().isoformat() if preview.since else "?"
    return f"{preview.sessions} session(s) since {since} will be uploaded to {destination.label}."


def _ask_secrets(prompts: list[str]) -> list[str]:
    """Hidden prompts on a terminal; otherwise one line each from stdin (for scripts)."""
    import getpass

    if sys.stdin.isatty():
        return [getpass.getpass(f"{p}: ") for p in prompts]
    values = [sys.stdin.readline().strip() for _ in prompts]
    if not all(values):
        raise ClockError(
            "Expected {count} line(s) on standard input: {names}.",
            count=len(prompts),
            names=", ".join(prompts),
        )
    return values


def _sync(services: Services, as_json: bool) -> int:
    sync = services.sync()
    result = _wait(sync.sync_now(asked=True))  # a BackendSetupError is the user's message
    if result is None:
        raise ClockError("No backend is set up; see 'clockapp backend set --help'.")
    left = {status.value: n for status, n in result.left.items() if n}
    statuses = sync.session_statuses() or {}
    destination = sync.destination.label if sync.destination else None
    if as_json:
        items = [
            {
                "session_id": str(sid),
                "backend": sync.backend_name,
                "destination": destination,
                "op": info.op,
                "state": info.status.value,
                "attempts": info.attempts,
                "last_error": None if info.detail is None else str(info.detail),
                "remote_id": info.remote_id,
                "next_attempt_at": info.next_attempt_at.isoformat()
                if info.next_attempt_at
                else None,
            }
            for sid, info in statuses.items()
        ]
        print(
            json.dumps(
                {
                    "destination": destination,
                    "uploaded": result.uploaded,
                    "left": left,
                    "paused": result.paused,
                    "stopped": result.stopped,
                    "twins_removed": result.twins_removed,
                    "items": items,
                },
                indent=2,
            )
        )
    else:
        print(f"Uploaded {result.uploaded} change(s) to {destination}.")
        if result.twins_removed:
            print(f"Removed {result.twins_removed} second record(s) a late server commit left.")
        for status, n in left.items():
            print(f"  {n} {status}")
        if result.paused:
            print(f"Uploads are paused: {visible(result.paused)}")
        if result.stopped:
            reason = visible(result.stopped).rstrip(".")
            print(f"Stopped early ({reason}); the rest waits for the next try.")
        for sid, info in statuses.items():
            if info.detail and info.status.value in ("needs attention", "waiting"):
                print(f"  {str(sid)[:8]} {info.status.value}: {visible(str(info.detail))}")
    return 0 if result.all_done else 1


def _doctor(as_json: bool) -> int:
    """Works even when the record can't be opened: that is one more notice in the report."""
    from clockapp.services.doctor import doctor_report

    report = doctor_report()
    if as_json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"ClockApp {report['version']}")
    print("Notices:" if report["notices"] else "Notices: none")
    for notice in report["notices"]:
        print(f"  - {' '.join(notice.split())}")
    print(f"Data folder: {report['data_dir']}")
    print(f"Config folder: {report['config_dir']}")
    print(f"Database: {report['database']}")
    for key, label in (("settings_file", "Settings file"), ("policy_file", "Admin policy")):
        info = report[key]
        print(f"{label}: {info['path']} ({'present' if info['exists'] else 'absent'})")
    print(f"Keyring: {report['keyring']}")
    backend = dict(report["backend"])
    print(f"Backend: {backend.pop('backend')}")
    for key, value in backend.items():
        print(f"  {key}: {', '.join(value) or 'none' if isinstance(value, list) else value}")
    if report["destination"]:
        where = report["destination"]
        print(f"Destination: {where['label']} ({where['waiting']} session(s) not there yet)")
    uploads = report["uploads"]
    if uploads is None:
        print("Uploads: none (no backend)")
    else:
        print("Uploads: " + ", ".join(f"{n} {status}" for status, n in uploads.items()))
    if report["uploads_paused"]:
        print(f"Uploads are paused: {report['uploads_paused']}")
    changed = {k: s for k, s in report["settings"].items() if s["from"] != "default"}
    print("Settings not at their default:" if changed else "Settings: all at their default")
    for key, setting in changed.items():
        value = json.dumps(setting["value"], ensure_ascii=True)
        print(f"  {key} = {visible(value)} ({setting['from']})")
    return 0


def _remote_week(services: Services, of: date, as_json: bool) -> int:
    from clockapp.domain.week import monday_of

    service = services.clock
    sync = services.sync()
    if sync.backend_name is None:
        print(
            "No backend is set up, so nothing remote was asked; the week shows this computer's "
            "sessions only.",
            file=sys.stderr,
        )
    try:
        remote = _wait(sync.pull_week(monday_of(of), service.zone_name))
    except UserError as exc:  # not set up, the keyring, the network, the server's answer
        raise ClockError(
            "The remote entries could not be fetched: {reason}", reason=str(exc)
        ) from exc
    report = service.week(
        of,
        extra=[r.session for r in remote],
        extra_confirmed=[r.session.id for r in remote if r.entry.confirmed],
    )
    zone = service.zone_name
    entries: list[dict[str, Any]] = [
        {
            "remote_id": r.entry.remote_id,
            "start": local(r.entry.start, zone).isoformat(),
            "end": local(r.entry.end, zone).isoformat(),
            "break_min": r.entry.break_minutes,
            "note": r.entry.note,
            "confirmed": r.entry.confirmed,
        }
        for r in remote
    ]
    if as_json:
        print(json.dumps(_week_dict(report, zone) | {"remote_entries": entries}, indent=2))
        return 0
    _print_week(report, False, zone)
    if entries:
        print("Entries made elsewhere (counted above):")
        for e in entries:
            confirmed = "  confirmed by a manager" if e["confirmed"] else ""
            print(
                f"  remote {e['start'][:16].replace('T', ' ')}–{e['end'][11:16]}"
                f"{confirmed}  {visible(e['note'])}".rstrip()
            )
    return 0


def _shifts(services: Services, first: date, last: date, as_json: bool) -> None:
    """The stored shift plan, refreshed first when the server answers (else said, on stderr)."""
    if last < first:
        raise ClockError(
            "The range ends ({last}) before it starts ({first}).", first=first, last=last
        )
    shifts = services.shifts()
    if not shifts.available:
        print("Shifts come from Papershift, and no Papershift account is set up.", file=sys.stderr)
    else:
        try:
            _wait(shifts.refresh(first, last))
        except UserError as exc:
            print(
                f"The shifts could not be refreshed ({visible(str(exc))}); "
                "showing the ones last pulled.",
                file=sys.stderr,
            )
    zone = services.clock.zone_name
    found = shifts.stored(first, last)
    if as_json:
        print(json.dumps([s.to_dict(zone) for s in found], indent=2, ensure_ascii=False))
        return
    if not found:
        print("No shifts planned in that range.")
    for s in found:
        start, end = local(s.start, zone), local(s.end, zone)
        end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%a %H:%M")
        whose = "yours" if s.own else "area"
        area = f"  area {visible(s.working_area_id)}" if s.working_area_id else ""
        note = f"  {visible(s.note)}" if s.note else ""
        print(f"{start.strftime('%a %d %b %Y %H:%M')}–{end_text}  {whose}{area}{note}")


def _edit(service: ClockService, args: argparse.Namespace) -> None:
    zone = service.zone_name
    session = service.find(args.session_id)
    day = local(session.start, zone).date()
    start = parse_instant(args.start, zone, day) if args.start is not None else None
    new_start = start or session.start
    end = parse_after(args.end, zone, day, new_start) if args.end is not None else None
    breaks: list[tuple[datetime, datetime]] | None = None
    if args.no_breaks:
        if args.breaks:
            raise ClockError("Give either --break or --no-breaks, not both.")
        breaks = []
    elif args.breaks is not None:
        breaks = [parse_break(b, zone, day, new_start) for b in args.breaks]
    if start is None and end is None and breaks is None and args.note is None:
        raise ClockError("Nothing to change: give --start, --end, --break, --no-breaks or --note.")
    s = service.edit(
        str(session.id),
        start=start,
        end=end,
        breaks=breaks,
        note=args.note,
        reason=args.reason,
        change_confirmed=args.yes,
    )
    print(f"Session {str(s.id)[:8]} saved: {_span(s, zone)}.")


def _add(service: ClockService, args: argparse.Namespace, today: date) -> None:
    zone = service.zone_name
    start = parse_instant(args.start, zone, today)
    day = local(start, zone).date()
    end = parse_after(args.end, zone, day, start)
    breaks = [parse_break(b, zone, day, start) for b in args.breaks or []]
    s = service.add(start, end, breaks, args.note or "", args.reason, change_confirmed=args.yes)
    totals = service.day_totals(day)
    if args.json:
        print(
            json.dumps(
                service.describe(s)
                | {
                    "day_worked_min": floor_minutes(totals.worked_seconds),
                    "day_break_min": floor_minutes(totals.break_seconds),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    print(f"Session {str(s.id)[:8]} added: {_span(s, zone)}.")
    print(
        f"{day.strftime('%a %d %b')}: {_duration(totals.worked_seconds)} worked, "
        f"{_duration(totals.break_seconds)} break."
    )


def _history(service: ClockService, ref: str, as_json: bool) -> None:
    zone = service.zone_name
    session_id, entries = service.history(ref)
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "at": local(e.at, zone).isoformat(),
                        "action": e.action.value,
                        "source": e.source.value,
                        "changes": e.changes,
                        "reason": e.reason,
                    }
                    for e in entries
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not entries:
        print(f"Session {str(session_id)[:8]} has no recorded changes.")
        return
    print(f"History of session {str(session_id)[:8]}:")
    for e in entries:
        how = e.source.value.replace("_", " ")
        fields = ", ".join(e.changes) if e.action.value == "edited" else ""
        what = f" ({fields})" if fields else ""
        why = f": {visible(e.reason)}" if e.reason else ""
        at = local(e.at, zone).strftime("%Y-%m-%d %H:%M:%S")
        print(f"  {at}  {e.action.value} by {how}{what}{why}")


def _print_status(service: ClockService, as_json: bool) -> None:
    status = service.status()
    zone = service.zone_name
    if as_json:
        print(json.dumps(status.to_dict(zone), indent=2))
        return
    if status.state is ClockState.OFF:
        line = "You are clocked out."
    elif status.state is ClockState.WORKING:
        assert status.since is not None
        line = f"Working since {_hm(status.since, zone)}."
    else:
        assert status.since is not None
        line = f"On a break since {_hm(status.since, zone)}."
    print(line)
    print(
        f"Today: {_duration(status.worked_today_seconds)} worked, "
        f"{_duration(status.break_today_seconds)} break."
    )


def _week_dict(report: WeekReport, zone: str) -> dict[str, Any]:
    """The report as JSON data, each rule it breaks with its numbers and a sentence."""
    data = report.to_dict()
    for item, violation in zip(data["violations"], report.violations, strict=True):
        item["message"] = violation_sentence(violation, zone)
    return data


def violation_sentence(v: Violation, zone: str) -> str:
    """A rule a day breaks, in a sentence with its numbers (the command line's English)."""
    day = v.date.strftime("%a %d %b")
    worked = _duration(v.worked_seconds)
    if v.rule in (RULE_BREAK_30, RULE_BREAK_45):
        after = "6" if v.rule == RULE_BREAK_30 else "9"
        took = (
            f"took only {_duration(v.actual_seconds)} of breaks of 15 min or more"
            if floor_minutes(v.actual_seconds)
            else "took no break of 15 min or more"
        )
        return (
            f"You worked {worked} on {day} but {took}; "
            f"{floor_minutes(v.limit_seconds)} min are required after {after} hours."
        )
    if v.rule == RULE_MAX_10H:
        return f"You worked {worked} on {day}; at most 10 hours of work a day are allowed."
    started = f" at {_hm(v.started_at, zone)}" if v.started_at else ""
    return (
        f"You started work on {day}{started} after only {_duration(v.actual_seconds)} of "
        "rest; at least 11 hours are required between two working days."
    )


def _print_week(report: WeekReport, as_json: bool, zone: str) -> None:
    if as_json:
        print(json.dumps(_week_dict(report, zone), indent=2))
        return
    print(f"Week of {report.week_of.strftime('%a %d %b %Y')}")
    for d in report.days:
        marks = ("  locked" if d.locked else "") + ("  confirmed" if d.confirmed else "")
        print(
            f"  {d.date.strftime('%a %d %b')}  {_duration(d.worked_seconds):>9} worked"
            f"  {_duration(d.break_seconds):>9} break  target {_duration(d.target_min * 60)}{marks}"
        )
    print(
        f"Total {_duration(report.total_min * 60)} of {_duration(report.target_min * 60)}; "
        f"remaining {_duration(report.remaining_min * 60)}, "
        f"overtime {_duration(report.overtime_min * 60)}."
    )
    if any(d.confirmed for d in report.days):
        print("  confirmed: a manager has confirmed a session that day (changes show up as such).")
    for v in report.violations:
        print(f"  ! {violation_sentence(v, zone)}")


def _print_sessions(service: ClockService, sessions: list[WorkSession]) -> None:
    if not sessions:
        print("No sessions in that range.")
        return
    zone = service.zone_name
    # Every listed session starts in [first start, last start]: that span finds them all.
    confirmed = service.confirmed_ids(sessions[0].start, sessions[-1].start + timedelta(seconds=1))
    for s in sessions:
        d: dict[str, Any] = service.describe(s)
        note = f"  {visible(s.note)}" if s.note else ""
        mark = "  confirmed" if s.id in confirmed else ""
        print(
            f"{d['id'][:8]}  {_span(s, zone)}  {_duration(d['worked_min'] * 60)} worked"
            f"  {_duration(d['break_min'] * 60)} break{mark}{note}"
        )


def _span(s: WorkSession, zone: str) -> str:
    start = local(s.start, zone)
    if s.end is None:
        return f"{start.strftime('%a %d %b %Y %H:%M')}–running"
    end = local(s.end, zone)
    end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%a %H:%M")
    return f"{start.strftime('%a %d %b %Y %H:%M')}–{end_text}"


def _hm(instant: datetime, zone: str) -> str:
    return local(instant, zone).strftime("%H:%M")


def _duration(seconds: float) -> str:
    """``7 h 05 min``, ``29 min``: the command line's one way to show a length of time."""
    hours, minutes = hours_and_minutes(seconds)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def _write_atomically(path: Path, text: str) -> None:
    try:
        write_atomically(path, text, newline="")
    except OSError as exc:
        raise ClockError("Can't write {path}: {reason}.", path=path, reason=exc.strerror) from exc
