"""Papershift's current conventions (API-NOTES.md): ``interface_language`` on every request,
any 2xx with a JSON body on create, the error words under ``response``/``error``/… quoted."""

from __future__ import annotations

from datetime import date

import pytest

from clockapp.services import backend_config as config
from clockapp.sync.backend import AuthError, PermanentError
from clockapp.sync.papershift import PapershiftBackend
from tests.conftest import berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import Fault
from tests.sync.conftest import day
from tests.sync.test_papershift import call, client


def test_every_request_carries_the_interface_language(papershift: FakePapershift) -> None:
    papershift.require_language = True  # the server answers 400 without it
    session = day()
    papershift.add_shift(berlin("2026-11-23 06:00"), berlin("2026-11-23 14:00"))

    async def scenario(b: PapershiftBackend) -> None:
        entry = await b.create(session)
        later = session.with_changes(end=berlin("2026-11-23 17:00"))
        await b.update(entry.remote_id, later)
        assert await b.get(entry.remote_id) is not None
        assert await b.find(later) is not None
        await b.list_range(berlin("2026-11-23 00:00"), berlin("2026-11-24 00:00"))
        await b.shifts(date(2026, 11, 23), date(2026, 11, 29))
        await b.confirm(entry.remote_id)
        await b.delete(entry.remote_id)

    backend = PapershiftBackend(
        papershift.url,
        papershift.api_token,
        location_external_id="Company-A",
        working_area_id="12",
        user_external_id="User-001",
        interface_language="de",
    )
    call(backend, scenario)
    methods = {r.method for r in papershift.requests}
    assert methods == {"GET", "POST", "PUT", "DELETE"}
    for request in papershift.requests:
        if request.method == "GET":  # in the query for reads, in the body for writes
            assert request.query["interface_language"] == "de"
        else:
            assert request.body["interface_language"] == "de"
            assert "interface_language" not in request.query


def test_without_the_language_such_a_server_refuses(papershift: FakePapershift) -> None:
    papershift.require_language = True
    backend = client(papershift)
    backend.interface_language = ""  # as clients before this change sent it: not at all
    with pytest.raises(PermanentError, match="interface_language"):
        call(backend, lambda b: b.check())


def test_the_language_comes_from_the_ui_and_the_cli_speaks_english(
    papershift: FakePapershift,
) -> None:
    assert config.interface_language("de") == "de"
    assert config.interface_language(None) == "en"
    assert config.interface_language("fr") == "en"  # ClockApp doesn't speak it: English
    fields = {
        "url": papershift.url,
        "api_token": papershift.api_token,
        "location_external_id": "Company-A",
        "working_area_id": "12",
        "user_external_id": "User-001",
    }
    from clockapp.secrets import SecretStore

    backend = config.backend_from_form("papershift", fields, SecretStore(), "de")
    assert isinstance(backend, PapershiftBackend) and backend.interface_language == "de"
    call(backend, lambda b: b.check())
    english = config.backend_from_form("papershift", fields, SecretStore())
    assert isinstance(english, PapershiftBackend) and english.interface_language == "en"
    call(english, lambda b: b.aclose())
    assert [r.query["interface_language"] for r in papershift.requests] == ["de"]


def test_a_create_answered_201_is_taken(papershift: FakePapershift) -> None:
    papershift.create_status = 201
    session = day()
    entry = call(client(papershift), lambda b: b.create(session))
    [stored] = papershift.sessions.values()
    assert entry.remote_id == str(stored["id"]) and entry.start == session.start


def test_papershifts_api_key_not_found_is_quoted(papershift: FakePapershift) -> None:
    papershift.auth_error_body = {"response": "API Key not found!"}
    with pytest.raises(AuthError) as caught:
        call(client(papershift, token="not-the-token"), lambda b: b.check())
    assert str(caught.value) == (
        'Papershift rejected the credentials (error 401) and said: "API Key not found!"'
    )


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ({"response": "Location not found"}, "Location not found"),
        ({"error": "Working area unknown"}, "Working area unknown"),
        ({"errors": {"starts_at": ["is invalid"]}}, '{"starts_at": ["is invalid"]}'),
        ({"message": "Bad range"}, "Bad range"),
    ],
)
def test_the_error_words_are_quoted_whichever_key_holds_them(
    papershift: FakePapershift, body: object, quoted: str
) -> None:
    papershift.fail_next(Fault("before", 422, method="GET", body=body))
    with pytest.raises(PermanentError) as caught:
        call(client(papershift), lambda b: b.check())
    assert str(caught.value) == f'Papershift refused this (error 422): "{quoted}"'


def test_a_quoted_error_is_scrubbed_of_the_token(papershift: FakePapershift) -> None:
    token = papershift.api_token
    papershift.fail_next(
        Fault("before", 401, method="GET", body={"response": f"API Key {token} not found!"})
    )
    with pytest.raises(AuthError) as caught:
        call(client(papershift), lambda b: b.check())
    assert token not in str(caught.value) and "API Key *** not found!" in str(caught.value)


def test_the_language_is_checked(papershift: FakePapershift) -> None:
    from clockapp.sync.backend import ConfigError

    with pytest.raises(ConfigError, match="two-letter"):
        PapershiftBackend(
            papershift.url,
            papershift.api_token,
            location_id="8006",
            working_area_id="12",
            user_id="1",
            interface_language="deutsch",
        )
