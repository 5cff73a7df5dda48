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


def test_changes_on_a_confirmed_day_are_refused_in_one_sentence_unless_yes(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    day = confirmed_day(capsys, monkeypatch, papershift)
    assert run(capsys, "week", "--remote", "--of", str(day))[0] == 0  # learns it
    code, out, _ = run(capsys, "sessions", "--from", str(day), "--to", str(day), "--json")
    morning, afternoon = (s["id"] for s in json.loads(out))
    asked = (
        f"A manager has confirmed {day}; changing it shows up for them as a change. "
        "Add --yes to change it anyway.\n"
    )
    before = run(capsys, "sessions", "--from", str(day), "--to", str(day), "--json")[1]
    for command in (
        ("edit", morning, "--end", "12:30"),
        ("edit", afternoon, "--note", "the afternoon too"),  # the day is, not just the session
        ("add", "--start", f"{day} 17:00", "--end", "17:30"),
        ("delete", afternoon),
    ):
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, "") and err.endswith(asked), command
        assert err.count("\n") == 1
    assert run(capsys, "sessions", "--from", str(day), "--to", str(day), "--json")[1] == before

    code, out, err = run(capsys, "edit", morning, "--end", "12:30", "--yes")
    assert code == 0 and "12:30" in out, err
    assert run(capsys, "add", "--start", f"{day} 17:00", "--end", "17:30", "--yes")[0] == 0
    assert run(capsys, "delete", afternoon, "--yes")[0] == 0
    code, out, _ = run(capsys, "sessions", "--from", str(day), "--to", str(day), "--json")
    assert [(s["start"][11:16], s["end"][11:16]) for s in json.loads(out)] == [
        ("08:00", "12:30"),
        ("17:00", "17:30"),
    ]


def test_discard_on_a_confirmed_day_needs_yes(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    papershift: FakePapershift,
) -> None:
    today = datetime.now(ZoneInfo(BERLIN))
    if today.hour < 2:
        pytest.skip("needs two hours of today behind it")  # a session today, finished
    set_papershift(capsys, monkeypatch, papershift)
    start = today.replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    end = start + timedelta(minutes=30)
    code, _, err = run(
        capsys, "add", "--start", start.strftime("%Y-%m-%d %H:%M"), "--end", f"{end:%H:%M}"
    )
    assert code == 0, err
    assert run(capsys, "sync")[0] == 0
    [entry] = papershift.sessions.values()
    papershift.confirm(entry["id"])
    assert run(capsys, "week", "--remote")[0] == 0
    assert run(capsys, "in")[0] == 0
    code, _, err = run(capsys, "discard")
    assert code == 1 and "A manager has confirmed" in err and "--yes" in err
    code, out, _ = run(capsys, "discard", "--yes")
    assert code == 0 and out.startswith("Discarded")
