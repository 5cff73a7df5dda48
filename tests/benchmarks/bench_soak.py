"""Soak: a work week of the tray app in a few minutes, with resident memory sampled throughout.

The real tray pieces (LiveClock, UploadWatch with the real SyncService, ClockTray with its
popup, the week window, the presence watch), wired as ``clockapp.ui.app`` wires them, on the
qasync loop, with a fake clock that the script moves through the week of the autumn DST change
(Mon 19 to Sun 25 October 2026, Europe/Berlin): clock in, a break, clock out each day, the
day changing overnight, the clocks going back an
hour on Sunday. Against the fake Papershift on loopback, 200 syncs of which about a third meet
a fault (503, 429, a dropped connection, a write that lands but answers 500). The popup is shown
and hidden 500 times and the week window opened and closed 50 times, spread over the week.

Prints (not a test; nothing asserts) RSS after each simulated hour at work (after garbage
collection and a heap trim, as the app does when a window closes) and the growth from
the end of the first hour to the end of the week. Aim (issue 16): growth <= 3 MiB.

Run: .venv/bin/python tests/benchmarks/bench_soak.py [--syncs 200] [--popups 500] [--weeks 50]
     [--trace N]   (N: print the Python allocation sites grown most, by tracemalloc)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from clockapp.secrets import SecretStore  # noqa: E402
from clockapp.services import backend_config  # noqa: E402
from clockapp.services.clock import ClockService  # noqa: E402
from clockapp.services.presence import PresenceService  # noqa: E402
from clockapp.services.sync import SyncService  # noqa: E402
from clockapp.settings import Settings  # noqa: E402
from clockapp.storage import Store  # noqa: E402
from clockapp.ui.app import release_memory  # noqa: E402
from clockapp.ui.event_loop import QEventLoop  # noqa: E402
from clockapp.ui.live_clock import ClockAction, LiveClock  # noqa: E402
from clockapp.ui.presence import PresenceController  # noqa: E402
from clockapp.ui.qt import QApplication, QTimer  # noqa: E402
from clockapp.ui.tray import ClockTray  # noqa: E402
from clockapp.ui.upload_status import UploadWatch  # noqa: E402
from tests.keyring_memory import MemoryKeyring  # noqa: E402
from tests.ui.test_away_prompt import FakeIdle  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
#: Monday of the week whose Sunday the clocks go back (03:00 CEST -> 02:00 CET).
MONDAY = datetime(2026, 10, 19, tzinfo=BERLIN)
STEP = timedelta(minutes=10)
START = MONDAY.replace(hour=7).astimezone(UTC)
FAULTS = ["before 503", "before 429 30", "drop 0", "after 500"]

# The fake Papershift in a process of its own: its records and threads must not count in the
# app's memory. One command a line: "fail KIND STATUS [RETRY_AFTER]", "clear", "report".
SERVER = """
import json, sys
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import Fault
server = FakePapershift().start()
print(server.url, server.api_token, flush=True)
for line in sys.stdin:
    command, *args = line.split()
    if command == "fail":
        server.fail_next(Fault(args[0], int(args[1]), retry_after=(args[2:] or [None])[0]))
    elif command == "clear":
        server.clear_faults()
    elif command == "report":
        print(json.dumps([len(server.sessions), len(server.requests)]), flush=True)
"""


class Server:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self.url, self.api_token = self.process.stdout.readline().split()

    def tell(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def report(self) -> tuple[int, int]:
        assert self.process.stdout is not None
        self.tell("report")
        sessions, requests = json.loads(self.process.stdout.readline())
        return sessions, requests

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)


class WeekClock:
    """The fake wall clock the whole app reads (UTC, like ``utc_now``)."""

    def __init__(self, start: datetime) -> None:
        self.now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def soak(
    args: argparse.Namespace, app: QApplication, folder: Path
) -> list[tuple[str, float]]:
    rng = random.Random(16)
    server = Server()
    keyring.set_keyring(MemoryKeyring())
    clock_now = WeekClock(START)
    store = Store.open(folder / "clockapp.db")
    settings = Settings.load(folder / "settings.json")
    service = ClockService(store, settings, "Europe/Berlin", now=clock_now)
    secrets = SecretStore()
    backend_config.configure_papershift(
        settings,
        secrets,
        server.url,
        server.api_token,
        {
            "location_external_id": "Company-A",
            "working_area_external_id": "Area-Alpha",
            "user_external_id": "User-001",
        },
    )
    sync = SyncService(store, settings, secrets, now=clock_now)
    clock = LiveClock(service, now=clock_now)
    uploads = UploadWatch(sync)
    tray = ClockTray(clock, uploads, sync=sync, secrets=secrets, tray_available=True)
    presence = PresenceController(
        clock,
        # Polled every simulated 10 minutes: a longer gap would read as the computer asleep.
        PresenceService(
            service,
            poll_interval_seconds=STEP.total_seconds(),
            now=clock_now,
            monotonic=lambda: (clock_now.now - START).total_seconds(),
            zone_now=lambda: "Europe/Berlin",
        ),
        FakeIdle(),
        tray.notify,
        parent=app,
        poll_interval_ms=None,
    )
    clock.minute.connect(presence.poll)
    clock.clocked_out.connect(uploads.sync_now)
    app.lastWindowClosed.connect(lambda: QTimer.singleShot(1000, release_memory))
    clock.start()
    uploads.refresh()
    presence.start()

    samples: list[tuple[str, float]] = []
    steps_at_work = 5 * 11 * 6  # five days, 07:00 to 18:00, every 10 minutes
    syncs = popups = weeks = 0
    step = 0
    snapshots: list[tracemalloc.Snapshot] = []

    # Last Friday's session, finished and uploaded: each sync below first changes its note, so
    # every sync has an update to send (and a fault to meet).
    service.clock_in(at=START - timedelta(days=3, hours=-1))
    last_friday = service.clock_out(at=START - timedelta(days=3, hours=-9))

    async def one_sync() -> None:
        nonlocal syncs
        service.edit(str(last_friday.id), note=f"note {syncs}")
        if rng.random() < 0.35:
            server.tell(f"fail {rng.choice(FAULTS)}")
        uploads.sync_now()
        await uploads.wait_idle()
        server.tell("clear")
        syncs += 1

    for day in range(7):
        morning = (MONDAY + timedelta(days=day)).replace(hour=7)
        clock_now.now = morning.astimezone(UTC)  # overnight: the day changes
        clock._on_minute()
        for _tick in range(11 * 6):
            clock_now.now += STEP
            local = clock_now.now.astimezone(BERLIN)
            clock._on_minute()  # the minute beat: refresh, tooltip, presence
            if day < 5:
                moments = {
                    (8, 0): ClockAction.CLOCK_IN,
                    (12, 0): ClockAction.START_BREAK,
                    (12, 30): ClockAction.END_BREAK,
                    (16, 30): ClockAction.CLOCK_OUT,
                }
                action = moments.get((local.hour, local.minute))
                if action is not None:
                    clock.act(action)
                    await uploads.wait_idle()
                step += 1
                goal = step / steps_at_work
                while syncs < args.syncs * goal:
                    await one_sync()
                while popups < args.popups * goal:
                    tray.show_popup()
                    await asyncio.sleep(0)
                    assert tray.popup is not None
                    tray.popup.hide()
                    popups += 1
                while weeks < args.weeks * goal:
                    tray.open_week()
                    await asyncio.sleep(0.05)  # the remote week arrives in the background
                    assert tray.week_window is not None
                    tray.week_window.close()
                    await asyncio.sleep(0)
                    weeks += 1
            if local.minute == 0:
                await asyncio.sleep(0.05)  # deferred deletes run
                # As the app does a second after a window closes: what is garbage or free heap
                # goes back, so the samples show what is held, not when glibc last trimmed.
                release_memory()
                samples.append((f"{local:%a %d %H:%M %Z}", rss_mib()))
                if args.trace and day == 0 and local.hour == 9:
                    snapshots.append(tracemalloc.take_snapshot())
    while syncs < args.syncs:
        await one_sync()
    await asyncio.sleep(0.2)
    release_memory()
    samples.append(("end", rss_mib()))
    if args.trace:
        snapshots.append(tracemalloc.take_snapshot())
        print("Python allocations grown from the first hour at work to the end (tracemalloc):")
        for stat in snapshots[-1].compare_to(snapshots[0], "lineno")[: args.trace]:
            print(f"  {stat}")
    on_server, requests = server.report()
    print(
        f"{syncs} syncs, {popups} popups, {weeks} week windows; "
        f"{on_server} sessions on the server, {requests} requests"
    )
    presence.stop()
    clock.stop()
    uploads.stop()
    store.close()
    server.stop()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--syncs", type=int, default=200)
    parser.add_argument("--popups", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=50)
    parser.add_argument(
        "--trace", type=int, default=0, help="print the N Python allocation sites grown most"
    )
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(10)
    logging.basicConfig(level=logging.ERROR)  # the faults are meant: no warnings about them
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="clockapp-soak-xdg-"))
    app = QApplication(["clockapp-soak"])
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)  # the app's loop
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        samples = loop.run_until_complete(soak(args, app, Path(tmp)))
    first_hour = next(rss for label, rss in samples if "09:00" in label)
    print("RSS by simulated hour (MiB):")
    for label, rss in samples:
        print(f"  {label:24}{rss:7.1f}")
    first_day = next(rss for label, rss in samples if label.startswith("Tue") and "08:00" in label)
    growth = samples[-1][1] - first_hour
    print(f"growth from the first hour at work to the end: {growth:+.1f} MiB (aim <= 3 MiB)")
    print(f"growth from the end of the first day to the end: {samples[-1][1] - first_day:+.1f} MiB")


if __name__ == "__main__":
    main()
