"""The time account on a real store: holidays by region, absences, the month and the balance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clockapp.domain.errors import ClockError, NotFound
from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.settings import Policy, Settings, SettingsError
from tests.conftest import FakeClock, berlin


@pytest.fixture
def account(service: ClockService) -> AccountService:
    return AccountService(service)


def work(service: ClockService, start: str, end: str) -> None:
    service.clock_in(berlin(start))
    service.clock_out(berlin(end))


def snapshot(account: AccountService) -> tuple[object, ...]:
    return (
        account.absences(),
        account.record.adjustments(),
        dict(account.settings.values),
        account.store.locked_days(date(2000, 1, 1), date(2100, 1, 1)),
    )


# -- public holidays ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2026, 1, 6), date(2026, 6, 4)])
def test_a_holiday_in_bavaria_is_a_working_day_in_berlin(
    account: AccountService, service: ClockService, day: date
) -> None:
    account.set_region("DE-BY")
    assert day.isoformat() in {h["date"] for h in account.holidays(2026)}
    bavaria = service.week(day).days[day.weekday()]
    assert bavaria.target_min == 0 and bavaria.holiday

    account.set_region("DE-BE")
    assert day.isoformat() not in {h["date"] for h in account.holidays(2026)}
    berlin_day = service.week(day).days[day.weekday()]
    assert berlin_day.target_min == 480 and berlin_day.holiday is None


def test_holiday_names_in_german(account: AccountService) -> None:
    account.set_region("DE-BY")
    names = {h["date"]: h["name"] for h in account.holidays(2026, language="de")}
    assert names["2026-01-06"] == "Heilige Drei Könige"


def test_no_region_counts_no_holidays_and_says_so(
    account: AccountService, service: ClockService
) -> None:
    assert account.region == "none" and account.holidays(2026) == []
    assert service.week(date(2026, 12, 25)).days[4].target_min == 480
    assert account.region_note() is not None


def test_an_unknown_region_is_one_sentence_and_changes_nothing(account: AccountService) -> None:
    account.set_region("DE-BY")
    before = snapshot(account)
    with pytest.raises(ClockError, match="XX-YY is not a region"):
        account.set_region("XX-YY")
    assert snapshot(account) == before and account.region == "DE-BY"


def test_the_policy_may_lock_the_region(tmp_path: Path, fake_clock: FakeClock) -> None:
    from clockapp.storage import Store

    policy = Policy({"holiday_region": "DE-BE"}, frozenset({"holiday_region"}))
    settings = Settings(tmp_path / "settings.json", {}, policy)
    store = Store.open(tmp_path / "db")
    try:
        account = AccountService(ClockService(store, settings, "Europe/Berlin", now=fake_clock))
        with pytest.raises(SettingsError, match="set by your IT department"):
            account.set_region("DE-BY")
        assert account.region == "DE-BE"
    finally:
        store.close()


# -- absences -------------------------------------------------------------------------------------


def test_a_vacation_week_shows_no_missing_hours(
    account: AccountService, service: ClockService
) -> None:
    account.add_absence("vacation", date(2026, 11, 23), date(2026, 11, 29))
    week = service.week(date(2026, 11, 25))
    assert week.target_min == 0 and week.remaining_min == 0
    assert [d["absence"] for d in week.to_dict()["days"]] == ["vacation"] * 5 + [
        None,
        None,
    ]


def test_half_days_and_comp_time(account: AccountService, service: ClockService) -> None:
    account.add_absence("sick", date(2026, 11, 23), half=True)
    account.add_absence("comp_time", date(2026, 11, 24))
    days = service.week(date(2026, 11, 23)).days
    assert (days[0].target_min, days[0].absence) == (240, "sick")
    assert (days[1].target_min, days[1].absence) == (480, "comp_time")


def test_a_day_with_absence_and_work_counts_the_work(
    account: AccountService, service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-24 18:00")
    work(service, "2026-11-23 09:00", "2026-11-23 11:00")
    account.add_absence("vacation", date(2026, 11, 23))
    monday = service.week(date(2026, 11, 23)).days[0]
    assert (monday.worked_min, monday.target_min, monday.absence) == (120, 0, "vacation")
    assert account.balance(date(2026, 11, 23)).balance_min == 120


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026-11-25", "2026-11-27", "overlaps the vacation absence"),
        ("2026-11-20", "2026-11-23", "overlaps"),
        ("2026-11-28", "2026-11-29", "holds no working day"),
        ("2026-11-16", "2026-11-17", "2026-11-17 is locked"),
    ],
)
def test_bad_absences_are_refused_and_change_nothing(
    account: AccountService, service: ClockService, first: str, last: str, message: str
) -> None:
    account.add_absence("vacation", date(2026, 11, 23), date(2026, 11, 27))
    service.set_locked(date(2026, 11, 17), True)
    before = snapshot(account)
    with pytest.raises(ClockError, match=message):
        account.add_absence("sick", date.fromisoformat(first), date.fromisoformat(last))
    assert snapshot(account) == before


def test_an_unknown_kind_is_refused(account: AccountService) -> None:
    with pytest.raises(ClockError, match="'holiday' is not a kind of absence"):
        account.add_absence("holiday", date(2026, 11, 23))
    assert account.absences() == []


def test_deleting_an_absence(account: AccountService, service: ClockService) -> None:
    a = account.add_absence("vacation", date(2026, 11, 23))
    service.set_locked(date(2026, 11, 23), True)
    with pytest.raises(ClockError, match="locked"):
        account.delete_absence(a.id)
    service.set_locked(date(2026, 11, 23), False)
    account.delete_absence(a.id)
    assert account.absences() == []
    with pytest.raises(NotFound):
        account.delete_absence(a.id)


# -- month and balance ----------------------------------------------------------------------------


def test_the_month_carries_the_balance_in_and_out(
    account: AccountService, service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-12-15 12:00")
    account.set_balance(since=date(2026, 10, 1), opening_min=60)
    account.set_region("DE-BY")
    work(service, "2026-11-02 08:00", "2026-11-02 17:00")  # 9 h: 60 min over
    account.add_absence("vacation", date(2026, 11, 3), date(2026, 11, 30))
    account.adjust(-30, "paid out", date(2026, 11, 10))
    october = account.month(date(2026, 10, 1))
    november = account.month(date(2026, 11, 20))
    assert november.balance_start_min == october.balance_end_min
    # October: 22 working days (3 Oct is a Saturday), nothing worked.
    assert october.balance_end_min == 60 - 22 * 480
    assert november.balance_end_min == november.balance_start_min + 60 - 30
    assert november.sum_time_spent == 540 and november.workdays == 1.13
    assert account.balance(date(2026, 11, 30)).balance_min == november.balance_end_min


def test_the_running_month_owes_nothing_for_days_to_come(
    account: AccountService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-04 12:00")  # Wednesday
    account.set_balance(since=date(2026, 11, 1))
    report = account.month()
    assert report.balance_end_min == -2 * 480  # Monday and Tuesday; not the rest of November
    assert account.balance().balance_min == report.balance_end_min


def test_balance_reports_today_and_vacation_days(
    account: AccountService, service: ClockService, fake_clock: FakeClock
) -> None:
    account.set_balance(since=date(2026, 1, 1), vacation_days=28)
    account.add_absence("vacation", date(2026, 11, 16), date(2026, 11, 17))
    account.add_absence("vacation", date(2026, 12, 1), half=True)
    fake_clock.set_local("2026-11-23 08:00")
    service.clock_in()
    fake_clock.set_local("2026-11-23 09:30")
    balance = account.balance()
    assert balance.as_of == date(2026, 11, 22) and balance.today_min == 90
    assert balance.to_dict()["vacation"] == {
        "entitlement_days": 28,
        "taken_days": 2.0,
        "planned_days": 0.5,
        "left_days": 25.5,
    }


def test_since_after_as_of_is_one_sentence(account: AccountService) -> None:
    account.set_balance(since=date(2026, 12, 1))
    with pytest.raises(ClockError, match="starts on 2026-12-01, after 2026-11-30"):
        account.balance(date(2026, 11, 30))


def test_balance_set_checks_everything_before_changing_anything(
    account: AccountService,
) -> None:
    before = snapshot(account)
    with pytest.raises(SettingsError):
        account.set_balance(since=date(2026, 1, 1), opening_min=10**9)
    assert snapshot(account) == before


def test_the_balance_sees_every_change_to_days_it_has_kept(
    account: AccountService, service: ClockService, fake_clock: FakeClock
) -> None:
    """Finished days' times are kept in the store; any change to a session or a break of such
    a day (edit, delete, a new one, a night session, another zone's view) is seen at once."""
    fake_clock.set_local("2026-11-30 12:00")
    account.set_balance(since=date(2026, 11, 2))
    work(service, "2026-11-02 08:00", "2026-11-02 16:00")
    as_of = date(2026, 11, 6)  # Mon–Fri: 5 × 480 target
    assert account.balance(as_of).balance_min == 480 - 5 * 480
    kept = account.record.cached_day_times("Europe/Berlin", date(2026, 11, 2), as_of)
    assert kept[date(2026, 11, 2)] == (8 * 3600.0, 0.0) and len(kept) == 5

    [s] = service.sessions(date(2026, 11, 2), date(2026, 11, 2))
    service.edit(str(s.id), end=berlin("2026-11-02 17:00"))
    assert account.balance(as_of).balance_min == 540 - 5 * 480
    service.edit(str(s.id), breaks=[(berlin("2026-11-02 12:00"), berlin("2026-11-02 12:45"))])
    assert account.balance(as_of).balance_min == 495 - 5 * 480
    work(service, "2026-11-03 22:00", "2026-11-04 02:00")  # a night: 2 h on each day
    assert account.balance(as_of).balance_min == 495 + 240 - 5 * 480
    service.delete(str(s.id))
    assert account.balance(as_of).balance_min == 240 - 5 * 480
    # Another viewer's zone has its own days.
    tokyo = AccountService(
        ClockService(service.store, service.settings, "Asia/Tokyo", now=fake_clock)
    )
    assert tokyo.balance(as_of).balance_min == 240 - 5 * 480
    assert account.balance(as_of).balance_min == 240 - 5 * 480


def test_the_summed_balance_is_the_days_added_up_cached_or_not(
    account: AccountService, service: ClockService, fake_clock: FakeClock
) -> None:
    """The balance and the month's balance in and out sum months of days at once (from the
    kept day times, targets by weekday less holidays and absences): the same as adding up each
    day's worked minus target, the first time (nothing kept yet) and after."""
    fake_clock.set_local("2026-11-30 12:00")
    account.set_region("DE-BY")
    account.set_balance(since=date(2026, 9, 1), opening_min=-90)
    for day in ("2026-09-01", "2026-10-02"):
        work(service, f"{day} 08:00", f"{day} 17:13")
    work(service, "2026-10-15 21:00", "2026-10-16 03:30")  # a night across two days
    for day in ("2026-10-27", "2026-11-03"):
        work(service, f"{day} 08:00", f"{day} 17:13")
    account.add_absence("vacation", date(2026, 9, 14), date(2026, 9, 25))
    account.add_absence("sick", date(2026, 10, 5), half=True)
    account.add_absence("comp_time", date(2026, 10, 30))
    account.adjust(-120, "paid out", date(2026, 10, 1))
    days = account.days(date(2026, 9, 1), date(2026, 11, 29))
    assert any(d.holiday for d in days) and any(d.absence for d in days)

    def added_up(through: date) -> int:
        counted = sum(d.worked_min - d.target_min for d in days if d.date <= through)
        return -90 + counted + (-120 if through >= date(2026, 10, 1) else 0)

    for _ in range(2):  # the first time fills the cache of day times; the second reads it
        assert account.balance().balance_min == added_up(date(2026, 11, 29))
        assert account.balance(date(2026, 10, 20)).balance_min == added_up(date(2026, 10, 20))
        october = account.month(date(2026, 10, 1))
        assert october.balance_start_min == added_up(date(2026, 9, 30))
        assert october.balance_end_min == added_up(date(2026, 10, 31))
        november = account.month(date(2026, 11, 1))
        assert november.balance_end_min == added_up(date(2026, 11, 29))


def test_days_marked_absent_become_one_absence_per_run_all_or_none(
    account: AccountService, service: ClockService
) -> None:
    # Mon, Tue and Thu of one week: two absences (Mon–Tue, Thu).
    days = [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 26)]
    made = account.mark_absent("vacation", reversed(days), note="Alps")
    assert [(a.first, a.last, a.note) for a in made] == [
        (date(2026, 11, 23), date(2026, 11, 24), "Alps"),
        (date(2026, 11, 26), date(2026, 11, 26), "Alps"),
    ]
    # A refusal of one run (Wed is free, Thu overlaps) records none of them.
    service.set_locked(date(2026, 11, 27), True)
    before = snapshot(account)
    with pytest.raises(ClockError, match="overlaps the vacation absence"):
        account.mark_absent("sick", [date(2026, 11, 25), date(2026, 11, 26)])
    assert snapshot(account) == before
    with pytest.raises(ClockError, match="2026-11-27 is locked"):
        account.mark_absent("sick", [date(2026, 11, 25), date(2026, 11, 27)])
    assert snapshot(account) == before


def test_clearing_a_day_keeps_the_rest_of_a_longer_absence(account: AccountService) -> None:
    account.add_absence("vacation", date(2026, 11, 16), date(2026, 11, 27), note="Alps")
    account.clear_absence([date(2026, 11, 20)])  # a Friday in the middle
    assert [(a.kind, a.first, a.last, a.note) for a in account.absences()] == [
        ("vacation", date(2026, 11, 16), date(2026, 11, 19), "Alps"),
        ("vacation", date(2026, 11, 21), date(2026, 11, 27), "Alps"),
    ]
    account.clear_absence(
        [
            date(2026, 11, 23),
            date(2026, 11, 24),
            date(2026, 11, 25),
            date(2026, 11, 26),
            date(2026, 11, 27),
        ]
    )
    # What is left of the second part is a weekend: it counts nothing, so it is gone.
    assert [(a.first, a.last) for a in account.absences()] == [
        (date(2026, 11, 16), date(2026, 11, 19))
    ]


def test_clearing_a_locked_day_is_refused_and_changes_nothing(
    account: AccountService, service: ClockService
) -> None:
    account.add_absence("sick", date(2026, 11, 16), date(2026, 11, 18))
    service.set_locked(date(2026, 11, 17), True)
    before = snapshot(account)
    with pytest.raises(ClockError, match="2026-11-17 is locked"):
        account.clear_absence([date(2026, 11, 17)])
    assert snapshot(account) == before
    account.clear_absence([date(2026, 11, 18)])  # the unlocked end may go
    assert [(a.first, a.last) for a in account.absences()] == [
        (date(2026, 11, 16), date(2026, 11, 17))
    ]
