"""Errors whose messages are shown to people as they are.

Every error a person can see is a :class:`UserError`: a literal English sentence with
``{name}`` fields, and the values that fill them. The CLI prints ``str(error)``; the UI
translates the sentence and fills it the same way (``clockapp.ui.i18n.explain``). No errno,
Python exception text or secret is ever one of the values: the technical cause goes to the log.
The tree (module in brackets; what the user is told)::

    UserError                  [domain/errors]
    ├── ClockError             [domain/errors]    the clock refuses a move (an overlap...)
    │   ├── NotFound           [domain/errors]    no session matches what was named
    │   └── ConfirmedDay       [domain/errors]    a manager confirmed that day: asked first
    ├── SettingsError          [settings]         a setting can't be read, used or saved
    ├── BackendSetupError      [services/backend_config]  uploads can't be set up like this
    ├── StorageError           [storage/store]    disk full, read-only, busy, file damaged
    ├── SecretsUnavailable     [secrets]          the keyring is missing, locked or refuses
    ├── AutostartError         [platform/autostart]  start at login can't be changed
    └── SyncError              [sync/backend]     uploading failed:
        ├── ConfigError                           the backend's settings can't work
        ├── AuthError                             the server refused the credentials
        ├── PermanentError                        the server refused this change ("said X")
        │   └── EchoMismatchError                 it stored the change, but not as sent
        └── TransientError                        try later: unreachable, no answer, busy
            └── AmbiguousWriteError               a write whose answer was lost

An error kept for later (the uploader's last error for a session) is stored with
:func:`to_record` and read back with :func:`from_record`, so it can still be said in the
language of whoever reads it.
"""

from __future__ import annotations

import json


class UserError(Exception):
    """A refusal or failure the user must read: ``str(error)`` is a complete English sentence.

    ``text`` is that sentence as written in the code, a literal with ``{name}`` fields, and
    ``values`` fill the fields; a front end in another language translates ``text`` and fills
    it the same way (``clockapp.ui.i18n.explain``). ``resources/i18n/build.py`` collects the
    literals for the translators, and a test keeps them literal (no f-strings).
    """

    def __init__(self, text: str, /, **values: object) -> None:
        # Without values the text is not a template: a wrapped message may hold braces.
        super().__init__(text.format(**values) if values else text)
        self.text = text
        self.values = values


class ClockError(UserError):
    """A move the clock refuses (clock out while off, an overlap, a locked day...)."""


class NotFound(ClockError):
    """No session matches what the user named."""


class ConfirmedDay(ClockError):
    """The change touches a day with a session a manager has confirmed: asked first (``day``
    in ``values``); the caller may repeat it once the user agreed."""


def to_record(error: UserError) -> str:
    """``error`` as one line of text to store: its sentence and values as JSON."""
    values = {
        name: value if isinstance(value, int | float) else str(value)
        for name, value in error.values.items()
    }
    return json.dumps({"text": error.text, "values": values}, ensure_ascii=False)


def from_record(stored: str) -> UserError:
    """The error :func:`to_record` stored; a plain sentence (stored before records were
    JSON) comes back as it is, shown in English."""
    if stored.startswith('{"text"'):
        try:
            data = json.loads(stored)
        except ValueError:
            data = None
        if (
            isinstance(data, dict)
            and isinstance(data.get("text"), str)
            and isinstance(data.get("values"), dict)
        ):
            try:
                return UserError(data["text"], **data["values"])
            except (KeyError, IndexError, ValueError):  # fields and values do not fit
                return UserError(data["text"])
    return UserError(stored)
