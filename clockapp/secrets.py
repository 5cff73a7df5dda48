"""API secrets, kept only in the operating system's keyring.

Never written anywhere else: no keyring means no uploads (clocking goes on offline), never a
plaintext fallback. Keyring calls can block (a locked GNOME keyring shows a prompt), so the
async variants run them in a thread with a timeout, off the UI's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.backend
import keyring.errors

from clockapp.domain.errors import UserError

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVICE = "ClockApp"
#: How long a keyring call may take before we give up on it (seconds).
TIMEOUT_S = 10.0


class SecretsUnavailable(UserError):
    """The keyring can't be used now; the message says what the user can do."""


def no_keyring() -> SecretsUnavailable:
    return SecretsUnavailable(
        "No system keyring is available, so ClockApp can't keep your API secret safely. "
        "Install or unlock one (GNOME Keyring, KWallet, Windows Credential Manager, macOS "
        "Keychain). Clocking keeps working offline; uploads wait until then."
    )


def secret_name(backend: str, base_url: str, field: str, username: str = "") -> str:
    """The keyring entry for one secret, so two accounts or servers never share one."""
    who = f":{username}" if username else ""
    return f"{backend}:{base_url.rstrip('/')}{who}:{field}"


class SecretStore:
    """Get, set and delete secrets in the keyring (``*_now``: blocking, for the CLI)."""

    def __init__(self, timeout_s: float = TIMEOUT_S) -> None:
        self.timeout_s = timeout_s

    def get_now(self, name: str) -> str | None:
        return self._call(keyring.get_password, SERVICE, name)

    def set_now(self, name: str, value: str) -> None:
        if not value:
            raise ValueError("an empty secret is not stored")
        self._call(keyring.set_password, SERVICE, name, value)

    def delete_now(self, name: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
            self._call(keyring.delete_password, SERVICE, name)

    async def get(self, name: str) -> str | None:
        return await self._off_loop(self.get_now, name)

    async def set(self, name: str, value: str) -> None:
        await self._off_loop(self.set_now, name, value)

    async def delete(self, name: str) -> None:
        await self._off_loop(self.delete_now, name)

    async def _off_loop(self, fn: Callable[..., T], *args: str) -> T:
        try:
            return await asyncio.wait_for(asyncio.to_thread(fn, *args), self.timeout_s)
        except TimeoutError:
            raise SecretsUnavailable(
                "The system keyring did not answer in time (is it locked?). "
                "Unlock it and try again; uploads wait meanwhile."
            ) from None

    @staticmethod
    def _call(fn: Callable[..., T], *args: str) -> T:
        # keyring.get_password and friends, asked of the chosen backend only
        method: Callable[..., T] = getattr(choose_backend(), fn.__name__)
        try:
            return method(*args)
        except keyring.errors.PasswordDeleteError:
            raise
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            raise no_keyring() from exc
        except keyring.errors.KeyringLocked as exc:
            raise SecretsUnavailable(
                "The system keyring is locked; unlock it and try again."
            ) from exc
        except keyring.errors.KeyringError as exc:
            # The backend's text may be odd but never holds the secret we passed in.
            log.warning("keyring call failed: %s", type(exc).__name__)
            raise SecretsUnavailable(
                "The system keyring refused to do this; check that it is unlocked and working."
            ) from exc


def choose_backend() -> keyring.backend.KeyringBackend:
    """The keyring backend secrets go to, or SecretsUnavailable when there is no safe one.

    Never one that keeps them in a file of its own (keyrings.alt's plaintext and "encrypted"
    files: the latter asks for a password on the terminal), never the placeholder keyring picks
    when there is no real one. Where keyring chains several backends, the best safe one alone
    is used: the chain would fall back to the next one, a plaintext file among them, silently.
    """
    chosen = keyring.get_keyring()
    candidates = getattr(chosen, "backends", None) or [chosen]  # the chainer's members
    safe: list[keyring.backend.KeyringBackend] = [b for b in candidates if not _unsafe(b)]
    if not safe:
        raise no_keyring()
    return max(safe, key=lambda backend: float(backend.priority))


def _unsafe(backend: object) -> bool:
    module = type(backend).__module__
    # 'fail' and 'null' are what keyring picks when there is no real keyring.
    return module.startswith("keyrings.alt") or module.split(".")[-1] in ("fail", "null")


def open_default_secrets() -> SecretStore:
    return SecretStore()


def keyring_name() -> str:
    """The name of the keyring backend in use (e.g. ``SecretService Keyring``), for ``doctor``."""
    try:
        return str(keyring.get_keyring().name)
    except Exception as exc:  # a broken keyring install must not stop the report
        return f"unknown ({type(exc).__name__})"
