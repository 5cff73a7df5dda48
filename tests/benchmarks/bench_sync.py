"""Benchmark: flushing a backlog of sessions to a (fake) TimeTrack with internet-like latency.

Prints the uploader's sessions/s beside the floor a perfect client could reach with the same
concurrency (latency x sessions / concurrency), and the worst event-loop stall during the flush
(what the tray's timer would feel). Not a test; nothing asserts. The fake server runs in its own
process so it does not compete for the measured process's interpreter.

Run: .venv/bin/python tests/benchmarks/bench_sync.py [--sessions 2000] [--latency-ms 20]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clockapp.domain.session import BreakSegment, WorkSession
from clockapp.services.uploads import Uploader
from clockapp.storage import Change, Store
from clockapp.sync.timetrack import TimeTrackBackend

ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import sys, time
from tests.fakes.timetrack import FakeTimeTrack
server = FakeTimeTrack().start()
server.latency = float(sys.argv[1])
print(server.url, flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
print(len(server.live("anna")), flush=True)
"""


def backlog(store: Store, n: int) -> None:
    """``n`` finished eight-hour days, one per day going back from last week."""
    first = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
    with store.write():
        for i in range(n):
            start = first - timedelta(days=i)
            session = WorkSession(
                id=uuid.uuid4(),
                start=start,
                end=start + timedelta(hours=8, minutes=30),
                zone="Europe/Berlin",
                breaks=(BreakSegment(start + timedelta(hours=4), start + timedelta(hours=4.5)),),
            )
            store.save_session(session, Change.FINISHED)


async def flush(store: Store, url: str, concurrency: int) -> tuple[float, float, int]:
    """(seconds, worst loop stall in seconds, sessions uploaded)."""
    worst = 0.0
    done = asyncio.Event()

    async def watch_loop() -> None:
        nonlocal worst
        while not done.is_set():
            t = time.perf_counter()
            await asyncio.sleep(0.001)
            worst = max(worst, time.perf_counter() - t - 0.001)

    watcher = asyncio.create_task(watch_loop())
    backend = TimeTrackBackend(url, "anna", "tt-key-0123", "tt-secret-4567")
    started = time.perf_counter()
    try:
        uploader = Uploader(store, backend, now=lambda: datetime.now(UTC), concurrency=concurrency)
        result = await uploader.run_once()
    finally:
        elapsed = time.perf_counter() - started
        done.set()
        await watcher
        await backend.aclose()
    return elapsed, worst, result.uploaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(args.latency_ms / 1000)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    url = server.stdout.readline().strip()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "clockapp.db")
        backlog(store, args.sessions)
        elapsed, stall, uploaded = asyncio.run(flush(store, url, args.concurrency))
        store.close()
    server.stdin.close()
    on_server = int(server.stdout.readline())
    server.wait()

    floor = args.latency_ms / 1000 * args.sessions / args.concurrency
    print(
        f"flush of {args.sessions} sessions, {args.latency_ms:.0f} ms latency, "
        f"concurrency {args.concurrency}"
    )
    print(f"  uploaded {uploaded}, on the server {on_server} (must both be {args.sessions})")
    print(
        f"  {elapsed:.2f} s = {args.sessions / elapsed:.0f} sessions/s; floor {floor:.2f} s = "
        f"{args.sessions / floor:.0f} sessions/s; ratio {elapsed / floor:.2f}x (aim <= 1.5x)"
    )
    print(f"  worst event-loop stall {stall * 1000:.1f} ms (aim <= 50 ms)")


if __name__ == "__main__":
    main()
