"""ClockService.check_change: what an edit or an add would do, found by the same checks as the
save and without writing anything (the edit dialog's live result and refusal)."""

from __future__ import annotations

from datetime import date

import pytest

from clockapp.domain.errors import ClockError
from clockapp.domain.rules import RULE_BREAK_30, RULE_MAX_10H
from clockapp.services.clock import ClockService
from clockapp.storage import Store
from tests.conftest import FakeClock, berlin


def tuesday(service: ClockService, clock: FakeClock) -> str:
    """Tuesday 2026-11-24, 08:00 to 15:00 without a break (breaks the 30-minute rule)."""
    clock.set_local("2026-11-27 18:00")
    service.clock_in(at=berlin("2026-11-24 08:00"))
    return str(service.clock_out(at=berlin("2026-11-24 15:00")).id)


def test_a_refused_change_is_refused_with_the_saves_sentence_and_nothing_is_written(
    service: ClockService, store: Store, fake_clock: FakeClock
) -> None:
    ref = tuesday(service, fake_clock)
    watcher = Store.open(store.path)  # data_version moves with another connection's commits
    version = watcher.data_version()
    checked = service.check_change(
        None, start=berlin("2026-11-24 06:00"), end=berlin("2026-11-24 09:00")
    )
    with pytest.raises(ClockError) as saving:
        service.add(berlin("2026-11-24 06:00"), berlin("2026-11-24 09:00"))
    assert checked.refusal is not None and str(checked.refusal) == str(saving.value)

    start, end = berlin("2026-11-24 08:00"), berlin("2026-11-28 15:00")  # 4 days long
    checked = service.check_change(ref, start=start, end=end)
    with pytest.raises(ClockError) as saving:
        service.edit(ref, start=start, end=end)
    assert checked.refusal is not None and str(checked.refusal) == str(saving.value)
    assert watcher.data_version() == version
    watcher.close()
    assert service.find(ref).end == berlin("2026-11-24 15:00")


def test_the_days_before_and_after_and_the_rules_broken_and_mended(
    service: ClockService, fake_clock: FakeClock
) -> None:
    ref = tuesday(service, fake_clock)
    lunch = [(berlin("2026-11-24 12:00"), berlin("2026-11-24 12:30"))]
    checked = service.check_change(ref, start=berlin("2026-11-24 08:00"), breaks=lunch)
    assert checked.refusal is None
    [before], [after] = checked.before, checked.after
    assert before.date == after.date == date(2026, 11, 24) and after.target_min == 480
    assert (before.worked_min, after.worked_min, after.counted_break_min) == (420, 390, 30)
    assert [v.rule for v in checked.broken_before] == [RULE_BREAK_30]
    assert checked.broken_after == ()

    longer = service.check_change(
        ref, start=berlin("2026-11-24 08:00"), end=berlin("2026-11-24 19:00"), breaks=lunch
    )
    assert RULE_MAX_10H in [v.rule for v in longer.broken_after]


def test_an_unchanged_session_is_no_change_and_a_night_shift_shows_both_days(
    service: ClockService, fake_clock: FakeClock
) -> None:
    ref = tuesday(service, fake_clock)
    same = service.check_change(ref, start=berlin("2026-11-24 08:00"))
    assert same.refusal is None and same.before == same.after

    night = service.check_change(
        None, start=berlin("2026-11-25 22:00"), end=berlin("2026-11-26 06:00")
    )
    assert night.refusal is None
    assert [(d.date.day, d.worked_min) for d in night.after] == [(25, 120), (26, 360)]
    assert [d.worked_min for d in night.before] == [0, 0]


def test_the_running_sessions_open_break_stays_open_when_given_without_an_end(
    service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-23 09:00")
    running = service.clock_in()
    fake_clock.set_local("2026-11-23 11:00")
    service.start_break()
    fake_clock.set_local("2026-11-23 11:20")
    breaks = [
        (berlin("2026-11-23 10:00"), berlin("2026-11-23 10:15")),
        (berlin("2026-11-23 11:00"), None),
    ]
    edited = service.edit(str(running.id), start=berlin("2026-11-23 08:00"), breaks=breaks)
    assert edited.end is None and edited.open_break is not None
    assert len(edited.breaks) == 2 and edited.start == berlin("2026-11-23 08:00")
