"""The holidays package is the source of public holidays; the table of states Settings offers
must name exactly the states it knows (a state it dropped or renamed would fail here, not on
a user's machine)."""

from __future__ import annotations

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
