"""Fleet simulation: thousands of ClockApp clients uploading at once to one rate-limited server.

A company's fleet comes back from a network outage (or starts at 09:00) and every client uploads
what it holds at the same moment. Each simulated client has its own store (an SQLite file) and
runs the real :class:`~clockapp.services.uploads.Uploader` against its own Papershift backend;
all run in this one process on one asyncio loop. The fake Papershift (tests/fakes) runs in its
own process and answers 429 with Retry-After above ``--rate`` requests a second (a token bucket,
tests/fakes/server.py). As the tray does, a client's first run begins after a random start
delay (``uploads.start_delay``: a fleet logging in at 09:00 must not arrive in one second), and
it runs again when its next upload is due.

Prints (not a test; nothing asserts), once per policy measured (the start spread and
``backoff`` as they are, and with ``--before`` as they were: no spread, Retry-After to the second),
in the same run:
  - time to drain against the floor (items / allowed rate);
  - the peak request rate the server saw in any 1-second window (all requests, and admitted
    ones), and in how many 1-second windows each went above the limit (the bucket lets up to
    rate + burst through in one window after a quiet spell), and the longest stretch of
    consecutive seconds above it;
  - the share of requests answered 429, and in how many seconds the server refused any (the
    fleet went beyond what its limit lets through, bursts included);
  - that every session arrived exactly once (none lost, none doubled).

Aims (issue 16): drain within 1.3x the floor, 429s under 10 % of requests, the server's rate
never above its limit for more than one second, zero lost or doubled.

Run: .venv/bin/python tests/benchmarks/bench_fleet.py [--clients 2000] [--sessions 1]
         [--rate 50] [--spread 0] [--before]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

import httpx._transports.default  # noqa: E402

from clockapp.domain.session import BreakSegment, WorkSession  # noqa: E402
from clockapp.services import uploads  # noqa: E402
from clockapp.storage import Change, Store  # noqa: E402
from clockapp.storage.store import from_text  # noqa: E402
from clockapp.sync.papershift import PapershiftBackend, external_id  # noqa: E402

SERVER = """
import json, sys
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import RateLimit
server = FakePapershift().start()
print(server.url, flush=True)
for line in sys.stdin:  # one command a line: "limit RATE", "report"
    command, *args = line.split()
    if command == "limit":
        with server.lock:
            server.sessions.clear()
            server.requests.clear()
            server.rate_limit = RateLimit(float(args[0]))
    elif command == "report":
        with server.lock:
            limit = server.rate_limit
            external = [s["external_id"] for s in server.sessions.values()]
            posts = sum(1 for r in server.requests if r.method == "POST")
            print(json.dumps({"admitted": limit.admitted, "refused": limit.refused,
                              "external_ids": external, "posts": posts}), flush=True)
"""

IDS = {
    "location_external_id": "Company-A",
    "working_area_external_id": "Area-Alpha",
    "user_external_id": "User-001",
}
TOKEN = "ps-token-89abcdef"


# Every simulated client stands for a machine of its own, yet all share this process's CPU: one
# TLS context (loading the CA bundle costs ~20 ms per backend built) keeps that CPU for what is
# measured. Plain HTTP on loopback never uses it anyway.
httpx._transports.default.create_ssl_context = functools.cache(  # type: ignore[attr-defined]
    httpx._transports.default.create_ssl_context  # type: ignore[attr-defined]
)


def backoff_before(attempts: int, retry_after: float | None, rng: Callable[[], float]) -> timedelta:
    """``uploads.backoff`` before issue 16: Retry-After taken to the second, no jitter."""
    if retry_after is not None:
        return min(timedelta(seconds=max(retry_after, 1.0)), uploads.LONGEST_RETRY_AFTER)
    ceiling: timedelta = min(uploads.FIRST_RETRY * 2 ** min(attempts, 20), uploads.LONGEST_RETRY)
    return ceiling * (0.5 + rng() / 2)


def make_stores(folder: Path, clients: int, sessions: int) -> list[tuple[Store, set[str]]]:
    """One store per client, each with ``sessions`` finished days waiting to upload."""
    stores = []
    first = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
    for c in range(clients):
        store = Store.open(folder / f"client-{c:05d}" / "clockapp.db")
        ids = set()
        with store.write():
            for i in range(sessions):
                start = first - timedelta(days=i)
                session = WorkSession(
                    id=uuid.uuid4(),
                    start=start,
                    end=start + timedelta(hours=8, minutes=30),
                    zone="Europe/Berlin",
                    breaks=(
                        BreakSegment(start + timedelta(hours=4), start + timedelta(hours=4.5)),
                    ),
                )
                store.save_session(session, Change.FINISHED)
                ids.add(str(session.id))
        stores.append((store, ids))
    return stores


def now_utc() -> datetime:
    return datetime.now(UTC)


def next_due(store: Store) -> datetime | None:
    """When this client's earliest waiting upload is due (None: nothing waits)."""
    row = store._conn.execute("SELECT MIN(next_attempt_at) FROM uploads").fetchone()
    return from_text(row[0]) if row[0] else None


async def client(store: Store, url: str, delay: float, spread_start: bool) -> int:
    """Upload everything this client holds, running again whenever something is due; the first
    run begins after the tray's random start delay (``spread_start``)."""
    await asyncio.sleep(delay + (uploads.start_delay().total_seconds() if spread_start else 0))
    uploaded = 0
    while True:
        backend = PapershiftBackend(url, TOKEN, **IDS)
        try:
            result = await uploads.Uploader(store, backend, now=now_utc).run_once()
        finally:
            await backend.aclose()
        uploaded += result.uploaded
        if result.all_done or result.paused:
            return uploaded
        due = next_due(store)
        wait = (due - now_utc()).total_seconds() if due else 1.0
        await asyncio.sleep(max(wait, 0.01))


async def fleet(
    stores: list[tuple[Store, set[str]]], url: str, spread: float, spread_start: bool
) -> tuple[float, int]:
    started = time.perf_counter()
    n = len(stores)
    results = await asyncio.gather(
        *(client(store, url, spread * i / n, spread_start) for i, (store, _) in enumerate(stores))
    )
    return time.perf_counter() - started, sum(results)


def measure(
    server: subprocess.Popen[str],
    url: str,
    args: argparse.Namespace,
    policy: str,
    spread_start: bool = True,
) -> dict[str, Any]:
    assert server.stdin is not None and server.stdout is not None
    folder = Path(tempfile.mkdtemp(prefix="clockapp-fleet-", dir=args.dir))
    try:
        stores = make_stores(folder, args.clients, args.sessions)
        server.stdin.write(f"limit {args.rate}\n")
        server.stdin.flush()
        elapsed, uploaded = asyncio.run(fleet(stores, url, args.spread, spread_start))
        server.stdin.write("report\n")
        server.stdin.flush()
        report = json.loads(server.stdout.readline())
        # Papershift files a session under an id made for the destination (sync.papershift).
        backend = PapershiftBackend(url, TOKEN, **IDS)
        key = backend.destination.key
        asyncio.run(backend.aclose())
        sent = {external_id(uuid.UUID(i), key) for _, ids in stores for i in ids}
        for store, _ in stores:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    arrived: dict[str, int] = {}
    for filed_as in report["external_ids"]:
        arrived[filed_as] = arrived.get(filed_as, 0) + 1
    admitted = {int(k): v for k, v in report["admitted"].items()}
    refused = {int(k): v for k, v in report["refused"].items()}
    seconds = set(admitted) | set(refused)
    total = {s: admitted.get(s, 0) + refused.get(s, 0) for s in seconds}
    # The server's own timeline (1-second windows): building 2,000 HTTP clients in one process
    # takes this process seconds before the first request, which no real fleet pays.
    first, last = min(seconds, default=0), max(admitted, default=0)
    settled = next((t for t in range(first, last + 1) if total.get(t, 0) <= args.rate), last)
    return {
        "policy": policy,
        "elapsed": elapsed,
        "uploaded": uploaded,
        "requests": sum(total.values()),
        "refused": sum(refused.values()),
        "server_drain": last - first + 1,
        "first_wave": settled - first,
        "peak_all": max(total.values(), default=0),
        "peak_later": max((v for t, v in total.items() if t >= settled), default=0),
        "seconds_over_all": sum(1 for v in total.values() if v > args.rate),
        "seconds_over_later": sum(1 for t, v in total.items() if t >= settled and v > args.rate),
        "seconds_refusing": sum(1 for v in refused.values() if v),
        "longest_over": longest_run(total.get(t, 0) > args.rate for t in range(first, last + 1)),
        "lost": len(sent - set(arrived)),
        "doubled": sum(1 for n in arrived.values() if n > 1),
        "strangers": len(set(arrived) - sent),
        "profile": " ".join(
            f"{total.get(t, 0)}/{admitted.get(t, 0)}" for t in range(first, last + 1)
        ),
    }


def longest_run(flags: Iterable[bool]) -> int:
    """The most consecutive true values (seconds in a row above the limit)."""
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=1, help="finished sessions per client")
    parser.add_argument("--rate", type=float, default=50.0, help="server limit, requests/s")
    parser.add_argument(
        "--spread", type=float, default=0.0, help="seconds over which the clients start"
    )
    parser.add_argument(
        "--before", action="store_true", help="also measure the uploader's backoff before #16"
    )
    parser.add_argument("--profile", action="store_true", help="print requests per second")
    parser.add_argument("--dir", default="/dev/shm" if Path("/dev/shm").is_dir() else None)
    args = parser.parse_args()

    # Each client holds a database (three files) and a connection: more than the default 1024.
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    url = server.stdout.readline().strip()
    runs = []
    try:
        if args.before:
            current = uploads.backoff
            uploads.backoff = backoff_before
            try:
                runs.append(
                    measure(server, url, args, "before #16 (no start spread)", spread_start=False)
                )
            finally:
                uploads.backoff = current
        runs.append(measure(server, url, args, "now (start spread, backoff)"))
    finally:
        server.stdin.close()
        server.wait(10)

    items = args.clients * args.sessions
    floor = items / args.rate
    print(
        f"fleet: {args.clients} clients x {args.sessions} session(s) = {items} items, "
        f"server limit {args.rate:.0f} requests/s (bucket of {max(args.rate, 1):.0f}), "
        f"clients start over {args.spread:.0f} s; floor {floor:.1f} s"
    )
    for r in runs:
        print(
            f"  {r['policy']}: drained in {r['elapsed']:.1f} s here, {r['server_drain']} s "
            f"from the server's first request to its last upload = "
            f"{r['server_drain'] / floor:.2f}x floor (aim <= 1.3x)\n"
            f"    {r['requests']} requests, 429s {r['refused'] / max(r['requests'], 1):.1%} "
            f"(aim < 10 %)\n"
            f"    requests seen per second: peak {r['peak_all']}/s in the first wave "
            f"({r['first_wave']} s), then at most {r['peak_later']}/s; seconds above "
            f"{args.rate:.0f}/s: {r['seconds_over_all']}, {r['seconds_over_later']} after the "
            f"first wave (aim <= 1); longest stretch above it: {r['longest_over']} s; seconds "
            f"in which the server refused any (its bucket ran dry): {r['seconds_refusing']}\n"
            f"    uploaded {r['uploaded']}, lost {r['lost']}, doubled {r['doubled']}, "
            f"unknown {r['strangers']} (aim 0)"
        )
        if args.profile:
            print(f"    requests seen/admitted each second: {r['profile']}")


if __name__ == "__main__":
    main()
