"""``clockapp shifts`` and the week's planned time, as a user and a script see them."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BERLIN
from tests.fakes.papershift import FakePapershift
from tests.keyring_memory import MemoryKeyring
from tests.sync.test_papershift import Elsewhere
from tests.test_cli import run

OURS = {"user_external_id": "User-001"}


def set_papershift(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: FakePapershift
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(server.api_token + "\n"))
    code, _, err = run(
        capsys,
        *("backend", "set", "papershift", "--url", server.url),
        *("--location-external-id", "Company-A", "--working-area-id", "12"),
        *("--user-external-id", "User-001"),
    )
    assert code == 0, err


def tomorrow() -> date:
    return datetime.now(ZoneInfo(BERLIN)).date() + timedelta(days=1)


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), ZoneInfo(BERLIN))


def test_shifts_listed_then_shown_from_the_store_with_the_server_down(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    day = tomorrow()
    with FakePapershift() as server:
        set_papershift(capsys, monkeypatch, server)
        mine = server.add_shift(at(day, 6), at(day, 14), note="Frühdienst", user_shift=OURS)
        other = server.add_shift(at(day, 14), at(day, 22))
        code, out, err = run(capsys, "shifts", "--json")
        assert code == 0 and err == ""
        listed = json.loads(out)
        assert listed == [
            {
                "id": str(mine),
                "start": at(day, 6).isoformat(),
                "end": at(day, 14).isoformat(),
                "working_area_id": "12",
                "note": "Frühdienst",
                "own": True,
            },
            {
                "id": str(other),
                "start": at(day, 14).isoformat(),
                "end": at(day, 22).isoformat(),
                "working_area_id": "12",
                "note": "",
                "own": False,
            },
        ]
        [request] = server.requests_by("GET")[-1:]
        assert request.query["interface_language"] == "en"  # the command line speaks English
    # Offline: said on stderr, the last pulled plan still shown, exit 0.
    code, out, err = run(capsys, "shifts", "--json")
    assert code == 0 and json.loads(out) == listed
    assert "could not be refreshed" in err and "showing the ones last pulled" in err
    code, out, _ = run(capsys, "shifts")
    assert "06:00–14:00  yours  area 12  Frühdienst" in out and "14:00–22:00  area" in out
    # The week shows the user's own shift beside the time worked.
    code, out, _ = run(capsys, "week", "--of", day.isoformat(), "--json")
    [shown] = [d for d in json.loads(out)["days"] if d["date"] == day.isoformat()]
    assert shown["planned_min"] == 480 and shown["worked_min"] == 0
    assert shown["planned"] == [{"start": at(day, 6).isoformat(), "end": at(day, 14).isoformat()}]


def test_the_token_goes_nowhere_else_and_nowhere_on_screen(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    set_papershift(capsys, monkeypatch, papershift)
    day = tomorrow()
    for i in range(60):
        papershift.add_shift(
            at(day, 0) + timedelta(hours=4 * i), at(day, 2) + timedelta(hours=4 * i)
        )
    with Elsewhere() as elsewhere:
        papershift.next_page_origin = elsewhere.url
        last = (day + timedelta(days=10)).isoformat()
        code, out, err = run(capsys, "shifts", "--from", day.isoformat(), "--to", last, "--json")
        assert elsewhere.requests == []
    assert code == 0 and len(json.loads(out)) == 60
    assert papershift.api_token not in out + err
    assert memory_keyring.entries  # the token is in the keyring, and only there
    on_disk = "".join(p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file())
    assert papershift.api_token not in on_disk


def test_a_refused_refresh_is_said_and_the_store_is_shown(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    set_papershift(capsys, monkeypatch, papershift)
    papershift.api_token = "revoked"
    papershift.auth_error_body = {"response": "API Key not found!"}
    code, out, err = run(capsys, "shifts")
    assert code == 0 and out == "No shifts planned in that range.\n"
    assert 'Papershift rejected the credentials (error 401) and said: "API Key not found!"' in err


def test_without_papershift_and_with_a_bad_range(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "shifts", "--json")
    assert code == 0 and json.loads(out) == []
    assert "no Papershift account is set up" in err
    code, out, err = run(capsys, "shifts", "--from", "2026-11-30", "--to", "2026-11-23")
    assert code == 1 and out == ""
    assert err == "clockapp: The range ends (2026-11-23) before it starts (2026-11-30).\n"
