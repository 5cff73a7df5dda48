"""A fake TimeTrack (seeds 003/004): ``/api/v2/ext/attendances`` with the two key headers.

It does what the documents say and no more: timestamps must be ``YYYY-MM-DDTHH:MM:SS.fffZ``,
the break is written as ``minutesBreak`` and rendered as ``breakMinutes``, a delete only marks
the entry deleted, a list filters by ``username`` and keeps entries inside ``from``..``to``.
``break_field`` switches to the other reading of the break field, to prove the client notices.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from tests.fakes.server import FakeServer, Reply, Request

PATH = "/api/v2/ext/attendances"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
FILTER = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")


def _instant(text: Any, field: str, pattern: re.Pattern[str] = STAMP) -> datetime:
    if not isinstance(text, str) or not pattern.match(text):
        raise Reply(400, {"error": f"{field} must be formatted YYYY-MM-DDTHH:MM:SS.fffZ"})
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{instant.microsecond // 1000:03d}Z"
    )


class FakeTimeTrack(FakeServer):
    def __init__(self, api_key: str = "tt-key-0123", api_secret: str = "tt-secret-4567") -> None:
        super().__init__()
        self.api_key, self.api_secret = api_key, api_secret
        self.entries: dict[int, dict[str, Any]] = {}
        self.break_field = "minutesBreak"
        #: False: a server that ignores the ``manual`` flag sent (keeps what it had).
        self.keeps_manual = True
        self._next_id = 1

    def live(self, user: str | None = None) -> list[dict[str, Any]]:
        """Entries not marked deleted, as stored."""
        with self.lock:
            return [
                e
                for e in self.entries.values()
                if not e["deleted"] and (user is None or e["user"] == user)
            ]

    def add(
        self, user: str, start: datetime, end: datetime, break_minutes: int = 0, notes: str = ""
    ) -> int:
        """An entry made elsewhere (the terminal at the door)."""
        with self.lock:
            entry_id = self._next_id
            self._next_id += 1
            self.entries[entry_id] = {
                "id": entry_id,
                "user": user,
                "from": start,
                "to": end,
                "breakMinutes": break_minutes,
                "notes": notes,
                "manual": True,
                "deleted": False,
            }
            return entry_id

    def handle(self, request: Request) -> tuple[int, Any]:
        if (
            request.headers.get("x-timetrack-api-key") != self.api_key
            or request.headers.get("x-timetrack-api-secret") != self.api_secret
        ):
            raise Reply(401, {"error": "Invalid API key or secret"})
        path = request.path.rstrip("/")
        if path == PATH:
            if request.method == "GET":
                return 200, self._list(request.query)
            if request.method == "POST":
                return 200, self._create(request.body or {})
            raise Reply(405, {"error": "Method not allowed"})
        match = re.fullmatch(re.escape(PATH) + r"/(\d+)", path)
        if not match:
            raise Reply(404, {"error": "Not found"})
        entry = self.entries.get(int(match.group(1)))
        if entry is None or entry["deleted"]:
            raise Reply(404, {"error": "Attendance not found"})
        if request.method == "GET":
            return 200, self._render(entry)
        if request.method == "PUT":
            return 200, self._update(entry, request.body or {})
        if request.method == "DELETE":
            entry["deleted"] = True  # "Time Entry will be marked as deleted."
            return 200, {"success": True}
        raise Reply(405, {"error": "Method not allowed"})

    def _create(self, body: dict[str, Any]) -> dict[str, Any]:
        for required in ("username", "from", "to"):
            if not body.get(required):
                raise Reply(400, {"error": f"{required} is required"})
        entry_id = self.add(
            body["username"], _instant(body["from"], "from"), _instant(body["to"], "to")
        )
        entry = self.entries[entry_id]
        try:
            self._apply(entry, body)
        except Reply:
            del self.entries[entry_id]
            raise
        return self._render(entry)

    def _update(self, entry: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        if "username" in body:
            raise Reply(400, {"error": "username can't be changed"})
        before = dict(entry)
        try:
            if "from" in body:
                entry["from"] = _instant(body["from"], "from")
            if "to" in body:
                entry["to"] = _instant(body["to"], "to")
            self._apply(entry, body)
        except Reply:
            entry.update(before)
            raise
        return self._render(entry)

    def _apply(self, entry: dict[str, Any], body: dict[str, Any]) -> None:
        if entry["to"] <= entry["from"]:
            raise Reply(400, {"error": "to must be after from"})
        if self.break_field in body:
            try:
                entry["breakMinutes"] = int(body[self.break_field])
            except (TypeError, ValueError):
                raise Reply(400, {"error": f"{self.break_field} must be a number"}) from None
        if "notes" in body:
            entry["notes"] = str(body["notes"])
        if "manual" in body and self.keeps_manual:
            if not isinstance(body["manual"], bool):
                raise Reply(400, {"error": "manual must be true or false"})
            entry["manual"] = body["manual"]

    def _list(self, query: dict[str, str]) -> list[dict[str, Any]]:
        user = query.get("username", query.get("user"))
        start = _instant(query["from"], "from", FILTER) if "from" in query else None
        end = _instant(query["to"], "to", FILTER) if "to" in query else None
        return [
            self._render(e)
            for e in self.live(user)
            if (start is None or e["from"] >= start) and (end is None or e["to"] <= end)
        ]

    @staticmethod
    def _render(entry: dict[str, Any]) -> dict[str, Any]:
        worked = int((entry["to"] - entry["from"]).total_seconds() // 60) - entry["breakMinutes"]
        return {
            "id": entry["id"],
            "user": entry["user"],
            "from": _stamp(entry["from"]),
            "to": _stamp(entry["to"]),
            "notes": entry["notes"],
            "manual": entry["manual"],
            "workedMinutes": worked,
            "breakMinutes": entry["breakMinutes"],
            "latitudeStart": None,
            "longitudeStart": None,
            "latitudeEnd": None,
            "longitudeEnd": None,
        }
