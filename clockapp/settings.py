"""Where ClockApp keeps its files, the local time zone, and the user's preferences.

Preferences are a small JSON file beside the data (written atomically); their defaults are
declared as data in ``DEFAULTS``. Secrets never go here: they live in the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "ClockApp"
DATA_DIR_VARIABLE = "CLOCKAPP_DATA_DIR"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULTS: dict[str, Any] = {
    # Target minutes of work per weekday (8 h Mon–Fri).
    "targets": {"mon": 480, "tue": 480, "wed": 480, "thu": 480, "fri": 480, "sat": 0, "sun": 0},
    # Reminders (each optional). Local wall times as "HH:MM", or null for off: not clocked in
    # by this time on a workday; still clocked in past this time.
    "remind_clock_in_by": None,
    "remind_clock_out_after": None,
    # Minutes ahead of a legally due break / of the 10-hour limit to remind; null for off.
    "remind_break_ahead_minutes": 15,
    "remind_daily_limit_ahead_minutes": 30,
}


class SettingsError(Exception):
    """The settings can't be read or written; the message is for the user."""


def data_dir() -> Path:
    """The folder holding the database: ``$CLOCKAPP_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder holding settings; with ``$CLOCKAPP_DATA_DIR`` set, that folder (portable)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def database_path() -> Path:
    return data_dir() / "clockapp.db"


def local_zone_name() -> str:
    """The IANA name of this machine's time zone (``$TZ`` wins), ``UTC`` if it can't be told."""
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except Exception as exc:  # tzlocal raises several types for odd /etc/localtime setups
        log.warning("local time zone unknown (%s); using UTC", exc)
        return "UTC"
    return name or "UTC"


@dataclass
class Settings:
    """The user's preferences; ``values`` holds only what differs from ``DEFAULTS``."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            raise SettingsError(
                f"ClockApp can't read its settings {path}: {exc.strerror}."
            ) from exc
        try:
            values = json.loads(text)
            if not isinstance(values, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            # Keep the user's file for inspection; fall back to defaults rather than not start.
            log.error("settings file %s unreadable (%s); using defaults", path, exc)
            return cls(path)
        return cls(path, values)

    def get(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    @property
    def targets(self) -> dict[str, int]:
        merged = dict(DEFAULTS["targets"])
        merged.update(self.values.get("targets", {}))
        return merged

    def save(self) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half of one."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(self.values, f, indent=2, sort_keys=True)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise SettingsError(
                f"ClockApp can't save its settings to {self.path}: {exc.strerror}."
            ) from exc
