"""The hour that happens twice when the clocks are put back (issue 12): a wall time there is
asked about and resolved by which of the two it was; the skipped spring hour stays refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from clockapp.domain.errors import ClockError
from clockapp.domain.zones import is_repeated, local_wall_time, wall_times

BERLIN = "Europe/Berlin"
AUTUMN = date(2026, 10, 25)
SPRING = date(2026, 3, 29)


def test_a_time_in_the_repeated_hour_is_the_first_or_the_second_as_chosen() -> None:
    first = local_wall_time(AUTUMN, time(2, 30), BERLIN, fold=0)
    second = local_wall_time(AUTUMN, time(2, 30), BERLIN, fold=1)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert second == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    assert wall_times(AUTUMN, time(2, 30), BERLIN) == (first, second)


def test_without_a_choice_the_repeated_hour_is_still_refused() -> None:
    with pytest.raises(ClockError, match=r"happened twice in Europe/Berlin"):
        local_wall_time(AUTUMN, time(2, 30), BERLIN)


@pytest.mark.parametrize("fold", [None, 0, 1])
def test_the_skipped_spring_hour_is_refused_whatever_the_choice(fold: int | None) -> None:
    with pytest.raises(ClockError, match=r"^2026-03-29 02:30 does not exist in Europe/Berlin"):
        local_wall_time(SPRING, time(2, 30), BERLIN, fold)
    assert not is_repeated(SPRING, time(2, 30), BERLIN)


@pytest.mark.parametrize(
    ("day", "wall", "repeated"),
    [
        (AUTUMN, time(2, 0), True),
        (AUTUMN, time(2, 59), True),
        (AUTUMN, time(1, 59), False),
        (AUTUMN, time(3, 0), False),
        (date(2026, 10, 24), time(2, 30), False),
        (SPRING, time(3, 0), False),
    ],
)
def test_which_wall_times_happen_twice(day: date, wall: time, repeated: bool) -> None:
    assert is_repeated(day, wall, BERLIN) is repeated


def test_an_ordinary_time_ignores_the_choice() -> None:
    expected = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    for fold in (None, 0, 1):
        assert local_wall_time(date(2026, 11, 24), time(8), BERLIN, fold) == expected
