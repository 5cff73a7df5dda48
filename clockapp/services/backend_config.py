"""Choosing and checking the HR backend: settings for what may be seen, the keyring for secrets.

Everything is validated before anything is written, so a typo changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clockapp.domain.errors import UserError
from clockapp.domain.uploads import Destination, redact_url
from clockapp.secrets import SecretStore, SecretsUnavailable
from clockapp.services.backends import BACKENDS, LABELS, PAPERSHIFT, TIMETRACK
from clockapp.settings import Settings, SettingsError
from clockapp.sync.backend import (
    Backend,
    ConfigError,
    SyncError,
    sendable_secret,
    validate_base_url,
)


class BackendSetupError(UserError):
    """The backend can't be set up or reached as asked; the message is for the user."""


def timetrack_secret_names(url: str, username: str) -> tuple[str, str]:
    owner = {"username": username}
    return (
        TIMETRACK.secret_name(url, "api_key", owner),
        TIMETRACK.secret_name(url, "api_secret", owner),
    )


def papershift_secret_name(url: str) -> str:
    return PAPERSHIFT.secret_name(url, "api_token", {})


@dataclass(frozen=True)
class BackendSetup:
    """What setting up a backend writes, checked: its secrets (keyring name → value) and its
    settings. Worked out before anything is written, so the keyring part can go to a thread."""

    secrets: dict[str, str]
    changes: dict[str, Any]


def configure_timetrack(
    settings: Settings, secrets: SecretStore, url: str, username: str, api_key: str, api_secret: str
) -> None:
    apply_setup(settings, secrets, plan_timetrack(settings, url, username, api_key, api_secret))


def plan_timetrack(
    settings: Settings, url: str, username: str, api_key: str, api_secret: str
) -> BackendSetup:
    url = _checked_url(url)
    if not username.strip():
        raise BackendSetupError("Give the TimeTrack username your account is known by.")
    if not api_key.strip() or not api_secret.strip():
        raise BackendSetupError("Both the TimeTrack API key and the API secret are needed.")
    _refuse_unsendable("api_key", api_key.strip())
    _refuse_unsendable("api_secret", api_secret.strip())
    changes = {
        "backend": "timetrack",
        TIMETRACK.setting("url"): url,
        TIMETRACK.setting("username"): username.strip(),
    }
    _check_unlocked(settings, changes)
    key_name, secret_name_ = timetrack_secret_names(url, username.strip())
    return BackendSetup({key_name: api_key.strip(), secret_name_: api_secret.strip()}, changes)


def configure_papershift(
    settings: Settings, secrets: SecretStore, url: str, api_token: str, ids: dict[str, str | None]
) -> None:
    """``ids`` holds ``location_id`` or ``location_external_id`` (one of each pair) and so on
    for ``working_area`` and ``user``."""
    apply_setup(settings, secrets, plan_papershift(settings, url, api_token, ids))


def plan_papershift(
    settings: Settings, url: str, api_token: str, ids: dict[str, str | None]
) -> BackendSetup:
    url = _checked_url(url)
    if not api_token.strip():
        raise BackendSetupError("The Papershift API token is needed.")
    _refuse_unsendable("api_token", api_token.strip())
    changes: dict[str, Any] = {"backend": "papershift", PAPERSHIFT.setting("url"): url}
    for entity in PAPERSHIFT.pairs:
        by_id, by_external = ids.get(f"{entity}_id"), ids.get(f"{entity}_external_id")
        if bool(by_id) == bool(by_external):
            words = entity.replace("_", " ")
            raise BackendSetupError(
                "Give the Papershift {what} either by id or by external id (exactly one).",
                what=words,
            )
        changes[PAPERSHIFT.setting(f"{entity}_id")] = by_id or None
        changes[PAPERSHIFT.setting(f"{entity}_external_id")] = by_external or None
    _check_unlocked(settings, changes)
    return BackendSetup({papershift_secret_name(url): api_token.strip()}, changes)


def configure(
    settings: Settings, secrets: SecretStore, kind: str, values: dict[str, str | None]
) -> None:
    """Set up the backend ``kind`` from its fields' values (see ``BACKENDS``)."""
    apply_setup(settings, secrets, plan(settings, kind, values))


def plan(settings: Settings, kind: str, values: dict[str, str | None]) -> BackendSetup:
    """What :func:`configure` would write, checked; BackendSetupError when it can't."""

    def text(name: str) -> str:
        return values.get(name) or ""

    if kind == "timetrack":
        return plan_timetrack(
            settings, text("url"), text("username"), text("api_key"), text("api_secret")
        )
    if kind == "papershift":
        ids = {f.name: values.get(f.name) for f in PAPERSHIFT.fields if f.pair}
        return plan_papershift(settings, text("url"), text("api_token"), ids)
    raise BackendSetupError("Choose TimeTrack or Papershift first.")


def apply_setup(settings: Settings, secrets: SecretStore, setup: BackendSetup) -> None:
    """Write a checked setup: the secrets first (the settings name them), then the settings."""
    store_secrets(secrets, setup.secrets)
    save_changes(settings, setup.changes)


def describe_backend(settings: Settings, secrets: SecretStore) -> dict[str, Any]:
    """The backend's settings and whether each secret is stored — never the secrets."""
    name = settings.get("backend")
    info: dict[str, Any] = {"backend": name}
    kind = BACKENDS.get(str(name))
    try:
        if kind is not None:
            values = kind.saved(settings)
            info |= {
                field.name: values[field.name]
                for field in kind.visible
                if values[field.name] or not field.pair  # of a pair, the one given
            }
            named = values["url"] and (not kind.owner_field or values[kind.owner_field])
            if named:
                for field in kind.secrets:
                    info[field.name] = _presence(
                        secrets, kind.secret_name(values["url"], field.name, values)
                    )
    except SecretsUnavailable as exc:
        info["secrets"] = str(exc)
    info["locked"] = sorted(k for k in settings.policy.locked)
    return info


def destination_of(settings: Settings) -> Destination | None:
    """Where the configured backend files entries (no keyring needed); None when uploads are
    off. The backends name their own destination the same way (one home: ``destination_for``)."""
    name = settings.get("backend")
    if name in (None, "none"):
        return None
    kind = BACKENDS.get(str(name))
    if kind is None:
        raise BackendSetupError("Unknown backend {kind!r} in the settings.", kind=name)
    values = kind.saved(settings)
    ids = {k: v for k, v in values.items() if k.endswith("_id")}
    return _destination(kind.name, values["url"], values.get("username"), ids)


def destination_from_form(kind: str, fields: dict[str, str]) -> Destination | None:
    """Where the values typed into Settings would file entries, before anything is saved;
    None for "no backend"; BackendSetupError while they are incomplete."""
    if kind == "none":
        return None
    ids = {k: v or None for k, v in fields.items() if k.endswith("_id")}
    return _destination(kind, _checked_url(fields.get("url", "")), fields.get("username"), ids)


def _destination(
    kind: str, url: str | None, username: str | None, ids: dict[str, str | None]
) -> Destination:
    if kind == "timetrack":
        from clockapp.sync.timetrack import TimeTrackBackend

        if not url or not username or not username.strip():
            raise BackendSetupError("TimeTrack is chosen but its address or username is missing.")
        return TimeTrackBackend.destination_for(url, username.strip())
    if kind == "papershift":
        from clockapp.sync.papershift import PapershiftBackend

        if not url:
            raise BackendSetupError("Papershift is chosen but its address is missing.")
        return PapershiftBackend.destination_for(url, ids)
    raise BackendSetupError("Unknown backend {kind!r} in the settings.", kind=kind)


def interface_language(ui_language: str | None) -> str:
    """The ISO 639-1 code Papershift is told the user reads (``interface_language``): the UI's
    language where ClockApp speaks it, else English (the CLI speaks English)."""
    return "de" if ui_language == "de" else "en"


def build_backend(
    settings: Settings, secrets: SecretStore, *, language: str = "en"
) -> Backend | None:
    """The configured backend, ready to use; None when uploads are off. Blocking (keyring).
    ``language``: the user's, for servers that answer in it (see :func:`interface_language`)."""
    try:
        return _build_backend(settings, secrets, language)
    except SecretsUnavailable as exc:  # uploads wait; clocking goes on
        raise BackendSetupError(exc.text, **exc.values) from exc
    except ConfigError as exc:  # e.g. an address in settings.json edited by hand
        raise BackendSetupError(exc.text, **exc.values) from None


def _build_backend(settings: Settings, secrets: SecretStore, language: str) -> Backend | None:
    kind = settings.get("backend")
    if kind in (None, "none"):
        return None
    if kind == "timetrack":
        from clockapp.sync.timetrack import TimeTrackBackend

        url, user = TIMETRACK.saved(settings)["url"], TIMETRACK.saved(settings)["username"]
        if not url or not user:
            raise BackendSetupError("TimeTrack is chosen but its address or username is missing.")
        validate_base_url(url)  # a hand-edited address: said before the keyring is asked
        key_name, secret_name_ = timetrack_secret_names(url, user)
        key, secret = secrets.get_now(key_name), secrets.get_now(secret_name_)
        if not key or not secret:
            raise BackendSetupError(
                "No TimeTrack API key and secret are stored on this computer; "
                "enter them in Settings or with 'clockapp backend set timetrack'."
            )
        _refuse_stored("timetrack", key, secret)
        return TimeTrackBackend(url, user, key, secret)
    if kind == "papershift":
        from clockapp.sync.papershift import PapershiftBackend

        values = PAPERSHIFT.saved(settings)
        url = validate_base_url(values.pop("url"))
        token = secrets.get_now(papershift_secret_name(url))
        if not token:
            raise BackendSetupError(
                "No Papershift API token is stored on this computer; "
                "enter it in Settings or with 'clockapp backend set papershift'."
            )
        _refuse_stored("papershift", token)
        return PapershiftBackend(
            url, token, **values, interface_language=interface_language(language)
        )
    raise BackendSetupError("Unknown backend {kind!r} in the settings.", kind=kind)


async def test_connection(settings: Settings, secrets: SecretStore) -> str:
    """One authenticated read with the saved setup; a plain sentence, or BackendSetupError."""
    backend = await open_backend(settings, secrets)
    if backend is None:
        raise BackendSetupError("No backend is chosen: sessions stay on this computer.")
    return await check_backend(backend)


async def check_backend(backend: Backend) -> str:
    """One authenticated read; closes ``backend``. A plain sentence, or BackendSetupError."""
    label = LABELS.get(backend.name, backend.name)
    try:
        await backend.check()
    except SyncError as exc:  # its sentence names the service and says what went wrong
        raise BackendSetupError(exc.text, **exc.values) from exc
    finally:
        await backend.aclose()
    return f"Connected to {label} at {redact_url(backend.base_url)}."


def backend_from_form(
    kind: str, fields: dict[str, str], secrets: SecretStore, language: str = "en"
) -> Backend:
    """A backend from values typed into the settings dialog, before they are saved, so
    "Test connection" checks what is on screen. An empty secret field means "the stored one".
    Blocking (keyring)."""
    from clockapp.sync.papershift import PapershiftBackend
    from clockapp.sync.timetrack import TimeTrackBackend

    url = _checked_url(fields.get("url", ""))
    try:
        if kind == "timetrack":
            user = fields.get("username", "").strip()
            if not user:
                raise BackendSetupError("Give the TimeTrack username your account is known by.")
            key_name, secret_name_ = timetrack_secret_names(url, user)
            key = _typed(fields, "api_key") or secrets.get_now(key_name)
            secret = _typed(fields, "api_secret") or secrets.get_now(secret_name_)
            if not key or not secret:
                raise BackendSetupError("Both the TimeTrack API key and the API secret are needed.")
            _refuse_stored("timetrack", key, secret)
            return TimeTrackBackend(url, user, key, secret)
        if kind == "papershift":
            token = _typed(fields, "api_token") or secrets.get_now(papershift_secret_name(url))
            if not token:
                raise BackendSetupError("The Papershift API token is needed.")
            _refuse_stored("papershift", token)
            ids = {k: v or None for k, v in fields.items() if k.endswith("_id")}
            return PapershiftBackend(
                url, token, **ids, interface_language=interface_language(language)
            )
    except SecretsUnavailable as exc:
        raise BackendSetupError(exc.text, **exc.values) from exc
    except ConfigError as exc:
        raise BackendSetupError(exc.text, **exc.values) from exc
    raise BackendSetupError("Choose TimeTrack or Papershift first.")


def _typed(fields: dict[str, str], name: str) -> str:
    """A secret typed into the form, refused if it can't be one; "" for "the stored one"."""
    value = fields.get(name, "").strip()
    if value:
        _refuse_unsendable(name, value)
    return value


def _refuse_unsendable(field: str, value: str) -> None:
    """A typed secret with a control character or a letter outside ASCII is a copy-and-paste
    accident: refused before anything is stored, and the message never repeats it."""
    if sendable_secret(value):
        return
    if field == "api_key":
        raise BackendSetupError(
            "The TimeTrack API key can't contain line breaks, tabs or other control characters, "
            "nor letters outside plain ASCII; copy it again exactly as TimeTrack shows it."
        )
    if field == "api_secret":
        raise BackendSetupError(
            "The TimeTrack API secret can't contain line breaks, tabs or other control "
            "characters, nor letters outside plain ASCII; copy it again exactly as TimeTrack "
            "shows it."
        )
    raise BackendSetupError(
        "The Papershift API token can't contain line breaks, tabs or other control characters, "
        "nor letters outside plain ASCII; copy it again exactly as Papershift shows it."
    )


def _refuse_stored(kind: str, *values: str) -> None:
    """A secret an older version stored unchecked: uploads wait for a new one."""
    if all(map(sendable_secret, values)):
        return
    if kind == "timetrack":
        raise BackendSetupError(
            "The TimeTrack API key or secret stored on this computer can't be used: it holds a "
            "control character or a letter outside plain ASCII. Enter both again in Settings or "
            "with 'clockapp backend set timetrack'; uploads wait meanwhile."
        )
    raise BackendSetupError(
        "The Papershift API token stored on this computer can't be used: it holds a control "
        "character or a letter outside plain ASCII. Enter it again in Settings or with "
        "'clockapp backend set papershift'; uploads wait meanwhile."
    )


def stored_secret(secrets: SecretStore, kind: str, url: str, username: str, field: str) -> str:
    """The secret the keyring holds for these settings, or "" (for "keep the stored one")."""
    name = BACKENDS[kind].secret_name(url.rstrip("/"), field, {"username": username})
    try:
        return secrets.get_now(name) or ""
    except SecretsUnavailable:
        return ""


async def open_backend(
    settings: Settings,
    secrets: SecretStore,
    make: Callable[[Settings, SecretStore], Backend | None] = build_backend,
) -> Backend | None:
    """:func:`build_backend` off the event loop, and never waiting on the keyring for ever."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(make, settings, secrets), secrets.timeout_s)
    except TimeoutError:
        raise BackendSetupError(
            "The system keyring did not answer in time (is it locked?). "
            "Unlock it; uploads wait meanwhile."
        ) from None


def validate_url(url: str) -> str:
    """The base URL, checked and without a trailing slash; BackendSetupError in plain words."""
    return _checked_url(url)


def _checked_url(url: str) -> str:
    try:
        return validate_base_url(url.strip()).rstrip("/")
    except ConfigError as exc:
        raise BackendSetupError(exc.text, **exc.values) from exc


def _check_unlocked(settings: Settings, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if settings.is_locked(key) and settings.get(key) != value:
            raise BackendSetupError(
                "The setting {key} is set by your IT department and can't be changed here.",
                key=key,
            )


def store_secrets(secrets: SecretStore, values: dict[str, str]) -> None:
    try:
        for name, value in values.items():
            secrets.set_now(name, value)
    except SecretsUnavailable as exc:
        raise BackendSetupError(exc.text, **exc.values) from exc


def save_changes(settings: Settings, changes: dict[str, Any]) -> None:
    try:
        for key, value in changes.items():
            settings.set(key, value)
        settings.save()
    except SettingsError as exc:
        raise BackendSetupError(exc.text, **exc.values) from exc


def _presence(secrets: SecretStore, name: str) -> str:
    return "stored" if secrets.get_now(name) else "missing"
