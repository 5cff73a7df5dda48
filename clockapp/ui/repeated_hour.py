"""Which of the two: a wall time in the hour the clocks repeat when they are put back.

On the autumn DST day 02:00–03:00 happens twice, so a time picker alone can't say which 02:30
someone means. Next to such a picker sits a :class:`RepeatedHourChoice`, hidden until the picked
time is in the repeated hour, that offers both in the user's terms ("02:30 summer time (CEST,
first)" / "02:30 winter time (CET, second)").
"""

from __future__ import annotations

from datetime import date, datetime, time

from clockapp.domain.zones import local, wall_times
from clockapp.ui.qt import QComboBox, QWidget


class RepeatedHourChoice(QComboBox):
    """Resolves a picked wall time to its instant, asking which one where it happens twice.

    Until the user picks, the choice follows the default: the one after ``after`` where only
    the second is (an end in the repeated hour after a start in it), else the first; and for
    the wall time it started with (``initial``), the one that instant was."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        initial: datetime | None = None,
        zone_name: str = "UTC",
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Which one (the clocks were put back)"))
        self.user_chose = False
        # (day, wall minute, fold) of the instant the picker was opened with.
        self.initial: tuple[date, time, int] | None = None
        if initial is not None:
            wall = local(initial, zone_name)
            self.initial = (wall.date(), wall.time().replace(second=0, microsecond=0), wall.fold)
        self.activated.connect(self._chosen)
        self.hide()

    def _chosen(self) -> None:
        self.user_chose = True

    def resolve(
        self, day: date, wall: time, zone_name: str, after: datetime | None = None
    ) -> datetime:
        """The UTC instant of ``wall`` on ``day``; in the repeated hour, the one chosen here
        (and the choice is shown). A time the clocks skipped is refused (``ClockError``)."""
        times = wall_times(day, wall, zone_name)
        if len(times) == 1:
            self.user_chose = False
            self.hide()
            return times[0]
        labels = [self._label(instant, zone_name, fold) for fold, instant in enumerate(times)]
        if [self.itemText(i) for i in range(self.count())] != labels:
            self.clear()
            self.addItems(labels)
        if not self.user_chose:
            first, second = times
            if self.initial is not None and self.initial[:2] == (day, wall):
                self.setCurrentIndex(self.initial[2])
            else:
                self.setCurrentIndex(1 if after is not None and first <= after < second else 0)
        self.show()
        return times[self.currentIndex()]

    def _label(self, instant: datetime, zone_name: str, fold: int) -> str:
        wall = local(instant, zone_name)
        values = {"time": f"{wall:%H:%M}", "zone": wall.tzname() or zone_name}
        summer = bool(wall.dst())
        if fold == 0 and summer:
            return self.tr("{time} summer time ({zone}, first)").format(**values)
        if fold == 1 and not summer:
            return self.tr("{time} winter time ({zone}, second)").format(**values)
        # A zone that changed its offset for another reason than summer time.
        if fold == 0:
            return self.tr("{time} ({zone}, first)").format(**values)
        return self.tr("{time} ({zone}, second)").format(**values)
