"""The uploader against the fake vendors: exactly once, whatever the network does.

Real store on disk, real HTTP on loopback; only time is the test's (a fake clock).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import UploadStatus
from clockapp.services.clock import ClockService
from clockapp.services.uploads import SyncResult, Uploader, backoff
from clockapp.storage.uploads import LATE_COMMIT_WINDOW, UploadLedger
from clockapp.sync.backend import Backend
from clockapp.sync.papershift import PapershiftBackend
from clockapp.sync.timetrack import TimeTrackBackend
from tests.conftest import FakeClock, berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import FakeServer, Fault
from tests.fakes.timetrack import FakeTimeTrack


@dataclass
class Vendor:
    name: str
    #: The destination key the ledger files this account's uploads under.
    key: str
    server: FakeServer
    make: Callable[[], Backend]
    entries: Callable[[], list[dict[str, Any]]]
    #: Python that builds the same backend in another process (``url`` is defined there).
    recipe: str


@pytest.fixture(params=["timetrack", "papershift"])
def vendor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vendor]:
    monkeypatch.setattr("clockapp.sync.backend.TIMEOUT", httpx.Timeout(2.0, connect=2.0))
    if request.param == "timetrack":
        with FakeTimeTrack() as tt:
            yield Vendor(
                "timetrack",
                TimeTrackBackend.destination_for(tt.url, "anna").key,
                tt,
                lambda: TimeTrackBackend(tt.url, "anna", tt.api_key, tt.api_secret),
                lambda: tt.live(),
                "from clockapp.sync.timetrack import TimeTrackBackend as B\n"
                f"backend = B(url, 'anna', {tt.api_key!r}, {tt.api_secret!r})",
            )
    else:
        with FakePapershift() as ps:
            ids = {"location_id": "8006", "working_area_external_id": "Area-Alpha", "user_id": "1"}
            yield Vendor(
                "papershift",
                PapershiftBackend.destination_for(ps.url, dict(ids)).key,
                ps,
                lambda: PapershiftBackend(
                    ps.url,
                    ps.api_token,
                    location_id="8006",
                    working_area_external_id="Area-Alpha",
                    user_id="1",
                ),
                lambda: list(ps.sessions.values()),
                "from clockapp.sync.papershift import PapershiftBackend as B\n"
                f"backend = B(url, {ps.api_token!r}, location_id='8006',"
                " working_area_external_id='Area-Alpha', user_id='1')",
            )


def work_day(service: ClockService, day: str = "2026-11-23", note: str = "") -> WorkSession:
    service.clock_in(at=berlin(f"{day} 08:00"), note=note)
    service.start_break(at=berlin(f"{day} 12:00"))
    service.end_break(at=berlin(f"{day} 12:30"))
    return service.clock_out(at=berlin(f"{day} 16:30"))


def sync(service: ClockService, vendor: Vendor, clock: FakeClock) -> SyncResult:
    async def go() -> SyncResult:
        backend = vendor.make()
        try:
            return await Uploader(service.store, backend, now=clock, rng=lambda: 1.0).run_once()
        finally:
            await backend.aclose()

    return asyncio.run(go())


def sync_asked(service: ClockService, vendor: Vendor, clock: FakeClock) -> SyncResult:
    """A run the user asked for ("Sync now", ``clockapp sync``)."""

    async def go() -> SyncResult:
        backend = vendor.make()
        try:
            uploader = Uploader(service.store, backend, now=clock, rng=lambda: 1.0)
            return await uploader.run_once(asked=True)
        finally:
            await backend.aclose()

    return asyncio.run(go())


def settle_late_commits(service: ClockService, vendor: Vendor, clock: FakeClock) -> None:
    """After a create whose answer was lost: TimeTrack (no client id) is "checking for
    duplicates" until a late commit can't land any more; then one more run finds it done."""
    if vendor.name == "timetrack":
        result = sync(service, vendor, clock)
        assert result.left[UploadStatus.CHECKING] == 1 and not result.all_done
        clock.advance(seconds=LATE_COMMIT_WINDOW.total_seconds())
    assert sync(service, vendor, clock).all_done


def status(service: ClockService, vendor: Vendor, session: WorkSession, clock: FakeClock) -> Any:
    return UploadLedger(service.store).statuses(vendor.key, clock())[session.id]


@pytest.fixture
def evening(fake_clock: FakeClock) -> FakeClock:
    fake_clock.set_local("2026-11-27 18:00")
    return fake_clock


def test_a_finished_session_is_uploaded_once(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    result = sync(service, vendor, evening)
    assert result.uploaded == 1 and result.all_done
    [entry] = vendor.entries()
    info = status(service, vendor, session, evening)
    assert info.status is UploadStatus.UPLOADED and info.remote_id == str(entry["id"])
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).uploaded == 0
    assert seen == []  # nothing due, nothing sent


def test_edit_and_delete_follow_the_create(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    sync(service, vendor, evening)
    service.edit(str(session.id), end=berlin("2026-11-23 17:15"))
    sync(service, vendor, evening)
    [entry] = vendor.entries()
    assert entry.get("to", entry.get("ends_at")) == berlin("2026-11-23 17:15")
    service.delete(str(session.id))
    assert sync(service, vendor, evening).all_done
    assert vendor.entries() == []


def test_an_edit_before_upload_folds_into_the_create(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    service.edit(str(session.id), note="corrected", end=berlin("2026-11-23 17:00"))
    with vendor.server.recording() as seen:
        sync(service, vendor, evening)
    assert [r.method for r in seen] == ["POST"]
    [entry] = vendor.entries()
    assert entry.get("to", entry.get("ends_at")) == berlin("2026-11-23 17:00")


def test_a_delete_of_a_never_sent_session_sends_nothing(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    service.delete(str(session.id))
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).all_done
    assert seen == []


@pytest.mark.parametrize(
    "fault",
    [
        Fault("after", 503),
        Fault("drop_after"),
        Fault("hang_after", seconds=4),
        Fault("after", 200, raw=b"<html><body>Proxy error</body></html>"),
    ],
    ids=["5xx-after-storing", "connection-dropped", "timeout", "malformed-answer"],
)
def test_an_ambiguous_failure_is_looked_up_not_sent_twice(
    service: ClockService, vendor: Vendor, evening: FakeClock, fault: Fault
) -> None:
    session = work_day(service)
    vendor.server.fail_next(fault)
    result = sync(service, vendor, evening)
    assert result.uploaded == 0 and result.left[UploadStatus.WAITING] == 1
    assert len(vendor.entries()) == 1  # it did land
    info = status(service, vendor, session, evening)
    assert info.status is UploadStatus.WAITING and info.next_attempt_at == evening() + timedelta(
        seconds=30
    )

    evening.advance(minutes=1)
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).uploaded == 1
        settle_late_commits(service, vendor, evening)
    assert "POST" not in [r.method for r in seen]  # adopted, not created again
    [entry] = vendor.entries()
    assert status(service, vendor, session, evening).remote_id == str(entry["id"])


def test_a_5xx_before_storing_is_retried_and_lands_once(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    work_day(service)
    vendor.server.fail_next(Fault("before", 503), times=3)
    for _ in range(3):
        assert not sync(service, vendor, evening).all_done
        evening.advance(hours=2)
    assert sync(service, vendor, evening).all_done
    assert len(vendor.entries()) == 1


def test_retry_after_is_honoured_and_nothing_is_sent_before(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    vendor.server.fail_next(Fault("before", 429, retry_after="600"))
    sync(service, vendor, evening)
    info = status(service, vendor, session, evening)
    assert info.next_attempt_at is not None
    # As asked, plus up to a second of this client's own jitter.
    assert timedelta(seconds=600) <= info.next_attempt_at - evening() <= timedelta(seconds=601)
    evening.advance(minutes=9)
    with vendor.server.recording() as seen:
        sync(service, vendor, evening)
    assert seen == []
    evening.advance(minutes=2)
    assert sync(service, vendor, evening).all_done and len(vendor.entries()) == 1


def test_rejected_credentials_pause_the_backend_without_a_storm(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        work_day(service, day)
    vendor.server.fail_next(Fault("before", 401), times=10)
    with vendor.server.recording() as seen:
        result = sync(service, vendor, evening)
    assert result.paused is not None and "rejected the credentials" in result.paused
    assert len(seen) <= 4  # at most the requests already in flight, never a retry loop
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).paused is not None
    assert seen == []
    assert UploadLedger(service.store).counts(vendor.key, evening())[UploadStatus.PAUSED] == 3

    vendor.server.clear_faults()  # the admin fixed the account
    UploadLedger(service.store).resume(vendor.key)  # what "credentials changed" does
    assert sync(service, vendor, evening).all_done
    assert len(vendor.entries()) == 3


def test_a_refused_change_needs_attention_and_the_rest_go_on(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    first = work_day(service, "2026-11-23")
    vendor.server.fail_next(Fault("before", 422, body={"errors": {"starts_at": ["is locked"]}}))
    result = sync(service, vendor, evening)
    work_day(service, "2026-11-24")
    result = sync(service, vendor, evening)
    assert result.uploaded == 1 and result.left[UploadStatus.NEEDS_ATTENTION] == 1
    info = status(service, vendor, first, evening)
    assert info.status is UploadStatus.NEEDS_ATTENTION and "is locked" in str(info.detail)
    # A new edit of the parked session is a new change: it is tried again.
    service.edit(str(first.id), note="retry")
    assert sync(service, vendor, evening).all_done
    assert len(vendor.entries()) == 2


def test_many_sessions_go_up_in_parallel_and_exactly_once(
    service: ClockService, vendor: Vendor, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-12-31 20:00")
    days = [f"2026-12-{d:02d}" for d in range(1, 31)]
    for day in days:
        work_day(service, day)
    vendor.server.fail_next(Fault("after", 502), times=5)
    sync(service, vendor, fake_clock)
    fake_clock.advance(hours=2)
    assert sync(service, vendor, fake_clock).all_done
    assert len(vendor.entries()) == 30


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    assert backoff(0, None, lambda: 0.0) == timedelta(seconds=15)
    assert backoff(0, None, lambda: 1.0) == timedelta(seconds=30)
    assert backoff(3, None, lambda: 1.0) == timedelta(minutes=4)
    assert backoff(50, None, lambda: 1.0) == timedelta(hours=1)
    assert backoff(0, 86400 * 3, lambda: 1.0) == timedelta(hours=6)  # Retry-After capped
    assert backoff(0, 0, lambda: 0.0) == timedelta(seconds=1)


def test_a_crowd_told_the_same_retry_after_comes_back_spread_over_that_second() -> None:
    # Retry-After is whole seconds: without their own jitter, all told "5" arrive together.
    assert backoff(0, 5, lambda: 0.0) == timedelta(seconds=5)
    assert backoff(0, 5, lambda: 0.5) == timedelta(seconds=5.5)
    assert backoff(0, 5, lambda: 0.99) == timedelta(seconds=5.99)


KILLED_UPLOADER = """
import asyncio, sys
from pathlib import Path
from clockapp.services.clock import utc_now
from clockapp.services.uploads import Uploader
from clockapp.storage import Store
url = sys.argv[2]
{recipe}
store = Store.open(Path(sys.argv[1]))
asyncio.run(Uploader(store, backend, now=utc_now).run_once())
"""


def test_a_kill_9_mid_upload_is_resolved_by_a_lookup(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    """A real process is killed after the server stored the entry and before it heard back."""
    session = work_day(service)
    vendor.server.fail_next(Fault("hang_after", seconds=60, method="POST"))
    script = KILLED_UPLOADER.format(recipe=vendor.recipe)
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(service.store.path), vendor.server.url]
    )
    try:
        deadline = time.monotonic() + 30
        while not vendor.entries():
            assert time.monotonic() < deadline, "the uploader never reached the server"
            assert child.poll() is None, "the uploader exited early"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    evening.now = datetime.now(UTC)  # the child claimed by the real clock
    assert status(service, vendor, session, evening).status is UploadStatus.UPLOADING
    evening.advance(minutes=3)  # the dead process's claim goes stale
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).uploaded == 1
        settle_late_commits(service, vendor, evening)
    assert "POST" not in [r.method for r in seen]
    [entry] = vendor.entries()
    assert status(service, vendor, session, evening).remote_id == str(entry["id"])


# -- late commits, stuck reads, the user asking, a dead server ----------------------------------


def test_a_late_commit_of_a_lost_create_is_found_and_its_twin_removed(
    service: ClockService, evening: FakeClock, timetrack: FakeTimeTrack
) -> None:
    """TimeTrack has no client id. A create whose answer was lost is stored 30–70 s after the
    client gave up — after the look-up of the next attempt ran, which then created it again."""
    vendor_tt = Vendor(
        "timetrack",
        TimeTrackBackend.destination_for(timetrack.url, "anna").key,
        timetrack,
        lambda: TimeTrackBackend(timetrack.url, "anna", timetrack.api_key, timetrack.api_secret),
        lambda: timetrack.live(),
        "",
    )
    sessions = [work_day(service, d) for d in ("2026-11-23", "2026-11-24", "2026-11-25")]
    door = timetrack.add("anna", sessions[0].start, sessions[0].end or evening(), 30, "door")
    timetrack.fail_next(Fault("late", method="POST"), times=3)
    assert sync(service, vendor_tt, evening).left[UploadStatus.WAITING] == 3
    assert len(timetrack.live()) == 1  # only the door terminal's: nothing stored yet

    evening.advance(seconds=40)
    result = sync_asked(service, vendor_tt, evening)  # looks up, finds nothing, creates again
    assert result.uploaded == 3 and result.left[UploadStatus.CHECKING] == 3
    assert timetrack.commit_late(2) == 2  # two of the lost creates land now ...
    assert len(timetrack.live()) == 6

    evening.advance(seconds=30)
    result = sync(service, vendor_tt, evening)
    assert result.twins_removed == 2 and result.left[UploadStatus.CHECKING] == 3
    assert timetrack.commit_late() == 1  # ... the third one later still
    evening.advance(minutes=5)
    assert sync(service, vendor_tt, evening).twins_removed == 1

    evening.advance(seconds=LATE_COMMIT_WINDOW.total_seconds())
    assert sync(service, vendor_tt, evening).all_done
    live = timetrack.live()
    assert door in [e["id"] for e in live]  # never a record ClockApp did not create
    ours = [e for e in live if e["id"] != door]
    assert len(ours) == 3 and len({(e["from"], e["to"]) for e in ours}) == 3
    ledger = UploadLedger(service.store).statuses(vendor_tt.key, evening())
    assert {ledger[s.id].remote_id for s in sessions} == {str(e["id"]) for e in ours}
    assert all(ledger[s.id].status is UploadStatus.UPLOADED for s in sessions)


@pytest.mark.parametrize(
    "answer",
    [b'[{"id": 1, "from": "2026-11-23T07:00:00.000Z", "to', b"<html>Bad gateway</html>"],
    ids=["cut-off", "not-json"],
)
def test_a_bad_answer_to_a_look_up_is_tried_again_not_parked(
    service: ClockService, vendor: Vendor, evening: FakeClock, answer: bytes
) -> None:
    session = work_day(service)
    vendor.server.fail_next(Fault("after", 503))  # stored, but the answer says otherwise
    sync(service, vendor, evening)
    vendor.server.fail_next(Fault("before", 200, method="GET", raw=answer))
    evening.advance(minutes=1)
    result = sync(service, vendor, evening)
    assert result.left[UploadStatus.WAITING] == 1 and result.left[UploadStatus.NEEDS_ATTENTION] == 0
    evening.advance(hours=1)
    with vendor.server.recording() as seen:
        assert sync(service, vendor, evening).uploaded == 1
    assert "POST" not in [r.method for r in seen]
    [entry] = vendor.entries()
    assert status(service, vendor, session, evening).remote_id == str(entry["id"])


def test_the_user_asking_tries_waiting_items_now_but_not_before_a_retry_after(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    first, second = work_day(service, "2026-11-23"), work_day(service, "2026-11-24")
    vendor.server.fail_next(Fault("before", 503), times=2)
    sync(service, vendor, evening)
    assert status(service, vendor, first, evening).status is UploadStatus.WAITING
    with vendor.server.recording() as seen:
        sync(service, vendor, evening)  # automatic: the backoff holds
    assert seen == []
    asked = sync_asked(service, vendor, evening)  # asked: now
    assert asked.uploaded == 2 and asked.left[UploadStatus.WAITING] == 0

    third = work_day(service, "2026-11-25")
    vendor.server.fail_next(Fault("before", 429, retry_after="600"))
    sync(service, vendor, evening)
    with vendor.server.recording() as seen:
        assert not sync_asked(service, vendor, evening).all_done
    # The server said when: even the user waits for it (only look-ups for twins may go).
    assert {r.method for r in seen} <= {"GET"}
    assert status(service, vendor, third, evening).status is UploadStatus.WAITING
    assert second.id != third.id


def test_the_user_asking_never_takes_a_live_claim_nor_lifts_a_pause(
    service: ClockService, vendor: Vendor, evening: FakeClock
) -> None:
    session = work_day(service)
    ledger = UploadLedger(service.store)
    assert ledger.claim(vendor.key, session.id, "another-process", evening()) is not None
    with vendor.server.recording() as seen:
        sync_asked(service, vendor, evening)
    assert seen == []
    ledger.release(vendor.key, session.id)
    ledger.pause(vendor.key, "rejected")
    with vendor.server.recording() as seen:
        assert sync_asked(service, vendor, evening).paused == "rejected"
    assert seen == []


class SilentServer:
    """Accepts connections and never answers: a server that hangs."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.connections: list[Any] = []
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self) -> None:
        import socket

        # shutdown() first: a close() alone leaves the listener alive while accept() blocks
        # on it in the other thread, and it goes on taking connections.
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        for conn in self.connections:
            conn.close()


@pytest.mark.parametrize("dead", ["silent", "refusing"])
def test_a_dead_server_ends_the_run_early_and_everything_waits(
    service: ClockService, evening: FakeClock, monkeypatch: pytest.MonkeyPatch, dead: str
) -> None:
    monkeypatch.setattr("clockapp.sync.backend.TIMEOUT", httpx.Timeout(1.0, connect=1.0))
    for i in range(30):
        day = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(days=i)
        service.clock_in(at=day + timedelta(hours=7))
        service.clock_out(at=day + timedelta(hours=15))
    server = SilentServer()
    if dead == "refusing":
        server.close()  # nothing listens there any more
    try:
        backend = TimeTrackBackend(server.url, "anna", "key", "secret")

        async def go() -> SyncResult:
            try:
                return await Uploader(service.store, backend, now=evening).run_once(asked=True)
            finally:
                await backend.aclose()

        result = asyncio.run(go())
    finally:
        server.close()
    assert result.stopped is not None and not result.all_done
    # At most the requests in flight when the first went unanswered: never one timeout per item.
    assert len(server.connections) <= 4
    statuses = UploadLedger(service.store).statuses(backend.destination.key, evening())
    assert len(statuses) == 30
    tried = [i for i in statuses.values() if i.attempts]
    assert len(tried) <= 4 and all(i.status is UploadStatus.WAITING for i in tried)
