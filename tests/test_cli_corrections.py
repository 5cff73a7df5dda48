"""Fixing time where it happened (issue 12), through the real command line on a store on disk:
the trail of every change, adding forgotten time, discarding an accidental clock-in, correcting
the running session, and the fleet rule that every change by hand gives a reason."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clockapp.cli import build_parser, main
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.test_cli_backend import set_timetrack


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).replace(microsecond=0).isoformat()


def db_dump(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(data_dir / "clockapp.db")
    rows = list(conn.iterdump())
    conn.close()
    return rows


def sessions(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, "sessions", "--from", "2026-01-01", "--to", "today", "--json")
    assert code == 0
    result: list[dict[str, Any]] = json.loads(out)
    return result


def history(capsys: pytest.CaptureFixture[str], ref: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "history", ref, "--json")
    assert code == 0, err
    result: list[dict[str, Any]] = json.loads(out)
    return result


def outbox(data_dir: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(data_dir / "clockapp.db")
    rows = conn.execute("SELECT session_id, change FROM outbox ORDER BY id").fetchall()
    conn.close()
    return rows


# -- the trail ------------------------------------------------------------------------------------


def test_every_change_leaves_its_trail_with_old_and_new_values(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", ago(hours=4))
    run(capsys, "break", "--at", ago(hours=3))
    run(capsys, "resume", "--at", ago(hours=2, minutes=30))
    run(capsys, "out", "--at", ago(hours=1))
    [s] = sessions(capsys)
    code, _, err = run(
        capsys, "edit", s["id"][:8], "--note", "Support", "--reason", "forgot the note"
    )
    assert code == 0, err

    trail = history(capsys, s["id"][:8])
    assert [(e["action"], e["source"]) for e in trail] == [
        ("created", "clock"),
        ("edited", "clock"),  # break started
        ("edited", "clock"),  # break ended
        ("edited", "clock"),  # clocked out
        ("edited", "hand"),
    ]
    assert all(set(e) == {"at", "action", "source", "changes", "reason"} for e in trail)
    assert datetime.fromisoformat(trail[0]["at"]).utcoffset() is not None
    assert trail[3]["changes"]["end"][0] is None and trail[3]["changes"]["end"][1]
    assert trail[-1]["changes"] == {"note": ["", "Support"]}
    assert trail[-1]["reason"] == "forgot the note"

    code, out, _ = run(capsys, "history", s["id"][:8])
    assert code == 0 and "edited by hand (note): forgot the note" in out

    assert run(capsys, "delete", s["id"][:8], "--reason", "double entry")[0] == 0
    # The trail outlives the session: what it was, and why it went.
    last = history(capsys, s["id"][:8])[-1]
    assert (last["action"], last["source"], last["reason"]) == ("deleted", "hand", "double entry")
    assert last["changes"]["note"] == ["Support", None]


def test_an_unknown_session_has_no_history(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "history", "abcd1234")
    assert code == 1 and out == ""
    assert "No session has an id starting with abcd1234." in err


def test_exports_say_which_sessions_were_changed_by_hand(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", "2026-11-02 08:00")
    run(capsys, "out", "--at", "2026-11-02 12:00")
    assert run(capsys, "add", "--start", "2026-11-02 13:00", "--end", "15:00")[0] == 0

    _, out, _ = run(
        capsys, "export", "--from", "2026-11-02", "--to", "2026-11-02", "--format", "json"
    )
    rows = json.loads(out)
    assert [r["changed_by_hand"] for r in rows] == [False, True]
    assert [r["date"] for r in rows] == ["2026-11-02", "2026-11-02"]
    assert all(r["zone"] == "Europe/Berlin" for r in rows)

    _, out, _ = run(capsys, "export", "--from", "2026-11-02", "--to", "2026-11-02")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["changed_by_hand"] for r in table] == ["no", "yes"]
    assert set(table[0]) == set(rows[0])  # CSV and JSON carry the same fields
    assert table[0]["zone"] == "Europe/Berlin"

    # An edit marks a clocked session as changed by hand.
    run(capsys, "edit", rows[0]["id"][:8], "--note", "Meeting")
    _, out, _ = run(
        capsys, "export", "--from", "2026-11-02", "--to", "2026-11-02", "--format", "json"
    )
    assert [r["changed_by_hand"] for r in json.loads(out)] == [True, True]


# -- add forgotten time ---------------------------------------------------------------------------


def test_a_forgotten_night_shift_is_added_with_its_break(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "add",
        "--start",
        "2026-11-02 22:00",
        "--end",
        "06:00",  # before the start: the next morning
        "--break",
        "01:00-01:30",
        "--note",
        "Night shift",
        "--reason",
        "forgot to clock",
    )
    assert code == 0, err
    assert "added: Mon 02 Nov 2026 22:00–Tue 06:00" in out
    assert "Mon 02 Nov: 2 h 00 min worked" in out  # the day's totals after

    [s] = sessions(capsys)
    assert s["start"] == "2026-11-02T22:00:00+01:00" and s["end"] == "2026-11-03T06:00:00+01:00"
    assert s["breaks"] == [
        {"start": "2026-11-03T01:00:00+01:00", "end": "2026-11-03T01:30:00+01:00"}
    ]
    assert s["worked_min"] == 450 and s["note"] == "Night shift"
    assert out.split()[1] == s["id"][:8]
    [created] = history(capsys, s["id"])
    assert (created["action"], created["source"], created["reason"]) == (
        "created",
        "hand",
        "forgot to clock",
    )
    assert outbox(data_dir) == [(s["id"], "finished")]  # uploaded like a clocked session


def test_add_prints_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A fixed day: "30 to 28 hours ago" crossed midnight when run late in the evening.
    code, out, _ = run(
        capsys, "add", "--start", "2026-11-02 10:00", "--end", "2026-11-02 12:00", "--json"
    )
    added = json.loads(out)
    assert code == 0 and added["worked_min"] == 120 and added["changed_by_hand"] is True
    assert added["day_worked_min"] == 120


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--start", "2026-11-02 10:00", "--end", "2026-11-02 09:00"], "end must come after"),
        (["--start", "2026-11-02 08:00", "--end", "2026-11-03 09:00"], "longer than 24 hours"),
        (["--start", "2026-11-02 11:00", "--end", "2026-11-02 13:00"], "overlaps the session"),
        (
            ["--start", "2026-11-02 13:00", "--end", "15:00", "--break", "12:00-12:30"],
            "lies outside the session",
        ),
        (
            [
                "--start",
                "2026-11-02 13:00",
                "--end",
                "17:00",
                "--break",
                "14:00-14:30",
                "--break",
                "14:15-14:45",
            ],
            "Breaks can't overlap",
        ),
        (["--start", ago(hours=1), "--end", ago(hours=-2)], "is in the future"),
    ],
)
def test_add_refuses_what_edit_refuses_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], sentence: str
) -> None:
    run(capsys, "in", "--at", "2026-11-02 08:00")
    run(capsys, "out", "--at", "2026-11-02 12:00")
    before = db_dump(data_dir)
    code, out, err = run(capsys, "add", *args)
    assert code == 1 and out == "" and sentence in err and err.count("\n") == 1
    assert db_dump(data_dir) == before


def test_add_refuses_a_locked_day(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "lock", "2026-11-02")
    before = db_dump(data_dir)
    code, _, err = run(capsys, "add", "--start", "2026-11-02 08:00", "--end", "12:00")
    assert code == 1 and "2026-11-02 is locked" in err
    assert db_dump(data_dir) == before


def test_a_late_clock_in_points_to_add(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The morning was forgotten; the afternoon was clocked.
    run(capsys, "in", "--at", "2026-11-02 13:00")
    run(capsys, "out", "--at", "2026-11-02 17:00")
    before = db_dump(data_dir)
    code, _, err = run(capsys, "in", "--at", "2026-11-02 09:00")
    assert code == 1
    assert "A session from 2026-11-02 09:00 until now would overlap the later one from " in err
    assert "'clockapp add --start \"2026-11-02 09:00\" --end TIME'" in err
    assert db_dump(data_dir) == before
    # Doing what it says works.
    assert run(capsys, "add", "--start", "2026-11-02 09:00", "--end", "12:00")[0] == 0


# -- discard and the running session --------------------------------------------------------------


def test_an_accidental_clock_in_is_discarded_and_only_its_trail_stays(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", ago(minutes=5))
    [s] = sessions(capsys)
    code, out, err = run(capsys, "discard", "--reason", "clicked by mistake")
    assert code == 0 and "Discarded" in out, err
    assert sessions(capsys) == []
    assert json.loads(run(capsys, "status", "--json")[1])["state"] == "off"
    assert outbox(data_dir) == []  # nothing to upload, nothing to delete upstream
    trail = history(capsys, s["id"][:8])
    assert [(e["action"], e["reason"]) for e in trail] == [
        ("created", ""),
        ("discarded", "clicked by mistake"),
    ]
    code, _, err = run(capsys, "discard")
    assert code == 1 and "not clocked in" in err


def test_deleting_the_running_session_asks_for_discard(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", ago(minutes=5))
    [s] = sessions(capsys)
    before = db_dump(data_dir)
    code, _, err = run(capsys, "delete", s["id"][:8])
    assert code == 1 and "still running; use 'clockapp discard'" in err
    assert db_dump(data_dir) == before
    assert run(capsys, "delete", s["id"][:8], "--yes")[0] == 0
    assert sessions(capsys) == []


def test_the_running_sessions_start_and_breaks_can_be_corrected(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", ago(hours=1))
    [s] = sessions(capsys)
    started = ago(hours=3)
    code, _, err = run(
        capsys,
        "edit",
        s["id"][:8],
        "--start",
        started,
        "--break",
        f"{ago(hours=2)}/{ago(hours=1, minutes=30)}",
    )
    assert code == 0, err
    [after] = sessions(capsys)
    assert after["end"] is None  # still running
    assert datetime.fromisoformat(after["start"]) == datetime.fromisoformat(started)
    assert after["break_min"] == 30 and after["worked_min"] in (149, 150)
    assert outbox(data_dir) == []  # not finished: nothing to upload yet
    assert history(capsys, s["id"])[-1]["source"] == "hand"


# -- the fleet's reason rule ----------------------------------------------------------------------


@pytest.fixture
def reasons_required(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = data_dir / "policy.json"
    policy.write_text(json.dumps({"settings": {"require_edit_reason": True}}))
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(policy))


@pytest.mark.usefixtures("reasons_required")
def test_the_policy_requires_a_reason_for_every_change_by_hand(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", "2026-11-02 08:00")  # clocking needs no reason
    run(capsys, "out", "--at", "2026-11-02 12:00")
    [s] = sessions(capsys)
    before = db_dump(data_dir)
    for args in (
        ["edit", s["id"][:8], "--note", "x"],
        ["add", "--start", "2026-11-02 13:00", "--end", "14:00"],
        ["delete", s["id"][:8]],
        ["edit", s["id"][:8], "--note", "x", "--reason", "   "],
    ):
        code, out, err = run(capsys, *args)
        assert code == 1 and out == "", args
        assert "requires a reason for every change by hand" in err
    assert db_dump(data_dir) == before

    run(capsys, "in", "--at", ago(minutes=3))
    code, _, err = run(capsys, "discard")
    assert code == 1 and "requires a reason" in err
    assert run(capsys, "discard", "--reason", "mistake")[0] == 0
    assert run(capsys, "edit", s["id"][:8], "--note", "x", "--reason", "typo")[0] == 0
    assert history(capsys, s["id"])[-1]["reason"] == "typo"


# -- TimeTrack's manual flag ----------------------------------------------------------------------


def test_timetrack_learns_which_sessions_were_made_by_hand(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    run(capsys, "in", "--at", "2026-11-02 08:00")
    run(capsys, "out", "--at", "2026-11-02 12:00")
    run(capsys, "add", "--start", "2026-11-02 13:00", "--end", "15:00")
    assert run(capsys, "sync")[0] == 0
    by_start = {e["from"].hour: e for e in timetrack.live("anna")}
    assert {h: e["manual"] for h, e in by_start.items()} == {7: False, 12: True}

    # A clocked session corrected by hand is manual from then on.
    [clocked, _] = sessions(capsys)
    run(capsys, "edit", clocked["id"][:8], "--end", "12:30")
    assert run(capsys, "sync")[0] == 0
    assert {e["from"].hour: e["manual"] for e in timetrack.live("anna")} == {7: True, 12: True}


def test_a_server_that_ignores_the_manual_flag_is_caught_in_the_echo(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    timetrack.keeps_manual = False  # stores every entry as made by hand
    run(capsys, "in", "--at", "2026-11-02 08:00")
    run(capsys, "out", "--at", "2026-11-02 12:00")
    code, out, _ = run(capsys, "sync")
    assert code == 1 and 'another note or "entered by hand" mark' in out


# -- the command line, as a newcomer meets it -----------------------------------------------------


def all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += all_parsers(sub)
    return found


def test_help_says_how_to_start_the_tray_and_explains_every_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "Run 'clockapp' without a command to start the tray app." in out
    assert "DATE: YYYY-MM-DD, today or yesterday." in out.splitlines()
    unexplained = [
        f"{p.prog} {a.option_strings or a.dest}"
        for p in all_parsers(build_parser())
        for a in p._actions
        if not isinstance(a, argparse._SubParsersAction) and not a.help
    ]
    assert unexplained == []


def test_a_word_after_a_command_shows_that_commands_usage(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["in", "now"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert err.startswith("usage: clockapp in [-h] [--at TIME]")
    assert "unrecognized arguments: now" in err
    assert not (data_dir / "clockapp.db").exists()


def test_a_session_id_that_is_not_hex_is_simply_not_found(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "edit", "zzzz", "--note", "x")
    assert code == 1 and err == "clockapp: No session has an id starting with zzzz.\n"


def test_a_break_typed_end_first_is_refused_as_such(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--start", "2026-11-02 08:00", "--end", "17:00", "--break", "12:30-12:00"]
    code, _, err = run(capsys, "add", *args)
    assert code == 1 and "The break 12:30-12:00 ends before it starts." in err
    # A break over midnight still reads as the next morning.
    args = ["--start", "2026-11-02 20:00", "--end", "02:00", "--break", "23:45-00:15"]
    assert run(capsys, "add", *args)[0] == 0
    assert sessions(capsys)[0]["break_min"] == 30


def test_week_remote_without_a_backend_says_nothing_remote_was_asked(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "week", "--remote")
    assert code == 0 and out.startswith("Week of ")
    assert "No backend is set up, so nothing remote was asked" in err


def test_backend_show_prints_no_empty_lines(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "backend", "show")
    assert code == 0 and out == "backend: none\n"
