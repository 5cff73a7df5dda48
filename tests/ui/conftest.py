"""Fixtures for the tray UI: headless Qt, a real store in a temporary data folder, a fake clock,
and a fake upload service the tests steer."""

from __future__ import annotations

import os
import tempfile

# Before any QApplication exists: headless, and a private runtime dir so Qt has nothing to warn
# about (pytest-qt fails a test on any Qt warning).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="clockapp-xdg-")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.errors import UserError
from clockapp.domain.uploads import UploadStatus
from clockapp.services.clock import ClockService
from clockapp.settings import Settings
from clockapp.storage import Store
from clockapp.ui.i18n import install_translations
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.qt import QApplication, QLocale
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import BERLIN, FakeClock


class FakeUploads:
    """Stands in for SyncService: counts and a pause the test sets, runs it records."""

    def __init__(self) -> None:
        self.status_counts: dict[UploadStatus, int] = {}
        self.paused_reason: UserError | None = None
        self.runs = 0
        self.asked_runs = 0
        self.fail_with: Exception | None = None

    async def sync_now(self, *, asked: bool = False) -> None:
        self.runs += 1
        self.asked_runs += asked
        if self.fail_with is not None:
            raise self.fail_with

    def counts(self) -> dict[UploadStatus, int] | None:
        return dict(self.status_counts)

    def paused(self) -> UserError | None:
        return self.paused_reason

    def next_run_in(self) -> float | None:
        return None  # runs only when a test starts one

    def start_delay(self) -> float:
        return 0.0

    def newest_change(self) -> int:
        return 0


def open_service(data_dir: Path, now: FakeClock) -> ClockService:
    """A clock service on the data folder's store, as the app (or the CLI) opens it."""
    store = Store.open(data_dir / "clockapp.db")
    return ClockService(store, Settings.load(data_dir / "settings.json"), BERLIN, now=now)


@pytest.fixture
def ui_service(data_dir: Path, fake_clock: FakeClock) -> Iterator[ClockService]:
    service = open_service(data_dir, fake_clock)
    yield service
    service.store.close()


@pytest.fixture
def other_process(data_dir: Path, fake_clock: FakeClock) -> Iterator[ClockService]:
    """A second connection to the same store: what a ``clockapp in`` in a terminal does."""
    service = open_service(data_dir, fake_clock)
    yield service
    service.store.close()


@pytest.fixture
def live_clock(ui_service: ClockService, fake_clock: FakeClock) -> Iterator[LiveClock]:
    clock = LiveClock(ui_service, now=fake_clock)
    yield clock
    clock.stop()


@pytest.fixture
def fake_uploads() -> FakeUploads:
    return FakeUploads()


@pytest.fixture
def uploads(fake_uploads: FakeUploads) -> UploadWatch:
    watch = UploadWatch(fake_uploads)
    watch.refresh()
    return watch


@pytest.fixture
def tray(qtbot: object, live_clock: LiveClock, uploads: UploadWatch) -> Iterator[ClockTray]:
    """The tray controller as on a desktop with a tray (the icon itself is not shown)."""
    controller = ClockTray(live_clock, uploads, tray_available=True)
    yield controller
    if controller.popup is not None:
        controller.popup.close()
    if controller.tray is not None:
        controller.tray.hide()
    controller.menu.deleteLater()


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    previous = QLocale()
    translators = install_translations(
        app, QLocale(QLocale.Language.German, QLocale.Country.Germany)
    )
    assert len(translators) == 2  # ClockApp's and Qt's own (standard buttons)
    yield
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(previous)
