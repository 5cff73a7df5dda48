"""Public holidays for the region setting, from the ``holidays`` package (kept up to date by its
maintainers; no hand-written table here). The domain gets them as plain data: date → name.

A region is ``none``, a country code (``DE``: the nationwide holidays) or a country and one of its
subdivisions (``DE-BY``, ``DE-BE``).
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache

from clockapp.domain.errors import ClockError

#: The region setting that counts no public holidays.
NO_REGION = "none"


def split_region(code: str) -> tuple[str, str | None] | None:
    """``(country, subdivision)`` for a region code the package knows, else None."""
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


@lru_cache(maxsize=64)
def _year(region: str, year: int, language: str) -> tuple[tuple[date, str], ...]:
    import holidays

    split = split_region(region)
    if split is None:
        return ()
    country, subdivision = split
    calendar = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)
    return tuple(sorted(calendar.items()))


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
