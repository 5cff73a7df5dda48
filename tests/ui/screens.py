"""Every window and dialog of the tray app, opened with realistic content, checked against the
screen it opens on and optionally saved as a PNG.

Run as a program in a process of its own, because the scale factor (``QT_SCALE_FACTOR``) and the
screen's size are fixed when Qt starts:

    python -m tests.ui.screens --check            # prints one JSON list of problems
    python -m tests.ui.screens --shots DIR --tag en-100

``tests/ui/test_screen_fit.py`` runs the check on a small screen at several scales (offscreen,
with the screen size from a platform config file); ``tests/ui/screenshots.py`` runs it under
Xvfb to save the pictures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clockapp.domain.errors import ClockError
from clockapp.domain.presence import AwayCause, AwayPrompt
from clockapp.domain.uploads import UploadInfo, UploadStatus
from clockapp.services.account import AccountService
from clockapp.services.clock import ClockService
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.sync.backend import TransientError
from clockapp.ui.absence_dialog import AbsenceDialog
from clockapp.ui.at_time import AtTimeDialog
from clockapp.ui.away_prompt import AwayPromptDialog
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.focus import install_focus_frames
from clockapp.ui.i18n import explain, install_translations
from clockapp.ui.live_clock import ClockAction, LiveClock
from clockapp.ui.qt import (
    QAbstractScrollArea,
    QApplication,
    QColor,
    QDate,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QLocale,
    QPainter,
    QPixmap,
    QRect,
    Qt,
    QTime,
    QWidget,
)
from clockapp.ui.settings_dialog import SettingsDialog
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from clockapp.ui.week_window import WeekWindow
from clockapp.ui.wording import localized_day
from tests.conftest import BERLIN, FakeClock, berlin
from tests.ui.trees import row


class StuckUploads:
    """An upload service that last found TimeTrack unreachable: one session uploaded, two
    waiting for the next try, the newest not tried yet."""

    backend_name = None

    def __init__(self, next_try: datetime) -> None:
        self.next_try = next_try
        self.infos: dict[uuid.UUID, UploadInfo] = {}

    def set_sessions(self, ids: list[str]) -> None:
        unreachable = TransientError(
            "{label} can't be reached (no network, or the server is down).", label="TimeTrack"
        )
        states = [
            UploadInfo(UploadStatus.UPLOADED, "4711", None, None),
            UploadInfo(UploadStatus.WAITING, None, unreachable, self.next_try),
            UploadInfo(UploadStatus.WAITING, None, unreachable, self.next_try),
            UploadInfo(UploadStatus.SAVED, None, None, None),
        ]
        self.infos = {uuid.UUID(i): info for i, info in zip(ids, states, strict=True)}

    async def sync_now(self, *, asked: bool = False) -> None:
        return None

    def counts(self) -> dict[UploadStatus, int]:
        counts = dict.fromkeys(UploadStatus, 0)
        for info in self.infos.values():
            counts[info.status] += 1
        counts.pop(UploadStatus.UPLOADED)
        return counts

    def paused(self) -> None:
        return None

    def next_run_in(self) -> float | None:
        return None  # nothing planned: the picture stays as it is

    def start_delay(self) -> float:
        return 0.0

    def newest_change(self) -> int:
        return 0

    def session_statuses(self) -> dict[uuid.UUID, UploadInfo]:
        return self.infos


def work(service: ClockService, start: str, end: str, pause: str | None = None) -> str:
    service.clock_in(at=berlin(start))
    if pause:
        a, b = pause.split("/")
        service.start_break(at=berlin(a))
        service.end_break(at=berlin(b))
    return str(service.clock_out(at=berlin(end)).id)


def a_week(service: ClockService) -> list[str]:
    """Monday to Saturday of 2026-11-23 with ordinary days, a broken rule and a night shift
    (Monday locked); the sessions' ids."""
    return [
        work(service, "2026-11-23 08:00", "2026-11-23 16:30", "2026-11-23 12:00/2026-11-23 12:30"),
        # 7 h without a break the law counts (the 10 minutes are too short)
        work(service, "2026-11-24 08:00", "2026-11-24 15:00", "2026-11-24 11:00/2026-11-24 11:10"),
        work(service, "2026-11-25 07:00", "2026-11-25 19:00", "2026-11-25 12:00/2026-11-25 12:45"),
        work(service, "2026-11-27 22:00", "2026-11-28 06:30", "2026-11-28 02:00/2026-11-28 02:30"),
    ]


def windows(data: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """(name, open it) for every window; each opener shows its window and returns it."""
    clock_now = FakeClock()
    clock_now.set_local("2026-11-28 10:15")
    service = ClockService(
        Store.open(data / "clockapp.db"),
        Settings.load(data / "settings.json"),
        BERLIN,
        now=clock_now,
    )
    ids = a_week(service)
    service.set_locked(berlin("2026-11-23 12:00").date(), True)
    account = AccountService(service)
    account.add_absence("vacation", berlin("2026-11-26 12:00").date())  # the free Thursday
    tuesday = ids[1]
    clock_now.set_local("2026-11-30 09:40")  # Monday of the next week, clocked in since 08:05
    service.clock_in(at=berlin("2026-11-30 08:05"))
    live = LiveClock(service, now=clock_now)
    # The next try in a few minutes of the real clock: the status line shows it as a time.
    stuck = StuckUploads(datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=5))
    stuck.set_sessions(ids)
    uploads = UploadWatch(stuck)
    uploads.refresh()

    def popup() -> QWidget:
        tray = ClockTray(live, uploads, tray_available=True)
        tray.show_popup()
        assert tray.popup is not None
        area = tray.popup.screen().availableGeometry()
        tray.popup.show_near(QRect(area.right() - 24, area.top() - 28, 22, 22))
        return tray.popup

    def popup_menu() -> QWidget:
        # The popup's "⋯" menu: the "…at" pickers and Discard (a menu is a window of its own).
        tray = ClockTray(live, uploads, tray_available=True)
        tray.show_popup()
        assert tray.popup is not None
        button = tray.popup.panel.more_button
        menu = tray.popup.panel.more_menu
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
        return menu

    def at_time() -> QWidget:
        # "Start break at…" with a refusal (a terminal recorded a later event meanwhile).
        dialog = AtTimeDialog(live, ClockAction.START_BREAK)
        dialog.show_message(
            explain(
                ClockError(
                    "That time is before your previous clock event; events must follow each "
                    "other in time."
                )
            )
        )
        dialog.show()
        return dialog

    def at_time_date() -> QWidget:
        # Clocked out late, asked after midnight: the span crosses midnight, so the date shows.
        clock_now.set_local("2026-12-01 00:30")
        assert live.act(ClockAction.CLOCK_OUT, berlin("2026-11-30 23:10"))
        dialog = AtTimeDialog(live, ClockAction.CLOCK_IN)
        dialog.show()
        return dialog

    def no_tray() -> QWidget:
        tray = ClockTray(live, uploads, tray_available=False)
        tray.start()
        assert tray.window is not None
        return tray.window

    def no_tray_again() -> QWidget:
        # The next start: the explanation has been given once; one line now.
        return no_tray()

    def week() -> QWidget:
        window = WeekWindow(service, stuck, uploads=uploads)
        window.show_week(berlin("2026-11-24 12:00").date())
        window.tree.setCurrentItem(row(window.tree, 1, 0))  # Tuesday's: waiting
        window.show()
        return window

    def month() -> QWidget:
        from datetime import date

        from clockapp.services.account import AccountService
        from clockapp.ui.month_window import MonthWindow

        account = AccountService(service)
        account.set_region("DE-BY")
        account.set_balance(since=date(2026, 11, 1), opening_min=90, vacation_days=30)
        account.add_absence("vacation", date(2026, 11, 9), date(2026, 11, 13))
        account.add_absence("comp_time", date(2026, 11, 18), note="dentist")
        window = MonthWindow(account)
        window.show()
        return window

    def week_holidays() -> QWidget:
        # Christmas in Bavaria: two holidays, three days of vacation and half a day.
        account.set_region("DE-BY")
        monday = berlin("2026-12-21 12:00").date()
        account.add_absence("vacation", monday, monday + timedelta(days=2), note="Family")
        account.add_absence("vacation", monday + timedelta(days=3), half=True)
        window = WeekWindow(service, stuck, uploads=uploads)
        window.show_week(monday)
        window.show()
        return window

    def absence() -> QWidget:
        # Marking the locked Monday and the Tuesday: refused, the reason in the form.
        monday = berlin("2026-11-23 12:00").date()
        days = [monday, monday + timedelta(days=1)]
        dialog = AbsenceDialog(account, days, ", ".join(localized_day(d) for d in days))
        dialog.note.setText("Dentist")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # refused
        dialog.show()
        return dialog

    def settings() -> QWidget:
        from clockapp.secrets import SecretStore
        from clockapp.services.sync import SyncService

        uploads = SyncService(
            service.store,
            service.settings,
            SecretStore(),
            now=clock_now,
            zone_name=BERLIN,
        )
        dialog = SettingsDialog(service.settings, SecretStore(), preview=uploads.preview)
        dialog.kind.setCurrentIndex(2)  # Papershift: the longest form
        for entity, value in (("location", "berlin-1"), ("working_area", "Kasse"), ("user", "ak")):
            dialog.ps_ids[entity][1].setText(value)  # the note says what this account gets
        dialog.show()
        return dialog

    def settings_saving() -> QWidget:
        # While the keyring is asked (a helper process in the tray), the line under the form
        # says so: the sentence SettingsDialog's save shows there.
        dialog = settings()
        assert isinstance(dialog, SettingsDialog)
        dialog.message.setText(dialog.tr("Saving…"))
        return dialog

    def edit() -> QWidget:
        # Tuesday's 7 hours without a break get their lunch (the rule is mended), a coffee
        # break too short to count, and a break typed after the session ended: refused.
        dialog = EditDialog(service, service.find(tuesday))
        for start, end in ((12, 0), (12, 30)), ((14, 0), (14, 10)), ((16, 0), (16, 30)):
            dialog.add_break_button.click()
            row = dialog.break_rows[-1]
            assert row.end_time is not None
            row.start_time.setTime(QTime(*start))
            row.end_time.setTime(QTime(*end))
        dialog.reason_edit.setText("forgot to clock the breaks")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # refused
        dialog.show()
        return dialog

    def edit_dst() -> QWidget:
        # Adding the night the clocks went back: the break at the second 02:30 (winter time).
        dialog = EditDialog(service, None, day=berlin("2026-10-24 12:00").date())
        dialog.start_time.setTime(QTime(22, 0))
        dialog.end_date.setDate(QDate(2026, 10, 25))
        dialog.end_time.setTime(QTime(6, 0))
        dialog.add_break_button.click()
        row = dialog.break_rows[-1]
        assert row.end_time is not None
        row.start_time.setTime(QTime(2, 30))
        row.end_time.setTime(QTime(2, 45))
        row.start_choice.setCurrentIndex(1)
        row.start_choice.activated.emit(1)
        dialog.show()
        return dialog

    def away() -> QWidget:
        running = service.status().session
        assert running is not None
        prompt = AwayPrompt(
            running.id,
            berlin("2026-11-30 08:20"),
            berlin("2026-11-30 09:40"),
            AwayCause.APP_NOT_RUNNING,
        )
        dialog = AwayPromptDialog(prompt, BERLIN)
        dialog.show()
        return dialog

    def week_confirmed() -> QWidget:
        # Papershift, where a manager has confirmed Wednesday's session (last, as it changes the
        # settings in memory).
        from clockapp.services.shifts import destination_key
        from clockapp.storage.confirmations import ConfirmationStore

        for name, value in (
            ("backend", "papershift"),
            ("papershift_location_id", "8006"),
            ("papershift_working_area_id", "12"),
            ("papershift_user_id", "1"),
        ):
            service.settings.set(name, value)
        key = destination_key(service.settings)
        assert key is not None
        with service.store.write():
            ConfirmationStore(service.store).record(key, {uuid.UUID(ids[2]): True}, clock_now())
        window = WeekWindow(service)
        window.show_week(berlin("2026-11-25 12:00").date())
        window.tree.setCurrentItem(row(window.tree, 2, 0))
        window.show()
        return window

    def confirmed_question() -> QWidget:
        dialog = EditDialog(service, service.find(ids[2]))
        dialog.end_time.setTime(QTime(19, 15))
        dialog.show()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # asks first
        assert dialog.question is not None
        return dialog.question

    yield from (
        ("popup", popup),
        ("popup-menu", popup_menu),
        ("no-tray-window", no_tray),
        ("no-tray-window-again", no_tray_again),
        ("week", week),
        ("month", month),
        ("week-holidays", week_holidays),
        ("absence-dialog", absence),
        ("settings", settings),
        ("settings-saving", settings_saving),
        ("edit-dialog", edit),
        ("edit-dialog-dst", edit_dst),
        ("away-prompt", away),
        ("week-confirmed", week_confirmed),
        ("edit-confirmed-question", confirmed_question),
        ("at-time", at_time),
        ("at-time-date", at_time_date),  # last: it clocks out
    )
    live.stop()
    service.store.close()


def problems(name: str, window: QWidget) -> list[str]:
    """What doesn't fit: the frame outside the available area, a child outside its parent, a
    label whose text needs more room than it has."""
    found: list[str] = []
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not area.contains(frame):
        found.append(f"{name}: frame {rect(frame)} is not inside the screen's {rect(area)}")
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window) or child.isWindow():
            continue
        parent = child.parentWidget()
        if parent is None:
            continue
        # Content scrolled inside a viewport may be larger than it: that is what scrolling is.
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            continue
        if not parent.rect().contains(child.geometry()):
            found.append(
                f"{name}: {describe(child)} at {rect(child.geometry())} sticks out of "
                f"{describe(parent)} ({parent.width()}×{parent.height()})"
            )
        if isinstance(child, QLineEdit):
            text = child.text() or child.placeholderText()
            # Frame and text margins; a spin box's or a date editor's field has no frame.
            margins = 12 if child.hasFrame() else 4
            need = child.fontMetrics().horizontalAdvance(text) + margins
            if need > child.width():
                found.append(
                    f"{name}: field {describe(child)} shows {text[:40]!r} cut: needs {need} px, "
                    f"has {child.width()}"
                )
        if isinstance(child, QLabel) and child.text():
            hint = child.sizeHint()
            if child.wordWrap():
                height = child.heightForWidth(child.width())
                clipped = height > child.height()
            else:
                drawn = drawn_width(child)
                hint.setWidth(max(hint.width(), math.ceil(drawn)))
                clipped = hint.width() > child.width() or hint.height() > child.height()
            if clipped:
                found.append(
                    f"{name}: label {child.text()[:40]!r} is cut: needs {hint.width()}×"
                    f"{hint.height()}, has {child.width()}×{child.height()}"
                )
    return found


def drawn_width(label: QLabel) -> float:
    """How wide ``label``'s text really is when drawn at the screen's scale, in
    device-independent pixels: glyphs placed on device pixels can need more than the font
    metrics at 100 % say, and QLabel cuts what doesn't fit."""
    if label.textFormat() == Qt.TextFormat.RichText or not label.text():
        return 0.0
    ratio = label.devicePixelRatioF()
    metrics = label.fontMetrics()
    width, height = metrics.horizontalAdvance(label.text()) + 12, metrics.height() + 4
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setFont(label.font())
    painter.setPen(QColor("black"))
    # As QLabel draws it (QStyle.drawItemText), but in a rectangle wide enough not to clip.
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(
        QRect(0, 0, width, height), int(flags) | Qt.TextFlag.TextShowMnemonic, label.text()
    )
    painter.end()
    image = pixmap.toImage()
    for x in range(image.width() - 1, -1, -1):  # from the right: the blank columns are few
        if any(image.pixelColor(x, y).lightness() < 200 for y in range(image.height())):
            return (x + 1) / ratio
    return 0.0


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()!r})"


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--tag", default="")
    parser.add_argument("--german", action="store_true")
    args = parser.parse_args(argv)
    os.environ["TZ"] = BERLIN
    app = QApplication(["clockapp"])
    app.setApplicationName("ClockApp")
    app.setApplicationDisplayName("ClockApp")
    install_focus_frames(app)
    if args.german:
        locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    else:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        QLocale.setDefault(locale)
    translators = install_translations(app, locale)  # noqa: F841 - they live as long as the app
    found: list[str] = []
    with tempfile.TemporaryDirectory(prefix="clockapp-screens-") as tmp:
        os.environ["CLOCKAPP_DATA_DIR"] = tmp
        for name, open_window in windows(Path(tmp)):
            window = open_window()
            for _ in range(5):
                app.processEvents()
            if args.check:
                found.extend(problems(name, window))
            if args.shots is not None:
                args.shots.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(args.shots / f"{name}-{args.tag}.png"))
            window.hide()
            window.deleteLater()
            app.processEvents()
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
