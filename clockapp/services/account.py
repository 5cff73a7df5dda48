"""The time account as the user works it: public holidays, absences, the month, the balance.

The days' times and targets come from the domain (:func:`clockapp.domain.week.day_totals`,
:func:`clockapp.domain.targets.target_for`); this module only gathers what they need from the
store and the settings (the holiday calendar, the absences) and checks changes inside one store
write transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from clockapp.domain.account import (
    MONTH_DAY_FIELDS,
    DayBalance,
    MonthReport,
    balance_days,
    balance_min,
    first_of_month,
    last_of_month,
    workday_min,
)
from clockapp.domain.errors import ClockError, NotFound
from clockapp.domain.targets import Absence, absence_days, target_sum
from clockapp.domain.timeline import day_times, floor_minutes
from clockapp.domain.week import DayTotal, Targets, day_totals
from clockapp.domain.zones import day_start, local
from clockapp.services.export import check_format, csv_text, json_text
from clockapp.services.holidays import NO_REGION, check_region, holidays_between, split_region
from clockapp.settings import Settings
from clockapp.storage import StorageError, Store
from clockapp.storage.account import AccountRecord, Adjustment


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """``days`` as runs of consecutive dates, first and last of each, in order."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


UNKNOWN_REGION_NOTE = (
    "Public holidays are not counted: ClockApp knows no region {region}; choose one, e.g. "
    "clockapp holidays --region DE-BY."
)

if TYPE_CHECKING:  # clock.py imports day_calendar from here
    from clockapp.services.clock import ClockService

#: Said once by the week and the month where no region is set.
NO_REGION_NOTE = (
    "Public holidays are not counted: choose your region, e.g. clockapp holidays --region DE-BY."
)


def day_calendar(
    store: Store,
    settings: Settings,
    targets: Targets,
    first: date,
    last: date,
    planned: Mapping[date, int] | None = None,
) -> tuple[dict[date, str], dict[date, Absence]]:
    """The public holidays (date → name) and the absence days (date → absence) of ``first`` to
    ``last``: what :func:`~clockapp.domain.targets.target_for` needs (``planned``: minutes by
    day when targets come from the shift plan)."""
    holidays = holidays_between(settings.get("holiday_region"), first, last)
    absences = AccountRecord(store).absences(first, last)
    covered = absence_days(absences, targets, holidays, planned)
    return holidays, {d: a for d, a in covered.items() if first <= d <= last}


@dataclass(frozen=True, slots=True)
class Balance:
    """The time account at the end of ``as_of``; minutes, and vacation days of its year."""

    since: date
    as_of: date
    opening_min: int
    adjustments_min: int
    balance_min: int
    today_min: int
    entitlement_days: int
    taken_days: float
    planned_days: float

    @property
    def left_days(self) -> float:
        return self.entitlement_days - self.taken_days - self.planned_days

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "as_of": self.as_of.isoformat(),
            "opening_min": self.opening_min,
            "adjustments_min": self.adjustments_min,
            "balance_min": self.balance_min,
            "today_min": self.today_min,
            "vacation": {
                "entitlement_days": self.entitlement_days,
                "taken_days": self.taken_days,
                "planned_days": self.planned_days,
                "left_days": self.left_days,
            },
        }


class AccountService:
    """Holidays, absences, month and balance on top of a :class:`ClockService`."""

    def __init__(self, clock: ClockService) -> None:
        self.clock = clock
        self.store = clock.store
        self.settings: Settings = clock.settings
        self.zone_name = clock.zone_name
        self.record = AccountRecord(clock.store)

    def _today(self) -> date:
        return local(self.clock.now(), self.zone_name).date()

    # -- public holidays -------------------------------------------------------------------------

    @property
    def region(self) -> str:
        return str(self.settings.get("holiday_region"))

    def set_region(self, code: str) -> str:
        """Set whose public holidays count (``DE``, ``DE-BY``, ``none`` …); checked first."""
        region = check_region(code)
        self.settings.set("holiday_region", region)
        self.settings.save()
        return region

    def calendar_years(self) -> range:
        """The years whose public holidays the balance, the vacation days and the views up to
        next year count."""
        return range(self.since().year, self._today().year + 2)

    def holidays(self, year: int, language: str | None = None) -> list[dict[str, str]]:
        """The region's public holidays in ``year``: ``[{date, name}]`` by date."""
        found = holidays_between(self.region, date(year, 1, 1), date(year, 12, 31), language)
        return [{"date": d.isoformat(), "name": name} for d, name in sorted(found.items())]

    # -- absences --------------------------------------------------------------------------------

    def add_absence(
        self, kind: str, first: date, last: date | None = None, half: bool = False, note: str = ""
    ) -> Absence:
        """Record an absence; refused on locked days, over another absence, or where the range
        holds no working day."""
        absence = Absence(0, kind, first, last or first, half, note)  # checks kind and range
        with self.store.write():
            return self._add_absence(absence)

    def mark_absent(
        self, kind: str, days: Iterable[date], half: bool = False, note: str = ""
    ) -> list[Absence]:
        """Record ``days`` (any order, gaps allowed: the week window's selection) as absent:
        one absence per run of consecutive days, all or none (a refusal of one changes
        nothing)."""
        ranges = _runs(days)
        absences = [Absence(0, kind, a, b, half, note) for a, b in ranges]  # checks first
        with self.store.write():
            return [self._add_absence(a) for a in absences]

    def _add_absence(self, absence: Absence) -> Absence:
        locked = self.store.locked_days(absence.first, absence.last)
        if locked:
            raise ClockError(
                "{day} is locked; unlock it first to record an absence on it.",
                day=min(locked).isoformat(),
            )
        for other in self.record.absences(absence.first, absence.last):
            raise ClockError(
                "That overlaps the {kind} absence from {first} to {last} (id {id}); "
                "delete that one first or choose other dates.",
                kind=other.kind,
                first=other.first.isoformat(),
                last=other.last.isoformat(),
                id=other.id,
            )
        targets = self.clock.targets()
        holidays = holidays_between(self.region, absence.first, absence.last)
        plan = self.clock.planned_targets(absence.first, absence.last)
        if not absence_days([absence], targets, holidays, plan):
            raise ClockError(
                "{first} to {last} holds no working day (only weekends or public "
                "holidays); nothing was recorded.",
                first=absence.first.isoformat(),
                last=absence.last.isoformat(),
            )
        return self.record.add_absence(absence, self.clock.now())

    def absences(self, first: date | None = None, last: date | None = None) -> list[Absence]:
        if first is not None and last is not None and last < first:
            raise ClockError("The end date comes before the start date.")
        return self.record.absences(first, last)

    def delete_absence(self, absence_id: int) -> Absence:
        with self.store.write():
            absence = self.record.absence(absence_id)
            if absence is None:
                raise NotFound("No absence has the id {id}.", id=absence_id)
            locked = self.store.locked_days(absence.first, absence.last)
            if locked:
                raise ClockError(
                    "{day} is locked; unlock it first to change its absences.",
                    day=min(locked).isoformat(),
                )
            self.record.delete_absence(absence_id)
        return absence

    def clear_absence(self, days: Iterable[date]) -> list[Absence]:
        """Take ``days`` out of the absences recorded on them: an absence inside them is
        deleted, one reaching beyond keeps its other days (recorded again as the parts before
        and after, same kind and note). All or none; refused where a day to clear is locked.
        Returns the absences as they were before."""
        ranges = _runs(days)
        changed: list[Absence] = []
        with self.store.write():
            for first, last in ranges:
                for absence in self.record.absences(first, last):
                    cleared = (max(first, absence.first), min(last, absence.last))
                    locked = self.store.locked_days(*cleared)
                    if locked:
                        raise ClockError(
                            "{day} is locked; unlock it first to change its absences.",
                            day=min(locked).isoformat(),
                        )
                    self.record.delete_absence(absence.id)
                    changed.append(absence)
                    kept = [
                        (absence.first, first - timedelta(days=1)),
                        (last + timedelta(days=1), absence.last),
                    ]
                    for a, b in kept:
                        if a > b:
                            continue
                        part = Absence(0, absence.kind, a, b, absence.half, absence.note)
                        # A part left with only a weekend or holidays would count nothing.
                        holidays = holidays_between(self.region, a, b)
                        if absence_days([part], self.clock.targets(), holidays):
                            self.record.add_absence(part, self.clock.now())
        return changed

    # -- days, the month and the balance ---------------------------------------------------------

    def days(self, first: date, last: date) -> list[DayTotal]:
        """Each local day from ``first`` to ``last``: time, target, holiday, absence, lock,
        planned shifts, and whether a manager has confirmed it."""
        now = self.clock.now()
        start = day_start(first, self.zone_name)
        end = day_start(last + timedelta(days=1), self.zone_name)
        sessions = self.store.sessions_between(start, end)
        targets = self.clock.targets()
        planned = self.clock.planned_targets(first, last)
        holidays, absences = day_calendar(self.store, self.settings, targets, first, last, planned)
        locked = self.store.locked_days(first, last)
        return day_totals(
            sessions,
            first,
            last,
            self.zone_name,
            now,
            targets,
            locked,
            holidays,
            absences,
            self.clock.own_shifts(first, last),
            self.clock.confirmed_ids(start, end),
            target_from_plan=planned is not None,
        )

    def history(self, first: date, last: date) -> list[DayBalance]:
        """The days ``first``..``last`` as the balance counts them. Days that are over are read
        from the store's cache of day times where it has them; the others are split from their
        sessions (as :meth:`days` does) and kept for next time."""
        if last < first:
            return []
        zone = self.zone_name
        yesterday = self._today() - timedelta(days=1)
        times = self.record.cached_day_times(zone, first, min(last, yesterday))
        span = (last - first).days + 1
        missing = [d for d in (first + timedelta(days=i) for i in range(span)) if d not in times]
        if missing:
            lo, hi = missing[0], missing[-1]
            sessions = self.store.sessions_between(
                day_start(lo, zone), day_start(hi + timedelta(days=1), zone)
            )
            found = day_times(sessions, lo, hi, zone, self.clock.now())
            fresh = {d: found.get(d, (0.0, 0.0)) for d in missing}
            times.update(fresh)
            over = {d: t for d, t in fresh.items() if d <= yesterday}
            if over:
                try:
                    with self.store.write():
                        self.record.cache_day_times(zone, over)
                except StorageError:
                    pass  # a read-only store (disk full) still answers, just not faster
        targets = self.clock.targets()
        planned = self.clock.planned_targets(first, last)
        holidays, absences = day_calendar(self.store, self.settings, targets, first, last, planned)
        return balance_days(times, first, last, targets, holidays, absences, planned)

    def _counted_min(self, since: date, through: date) -> int:
        """Σ (worked − target) minutes of the days ``since``..``through``: what the balance
        adds to the opening. The same days as :meth:`history`, summed without a day object
        each (ten years are 3,650 days): days that are over from the cache of day times in one
        query when it holds them all (every time but the first), targets by
        :func:`~clockapp.domain.targets.target_sum`; otherwise, and for today or later, from
        :meth:`history`, which fills the cache."""
        if through < since:
            return 0
        over = min(through, self._today() - timedelta(days=1))
        worked, rest = 0, since
        if over >= since:
            seconds = self.record.cached_worked_seconds(self.zone_name, since, over)
            if len(seconds) == (over - since).days + 1:
                worked, rest = sum(map(floor_minutes, seconds)), over + timedelta(days=1)
        if rest <= through:
            worked += sum(d.worked_min for d in self.history(rest, through))
        targets = self.clock.targets()
        planned = self.clock.planned_targets(since, through)
        holidays, absences = day_calendar(
            self.store, self.settings, targets, since, through, planned
        )
        return worked - target_sum(since, through, targets, holidays, absences, planned)

    def since(self) -> date:
        """The day the account starts counting: the setting, else the first session's day,
        else today."""
        chosen = self.settings.get("balance_since")
        if chosen:
            return date.fromisoformat(chosen)
        start = self.record.first_session_start()
        return local(start, self.zone_name).date() if start else self._today()

    def _adjustments(self, since: date, through: date) -> list[Adjustment]:
        return self.record.adjustments(since, through) if since <= through else []

    def month(self, of: date | None = None) -> MonthReport:
        """The month holding ``of`` (default: this month), with the balance carried in (at the
        end of the day before its first) and out (at the end of its last day, or of yesterday
        while the month runs)."""
        first = first_of_month(of or self._today())
        last = last_of_month(first)
        in_month = tuple(self.days(first, last))
        start, end = self.balance_in_and_out(first, last)
        return MonthReport(first, in_month, workday_min(self.clock.targets()), start, end)

    def balance_in_and_out(self, first: date, last: date) -> tuple[int, int]:
        """The balance carried into local day ``first`` (at the end of the day before) and out
        of ``last`` (at its end), in minutes. Days still to come owe nothing yet: both count
        through yesterday at most, as :meth:`balance` does."""
        since = self.since()
        opening = int(self.settings.get("balance_opening_min"))
        adjustments = [(a.day, a.minutes) for a in self._adjustments(since, last)]
        yesterday = self._today() - timedelta(days=1)
        through_start = min(first - timedelta(days=1), yesterday)
        through_end = min(last, yesterday)
        carried = opening + self._counted_min(since, through_start)
        # Balances add up: the days after through_start are the only ones to sum again.
        added = self._counted_min(max(since, through_start + timedelta(days=1)), through_end)
        start = balance_min((), since, through_start, carried, adjustments)
        end = balance_min((), since, through_end, carried + added, adjustments)
        return start, end

    def export_month(self, of: date, fmt: str) -> str:
        """The days of the month holding ``of`` as ``csv``, ``excel`` or ``json`` text: the
        fields of ``clockapp month --json``'s days, one row per day."""
        check_format(fmt)
        rows = self.month(of).day_rows()
        if fmt == "json":
            return json_text(rows)
        table = ([row[field] for field in MONTH_DAY_FIELDS] for row in rows)
        return csv_text(MONTH_DAY_FIELDS, table, excel=fmt == "excel")

    def month_vacation(self, month_of: date) -> tuple[int, float, float]:
        """Vacation days of the month's year as the month shows them: entitled, taken and
        planned as of today, or as of the month's end (a past month) or first (a month to
        come)."""
        first, last = first_of_month(month_of), last_of_month(month_of)
        return self.vacation(min(last, max(first, self._today())))

    def data_version(self) -> int:
        """Changes whenever any connection commits to the store: a window re-reads only then."""
        return self.store.data_version()

    def balance(self, as_of: date | None = None) -> Balance:
        """The balance at the end of ``as_of`` (default: yesterday), today's minutes so far, and
        the vacation days of ``as_of``'s year."""
        today = self._today()
        asked = as_of is not None
        as_of = as_of or today - timedelta(days=1)
        since = self.since()
        # Asked for a day before the account starts: say so. By default (yesterday) an account
        # starting today or later simply holds its opening balance.
        if asked and since > as_of and self.settings.get("balance_since"):
            raise ClockError(
                "The balance starts on {since}, after {as_of}; choose a later date or an "
                "earlier start (clockapp balance set --since).",
                since=since.isoformat(),
                as_of=as_of.isoformat(),
            )
        opening = int(self.settings.get("balance_opening_min"))
        pairs = [(a.day, a.minutes) for a in self._adjustments(since, as_of)]
        total = balance_min((), since, as_of, opening + self._counted_min(since, as_of), pairs)
        (today_total,) = self.days(today, today)
        taken, planned = self._vacation_days(as_of)
        return Balance(
            since=since,
            as_of=as_of,
            opening_min=opening,
            adjustments_min=sum(m for _, m in pairs),
            balance_min=total,
            today_min=today_total.worked_min,
            entitlement_days=int(self.settings.get("vacation_days")),
            taken_days=taken,
            planned_days=planned,
        )

    def vacation(self, as_of: date) -> tuple[int, float, float]:
        """Vacation days of ``as_of``'s year: entitled, taken by the end of ``as_of``, planned."""
        return (int(self.settings.get("vacation_days")), *self._vacation_days(as_of))

    def _vacation_days(self, as_of: date) -> tuple[float, float]:
        """Vacation days of ``as_of``'s year taken by the end of ``as_of``, and planned after."""
        first, last = date(as_of.year, 1, 1), date(as_of.year, 12, 31)
        plan = self.clock.planned_targets(first, last)
        _, absences = day_calendar(
            self.store, self.settings, self.clock.targets(), first, last, plan
        )
        taken = planned = 0.0
        for day, absence in absences.items():
            if absence.kind != "vacation":
                continue
            value = 0.5 if absence.half else 1.0
            if day <= as_of:
                taken += value
            else:
                planned += value
        return taken, planned

    def set_balance(
        self,
        since: date | None = None,
        opening_min: int | None = None,
        vacation_days: int | None = None,
    ) -> None:
        """Change where the account starts, its opening balance, the vacation days a year.
        All are checked before any is changed."""
        changes: dict[str, Any] = {}
        if since is not None:
            changes["balance_since"] = since.isoformat()
        if opening_min is not None:
            changes["balance_opening_min"] = opening_min
        if vacation_days is not None:
            changes["vacation_days"] = vacation_days
        if not changes:
            raise ClockError("Nothing to change: give --since, --opening or --vacation-days.")
        before = dict(self.settings.values)
        try:
            for key, value in changes.items():
                self.settings.set(key, value)
        except Exception:
            self.settings.values = before
            raise
        self.settings.save()

    def adjust(self, minutes: int, reason: str, on: date | None = None) -> Adjustment:
        """Add ``minutes`` to the balance on ``on`` (default today); ``reason`` says why."""
        if not reason.strip():
            raise ClockError("Say why the balance changes: give --reason TEXT.")
        with self.store.write():
            return self.record.add_adjustment(
                on or self._today(), minutes, reason.strip(), self.clock.now()
            )

    def region_note(self) -> str | None:
        """The one sentence the week and the month say where no region (or an unknown one,
        from a settings or policy file) is set."""
        if self.region == NO_REGION:
            return NO_REGION_NOTE
        if split_region(self.region) is None:
            return UNKNOWN_REGION_NOTE.format(region=self.region)
        return None
