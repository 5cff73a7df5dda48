"""Sessions a manager has confirmed in Papershift: learned whenever the app reads a range listing
(the week's fetch of entries made elsewhere, the uploader's look-up after a lost answer), kept in
the store, and shown in the week and the month — offline too."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from clockapp.domain.errors import ConfirmedDay
from clockapp.domain.session import WorkSession
from clockapp.secrets import SecretStore
from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.services.sync import RemoteSession, SyncService
from clockapp.settings import Settings
from tests.conftest import BERLIN, FakeClock, berlin
from tests.fakes.papershift import FakePapershift
from tests.fakes.server import Fault
from tests.keyring_memory import MemoryKeyring
from tests.services.test_shifts import evening, with_papershift  # noqa: F401
from tests.services.test_uploader import work_day

MONDAY = date(2026, 11, 23)


def sync_service(service: ClockService) -> SyncService:
    return SyncService(service.store, service.settings, SecretStore(), now=service._now)


def pull(service: ClockService) -> list[RemoteSession]:
    return asyncio.run(sync_service(service).pull_week(MONDAY, BERLIN))


def remote_id(server: FakePapershift, start_text: str) -> int:
    start = berlin(start_text)
    return next(i for i, s in server.sessions.items() if s["starts_at"] == start)


def confirmed_days(service: ClockService) -> list[str]:
    return [d["date"] for d in service.week(MONDAY).to_dict()["days"] if d["confirmed"]]


def test_a_day_the_manager_confirmed_is_marked_in_the_week_and_month_also_offline(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    with_papershift(service, papershift)
    work_day(service, "2026-11-23")
    work_day(service, "2026-11-24")
    asyncio.run(sync_service(service).sync_now(asked=True))
    assert len(papershift.sessions) == 2
    papershift.confirm(remote_id(papershift, "2026-11-23 08:00"))
    assert confirmed_days(service) == []  # not known until a listing says so

    assert pull(service) == []  # both are ours: none counted as made elsewhere
    assert confirmed_days(service) == ["2026-11-23"]
    month = AccountService(service).month(MONDAY).to_dict()
    assert [d["date"] for d in month["days"] if d["confirmed"]] == ["2026-11-23"]

    # Offline, in a new process: the store remembers.
    papershift.stop()
    again = ClockService(
        service.store, Settings.load(service.settings.path), BERLIN, now=service._now
    )
    assert confirmed_days(again) == ["2026-11-23"]


def test_a_confirmation_taken_back_clears_the_mark(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    with_papershift(service, papershift)
    work_day(service, "2026-11-23")
    asyncio.run(sync_service(service).sync_now(asked=True))
    rid = remote_id(papershift, "2026-11-23 08:00")
    papershift.confirm(rid)
    pull(service)
    assert confirmed_days(service) == ["2026-11-23"]
    papershift.confirm(rid, confirmed=False)
    pull(service)
    assert confirmed_days(service) == []


def test_an_entry_made_elsewhere_and_confirmed_marks_its_day(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    with_papershift(service, papershift)
    terminal = papershift.add(berlin("2026-11-25 07:00"), berlin("2026-11-25 11:00"))
    papershift.confirm(terminal)
    [remote] = pull(service)
    assert remote.entry.confirmed
    report = service.week(MONDAY, extra=[remote.session], extra_confirmed=[remote.session.id])
    assert [d.date.isoformat() for d in report.days if d.confirmed] == ["2026-11-25"]


def test_the_uploaders_look_up_after_a_lost_answer_learns_the_confirmation(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    with_papershift(service, papershift)
    work_day(service, "2026-11-23")
    # Stored, but the answer is lost: the next run looks the entry up before sending again.
    papershift.fail_next(Fault(kind="after", status=502, method="POST"))
    sync = sync_service(service)
    asyncio.run(sync.sync_now(asked=True))
    papershift.confirm(remote_id(papershift, "2026-11-23 08:00"))
    asyncio.run(sync.sync_now(asked=True))
    assert len(papershift.sessions) == 1
    assert confirmed_days(service) == ["2026-11-23"]


# -- a confirmed day is changed only when the user agrees -----------------------------------------


def confirmed_friday(service: ClockService, server: FakePapershift) -> WorkSession:
    """Friday's work uploaded, confirmed by a manager, and known to be (the week was fetched)."""
    with_papershift(service, server)
    session = work_day(service, "2026-11-27")
    asyncio.run(sync_service(service).sync_now(asked=True))
    server.confirm(remote_id(server, "2026-11-27 08:00"))
    pull(service)
    return session


def test_edit_add_delete_and_discard_on_a_confirmed_day_ask_first(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    friday = confirmed_friday(service, papershift)
    before = service.sessions(date(2026, 11, 27), date(2026, 11, 27))
    asked = (
        "A manager has confirmed 2026-11-27; changing it shows up for them as a change. "
        "Add --yes to change it anyway."
    )
    with pytest.raises(ConfirmedDay) as refused:
        service.edit(str(friday.id), end=berlin("2026-11-27 17:00"))
    assert str(refused.value) == asked and refused.value.values["day"] == "2026-11-27"
    with pytest.raises(ConfirmedDay, match="2026-11-27"):
        service.add(berlin("2026-11-27 17:00"), berlin("2026-11-27 17:30"))
    with pytest.raises(ConfirmedDay, match="2026-11-27"):
        service.delete(str(friday.id))
    service.clock_in(at=berlin("2026-11-27 17:45"))  # clocking is not a change by hand
    with pytest.raises(ConfirmedDay, match="2026-11-27"):
        service.discard()
    assert service.sessions(date(2026, 11, 27), date(2026, 11, 27))[:1] == before  # unchanged

    # Agreed: each goes through.
    assert service.discard(change_confirmed=True).end is None
    edited = service.edit(str(friday.id), end=berlin("2026-11-27 17:00"), change_confirmed=True)
    assert edited.end == berlin("2026-11-27 17:00")
    added = service.add(
        berlin("2026-11-27 17:15"), berlin("2026-11-27 17:30"), change_confirmed=True
    )
    service.delete(str(added.id), change_confirmed=True)


def test_moving_a_session_onto_a_confirmed_day_asks_and_other_days_do_not(
    service: ClockService,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
    evening: FakeClock,  # noqa: F811
) -> None:
    thursday = work_day(service, "2026-11-26")
    confirmed_friday(service, papershift)
    # Thursday is not confirmed: its changes are not asked about.
    service.edit(str(thursday.id), end=berlin("2026-11-26 16:00"))
    service.add(berlin("2026-11-26 17:00"), berlin("2026-11-26 17:30"))
    # Across midnight into the confirmed Friday: asked.
    with pytest.raises(ConfirmedDay, match="2026-11-27"):
        service.add(berlin("2026-11-26 23:00"), berlin("2026-11-27 01:00"))


def test_without_papershift_nothing_is_confirmed_and_nothing_asked(
    service: ClockService,
    evening: FakeClock,  # noqa: F811
) -> None:
    session = work_day(service, "2026-11-27")
    assert service.confirmed_day(session) is None
    service.edit(str(session.id), end=berlin("2026-11-27 17:00"))
