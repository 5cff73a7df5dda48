"""Undo in the popup (issue 12): for a minute after a clock action taken there, one click takes it
back — a clock-in is discarded (only its trail stays), a break click reverted, a clock-out
reopens the session; what changed since elsewhere is never overwritten."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.secrets import SecretStore
from clockapp.services import backend_config as config
from clockapp.services.clock import ClockService
from clockapp.services.shifts import destination_key
from clockapp.storage import Change
from clockapp.storage.confirmations import ConfirmationStore
from clockapp.ui.live_clock import ClockAction, LiveClock
from clockapp.ui.popup import ClockPanel
from clockapp.ui.qt import QMessageBox, Qt
from clockapp.ui.tray import ClockTray
from clockapp.ui.upload_status import UploadWatch
from tests.conftest import FakeClock, berlin
from tests.keyring_memory import MemoryKeyring


@pytest.fixture
def panel(qtbot: QtBot, live_clock: LiveClock, uploads: UploadWatch) -> ClockPanel:
    widget = ClockPanel(live_clock, uploads)
    qtbot.addWidget(widget)
    return widget


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_accidental_clock_in_is_undone_and_leaves_only_its_trail(
    qtbot: QtBot, panel: ClockPanel, other_process: ClockService, fake_clock: FakeClock
) -> None:
    assert not panel.undo_button.isVisibleTo(panel)  # nothing to undo yet
    click(qtbot, panel.primary_button)
    session = other_process.store.running_session()
    assert session is not None and panel.undo_button.isVisibleTo(panel)
    fake_clock.advance(seconds=30)
    click(qtbot, panel.undo_button)
    assert other_process.status().state is ClockState.OFF
    assert other_process.store.session(session.id) is None
    assert [e.action.value for e in other_process.store.history(session.id)] == [
        "created",
        "discarded",
    ]
    assert other_process.store.outbox() == []
    assert not panel.undo_button.isVisibleTo(panel)


def test_undoing_a_clock_out_reopens_the_session_and_takes_back_its_upload(
    qtbot: QtBot, panel: ClockPanel, other_process: ClockService, fake_clock: FakeClock
) -> None:
    click(qtbot, panel.primary_button)  # clock in
    fake_clock.advance(hours=3)
    click(qtbot, panel.clock_out_button)
    assert other_process.status().state is ClockState.OFF
    fake_clock.advance(seconds=20)
    click(qtbot, panel.undo_button)
    running = other_process.store.running_session()
    assert running is not None and running.end is None
    assert other_process.status().state is ClockState.WORKING
    # The outbox ends in a deletion: nothing is sent for a session the server never got.
    assert [e.change for e in other_process.store.outbox()] == [Change.FINISHED, Change.DELETED]
    assert other_process.store.history(running.id)[-1].reason == "undone"


def test_a_break_click_is_undone(
    qtbot: QtBot,
    panel: ClockPanel,
    live_clock: LiveClock,
    other_process: ClockService,
    fake_clock: FakeClock,
) -> None:
    live_clock.act(ClockAction.CLOCK_IN)
    fake_clock.advance(hours=1)
    click(qtbot, panel.primary_button)  # start break
    assert other_process.status().state is ClockState.ON_BREAK
    click(qtbot, panel.undo_button)
    running = other_process.store.running_session()
    assert running is not None and running.breaks == ()
    assert other_process.status().state is ClockState.WORKING


def test_undo_is_offered_for_a_minute_only(
    qtbot: QtBot, panel: ClockPanel, live_clock: LiveClock, fake_clock: FakeClock
) -> None:
    click(qtbot, panel.primary_button)
    fake_clock.advance(seconds=59)
    panel.tick()
    assert panel.undo_button.isVisibleTo(panel)
    fake_clock.advance(seconds=1)
    panel.tick()
    assert not panel.undo_button.isVisibleTo(panel)
    assert not live_clock.undo()
    assert live_clock.state is ClockState.WORKING


def test_undo_never_overwrites_a_change_made_since(
    qtbot: QtBot, panel: ClockPanel, other_process: ClockService, fake_clock: FakeClock
) -> None:
    click(qtbot, panel.primary_button)
    session = other_process.store.running_session()
    assert session is not None
    other_process.edit(str(session.id), note="Support")  # in a terminal, meanwhile
    click(qtbot, panel.undo_button)
    assert "changed since" in panel.message_label.text()
    running = other_process.store.running_session()
    assert running is not None and running.note == "Support"


def test_the_tray_discards_the_running_session_after_a_confirmation(
    qtbot: QtBot, tray: ClockTray, other_process: ClockService
) -> None:
    assert not tray.discard_action.isEnabled()  # clocked out: nothing to discard
    tray.clock_actions[ClockAction.CLOCK_IN].trigger()
    session = other_process.store.running_session()
    assert session is not None and tray.discard_action.isEnabled()

    tray.discard_action.trigger()
    box = tray.discard_question
    assert box is not None and box.isVisible() and "only its history" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert other_process.store.running_session() == session  # cancelled: nothing changed

    tray.discard_action.trigger()
    box = tray.discard_question
    assert box is not None
    [discard] = [b for b in box.buttons() if b.text() == "&Discard"]
    discard.click()
    assert other_process.store.running_session() is None
    assert other_process.store.history(session.id)[-1].action.value == "discarded"
    assert not tray.discard_action.isEnabled()


def test_discarding_on_a_day_a_manager_confirmed_says_they_will_see_it(
    qtbot: QtBot, tray: ClockTray, memory_keyring: MemoryKeyring, fake_clock: FakeClock
) -> None:
    service = tray.clock.service
    config.configure_papershift(
        service.settings,
        SecretStore(),
        "https://app.papershift.com",
        "ps-token",
        {"location_id": "8006", "working_area_id": "12", "user_id": "1"},
    )
    early = service.add(berlin("2026-11-23 06:00"), berlin("2026-11-23 07:00"))
    key = destination_key(service.settings)
    assert key is not None
    with service.store.write():  # as a fetch of the week's listing records it
        ConfirmationStore(service.store).record(key, {early.id: True}, fake_clock())
    tray.clock_actions[ClockAction.CLOCK_IN].trigger()
    tray.discard_action.trigger()
    box = tray.discard_question
    assert box is not None and box.text().endswith(
        "A manager has confirmed this day; they will see the removal as a change."
    )
    [discard] = [b for b in box.buttons() if b.text() == "&Discard"]
    discard.click()
    assert service.store.running_session() is None
