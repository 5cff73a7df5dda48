"""A fake Papershift (seeds 000 and 001): ``/public_api/v1/working_sessions`` and ``…/shifts``.

As documented: the token in the JSON body of writes and in the query string of reads; location,
working area and user by id or external id; ``external_id`` unique; times rendered in the
account's zone (Europe/Berlin) and the break as ``break_time`` seconds; lists 25 a page with a
``next_page`` URL (``next_page_origin`` can point it at another host, as one example does).

The vendor's current conventions (API-NOTES.md), each behind a switch: ``require_language``
answers 400 to a request without ``interface_language``; ``create_status`` (201 as well as 200);
``auth_error_body`` (``{"response": "API Key not found!"}`` as seen). Shift listings say
``next_page`` as a URL or as a page number (``shift_next_page``) with ``page_number`` and
``total_pages``; ``shift_page_overlap`` repeats the last shift of a page at the top of the next
(a list that moved between two reads). Range listings say ``confirmed`` per working session; a
manager confirms one through ``PUT …/confirm`` or :meth:`FakePapershift.confirm`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.fakes.server import FakeServer, Reply, Request

PATH = "/public_api/v1/working_sessions"
SHIFTS = "/public_api/v1/shifts"
ACCOUNT_ZONE = ZoneInfo("Europe/Berlin")
PAGE = 25


def _instant(text: Any, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        raise Reply(422, {"errors": {field: ["is not a valid ISO 8601 time"]}}) from None
    if value.tzinfo is None:
        raise Reply(422, {"errors": {field: ["needs a UTC offset"]}})
    return value.astimezone(UTC)


def _range_bound(text: str, field: str, end: bool) -> datetime:
    if len(text) == 10:  # a date, as in the example: the whole day in the account's zone
        day = date.fromisoformat(text) + timedelta(days=1 if end else 0)
        return datetime.combine(day, time(), ACCOUNT_ZONE).astimezone(UTC)
    return _instant(text, field)


class FakePapershift(FakeServer):
    def __init__(self, api_token: str = "ps-token-89abcdef") -> None:
        super().__init__()
        self.api_token = api_token
        self.locations = {8006: "Company-A"}
        self.working_areas = {12: "Area-Alpha"}
        self.users = {1: "User-001", 2: "User-002"}
        self.sessions: dict[int, dict[str, Any]] = {}
        self.next_page_origin: str | None = None  # None: this server's own address
        self._next_id = 1491029
        self.require_language = False
        self.create_status = 200
        self.auth_error_body: Any = {"error": "Invalid api_token"}
        self.shifts: dict[int, dict[str, Any]] = {}
        self.shift_next_page = "url"  # or "number"
        self.shift_page_overlap = False
        self._next_shift_id = 83201907

    def add_shift(
        self,
        start: datetime,
        end: datetime,
        working_area_id: int = 12,
        note: str | None = None,
        user_shift: Any = None,
        location_id: int = 8006,
    ) -> int:
        """A planned shift (made by a manager in the web app)."""
        with self.lock:
            shift_id = self._next_shift_id
            self._next_shift_id += 1
            self.shifts[shift_id] = {
                "id": shift_id,
                "starts_at": start,
                "ends_at": end,
                "working_area_id": working_area_id,
                "location_id": location_id,
                "note": note,
                "user_shift": user_shift,
            }
            return shift_id

    def add(
        self,
        start: datetime,
        end: datetime,
        break_minutes: int = 0,
        user_id: int = 1,
        external_id: str | None = None,
    ) -> int:
        """A working session made elsewhere (the web app, a terminal)."""
        with self.lock:
            session_id = self._next_id
            self._next_id += 1
            self.sessions[session_id] = {
                "id": session_id,
                "starts_at": start,
                "ends_at": end,
                "break_time": break_minutes * 60,
                "employee_id": user_id,
                "location_id": 8006,
                "working_area_id": 12,
                "external_id": external_id,
                "confirmed": False,
            }
            return session_id

    def confirm(self, session_id: int, confirmed: bool = True) -> None:
        """A manager confirms the working session in the web app (or takes that back)."""
        with self.lock:
            self.sessions[session_id]["confirmed"] = confirmed

    def handle(self, request: Request) -> tuple[int, Any]:
        if request.method == "GET":
            token = request.query.get("api_token")
            body: dict[str, Any] = {}
        else:
            body = request.body if isinstance(request.body, dict) else {}
            token = body.get("api_token")
        if token != self.api_token:
            raise Reply(401, self.auth_error_body)
        language = request.query if request.method == "GET" else body
        if self.require_language and len(str(language.get("interface_language") or "")) != 2:
            raise Reply(400, {"error": "interface_language is missing or not ISO 639-1"})
        if request.path == SHIFTS and request.method == "GET":
            return 200, self._shift_range(request.query)
        ws = body.get("working_session") or {}
        if request.path == PATH + "/confirm" and request.method == "PUT":
            session = self._lookup(ws)
            session["confirmed"] = True
            return 200, self._render(session, detail=True)
        if request.path != PATH:
            raise Reply(404, {"error": "Not found"})
        if request.method == "GET":
            q = request.query
            if "id" in q or "external_id" in q:
                return 200, self._render(self._lookup(q), detail=True)
            return 200, self._range(q)
        if request.method == "POST":
            return self.create_status, self._create(ws)
        if request.method == "PUT":
            return 200, self._update(ws)
        if request.method == "DELETE":
            del self.sessions[self._lookup(ws)["id"]]
            return 200, None
        raise Reply(405, {"error": "Method not allowed"})

    def _lookup(self, where: dict[str, Any]) -> dict[str, Any]:
        if where.get("id") not in (None, ""):
            found = self.sessions.get(int(where["id"]))
        elif where.get("external_id"):
            found = next(
                (s for s in self.sessions.values() if s["external_id"] == where["external_id"]),
                None,
            )
        else:
            raise Reply(422, {"errors": {"id": ["is required if external_id is not set"]}})
        if found is None:
            raise Reply(404, {"error": "Working session not found"})
        return found

    def _entity(self, ws: dict[str, Any], name: str, known: dict[int, str]) -> int:
        if ws.get(f"{name}_id") is not None:
            if int(ws[f"{name}_id"]) in known:
                return int(ws[f"{name}_id"])
        elif ws.get(f"{name}_external_id") is not None:
            for key, external in known.items():
                if external == ws[f"{name}_external_id"]:
                    return key
        else:
            raise Reply(422, {"errors": {f"{name}_id": ["is required"]}})
        raise Reply(422, {"errors": {name: ["not found in this enterprise"]}})

    def _times(self, ws: dict[str, Any], session: dict[str, Any]) -> None:
        for field in ("starts_at", "ends_at"):
            if not ws.get(field):
                raise Reply(422, {"errors": {field: ["is required"]}})
        start, end = _instant(ws["starts_at"], "starts_at"), _instant(ws["ends_at"], "ends_at")
        if end <= start:
            raise Reply(422, {"errors": {"ends_at": ["must be after starts_at"]}})
        pause = ws.get("manual_pause", 0)
        if not isinstance(pause, int) or pause < 0:
            raise Reply(422, {"errors": {"manual_pause": ["must be whole minutes"]}})
        session.update(starts_at=start, ends_at=end, break_time=pause * 60)

    def _create(self, ws: dict[str, Any]) -> dict[str, Any]:
        location = self._entity(ws, "location", self.locations)
        area = self._entity(ws, "working_area", self.working_areas)
        user = self._entity(ws, "user", self.users)
        external = ws.get("external_id")
        if external and any(s["external_id"] == external for s in self.sessions.values()):
            raise Reply(422, {"errors": {"external_id": ["has already been taken"]}})
        draft: dict[str, Any] = {}
        self._times(ws, draft)
        session_id = self.add(
            draft["starts_at"], draft["ends_at"], user_id=user, external_id=external
        )
        session = self.sessions[session_id]
        session.update(draft, location_id=location, working_area_id=area)
        return self._render(session)

    def _update(self, ws: dict[str, Any]) -> dict[str, Any]:
        session = self._lookup(ws)
        draft = dict(session)
        self._times(ws, draft)
        if "working_area_id" in ws or "working_area_external_id" in ws:
            draft["working_area_id"] = self._entity(ws, "working_area", self.working_areas)
        session.update(draft)
        return self._render(session) | {"working_area_id": session["working_area_id"]}

    def _range(self, q: dict[str, str]) -> dict[str, Any]:
        for field in ("range_start", "range_end"):
            if not q.get(field):
                raise Reply(422, {"errors": {field: ["is required"]}})
        start = _range_bound(q["range_start"], "range_start", end=False)
        end = _range_bound(q["range_end"], "range_end", end=True)
        user: int | None = None
        if q.get("user_id"):
            user = int(q["user_id"])
        elif q.get("user_external_id"):
            user = next((k for k, v in self.users.items() if v == q["user_external_id"]), -1)
        hits = sorted(
            (
                s
                for s in self.sessions.values()
                if s["starts_at"] < end
                and s["ends_at"] > start
                and (user is None or s["employee_id"] == user)
            ),
            key=lambda s: s["starts_at"],
        )
        page = int(q.get("page") or 1)
        chunk = hits[(page - 1) * PAGE : page * PAGE]
        next_page = None
        if page * PAGE < len(hits):
            origin = self.next_page_origin or self.url
            rest = "&".join(f"{k}={v}" for k, v in q.items() if k != "page")
            next_page = f"{origin}{PATH}?{rest}&page={page + 1}"
        return {
            "working_sessions": [
                self._render(s) | {"confirmed": s["confirmed"], "last_edit_by": 200178}
                for s in chunk
            ],
            "next_page": next_page,
        }

    def _shift_range(self, q: dict[str, str]) -> dict[str, Any]:
        for field in ("range_start", "range_end"):
            try:  # "just Date", says the seed
                date.fromisoformat(q.get(field, ""))
            except ValueError:
                raise Reply(422, {"errors": {field: ["must be a date"]}}) from None
        location = self._entity(q, "location", self.locations)
        area: int | None = None
        if "working_area_id" in q or "working_area_external_id" in q:
            area = self._entity(q, "working_area", self.working_areas)
        start = _range_bound(q["range_start"], "range_start", end=False)
        end = _range_bound(q["range_end"], "range_end", end=True)
        hits = sorted(
            (
                s
                for s in self.shifts.values()
                if s["starts_at"] < end
                and s["ends_at"] > start
                and s["location_id"] == location
                and (area is None or s["working_area_id"] == area)
            ),
            key=lambda s: (s["starts_at"], s["id"]),
        )
        page = int(q.get("page") or 1)
        step = PAGE - 1 if self.shift_page_overlap else PAGE
        first = (page - 1) * step
        chunk = hits[first : first + PAGE]
        total = max(1, -(-max(len(hits) - PAGE, 0) // step) + 1)
        next_page: Any = None
        if first + PAGE < len(hits):
            if self.shift_next_page == "number":
                next_page = page + 1
            else:
                origin = self.next_page_origin or self.url
                rest = "&".join(f"{k}={v}" for k, v in q.items() if k != "page")
                next_page = f"{origin}{SHIFTS}?{rest}&page={page + 1}"
        return {
            "shifts": [
                {
                    "id": s["id"],
                    "company_id": 60,
                    "working_area_id": s["working_area_id"],
                    # The seed shows both Z and the account's offset: here, both.
                    "starts_at": s["starts_at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "ends_at": s["ends_at"].astimezone(ACCOUNT_ZONE).isoformat(),
                    "number_of_employees": 1,
                    "note": s["note"],
                    "user_shift": s["user_shift"],
                    "visible": None,
                }
                for s in chunk
            ],
            "next_page": next_page,
            "page_number": page,
            "total_pages": total,
        }

    @staticmethod
    def _render(s: dict[str, Any], detail: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": s["id"],
            "starts_at": s["starts_at"].astimezone(ACCOUNT_ZONE).isoformat(),
            "ends_at": s["ends_at"].astimezone(ACCOUNT_ZONE).isoformat(),
            "updated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "location_id": s["location_id"],
            "employee_id": s["employee_id"],
            "break_time": s["break_time"],
        }
        if detail:
            out |= {
                "breaks": [],
                "start_signature_id": None,
                "end_signature_id": None,
                "secure_id": f"{s['id']:032x}",
                "filters": [],
            }
        return out
