"""The settings dialog: secrets to the keyring only, a connection test of what is on screen,
locked fields, targets, and start at login."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.platform.autostart import XdgAutostart
from clockapp.secrets import SecretStore
from clockapp.settings import SETTINGS, Policy, Settings
from clockapp.ui.qt import QDialogButtonBox
from clockapp.ui.settings_dialog import SettingsDialog
from tests.fakes.papershift import FakePapershift
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(tmp_path / "config" / "settings.json")


def dialog_for(
    qtbot: QtBot, settings: Settings, tmp_path: Path, secrets: object = "real"
) -> SettingsDialog:
    dialog = SettingsDialog(
        settings,
        SecretStore() if secrets == "real" else secrets,
        autostart=XdgAutostart(
            tmp_path / "xdg-config", command=["/opt/clockapp/clockapp"], system_dirs=[]
        ),
    )
    qtbot.addWidget(dialog)
    return dialog


def save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def fill_timetrack(
    dialog: SettingsDialog, server: FakeTimeTrack, secret: str | None = None
) -> None:
    dialog.kind.setCurrentIndex(1)
    dialog.tt_url.setText(server.url)
    dialog.tt_user.setText("anna")
    dialog.tt_key.setText(server.api_key)
    dialog.tt_secret.setText(secret or server.api_secret)


def test_timetrack_setup_puts_secrets_in_the_keyring_only(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    fill_timetrack(dialog, timetrack)
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert settings.get("backend") == "timetrack" and settings.get("timetrack_username") == "anna"
    assert sorted(memory_keyring.entries.values()) == sorted(
        [timetrack.api_key, timetrack.api_secret]
    )
    written = settings.path.read_text()
    assert timetrack.api_key not in written and timetrack.api_secret not in written

    # Reopened: the secret fields are empty, and saving keeps the stored secrets.
    again = dialog_for(qtbot, settings, tmp_path)
    assert again.kind.currentData() == "timetrack" and again.tt_key.text() == ""
    again.targets["fri"].setValue(300)
    with qtbot.waitSignal(again.accepted):
        save(again)
    assert settings.targets["fri"] == 300
    assert sorted(memory_keyring.entries.values()) == sorted(
        [timetrack.api_key, timetrack.api_secret]
    )


def test_a_bad_address_is_refused_and_nothing_changes(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    fill_timetrack(dialog, timetrack)
    dialog.tt_url.setText("http://hr.example.com")
    save(dialog)
    assert dialog.isVisible() or dialog.result() == 0
    assert "https://" in dialog.message.text()
    assert memory_keyring.entries == {} and not settings.path.exists()


def test_the_connection_test_checks_what_is_on_screen(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)

    async def test_now() -> str:
        dialog.test_connection()
        assert dialog._test_task is not None
        await dialog._test_task
        return dialog.test_result.text()

    fill_timetrack(dialog, timetrack, secret="mistyped")
    assert "TimeTrack rejected the credentials" in asyncio.run(test_now())
    assert "mistyped" not in dialog.test_result.text()
    fill_timetrack(dialog, timetrack)
    assert asyncio.run(test_now()) == f"Connected to TimeTrack at {timetrack.url}."
    assert settings.get("backend") == "none" and memory_keyring.entries == {}  # nothing saved


def test_papershift_ids_by_id_or_external_id(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    papershift: FakePapershift,
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    dialog.kind.setCurrentIndex(2)
    dialog.ps_url.setText(papershift.url)
    dialog.ps_token.setText(papershift.api_token)
    for entity, (kind, value) in zip(
        ("location", "working_area", "user"),
        (("id", "8006"), ("external_id", "Area-Alpha"), ("external_id", "User-001")),
        strict=True,
    ):
        by, field = dialog.ps_ids[entity]
        by.setCurrentIndex(by.findData(kind))
        field.setText(value)

    async def test_now() -> str:
        dialog.test_connection()
        assert dialog._test_task is not None
        await dialog._test_task
        return dialog.test_result.text()

    assert asyncio.run(test_now()).startswith("Connected to Papershift")
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert settings.get("papershift_location_id") == "8006"
    assert settings.get("papershift_location_external_id") is None
    assert settings.get("papershift_user_external_id") == "User-001"
    assert list(memory_keyring.entries.values()) == [papershift.api_token]


def test_fields_the_admin_locked_are_shown_locked(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    policy = Policy(
        {"backend": "papershift", "targets": {"fri": 300}}, frozenset({"backend", "targets"})
    )
    settings = Settings.load(tmp_path / "settings.json", policy=policy)
    dialog = dialog_for(qtbot, settings, tmp_path)
    assert dialog.kind.currentData() == "papershift" and not dialog.kind.isEnabled()
    assert dialog.kind.toolTip() == "Set by your IT department."
    assert not dialog.targets["mon"].isEnabled() and dialog.targets["fri"].value() == 300
    assert dialog.idle.isEnabled()


def test_start_at_login_writes_the_xdg_entry(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    entry = tmp_path / "xdg-config" / "autostart" / "clockapp.desktop"
    dialog = dialog_for(qtbot, settings, tmp_path)
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert "Exec=/opt/clockapp/clockapp\n" in entry.read_text()
    again = dialog_for(qtbot, settings, tmp_path)
    assert again.start_at_login.isChecked()
    again.start_at_login.setChecked(False)
    with qtbot.waitSignal(again.accepted):
        save(again)
    assert not entry.exists()


def test_without_a_keyring_secrets_are_never_taken(
    qtbot: QtBot, settings: Settings, tmp_path: Path, timetrack: FakeTimeTrack
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path, secrets=None)
    assert not dialog.tt_key.isEnabled() and "No system keyring" in dialog.test_result.text()
    fill_timetrack(dialog, timetrack)
    save(dialog)
    assert "No system keyring" in dialog.message.text()
    assert settings.get("backend") == "none"


def test_reminders_are_set_and_a_bad_time_is_refused(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    assert dialog.remind_break.value() == 15  # the default: 15 min ahead of a due break
    dialog.remind_in.setText("9:30")
    dialog.remind_out.setText("25:00")
    save(dialog)
    assert "25:00 is not a time of day" in dialog.message.text()
    assert settings.get("remind_clock_in_by") is None  # nothing saved
    dialog.remind_out.setText("18:00")
    dialog.remind_limit.setValue(0)  # off
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert settings.get("remind_clock_in_by") == "09:30"
    assert settings.get("remind_clock_out_after") == "18:00"
    assert settings.get("remind_daily_limit_ahead_minutes") is None


def test_every_number_takes_its_range_from_the_settings_declaration(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    assert len(dialog.numbers) >= 7
    for key, box in dialog.numbers.items():
        declared = SETTINGS[key]
        assert (box.minimum(), box.maximum()) == (
            0 if declared.optional else declared.low,
            declared.high,
        ), key
    # What a file may say, the dialog may say: the forgotten-session clock-out can be off.
    dialog.auto_out.setValue(0)
    assert dialog.auto_out.text() == "off"
    dialog.idle.setValue(1000)  # beyond the declared 240: held at it
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert settings.get("auto_clock_out_hours") is None
    assert settings.get("idle_minutes") == 240


def test_targets_read_as_hours_and_minutes(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    monday = dialog.targets["mon"]
    assert monday.text() == "8:00"  # not "480 min"
    assert dialog.targets["sat"].text() == "0:00"
    monday.lineEdit().selectAll()
    qtbot.keyClicks(monday.lineEdit(), "7:30")
    monday.interpretText()
    assert monday.value() == 450
    monday.stepUp()
    assert monday.text() == "7:45"
    save(dialog)
    assert settings.targets["mon"] == 465
    assert dialog.windowTitle() == "Settings"  # Qt adds the app's name itself


def test_the_connection_test_keeps_focus_and_its_answer_goes_with_the_choice(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.test_button.setFocus()

    async def test_now() -> str:
        dialog.test_connection()
        assert dialog.focusWidget() is dialog.test_button  # not moved on to Monday's target
        assert dialog._test_task is not None
        await dialog._test_task
        return dialog.test_result.text()

    assert asyncio.run(test_now()) == "Choose TimeTrack or Papershift first."
    assert dialog.focusWidget() is dialog.test_button
    dialog.kind.setCurrentIndex(1)  # TimeTrack chosen: the old answer no longer applies
    assert dialog.test_result.text() == ""


def test_placeholders_are_not_cut(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    dialog.kind.setCurrentIndex(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.tt_key, dialog.tt_secret, dialog.remind_in, dialog.remind_out):
        need = field.fontMetrics().horizontalAdvance(field.placeholderText()) + 12
        assert field.width() >= need, field.placeholderText()


def test_the_dialog_says_what_a_new_destination_will_receive(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, fake_clock: object
) -> None:
    """A change of server or account is a visible act: before saving, the dialog says how many
    sessions the account on screen would get, from when."""
    from clockapp.services.clock import ClockService
    from clockapp.services.sync import SyncService
    from clockapp.storage import Store
    from tests.conftest import BERLIN, FakeClock, berlin

    clock = fake_clock
    assert isinstance(clock, FakeClock)
    clock.set_local("2026-11-27 18:00")
    store = Store.open(tmp_path / "clockapp.db")
    settings = Settings.load(tmp_path / "settings.json")
    service = ClockService(store, settings, BERLIN, now=clock)
    for day in ("2026-09-14", "2026-10-05", "2026-11-23"):
        service.clock_in(at=berlin(f"{day} 08:00"))
        service.clock_out(at=berlin(f"{day} 16:00"))
    uploads = SyncService(store, settings, SecretStore(), now=clock, zone_name=BERLIN)
    dialog = SettingsDialog(settings, SecretStore(), preview=uploads.preview)
    qtbot.addWidget(dialog)
    assert dialog.destination_note.text() == ""  # no backend chosen
    dialog.kind.setCurrentIndex(1)
    dialog.tt_url.setText("https://acme.timetrackenterprise.com")
    dialog.tt_user.setText("anna")
    note = dialog.destination_note.text()
    assert note.startswith("2 session(s) since ")  # the current and the previous month
    assert note.endswith(
        "will be uploaded to TimeTrack at https://acme.timetrackenterprise.com as anna."
    )
    dialog.tt_user.setText("")
    assert dialog.destination_note.isHidden()  # incomplete: nothing to say yet
    store.close()


def test_shift_reminders_are_off_until_chosen_and_a_policy_lock_holds(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    import json

    from clockapp.settings import Policy

    path = tmp_path / "policy.json"
    path.write_text(
        json.dumps(
            {
                "settings": {"remind_shift_still_clocked_in_minutes": 30},
                "locked": ["remind_shift_still_clocked_in_minutes"],
            }
        )
    )
    settings = Settings(tmp_path / "settings.json", {}, Policy.load(path))
    dialog = dialog_for(qtbot, settings, tmp_path)
    boxes = dialog.shift_reminders
    assert boxes["remind_shift_start_ahead_minutes"].value() == 0  # off
    assert boxes["remind_shift_start_ahead_minutes"].text() == "off"
    locked = boxes["remind_shift_still_clocked_in_minutes"]
    assert locked.value() == 30 and not locked.isEnabled()
    boxes["remind_shift_start_ahead_minutes"].setValue(10)
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert settings.get("remind_shift_start_ahead_minutes") == 10
    assert settings.get("remind_shift_not_clocked_in_minutes") is None
    assert settings.get("remind_shift_still_clocked_in_minutes") == 30


def test_targets_from_the_shift_plan_are_off_until_chosen_and_lockable(
    qtbot: QtBot, settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = dialog_for(qtbot, settings, tmp_path)
    assert not dialog.target_from_shifts.isChecked() and dialog.target_from_shifts.isEnabled()
    dialog.target_from_shifts.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        save(dialog)
    assert Settings.load(settings.path).get("target_from_shifts") is True

    policy = Policy({"target_from_shifts": False}, frozenset({"target_from_shifts"}))
    locked = Settings.load(tmp_path / "locked.json", policy=policy)
    dialog = dialog_for(qtbot, locked, tmp_path)
    assert not dialog.target_from_shifts.isEnabled()
    assert dialog.target_from_shifts.toolTip() == "Set by your IT department."
    assert not dialog.target_from_shifts.isChecked()


def test_saving_asks_the_keyring_in_the_background_and_waits_for_it(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    # In the tray each keyring call is a helper process: the dialog must not freeze on it.
    asked, answer = threading.Event(), threading.Event()
    store_password = memory_keyring.set_password

    def slow_set(service: str, username: str, password: str) -> None:
        asked.set()
        answer.wait(10)
        store_password(service, username, password)

    memory_keyring.set_password = slow_set  # type: ignore[method-assign]
    dialog = dialog_for(qtbot, settings, tmp_path)
    dialog.show()
    fill_timetrack(dialog, timetrack)
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))

    async def save_meanwhile() -> tuple[str, bool, bool]:
        save(dialog)  # returns at once
        assert await asyncio.to_thread(asked.wait, 10)
        said, saved_yet = dialog.message.text(), settings.path.exists()
        dialog.reject()  # Escape or the window's close: not while the keyring is asked
        still_open = dialog.isVisible()
        answer.set()
        assert dialog._saving is not None
        await dialog._saving
        return said, saved_yet, still_open

    assert asyncio.run(save_meanwhile()) == ("Saving…", False, True)
    assert accepted == [True] and settings.get("backend") == "timetrack"
    assert sorted(memory_keyring.entries.values()) == sorted(
        [timetrack.api_key, timetrack.api_secret]
    )


def test_a_keyring_that_does_not_answer_leaves_the_settings_as_they_were(
    qtbot: QtBot,
    settings: Settings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
) -> None:
    release = threading.Event()

    def hang(service: str, username: str, password: str) -> None:
        release.wait(5)

    memory_keyring.set_password = hang  # type: ignore[method-assign]
    dialog = dialog_for(qtbot, settings, tmp_path, secrets=SecretStore(timeout_s=0.3))
    dialog.show()
    fill_timetrack(dialog, timetrack)

    async def save_now() -> None:
        save(dialog)
        assert dialog._saving is not None
        await dialog._saving

    try:
        asyncio.run(save_now())
    finally:
        release.set()
    assert dialog.message.text() == "The system keyring did not answer in time (is it locked?)."
    assert dialog.isVisible() and not settings.path.exists()
    dialog.reject()  # the save has ended: closing works again
    assert not dialog.isVisible()
