from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

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
