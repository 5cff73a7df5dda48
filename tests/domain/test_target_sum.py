"""The balance sums ten years of targets at once: the sum must be the days' targets added up."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clockapp.domain.targets import ABSENCE_KINDS, Absence, absence_days, target_for, target_sum
from clockapp.domain.week import Targets

BASE = date(2024, 1, 1)
minutes = st.integers(min_value=0, max_value=24 * 60)
offsets = st.integers(min_value=0, max_value=800)


@settings(max_examples=200, deadline=None)
@given(
    week=st.lists(minutes, min_size=7, max_size=7),
    first=offsets,
    length=st.integers(min_value=-3, max_value=800),
    holiday_days=st.sets(offsets, max_size=30),
    leave=st.lists(
        st.tuples(st.sampled_from(ABSENCE_KINDS), offsets, st.integers(0, 20), st.booleans()),
        max_size=15,
    ),
    plan=st.none() | st.dictionaries(offsets, minutes, max_size=40),
)
def test_the_target_sum_is_the_days_targets_added_up(
    week: list[int],
    first: int,
    length: int,
    holiday_days: set[int],
    leave: list[tuple[str, int, int, bool]],
    plan: dict[int, int] | None,
) -> None:
    targets = Targets(*week)
    holidays = {BASE + timedelta(days=d): "Holiday" for d in holiday_days}
    absences = [
        Absence(
            i, kind, BASE + timedelta(days=d), BASE + timedelta(days=d + (0 if half else n)), half
        )
        for i, (kind, d, n, half) in enumerate(leave)
    ]
    # Targets from a shift plan (target_from_shifts): only the planned days owe time.
    planned = None if plan is None else {BASE + timedelta(days=d): m for d, m in plan.items()}
    covered = absence_days(absences, targets, holidays, planned)
    start = BASE + timedelta(days=first)
    end = start + timedelta(days=length)
    days = [start + timedelta(days=i) for i in range(max((end - start).days + 1, 0))]
    expected = sum(target_for(d, targets, holidays, covered, planned) for d in days)
    assert target_sum(start, end, targets, holidays, covered, planned) == expected
