"""``clockapp backend …``, ``sync`` and ``week --remote`` as a user and a script see them."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from clockapp.cli import main
from clockapp.secrets import SecretStore
from clockapp.services.backend_config import (
    BackendSetupError,
    backend_from_form,
    configure_papershift,
    configure_timetrack,
)
from clockapp.settings import Settings
from tests.conftest import berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.test_cli import ago, run


def set_timetrack(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: FakeTimeTrack,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    lines = stdin if stdin is not None else f"{server.api_key}\n{server.api_secret}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    return run(capsys, "backend", "set", "timetrack", "--url", server.url, "--username", "anna")


def test_backend_set_show_and_test(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = set_timetrack(capsys, monkeypatch, timetrack)
    assert code == 0 and "Uploads go to TimeTrack" in out

    code, out, _ = run(capsys, "backend", "show", "--json")
    shown = json.loads(out)
    assert shown["backend"] == "timetrack" and shown["username"] == "anna"
    assert shown["api_key"] == "stored" and shown["api_secret"] == "stored"
    assert timetrack.api_secret not in out and timetrack.api_key not in out

    code, out, _ = run(capsys, "backend", "test")
    assert code == 0 and out.strip() == f"Connected to TimeTrack at {timetrack.url}."

    timetrack.api_key = "revoked"
    code, out, err = run(capsys, "backend", "test")
    assert code == 1 and "rejected the credentials" in err


def test_backend_set_wants_both_secrets(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = set_timetrack(capsys, monkeypatch, timetrack, stdin="only-the-key\n")
    assert code == 1 and "Expected 2 line(s)" in err
    assert memory_keyring.entries == {}


def test_sync_uploads_and_says_what_is_left(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(capsys, "sync")
    assert code == 1 and "No backend is set up" in err
    set_timetrack(capsys, monkeypatch, timetrack)
    for start, end in (("10:00", "9:00"), ("8:00", "7:00")):
        h0, h1 = int(start.split(":")[0]), int(end.split(":")[0])
        assert main(["in", "--at", ago(hours=h0 + 24)]) == 0
        assert main(["out", "--at", ago(hours=h1 + 24)]) == 0
    capsys.readouterr()

    timetrack.fail_next(Fault("before", 429, retry_after="300"), times=1)
    code, out, _ = run(capsys, "sync", "--json")
    result = json.loads(out)
    assert code == 1 and result["uploaded"] == 1 and result["left"] == {"waiting": 1}
    by_state = {item["state"]: item for item in result["items"]}
    assert set(by_state) == {"uploaded", "waiting"}
    assert by_state["waiting"] | {"session_id": None, "next_attempt_at": None} == {
        "session_id": None,
        "backend": "timetrack",
        "destination": f"TimeTrack at {timetrack.url} as anna",
        "op": "create",
        "state": "waiting",
        "attempts": 1,
        "last_error": "TimeTrack asked ClockApp to wait a little (error 429).",
        "remote_id": None,
        "next_attempt_at": None,
    }
    assert by_state["uploaded"]["remote_id"] == str(timetrack.live()[0]["id"])

    timetrack.clear_faults()
    code, out, _ = run(capsys, "sync")  # the other one waits for its Retry-After
    assert code == 1 and "1 waiting" in out and "wait a little" in out
    assert len(timetrack.live("anna")) == 1


def test_week_remote_counts_entries_made_elsewhere(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    timetrack.add(
        "anna", berlin("2026-11-18 08:00"), berlin("2026-11-18 10:00"), 0, "door terminal"
    )
    code, out, _ = run(capsys, "week", "--remote", "--of", "2026-11-18", "--json")
    report = json.loads(out)
    assert code == 0 and [e["note"] for e in report["remote_entries"]] == ["door terminal"]
    assert sum(d["worked_min"] for d in report["days"]) == 120


def test_without_a_keyring_clocking_goes_on_and_uploads_wait(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    set_timetrack(capsys, monkeypatch, timetrack)
    keyring.set_keyring(fail.Keyring())  # the session's keyring went away
    assert main(["in", "--at", ago(hours=2)]) == 0 and main(["out"]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "sync")
    assert code == 1 and "No system keyring is available" in err and "Traceback" not in err
    assert timetrack.requests == []
    code, _, err = set_timetrack(capsys, monkeypatch, timetrack)
    assert code == 1 and "No system keyring is available" in err  # never a plaintext fallback
    assert not any(
        timetrack.api_secret in p.read_text(errors="replace")
        for p in data_dir.rglob("*")
        if p.is_file()
    )


# -- secrets that are not secrets any more -----------------------------------------------------

#: Copy-and-paste accidents; "7Hq9zX" marks the secret, to look for it in every output.
BAD_SECRETS = {
    "CR": "tt-key\r7Hq9zX",
    "NUL": "tt-key\x007Hq9zX",
    "VT": "tt-key\x0b7Hq9zX",
    "tab": "tt-key\t7Hq9zX",
    "ESC": "tt-key\x1b[2J7Hq9zX",
    "a-umlaut": "tt-kä7Hq9zX",
    "non-breaking space": "tt-key\xa07Hq9zX",
}


@pytest.mark.parametrize("bad", BAD_SECRETS.values(), ids=BAD_SECRETS.keys())
@pytest.mark.parametrize("which", ["key", "secret"])
def test_backend_set_refuses_a_secret_with_a_control_or_non_ascii_character(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bad: str,
    which: str,
) -> None:
    key, secret = (bad, timetrack.api_secret) if which == "key" else (timetrack.api_key, bad)
    code, out, err = set_timetrack(capsys, monkeypatch, timetrack, stdin=f"{key}\n{secret}\n")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and f"TimeTrack API {which} can't contain" in err
    assert "7Hq9zX" not in err
    assert memory_keyring.entries == {}
    assert not (data_dir / "settings.json").exists()


@pytest.mark.parametrize("bad", BAD_SECRETS.values(), ids=BAD_SECRETS.keys())
def test_backend_set_papershift_refuses_a_token_that_cant_be_one(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bad: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(bad + "\n"))
    code, _, err = run(
        capsys,
        *("backend", "set", "papershift", "--url", papershift.url),
        *("--location-id", "1", "--working-area-id", "2", "--user-id", "3"),
    )
    assert code == 1 and "Papershift API token can't contain" in err and "7Hq9zX" not in err
    assert memory_keyring.entries == {}


@pytest.mark.parametrize("bad", [*BAD_SECRETS.values(), "tt-key\n7Hq9zX"])
def test_configuring_refuses_the_same_secrets_and_stores_nothing(
    tmp_path: Path, memory_keyring: MemoryKeyring, bad: str
) -> None:
    settings = Settings.load(tmp_path / "settings.json")
    with pytest.raises(BackendSetupError, match="can't contain") as caught:
        configure_timetrack(settings, SecretStore(), "https://acme.example", "anna", bad, "s")
    assert "7Hq9zX" not in str(caught.value)
    with pytest.raises(BackendSetupError, match="can't contain"):
        configure_papershift(settings, SecretStore(), "https://ps.example", bad, {})
    assert memory_keyring.entries == {} and not settings.path.exists()


@pytest.mark.parametrize("bad", [*BAD_SECRETS.values(), "tt-key\n7Hq9zX"])
def test_the_settings_form_refuses_them_before_any_connection(
    memory_keyring: MemoryKeyring, timetrack: FakeTimeTrack, papershift: FakePapershift, bad: str
) -> None:
    form = {"url": timetrack.url, "username": "anna", "api_key": bad, "api_secret": "s"}
    with pytest.raises(BackendSetupError, match="API key can't contain") as caught:
        backend_from_form("timetrack", form, SecretStore())
    assert "7Hq9zX" not in str(caught.value)
    form = {"url": timetrack.url, "username": "anna", "api_key": "k", "api_secret": bad}
    with pytest.raises(BackendSetupError, match="API secret can't contain"):
        backend_from_form("timetrack", form, SecretStore())
    form = {"url": papershift.url, "api_token": bad, "location_id": "1"}
    with pytest.raises(BackendSetupError, match="API token can't contain"):
        backend_from_form("papershift", form, SecretStore())
    assert timetrack.requests == [] and papershift.requests == []


@pytest.mark.parametrize("bad", BAD_SECRETS.values(), ids=BAD_SECRETS.keys())
def test_a_bad_secret_stored_by_an_older_version_gives_a_clear_message_and_uploads_wait(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bad: str,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    [key_entry] = [k for k in memory_keyring.entries if k[1].endswith(":api_key")]
    memory_keyring.entries[key_entry] = bad  # as an older version stored it, unchecked
    assert main(["in", "--at", ago(hours=3)]) == 0 and main(["out", "--at", ago(hours=1)]) == 0
    capsys.readouterr()

    for command in (["sync"], ["sync", "--json"], ["backend", "test"]):
        code, out, err = run(capsys, *command)
        assert code == 1 and out == "", command
        assert err.count("\n") == 1 and "stored on this computer can't be used" in err
        assert "7Hq9zX" not in err
    code, out, _ = run(capsys, "doctor", "--json")
    assert json.loads(out)["uploads"]["saved on this device"] == 1  # waiting for new secrets
    assert "7Hq9zX" not in out
    assert timetrack.requests == []
    for path in data_dir.iterdir():
        if path.is_file():
            assert b"7Hq9zX" not in path.read_bytes(), path

    # Entering them again lets the uploads go.
    set_timetrack(capsys, monkeypatch, timetrack)
    code, out, _ = run(capsys, "sync")
    assert code == 0 and "Uploaded 1" in out


def test_switching_account_never_touches_the_new_accounts_records_with_old_ids(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    for hours in (30, 26):
        assert main(["in", "--at", ago(hours=hours)]) == 0
        assert main(["out", "--at", ago(hours=hours - 2)]) == 0
    assert run(capsys, "sync")[0] == 0 and len(timetrack.live("anna")) == 2
    since = (date.today() - timedelta(days=3)).isoformat()
    _, out, _ = run(capsys, "sessions", "--from", since, "--json")
    first = json.loads(out)[0]["id"]

    with FakeTimeTrack() as other:
        # The other account's own records carry the ids the first account gave ours.
        for day in ("2026-11-02", "2026-11-03"):
            other.add("anna", berlin(f"{day} 07:00"), berlin(f"{day} 15:00"), 30, "door")
        theirs = [dict(e) for e in other.live()]
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{other.api_key}\n{other.api_secret}\n"))
        code, out, _ = run(
            capsys, "backend", "set", "timetrack", "--url", other.url, "--username", "anna"
        )
        assert code == 0 and "2 session(s) since" in out
        assert run(capsys, "edit", first, "--note", "corrected")[0] == 0
        code, out, _ = run(capsys, "sync")
        assert code == 0, out
        assert [r.method for r in other.requests if r.method != "GET"] == ["POST", "POST"]
        assert [dict(e) for e in other.live()][:2] == theirs  # untouched
        assert sorted(e["notes"] for e in other.live()[2:]) == ["", "corrected"]
    assert len(timetrack.live("anna")) == 2  # the old account keeps its two


def test_sync_json_tells_a_late_commit_was_healed_and_is_still_watched(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    # Ended before the upload grace period (issue 12), so it is due at once.
    assert main(["in", "--at", ago(hours=3)]) == 0 and main(["out", "--at", ago(minutes=5)]) == 0
    timetrack.fail_next(Fault("late", method="POST"))
    code, out, _ = run(capsys, "sync")
    assert code == 1 and "1 waiting" in out
    code, out, _ = run(capsys, "sync")  # the user asks again: looked up, not there, sent again
    assert code == 1 and len(timetrack.live()) == 1
    assert timetrack.commit_late() == 1 and len(timetrack.live()) == 2  # the lost one lands
    code, out, _ = run(capsys, "sync", "--json")
    result = json.loads(out)
    assert code == 1 and result["twins_removed"] == 1 and len(timetrack.live()) == 1
    [item] = result["items"]
    assert item["state"] == "checking for duplicates"
    assert item["remote_id"] == str(timetrack.live()[0]["id"])
