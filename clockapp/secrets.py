"""API secrets, kept only in the operating system's keyring.

Never written anywhere else: no keyring means no uploads (clocking goes on offline), never a
plaintext fallback. Keyring calls can block (a locked GNOME keyring shows a prompt), so the
async variants run them in a thread with a timeout, off the UI's event loop.

The tray asks the keyring through a helper process (``clockapp --keyring``, :func:`main`): the
keyring package and its backends (on a Linux desktop D-Bus and the Secret Service's session
encryption, ~15 MiB) would otherwise stay loaded all day for a few reads. The secret passes
through the helper's pipes, never its command line.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from clockapp.domain.errors import UserError

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVICE = "ClockApp"
#: How long a keyring call may take before we give up on it (seconds).
TIMEOUT_S = 10.0
#: The helper is this app started with this first argument (clockapp.start routes it here).
HELPER_ARGUMENT = "--keyring"
ACTIONS = ("get", "set", "delete")


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
    """Get, set and delete secrets in the keyring (``*_now``: blocking, for the CLI).

    ``in_helper``: each call runs in a helper process (the tray), not in this one.
    """

    def __init__(self, timeout_s: float = TIMEOUT_S, *, in_helper: bool = False) -> None:
        self.timeout_s = timeout_s
        self.in_helper = in_helper

    def get_now(self, name: str) -> str | None:
        return self._call("get", name)

    def set_now(self, name: str, value: str) -> None:
        if not value:
            raise ValueError("an empty secret is not stored")
        self._call("set", name, value)

    def delete_now(self, name: str) -> None:
        self._call("delete", name)

    async def get(self, name: str) -> str | None:
        return await self._off_loop(self.get_now, name)

    async def set(self, name: str, value: str) -> None:
        await self._off_loop(self.set_now, name, value)

    async def delete(self, name: str) -> None:
        await self._off_loop(self.delete_now, name)

    async def _off_loop(self, fn: Callable[..., T], *args: str) -> T:
        import asyncio  # not with this module: the command line's start would carry it

        try:
            return await asyncio.wait_for(asyncio.to_thread(fn, *args), self.timeout_s)
        except TimeoutError:
            raise timed_out() from None

    def _call(self, action: str, name: str, value: str = "") -> str | None:
        if self.in_helper:
            return _ask_helper(action, name, value, self.timeout_s)
        return keyring_call(action, name, value)


def timed_out() -> SecretsUnavailable:
    return SecretsUnavailable(
        "The system keyring did not answer in time (is it locked?). "
        "Unlock it and try again; uploads wait meanwhile."
    )


def locked() -> SecretsUnavailable:
    return SecretsUnavailable("The system keyring is locked; unlock it and try again.")


def refused() -> SecretsUnavailable:
    return SecretsUnavailable(
        "The system keyring refused to do this; check that it is unlocked and working."
    )


def keyring_call(action: str, name: str, value: str = "") -> str | None:
    """Get, set or delete ``name`` in the chosen backend, in this process."""
    import keyring.errors

    backend = choose_backend()
    try:
        if action == "get":
            return backend.get_password(SERVICE, name)
        if action == "set":
            backend.set_password(SERVICE, name, value)
        else:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
                backend.delete_password(SERVICE, name)
        return None
    except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
        raise no_keyring() from exc
    except keyring.errors.KeyringLocked as exc:
        raise locked() from exc
    except keyring.errors.KeyringError as exc:
        # The backend's text may be odd but never holds the secret we passed in.
        log.warning("keyring call failed: %s", type(exc).__name__)
        raise refused() from exc


def _ask_helper(action: str, name: str, value: str, timeout_s: float) -> str | None:
    """:func:`keyring_call` in a helper process (:func:`main`)."""
    import subprocess  # with the first call, not the tray's start

    from clockapp.platform.helper import run_helper

    try:
        done = run_helper(
            HELPER_ARGUMENT, [action, name], stdin=json.dumps({"value": value}), timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        raise timed_out() from None
    except OSError as exc:
        log.warning("the keyring helper did not start: %s", type(exc).__name__)
        raise refused() from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    answer = answer if isinstance(answer, dict) else {}
    if done.returncode == 0 and "value" in answer and isinstance(answer["value"], str | None):
        return answer["value"]
    if done.returncode == 1:
        for known in (no_keyring(), locked(), refused()):
            if answer.get("error") == known.text:
                raise known
    # Its error output is not logged: it is the keyring's to word, not ours to vouch for.
    log.warning("the keyring helper failed (exit status %s)", done.returncode)
    raise refused()


def choose_backend() -> keyring.backend.KeyringBackend:
    """The keyring backend secrets go to, or SecretsUnavailable when there is no safe one.

    Never one that keeps them in a file of its own (keyrings.alt's plaintext and "encrypted"
    files: the latter asks for a password on the terminal), never the placeholder keyring picks
    when there is no real one. Where keyring chains several backends, the best safe one alone
    is used: the chain would fall back to the next one, a plaintext file among them, silently.
    """
    import keyring

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


def keyring_name() -> str:
    """The name of the keyring backend in use (e.g. ``SecretService Keyring``), for ``doctor``."""
    try:
        import keyring

        return str(keyring.get_keyring().name)
    except Exception as exc:  # a broken keyring install must not stop the report
        return f"unknown ({type(exc).__name__})"


def main(argv: Sequence[str]) -> int:
    """The helper: ``get|set|delete NAME``, ``{"value": ...}`` as JSON on stdin (the secret to
    set) and stdout (the secret got); a SecretsUnavailable as ``{"error": its sentence}`` and
    exit status 1."""
    if len(argv) != 2 or argv[0] not in ACTIONS:
        print(f"clockapp: usage: clockapp {HELPER_ARGUMENT} get|set|delete NAME", file=sys.stderr)
        return 2
    action, name = argv
    value = ""
    if action == "set":
        try:
            value = str(json.loads(sys.stdin.read())["value"])
        except (ValueError, TypeError, KeyError):
            print('clockapp: the secret comes as {"value": "..."} on stdin', file=sys.stderr)
            return 2
    try:
        answer: dict[str, Any] = {"value": keyring_call(action, name, value)}
    except SecretsUnavailable as exc:
        answer, status = {"error": exc.text}, 1
    else:
        status = 0
    sys.stdout.write(json.dumps(answer))  # ASCII: whatever the console's encoding
    return status
