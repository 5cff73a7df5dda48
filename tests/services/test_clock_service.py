from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from clockapp.domain.clock import ClockState
from clockapp.domain.errors import ClockError, NotFound
from clockapp.services.clock import ClockService
from clockapp.settings import Settings
from clockapp.storage import Change, Store
from tests.conftest import BERLIN, FakeClock, berlin


def test_clock_in_is_on_disk_before_it_returns(service: ClockService) -> None:
    s = service.clock_in()
    other = Store.open(service.store.path)  # a second connection, as another process would
    assert other.running_session() == s
    other.close()


def test_a_working_day_from_in_to_out(service: ClockService, fake_clock: FakeClock) -> None:
    service.clock_in()
    fake_clock.set_local("2026-11-23 12:00")
    service.start_break()
    assert service.status().state is ClockState.ON_BREAK
    fake_clock.set_local("2026-11-23 12:30")
    service.end_break()
    fake_clock.set_local("2026-11-23 16:30")
    done = service.clock_out(note="done")
    assert done.worked_seconds(fake_clock.now) == 8 * 3600
    assert done.break_seconds(fake_clock.now) == 30 * 60
    status = service.status()
    assert status.state is ClockState.OFF
    assert status.worked_today_seconds == 8 * 3600
    [entry] = service.store.outbox()
    assert entry.change is Change.FINISHED and entry.session == done


def test_status_reports_state_since_and_todays_totals(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in(at=berlin("2026-11-23 07:30"))
    fake_clock.set_local("2026-11-23 10:00")
    service.start_break()
    fake_clock.set_local("2026-11-23 10:20")
    d = service.status().to_dict(BERLIN)
    assert d == {
        "state": "on_break",
        "since": "2026-11-23T10:00:00+01:00",
        "session_id": str(s.id),
        "session_start": "2026-11-23T07:30:00+01:00",
        "worked_today_min": 150,
        "break_today_min": 20,
    }
    service.end_break()
    assert service.status().since == berlin("2026-11-23 10:20")


def test_clock_out_during_a_break_ends_the_break_first(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.clock_in()
    fake_clock.advance(hours=5)
    service.start_break()
    fake_clock.advance(minutes=20)
    done = service.clock_out()
    assert done.breaks[-1].end == done.end == fake_clock.now


def test_a_back_dated_clock_in_may_not_overlap_an_earlier_session(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.clock_in(at=berlin("2026-11-23 06:00"))
    fake_clock.set_local("2026-11-23 07:00")
    service.clock_out()
    fake_clock.set_local("2026-11-23 09:00")
    with pytest.raises(ClockError, match="overlaps the session from 2026-11-23 06:00"):
        service.clock_in(at=berlin("2026-11-23 06:30"))
    assert service.status().state is ClockState.OFF
    assert len(service.store.outbox()) == 1


def test_editing_a_finished_session_queues_an_update(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in(at=berlin("2026-11-23 07:00"))
    fake_clock.set_local("2026-11-23 15:00")
    service.clock_out()
    edited = service.edit(
        str(s.id)[:6],
        start=berlin("2026-11-23 06:45"),
        breaks=[(berlin("2026-11-23 12:00"), berlin("2026-11-23 12:45"))],
        note="Inventur",
    )
    assert edited.start == berlin("2026-11-23 06:45") and edited.note == "Inventur"
    assert [e.change for e in service.store.outbox()] == [Change.FINISHED, Change.EDITED]
    assert service.store.session(s.id) == edited


def test_an_edit_that_changes_nothing_queues_nothing(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in()
    fake_clock.advance(hours=1)
    service.clock_out()
    service.edit(str(s.id), note="")
    assert len(service.store.outbox()) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": berlin("2026-11-23 06:00")}, "end must come after the start"),
        (
            {"breaks": [(berlin("2026-11-23 16:00"), berlin("2026-11-23 16:30"))]},
            "outside the session",
        ),
        (
            {
                "breaks": [
                    (berlin("2026-11-23 10:00"), berlin("2026-11-23 10:30")),
                    (berlin("2026-11-23 10:15"), berlin("2026-11-23 10:45")),
                ]
            },
            "can't overlap",
        ),
        ({"end": berlin("2026-11-24 07:01")}, "longer than 24 hours"),
        ({"start": berlin("2026-11-22 20:00")}, "overlaps the session"),
    ],
)
def test_an_invalid_edit_is_refused_and_changes_nothing(
    service: ClockService, fake_clock: FakeClock, changes: dict[str, object], message: str
) -> None:
    fake_clock.set_local("2026-11-22 22:00")
    service.clock_in(at=berlin("2026-11-22 18:00"))
    service.clock_out()
    fake_clock.set_local("2026-11-23 15:00")
    s = service.clock_in(at=berlin("2026-11-23 07:00"))
    service.clock_out()
    fake_clock.set_local("2026-11-25 09:00")
    before = service.store.outbox()
    with pytest.raises(ClockError, match=message):
        service.edit(str(s.id), **changes)  # type: ignore[arg-type]
    assert service.store.session(s.id) == before[-1].session
    assert service.store.outbox() == before


def test_editing_the_running_session_queues_nothing_until_it_ends(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in()
    fake_clock.advance(hours=2)
    service.edit(str(s.id), start=fake_clock.now - timedelta(hours=3))
    assert service.store.outbox() == []
    service.edit(str(s.id), end=fake_clock.now)
    [entry] = service.store.outbox()
    assert entry.change is Change.FINISHED


def test_deleting_a_finished_session_queues_a_deletion(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in()
    fake_clock.advance(hours=1)
    service.clock_out()
    service.delete(str(s.id))
    assert [e.change for e in service.store.outbox()] == [Change.FINISHED, Change.DELETED]
    with pytest.raises(NotFound):
        service.find(str(s.id))


def test_a_locked_day_refuses_edits_deletes_and_back_dated_events(
    service: ClockService, fake_clock: FakeClock
) -> None:
    s = service.clock_in(at=berlin("2026-11-23 07:00"))
    fake_clock.set_local("2026-11-23 15:00")
    service.clock_out()
    fake_clock.set_local("2026-11-24 09:00")
    service.set_locked(berlin("2026-11-23 12:00").date(), True)
    before = service.store.outbox()
    with pytest.raises(ClockError, match="2026-11-23 is locked"):
        service.edit(str(s.id), note="late fix")
    with pytest.raises(ClockError, match="is locked"):
        service.delete(str(s.id))
    with pytest.raises(ClockError, match="is locked"):
        service.clock_in(at=berlin("2026-11-23 20:00"))
    assert service.store.outbox() == before
    assert service.week().days[0].locked
    service.set_locked(berlin("2026-11-23 12:00").date(), False)
    service.edit(str(s.id), note="late fix")


def test_today_cannot_be_locked_while_clocked_in(service: ClockService) -> None:
    service.clock_in()
    with pytest.raises(ClockError, match="still clocked in"):
        service.set_locked(berlin("2026-11-23 12:00").date(), True)


def test_session_ids_are_found_by_prefix_with_clear_refusals(service: ClockService) -> None:
    s = service.clock_in()
    assert service.find(str(s.id)[:4].upper()) == s
    with pytest.raises(NotFound, match="at least 4 characters"):
        service.find("ab")
    with pytest.raises(NotFound, match="No session has an id starting with monday"):
        service.find("monday")  # not hex: simply not found (issue 12)
    with pytest.raises(NotFound, match="No session"):
        service.find("0000" if not str(s.id).startswith("0000") else "ffff")


def test_week_report_uses_the_stored_sessions_and_targets(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.set_targets({"fri": 300})
    service.clock_in(at=berlin("2026-11-23 08:00"))
    fake_clock.set_local("2026-11-23 17:00")
    service.start_break(at=berlin("2026-11-23 12:00"))
    service.end_break(at=berlin("2026-11-23 12:45"))
    service.clock_out()
    report = service.week(berlin("2026-11-26 12:00").date())
    assert report.week_of.isoformat() == "2026-11-23"
    assert report.days[0].worked_min == 8 * 60 + 15
    assert report.days[0].break_min == 45
    assert report.target_min == 4 * 480 + 300
    assert report.overtime_min == 0
    assert report.remaining_min == 4 * 480 + 300 - 495


def test_targets_are_validated_and_saved(service: ClockService, tmp_path: object) -> None:
    with pytest.raises(ClockError):
        service.set_targets({"mon": 2000})
    with pytest.raises(ClockError, match="not a weekday"):
        service.set_targets({"monday": 60})
    service.set_targets({"sat": 120})
    assert Settings.load(service.settings.path).targets["sat"] == 120


def test_a_session_across_the_spring_dst_change_counts_real_time(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.clock_in(at=berlin("2026-03-29 01:30"))  # CET, +01:00
    fake_clock.now = berlin("2026-03-29 03:30")  # CEST, +02:00: one real hour later
    done = service.clock_out()
    assert done.worked_seconds(fake_clock.now) == 3600


def test_export_csv_is_readable_and_safe_in_spreadsheets(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.clock_in(at=berlin("2026-11-23 08:00"))
    fake_clock.set_local("2026-11-23 12:00")
    service.clock_out(note='=HYPERLINK("http://evil")')
    rows = list(
        csv.DictReader(
            io.StringIO(
                service.export(
                    berlin("2026-11-23 12:00").date(), berlin("2026-11-23 12:00").date(), "csv"
                )
            )
        )
    )
    assert len(rows) == 1
    assert rows[0]["start"] == "2026-11-23T08:00:00+01:00"
    assert rows[0]["worked_min"] == "240"
    assert rows[0]["note"].startswith("'=")
    as_json = json.loads(
        service.export(berlin("2026-11-23 12:00").date(), berlin("2026-11-23 12:00").date(), "json")
    )
    assert as_json[0]["note"] == '=HYPERLINK("http://evil")'


def test_export_for_excel_has_semicolons_a_bom_and_crlf(
    service: ClockService, fake_clock: FakeClock
) -> None:
    service.clock_in(at=berlin("2026-11-23 08:00"))
    fake_clock.set_local("2026-11-23 12:00")
    service.clock_out(note="Prüfung; Bericht")
    day = berlin("2026-11-23 12:00").date()
    text = service.export(day, day, "excel")
    assert text.startswith(
        "\ufeffid;date;start;end;worked_min;break_min;breaks;note;zone;changed_by_hand\r\n"
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[0]["worked_min"] == "240" and rows[0]["note"] == "Prüfung; Bericht"
    assert not service.export(day, day, "csv").startswith("\ufeff")


def test_two_front_ends_cannot_both_clock_in(service: ClockService, tmp_path: object) -> None:
    other = ClockService(Store.open(service.store.path), service.settings, BERLIN, now=service._now)
    service.clock_in()
    with pytest.raises(ClockError, match="already clocked in"):
        other.clock_in()
    other.store.close()
