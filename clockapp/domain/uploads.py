"""Where a session's uploads stand and where they go, as plain data: the upload ledger keeps
it, the sync layer names destinations, the front ends show it (they never reach the ledger
or the clients themselves).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from clockapp.domain.errors import UserError

#: Query parameters that carry a secret: never shown, never logged.
SECRET_PARAMS = frozenset({"api_token", "token", "api_key", "api_secret", "key", "secret"})


class UploadStatus(enum.Enum):
    """Where a session stands on a backend, in the words the user sees."""

    SAVED = "saved on this device"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    WAITING = "waiting"
    NEEDS_ATTENTION = "needs attention"
    PAUSED = "paused"
    #: On the server, but a create whose answer was lost may still land as a second record.
    CHECKING = "checking for duplicates"


@dataclass(frozen=True, slots=True)
class UploadInfo:
    status: UploadStatus
    remote_id: str | None
    #: Why it waits or was refused (the server's words are among its values).
    detail: UserError | None
    next_attempt_at: datetime | None
    #: What the newest change asks of the server: "create", "update" or "delete".
    op: str = "create"
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class Preview:
    """What a destination would receive on the next upload: how many sessions, from when."""

    sessions: int
    since: datetime | None


@dataclass(frozen=True, slots=True)
class Destination:
    """Where entries are filed: the vendor, its address, and the identity they go under
    (TimeTrack's username; Papershift's user, location and working area). Two destinations
    never share remote ids, claims or pauses: that is what keeps an account switch from
    overwriting another account's records."""

    vendor: str
    base_url: str
    #: (name, value) pairs naming whose entries these are, in a fixed order.
    identity: tuple[tuple[str, str], ...]
    label: str

    @property
    def key(self) -> str:
        """The one string the upload ledger files everything remote under."""
        parts = urlsplit(self.base_url.strip())
        url = urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", "")
        )
        who = " ".join(f"{name}={value}" for name, value in self.identity)
        return f"{self.vendor} {url} {who}".strip()


def redact_url(url: str) -> str:
    """The URL with user info and secret query values replaced by ``***``: safe to log or show."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = "***@" + netloc.rsplit("@", 1)[1]
        query = urlencode(
            [
                (k, "***" if k.lower() in SECRET_PARAMS else v)
                for k, v in parse_qsl(parts.query, keep_blank_values=True)
            ],
            safe="*",
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "(an address that can't be read)"
