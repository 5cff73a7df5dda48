"""The Papershift client against a fake that follows seed 000 to the letter."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import timedelta
from typing import Any, TypeVar

import pytest

from clockapp.sync.backend import AuthError, ConfigError, PermanentError
from clockapp.sync.papershift import PapershiftBackend, external_id
from tests.conftest import berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import FakeServer, Fault, Request
from tests.sync.conftest import day

T = TypeVar("T")


def client(server: FakePapershift, token: str | None = None, **ids: str) -> PapershiftBackend:
    ids = ids or {
        "location_external_id": "Company-A",
        "working_area_id": "12",
        "user_external_id": "User-001",
    }
    return PapershiftBackend(server.url, token or server.api_token, **ids)


def call(backend: PapershiftBackend, coro_of: Any) -> Any:
    async def go() -> Any:
        try:
            return await coro_of(backend)
        finally:
            await backend.aclose()

    return asyncio.run(go())


def test_create_sends_an_external_id_of_the_destination_and_the_token_in_the_body(
    papershift: FakePapershift,
) -> None:
    session = day()
    backend = client(papershift)
    ours = backend.external_id(session)
    # The session's UUID, made specific to where it is filed: another user gets another id.
    assert uuid.UUID(ours) != session.id
    other = PapershiftBackend.destination_for(papershift.url, {"user_id": "2"}).key
    assert external_id(session.id, other) != ours
    entry = call(backend, lambda b: b.create(session))

    [post] = papershift.requests_by("POST")
    assert papershift.api_token not in post.raw_target
    assert post.body == {
        "api_token": papershift.api_token,
        "interface_language": "en",
        "working_session": {
            "location_external_id": "Company-A",
            "working_area_id": 12,
            "user_external_id": "User-001",
            "starts_at": "2026-11-23T07:00:00+00:00",
            "ends_at": "2026-11-23T15:30:00+00:00",
            "manual_pause": 30,
            "external_id": ours,
        },
    }
    [stored] = papershift.sessions.values()
    assert stored["break_time"] == 1800 and stored["employee_id"] == 1
    # The answer comes in the account's zone (+01:00): same instants, so no mismatch.
    assert entry.start == session.start and entry.break_minutes == 30


def test_update_get_find_confirm_delete(papershift: FakePapershift) -> None:
    session = day()

    async def scenario(b: PapershiftBackend) -> None:
        entry = await b.create(session)
        later = session.with_changes(end=berlin("2026-11-23 17:45"))
        updated = await b.update(entry.remote_id, later)
        assert updated.end == berlin("2026-11-23 17:45")
        assert (await b.get(entry.remote_id)) is not None
        found = await b.find(later)
        assert found is not None and found.remote_id == entry.remote_id
        assert (await b.confirm(entry.remote_id)).remote_id == entry.remote_id
        await b.delete(entry.remote_id)
        assert await b.find(later) is None and await b.get(entry.remote_id) is None
        await b.delete(entry.remote_id)  # gone already: fine

    call(client(papershift), scenario)
    for get in papershift.requests_by("GET"):
        assert get.query["api_token"] == papershift.api_token  # reads carry it in the query
    assert papershift.sessions == {}


def test_a_blind_retry_adopts_the_entry_instead_of_duplicating(
    papershift: FakePapershift,
) -> None:
    session = day()
    assert session.end is not None
    backend = client(papershift)
    papershift.add(session.start, session.end, 30, external_id=backend.external_id(session))
    entry = call(backend, lambda b: b.create(session))
    assert len(papershift.sessions) == 1
    assert entry.remote_id == str(next(iter(papershift.sessions)))


def test_an_adopted_entry_is_brought_up_to_date(papershift: FakePapershift) -> None:
    session = day()
    assert session.end is not None
    backend = client(papershift)
    papershift.add(
        session.start, session.end - timedelta(hours=1), 0, external_id=backend.external_id(session)
    )
    call(backend, lambda b: b.create(session))
    [stored] = papershift.sessions.values()
    assert stored["ends_at"] == session.end and stored["break_time"] == 1800


def test_find_also_knows_the_bare_uuid_earlier_versions_sent(papershift: FakePapershift) -> None:
    session = day()
    assert session.end is not None
    mine = papershift.add(session.start, session.end, 30, external_id=str(session.id))
    found = call(client(papershift), lambda b: b.find(session))
    assert found is not None and found.remote_id == str(mine)


def test_a_range_is_read_page_by_page(papershift: FakePapershift) -> None:
    monday = berlin("2026-11-23 00:00")
    for i in range(60):
        start = monday + timedelta(hours=2 * i)
        papershift.add(start, start + timedelta(hours=1), 15)
    papershift.add(monday + timedelta(hours=3), monday + timedelta(hours=4), user_id=2)
    with papershift.recording() as seen:
        entries = call(
            client(papershift), lambda b: b.list_range(monday, monday + timedelta(days=7))
        )
    assert len(entries) == 60 and len({e.remote_id for e in entries}) == 60
    assert [r.query["page"] for r in seen] == ["1", "2", "3"]
    assert all(r.query["user_external_id"] == "User-001" for r in seen)


class Elsewhere(FakeServer):
    def handle(self, request: Request) -> tuple[int, Any]:
        return 200, {"working_sessions": [], "next_page": None}


def test_a_next_page_on_another_host_is_never_followed(papershift: FakePapershift) -> None:
    monday = berlin("2026-11-23 00:00")
    for i in range(30):
        start = monday + timedelta(hours=2 * i)
        papershift.add(start, start + timedelta(hours=1))
    with Elsewhere() as elsewhere:
        # As in one of the documents' examples: plain http, another host (here: another port).
        papershift.next_page_origin = elsewhere.url
        entries = call(
            client(papershift), lambda b: b.list_range(monday, monday + timedelta(days=7))
        )
        assert elsewhere.requests == []  # the token never went there
    assert len(entries) == 30


def test_the_token_never_reaches_a_log_or_a_message(
    papershift: FakePapershift, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    session = day()
    papershift.next_page_origin = "http://203.0.113.9:8080"
    papershift.fail_next(Fault("before", 500, method="GET", body={"error": "boom"}))
    messages = []

    async def scenario(b: PapershiftBackend) -> None:
        await b.create(session)
        for _ in range(30):
            await b.create(day(start="2026-11-24 08:00", end="2026-11-24 09:00", pause=None))
        try:
            await b.find(session)
        except Exception as exc:
            messages.append(str(exc))
        await b.list_range(berlin("2026-11-23 00:00"), berlin("2026-11-30 00:00"))

    call(client(papershift), scenario)
    assert messages and "boom" in messages[0]
    assert papershift.api_token not in caplog.text + " ".join(messages)
    assert "api_token=***" in caplog.text  # the warning about next_page, redacted


def test_a_wrong_token_is_an_auth_error(papershift: FakePapershift) -> None:
    with pytest.raises(AuthError):
        call(client(papershift, token="not-the-token"), lambda b: b.check())


def test_an_unknown_location_is_the_servers_words(papershift: FakePapershift) -> None:
    backend = client(papershift, location_id="1", working_area_id="12", user_external_id="User-001")
    with pytest.raises(PermanentError, match="not found in this enterprise"):
        call(backend, lambda b: b.create(day()))


def test_missing_ids_are_refused_before_any_request(papershift: FakePapershift) -> None:
    with pytest.raises(ConfigError, match="working area"):
        PapershiftBackend(papershift.url, "t", location_id="1", user_id="1")
    assert papershift.requests == []


def test_the_range_listing_says_which_entries_a_manager_confirmed(
    papershift: FakePapershift,
) -> None:
    session = day()

    async def scenario(b: PapershiftBackend) -> None:
        entry = await b.create(session)
        assert session.end is not None
        [listed] = await b.list_range(session.start, session.end)
        assert not entry.confirmed and not listed.confirmed
        await b.confirm(entry.remote_id)  # the manager's action, through the API
        [listed] = await b.list_range(session.start, session.end)
        assert listed.remote_id == entry.remote_id and listed.confirmed
        # One entry's answer doesn't say it; the look-up takes it from our listing.
        found = await b.find(session)
        assert found is not None and found.confirmed
        papershift.confirm(int(entry.remote_id), confirmed=False)
        found = await b.find(session)
        assert found is not None and not found.confirmed

    call(client(papershift), scenario)
