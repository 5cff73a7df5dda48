"""``clockapp doctor``: what IT asks a user to paste — never a secret.

Everything is gathered in :func:`doctor_report`, one dictionary the CLI prints as text or JSON.
It works when other commands can't: a record that can't be opened is one more notice.
"""

from __future__ import annotations

from typing import Any

from clockapp import __version__
from clockapp.secrets import SecretStore, keyring_name
from clockapp.services.backend_config import describe_backend
from clockapp.services.sync import SyncService
from clockapp.settings import (
    SETTINGS,
    Settings,
    config_dir,
    data_dir,
    database_path,
    policy_path,
    settings_path,
)
from clockapp.storage import StorageError, Store


def doctor_report(secrets: SecretStore | None = None) -> dict[str, Any]:
    """The notices (record, settings, policy), where the files are, the keyring in use, the
    backend as :func:`describe_backend` shows it, where uploads go (the destination) and what
    it still lacks, and the sessions per upload status."""
    secrets = secrets or SecretStore()
    settings = Settings.load()
    notices = []
    try:
        store: Store | None = Store.open(database_path())
    except StorageError as exc:
        store = None
        notices.append(str(exc))
    if store is not None and store.notice:
        notices.append(str(store.notice))
    notices += [str(n) for n in settings.notices]
    report: dict[str, Any] = {
        "version": __version__,
        "notices": notices,
        "data_dir": str(data_dir()),
        "config_dir": str(config_dir()),
        "database": str(database_path()),
        "settings_file": {"path": str(settings_path()), "exists": settings_path().exists()},
        "policy_file": {"path": str(policy_path()), "exists": policy_path().exists()},
        "keyring": keyring_name(),
        "backend": describe_backend(settings, secrets),
        # Every declared setting as the app uses it, where that value comes from, and what it
        # may be: what IT asks first when a machine behaves differently from the others.
        "settings": {
            key: {"value": settings.get(key), "from": settings.source(key), "takes": d.expected}
            for key, d in SETTINGS.items()
        },
        "destination": None,
        "uploads": None,
        "uploads_paused": None,
    }
    if store is not None:
        try:
            sync = SyncService(store, settings, secrets)
            counts = sync.counts()
            if counts is not None:
                report["uploads"] = {status.value: n for status, n in counts.items()}
                paused = sync.paused()
                report["uploads_paused"] = None if paused is None else str(paused)
            destination, preview = sync.destination, sync.preview()
            if destination is not None and preview is not None:
                report["destination"] = {
                    "label": destination.label,
                    "key": destination.key,
                    "waiting": preview.sessions,
                    "since": preview.since.isoformat() if preview.since else None,
                }
        finally:
            store.close()
    return report
