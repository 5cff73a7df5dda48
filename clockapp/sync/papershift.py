"""Papershift working sessions (``/public_api/v1/working_sessions``), read as API-NOTES.md says.

Each session goes out with an ``external_id``: after an ambiguous failure the entry is looked up
by it, and a blind retry shows up as "external id already taken" and is adopted. External ids are
unique in a whole Papershift account, so one session filed for two users (after a switch of user
or location) needs two: the id is the session's UUID made specific to the destination
(:func:`external_id`). Look-ups also try the bare UUID that earlier versions sent, and adopt an
entry only if it is filed under our user (and location).
The token travels in the body of writes and in the query string of reads, so no URL is ever
logged or shown unredacted, and a ``next_page`` is never followed: the next page is asked of the
configured address instead.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clockapp.domain.session import WorkSession
from clockapp.domain.shifts import Shift
from clockapp.domain.uploads import Destination, redact_url
from clockapp.sync.backend import (
    ConfigError,
    HttpBackend,
    PermanentError,
    RemoteEntry,
    break_minutes,
    echo_mismatch,
    not_understood,
    parse_instant,
    same_origin,
)

log = logging.getLogger(__name__)

PATH = "/public_api/v1/working_sessions"
SHIFTS_PATH = "/public_api/v1/shifts"
PAGE_SIZE = 25
#: A bound on pages for one range (25 000 entries): a server that never ends a list can't hang us.
MAX_PAGES = 1000
ENTITIES = ("location", "working_area", "user")


def stamp(instant: datetime) -> str:
    """ISO 8601 with offset, whole seconds (what the API renders back)."""
    return instant.astimezone(UTC).replace(microsecond=0).isoformat()


def _s(instant: datetime) -> datetime:
    return instant.replace(microsecond=0)


class PapershiftBackend(HttpBackend):
    name = "papershift"
    label = "Papershift"

    def __init__(
        self,
        base_url: str,
        api_token: str,
        *,
        location_id: str | None = None,
        location_external_id: str | None = None,
        working_area_id: str | None = None,
        working_area_external_id: str | None = None,
        user_id: str | None = None,
        user_external_id: str | None = None,
        interface_language: str = "en",
    ) -> None:
        given = {
            "location_id": location_id,
            "location_external_id": location_external_id,
            "working_area_id": working_area_id,
            "working_area_external_id": working_area_external_id,
            "user_id": user_id,
            "user_external_id": user_external_id,
        }
        self.ids: dict[str, Any] = {}
        for entity in ENTITIES:
            by_id, by_external = given[f"{entity}_id"], given[f"{entity}_external_id"]
            if by_id:
                self.ids[f"{entity}_id"] = int(by_id) if str(by_id).isdigit() else by_id
            elif by_external:
                self.ids[f"{entity}_external_id"] = by_external
            else:
                raise _not_set(entity)
        if not (len(interface_language) == 2 and interface_language.isascii()):
            raise ConfigError(
                "{language} is not a two-letter language code.", language=repr(interface_language)
            )
        super().__init__(base_url, secrets=(api_token,), headers={})
        self._token = api_token
        #: Papershift's current pages say every request must carry it (ISO 639-1).
        self.interface_language = interface_language.lower()
        self.destination = self.destination_for(self.base_url, given)

    @staticmethod
    def destination_for(base_url: str, ids: dict[str, str | None]) -> Destination:
        """Entries are filed under the address, the user, the location and the working area,
        each as given (by id or by external id)."""
        url = base_url.rstrip("/")
        identity: list[tuple[str, str]] = []
        for entity in ("user", "location", "working_area"):
            for suffix in ("id", "external_id"):
                value = ids.get(f"{entity}_{suffix}")
                if value:
                    identity.append((f"{entity}_{suffix}", str(value)))
                    break
        who = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in identity)
        return Destination("papershift", url, tuple(identity), f"Papershift at {url} ({who})")

    async def check(self) -> None:
        now = datetime.now(UTC)
        await self._page(now - timedelta(days=1), now, 1)

    async def create(self, session: WorkSession) -> RemoteEntry:
        fields = {**self.ids, **self._times(session), "external_id": self.external_id(session)}
        try:
            answer = await self.request("POST", PATH, body=self._body(fields), write=True)
        except PermanentError as exc:
            if "external_id" not in str(exc) and "external id" not in str(exc):
                raise
            # "external id already taken": an earlier attempt landed. Adopt it, bring it up to date.
            found = await self.find(session)
            if found is None:
                raise
            log.info(
                "Papershift already had session %s; adopting entry %s", session.id, found.remote_id
            )
            if self._same(found, session):
                return found
            return await self.update(found.remote_id, session)
        return self._echo(answer, session, "create")

    async def update(self, remote_id: str, session: WorkSession) -> RemoteEntry:
        fields = {"id": _id(remote_id), **self._times(session)}
        answer = await self.request("PUT", PATH, body=self._body(fields), write=True)
        if answer is None:
            answer = await self.request("GET", PATH, params=self._query(id=remote_id), write=False)
        return self._echo(answer, session, "update", remote_id)

    async def delete(self, remote_id: str) -> None:
        body = self._body({"id": _id(remote_id)})
        await self.request("DELETE", PATH, body=body, write=True, missing_ok=True)

    async def confirm(self, remote_id: str) -> RemoteEntry:
        """A manager's approval of an entry (not used by the uploader)."""
        answer = await self.request(
            "PUT", PATH + "/confirm", body=self._body({"id": _id(remote_id)}), write=True
        )
        return self._entry(answer)

    async def get(self, remote_id: str) -> RemoteEntry | None:
        answer = await self.request(
            "GET", PATH, params=self._query(id=remote_id), write=False, missing_ok=True
        )
        return None if answer is None else self._entry(answer)

    async def find(self, session: WorkSession) -> RemoteEntry | None:
        """The entry with this session's external id (ours, or the bare UUID earlier versions
        sent) — if it is filed under our user and location. External ids are unique in the
        whole account: after a switch of user the entry found may be another user's, and
        adopting it would overwrite their record."""
        for external in (self.external_id(session), str(session.id)):
            answer = await self.request(
                "GET", PATH, params=self._query(external_id=external), write=False, missing_ok=True
            )
            if answer is None:
                continue
            entry = self._entry(answer, external_id=external)
            listed = await self._as_listed(entry, answer)
            if listed is not None:
                return listed
            log.info("Papershift entry %s is another user's; not adopted", entry.remote_id)
        return None

    def external_id(self, session: WorkSession) -> str:
        return external_id(session.id, self.destination.key)

    async def _as_listed(self, entry: RemoteEntry, answer: dict[str, Any]) -> RemoteEntry | None:
        """The entry as our user's range listing shows it (with ``confirmed``, which a single
        entry's answer lacks); None when it is not ours."""
        location = self.ids.get("location_id")
        if location is not None and str(answer.get("location_id", location)) != str(location):
            return None
        # The range listing is filtered by our user: the entry is ours if it is in there.
        mine = await self.list_range(entry.start, entry.end)
        listed = next((e for e in mine if e.remote_id == entry.remote_id), None)
        if listed is None:
            return None
        return replace(entry, confirmed=listed.confirmed)

    async def list_range(self, start: datetime, end: datetime) -> list[RemoteEntry]:
        entries: list[RemoteEntry] = []
        for page in range(1, MAX_PAGES + 1):
            items, next_page = await self._page(start, end, page)
            entries.extend(e for e in items if e.start < end and e.end > start)
            if len(items) < PAGE_SIZE or not next_page:
                return entries
            if not same_origin(next_page, self.base_url):
                # It would carry the token to another host: ask our own address for the page.
                log.warning(
                    "Papershift's next_page points elsewhere (%s); not followed",
                    redact_url(next_page),
                )
        raise PermanentError(
            "Papershift kept sending pages past {pages}; the list was not read.", pages=MAX_PAGES
        )

    async def _page(
        self, start: datetime, end: datetime, page: int
    ) -> tuple[list[RemoteEntry], str | None]:
        params = self._query(range_start=stamp(start), range_end=stamp(end), page=str(page))
        for key in ("user_id", "user_external_id"):
            if key in self.ids:
                params[key] = str(self.ids[key])
        answer = await self.request("GET", PATH, params=params, write=False)
        if not isinstance(answer, dict) or not isinstance(answer.get("working_sessions"), list):
            raise not_understood(self.label, self.scrub(str(answer))[:200], write=False)
        next_page = answer.get("next_page")
        return [self._entry(item) for item in answer["working_sessions"]], (
            next_page if isinstance(next_page, str) and next_page else None
        )

    async def shifts(self, first: date, last: date) -> list[Shift]:
        """The planned shifts of the configured location and working area from ``first`` to
        ``last`` (dates, as the API takes them), each once. Pages are asked of the configured
        address by number (``next_page`` may be a URL, possibly elsewhere, or a number): until a
        short page, a null ``next_page`` or the last of ``total_pages``."""
        params = self._query(range_start=first.isoformat(), range_end=last.isoformat())
        for key in ("location_id", "location_external_id", "working_area_id"):
            if key in self.ids:
                params[key] = str(self.ids[key])
        if "working_area_id" not in self.ids and "working_area_external_id" in self.ids:
            params["working_area_external_id"] = str(self.ids["working_area_external_id"])
        found: dict[str, Shift] = {}
        for page in range(1, MAX_PAGES + 1):
            answer = await self.request(
                "GET", SHIFTS_PATH, params={**params, "page": str(page)}, write=False
            )
            if not isinstance(answer, dict) or not isinstance(answer.get("shifts"), list):
                raise not_understood(self.label, self.scrub(str(answer))[:200], write=False)
            for item in answer["shifts"]:
                shift = self._shift(item)
                found.setdefault(shift.id, shift)  # a list that moved between pages repeats one
            next_page, total = answer.get("next_page"), answer.get("total_pages")
            if isinstance(next_page, str) and not same_origin(next_page, self.base_url):
                log.warning(
                    "Papershift's next_page points elsewhere (%s); not followed",
                    redact_url(next_page),
                )
            last_page = isinstance(total, int) and not isinstance(total, bool) and page >= total
            if len(answer["shifts"]) < PAGE_SIZE or next_page in (None, "") or last_page:
                return sorted(found.values(), key=lambda s: (s.start, s.id))
        raise PermanentError(
            "Papershift kept sending pages past {pages}; the shift plan was not read.",
            pages=MAX_PAGES,
        )

    def _shift(self, data: Any) -> Shift:
        try:
            if not isinstance(data, dict) or data.get("id") is None:
                raise ValueError("the id is missing")
            area = data.get("working_area_id")
            return Shift(
                id=str(data["id"]),
                start=parse_instant(data.get("starts_at"), "starts_at"),
                end=parse_instant(data.get("ends_at"), "ends_at"),
                working_area_id=None if area is None else str(area),
                note=note if isinstance(note := data.get("note"), str) else "",
                own=self._names_us(data.get("user_shift")),
            )
        except (ValueError, TypeError) as exc:
            log.info("Papershift shift not readable: %s", exc)
            said = self.scrub(json.dumps(data, ensure_ascii=False, default=str))[:200]
            raise not_understood(self.label, said, write=False) from None

    def _names_us(self, user_shift: Any) -> bool:
        """Whether ``user_shift`` names our user. Every example shows it null, so its shape is
        a guess: an object (or a list of them) with ``user_id``/``user_external_id``, or a
        ``user`` object with ``id``/``external_id``. Anything else names nobody."""
        ours: set[tuple[str, str]] = set()
        if "user_id" in self.ids:
            ours.add(("id", str(self.ids["user_id"])))
        if "user_external_id" in self.ids:
            ours.add(("external_id", str(self.ids["user_external_id"])))
        items = user_shift if isinstance(user_shift, list) else [user_shift]
        for item in items:
            if not isinstance(item, dict):
                continue
            user = item.get("user")
            user = user if isinstance(user, dict) else {}
            said = {
                ("id", str(item.get("user_id", user.get("id")))),
                ("external_id", str(item.get("user_external_id", user.get("external_id")))),
            }
            if ours & said:
                return True
        return False

    # -- mapping ---------------------------------------------------------------------------------

    def _body(self, working_session: dict[str, Any]) -> dict[str, Any]:
        return {
            "api_token": self._token,
            "interface_language": self.interface_language,
            "working_session": working_session,
        }

    def _query(self, **params: str) -> dict[str, str]:
        return {"api_token": self._token, "interface_language": self.interface_language, **params}

    @staticmethod
    def _times(session: WorkSession) -> dict[str, Any]:
        assert session.end is not None, "only finished sessions are uploaded"
        return {
            "starts_at": stamp(session.start),
            "ends_at": stamp(session.end),
            "manual_pause": break_minutes(session),
        }

    def _entry(
        self, data: Any, external_id: str | None = None, *, write: bool = False
    ) -> RemoteEntry:
        if not isinstance(data, dict):
            raise not_understood(self.label, self.scrub(str(data))[:200], write=write)
        try:
            if data.get("id") is None:
                raise ValueError("the id is missing")
            seconds = data.get("break_time")
            return RemoteEntry(
                remote_id=str(data["id"]),
                start=parse_instant(data.get("starts_at"), "starts_at"),
                end=parse_instant(data.get("ends_at"), "ends_at"),
                # The break comes back in seconds; -1 marks "not said".
                break_minutes=round(int(seconds) / 60) if seconds is not None else -1,
                external_id=data.get("external_id") or external_id,
                # Only range listings carry it; anything but a plain true is "not confirmed".
                confirmed=data.get("confirmed") is True,
            )
        except (ValueError, TypeError) as exc:
            log.info("Papershift working session not readable: %s", exc)
            said = self.scrub(json.dumps(data, ensure_ascii=False, default=str))[:200]
            raise not_understood(self.label, said, write=write) from None

    @staticmethod
    def _same(entry: RemoteEntry, session: WorkSession) -> bool:
        assert session.end is not None
        return (
            entry.start == _s(session.start)
            and entry.end == _s(session.end)
            and entry.break_minutes == break_minutes(session)
        )

    def _echo(
        self, data: Any, session: WorkSession, action: str, remote_id: str | None = None
    ) -> RemoteEntry:
        entry = self._entry(data, external_id=self.external_id(session), write=True)
        if remote_id is not None and entry.remote_id != remote_id:
            raise PermanentError(
                "{label} answered with another entry ({entry}) than the one changed.",
                label=self.label,
                entry=entry.remote_id,
            )
        if not self._same(entry, session):
            assert session.end is not None
            raise echo_mismatch(self.label, entry, session)
        return entry


def _not_set(entity: str) -> ConfigError:
    if entity == "user":
        return ConfigError("The Papershift user is not set (by id or external id).")
    if entity == "location":
        return ConfigError("The Papershift location is not set (by id or external id).")
    return ConfigError("The Papershift working area is not set (by id or external id).")


def external_id(session_id: uuid.UUID, destination_key: str) -> str:
    """The session's id at one destination: stable, and different for every destination."""
    return str(uuid.uuid5(session_id, destination_key))


def _id(remote_id: str) -> int | str:
    return int(remote_id) if remote_id.isdigit() else remote_id
