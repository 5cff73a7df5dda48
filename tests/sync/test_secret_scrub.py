"""No error text built at the HTTP edge carries a credential, in any spelling it may take there."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import TypeVar
from urllib.parse import quote

import httpx
import pytest

from clockapp.sync.backend import ConfigError, PermanentError, SyncError
from clockapp.sync.papershift import PapershiftBackend
from clockapp.sync.timetrack import TimeTrackBackend
from tests.fakes.timetrack import FakeTimeTrack

T = TypeVar("T")
MARK = "7Hq9zX"  # in every secret below, looked for in every message


def papershift(url: str, token: str) -> PapershiftBackend:
    return PapershiftBackend(url, token, location_id="1", working_area_id="2", user_id="3")


def run(coro: Awaitable[T]) -> T:
    async def go() -> T:
        return await coro

    return asyncio.run(go())


@pytest.mark.parametrize("bad", [f"k\r{MARK}", f"k\n{MARK}", f"k\x00{MARK}", f"kä{MARK}"])
def test_a_backend_is_never_built_with_a_credential_that_cant_be_sent(bad: str) -> None:
    with pytest.raises(ConfigError, match="enter them again") as caught:
        TimeTrackBackend("https://acme.example", "anna", bad, "secret")
    assert MARK not in str(caught.value) and caught.value.__cause__ is None
    with pytest.raises(ConfigError, match="enter them again"):
        papershift("https://ps.example", bad)


def test_an_illegal_header_at_request_time_is_told_without_the_secret(
    timetrack: FakeTimeTrack,
) -> None:
    backend = TimeTrackBackend(timetrack.url, "anna", timetrack.api_key, timetrack.api_secret)
    # Whatever slipped past the checks: a header h11 refuses, quoting it in its message.
    backend._client.headers["X-Trace"] = f"x\r{timetrack.api_secret}"

    async def check() -> None:
        try:
            await backend.check()
        finally:
            await backend.aclose()

    with pytest.raises(PermanentError) as caught:
        run(check())
    assert "can't be sent to TimeTrack" in str(caught.value)
    assert timetrack.api_secret not in str(caught.value)
    assert timetrack.requests == []  # nothing was sent


@pytest.mark.parametrize(
    ("secret", "echo"),
    [
        # A server quoting the header back in a JSON error: quotes and backslashes escaped.
        (f'tt"key\\{MARK}', lambda s: json.dumps({"error": f"bad key {s}"})),
        # A server quoting the request line: a base64 token URL-encoded in the query.
        (f"ps+tok/{MARK}=", lambda s: f"no such route /api?api_token={quote(s, safe='')}"),
        (f"ps+tok/{MARK}=", lambda s: f"no such route /api?api_token={s.replace('+', '%2B')}"),
    ],
)
def test_an_answer_that_echoes_a_credential_is_scrubbed_in_every_spelling(
    secret: str, echo: object
) -> None:
    assert callable(echo)
    body = echo(secret)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, text=body)

    backend = papershift("https://ps.example", secret)
    backend._client = httpx.AsyncClient(transport=httpx.MockTransport(answer))

    async def check() -> None:
        try:
            await backend.check()
        finally:
            await backend.aclose()

    with pytest.raises(SyncError) as caught:
        run(check())
    assert MARK not in str(caught.value), str(caught.value)
