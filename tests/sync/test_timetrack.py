"""The TimeTrack client against a fake that follows seeds 003/004 to the letter."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import TypeVar

import pytest

from clockapp.sync.backend import (
    AmbiguousWriteError,
    AuthError,
    EchoMismatchError,
    PermanentError,
    TransientError,
)
from clockapp.sync.timetrack import TimeTrackBackend
from tests.conftest import berlin
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack
from tests.sync.conftest import day

T = TypeVar("T")


def run(coro: Awaitable[T]) -> T:
    async def go() -> T:
        return await coro

    return asyncio.run(go())


def client(server: FakeTimeTrack, user: str = "anna", key: str | None = None) -> TimeTrackBackend:
    return TimeTrackBackend(server.url, user, key or server.api_key, server.api_secret)


async def _with(backend: TimeTrackBackend, coro: Awaitable[T]) -> T:
    try:
        return await coro
    finally:
        await backend.aclose()


def call(backend: TimeTrackBackend, method: str, *args: object) -> object:
    return asyncio.run(_with(backend, getattr(backend, method)(*args)))


def test_a_session_is_created_as_the_documents_say(timetrack: FakeTimeTrack) -> None:
    session = day(note="Support")
    entry = call(client(timetrack), "create", session)

    [post] = timetrack.requests_by("POST")
    assert post.path == "/api/v2/ext/attendances"
    assert post.headers["x-timetrack-api-key"] == timetrack.api_key
    assert post.body == {
        "username": "anna",
        "from": "2026-11-23T07:00:00.000Z",
        "to": "2026-11-23T15:30:00.000Z",
        "minutesBreak": 30,
        "notes": "Support",
        "manual": False,  # clocked, not made by hand
    }
    [stored] = timetrack.live()
    assert stored["breakMinutes"] == 30 and stored["user"] == "anna"
    assert entry.remote_id == str(stored["id"])  # type: ignore[attr-defined]
    assert entry.break_minutes == 30  # type: ignore[attr-defined]


def test_update_delete_and_get(timetrack: FakeTimeTrack) -> None:
    session = day()
    backend = client(timetrack)

    async def scenario() -> None:
        entry = await backend.create(session)
        later = session.with_changes(end=berlin("2026-11-23 17:00"), breaks=())
        updated = await backend.update(entry.remote_id, later)
        assert updated.end == berlin("2026-11-23 17:00") and updated.break_minutes == 0
        assert (await backend.get(entry.remote_id)) == updated
        await backend.delete(entry.remote_id)
        assert await backend.get(entry.remote_id) is None
        await backend.delete(entry.remote_id)  # already gone: still fine

    run(_with(backend, scenario()))
    [put] = timetrack.requests_by("PUT")
    assert "username" not in put.body  # the one field an update may not send
    assert timetrack.live() == [] and len(timetrack.entries) == 1  # marked deleted, as documented


def test_find_matches_user_and_exact_times_only(timetrack: FakeTimeTrack) -> None:
    session = day()
    assert session.end is not None
    timetrack.add("bernd", session.start, session.end, 30)  # a colleague, same times
    timetrack.add("anna", session.start, berlin("2026-11-23 16:31"), 30)  # a minute off
    assert call(client(timetrack), "find", session) is None
    mine = timetrack.add("anna", session.start, session.end, 30)
    found = call(client(timetrack), "find", session)
    assert found is not None and found.remote_id == str(mine)  # type: ignore[attr-defined]


def test_list_range_has_the_users_overlapping_entries(timetrack: FakeTimeTrack) -> None:
    inside = timetrack.add("anna", berlin("2026-11-24 08:00"), berlin("2026-11-24 12:00"))
    across = timetrack.add("anna", berlin("2026-11-22 22:00"), berlin("2026-11-23 02:00"))
    timetrack.add("anna", berlin("2026-11-30 08:00"), berlin("2026-11-30 12:00"))  # next week
    timetrack.add("bernd", berlin("2026-11-24 08:00"), berlin("2026-11-24 12:00"))
    entries = call(
        client(timetrack), "list_range", berlin("2026-11-23 00:00"), berlin("2026-11-30 00:00")
    )
    assert sorted(e.remote_id for e in entries) == sorted([str(inside), str(across)])  # type: ignore[attr-defined]


def test_a_break_the_server_did_not_keep_is_a_visible_error(timetrack: FakeTimeTrack) -> None:
    # The other reading of the contradictory documents: the server only knows breakMinutes.
    timetrack.break_field = "breakMinutes"
    with pytest.raises(EchoMismatchError) as caught:
        call(client(timetrack), "create", day())
    [stored] = timetrack.live()
    assert caught.value.remote_id == str(stored["id"])
    assert "with 0 min of break; ClockApp sent" in str(caught.value)
    assert str(caught.value).endswith("with 30 min.")


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault("before", 503), AmbiguousWriteError),  # a 5xx on a write may have landed
        (Fault("after", 502), AmbiguousWriteError),
        (Fault("drop_after"), AmbiguousWriteError),
        (Fault("hang_after", seconds=4), AmbiguousWriteError),
        (Fault("before", 429, retry_after="120"), TransientError),
        (Fault("before", 422, body={"error": "to must be after from"}), PermanentError),
        (Fault("before", 401), AuthError),
    ],
)
def test_write_failures_are_classified(
    timetrack: FakeTimeTrack, fault: Fault, error: type[Exception]
) -> None:
    timetrack.fail_next(fault)
    with pytest.raises(error) as caught:
        call(client(timetrack), "create", day())
    assert type(caught.value) is error
    if fault.status == 429:
        assert caught.value.retry_after == 120  # type: ignore[attr-defined]
    if fault.status == 422:
        assert "to must be after from" in str(caught.value)


def test_read_failures_are_plain_transient(timetrack: FakeTimeTrack) -> None:
    timetrack.fail_next(Fault("before", 503))
    with pytest.raises(TransientError) as caught:
        call(client(timetrack), "find", day())
    assert not isinstance(caught.value, AmbiguousWriteError)


def test_a_server_that_is_down_is_transient_not_ambiguous(timetrack: FakeTimeTrack) -> None:
    backend = client(timetrack)
    timetrack.stop()
    with pytest.raises(TransientError) as caught:
        call(backend, "create", day())
    assert not isinstance(caught.value, AmbiguousWriteError)
    assert str(caught.value) == "TimeTrack can't be reached (no network, or the server is down)."


def test_rejected_credentials_say_so_without_the_secret(timetrack: FakeTimeTrack) -> None:
    with pytest.raises(AuthError) as caught:
        call(client(timetrack, key="wrong-key-123"), "check")
    assert "rejected the credentials (error 401)" in str(caught.value)
    assert "wrong-key-123" not in str(caught.value)


def test_a_list_that_is_not_a_list_is_a_clear_error_tried_again(timetrack: FakeTimeTrack) -> None:
    # A garbled read may read fine next time: transient, never parked for good.
    timetrack.fail_next(Fault("before", 200, method="GET", body={"data": []}))
    with pytest.raises(TransientError, match="TimeTrack answered something that can't be read"):
        call(
            client(timetrack),
            "list_range",
            datetime(2026, 11, 23, tzinfo=UTC),
            datetime(2026, 11, 30, tzinfo=UTC),
        )
