"""The shift plan as the app keeps it: pulled on "Sync now", stored per destination, shown in
the week beside the actual time, and still there when the server is not."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

import pytest

from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.shifts import ShiftService
from clockapp.services.sync import SyncService
from clockapp.storage.shifts import ShiftStore
from clockapp.sync.backend import TransientError
from tests.conftest import BERLIN, FakeClock, berlin
from tests.fakes.papershift import SHIFTS, FakePapershift
from tests.keyring_memory import MemoryKeyring
from tests.services.test_uploader import work_day
from tests.sync.test_papershift import Elsewhere

OURS = {"user_external_id": "User-001"}


@pytest.fixture
def evening(fake_clock: FakeClock) -> FakeClock:
    fake_clock.set_local("2026-11-27 18:00")
    return fake_clock


def with_papershift(service: ClockService, server: FakePapershift, user: str = "User-001") -> None:
    ids: dict[str, str | None] = {
        "location_external_id": "Company-A",
        "working_area_id": "12",
        "user_external_id": user,
    }
    config.configure_papershift(service.settings, SecretStore(), server.url, server.api_token, ids)


def sync_now(service: ClockService) -> object:
    sync = SyncService(service.store, service.settings, SecretStore(), now=service._now)
    return asyncio.run(sync.sync_now(asked=True))


def shift_service(service: ClockService) -> ShiftService:
    return ShiftService(service.store, service.settings, SecretStore(), BERLIN, now=service._now)


def test_sync_now_pulls_the_plan_and_the_week_shows_planned_beside_worked(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    with_papershift(service, papershift)
    work_day(service, "2026-11-23")
    papershift.add_shift(berlin("2026-11-23 08:00"), berlin("2026-11-23 16:00"), user_shift=OURS)
    # A night shift: 22:00 Wednesday to 06:00 Thursday counts 2 h and 6 h.
    papershift.add_shift(berlin("2026-11-25 22:00"), berlin("2026-11-26 06:00"), user_shift=OURS)
    papershift.add_shift(berlin("2026-11-24 06:00"), berlin("2026-11-24 14:00"))  # a colleague's
    result = sync_now(service)
    assert getattr(result, "uploaded", None) == 1

    days = {d["date"]: d for d in service.week(date(2026, 11, 23)).to_dict()["days"]}
    monday = days["2026-11-23"]
    assert monday["worked_min"] == 480 and monday["planned_min"] == 480
    assert monday["planned"] == [
        {"start": "2026-11-23T08:00:00+01:00", "end": "2026-11-23T16:00:00+01:00"}
    ]
    assert days["2026-11-24"]["planned_min"] == 0 and days["2026-11-24"]["planned"] == []
    assert days["2026-11-25"]["planned_min"] == 120
    assert days["2026-11-26"]["planned"] == [
        {"start": "2026-11-26T00:00:00+01:00", "end": "2026-11-26T06:00:00+01:00"}
    ]
    # The keys the week had before are all still there.
    assert {"date", "worked_min", "break_min", "counted_break_min", "target_min", "locked"} <= set(
        monday
    )
    assert len(shift_service(service).stored(date(2026, 11, 23), date(2026, 11, 29))) == 3


def test_a_failing_pull_never_fails_the_uploads(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    with_papershift(service, papershift)
    papershift.add_shift(berlin("2026-11-23 08:00"), berlin("2026-11-23 16:00"), user_shift=OURS)
    sync_now(service)
    work_day(service, "2026-11-24")

    papershift.shifts.clear()  # if the pull went through, Monday's shift would be gone
    original = papershift.handle

    def handle(request):  # type: ignore[no-untyped-def]
        if request.path == SHIFTS:
            return 500, {"error": "shift plan unavailable"}
        return original(request)

    papershift.handle = handle  # type: ignore[method-assign]
    result = sync_now(service)
    assert getattr(result, "uploaded", None) == 1 and len(papershift.sessions) == 1
    [kept] = shift_service(service).stored(date(2026, 11, 23), date(2026, 11, 23))
    assert kept.start == berlin("2026-11-23 08:00")  # the last plan seen stays


def test_a_pull_replaces_its_range_only_and_only_for_its_destination(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    with_papershift(service, papershift)
    papershift.add_shift(berlin("2026-11-24 06:00"), berlin("2026-11-24 14:00"))
    papershift.add_shift(berlin("2026-12-15 06:00"), berlin("2026-12-15 14:00"))
    shifts = shift_service(service)
    asyncio.run(shifts.refresh(date(2026, 11, 23), date(2026, 12, 20)))
    papershift.shifts.clear()  # the 24th's shift is cancelled, December's is not read again
    papershift.add_shift(berlin("2026-11-25 06:00"), berlin("2026-11-25 14:00"))
    asyncio.run(shifts.refresh(date(2026, 11, 23), date(2026, 11, 29)))
    stored = shifts.stored(date(2026, 11, 1), date(2026, 12, 31))
    # The cancelled one is gone, the new one is there, December's (not re-read) stays.
    assert [s.start for s in stored] == [berlin("2026-11-25 06:00"), berlin("2026-12-15 06:00")]

    with_papershift(service, papershift, user="User-002")  # another destination: nothing yet
    assert shifts.stored(date(2026, 11, 1), date(2026, 12, 31)) == []


def test_shifts_are_shown_from_the_store_with_the_server_down(
    service: ClockService, memory_keyring: MemoryKeyring, evening: FakeClock
) -> None:
    with FakePapershift() as server:
        with_papershift(service, server)
        server.add_shift(berlin("2026-11-26 06:00"), berlin("2026-11-26 14:00"), user_shift=OURS)
        shifts = shift_service(service)
        asyncio.run(shifts.refresh(date(2026, 11, 23), date(2026, 11, 29)))
    # The server is gone: a refresh fails plainly, the stored plan is still shown.
    with pytest.raises(TransientError, match="Papershift can't be reached"):
        asyncio.run(shifts.refresh(date(2026, 11, 23), date(2026, 11, 29)))
    [shift] = shifts.stored(date(2026, 11, 23), date(2026, 11, 29))
    assert shift.own and shift.start == berlin("2026-11-26 06:00")
    thursday = service.week(date(2026, 11, 26)).days[3]
    assert thursday.planned_min == 480 and thursday.worked_min == 0


def test_no_request_ever_sends_the_token_to_another_origin(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    with_papershift(service, papershift)
    for i in range(60):
        start = berlin("2026-11-20 06:00") + timedelta(hours=8 * i)
        papershift.add_shift(start, start + timedelta(hours=4), user_shift=OURS)
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        work_day(service, day)
    with Elsewhere() as elsewhere:
        papershift.next_page_origin = elsewhere.url  # every next_page names another host
        sync_now(service)
        asyncio.run(shift_service(service).refresh(date(2026, 11, 1), date(2026, 12, 31)))
        assert elsewhere.requests == []
    assert len(papershift.requests) > 5
    stored = shift_service(service).stored(date(2026, 11, 1), date(2026, 12, 31))
    assert len(stored) == 60 and len({s.id for s in stored}) == 60
    assert (
        ShiftStore(service.store).pulled_at(
            config.destination_of(service.settings).key  # type: ignore[union-attr]
        )
        == evening()
    )


def test_without_papershift_there_is_no_plan(
    service: ClockService, memory_keyring: MemoryKeyring, evening: FakeClock
) -> None:
    shifts = shift_service(service)
    assert (
        not shifts.available
        and asyncio.run(shifts.refresh(date(2026, 11, 23), date(2026, 11, 29))) is None
    )
    assert all(d.planned == () for d in service.week(date(2026, 11, 23)).days)


def test_shift_reminders_are_off_by_default_and_come_once_when_switched_on(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    fake_clock: FakeClock,
) -> None:
    from clockapp.domain.presence import ReminderKind
    from clockapp.services.presence import PresenceService

    fake_clock.set_local("2026-11-23 05:00")
    with_papershift(service, papershift)
    papershift.add_shift(berlin("2026-11-23 06:00"), berlin("2026-11-23 14:00"), user_shift=OURS)
    sync_now(service)
    presence = PresenceService(service, now=fake_clock, zone_now=lambda: BERLIN)

    def shift_kinds() -> list[ReminderKind]:
        return [r.kind for r in presence.due_reminders() if "shift" in r.kind.value]

    fake_clock.set_local("2026-11-23 05:55")
    assert shift_kinds() == []  # off by default
    service.settings.set("remind_shift_start_ahead_minutes", 10)
    service.settings.set("remind_shift_not_clocked_in_minutes", 15)
    service.settings.set("remind_shift_still_clocked_in_minutes", 20)
    assert [r.kind for r in presence.due_reminders()] == [ReminderKind.SHIFT_STARTS]
    assert shift_kinds() == []  # once per shift, whatever polls again
    fake_clock.set_local("2026-11-23 06:20")
    assert shift_kinds() == [ReminderKind.SHIFT_NOT_CLOCKED_IN]
    service.clock_in()
    fake_clock.set_local("2026-11-23 14:25")
    assert ReminderKind.SHIFT_STILL_CLOCKED_IN in [r.kind for r in presence.due_reminders()]
    # A restart (a new presence service) does not repeat them.
    again = PresenceService(service, now=fake_clock, zone_now=lambda: BERLIN)
    assert [r for r in again.due_reminders() if "shift" in r.kind.value] == []


def test_shift_reminders_can_be_preset_and_locked_by_the_policy(tmp_path: Path) -> None:
    import json

    from clockapp.settings import Policy, Settings, SettingsError

    path = tmp_path / "policy.json"
    path.write_text(
        json.dumps(
            {
                "settings": {"remind_shift_start_ahead_minutes": 5},
                "locked": ["remind_shift_start_ahead_minutes"],
            }
        )
    )
    settings = Settings(tmp_path / "settings.json", {}, Policy.load(path))
    assert settings.get("remind_shift_start_ahead_minutes") == 5
    assert settings.get("remind_shift_not_clocked_in_minutes") is None  # off by default
    with pytest.raises(SettingsError, match="set by your IT department"):
        settings.set("remind_shift_start_ahead_minutes", None)
    with pytest.raises(SettingsError):
        settings.set("remind_shift_still_clocked_in_minutes", 999)


def test_the_periodic_sync_reads_the_plan_every_few_hours_and_sync_now_always(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,
) -> None:
    with_papershift(service, papershift)
    papershift.add_shift(berlin("2026-11-28 08:00"), berlin("2026-11-28 16:00"), user_shift=OURS)
    sync = SyncService(service.store, service.settings, SecretStore(), now=service._now)

    def plan_reads(asked: bool) -> int:
        with papershift.recording() as seen:
            asyncio.run(sync.sync_now(asked=asked))
        return sum(r.path == SHIFTS for r in seen)

    assert plan_reads(asked=False) == 1  # the first run after the start
    evening.advance(minutes=5)
    assert plan_reads(asked=False) == 0  # uploads every few minutes; the plan rarely changes
    assert plan_reads(asked=True) == 1  # "Sync now"
    evening.advance(hours=3)
    assert plan_reads(asked=False) == 1
