"""kill -9 must never lose a clock event that was reported, nor leave a half-written one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WORKER = textwrap.dedent(
    """
    import sys, time
    from datetime import timedelta
    from clockapp.services.clock import utc_now
    from clockapp.services.root import Services
    clock = Services.open_default().clock
    if sys.argv[1] == "in":
        s = clock.clock_in()
        print(s.id, flush=True)
        time.sleep(60)
    else:  # churn: back-dated minute-long sessions as fast as commits allow, each reported
        at = utc_now() - timedelta(days=2)
        while True:
            s = clock.clock_in(at=at)
            print("in", s.id, flush=True)
            s = clock.clock_out(at=at + timedelta(minutes=1))
            print("out", s.id, flush=True)
            at += timedelta(minutes=2)
    """
)


def start(mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, mode], stdout=subprocess.PIPE, text=True, env=os.environ
    )


def status() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "status", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_session_survives_kill_9_right_after_clock_in_returns(data_dir: Path) -> None:
    worker = start("in")
    assert worker.stdout is not None
    session_id = worker.stdout.readline().strip()
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    worker.stdout.close()
    now = status()
    assert now["state"] == "working"
    assert now["session_id"] == session_id


def test_kill_9_during_a_stream_of_events_keeps_every_reported_one(data_dir: Path) -> None:
    worker = start("churn")
    assert worker.stdout is not None
    reported: list[tuple[str, str]] = []
    for _ in range(40):
        kind, sid = worker.stdout.readline().split()
        reported.append((kind, sid))
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    worker.stdout.close()
    three_days_ago = (date.today() - timedelta(days=3)).isoformat()
    last_id = reported[-1][1]
    now = status()
    # Every reported event is there; the one in flight may or may not be, never half of it.
    assert now["state"] in ("off", "working")
    out = subprocess.run(
        [sys.executable, "-m", "clockapp", "sessions", "--from", three_days_ago, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    stored = {s["id"]: s for s in json.loads(out.stdout)}
    finished = {sid for kind, sid in reported if kind == "out"}
    assert finished <= {sid for sid, s in stored.items() if s["end"] is not None}
    assert last_id in stored
    assert len(stored) in (len({sid for _, sid in reported}), len({sid for _, sid in reported}) + 1)
