"""The time account on the command line: holidays, absence, month, balance, lock by week/month."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import db_dump, run


def settings_text(data_dir: Path) -> str | None:
    path = data_dir / "settings.json"
    return path.read_text() if path.exists() else None


def test_holidays_by_region(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holidays", "--region", "DE-BY", "--year", "2026", "--json")
    bavaria = {h["date"] for h in json.loads(out)}
    assert code == 0 and {"2026-01-06", "2026-06-04"} <= bavaria
    code, out, _ = run(capsys, "holidays", "--region", "de-be", "--year", "2026", "--json")
    berlin = {h["date"] for h in json.loads(out)}
    assert code == 0 and not {"2026-01-06", "2026-06-04"} & berlin and "2026-03-08" in berlin
    assert set(json.loads(out)[0]) == {"date", "name"}


def test_german_holiday_names_for_a_german_locale(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    run(capsys, "holidays", "--region", "DE")
    out = run(capsys, "holidays", "--year", "2026")[1]
    assert "Tag der Deutschen Einheit" in out


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["holidays", "--region", "XX"], "XX is not a region ClockApp knows"),
        (["absence", "add", "holiday", "2026-11-23"], "'holiday' is not a kind of absence"),
        (["absence", "add", "vacation", "2026-11-24", "2026-11-25", "--half"], "half-day"),
        (["absence", "add", "sick", "2026-11-20", "2026-11-24"], "overlaps the vacation"),
        (["absence", "add", "sick", "2026-11-03"], "2026-11-03 is locked"),
        (["absence", "delete", "x"], "'x' is not a whole number"),
        (["balance", "adjust", "1.5", "--reason", "paid"], "'1.5' is not a whole number"),
        (["balance", "set", "--opening", "ten"], "'ten' is not a whole number of minutes"),
        (["balance", "set", "--since", "2026-12-01", "--opening", "x"], "'x' is not a whole"),
        (["lock", "--month", "2026-13"], "'2026-13' is not a month"),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], sentence: str
) -> None:
    run(capsys, "holidays", "--region", "DE-BY")
    run(capsys, "absence", "add", "vacation", "2026-11-23", "2026-11-27")
    run(capsys, "lock", "2026-11-03")
    before = (db_dump(data_dir), settings_text(data_dir))
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert sentence in err and err.count("\n") == 1 and err.startswith("clockapp: ")
    assert (db_dump(data_dir), settings_text(data_dir)) == before


def test_absence_add_list_delete(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "absence", "add", "vacation", "2026-11-23", "2026-11-27", "--note", "Ostsee"
    )
    assert code == 0 and "Absence 1 recorded: vacation 2026-11-23 to 2026-11-27" in out
    run(capsys, "absence", "add", "sick", "2026-12-01", "--half")
    code, out, _ = run(
        capsys, "absence", "list", "--from", "2026-11-01", "--to", "2026-11-30", "--json"
    )
    assert json.loads(out) == [
        {
            "id": 1,
            "kind": "vacation",
            "from": "2026-11-23",
            "to": "2026-11-27",
            "half": False,
            "note": "Ostsee",
        }
    ]
    week = json.loads(run(capsys, "week", "--of", "2026-11-25", "--json")[1])
    assert week["remaining_min"] == 0
    assert [(d["absence"], d["holiday"]) for d in week["days"][:2]] == [("vacation", None)] * 2
    assert run(capsys, "absence", "delete", "1")[0] == 0
    assert [a["id"] for a in json.loads(run(capsys, "absence", "list", "--json")[1])] == [2]


def test_month_json_has_the_4me_fields(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "in", "--at", "2026-02-02 08:00")
    run(capsys, "out", "--at", "2026-02-02 16:00")
    run(capsys, "lock", "--week", "2026-02-04")
    code, out, _ = run(capsys, "month", "--of", "2026-02-15", "--json")
    month = json.loads(out)
    assert code == 0
    assert set(month) >= {
        "month_of",
        "workday",
        "sum_time_spent",
        "workdays",
        "target_min",
        "locked",
        "locked_days",
        "balance_start_min",
        "balance_end_min",
        "days",
    }
    assert (month["month_of"], month["workday"], month["sum_time_spent"]) == (
        "2026-02-01",
        480,
        480,
    )
    assert month["workdays"] == 1.0 and month["locked"] is False
    assert month["locked_days"] == "0" + "1" * 7 + "0" * 20
    assert len(month["days"]) == 28 and month["days"][1]["worked_min"] == 480
    assert run(capsys, "lock", "--month", "2026-02")[0] == 0
    assert json.loads(run(capsys, "month", "--of", "2026-02-01", "--json")[1])["locked"] is True
    run(capsys, "unlock", "--month", "2026-02")
    month = json.loads(run(capsys, "month", "--of", "2026-02-01", "--json")[1])
    assert month["locked_days"] == "0" * 28


def test_balance_set_adjust_and_show(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            capsys,
            "balance",
            "set",
            "--since",
            "2026-11-02",
            "--opening",
            "-60",
            "--vacation-days",
            "25",
        )[0]
        == 0
    )
    run(capsys, "in", "--at", "2026-11-02 08:00")
    run(capsys, "out", "--at", "2026-11-02 18:00")  # 10 h: 120 min over
    assert (
        run(capsys, "balance", "adjust", "-30", "--reason", "paid out", "--on", "2026-11-02")[0]
        == 0
    )
    code, out, _ = run(capsys, "balance", "--as-of", "2026-11-02", "--json")
    balance = json.loads(out)
    assert code == 0
    assert balance["since"] == "2026-11-02" and balance["opening_min"] == -60
    assert balance["adjustments_min"] == -30 and balance["balance_min"] == -60 - 30 + 120
    assert balance["vacation"]["entitlement_days"] == 25
    assert set(balance) >= {"today_min", "vacation"}
    code, _, err = run(capsys, "balance", "--as-of", "2026-11-01")
    assert code == 1 and "starts on 2026-11-02, after 2026-11-01" in err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_report_writes_the_months_timesheet_as_pdf(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "in", "--at", "2026-11-05 08:00")
    run(capsys, "out", "--at", "2026-11-05 16:00")
    pdf = data_dir / "november.pdf"
    # A process of its own: the command starts a Qt application without a screen.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "report", "--month", "2026-11", "--output", str(pdf)],
        capture_output=True,
        text=True,
        env=env | {"LANGUAGE": "en", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Timesheet November 2026" in text and "08:00–16:00" in text
    code, _, err = run(capsys, "report", "--month", "11/2026", "--output", str(pdf))
    assert code == 1 and "'11/2026' is not a month" in err


def test_an_unknown_region_from_the_settings_file_is_said_once(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "settings.json").write_text('{"holiday_region": "DE-XX"}')
    code, out, _ = run(capsys, "week", "--of", "2026-12-25")
    assert code == 0 and out.count("ClockApp knows no region DE-XX") == 1
    friday = json.loads(run(capsys, "week", "--of", "2026-12-25", "--json")[1])["days"][4]
    assert (friday["holiday"], friday["target_min"]) == (None, 480)


def test_a_region_does_not_slow_the_clock_commands(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text('{"holiday_region": "DE-BY"}')
    probe = (
        "import sys; from clockapp.settings import Settings; import clockapp.cli; "
        "s = Settings.load(); assert s.get('holiday_region') == 'DE-BY', s.notices; "
        "print('holidays' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
