"""Where ClockApp keeps its files, the local time zone, and the user's preferences.

Preferences are a small JSON file beside the data (written atomically); their defaults are
declared as data in ``DEFAULTS``. Secrets never go here: they live in the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from clockapp.domain.errors import UserError

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
    # Away longer than this while working (minutes): ask what the time was.
    "idle_minutes": 10,
    # A session still running after this many hours is ended at the last activity, flagged.
    "auto_clock_out_hours": 12,
    # Where finished sessions go: "none" (stay on this device), "timetrack" or "papershift".
    "backend": "none",
    "timetrack_url": None,  # https://<account>.timetrackenterprise.com
    "timetrack_username": None,
    "papershift_url": "https://app.papershift.com",
    # Papershift wants each of location, working area and user by id or by external id.
    "papershift_location_id": None,
    "papershift_location_external_id": None,
    "papershift_working_area_id": None,
    "papershift_working_area_external_id": None,
    "papershift_user_id": None,
    "papershift_user_external_id": None,
    # The no-tray window has said once, in full, why there is no tray icon.
    "no_tray_explained": False,
}

POLICY_VARIABLE = "CLOCKAPP_POLICY_FILE"
#: Words that mark a key as a secret: a policy file must never carry one.
_SECRET_WORDS = ("token", "secret", "password", "api_key", "apikey")


def policy_path() -> Path:
    """Where IT puts the admin policy: ``$CLOCKAPP_POLICY_FILE`` or the OS's system location."""
    override = os.environ.get(POLICY_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "ClockApp" / "policy.json"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/ClockApp/policy.json")
    return Path("/etc/clockapp/policy.json")


@dataclass(frozen=True)
class Policy:
    """The admin policy: preset values, and which of them the user may not change."""

    values: dict[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    notice: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Policy:
        """Read the policy; a broken one is ignored with a notice, never a crash."""
        path = path or policy_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.error("admin policy %s ignored: %s", path, exc)
            return cls(notice=f"The admin policy {path} could not be read and is ignored ({exc}).")
        if not isinstance(data, dict) or not isinstance(data.get("settings", {}), dict):
            return cls(notice=f"The admin policy {path} is not in the expected form; ignored.")
        values = {k: v for k, v in data.get("settings", {}).items() if k in DEFAULTS}
        notices = []
        unknown = sorted(set(data.get("settings", {})) - set(values))
        if unknown:
            notices.append(f"unknown settings ignored: {', '.join(unknown)}")
        secrets = sorted(k for k in data.get("settings", {}) if any(w in k for w in _SECRET_WORDS))
        if secrets:
            notices.append("secrets never belong in a policy file; each user enters their own")
        locked = frozenset(k for k in data.get("locked", []) if k in values)
        notice = f"Admin policy {path}: " + "; ".join(notices) + "." if notices else None
        return cls(values, locked, notice)


class SettingsError(UserError):
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
    policy: Policy = field(default_factory=Policy)

    @classmethod
    def load(cls, path: Path | None = None, policy: Policy | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        policy = policy if policy is not None else Policy.load()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path, {}, policy)
        except OSError as exc:
            raise SettingsError(
                "ClockApp can't read its settings {path}: {reason}.",
                path=path,
                reason=exc.strerror,
            ) from exc
        try:
            values = json.loads(text)
            if not isinstance(values, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            # Keep the user's file for inspection; fall back to defaults rather than not start.
            log.error("settings file %s unreadable (%s); using defaults", path, exc)
            return cls(path, {}, policy)
        return cls(path, values, policy)

    def get(self, key: str) -> Any:
        """Locked policy value, else the user's, else the policy's preset, else the default."""
        if key in self.policy.locked:
            return self.policy.values[key]
        if key in self.values:
            return self.values[key]
        return self.policy.values.get(key, DEFAULTS.get(key))

    def is_locked(self, key: str) -> bool:
        return key in self.policy.locked

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise SettingsError("There is no setting called {key!r}.", key=key)
        if self.is_locked(key):
            if value == self.get(key):
                return
            raise SettingsError(
                "The setting {key} is set by your IT department and can't be changed here.",
                key=key,
            )
        self.values[key] = value

    @property
    def targets(self) -> dict[str, int]:
        merged = dict(DEFAULTS["targets"])
        merged.update(self.policy.values.get("targets", {}))
        merged.update(self.get("targets") or {})
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
                "ClockApp can't save its settings to {path}: {reason}.",
                path=self.path,
                reason=exc.strerror,
            ) from exc
