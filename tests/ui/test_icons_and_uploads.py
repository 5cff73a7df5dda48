"""Icons from the SVG sources (palette-aware, badged) and the upload status line."""

from __future__ import annotations

import asyncio
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.domain.uploads import UploadStatus
from clockapp.secrets import SecretStore, SecretsUnavailable
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.sync.backend import AuthError
from clockapp.ui.icon_data import SVG
from clockapp.ui.icons import Badge, IconSet
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.qt import QColor, QPalette
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import (
    UploadSummary,
    UploadWatch,
    session_upload_detail,
)
from clockapp.ui.week_window import WeekWindow
from tests.conftest import FakeClock, berlin
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.ui.conftest import FakeUploads
from tests.ui.trees import row

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "icons"


def test_the_embedded_icons_match_their_svg_sources() -> None:
    on_disk = {p.stem: p.read_bytes() for p in SOURCES.glob("*.svg")}
    assert on_disk == SVG, "run: python resources/icons/build.py"


def palette(text: str, window: str) -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.WindowText, QColor(text))
    p.setColor(QPalette.ColorRole.Window, QColor(window))
    return p


def centre_pixel(icons: IconSet, state: ClockState, badge: Badge = Badge.NONE) -> QColor:
    image = icons.icon(state, badge).pixmap(64, 64).toImage()
    return image.pixelColor(20, 32)


def corner_pixel(icons: IconSet, badge: Badge) -> QColor:
    return icons.icon(ClockState.WORKING, badge).pixmap(64, 64).toImage().pixelColor(52, 52)


def test_the_off_icon_follows_a_light_or_dark_palette(qtbot: QtBot) -> None:
    light = IconSet(palette("#000000", "#ffffff"))
    dark = IconSet(palette("#ffffff", "#202020"))
    assert centre_pixel(light, ClockState.OFF).lightness() > 200
    assert centre_pixel(dark, ClockState.OFF).lightness() < 60
    # The working and break faces keep their colours on any panel.
    assert centre_pixel(light, ClockState.WORKING) == centre_pixel(dark, ClockState.WORKING)


def test_badges_mark_the_corner_and_icons_render_at_every_size(qtbot: QtBot) -> None:
    icons = IconSet(palette("#000000", "#ffffff"))
    plain, waiting, attention = (corner_pixel(icons, b) for b in Badge)
    assert waiting.blue() > waiting.red() and attention.red() > attention.blue()
    assert plain != waiting
    for size in (16, 22, 32, 128):
        assert not icons.icon(ClockState.ON_BREAK, Badge.ATTENTION).pixmap(size, size).isNull()
    # Rendered once per state and badge, then reused.
    assert icons.icon(ClockState.OFF).cacheKey() == icons.icon(ClockState.OFF).cacheKey()


@pytest.mark.parametrize(
    ("summary", "text", "badge"),
    [
        (UploadSummary(), "Saved on this device; uploads are not set up.", Badge.NONE),
        (UploadSummary(True), "All sessions uploaded.", Badge.NONE),
        (
            UploadSummary(True, {UploadStatus.WAITING: 1}),
            "1 session waiting to upload.",
            Badge.WAITING,
        ),
        (
            UploadSummary(True, {UploadStatus.SAVED: 2, UploadStatus.WAITING: 1}),
            "3 sessions waiting to upload.",
            Badge.WAITING,
        ),
        (
            UploadSummary(True, {UploadStatus.NEEDS_ATTENTION: 2, UploadStatus.WAITING: 1}),
            "2 uploads need your attention (see Week…).",
            Badge.ATTENTION,
        ),
        (
            UploadSummary(
                True,
                {UploadStatus.PAUSED: 3},
                paused=AuthError(
                    "{label} rejected the credentials (error {status}).",
                    label="TimeTrack",
                    status=401,
                ),
            ),
            "Uploads paused: TimeTrack rejected the credentials (error 401).",
            Badge.ATTENTION,
        ),
        (
            UploadSummary(True, error=OSError("[Errno 113] No route to host")),
            "Upload failed: Something unexpected went wrong; the details are in ClockApp's log.",
            Badge.ATTENTION,
        ),
        (UploadSummary(True, running=True), "Uploading…", Badge.NONE),
    ],
)
def test_the_upload_status_line(summary: UploadSummary, text: str, badge: Badge) -> None:
    assert summary.text() == text
    assert summary.badge is badge


def test_uploads_run_in_the_background_and_failures_show_in_the_status_line(
    qtbot: QtBot, fake_uploads: FakeUploads
) -> None:
    watch = UploadWatch(fake_uploads)

    async def one_run() -> str:
        watch.sync_now()
        running = watch.summary.text()
        watch.sync_now()  # a second request while one runs is not a second run
        await watch.wait_idle()
        return running

    assert asyncio.run(one_run()) == "Uploading…"
    assert fake_uploads.runs == 1
    assert watch.summary.text() == "All sessions uploaded."

    fake_uploads.fail_with = SecretsUnavailable(
        "The system keyring is locked; unlock it and try again."
    )
    asyncio.run(one_run())
    assert watch.summary.text() == (
        "Upload failed: The system keyring is locked; unlock it and try again."
    )
    assert watch.summary.badge is Badge.ATTENTION

    fake_uploads.fail_with = None
    asyncio.run(one_run())
    assert watch.summary.error is None


def test_without_an_upload_service_nothing_runs(qtbot: QtBot) -> None:
    watch = UploadWatch(None)
    watch.start()
    watch.sync_now()
    assert not watch.running and not watch.summary.configured


def test_the_tray_uploads_through_the_real_service_and_tells_of_a_rejection(
    qtbot: QtBot,
    ui_service: ClockService,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    fake_clock: FakeClock,
) -> None:
    """No stand-ins: the store, the keyring (in memory), the uploader and a loopback TimeTrack."""
    config.configure_timetrack(
        ui_service.settings,
        SecretStore(),
        timetrack.url,
        "anna",
        timetrack.api_key,
        timetrack.api_secret,
    )
    watch = UploadWatch(
        SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    )
    told: list[str] = []
    watch.notify.connect(lambda title, _message: told.append(title))
    fake_clock.set_local("2026-11-23 17:00")
    ui_service.clock_in(at=berlin("2026-11-23 08:00"))
    ui_service.clock_out()
    fake_clock.advance(minutes=2)  # past the upload grace period
    watch.refresh()
    assert watch.summary.text() == "1 session waiting to upload."
    assert watch.summary.badge is Badge.WAITING

    async def one_run() -> None:
        watch.sync_now()
        await watch.wait_idle()

    asyncio.run(one_run())
    assert watch.summary.text() == "All sessions uploaded." and len(timetrack.live()) == 1

    timetrack.api_secret = "rotated"
    fake_clock.advance(days=1)
    ui_service.clock_in(at=fake_clock.now - timedelta(hours=2))
    ui_service.clock_out()
    fake_clock.advance(minutes=2)
    asyncio.run(one_run())
    assert watch.summary.text().startswith(
        "Uploads paused: TimeTrack rejected the credentials (error 401)"
    )
    badge: Badge = watch.summary.badge  # not narrowed by the assert before the run
    assert badge is Badge.ATTENTION and told == ["Uploads paused"]


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_a_network_failure_reads_the_same_plain_words_everywhere(
    qtbot: QtBot,
    ui_service: ClockService,
    memory_keyring: MemoryKeyring,
    fake_clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server can't be reached: popup, tooltip and week say it in plain words (no errno),
    with the next try, from one function."""
    monkeypatch.setattr(config, "validate_url", lambda url: url)  # a plain-http loopback URL
    config.configure_timetrack(
        ui_service.settings, SecretStore(), closed_port_url(), "anna", "key", "secret"
    )
    sync = SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    watch = UploadWatch(sync)
    fake_clock.set_local("2026-11-23 17:00")
    ui_service.clock_in(at=berlin("2026-11-23 08:00"))
    session = ui_service.clock_out()
    fake_clock.advance(minutes=2)  # past the upload grace period

    async def one_run() -> None:
        watch.sync_now()
        await watch.wait_idle()

    asyncio.run(one_run())
    statuses = sync.session_statuses()
    assert statuses is not None
    [info] = [i for sid, i in statuses.items() if sid == session.id]
    assert info.status is UploadStatus.WAITING and info.detail is not None
    assert info.detail.text == "{label} can't be reached (no network, or the server is down)."
    text = watch.summary.text()
    assert text.startswith(
        "1 session not uploaded yet. TimeTrack can't be reached (no network, or the server is "
        "down). Next try at "
    )
    assert "attempts failed" not in text

    tray = ClockTray(LiveClock(ui_service, now=fake_clock), watch, tray_available=True)
    tray.show_popup()
    assert tray.popup is not None
    label = tray.popup.panel.upload_label
    assert label.text() == text and label.wordWrap()
    assert tray.tooltip().splitlines()[-1] == text
    tray.popup.close()

    week = WeekWindow(ui_service, sync, uploads=watch)
    qtbot.addWidget(week)
    waiting = row(week.tree, 0, 0)
    assert waiting.text(5).startswith("waiting, next try ")
    assert waiting.toolTip(5) == session_upload_detail(info)
    assert "TimeTrack can't be reached" in waiting.toolTip(5) and "Errno" not in waiting.toolTip(5)
    week.tree.setCurrentItem(waiting)
    assert week.status.text() == waiting.toolTip(5) and week.status.wordWrap()


def test_sync_now_shows_it_is_uploading_then_tells_the_result(
    qtbot: QtBot, tray: ClockTray, fake_uploads: FakeUploads
) -> None:
    told: list[tuple[str, str]] = []
    tray.uploads.notify.connect(lambda title, text: told.append((title, text)))

    async def sync_now() -> str:
        tray.sync_action.trigger()
        during = tray.tooltip().splitlines()[-1]
        await tray.uploads.wait_idle()
        return during

    assert asyncio.run(sync_now()) == "Uploading…"
    assert told == [("Sync now", "All sessions uploaded.")]
    fake_uploads.status_counts = {UploadStatus.NEEDS_ATTENTION: 1}
    asyncio.run(sync_now())
    assert told[-1] == ("Sync now", "1 upload needs your attention (see Week…).")
