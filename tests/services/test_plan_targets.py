"""Targets taken from the shift plan (the setting ``target_from_shifts``): a day's target is the
time of the user's own planned shifts that day, 0 without one — the same in the week, the month
and the balance, because all three ask ``target_for``."""

from __future__ import annotations

from datetime import date

import pytest

from clockapp.domain.shifts import Shift
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.services.shifts import destination_key
from clockapp.storage.shifts import ShiftStore
from tests.conftest import FakeClock, berlin
from tests.keyring_memory import MemoryKeyring

MONDAY = date(2026, 11, 23)


@pytest.fixture
def planned(
    service: ClockService, memory_keyring: MemoryKeyring, fake_clock: FakeClock
) -> ClockService:
    """Papershift's plan for the week of 23 November: Monday 8 h and Saturday 6 h are ours,
    Tuesday's shift is a colleague's. Worked: Monday 8 h, Wednesday 4 h, Saturday 6 h."""
    fake_clock.set_local("2026-11-30 09:00")  # the week is over
    config.configure_papershift(
        service.settings,
        SecretStore(),
        "https://app.papershift.com",
        "ps-token",
        {"location_id": "8006", "working_area_id": "12", "user_id": "1"},
    )
    key = destination_key(service.settings)
    assert key is not None
    with service.store.write():
        ShiftStore(service.store).replace(
            key,
            berlin("2026-11-01 00:00"),
            berlin("2026-12-01 00:00"),
            [
                Shift("1", berlin("2026-11-23 08:00"), berlin("2026-11-23 16:00"), own=True),
                Shift("2", berlin("2026-11-24 06:00"), berlin("2026-11-24 14:00")),
                Shift("3", berlin("2026-11-28 06:00"), berlin("2026-11-28 12:00"), own=True),
            ],
            fake_clock(),
        )
    for day, start, end in (
        ("2026-11-23", "08:00", "16:00"),
        ("2026-11-25", "08:00", "12:00"),
        ("2026-11-28", "06:00", "12:00"),
    ):
        service.add(berlin(f"{day} {start}"), berlin(f"{day} {end}"))
    service.settings.set("balance_since", "2026-11-23")
    return service


def targets(service: ClockService) -> list[int]:
    return [d.target_min for d in service.week(MONDAY).days]


def test_off_by_default_the_weekday_targets_count(planned: ClockService) -> None:
    assert planned.settings.get("target_from_shifts") is False
    assert targets(planned) == [480, 480, 480, 480, 480, 0, 0]
    week = planned.week(MONDAY)
    assert (week.total_min, week.target_min, week.remaining_min) == (1080, 2400, 1320)


def test_on_each_day_owes_its_planned_shifts_in_week_month_and_balance(
    planned: ClockService,
) -> None:
    planned.settings.set("target_from_shifts", True)
    # Monday and Saturday as planned; a colleague's Tuesday and the unplanned days owe nothing.
    assert targets(planned) == [480, 0, 0, 0, 0, 360, 0]
    week = planned.week(MONDAY)
    assert (week.total_min, week.target_min, week.overtime_min) == (1080, 840, 240)
    account = AccountService(planned)
    month = account.month(MONDAY)
    assert month.target_min == 840 and month.sum_time_spent == 1080
    assert [d.target_min for d in month.days if d.target_min] == [480, 360]
    # The balance since Monday: worked minus the planned targets, as the week says.
    assert account.balance(date(2026, 11, 29)).balance_min == 240
    assert month.balance_end_min == 240

    planned.settings.set("target_from_shifts", False)
    assert account.balance(date(2026, 11, 29)).balance_min == 1080 - 2400


def test_leave_excuses_a_planned_shift_and_a_planned_weekend_day_costs_a_vacation_day(
    planned: ClockService,
) -> None:
    planned.settings.set("target_from_shifts", True)
    account = AccountService(planned)
    account.add_absence("sick", date(2026, 11, 23))  # the Monday shift is excused
    account.add_absence("vacation", date(2026, 11, 28))  # a planned Saturday costs a day
    assert targets(planned) == [0, 0, 0, 0, 0, 0, 0]
    assert account.vacation(date(2026, 11, 30))[1] == 1.0


def test_without_a_shift_plan_the_setting_leaves_the_weekday_targets(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.settings.set("target_from_shifts", True)  # but no Papershift
    assert targets(service) == [480, 480, 480, 480, 480, 0, 0]


def test_a_public_holiday_owes_what_the_plan_says() -> None:
    from clockapp.domain.targets import target_for
    from clockapp.domain.week import Targets

    christmas = date(2026, 12, 25)
    holidays = {christmas: "Christmas Day"}
    assert target_for(christmas, Targets(), holidays, {}) == 0
    assert target_for(christmas, Targets(), holidays, {}, {christmas: 300}) == 300  # on shift
    assert target_for(christmas, Targets(), holidays, {}, {}) == 0
