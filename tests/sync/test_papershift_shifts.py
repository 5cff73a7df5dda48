"""Reading the shift plan (seed 001) from the fake Papershift."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import berlin
from tests.fakes.papershift import FakePapershift
from tests.sync.test_papershift import Elsewhere, call, client

FIRST, LAST = date(2026, 11, 2), date(2026, 11, 29)


def plan(papershift: FakePapershift, count: int = 64) -> list[int]:
    """``count`` shifts, two a day from 2 November on, in the configured area."""
    ids = []
    for i in range(count):
        start = berlin("2026-11-02 06:00") + timedelta(hours=12 * i)
        ids.append(papershift.add_shift(start, start + timedelta(hours=8), note=f"shift {i}"))
    return ids


@pytest.mark.parametrize("form", ["url", "number"])
def test_all_shifts_over_pages_whichever_form_next_page_takes(
    papershift: FakePapershift, form: str
) -> None:
    papershift.shift_next_page = form
    ids = plan(papershift, 56)  # 28 days: all in the range, 3 pages
    papershift.add_shift(berlin("2026-11-03 06:00"), berlin("2026-11-03 14:00"), working_area_id=13)
    papershift.working_areas[13] = "Area-Beta"
    with papershift.recording() as seen:
        shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
    assert [s.id for s in shifts] == [str(i) for i in ids]  # only our working area, in order
    assert [r.query["page"] for r in seen] == ["1", "2", "3"]
    for r in seen:  # dates, the location and the area as configured
        assert (r.query["range_start"], r.query["range_end"]) == ("2026-11-02", "2026-11-29")
        assert r.query["location_external_id"] == "Company-A"
        assert r.query["working_area_id"] == "12"
    first = shifts[0]
    assert (first.start, first.end) == (berlin("2026-11-02 06:00"), berlin("2026-11-02 14:00"))
    assert first.note == "shift 0" and first.working_area_id == "12" and not first.own


def test_a_list_that_moved_between_pages_gives_each_shift_once(
    papershift: FakePapershift,
) -> None:
    papershift.shift_page_overlap = True  # each page repeats the last shift of the one before
    ids = plan(papershift, 56)
    shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
    assert [s.id for s in shifts] == [str(i) for i in ids]


def test_a_next_page_on_another_host_is_never_followed(papershift: FakePapershift) -> None:
    plan(papershift, 60)
    with Elsewhere() as elsewhere:
        papershift.next_page_origin = elsewhere.url
        shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
        assert elsewhere.requests == []  # the token never went there
    assert len(shifts) == 56  # the last four start after the 29th
    assert all(r.path == "/public_api/v1/shifts" for r in papershift.requests)


def test_a_full_last_page_ends_the_list_without_a_third_request(papershift: FakePapershift) -> None:
    plan(papershift, 50)  # two full pages, the second with next_page null
    with papershift.recording() as seen:
        shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
    assert len(shifts) == 50 and [r.query["page"] for r in seen] == ["1", "2"]


@pytest.mark.parametrize(
    "user_shift",
    [
        {"user_external_id": "User-001"},
        [{"user_id": 2}, {"user_external_id": "User-001"}],
        {"user": {"id": 7, "external_id": "User-001"}},
    ],
)
def test_a_shift_naming_our_user_is_our_own(papershift: FakePapershift, user_shift: object) -> None:
    mine = papershift.add_shift(
        berlin("2026-11-23 06:00"), berlin("2026-11-23 14:00"), user_shift=user_shift
    )
    papershift.add_shift(
        berlin("2026-11-24 06:00"), berlin("2026-11-24 14:00"), user_shift={"user_id": 2}
    )
    papershift.add_shift(berlin("2026-11-25 06:00"), berlin("2026-11-25 14:00"))  # the area's
    papershift.add_shift(berlin("2026-11-26 06:00"), berlin("2026-11-26 14:00"), user_shift=17)
    shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
    assert [s.id for s in shifts if s.own] == [str(mine)]
    assert len(shifts) == 4


def test_our_user_by_id(papershift: FakePapershift) -> None:
    papershift.add_shift(
        berlin("2026-11-23 06:00"), berlin("2026-11-23 14:00"), user_shift={"user_id": 1}
    )
    backend = client(
        papershift, location_id="8006", working_area_external_id="Area-Alpha", user_id="1"
    )
    with papershift.recording() as seen:
        [shift] = call(backend, lambda b: b.shifts(FIRST, LAST))
    assert shift.own
    assert seen[0].query["location_id"] == "8006"
    assert seen[0].query["working_area_external_id"] == "Area-Alpha"


def test_a_shift_that_cant_be_read_is_a_clear_error(papershift: FakePapershift) -> None:
    from clockapp.sync.backend import TransientError
    from tests.fakes.server import Fault

    papershift.fail_next(
        Fault("before", 200, method="GET", body={"shifts": [{"id": 1}], "next_page": None})
    )
    with pytest.raises(TransientError, match="Papershift answered something that can't be read"):
        call(client(papershift), lambda b: b.shifts(FIRST, LAST))


def test_only_shifts_of_the_configured_location(papershift: FakePapershift) -> None:
    papershift.locations[9000] = "Company-B"
    papershift.add_shift(berlin("2026-11-23 06:00"), berlin("2026-11-23 14:00"), location_id=9000)
    assert call(client(papershift), lambda b: b.shifts(FIRST, LAST)) == []


@pytest.mark.parametrize("form", ["url", "number"])
def test_more_than_sixty_shifts_come_in_four_pages(papershift: FakePapershift, form: str) -> None:
    papershift.shift_next_page = form
    ids = []
    for i in range(84):  # three shifts a day for 28 days, the last ending on the 30th
        start = berlin("2026-11-02 06:00") + timedelta(hours=8 * i)
        ids.append(papershift.add_shift(start, start + timedelta(hours=8)))
    with papershift.recording() as seen:
        shifts = call(client(papershift), lambda b: b.shifts(FIRST, LAST))
    assert [s.id for s in shifts] == [str(i) for i in ids]
    assert [r.query["page"] for r in seen] == ["1", "2", "3", "4"]
