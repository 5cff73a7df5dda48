"""The holidays package is the source of public holidays; the table of states Settings offers
must name exactly the states it knows (a state it dropped or renamed would fail here, not on
a user's machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clockapp.platform import helper
from clockapp.services import holidays
from clockapp.services.holidays import GERMAN_STATES, split_region


def test_the_states_settings_offers_are_the_packages() -> None:
    import holidays

    calendar = type(holidays.country_holidays("DE"))
    known = {
        f"DE-{code}": name
        for name, code in getattr(calendar, "subdivisions_aliases", {}).items()
        if len(code) == 2  # states only: the package also knows a city (Augsburg)
    }
    assert dict(GERMAN_STATES) == known
    assert all(split_region(code) == ("DE", code[3:]) for code, _ in GERMAN_STATES)


# -- calendars kept between runs, computed outside the tray ----------------------------------

BAVARIA_2026 = {date(2026, 1, 6): "Heilige Drei Könige", date(2026, 6, 4): "Fronleichnam"}

#: A run in a fresh interpreter: the calendars it gets, and whether it loaded the package.
FRESH_RUN = """
import json, sys
from datetime import date
from pathlib import Path
from clockapp.platform import helper
from clockapp.services import holidays
holidays.keep_calendars(Path(sys.argv[1]))
if sys.argv[2] == "helper":
    holidays.compute_in_helper()
    holidays.prepare("DE-BY", [2026, 2027], "de")
found = holidays.holidays_between("DE-BY", date(2026, 1, 1), date(2027, 12, 31), "de")
print(json.dumps({"days": {d.isoformat(): n for d, n in found.items()},
                  "package_loaded": "holidays" in sys.modules}))
"""


def fresh_run(folder: Path, mode: str = "here") -> tuple[dict[date, str], bool]:
    done = subprocess.run(
        [sys.executable, "-c", FRESH_RUN, str(folder), mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out = json.loads(done.stdout)
    return {date.fromisoformat(d): n for d, n in out["days"].items()}, out["package_loaded"]


def in_memory(region: str = "DE-BY") -> dict[date, str]:
    holidays.keep_calendars(None)
    return holidays.holidays_between(region, date(2026, 1, 1), date(2027, 12, 31), "de")


def test_a_calendar_computed_once_is_read_back_without_loading_the_package(
    tmp_path: Path,
) -> None:
    first, loaded = fresh_run(tmp_path)
    assert loaded and BAVARIA_2026.items() <= first.items()
    assert (tmp_path / "holidays.json").exists()
    again, loaded = fresh_run(tmp_path)
    assert again == first == in_memory()
    assert not loaded  # the ~14 MiB package stays out of the second run


def test_the_tray_has_its_calendars_computed_by_a_helper_process(tmp_path: Path) -> None:
    found, loaded = fresh_run(tmp_path, "helper")
    assert found == in_memory()
    assert BAVARIA_2026.items() <= found.items()
    assert not loaded


@pytest.mark.parametrize(
    "kept",
    [
        "{not json",
        '{"stamp": "an older app", "calendars": {"DE-BY 2026 de": [["2026-05-05", "Made up"]]}}',
        '{"stamp": 1, "calendars": []}',
    ],
)
def test_a_damaged_or_outdated_file_of_calendars_is_computed_again(
    tmp_path: Path, kept: str
) -> None:
    (tmp_path / "holidays.json").write_text(kept, encoding="utf-8")
    holidays.keep_calendars(tmp_path)
    found = holidays.holidays_between("DE-BY", date(2026, 1, 1), date(2027, 12, 31), "de")
    assert found == in_memory()
    # ...and what was computed replaced it.
    holidays.keep_calendars(tmp_path)
    assert holidays.holidays_between("DE-BY", date(2026, 1, 1), date(2026, 12, 31), "de") == {
        d: n for d, n in found.items() if d.year == 2026
    }
    assert "Made up" not in (tmp_path / "holidays.json").read_text(encoding="utf-8")


def test_calendars_that_cannot_be_kept_are_still_right(tmp_path: Path) -> None:
    holidays.keep_calendars(tmp_path / "no such folder")  # the write fails: nothing is kept
    found = holidays.holidays_between("DE-BY", date(2026, 1, 1), date(2027, 12, 31), "de")
    assert found == in_memory()
    assert not (tmp_path / "no such folder").exists()


def test_a_failing_helper_leaves_the_calendar_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helper, "helper_command", lambda _: [sys.executable, "-c", "exit(3)"])
    holidays.keep_calendars(tmp_path)
    holidays.compute_in_helper()
    holidays.prepare("DE-BY", [2026, 2027], "de")
    holidays.keep_calendars(tmp_path)
    found = holidays.holidays_between("DE-BY", date(2026, 1, 1), date(2027, 12, 31), "de")
    assert found == in_memory()


TRAY_PREPARES = """
import json, sys, threading
from clockapp.services.root import Services
from clockapp.ui.app import prepare_holidays
services = Services.open_default()
services.account.set_region("DE-BY")
prepare_holidays(services)
for job in threading.enumerate():
    if job.name == "holiday calendars":
        job.join(120)
print(json.dumps({"package_loaded": "holidays" in sys.modules}))
"""


def test_the_tray_prepares_the_calendars_its_views_count_without_loading_them(
    data_dir: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", TRAY_PREPARES],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert json.loads(done.stdout) == {"package_loaded": False}
    kept = json.loads((data_dir / "holidays.json").read_text(encoding="utf-8"))
    this_year = date.today().year
    assert {int(key.split()[1]) for key in kept["calendars"]} == {this_year, this_year + 1}


@pytest.mark.parametrize("args", [[], ["DE-BY"], ["DE-BY", "de"], ["DE-BY", "de", "x"]])
def test_the_helper_refuses_what_it_cannot_read_in_one_line(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", holidays.HELPER_ARGUMENT, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("clockapp: usage: clockapp --holiday-calendars REGION")
    assert done.stderr.count("\n") == 1
