"""Backends against the fake vendor servers; a short client timeout so hangs end quickly."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx
import pytest

from clockapp.domain.session import BreakSegment, WorkSession
from tests.conftest import berlin


@pytest.fixture(autouse=True)
def quick_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("clockapp.sync.backend.TIMEOUT", httpx.Timeout(2.0, connect=2.0))


def day(
    start: str = "2026-11-23 08:00",
    end: str = "2026-11-23 16:30",
    pause: tuple[str, str] | None = ("2026-11-23 12:00", "2026-11-23 12:30"),
    note: str = "",
) -> WorkSession:
    """A finished session in Berlin wall times."""
    breaks = (BreakSegment(berlin(pause[0]), berlin(pause[1])),) if pause else ()
    return WorkSession(
        id=uuid.uuid4(),
        start=berlin(start),
        end=berlin(end),
        zone="Europe/Berlin",
        breaks=breaks,
        note=note,
    )


def shifted(session: WorkSession, **delta: float) -> WorkSession:
    d = timedelta(**delta)
    assert session.end is not None
    return session.with_changes(
        start=session.start + d,
        end=session.end + d,
        breaks=tuple(BreakSegment(b.start + d, (b.end or b.start) + d) for b in session.breaks),
    )


def utc_text(instant: datetime) -> str:
    return instant.isoformat()
