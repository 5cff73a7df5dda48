"""Where ClockApp keeps its files, the local time zone, and the user's preferences.

Preferences are a small JSON file beside the data (written atomically). Each setting is declared
once in ``SETTINGS``: its default and what a value must be. Reading the user's file and the admin
policy both check every value against that declaration: a value that doesn't fit is reported
(a notice naming the file and the key) and the default is used for that key only, so a file
edited by hand can never stop the clock. Secrets never go here: they live in the OS keyring.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from clockapp.domain.errors import UserError
from clockapp.files import write_atomically

log = logging.getLogger(__name__)

APP_NAME = "ClockApp"
DATA_DIR_VARIABLE = "CLOCKAPP_DATA_DIR"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SettingsError(UserError):
    """The settings can't be read or written, or hold a value that can't be used; the message
    is for the user. Settings and Policy keep the ones found while reading as ``notices``."""


@dataclass(frozen=True)
class Declared:
    """One setting: its default, and what a value must be.

    ``read`` returns the value as the app uses it, or raises ValueError; ``expected`` says in
    words what it wants. With ``per_weekday`` the value is a table of weekdays (``mon`` …
    ``sun``, any of them) and ``read`` checks each entry.
    """

    default: Any
    expected: str
    read: Callable[[Any], Any]
    per_weekday: bool = False
    #: A whole number's limits and unit ("minutes", "hours", "months", "days"): the parser,
    #: the message and the Settings editors all take them from here. ``optional``: null (in
    #: the editors, 0 shown as "off") turns it off.
    low: int | None = None
    high: int | None = None
    unit: str | None = None
    optional: bool = False


def whole(
    default: Any,
    unit: str,
    low: int,
    high: int,
    *,
    optional: bool = False,
    per_weekday: bool = False,
) -> Declared:
    """A setting that is a whole number of ``unit`` from ``low`` to ``high``."""
    read = _whole(low, high)
    return Declared(
        default,
        f"whole {unit} from {low} to {high}" + (", or null" if optional else ""),
        _optional(read) if optional else read,
        per_weekday,
        low,
        high,
        unit,
        optional,
    )


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(value)
        return value

    return read


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else read(value)


def _choice(*choices: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if value not in choices:
            raise ValueError(value)
        return str(value)

    return read


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _identifier(value: Any) -> str:
    # An admin may well write a numeric id without quotes.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(value)
    return value


def _wall_time(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(value)
    return value


def _holiday_region(value: Any) -> str:
    # "none", a country ("DE") or a country and subdivision ("DE-BY"). Only the form is checked
    # here: loading the holidays package to know every region would slow every start by a
    # quarter second. `clockapp holidays --region` checks the region itself, and the week and
    # the month say when a region from a file is unknown.
    if value == "none":
        return "none"
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}(-[A-Za-z0-9]{1,20})?", value):
        raise ValueError(value)
    return value


def _iso_date(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    datetime.strptime(value, "%Y-%m-%d")  # a real date (ValueError otherwise)
    return value


#: Every setting, declared once; reading the file, the policy and ``set`` check against it.
SETTINGS: dict[str, Declared] = {
    # Target minutes of work per weekday (8 h Mon–Fri).
    "targets": whole(
        {"mon": 480, "tue": 480, "wed": 480, "thu": 480, "fri": 480, "sat": 0, "sun": 0},
        "minutes",
        0,
        24 * 60,
        per_weekday=True,
    ),
    # Reminders (each optional). Local wall times as "HH:MM", or null for off: not clocked in
    # by this time on a workday; still clocked in past this time.
    "remind_clock_in_by": Declared(
        None, 'a time of day as "HH:MM", or null', _optional(_wall_time)
    ),
    "remind_clock_out_after": Declared(
        None, 'a time of day as "HH:MM", or null', _optional(_wall_time)
    ),
    # Minutes ahead of a legally due break / of the 10-hour limit to remind; null for off.
    "remind_break_ahead_minutes": whole(15, "minutes", 0, 120, optional=True),
    "remind_daily_limit_ahead_minutes": whole(30, "minutes", 0, 120, optional=True),
    # Planned shifts (Papershift), minutes; null for off (the default): before a shift starts;
    # after it started without a clock-in; after it ended while still clocked in.
    "remind_shift_start_ahead_minutes": whole(None, "minutes", 1, 120, optional=True),
    "remind_shift_not_clocked_in_minutes": whole(None, "minutes", 0, 240, optional=True),
    "remind_shift_still_clocked_in_minutes": whole(None, "minutes", 0, 240, optional=True),
    # A day's target is the minutes of the user's own planned shifts that day (0 without one),
    # instead of the weekday's target: for staff on a shift plan (Papershift). Off by default.
    "target_from_shifts": Declared(False, "true or false", _flag),
    # Away longer than this while working (minutes): ask what the time was.
    "idle_minutes": whole(10, "minutes", 1, 240),
    # A session still running after this many hours is ended at the last activity, flagged;
    # 0 or null: never.
    "auto_clock_out_hours": whole(12, "hours", 0, 24, optional=True),
    # Where finished sessions go: "none" (stay on this device), "timetrack" or "papershift".
    "backend": Declared(
        "none",
        '"none", "timetrack" or "papershift"',
        _choice("none", "timetrack", "papershift"),
    ),
    # A new destination (another server or account) gets the sessions from the first of the
    # month this many months back: 1 = the current and the previous month.
    "fill_new_destination_months": whole(1, "months", 0, 120),
    "timetrack_url": Declared(None, "a web address in quotes, or null", _optional(_text)),
    "timetrack_username": Declared(None, "a name in quotes, or null", _optional(_text)),
    "papershift_url": Declared("https://app.papershift.com", "a web address in quotes", _text),
    # Papershift wants each of location, working area and user by id or by external id.
    **{
        f"papershift_{entity}_{kind}": Declared(None, "an id, or null", _optional(_identifier))
        for entity in ("location", "working_area", "user")
        for kind in ("id", "external_id")
    },
    # Whose public holidays have no target: "none", a country ("DE") or a state ("DE-BY").
    "holiday_region": Declared(
        "none", 'a region such as "DE" or "DE-BY", or "none"', _holiday_region
    ),
    # The time account: the day it starts counting (null: the first recorded session), the
    # balance carried in then (minutes, negative when hours are owed), vacation days a year.
    "balance_since": Declared(None, 'a date as "YYYY-MM-DD", or null', _optional(_iso_date)),
    "balance_opening_min": whole(0, "minutes", -100_000, 100_000),
    "vacation_days": whole(30, "days", 0, 366),
    # The no-tray window has said once, in full, why there is no tray icon.
    "no_tray_explained": Declared(False, "true or false", _flag),
    # Fleet policy: every change by hand (edit, add, delete, discard) must give a reason.
    "require_edit_reason": Declared(False, "true or false", _flag),
    # A session is uploaded only this many minutes after it ended, so that an undo or a quick
    # correction doesn't create, then update or delete, the entry upstream. 0: at once.
    "upload_grace_minutes": whole(2, "minutes", 0, 60),
}

DEFAULTS: dict[str, Any] = {key: declared.default for key, declared in SETTINGS.items()}


def _shown(value: Any) -> str:
    # ASCII JSON: control characters and escapes in a hand-edited file can't reach the terminal.
    text = json.dumps(value, ensure_ascii=True, default=repr)
    return text if len(text) <= 40 else text[:39] + "…"


def checked(source: Path, raw: dict[str, Any]) -> tuple[dict[str, Any], list[SettingsError]]:
    """``raw``'s known settings as the app uses them, and a notice for each that doesn't fit its
    declaration (left out, so the default applies). Unknown keys pass through unchecked."""
    values: dict[str, Any] = {}
    notices: list[SettingsError] = []

    def refuse(key: str, value: Any, expected: str) -> None:
        notices.append(
            SettingsError(
                "In {path}, the setting {key} is {value}, which is not {expected}; "
                "the built-in default is used.",
                path=source,
                key=key,
                value=_shown(value),
                expected=expected,
            )
        )

    for key, value in raw.items():
        declared = SETTINGS.get(key)
        if declared is None:
            values[key] = value
        elif declared.per_weekday:
            if not isinstance(value, dict):
                refuse(key, value, f"a table of weekdays (mon … sun) to {declared.expected}")
                continue
            table = {}
            for day, entry in value.items():
                if day not in WEEKDAYS:
                    notices.append(
                        SettingsError(
                            "In {path}, the setting {key} names {day}, which is not a weekday "
                            "(mon … sun); it is ignored.",
                            path=source,
                            key=key,
                            day=_shown(day),
                        )
                    )
                    continue
                try:
                    table[day] = declared.read(entry)
                except ValueError:
                    refuse(f"{key}.{day}", entry, declared.expected)
            values[key] = table
        else:
            try:
                values[key] = declared.read(value)
            except ValueError:
                refuse(key, value, declared.expected)
    return values, notices


def _unreadable_reason(exc: Exception) -> str:
    """Why a JSON file couldn't be read, in words."""
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def _read_json(path: Path) -> Any:
    """The file's JSON; FileNotFoundError if absent; ValueError/OSError/RecursionError if bad.
    A byte order mark is allowed: Windows editors write one."""
    return json.loads(path.read_bytes().decode("utf-8-sig"))


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
    """The admin policy: preset values, and which of them the user may not change.

    ``notices``: what in the file could not be used (each ignored, never a crash)."""

    values: dict[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    notices: tuple[SettingsError, ...] = ()

    @classmethod
    def load(cls, path: Path | None = None) -> Policy:
        """Read the policy; what can't be used is left out with a notice."""
        path = path or policy_path()
        try:
            data = _read_json(path)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as exc:
            log.info("admin policy %s ignored: %s", path, exc)
            return cls(
                notices=(
                    SettingsError(
                        "The admin policy {path} could not be read ({reason}) and is ignored.",
                        path=path,
                        reason=_unreadable_reason(exc),
                    ),
                )
            )
        if not isinstance(data, dict):
            return cls(
                notices=(
                    SettingsError(
                        'The admin policy {path} is not a JSON object {{"settings": …, '
                        '"locked": […]}} and is ignored.',
                        path=path,
                    ),
                )
            )
        notices: list[SettingsError] = []
        given = data.get("settings", {})
        if not isinstance(given, dict):
            notices.append(
                SettingsError(
                    "In the admin policy {path}, settings is not a JSON object, so it is "
                    "ignored: no setting is preset.",
                    path=path,
                )
            )
            given = {}
        secrets = sorted(k for k in given if any(w in k.lower() for w in _SECRET_WORDS))
        if secrets:
            notices.append(
                SettingsError(
                    "The admin policy {path} holds {keys}: secrets never belong in a policy "
                    "file, so they are ignored; each user enters their own.",
                    path=path,
                    keys=", ".join(secrets),
                )
            )
        unknown = sorted(set(given) - set(SETTINGS) - set(secrets))
        if unknown:
            notices.append(
                SettingsError(
                    "The admin policy {path} presets settings ClockApp doesn't know, "
                    "ignored: {keys}.",
                    path=path,
                    keys=", ".join(unknown),
                )
            )
        values, bad_values = checked(path, {k: v for k, v in given.items() if k in SETTINGS})
        notices += bad_values
        names = data.get("locked", [])
        if not isinstance(names, list):
            notices.append(
                SettingsError(
                    "In the admin policy {path}, locked is {value}, not a list of setting "
                    "names; nothing is locked.",
                    path=path,
                    value=_shown(names),
                )
            )
            names = []
        names = [k if isinstance(k, str) else _shown(k) for k in names]
        locked = frozenset(k for k in names if k in values)
        # A lock on a secret was refused above already.
        loose = [k for k in names if k not in locked and k not in secrets]
        if loose:
            notices.append(
                SettingsError(
                    "In the admin policy {path}, locked names {keys} without a usable preset "
                    "value; those are not locked.",
                    path=path,
                    keys=", ".join(loose),
                )
            )
        return cls(values, locked, tuple(notices))


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


def settings_path() -> Path:
    return config_dir() / "settings.json"


def database_path() -> Path:
    return data_dir() / "clockapp.db"


def local_zone_name() -> str:
    """The IANA name of this machine's time zone (``$TZ`` wins), ``UTC`` if it can't be told."""
    import tzlocal

    # tzlocal caches its first answer: read $TZ ourselves so a changed one is seen.
    named = os.environ.get("TZ", "").removeprefix(":")
    if named:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(named)
            return named
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            pass  # not an IANA name (e.g. a POSIX rule): let tzlocal work it out

    try:
        name = tzlocal.get_localzone_name()
    except Exception as exc:  # tzlocal raises several types for odd /etc/localtime setups
        log.warning("local time zone unknown (%s); using UTC", exc)
        return "UTC"
    return name or "UTC"


@dataclass
class Settings:
    """The user's preferences; ``values`` holds only what differs from ``DEFAULTS``.

    ``notices``: what could not be used in the settings file and the admin policy, for the
    user (each once). ``keep_before_save``: the file on disk held something unusable, so it is
    kept as ``settings.damaged-<time>.json`` before the first save replaces it.
    """

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)
    notices: list[SettingsError] = field(default_factory=list)
    keep_before_save: bool = False
    #: Why the file could not be read at all: never saved over, as its content is unknown.
    unreadable: str | None = None
    #: Called after every save: what reads a setting once re-reads it (settings act at once).
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None, policy: Policy | None = None) -> Settings:
        """The user's settings; never raises: what can't be used is a notice and a default."""
        path = path or settings_path()
        policy = policy if policy is not None else Policy.load()
        notices = list(policy.notices)
        try:
            data = _read_json(path)
        except FileNotFoundError:
            return cls(path, {}, policy, notices)
        except OSError as exc:
            reason = _unreadable_reason(exc)
            log.info("settings file %s unreadable (%s); using defaults", path, reason)
            notices.append(
                SettingsError(
                    "ClockApp can't read its settings {path} ({reason}); "
                    "the built-in settings are used.",
                    path=path,
                    reason=reason,
                )
            )
            return cls(path, {}, policy, notices, unreadable=reason)
        except (ValueError, RecursionError) as exc:
            return cls._damaged(path, policy, notices, _unreadable_reason(exc))
        if not isinstance(data, dict):
            return cls._damaged(path, policy, notices, "not a JSON object")
        values, bad_values = checked(path, data)
        return cls(path, values, policy, notices + bad_values, keep_before_save=bool(bad_values))

    @classmethod
    def _damaged(
        cls, path: Path, policy: Policy, notices: list[SettingsError], reason: str
    ) -> Settings:
        log.info("settings file %s damaged (%s); using defaults", path, reason)
        notice = SettingsError(
            "The settings file {path} is damaged ({reason}); the built-in settings are used, "
            "and the file is kept beside it when settings are next saved.",
            path=path,
            reason=reason,
        )
        return cls(path, {}, policy, [*notices, notice], keep_before_save=True)

    def on_saved(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after each :meth:`save`, so a changed setting takes effect at once
        in whatever read it (the idle threshold, the reminders), without a restart."""
        self._listeners.append(listener)

    def get(self, key: str) -> Any:
        """Locked policy value, else the user's, else the policy's preset, else the default."""
        if key in self.policy.locked:
            return self.policy.values[key]
        if key in self.values:
            return self.values[key]
        return self.policy.values.get(key, DEFAULTS.get(key))

    def is_locked(self, key: str) -> bool:
        return key in self.policy.locked

    def source(self, key: str) -> str:
        """Where :meth:`get`'s value comes from: "policy (locked)", "settings file", "policy
        (preset)" or "default" — in that order of precedence."""
        if key in self.policy.locked:
            return "policy (locked)"
        if key in self.values:
            return "settings file"
        return "policy (preset)" if key in self.policy.values else "default"

    def set(self, key: str, value: Any) -> None:
        declared = SETTINGS.get(key)
        if declared is None:
            raise SettingsError("There is no setting called {key!r}.", key=key)
        if self.is_locked(key):
            if value == self.get(key):
                return
            raise SettingsError(
                "The setting {key} is set by your IT department and can't be changed here.",
                key=key,
            )
        values, refused = checked(self.path, {key: value})
        if refused:
            raise SettingsError(
                "The setting {key} can't be {value}: it takes {expected}.",
                key=key,
                value=_shown(value),
                expected=declared.expected,
            )
        self.values[key] = values[key]

    @property
    def targets(self) -> dict[str, int]:
        merged = dict(DEFAULTS["targets"])
        merged.update(self.policy.values.get("targets", {}))
        merged.update(self.get("targets") or {})
        return merged

    def save(self) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half of one.
        A file that held something unusable is kept beside first (never overwritten)."""
        if self.unreadable is not None:
            raise SettingsError(
                "ClockApp can't read its settings {path} ({reason}), so it does not save over "
                "them; fix the file's permissions or move it away.",
                path=self.path,
                reason=self.unreadable,
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.keep_before_save:
                kept = _keep_beside(self.path)
                if kept is not None:
                    log.info("settings file %s kept as %s", self.path, kept)
                self.keep_before_save = False
            write_atomically(self.path, json.dumps(self.values, indent=2, sort_keys=True))
        except OSError as exc:
            log.warning("settings not saved to %s: %s", self.path, exc)
            if exc.errno == errno.ENOSPC:
                raise SettingsError(
                    "The disk is full, so your settings were not saved. Free some space on the "
                    "disk that holds {path} and try again.",
                    path=self.path,
                ) from exc
            raise SettingsError(
                "ClockApp can't save its settings to {path}; check that the folder may be written.",
                path=self.path,
            ) from exc
        for listener in list(self._listeners):
            listener()


def _keep_beside(path: Path) -> Path | None:
    """Copy ``path`` to ``<stem>.damaged-<UTC time>.json``, a name never used before; None if
    there is no file. A copy, not a rename: until the new file is in place, the old one stays."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    n = 0
    while True:
        suffix = f"-{n}" if n else ""
        kept = path.with_name(f"{path.stem}.damaged-{stamp}{suffix}{path.suffix}")
        try:
            with open(kept, "xb") as f:  # "x": never overwrite an earlier copy
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            return kept
        except FileExistsError:
            n += 1
