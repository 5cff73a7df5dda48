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
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from clockapp.domain.presence import AwayCause, AwayPrompt
from clockapp.services.clock import ClockService
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.storage.uploads import UploadStatus
from clockapp.ui.away_prompt import AwayPromptDialog
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.focus import install_focus_frames
from clockapp.ui.i18n import install_translations
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.qt import (
    QAbstractScrollArea,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QLocale,
    QRect,
    QWidget,
)
from clockapp.ui.settings_dialog import SettingsDialog
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from clockapp.ui.week_window import WeekWindow
from tests.conftest import BERLIN, FakeClock, berlin


class StuckUploads:
    """An upload service whose last run failed on the network, with sessions waiting."""

    backend_name = None

    async def sync_now(self) -> None:
        raise OSError(111, "Connection refused")

    def counts(self) -> dict[UploadStatus, int]:
        return {UploadStatus.WAITING: 2}

    def paused(self) -> None:
        return None

    def session_statuses(self) -> dict[object, object]:
        return {}


def work(service: ClockService, start: str, end: str, pause: str | None = None) -> str:
    service.clock_in(at=berlin(start))
    if pause:
        a, b = pause.split("/")
        service.start_break(at=berlin(a))
        service.end_break(at=berlin(b))
    return str(service.clock_out(at=berlin(end)).id)


def a_week(service: ClockService) -> str:
    """Monday to Saturday of 2026-11-23 with ordinary days, a broken rule and a night shift;
    the id of Tuesday's session."""
    work(service, "2026-11-23 08:00", "2026-11-23 16:30", "2026-11-23 12:00/2026-11-23 12:30")
    tuesday = work(service, "2026-11-24 08:00", "2026-11-24 15:00")  # 7 h without a break
    work(service, "2026-11-25 07:00", "2026-11-25 19:00", "2026-11-25 12:00/2026-11-25 12:45")
    work(service, "2026-11-27 22:00", "2026-11-28 06:30", "2026-11-28 02:00/2026-11-28 02:30")
    service.set_locked(berlin("2026-11-23 12:00").date(), True)
    return tuesday


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
    tuesday = a_week(service)
    clock_now.set_local("2026-11-30 09:40")  # Monday of the next week, clocked in since 08:05
    service.clock_in(at=berlin("2026-11-30 08:05"))
    live = LiveClock(service, now=clock_now)
    uploads = UploadWatch(StuckUploads())  # type: ignore[arg-type]
    uploads.refresh()
    uploads.summary = uploads.summary.__class__(
        True,
        uploads.summary.counts,
        None,
        "The HR system could not be reached (the connection was refused). "
        "ClockApp tries again at 09:45.",
        False,
    )

    def popup() -> QWidget:
        tray = ClockTray(live, uploads, tray_available=True)
        tray.show_popup()
        assert tray.popup is not None
        area = tray.popup.screen().availableGeometry()
        tray.popup.show_near(QRect(area.right() - 24, area.top() - 28, 22, 22))
        return tray.popup

    def no_tray() -> QWidget:
        tray = ClockTray(live, uploads, tray_available=False)
        tray.start()
        assert tray.window is not None
        return tray.window

    def week() -> QWidget:
        window = WeekWindow(service)
        window.show_week(berlin("2026-11-24 12:00").date())
        window.show()
        return window

    def settings() -> QWidget:
        dialog = SettingsDialog(service.settings, object())
        dialog.kind.setCurrentIndex(2)  # Papershift: the longest form
        dialog.show()
        return dialog

    def edit() -> QWidget:
        dialog = EditDialog(service, service.find(tuesday))
        dialog.end_edit.setText("2026-11-24 23:30")
        dialog.breaks_edit.setText("12:00-12:30, 14:00-14:10")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # refused
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

    yield from (
        ("popup", popup),
        ("no-tray-window", no_tray),
        ("week", week),
        ("settings", settings),
        ("edit-dialog", edit),
        ("away-prompt", away),
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
            need = child.fontMetrics().horizontalAdvance(text) + 12  # frame and text margins
            if need > child.width():
                found.append(
                    f"{name}: field {describe(child)} shows {text[:40]!r} cut: needs {need} px, "
                    f"has {child.width()}"
                )
        if isinstance(child, QLabel) and child.text():
            need = child.sizeHint()
            if child.wordWrap():
                height = child.heightForWidth(child.width())
                clipped = height > child.height() + 1
            else:
                clipped = need.width() > child.width() + 1 or need.height() > child.height() + 1
            if clipped:
                found.append(
                    f"{name}: label {child.text()[:40]!r} is cut: needs {need.width()}×"
                    f"{need.height()}, has {child.width()}×{child.height()}"
                )
    return found


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
