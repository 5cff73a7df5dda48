"""What every backend offers the uploader, the errors it raises, and the HTTP plumbing they share.

Errors are sorted here, once, from the httpx exception tree and the status code, so the uploader
only decides what to do with each kind:

- :class:`TransientError`: try again later (connection trouble, timeouts, 5xx, 408, 429, and any
  answer that can't be read — a cut-off or garbled body may read fine next time); its
  ``unreachable`` flag says the server could not be reached or did not answer at all;
- :class:`AmbiguousWriteError`: a write whose answer was lost or unreadable — it may have
  landed, so look it up before writing again;
- :class:`PermanentError`: the server refused this one change for good, and saying it again will
  not change that (a 4xx other than 401/403/408/429, an echo that differs from what was sent);
- :class:`AuthError`: the credentials were rejected (401/403) — stop until they change.

No message built here contains a secret: credentials that can't travel in a header are refused
before any client is built (:func:`sendable_secret`), every text taken from an exception or a
server's answer is scrubbed of the credentials in every spelling it may take there
(:func:`secret_pattern`), and URLs are shown only through :func:`redact_url`.
"""

from __future__ import annotations

import abc
import functools
import ipaddress
import json
import logging
import re
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from clockapp.domain.errors import UserError
from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import Destination, redact_url

log = logging.getLogger(__name__)

#: Connect fast, give a slow HR server time to answer, never hang for ever.
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
#: Query parameters whose values are secrets wherever they appear.
QUOTE_CHARS = 200


class SyncError(UserError):
    """Something about uploading went wrong; the message is for the user (the tree of these
    errors is drawn in ``clockapp.domain.errors``)."""


class ConfigError(SyncError):
    """The backend's configuration can't work (a bad address, a missing id)."""


class AuthError(SyncError):
    """The server rejected the credentials."""


class TransientError(SyncError):
    """Worth trying again later; ``retry_after`` seconds if the server said so."""

    #: Seconds the server asked to wait (Retry-After), if it did.
    retry_after: float | None = None
    #: Nothing answered (no connection, or silence past the timeout): the rest of a run
    #: would only wait for the same silence.
    unreachable: bool = False

    def waiting(self, retry_after: float | None) -> TransientError:
        """This error with the server's Retry-After (seconds) noted."""
        self.retry_after = retry_after
        return self

    def silent(self) -> TransientError:
        """This error marked as nothing having answered at all."""
        self.unreachable = True
        return self


class AmbiguousWriteError(TransientError):
    """A write may or may not have landed: look it up before writing again."""


class PermanentError(SyncError):
    """The server refused this change for good: asking again would get the same answer."""


def unreadable(error: TransientError, *, write: bool) -> TransientError:
    """An answer lost or unreadable: a write's may have landed (the same sentence as an
    :class:`AmbiguousWriteError`), a read's may read fine later."""
    if not write:
        return error
    ambiguous = AmbiguousWriteError(error.text, **error.values)
    ambiguous.retry_after, ambiguous.unreachable = error.retry_after, error.unreachable
    return ambiguous


class EchoMismatchError(PermanentError):
    """The server stored the write, but not as sent: ``remote_id`` is the entry it made."""

    remote_id: str = ""

    def made(self, remote_id: str) -> EchoMismatchError:
        """This error with the id of the entry the server made."""
        self.remote_id = remote_id
        return self


def echo_mismatch(label: str, entry: RemoteEntry, sent: WorkSession) -> EchoMismatchError:
    """The server stored ``entry`` not as ``sent``: both in local time, for the user."""
    assert sent.end is not None
    if (entry.start, entry.end, max(entry.break_minutes, 0)) == (
        sent.start.replace(microsecond=0),
        sent.end.replace(microsecond=0),
        break_minutes(sent),
    ):
        return EchoMismatchError(
            '{label} stored entry {entry} with another note or "entered by hand" mark than '
            "ClockApp sent.",
            label=label,
            entry=entry.remote_id,
        ).made(entry.remote_id)

    def shown(instant: datetime) -> str:
        return instant.astimezone().strftime("%Y-%m-%d %H:%M")

    return EchoMismatchError(
        "{label} stored entry {entry} differently from what was sent: it holds {start}–{end} "
        "with {kept_break} min of break; ClockApp sent {sent_start}–{sent_end} with "
        "{sent_break} min.",
        label=label,
        entry=entry.remote_id,
        start=shown(entry.start),
        end=shown(entry.end),
        kept_break=max(entry.break_minutes, 0),
        sent_start=shown(sent.start),
        sent_end=shown(sent.end),
        sent_break=break_minutes(sent),
    ).made(entry.remote_id)


def not_understood(label: str, said: str, *, write: bool) -> TransientError:
    """An answer that isn't what was asked for (``said``: its start, scrubbed)."""
    return unreadable(
        TransientError(
            '{label} answered something that can\'t be read: "{said}"', label=label, said=said
        ),
        write=write,
    )


@dataclass(frozen=True, slots=True)
class RemoteEntry:
    """An entry as the server holds it: instants in UTC, the break in whole minutes."""

    remote_id: str
    start: datetime
    end: datetime
    break_minutes: int
    note: str = ""
    external_id: str | None = None
    #: A manager has confirmed it (Papershift's range listings say so; False where not said).
    confirmed: bool = False


def break_minutes(session: WorkSession) -> int:
    """The session's breaks as the whole minutes both APIs take."""
    assert session.end is not None
    return round(session.break_seconds(session.end) / 60)


class Backend(abc.ABC):
    """One HR system. Every method may raise the errors above and nothing else from the network."""

    name: str
    base_url: str
    destination: Destination
    #: Does the server refuse a second record with the same client-chosen id? Where it doesn't
    #: (TimeTrack), a create whose answer was lost can land twice and must be reconciled.
    unique_client_ids: bool = True

    @abc.abstractmethod
    async def check(self) -> None:
        """One authenticated read, to tell the user whether the setup works."""

    @abc.abstractmethod
    async def create(self, session: WorkSession) -> RemoteEntry: ...

    @abc.abstractmethod
    async def update(self, remote_id: str, session: WorkSession) -> RemoteEntry: ...

    @abc.abstractmethod
    async def delete(self, remote_id: str) -> None:
        """Delete the entry; one already gone counts as deleted."""

    @abc.abstractmethod
    async def get(self, remote_id: str) -> RemoteEntry | None: ...

    @abc.abstractmethod
    async def find(self, session: WorkSession) -> RemoteEntry | None:
        """The server's entry for this local session, if a write of it landed."""

    async def find_all(self, session: WorkSession) -> list[RemoteEntry]:
        """Every entry of the user that has exactly this session's start and end (twins too)."""
        found = await self.find(session)
        return [] if found is None else [found]

    @abc.abstractmethod
    async def list_range(self, start: datetime, end: datetime) -> list[RemoteEntry]:
        """The user's entries overlapping [start, end)."""

    @abc.abstractmethod
    async def aclose(self) -> None: ...


# -- addresses ------------------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str) -> str:
    """The base URL if it is safe to send credentials to; ConfigError in the user's words if not."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError("{url} is not a web address (https://…).", url=repr(redact_url(url)))
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigError(
            "The address must start with https:// — credentials are never sent unencrypted."
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ConfigError(
            "Give the address without a user name, password, ?query or #fragment in it."
        )
    return url


def same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


# -- credentials ----------------------------------------------------------------------------------


def sendable_secret(value: str) -> bool:
    """Whether a key, secret or token can be sent as it is: printable ASCII only. A control
    character would cut or be refused in a header (and echoed in the error), and httpx can't
    encode a header outside ASCII at all."""
    return all(" " <= c <= "~" for c in value)


def secret_pattern(secret: str) -> re.Pattern[str]:
    """Every way ``secret`` may appear in an error text: as is, as Python shows it in a str or
    bytes repr, JSON-escaped, and any of these with any of its characters URL-encoded (as a
    server may echo a query string)."""
    spellings = {
        secret,
        repr(secret)[1:-1],
        repr(secret.encode("utf-8", "backslashreplace"))[2:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
    }

    def char(c: str) -> str:
        encoded = "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        options = [re.escape(c), f"(?i:{re.escape(encoded)})", *([r"\+"] if c == " " else [])]
        return f"(?:{'|'.join(options)})"

    # Longest first, so no spelling is left half-replaced.
    ordered = sorted((s for s in spellings if s), key=len, reverse=True)
    return re.compile("|".join("".join(map(char, s)) for s in ordered))


# -- HTTP -----------------------------------------------------------------------------------------


def parse_instant(text: object, what: str) -> datetime:
    """An ISO 8601 instant with an offset (or Z) from a server, as UTC."""
    if not isinstance(text, str):
        raise ValueError(f"{what} is missing")
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"{what} {text!r} has no UTC offset")
    return value.astimezone(UTC)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The one verifying TLS context of the process (the CA bundle, no settings from the
    environment). A client is built per upload run; a context of its own each time cost
    ~20 ms and native heap that the tray kept a little more of after every run."""
    return httpx.create_ssl_context(verify=True, trust_env=False)


class HttpBackend(Backend):
    """One shared ``httpx.AsyncClient`` with explicit timeouts and TLS verification always on."""

    label: str

    def __init__(self, base_url: str, secrets: tuple[str, ...], headers: dict[str, str]) -> None:
        self.base_url = validate_base_url(base_url).rstrip("/")
        self._secrets = tuple(s for s in secrets if s)
        self._secret_patterns = tuple(map(secret_pattern, self._secrets))
        if not all(map(sendable_secret, self._secrets)):
            # The caller says which one in the user's words; this is the last line of defence.
            raise ConfigError(
                "The {label} credentials hold a character that can't be sent (a control "
                "character, or one outside plain ASCII); enter them again.",
                label=self.label,
            )
        try:
            self._client = httpx.AsyncClient(
                headers={"Accept": "application/json", **headers},
                timeout=TIMEOUT,
                verify=tls_context(),  # verification always on
                follow_redirects=False,  # a redirect could carry the credentials elsewhere
                trust_env=False,  # no proxy or netrc from the environment sees the credentials
            )
        except (ValueError, httpx.HTTPError) as exc:  # headers httpx can't encode
            log.info("%s client not built: %s", self.label, self._why(exc))
            raise ConfigError(
                "{label} can't be set up with these settings; check the address and the "
                "credentials.",
                label=self.label,
            ) from None

    async def aclose(self) -> None:
        await self._client.aclose()

    def scrub(self, text: str) -> str:
        """``text`` with every credential, in any spelling, replaced by ``***``."""
        for pattern in self._secret_patterns:
            text = pattern.sub("***", text)
        return text

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        write: bool,
        missing_ok: bool = False,
    ) -> Any:
        """Send one request; the decoded JSON answer (None for an empty one, or for a 404 when
        ``missing_ok``). Raises only the errors of this module."""
        url = self.base_url + path
        label = self.label
        try:
            response = await self._client.request(method, url, params=params, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # Nothing reached the server: safe to send again as it is.
            log.info("%s %s: no connection: %s", method, path, self._why(exc))
            raise TransientError(
                "{label} can't be reached (no network, or the server is down).", label=label
            ).silent() from None
        except httpx.TimeoutException as exc:
            log.info("%s %s: no answer in time: %s", method, path, self._why(exc))
            error = TransientError("{label} did not answer in time.", label=label).silent()
            raise unreadable(error, write=write) from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            log.info("%s %s: the answer broke off: %s", method, path, self._why(exc))
            error = TransientError("The connection to {label} broke off.", label=label)
            raise unreadable(error, write=write) from None
        except (httpx.LocalProtocolError, ValueError) as exc:
            # The request could not be built (an illegal header or URL): nothing was sent, and
            # sending it again would fail the same way. Its text may quote a header: scrubbed.
            log.warning("%s %s: not sendable: %s", method, path, self._why(exc))
            raise PermanentError(
                "This can't be sent to {label} (the request could not be built).", label=label
            ) from None
        except httpx.HTTPError as exc:
            log.info("%s %s: failed: %s", method, path, self._why(exc))
            raise TransientError(
                "{label} can't be reached (no network, or the server is down).", label=label
            ) from None
        status = response.status_code
        if status in (401, 403):
            if response.content.strip():
                raise AuthError(
                    '{label} rejected the credentials (error {status}) and said: "{said}"',
                    label=label,
                    status=status,
                    said=self.quote(response),
                )
            raise AuthError(
                "{label} rejected the credentials (error {status}).", label=label, status=status
            )
        if status == 429:
            raise TransientError(
                "{label} asked ClockApp to wait a little (error 429).", label=label
            ).waiting(_retry_after(response))
        if status == 408:  # the server gave up waiting for us: nothing about the entry is wrong
            error = TransientError("{label} did not answer in time (error 408).", label=label)
            raise unreadable(error, write=write) from None
        if status >= 500:
            error = TransientError(
                '{label} had a problem of its own (error {status}): "{said}"',
                label=label,
                status=status,
                said=self.quote(response),
            ).waiting(_retry_after(response))
            raise unreadable(error, write=write)
        if status == 404 and missing_ok:
            return None
        if status >= 400 or status < 200:
            raise PermanentError(
                '{label} refused this (error {status}): "{said}"',
                label=label,
                status=status,
                said=self.quote(response),
            )
        if status >= 300:
            raise PermanentError(
                "{label} answered with a redirect (error {status}).", label=label, status=status
            )
        if not response.content.strip():
            return None
        try:
            return json.loads(response.content)
        except ValueError:
            error = TransientError(
                '{label} answered something that can\'t be read: "{said}"',
                label=label,
                said=self.quote(response),
            )
            raise unreadable(error, write=write) from None

    def quote(self, response: httpx.Response) -> str:
        """The start of the server's answer, scrubbed of secrets, for error messages: of a JSON
        object, the words under the first key servers use for them (Papershift has answered
        ``{"response": "API Key not found!"}``)."""
        text = response.text.strip()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            for key in ("response", "error", "errors", "message", "detail"):
                if key in data:
                    said = data[key]
                    text = said if isinstance(said, str) else json.dumps(said, ensure_ascii=False)
                    break
        text = " ".join(self.scrub(text).split())
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS] + "…"
        return text or "(empty answer)"

    def _why(self, exc: Exception) -> str:
        # httpx messages name the error, not the URL; scrub anyway, and never pass the request on.
        return self.scrub(str(exc) or type(exc).__name__)
