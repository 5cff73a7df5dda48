"""TimeTrack attendances (``/api/v2/ext/attendances``), read as ../shared/API-NOTES.md says.

Where the documents contradict themselves the client writes one field and reads the other, and
compares the echo of every write with what it sent: the break is written as ``minutesBreak`` and
read back as ``breakMinutes``; if the server kept something else, that is a visible error.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from clockapp.domain.session import WorkSession
from clockapp.domain.uploads import Destination
from clockapp.sync.backend import (
    HttpBackend,
    PermanentError,
    RemoteEntry,
    break_minutes,
    echo_mismatch,
    not_understood,
    parse_instant,
)

log = logging.getLogger(__name__)

PATH = "/api/v2/ext/attendances"


def stamp(instant: datetime) -> str:
    """TimeTrack's format: UTC with milliseconds and ``Z``."""
    utc = instant.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _ms(instant: datetime) -> datetime:
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)


class TimeTrackBackend(HttpBackend):
    name = "timetrack"
    label = "TimeTrack"
    unique_client_ids = False  # no client-chosen id: a lost create's answer can mean a twin

    def __init__(self, base_url: str, username: str, api_key: str, api_secret: str) -> None:
        super().__init__(
            base_url,
            secrets=(api_key, api_secret),
            headers={"X-TimeTrack-Api-Key": api_key, "X-TimeTrack-Api-Secret": api_secret},
        )
        self.username = username
        self.destination = self.destination_for(self.base_url, username)

    @staticmethod
    def destination_for(base_url: str, username: str) -> Destination:
        """Entries are filed under the account's address and the username."""
        url = base_url.rstrip("/")
        return Destination(
            "timetrack", url, (("username", username),), f"TimeTrack at {url} as {username}"
        )

    async def check(self) -> None:
        now = datetime.now(UTC)
        await self.list_range(now - timedelta(days=1), now)

    async def create(self, session: WorkSession) -> RemoteEntry:
        body = {"username": self.username, **self._fields(session)}
        answer = await self.request("POST", PATH, body=body, write=True)
        return self._echo(answer, session, "create")

    async def update(self, remote_id: str, session: WorkSession) -> RemoteEntry:
        answer = await self.request(
            "PUT", f"{PATH}/{remote_id}", body=self._fields(session), write=True
        )
        if answer is None:
            # Some servers answer an update with no body: read it back to compare.
            answer = await self.request("GET", f"{PATH}/{remote_id}", write=False)
        return self._echo(answer, session, "update", remote_id)

    async def delete(self, remote_id: str) -> None:
        await self.request("DELETE", f"{PATH}/{remote_id}", body={}, write=True, missing_ok=True)

    async def get(self, remote_id: str) -> RemoteEntry | None:
        answer = await self.request("GET", f"{PATH}/{remote_id}", write=False, missing_ok=True)
        if answer is None:
            return None
        entry = self._entry(answer)
        return entry

    async def find(self, session: WorkSession) -> RemoteEntry | None:
        """No client-chosen id exists: the entry is the user's one with exactly this from/to
        (to the millisecond) and the note we sent; the oldest if a late commit made two."""
        found = [e for e in await self.find_all(session) if e.note == session.note]
        return min(found, key=lambda e: _id_order(e.remote_id)) if found else None

    async def find_all(self, session: WorkSession) -> list[RemoteEntry]:
        assert session.end is not None
        start, end = _ms(session.start), _ms(session.end)
        return [e for e in await self.list_range(start, end) if e.start == start and e.end == end]

    async def list_range(self, start: datetime, end: datetime) -> list[RemoteEntry]:
        # Whether the filter keeps entries inside or overlapping the range is not documented:
        # ask a day wider on each side and keep the overlapping ones here.
        margin = timedelta(days=1)
        params = {
            "username": self.username,
            "from": stamp(start - margin),
            "to": stamp(end + margin),
        }
        answer = await self.request("GET", PATH, params=params, write=False)
        if not isinstance(answer, list):
            raise not_understood(self.label, self.scrub(str(answer))[:200], write=False)
        entries = []
        for item in answer:
            if not isinstance(item, dict) or item.get("deleted"):
                continue
            # The filter is documented loosely (user vs username): check the owner here too.
            owner = item.get("user", item.get("username"))
            if owner is not None and owner != self.username:
                continue
            entry = self._entry(item)
            if entry.start < end and entry.end > start:
                entries.append(entry)
        return entries

    def _fields(self, session: WorkSession) -> dict[str, Any]:
        assert session.end is not None, "only finished sessions are uploaded"
        return {
            "from": stamp(session.start),
            "to": stamp(session.end),
            "minutesBreak": break_minutes(session),
            "notes": session.note,
            # "Created manually or with the timer": by hand means added or changed by a person.
            "manual": session.by_hand,
        }

    def _entry(self, data: Any, *, write: bool = False) -> RemoteEntry:
        if not isinstance(data, dict):
            raise not_understood(self.label, self.scrub(str(data))[:200], write=write)
        try:
            remote_id = data.get("id", data.get("ID"))
            if remote_id is None:
                raise ValueError("the id is missing")
            pause = data.get("breakMinutes")
            return RemoteEntry(
                remote_id=str(remote_id),
                start=parse_instant(data.get("from"), "from"),
                end=parse_instant(data.get("to"), "to"),
                break_minutes=int(pause) if pause is not None else -1,
                note=str(data.get("notes") or ""),
            )
        except (ValueError, TypeError) as exc:
            log.info("TimeTrack attendance not readable: %s", exc)
            said = self.scrub(json.dumps(data, ensure_ascii=False, default=str))[:200]
            raise not_understood(self.label, said, write=write) from None

    def _echo(
        self, data: Any, session: WorkSession, action: str, remote_id: str | None = None
    ) -> RemoteEntry:
        """The server's copy, checked against what was sent."""
        entry = self._entry(data, write=True)
        assert session.end is not None
        if remote_id is not None and entry.remote_id != remote_id:
            raise PermanentError(
                "{label} answered with another entry ({entry}) than the one changed.",
                label=self.label,
                entry=entry.remote_id,
            )
        sent_pause = break_minutes(session)
        problems = []
        if entry.start != _ms(session.start) or entry.end != _ms(session.end):
            problems.append(f"it kept {stamp(entry.start)}–{stamp(entry.end)}")
        if entry.break_minutes != sent_pause:
            kept = "no break" if entry.break_minutes < 0 else f"a {entry.break_minutes}-min break"
            problems.append(f"it kept {kept} instead of {sent_pause} min")
        if entry.note != session.note and "notes" in data:
            problems.append("it kept a different note")
        if "manual" in data and bool(data["manual"]) != session.by_hand:
            problems.append(f"it kept manual={json.dumps(data['manual'])}")
        if problems:
            log.warning("TimeTrack stored %s differently: %s", entry.remote_id, "; ".join(problems))
            raise echo_mismatch(self.label, entry, session)
        return entry


def _id_order(remote_id: str) -> tuple[int, str]:
    # The oldest record first: numeric ids grow, so a twin is the later one.
    return (int(remote_id), "") if remote_id.isdigit() else (0, remote_id)
