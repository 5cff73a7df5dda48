"""The command line: the same use cases as the tray, scriptable, with ``--json`` output.

Errors print one sentence on stderr and exit 1 with nothing changed; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from clockapp import __version__
from clockapp.domain.clock import ClockState
from clockapp.domain.errors import ClockError
from clockapp.domain.session import WorkSession
from clockapp.domain.week import WeekReport
from clockapp.domain.zones import local
from clockapp.services.clock import ClockService, open_default_clock
from clockapp.services.time_input import parse_after, parse_break, parse_date, parse_instant
from clockapp.settings import WEEKDAYS, SettingsError
from clockapp.storage import StorageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clockapp",
        description="Clock in and out, take breaks, review your week.",
        epilog="TIME: HH:MM today, 'YYYY-MM-DD HH:MM', or ISO 8601 with an offset. "
        "DATE: YYYY-MM-DD, today or yesterday.",
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
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("week", help="the week's totals, target, overtime and rule checks")
    p.add_argument("--of", metavar="DATE", help="any day of the week (default: today)")
    p.add_argument("--remote", action="store_true", help="also count entries made elsewhere")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("sessions", help="list sessions")
    p.add_argument("--from", dest="first", metavar="DATE", help="default: Monday of this week")
    p.add_argument("--to", dest="last", metavar="DATE", help="default: today")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("edit", help="change a session's start, end, breaks or note")
    p.add_argument("session_id", metavar="SESSION_ID", help="the id, or its first characters")
    p.add_argument("--start", metavar="TIME")
    p.add_argument("--end", metavar="TIME", help="HH:MM before the start means the next day")
    p.add_argument(
        "--break",
        dest="breaks",
        action="append",
        metavar="START-END",
        help="HH:MM-HH:MM or ISO START/END; repeat for several; replaces all breaks",
    )
    p.add_argument("--no-breaks", action="store_true", help="remove all breaks")
    p.add_argument("--note", metavar="TEXT")

    p = sub.add_parser("delete", help="delete a session")
    p.add_argument("session_id", metavar="SESSION_ID")

    for name, text in [("lock", "lock a day against changes"), ("unlock", "unlock a day")]:
        p = sub.add_parser(name, help=text)
        p.add_argument("day", metavar="DATE")

    p = sub.add_parser("export", help="export sessions as CSV or JSON")
    p.add_argument("--from", dest="first", metavar="DATE", required=True)
    p.add_argument("--to", dest="last", metavar="DATE", required=True)
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--output", metavar="FILE", help="default: standard output")

    p = sub.add_parser("targets", help="show or set target minutes per weekday")
    for day in WEEKDAYS:
        p.add_argument(f"--{day}", type=int, metavar="MIN", help=f"target minutes on {day}")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("backend", help="where finished sessions are uploaded")
    backend = p.add_subparsers(dest="backend_command", metavar="ACTION", required=True)
    b = backend.add_parser("set", help="choose and configure the backend")
    kinds = b.add_subparsers(dest="kind", metavar="BACKEND", required=True)
    kinds.add_parser("none", help="keep sessions on this computer only")
    k = kinds.add_parser(
        "timetrack",
        help="TimeTrack attendances (key, then secret: prompted, or a line each on stdin)",
    )
    k.add_argument("--url", required=True, help="https://<account>.timetrackenterprise.com")
    k.add_argument("--username", required=True)
    k = kinds.add_parser(
        "papershift", help="Papershift working sessions (token: prompted, or a line on stdin)"
    )
    k.add_argument("--url", default="https://app.papershift.com")
    for entity in ("location", "working-area", "user"):
        k.add_argument(f"--{entity}-id", metavar="ID")
        k.add_argument(f"--{entity}-external-id", metavar="ID")
    b = backend.add_parser("show", help="the backend's settings (never the secrets)")
    b.add_argument("--json", action="store_true")
    backend.add_parser("test", help="one authenticated read; says plainly what is wrong")

    p = sub.add_parser("sync", help="upload what is due; exit 0 only when nothing is left")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="open a window of the tray app (starts it if needed)")
    p.add_argument("window", choices=["popup", "week", "settings"])
    return parser


NO_GRAPHICAL_SESSION = "No graphical session found; the command line works: clockapp --help"


def has_graphical_session() -> bool:
    """False where Qt would abort for want of a display (a Linux console, ssh without -X).

    A QT_QPA_PLATFORM the user set (offscreen, vnc, eglfs) is theirs to try.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "show"):
        if not has_graphical_session():
            print(f"clockapp: {NO_GRAPHICAL_SESSION}", file=sys.stderr)
            return 1
        # Imported here so the clock commands start without loading Qt.
        from clockapp.ui.app import run_tray_app

        return run_tray_app(sys.argv[:1], show=getattr(args, "window", None))
    try:
        service = open_default_clock()
        if service.store.notice:
            print(f"Warning: {service.store.notice}", file=sys.stderr)
        try:
            return _run(service, args)
        finally:
            service.store.close()
    except (ClockError, StorageError, SettingsError) as exc:
        print(f"clockapp: {exc}", file=sys.stderr)
        return 1


def _run(service: ClockService, args: argparse.Namespace) -> int:
    zone = service.zone_name
    today = local(datetime.now().astimezone(), zone).date()
    command: str = args.command

    def instant(text: str | None, day: date = today) -> datetime | None:
        return parse_instant(text, zone, day) if text else None

    if command == "in":
        s = service.clock_in(instant(args.at), args.note or "")
        print(f"Clocked in at {_hm(s.start, zone)}.")
    elif command == "break":
        s = service.start_break(instant(args.at))
        print(f"Break started at {_hm(s.breaks[-1].start, zone)}.")
    elif command == "resume":
        before = service.store.running_session()
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
        of = parse_date(args.of, today) if args.of else today
        if args.remote:
            return _remote_week(service, of, args.json)
        _print_week(service.week(of), args.json)
    elif command == "backend":
        return _backend(service, args)
    elif command == "sync":
        return _sync(service, args.json)
    elif command == "sessions":
        first = parse_date(args.first, today) if args.first else today - timedelta(today.weekday())
        last = parse_date(args.last, today) if args.last else max(today, first)
        sessions = service.sessions(first, last)
        if args.json:
            print(json.dumps([service.describe(s) for s in sessions], indent=2, ensure_ascii=False))
        else:
            _print_sessions(service, sessions)
    elif command == "edit":
        _edit(service, args)
    elif command == "delete":
        s = service.delete(args.session_id)
        print(f"Deleted the session of {local(s.start, zone).strftime('%a %d %b %Y %H:%M')}.")
    elif command in ("lock", "unlock"):
        day = parse_date(args.day, today)
        service.set_locked(day, command == "lock")
        print(f"{day.isoformat()} is {command}ed.")
    elif command == "export":
        first, last = parse_date(args.first, today), parse_date(args.last, today)
        text = service.export(first, last, args.format)
        if args.output:
            _write_atomically(Path(args.output), text)
            print(f"Exported to {args.output}.", file=sys.stderr)
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


def _sync_service(service: ClockService) -> Any:
    # Loaded only for these commands: the clock commands start without httpx and TLS.
    from clockapp.secrets import SecretStore
    from clockapp.services.sync import SyncService

    return SyncService(service.store, service.settings, SecretStore())


def _backend(service: ClockService, args: argparse.Namespace) -> int:
    from clockapp.services import backend_config as config

    sync = _sync_service(service)
    try:
        if args.backend_command == "show":
            info = config.describe_backend(service.settings, sync.secrets)
            if sync.paused():
                info["paused"] = sync.paused()
            if args.json:
                print(json.dumps(info, indent=2))
            else:
                for key, value in info.items():
                    print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
            return 0
        if args.backend_command == "test":
            print(asyncio.run(config.test_connection(service.settings, sync.secrets)))
            return 0
        if args.kind == "none":
            service.settings.set("backend", "none")
            service.settings.save()
            print("Uploads are off: sessions stay on this computer.")
            return 0
        if args.kind == "timetrack":
            key, secret = _ask_secrets(["TimeTrack API key", "TimeTrack API secret"])
            config.configure_timetrack(
                service.settings, sync.secrets, args.url, args.username, key, secret
            )
        else:
            (token,) = _ask_secrets(["Papershift API token"])
            ids = {
                f"{e}_{s}": getattr(args, f"{e}_{s}")
                for e in ("location", "working_area", "user")
                for s in ("id", "external_id")
            }
            config.configure_papershift(service.settings, sync.secrets, args.url, token, ids)
        sync.credentials_changed()
        print(f"Uploads go to {config.LABELS[args.kind]}; the secrets are in the system keyring.")
        return 0
    except config.BackendSetupError as exc:
        raise ClockError(str(exc)) from exc


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


def _sync(service: ClockService, as_json: bool) -> int:
    from clockapp.services.backend_config import BackendSetupError

    sync = _sync_service(service)
    try:
        result = asyncio.run(sync.sync_now())
    except BackendSetupError as exc:
        raise ClockError(str(exc)) from exc
    if result is None:
        raise ClockError("No backend is set up; see 'clockapp backend set --help'.")
    left = {status.value: n for status, n in result.left.items() if n}
    statuses = sync.session_statuses() or {}
    if as_json:
        items = [
            {
                "session_id": str(sid),
                "backend": sync.backend_name,
                "op": info.op,
                "state": info.status.value,
                "attempts": info.attempts,
                "last_error": info.detail,
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
                    "uploaded": result.uploaded,
                    "left": left,
                    "paused": result.paused,
                    "items": items,
                },
                indent=2,
            )
        )
    else:
        print(f"Uploaded {result.uploaded} change(s).")
        for status, n in left.items():
            print(f"  {n} {status}")
        if result.paused:
            print(f"Uploads are paused: {result.paused}")
        for sid, info in statuses.items():
            if info.detail and info.status.value in ("needs attention", "waiting"):
                print(f"  {str(sid)[:8]} {info.status.value}: {info.detail}")
    return 0 if result.all_done else 1


def _remote_week(service: ClockService, of: date, as_json: bool) -> int:
    from clockapp.domain.week import monday_of
    from clockapp.services.backend_config import BackendSetupError
    from clockapp.sync.backend import SyncError

    sync = _sync_service(service)
    try:
        remote = asyncio.run(sync.pull_week(monday_of(of), service.zone_name))
    except (BackendSetupError, SyncError) as exc:
        raise ClockError(
            "The remote entries could not be fetched: {reason}", reason=str(exc)
        ) from exc
    report = service.week(of, extra=[r.session for r in remote])
    zone = service.zone_name
    entries = [
        {
            "remote_id": r.entry.remote_id,
            "start": local(r.entry.start, zone).isoformat(),
            "end": local(r.entry.end, zone).isoformat(),
            "break_min": r.entry.break_minutes,
            "note": r.entry.note,
        }
        for r in remote
    ]
    if as_json:
        print(json.dumps(report.to_dict() | {"remote_entries": entries}, indent=2))
        return 0
    _print_week(report, False)
    if entries:
        print("Entries made elsewhere (counted above):")
        for e in entries:
            print(f"  remote {e['start'][:16].replace('T', ' ')}–{e['end'][11:16]}  {e['note']}")
    return 0


def _edit(service: ClockService, args: argparse.Namespace) -> None:
    zone = service.zone_name
    session = service.find(args.session_id)
    day = local(session.start, zone).date()
    start = parse_instant(args.start, zone, day) if args.start else None
    new_start = start or session.start
    end = parse_after(args.end, zone, day, new_start) if args.end else None
    breaks: list[tuple[datetime, datetime]] | None = None
    if args.no_breaks:
        if args.breaks:
            raise ClockError("Give either --break or --no-breaks, not both.")
        breaks = []
    elif args.breaks:
        breaks = [parse_break(b, zone, day, new_start) for b in args.breaks]
    if start is None and end is None and breaks is None and args.note is None:
        raise ClockError("Nothing to change: give --start, --end, --break, --no-breaks or --note.")
    s = service.edit(str(session.id), start=start, end=end, breaks=breaks, note=args.note)
    print(f"Session {str(s.id)[:8]} saved: {_span(s, zone)}.")


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


def _print_week(report: WeekReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    print(f"Week of {report.week_of.strftime('%a %d %b %Y')}")
    for d in report.days:
        lock = "  locked" if d.locked else ""
        print(
            f"  {d.date.strftime('%a %d %b')}  {_duration(d.worked_seconds):>9} worked"
            f"  {_duration(d.break_seconds):>9} break  target {_duration(d.target_min * 60)}{lock}"
        )
    print(
        f"Total {_duration(report.total_min * 60)} of {_duration(report.target_min * 60)}; "
        f"remaining {_duration(report.remaining_min * 60)}, "
        f"overtime {_duration(report.overtime_min * 60)}."
    )
    for v in report.violations:
        print(f"  ! {v.message}")


def _print_sessions(service: ClockService, sessions: list[WorkSession]) -> None:
    if not sessions:
        print("No sessions in that range.")
        return
    zone = service.zone_name
    for s in sessions:
        d: dict[str, Any] = service.describe(s)
        note = f"  {s.note}" if s.note else ""
        print(
            f"{d['id'][:8]}  {_span(s, zone)}  {_duration(d['worked_min'] * 60)} worked"
            f"  {_duration(d['break_min'] * 60)} break{note}"
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
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _write_atomically(path: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=path.parent or Path())
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ClockError("Can't write {path}: {reason}.", path=path, reason=exc.strerror) from exc
