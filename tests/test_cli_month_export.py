"""``clockapp export --month``: a month's days as CSV, Excel's CSV or JSON, row for row what
``clockapp month --json`` says of each day (and what the month window exports)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import db_dump, run


@pytest.fixture
def january(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """January 2026 in Bavaria: Epiphany (the 6th) a holiday, vacation on the 7th to 9th, the
    12th locked, a night shift from the 15th to the 16th; the month JSON's days."""
    run(capsys, "holidays", "--region", "DE-BY")
    run(capsys, "in", "--at", "2026-01-05 08:00")
    run(capsys, "out", "--at", "2026-01-05 16:30")
    run(capsys, "absence", "add", "vacation", "2026-01-07", "2026-01-09")
    run(capsys, "in", "--at", "2026-01-12 09:00")
    run(capsys, "out", "--at", "2026-01-12 12:00")
    run(capsys, "lock", "2026-01-12")
    run(capsys, "in", "--at", "2026-01-15 22:00")
    run(capsys, "break", "--at", "2026-01-16 02:00")
    run(capsys, "resume", "--at", "2026-01-16 02:30")
    run(capsys, "out", "--at", "2026-01-16 06:30")
    code, out, _ = run(capsys, "month", "--of", "2026-01-20", "--json")
    assert code == 0
    days: list[dict[str, Any]] = json.loads(out)["days"]
    return days


def as_cells(day: dict[str, Any]) -> list[str]:
    """A month JSON day as the CSV writes it: empty for none, yes/no for true/false, and the
    planned shifts' list left to the JSON (their minutes are a column)."""
    return [
        "" if v is None else ("yes" if v else "no") if isinstance(v, bool) else str(v)
        for k, v in day.items()
        if k != "planned"
    ]


def test_the_month_export_has_the_month_jsons_days(
    january: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    by_date = {d["date"]: d for d in january}
    # What a user checks the export against: each fact of the month, on its day.
    assert by_date["2026-01-06"]["holiday"] == "Epiphany"
    assert by_date["2026-01-06"]["target_min"] == 0
    assert [by_date[f"2026-01-0{n}"]["absence"] for n in (7, 8, 9)] == ["vacation"] * 3
    assert by_date["2026-01-12"]["locked"] is True
    assert (by_date["2026-01-15"]["worked_min"], by_date["2026-01-16"]["worked_min"]) == (120, 360)

    code, out, _ = run(capsys, "export", "--month", "2026-01", "--format", "json")
    assert code == 0 and json.loads(out) == january

    code, out, _ = run(capsys, "export", "--month", "2026-01")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == [
        "date",
        "worked_min",
        "break_min",
        "target_min",
        "holiday",
        "absence",
        "locked",
        "confirmed",
        "planned_min",
    ]
    assert table[1:] == [as_cells(d) for d in january]
    assert table[16] == ["2026-01-16", "360", "30", "480", "", "", "no", "no", "0"]


def test_the_excel_flavour_and_the_output_file(
    january: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "januar.csv"
    code, out, err = run(
        capsys, "export", "--month", "2026-01", "--format", "excel", "--output", str(target)
    )
    assert code == 0 and out == "" and f"Exported to {target}." in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdate;worked_min;break_min;")
    assert raw.count(b"\r\n") == 32  # the header and 31 days
    text = raw.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[1:] == [as_cells(d) for d in january]


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--month", "2026-01", "--from", "2026-01-01"], "Give either --month or --from"),
        ([], "Say what to export: --from DATE --to DATE, or --month YYYY-MM."),
        (["--from", "2026-01-01"], "Say what to export"),
        (["--month", "01/2026"], "'01/2026' is not a month"),
        (["--month", "9999-12"], "9999-12-01 is outside the dates ClockApp keeps"),
    ],
)
def test_a_month_export_asked_wrongly_is_one_sentence_and_writes_nothing(
    january: list[dict[str, Any]],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    sentence: str,
) -> None:
    before = db_dump(data_dir)
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", *args, "--output", str(target))
    assert code == 1 and out == ""
    assert sentence in err and err.count("\n") == 1
    assert not target.exists() and db_dump(data_dir) == before


def test_lock_and_report_name_a_month_out_of_range_instead_of_crashing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for args in (
        ["lock", "--month", "9999-12"],
        ["report", "--month", "9999-12", "--output", str(tmp_path / "x.pdf")],
    ):
        code, _, err = run(capsys, *args)
        assert code == 1 and "9999-12-01 is outside the dates ClockApp keeps" in err
