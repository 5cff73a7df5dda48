"""Public holidays for the region setting, from the ``holidays`` package (kept up to date by its
maintainers; no hand-written table here). The domain gets them as plain data: date → name.

A region is ``none``, a country code (``DE``: the nationwide holidays) or a country and one of its
subdivisions (``DE-BY``, ``DE-BE``).

Loading the package costs a process ~14 MiB that it never gives back (it imports every country
it knows), so a year's calendar, once computed, is kept in ``holidays.json`` beside the database
(:func:`keep_calendars`), and the tray has missing ones computed by a short-lived helper process
(:func:`compute_in_helper`): it never loads the package itself.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from clockapp.domain.errors import ClockError
from clockapp.platform.helper import run_helper

log = logging.getLogger(__name__)

#: The region setting that counts no public holidays.
NO_REGION = "none"


def split_region(code: str) -> tuple[str, str | None] | None:
    """``(country, subdivision)`` for a region code the package knows, else None."""
    if code == "DE" or code in dict(GERMAN_STATES):  # known without loading the package
        return "DE", code[3:] or None
    import holidays  # loaded only when a region is used: it takes a few hundred ms

    country, _, subdivision = code.partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported or (subdivision and subdivision not in supported[country]):
        return None
    return country, subdivision or None


#: Germany's sixteen states as Settings offers them, by name (ISO 3166-2:DE codes and the
#: states' own names). Kept here, not asked of the ``holidays`` package: loading it and its
#: German calendar costs the settings dialog about 17 MiB and a quarter second; a test checks
#: the package knows each of these.
GERMAN_STATES: tuple[tuple[str, str], ...] = (
    ("DE-BW", "Baden-Württemberg"),
    ("DE-BY", "Bayern"),
    ("DE-BE", "Berlin"),
    ("DE-BB", "Brandenburg"),
    ("DE-HB", "Bremen"),
    ("DE-HH", "Hamburg"),
    ("DE-HE", "Hessen"),
    ("DE-MV", "Mecklenburg-Vorpommern"),
    ("DE-NI", "Niedersachsen"),
    ("DE-NW", "Nordrhein-Westfalen"),
    ("DE-RP", "Rheinland-Pfalz"),
    ("DE-SL", "Saarland"),
    ("DE-SN", "Sachsen"),
    ("DE-ST", "Sachsen-Anhalt"),
    ("DE-SH", "Schleswig-Holstein"),
    ("DE-TH", "Thüringen"),
)


def check_region(code: str) -> str:
    """``code`` as the setting stores it; an unknown one is a ``ClockError``."""
    code = code.strip()
    if code.lower() == NO_REGION:
        return NO_REGION
    code = code.upper()
    if split_region(code) is None:
        raise ClockError(
            "{code} is not a region ClockApp knows public holidays for; use DE, a German "
            "state such as DE-BY or DE-BE, or none.",
            code=code,
        )
    return code


def holiday_language() -> str:
    """The language of holiday names: German where the user's locale is German, else English
    (the variables in gettext's order, as Qt reads them for the UI's language)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "de" if value.lower().startswith("de") else "en_US"
    return "en_US"


Calendar = tuple[tuple[date, str], ...]

#: Where computed calendars are kept between runs (None: only in this process's memory).
_kept_in: Path | None = None
#: Compute missing calendars in a helper process rather than in this one.
_in_helper = False

#: The helper is this app started with this first argument (clockapp.cli passes it on here).
HELPER_ARGUMENT = "--holiday-calendars"


def keep_calendars(folder: Path | None) -> None:
    """Keep computed calendars in ``folder`` (the data folder) between runs (None: don't)."""
    global _kept_in
    _kept_in = folder / "holidays.json" if folder is not None else None
    _year.cache_clear()


def compute_in_helper(enabled: bool = True) -> None:
    """Compute missing calendars in a helper process (the tray: a long-lived process that
    should not carry the package for a calendar it needs once a year)."""
    global _in_helper
    _in_helper = enabled


def _key(region: str, year: int, language: str) -> str:
    return f"{region} {year} {language}"


@lru_cache(maxsize=1)
def _stamp() -> str:
    """What the kept calendars were computed with: a new app or holidays package recomputes."""
    from importlib.util import find_spec

    from clockapp import __version__

    spec = find_spec("holidays")
    origin = spec.origin if spec is not None else None
    try:
        package = str(os.stat(origin).st_mtime_ns) if origin else "bundled"
    except OSError:
        package = "bundled"
    return f"{__version__} {package}"


def _read_kept() -> dict[str, Calendar]:
    if _kept_in is None:
        return {}
    try:
        data = json.loads(_kept_in.read_text(encoding="utf-8"))
        if data.get("stamp") != _stamp():
            return {}
        return {
            key: tuple((date.fromisoformat(d), str(name)) for d, name in days)
            for key, days in data["calendars"].items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.info("kept holiday calendars not read (computed again): %s", exc)
        return {}


def _keep(found: dict[str, Calendar]) -> None:
    if _kept_in is None or not found:
        return
    from clockapp.files import write_atomically

    calendars = {**_read_kept(), **found}  # another process may have kept others meanwhile
    text = json.dumps(
        {
            "stamp": _stamp(),
            "calendars": {
                key: [[d.isoformat(), name] for d, name in days]
                for key, days in sorted(calendars.items())
            },
        },
        ensure_ascii=False,
    )
    try:
        write_atomically(_kept_in, text)
    except OSError as exc:  # a full or read-only disk: computed again next time
        log.info("holiday calendars not kept: %s", exc)


def _compute(region: str, year: int, language: str) -> Calendar:
    """The calendar from the package, in this process."""
    import holidays

    split = split_region(region)
    if split is None:
        return ()
    country, subdivision = split
    calendar = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)
    return tuple(sorted(calendar.items()))


def _from_helper(region: str, years: Sequence[int], language: str) -> dict[str, Calendar]:
    """The calendars computed by the helper process; none if it failed (computed here then)."""
    import subprocess  # not with this module: the tray's start opens it

    try:
        done = run_helper(HELPER_ARGUMENT, [region, language, *map(str, years)], timeout=120)
        done.check_returncode()
        data = json.loads(done.stdout)
        return {
            _key(region, int(year), language): tuple(
                (date.fromisoformat(d), str(name)) for d, name in days
            )
            for year, days in data.items()
        }
    except (OSError, subprocess.SubprocessError, ValueError, TypeError, AttributeError) as exc:
        log.warning("the holiday helper failed (computing here instead): %s", exc)
        return {}


def prepare(region: str, years: Iterable[int], language: str | None = None) -> None:
    """Make sure the calendars of ``years`` are kept, computing the missing ones in one go
    (the tray calls this in a thread after it starts, so no window waits for them)."""
    if region == NO_REGION:
        return
    language = language or holiday_language()
    kept = _read_kept()
    missing = [y for y in years if _key(region, y, language) not in kept]
    if missing:
        _keep(_calculate(region, missing, language))


def _calculate(region: str, years: Sequence[int], language: str) -> dict[str, Calendar]:
    found = _from_helper(region, years, language) if _in_helper else {}
    for year in years:
        key = _key(region, year, language)
        if key not in found:
            found[key] = _compute(region, year, language)
    return found


@lru_cache(maxsize=64)
def _year(region: str, year: int, language: str) -> Calendar:
    key = _key(region, year, language)
    kept = _read_kept()
    if key in kept:
        return kept[key]
    found = _calculate(region, [year], language)
    _keep(found)
    return found[key]


def holidays_between(
    region: str, first: date, last: date, language: str | None = None
) -> dict[date, str]:
    """The public holidays of ``region`` from ``first`` to ``last`` inclusive: date → name
    (in ``language``, default :func:`holiday_language`). ``none`` or an unknown region: none."""
    if region == NO_REGION or last < first:
        return {}
    language = language or holiday_language()
    return {
        day: name
        for year in range(first.year, last.year + 1)
        for day, name in _year(region, year, language)
        if first <= day <= last
    }


def main(argv: Sequence[str]) -> int:
    """The helper: ``REGION LANGUAGE YEAR...`` → the calendars as JSON on stdout."""
    if len(argv) < 3 or not all(y.isdigit() and 1900 <= int(y) <= 2200 for y in argv[2:]):
        usage = f"usage: clockapp {HELPER_ARGUMENT} REGION LANGUAGE YEAR... (years 1900-2200)"
        print(f"clockapp: {usage}", file=sys.stderr)
        return 2
    region, language, *years = argv
    calendars = {
        year: [[d.isoformat(), name] for d, name in _compute(region, int(year), language)]
        for year in years
    }
    sys.stdout.write(json.dumps(calendars))  # ASCII: whatever the console's encoding
    return 0
