"""A change saved in the settings dialog acts in the running app at once: no restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.platform.autostart import XdgAutostart
from clockapp.secrets import SecretStore
from clockapp.services.clock import ClockService
from clockapp.services.presence import PresenceService
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.presence import PresenceController
from clockapp.ui.qt import QDialogButtonBox
from clockapp.ui.settings_dialog import SettingsDialog
from tests.conftest import BERLIN, FakeClock
from tests.keyring_memory import MemoryKeyring
from tests.ui.test_away_prompt import FakeIdle, Told


@pytest.fixture
def running_app(
    qtbot: QtBot, live_clock: LiveClock, ui_service: ClockService, fake_clock: FakeClock
) -> Iterator[tuple[PresenceController, FakeIdle, Told, list[float]]]:
    """The presence watch as the tray runs it, on the clock service the dialog edits."""
    idle, told, boot = FakeIdle(), Told(), [1000.0]
    presence = PresenceService(
        ui_service, now=fake_clock, monotonic=lambda: boot[0], zone_now=lambda: BERLIN
    )
    watch = PresenceController(live_clock, presence, idle, told, poll_interval_ms=None)
    yield watch, idle, told, boot
    watch.stop()
    for dialog in list(watch.prompts):
        dialog.withdraw()


def test_a_new_idle_threshold_and_reminder_act_without_a_restart(
    qtbot: QtBot,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    ui_service: ClockService,
    fake_clock: FakeClock,
    running_app: tuple[PresenceController, FakeIdle, Told, list[float]],
) -> None:
    watch, idle, told, boot = running_app
    fake_clock.set_local("2026-11-23 08:00")
    ui_service.clock_in()
    watch.start()

    def poll(idle_seconds: float) -> None:
        fake_clock.advance(seconds=20)
        boot[0] += 20
        idle.seconds = idle_seconds
        watch.poll()

    def away_seven_minutes_and_back() -> None:
        for step in range(1, 22):
            poll(step * 20.0)
        poll(1.0)

    away_seven_minutes_and_back()  # the default threshold is 10 minutes; no reminder is set
    assert watch.prompts == [] and told.messages == []

    dialog = SettingsDialog(
        ui_service.settings,  # the one the tray hands the dialog
        SecretStore(),
        autostart=XdgAutostart(tmp_path / "xdg", command=["clockapp"], system_dirs=[]),
    )
    qtbot.addWidget(dialog)
    dialog.idle.setValue(5)
    dialog.remind_out.setText("08:10")  # "remind me if still clocked in after 08:10"
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    away_seven_minutes_and_back()  # the same running app, until 08:14
    [asked] = watch.prompts  # 7 minutes away now pass the new 5-minute threshold
    assert round(asked.prompt.seconds / 60) == 7
    assert [text for _, text in told.messages if "08:10" in text], told.messages

    # And switched off again, with a long threshold: neither comes the next day.
    asked.withdraw()
    watch.prompts.clear()
    again = SettingsDialog(
        ui_service.settings,
        SecretStore(),
        autostart=XdgAutostart(tmp_path / "xdg", command=["clockapp"], system_dirs=[]),
    )
    qtbot.addWidget(again)
    again.remind_out.setText("")
    again.idle.setValue(60)
    with qtbot.waitSignal(again.accepted):
        again.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    told.messages.clear()
    ui_service.clock_out()
    fake_clock.advance(hours=24)  # the next day, 08:14, the app still running
    boot[0] += 24 * 3600
    ui_service.clock_in()
    poll(0.0)
    for _ in range(3):
        away_seven_minutes_and_back()
    assert watch.prompts == [] and told.messages == []
