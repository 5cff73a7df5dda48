"""A keyring backend in one JSON file, for benchmark children only: the CLI that stores the
token and the tray app that reads it are separate processes, so the tests' in-memory keyring
can't carry it. Selected by ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` (this folder
on PYTHONPATH), the file in ``CLOCKAPP_BENCH_KEYRING``; never used by the app or the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def path(self) -> Path:
        return Path(os.environ["CLOCKAPP_BENCH_KEYRING"])

    def _entries(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text()))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}\0{username}"] = password
        self.path.write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(entries))
