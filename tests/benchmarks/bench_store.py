"""Benchmark: durable clock-event latency and the week report on ten years of sessions.

Prints figures beside baselines measured in the same run (not a test; nothing asserts):
  - a bare sqlite3 INSERT + COMMIT with the same pragmas (WAL, synchronous=FULL) vs a clock event
  - a bare SELECT of one week's rows vs the full week report (totals, rules, locks)
  - a bare SQL sum over a month / over ten years vs the month timesheet and the balance
    (holidays of DE-BY, ~500 absence days)

Run: .venv/bin/python tests/benchmarks/bench_store.py [--events 200] [--sessions 25000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.services.clock import ClockService
from clockapp.settings import Settings
from clockapp.storage import Change, Store

ZONE = "Europe/Berlin"


def bare_commits(path: Path, n: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, start TEXT, end TEXT)")
    times = []
    for _ in range(n):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?, NULL)", (str(uuid.uuid4()), "x"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t)
    conn.close()
    return times


def clock_events(folder: Path, n: int) -> list[float]:
    store = Store.open(folder / "clockapp.db")
    service = ClockService(store, Settings.load(folder / "settings.json"), ZONE)
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=2 * n + 10)
    times = []
    for i in range(n):
        t = time.perf_counter()
        if i % 2 == 0:
            service.clock_in(at=at)
        else:
            service.clock_out(at=at)
        times.append(time.perf_counter() - t)
        at += timedelta(minutes=2)
    store.close()
    return times


def fill(store: Store, sessions: int, last_day: date) -> None:
    """Workdays going back from ``last_day``: 08:00–16:30 Berlin with a 30-min lunch."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(ZONE)
    day = last_day
    made = 0
    with store.write():
        while made < sessions:
            if day.weekday() < 5:
                start = datetime(day.year, day.month, day.day, 8, tzinfo=tz)
                store.save_session(
                    WorkSession(
                        id=uuid.uuid4(),
                        start=start,
                        end=start + timedelta(hours=8, minutes=30),
                        zone=ZONE,
                        breaks=(
                            BreakSegment(
                                start + timedelta(hours=4), start + timedelta(hours=4, minutes=30)
                            ),
                        ),
                    ),
                    Change.FINISHED,
                )
                made += 1
                # Some days have a second, short session (an evening call).
                if made % 7 == 0 and made < sessions:
                    evening = datetime(day.year, day.month, day.day, 19, tzinfo=tz)
                    store.save_session(
                        WorkSession(
                            id=uuid.uuid4(),
                            start=evening,
                            end=evening + timedelta(minutes=40),
                            zone=ZONE,
                        ),
                        Change.FINISHED,
                    )
                    made += 1
            day -= timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=25_000)
    args = parser.parse_args()
    ms = 1000.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = statistics.median(bare_commits(folder / "bare.db", args.events)) * ms
        (folder / "events").mkdir()
        event = statistics.median(clock_events(folder / "events", args.events)) * ms
        print(
            f"clock event (commit to disk): median {event:.3f} ms; "
            f"bare INSERT+COMMIT {bare:.3f} ms; ratio {event / bare:.2f}x (aim <= 2x)"
        )

        big = folder / "big"
        big.mkdir()
        store = Store.open(big / "clockapp.db")
        today = date.today()
        t = time.perf_counter()
        fill(store, args.sessions, today - timedelta(days=1))
        filled = time.perf_counter() - t
        service = ClockService(store, Settings.load(big / "settings.json"), ZONE)
        weeks = [today - timedelta(weeks=k * 37) for k in range(14)]  # spread over 10 years
        service.week(weeks[0])  # warm caches the way a running app has them
        report_times, select_times = [], []
        for _ in range(5):
            for w in weeks:
                t = time.perf_counter()
                service.week(w)
                report_times.append(time.perf_counter() - t)
                monday = w - timedelta(days=w.weekday())
                t = time.perf_counter()
                store._conn.execute(
                    "SELECT s.*, b.* FROM sessions s LEFT JOIN breaks b ON b.session_id = s.id "
                    "WHERE s.start_utc >= ? AND s.start_utc < ?",
                    (
                        (monday - timedelta(days=2)).isoformat(),
                        (monday + timedelta(days=8)).isoformat(),
                    ),
                ).fetchall()
                select_times.append(time.perf_counter() - t)
        count = store._conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        account_figures(service, today)
        store.close()
        report = statistics.median(report_times) * ms
        select = statistics.median(select_times) * ms
        print(
            f"week report on {count} sessions (filled in {filled:.1f} s): median {report:.3f} ms, "
            f"max {max(report_times) * ms:.3f} ms; bare SELECT of the week's rows {select:.3f} ms; "
            f"ratio {report / select:.1f}x (aim < 20 ms)"
        )


def account_figures(service: ClockService, today: date) -> None:
    """The month and the balance over the whole record, beside a bare SQL sum of the same rows."""
    from clockapp.domain.targets import Absence
    from clockapp.services.account import AccountService
    from clockapp.storage.account import AccountRecord

    ms = 1000.0
    service.settings.set("holiday_region", "DE-BY")
    service.settings.set("balance_since", today.replace(year=today.year - 10).isoformat())
    account = AccountService(service)
    record = AccountRecord(service.store)
    with service.store.write():  # a week of vacation every ~5 weeks: ~500 absence days
        for k in range(100):
            monday = today - timedelta(days=today.weekday() + 7 * (5 * k + 1))
            week = Absence(0, "vacation", monday, monday + timedelta(days=4))
            record.add_absence(week, datetime.now(UTC))
    first = account.since()  # ten years back
    sql = (
        "SELECT sum(julianday(end_utc) - julianday(start_utc)) FROM sessions "
        "WHERE start_utc >= ? AND start_utc < ?"
    )

    def timed(call: object, *args: object) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            call(*args)  # type: ignore[operator]
            times.append(time.perf_counter() - t)
        return statistics.median(times) * ms

    conn = service.store._conn
    month_sql = timed(
        lambda: conn.execute(sql, (today.replace(day=1).isoformat(), today.isoformat())).fetchall()
    )
    all_sql = timed(lambda: conn.execute(sql, (first.isoformat(), today.isoformat())).fetchall())
    t = time.perf_counter()
    account.balance()  # the first time splits every session and keeps the finished days
    first_time = (time.perf_counter() - t) * ms
    month = timed(account.month, today)
    balance = timed(account.balance)
    print(f"balance the first time (ten years split and kept): {first_time:.0f} ms")
    print(
        f"month timesheet (balance in and out over ten years): median {month:.1f} ms; "
        f"bare SQL sum of the month {month_sql:.3f} ms; ratio {month / month_sql:.0f}x "
        "(aim < 20 ms)"
    )
    print(
        f"balance over the whole record: median {balance:.1f} ms; bare SQL sum of ten years "
        f"{all_sql:.3f} ms; ratio {balance / all_sql:.0f}x (aim < 20 ms)"
    )


if __name__ == "__main__":
    main()
