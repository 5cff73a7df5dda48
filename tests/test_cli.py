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
    assert code == 0 and "4 h 30 min worked, 0 h 30 min break" in out

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
    assert err.startswith("Warning: Your time records could not be read")
    assert run(capsys, "status")[2] == ""
