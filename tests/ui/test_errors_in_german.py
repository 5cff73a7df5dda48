"""In the German UI, disk and network trouble reads in German: no English sentence, errno or
Python exception text inside it. The CLI says the same in English."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.uploads import UploadStatus
from clockapp.platform.autostart import XdgAutostart
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.sync import SyncService
from clockapp.settings import Settings
from clockapp.ui.qt import QDialogButtonBox
from clockapp.ui.settings_dialog import SettingsDialog
from clockapp.ui.upload_status import UploadWatch, session_upload_detail
from tests.conftest import FakeClock, berlin
from tests.disk_conditions import fill, small_disk
from tests.fakes.server import Fault
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.ui.test_icons_and_uploads import closed_port_url

#: Words of the English sentences (and of the OS's and httpx's texts) that must not leak
#: ("Server" is German too).
ENGLISH = re.compile(
    r"\b(the|disk|full|space|can't|reached|down|network|connect\w*|refused|errno|"
    r"No space left|Connection|saved|settings|try again)\b",
    re.IGNORECASE,
)


def test_a_full_disk_reads_in_german(
    german: None, qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    with small_disk(disk):
        settings = Settings.load(disk / "settings.json")
        dialog = SettingsDialog(
            settings,
            SecretStore(),
            autostart=XdgAutostart(tmp_path / "xdg", command=["clockapp"], system_dirs=[]),
        )
        qtbot.addWidget(dialog)
        filler = fill(disk)
        dialog.idle.setValue(15)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        shown = dialog.message.text()
        assert shown.startswith("Der Datenträger ist voll, daher wurden Ihre Einstellungen")
        assert ENGLISH.findall(shown.replace(str(settings.path), "")) == [], shown
        assert dialog.result() == 0 and not settings.path.exists()  # not accepted, nothing saved
        filler.unlink()


def test_a_server_that_is_down_reads_in_german(
    german: None,
    qtbot: QtBot,
    ui_service: ClockService,
    memory_keyring: MemoryKeyring,
    fake_clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
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
    info = statuses[session.id]
    assert info.status is UploadStatus.WAITING
    line = watch.summary.text()
    assert line.startswith(
        "1 Sitzung noch nicht hochgeladen. TimeTrack ist nicht erreichbar (kein Netzwerk, oder "
        "der Server ist ausgefallen). Nächster Versuch um "
    ), line
    detail = session_upload_detail(info)
    assert detail.startswith("Noch nicht hochgeladen. TimeTrack ist nicht erreichbar"), detail
    for text in (line, detail):
        assert ENGLISH.findall(text) == [], text
    # Read back from the ledger, the reason is still whole for the CLI, in English.
    assert str(info.detail) == "TimeTrack can't be reached (no network, or the server is down)."


def test_a_servers_refusal_reads_in_german_around_the_servers_own_words(
    german: None,
    qtbot: QtBot,
    ui_service: ClockService,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    fake_clock: FakeClock,
) -> None:
    config.configure_timetrack(
        ui_service.settings,
        SecretStore(),
        timetrack.url,
        "anna",
        timetrack.api_key,
        timetrack.api_secret,
    )
    sync = SyncService(ui_service.store, ui_service.settings, SecretStore(), now=fake_clock)
    fake_clock.set_local("2026-11-23 17:00")
    ui_service.clock_in(at=berlin("2026-11-23 08:00"))
    session = ui_service.clock_out()
    fake_clock.advance(minutes=2)
    timetrack.fail_next(Fault("before", 422, method="POST", body={"error": "Projekt gesperrt"}))
    watch = UploadWatch(sync)

    async def one_run() -> None:
        watch.sync_now()
        await watch.wait_idle()

    asyncio.run(one_run())
    statuses = sync.session_statuses()
    assert statuses is not None
    info = statuses[session.id]
    assert info.status is UploadStatus.NEEDS_ATTENTION
    assert session_upload_detail(info) == (
        "Ihr Personalsystem hat diese Sitzung abgelehnt. TimeTrack hat das abgelehnt "
        "(Fehler 422): „Projekt gesperrt“ Korrigieren Sie sie (Bearbeiten…), dann wird sie "
        "erneut gesendet."
    )
    # The CLI reads the same record in English.
    assert str(info.detail) == 'TimeTrack refused this (error 422): "Projekt gesperrt"'
