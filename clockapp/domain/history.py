"""A session's trail: every change, with when, how, what changed and why.

The store writes one entry in the same transaction as each change to a session, so the trail
can't miss a change nor record one that didn't happen. Instants in ``changes`` are UTC ISO 8601
text; a field that didn't exist before (or no longer does) is ``None`` on that side.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clockapp.domain.session import WorkSession


class Action(enum.Enum):
    CREATED = "created"
    EDITED = "edited"
    DISCARDED = "discarded"  # a running session thrown away (an accidental clock-in)
    DELETED = "deleted"


class Source(enum.Enum):
    """How a change came about."""

    CLOCK = "clock"  # clock in/out and break clicks (tray, popup, CLI)
    HAND = "hand"  # edit, add, delete, discard: someone typed it
    AWAY_PROMPT = "away_prompt"  # an answer to "you were away: what was that time?"
    AUTO_CLOCK_OUT = "auto_clock_out"  # ended by the app, nobody confirmed it
    IMPORT = "import"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    session_id: uuid.UUID
    at: datetime
    action: Action
    source: Source
    changes: dict[str, list[Any]]  # field -> [old, new]
    reason: str = ""


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def fields(session: WorkSession) -> dict[str, Any]:
    """What the trail records of a session, as JSON-ready values."""
    return {
        "start": _instant(session.start),
        "end": _instant(session.end),
        "breaks": [[_instant(b.start), _instant(b.end)] for b in session.breaks],
        "note": session.note,
        "flagged": session.flagged,
    }


def changes(old: WorkSession | None, new: WorkSession | None) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for each field that differs (all of them on create or delete)."""
    before = fields(old) if old is not None else {}
    after = fields(new) if new is not None else {}
    return {
        key: [before.get(key), after.get(key)]
        for key in (after or before)
        if before.get(key) != after.get(key)
    }
