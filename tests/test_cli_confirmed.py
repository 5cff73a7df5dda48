"""Days a manager has confirmed in Papershift, as the command line shows them and guards them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BERLIN
from tests.fakes.papershift import FakePapershift
from tests.keyring_memory import MemoryKeyring
from tests.test_cli import run
from tests.test_cli_shifts import set_papershift


def last_week() -> date:
    """Wednesday of last week: a finished day whatever today is."""
    today = datetime.now(ZoneInfo(BERLIN)).date()
    return today - timedelta(days=today.weekday() + 5)


def confirmed_day(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: FakePapershift
) -> date:
    """Two sessions on a day of last week, uploaded; the manager confirms the morning one."""
    day = last_week()
    set_papershift(capsys, monkeypatch, server)
    for start, end in (("08:00", "12:00"), ("13:00", "16:00")):
        code, _, err = run(capsys, "add", "--start", f"{day} {start}", "--end", end)
        assert code == 0, err
    code, _, err = run(capsys, "sync")
    assert code == 0, err
    morning = min(server.sessions.values(), key=lambda s: s["starts_at"])
    server.confirm(morning["id"])
    return day


def test_week_and_month_show_the_confirmed_day_after_a_remote_week_and_offline(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    day = confirmed_day(capsys, monkeypatch, papershift)
    code, out, _ = run(capsys, "week", "--of", str(day), "--json")
    assert code == 0 and not any(d["confirmed"] for d in json.loads(out)["days"])
    code, out, err = run(capsys, "week", "--remote", "--of", str(day), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["remote_entries"] == []
    assert [d["date"] for d in report["days"] if d["confirmed"]] == [str(day)]
    papershift.stop()  # the server is gone: the store still knows
    code, out, _ = run(capsys, "week", "--of", str(day), "--json")
    assert code == 0
    assert [d["date"] for d in json.loads(out)["days"] if d["confirmed"]] == [str(day)]
    code, out, _ = run(capsys, "month", "--of", str(day), "--json")
    assert [d["date"] for d in json.loads(out)["days"] if d["confirmed"]] == [str(day)]
    code, out, _ = run(capsys, "week", "--of", str(day))
    [line] = [x for x in out.splitlines() if day.strftime("%a %d %b") in x]
    assert line.endswith("confirmed")
    assert "a manager has confirmed a session that day" in out
    code, out, _ = run(capsys, "sessions", "--from", str(day), "--to", str(day))
    morning, afternoon = out.splitlines()
    assert "08:00" in morning and "confirmed" in morning
    assert "13:00" in afternoon and "confirmed" not in afternoon


def test_a_confirmed_entry_made_elsewhere_is_marked_in_week_remote(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    day = last_week()
    set_papershift(capsys, monkeypatch, papershift)
    start = datetime(day.year, day.month, day.day, 7, tzinfo=ZoneInfo(BERLIN))
    papershift.confirm(papershift.add(start, start + timedelta(hours=4)))
    code, out, _ = run(capsys, "week", "--remote", "--of", str(day), "--json")
    report = json.loads(out)
    assert [e["confirmed"] for e in report["remote_entries"]] == [True]
    assert [d["date"] for d in report["days"] if d["confirmed"]] == [str(day)]
    code, out, _ = run(capsys, "week", "--remote", "--of", str(day))
    assert code == 0 and "confirmed by a manager" in out
