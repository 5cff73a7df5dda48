from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from clockapp.platform import helper
from clockapp.secrets import SecretStore, SecretsUnavailable, secret_name
from tests.keyring_memory import MemoryKeyring

SECRET = "s3cr3t-Xy9"


def test_a_secret_round_trips_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    name = secret_name("timetrack", "https://acme.timetrackenterprise.com/", "api_key", "anna")
    store.set_now(name, SECRET)
    assert memory_keyring.entries == {("ClockApp", name): SECRET}
    assert asyncio.run(store.get(name)) == SECRET
    asyncio.run(store.delete(name))
    assert store.get_now(name) is None
    store.delete_now(name)  # deleting twice is fine


def test_accounts_on_different_servers_never_share_a_secret() -> None:
    a = secret_name("timetrack", "https://a.example", "api_key", "anna")
    b = secret_name("timetrack", "https://b.example", "api_key", "anna")
    c = secret_name("timetrack", "https://a.example", "api_key", "ben")
    assert len({a, b, c}) == 3


def test_without_a_keyring_nothing_is_stored_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CLOCKAPP_DATA_DIR", str(tmp_path))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with caplog.at_level(logging.DEBUG), pytest.raises(SecretsUnavailable) as info:
            SecretStore().set_now("papershift:https://app.papershift.com:api_token", SECRET)
    finally:
        keyring.set_keyring(previous)
    assert "No system keyring is available" in str(info.value)
    assert "offline" in str(info.value)
    assert SECRET not in caplog.text and SECRET not in str(info.value)
    assert not any(SECRET.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


def test_a_hanging_keyring_times_out_instead_of_freezing(memory_keyring: MemoryKeyring) -> None:
    release = threading.Event()

    def hang(service: str, username: str) -> str | None:
        release.wait(1)
        return None

    memory_keyring.get_password = hang  # type: ignore[method-assign]
    try:
        with pytest.raises(SecretsUnavailable, match="did not answer in time"):
            asyncio.run(SecretStore(timeout_s=0.2).get("x"))
    finally:
        release.set()


def test_an_empty_secret_is_refused(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError):
        SecretStore().set_now("x", "")
    assert memory_keyring.entries == {}


# The tray's store asks a helper process. Here a stand-in for the helper: a real process that
# answers as told, so what the tray makes of each answer is seen.
def stand_in(monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    monkeypatch.setattr(helper, "helper_command", lambda _: [sys.executable, "-c", script])


def test_the_secret_goes_to_the_helper_through_a_pipe_never_its_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.json"
    record = f"import json, sys; json.dump([sys.argv, sys.stdin.read()], open({str(seen)!r}, 'w'))"
    stand_in(monkeypatch, record + "; print('{\"value\": null}')")
    SecretStore(in_helper=True).set_now("papershift:https://x:api_token", SECRET)
    argv, stdin = json.loads(seen.read_text())
    assert argv[1:] == ["set", "papershift:https://x:api_token"]
    assert json.loads(stdin) == {"value": SECRET}


@pytest.mark.parametrize(
    "script",
    [
        "print('not json')",
        "print('[1, 2]')",
        "import sys; print('{\"value\": 3}')",
        'import sys; print(\'{"error": "Something odd {x}"}\'); sys.exit(1)',
        "import sys; sys.exit(7)",
        "raise SystemExit('Traceback: boom')",
    ],
)
def test_a_helper_that_answers_oddly_is_told_as_a_refusal(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, script: str
) -> None:
    stand_in(monkeypatch, script)
    with pytest.raises(SecretsUnavailable) as info:
        SecretStore(in_helper=True).get_now("x")
    assert str(info.value).startswith("The system keyring refused to do this")
    assert "boom" not in caplog.text  # its error output is not ours to repeat


def test_a_helper_that_hangs_is_stopped_and_told_as_a_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stand_in(monkeypatch, "import time; time.sleep(30)")
    started = time.monotonic()
    with pytest.raises(SecretsUnavailable, match="did not answer in time"):
        asyncio.run(SecretStore(timeout_s=0.5, in_helper=True).get("x"))
    assert time.monotonic() - started < 10  # not the helper's 30 s


def test_a_helper_that_cannot_start_is_told_as_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helper, "helper_command", lambda _: ["/nonexistent/clockapp"])
    with pytest.raises(SecretsUnavailable, match="refused to do this"):
        SecretStore(in_helper=True).delete_now("x")


@pytest.mark.parametrize(
    ("args", "stdin"),
    [([], ""), (["get"], ""), (["fetch", "x"], ""), (["get", "x", "y"], ""), (["set", "x"], "s")],
)
def test_the_helper_refuses_what_it_cannot_read_in_one_line(args: list[str], stdin: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "--keyring", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("clockapp: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
