"""The command line as a user and a script see it: output, JSON shapes, exit codes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clockapp import __version__
from clockapp.cli import main
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ago(**delta: float) -> str:
    """An ISO instant with offset, ``delta`` before now (safe around midnight)."""
    return (datetime.now(UTC) - timedelta(**delta)).replace(microsecond=0).isoformat()


def db_dump(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(data_dir / "clockapp.db")
    rows = list(conn.iterdump())
    conn.close()
    return rows


def test_a_day_on_the_command_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "in", "--at", ago(hours=5), "--note", "Support")
    assert code == 0 and out.startswith("Clocked in at ")
    assert run(capsys, "break", "--at", ago(hours=2))[0] == 0
    assert run(capsys, "resume", "--at", ago(hours=1, minutes=30))[1].startswith("Back at work")
    code, out, _ = run(capsys, "out")
    assert code == 0 and "4 h 30 min worked, 30 min break" in out

    code, out, _ = run(capsys, "sessions", "--from", "yesterday", "--to", "today", "--json")
    [s] = json.loads(out)
    assert set(s) >= {"id", "start", "end", "breaks", "worked_min", "break_min", "note"}
    assert s["worked_min"] == 270 and s["break_min"] == 30 and s["note"] == "Support"
    assert len(s["breaks"]) == 1 and set(s["breaks"][0]) == {"start", "end"}


def test_status_json_has_what_scripts_rely_on(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    assert json.loads(out) | {} == {
        "state": "off",
        "since": None,
        "session_id": None,
        "session_start": None,
        "worked_today_min": 0,
        "break_today_min": 0,
    }
    run(capsys, "in", "--at", ago(minutes=10))
    status = json.loads(run(capsys, "status", "--json")[1])
    assert status["state"] == "working"
    assert datetime.fromisoformat(status["since"]).utcoffset() is not None
    assert status["worked_today_min"] in (9, 10)  # 10 unless midnight fell in between


def test_week_json_has_seven_days_and_the_totals(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "week", "--of", "2026-11-25", "--json")
    week = json.loads(out)
    assert code == 0 and week["week_of"] == "2026-11-23"
    assert [d["date"] for d in week["days"]][0::6] == ["2026-11-23", "2026-11-29"]
    assert all(
        set(d) >= {"date", "worked_min", "break_min", "target_min", "locked"} for d in week["days"]
    )
    assert week["target_min"] == 2400 and week["remaining_min"] == 2400
    assert {"total_min", "overtime_min", "violations"} <= set(week)


def test_an_illegal_move_exits_1_with_one_line_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "status")
    before = db_dump(data_dir)
    code, out, err = run(capsys, "out")
    assert code == 1 and out == ""
    assert err == "clockapp: You can't clock out: you are not clocked in.\n"
    assert db_dump(data_dir) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["in", "--at", "25:00"], "25:00 is not a time of day"),
        (["in", "--at", "yesterday-ish"], "Can't read the time"),
        (["in", "--at", "2026-03-29 02:30"], "does not exist"),
        (["in", "--at", "2026-10-25 02:30"], "happened twice"),
        (["in", "--at", "2999-01-01T08:00+01:00"], "in the future"),
        (["week", "--of", "31.12.2026"], "Can't read the date"),
        (["edit", "abcd", "--note", "x"], "No session has an id starting with abcd"),
        (["sessions", "--from", "2026-11-25", "--to", "2026-11-01"], "before the start date"),
        (["targets", "--mon", "-5"], "target"),
        (["in", "--at", ""], "Can't read the time ''"),
        (["out", "--at", " "], "Can't read the time ''"),
        (["week", "--of", ""], "Can't read the date ''"),
        (["sessions", "--from", ""], "Can't read the date ''"),
        (["week", "--of", "9999-12-31"], "9999-12-31 is outside the dates ClockApp keeps"),
        (["week", "--of", "0001-01-01"], "0001-01-01 is outside the dates ClockApp keeps"),
        (["sessions", "--from", "0001-01-01", "--to", "0001-01-02"], "outside the dates"),
        (["sessions", "--from", "9999-12-30", "--to", "9999-12-31"], "outside the dates"),
        (["export", "--from", "0001-01-01", "--to", "0001-01-01"], "outside the dates"),
        (["export", "--from", "2026-01-01", "--to", "9999-12-31"], "outside the dates"),
        (["lock", "0001-01-01"], "outside the dates"),
        (["unlock", "9999-12-31"], "outside the dates"),
        (["in", "--at", "0001-01-01T08:00+05:00"], "outside the dates"),
        (["in", "--at", "0001-01-01 08:00"], "outside the dates"),
        (["in", "--at", "1969-12-31T08:00+00:00"], "outside the dates"),
        (["break", "--at", "9999-12-31T23:00-05:00"], "outside the dates"),
        (["in", "--note", "caf\udce9"], "caf\\xe9 is not valid text (UTF-8)"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(capsys, "status")
    before = db_dump(data_dir)
    code, out, err = run(capsys, *args)
    assert out == ""
    assert code == 1, err
    assert message.lower() in err.lower() and err.count("\n") == 1
    assert db_dump(data_dir) == before
    assert not (data_dir / "settings.json").exists()


def test_edit_delete_lock_and_export(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "in", "--at", "2026-11-23 08:00")
    run(capsys, "out", "--at", "2026-11-23 16:00")
    [s] = json.loads(
        run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-23", "--json")[1]
    )
    short = s["id"][:8]
    code, out, _ = run(
        capsys, "edit", short, "--end", "17:00", "--break", "12:00-12:45", "--note", "Audit"
    )
    assert code == 0 and "Mon 23 Nov 2026 08:00–17:00" in out
    assert run(capsys, "lock", "2026-11-23")[0] == 0
    code, _, err = run(capsys, "delete", short)
    assert code == 1 and "locked" in err
    assert run(capsys, "unlock", "2026-11-23")[0] == 0
    target = tmp_path / "export.csv"
    code, _, _ = run(
        capsys, "export", "--from", "2026-11-23", "--to", "2026-11-23", "--output", str(target)
    )
    assert code == 0 and "2026-11-23T17:00:00+01:00,495,45," in target.read_text()
    excel = tmp_path / "export-excel.csv"
    code, _, _ = run(
        capsys,
        "export",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-23",
        "--format",
        "excel",
        "--output",
        str(excel),
    )
    raw = excel.read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbfid;date;") and b";495;45;" in raw
    assert raw.count(b"\r\n") == 2
    assert run(capsys, "delete", short)[0] == 0
    assert (
        json.loads(
            run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-23", "--json")[1]
        )
        == []
    )


def test_a_night_shift_end_given_as_hh_mm_is_the_next_morning(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", "2026-11-20 22:00")
    run(capsys, "out", "--at", "2026-11-21 05:00")
    [s] = json.loads(
        run(capsys, "sessions", "--from", "2026-11-20", "--to", "2026-11-21", "--json")[1]
    )
    run(capsys, "edit", s["id"], "--end", "06:00")
    [s] = json.loads(
        run(capsys, "sessions", "--from", "2026-11-20", "--to", "2026-11-21", "--json")[1]
    )
    assert s["end"] == "2026-11-21T06:00:00+01:00" and s["worked_min"] == 480


def test_the_installed_command_runs_and_knows_its_version(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"clockapp {__version__}"
    # The bare command starts the tray app (tests/ui covers it); the clock commands must not
    # pay for loading Qt.
    probe = "import sys, clockapp.cli; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_a_damaged_store_is_reported_once_and_clocking_still_works(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "clockapp.db").write_bytes(b"\x00garbage" * 512)
    code, out, err = run(capsys, "in")
    assert code == 0 and out.startswith("Clocked in")
    assert err.startswith("Warning: Your time records were damaged and could not be read")
    assert run(capsys, "status")[2] == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", ""], "Can't read the time ''"),
        (["--end", ""], "Can't read the time ''"),
        (["--break", ""], "Can't read the break ''"),
        (["--start", "0001-01-01T08:00+01:00"], "outside the dates ClockApp keeps"),
        (["--end", "9999-12-31T20:00+01:00"], "outside the dates ClockApp keeps"),
        (["--break", "0001-01-01T08:00+01:00/0001-01-01T09:00+01:00"], "outside the dates"),
        (["--note", "\udcff"], "\\xff is not valid text (UTF-8)"),
    ],
)
def test_edit_refuses_empty_and_out_of_range_times_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(capsys, "in", "--at", "2026-11-23 08:00")
    run(capsys, "out", "--at", "2026-11-23 16:00")
    [s] = json.loads(
        run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-23", "--json")[1]
    )
    before = db_dump(data_dir)
    code, out, err = run(capsys, "edit", s["id"][:8], *args)
    assert (code, out) == (1, "")
    assert message.lower() in err.lower() and err.count("\n") == 1
    assert db_dump(data_dir) == before


def test_notes_and_error_sentences_show_control_characters_instead_of_obeying_them(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Clear the screen, set the window title, then a right-to-left override.
    note = "\x1b[2J\x1b]0;pwned\x07\rOK\u202eevil"
    run(capsys, "in", "--at", "2026-11-23 08:00", "--note", note)
    run(capsys, "out", "--at", "2026-11-23 16:00")
    code, out, _ = run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-23")
    assert code == 0 and "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b]0;pwned\\x07\\rOK\\u202eevil" in out
    # The note is kept as typed: only its display is defused.
    [s] = json.loads(
        run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-23", "--json")[1]
    )
    assert s["note"] == note
    code, _, err = run(capsys, "edit", "\x1b[31mabcd")
    assert code == 1 and "\x1b" not in err and "\\x1b[31mabcd" in err


def test_a_database_with_our_tables_missing_is_set_aside_and_clocking_still_works(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(data_dir / "clockapp.db")
    conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 3")  # the version of a store, but not its tables
    conn.close()
    code, out, err = run(capsys, "status")
    assert code == 0 and out.startswith("You are clocked out.")
    assert err.startswith(f"Warning: The file at {data_dir / 'clockapp.db'} is not a ClockApp")
    assert err.count("\n") == 1
    assert run(capsys, "in")[0] == 0
    assert len(list(data_dir.glob("clockapp.damaged-*.db"))) == 1


def test_log_records_never_reach_the_stderr_of_a_command(data_dir: Path) -> None:
    (data_dir / "clockapp.db").write_bytes(b"\x00garbage" * 512)  # the store logs an error
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "in"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("Clocked in")
    [line] = done.stderr.splitlines()
    assert line.startswith("Warning: Your time records were damaged and could not be read")


SYNC_WITH_MEMORY_KEYRING = """
import io, sys, keyring
from tests.keyring_memory import MemoryKeyring
from clockapp.cli import main
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack
keyring.set_keyring(MemoryKeyring())
url, key, secret = sys.argv[1:]
sys.stdin = io.StringIO(f"{key}\\n{secret}\\n")
assert main(["backend", "set", "timetrack", "--url", url, "--username", "anna"]) == 0
assert main(["in", "--at", "2026-11-23 08:00"]) == 0
assert main(["out", "--at", "2026-11-23 16:00"]) == 0
sys.exit(main(["sync"]))
"""


@pytest.mark.slow
def test_a_sync_the_server_refuses_prints_its_words_defused_and_no_log_lines(
    data_dir: Path, timetrack: FakeTimeTrack
) -> None:
    timetrack.fail_next(Fault("before", 422, raw=b"bad \x1b[2Jdata"), times=5)
    credentials = [timetrack.api_key, timetrack.api_secret]
    done = subprocess.run(
        [sys.executable, "-c", SYNC_WITH_MEMORY_KEYRING, timetrack.url, *credentials],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[1],
    )
    assert done.returncode == 1 and done.stderr == ""
    assert "needs attention" in done.stdout
    assert "\x1b" not in done.stdout and "\\x1b[2Jdata" in done.stdout
