"""The away prompt and the presence controller, offscreen: each answer does the right thing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from clockapp.domain.clock import ClockState
from clockapp.domain.presence import AwayCause, AwayPrompt
from clockapp.platform.idle import IdleSource
from clockapp.services.clock import ClockService
from clockapp.services.presence import PresenceService
from clockapp.ui.away_prompt import AwayPromptDialog, question_text
from clockapp.ui.live_clock import LiveClock
from clockapp.ui.presence import PresenceController
from clockapp.ui.qt import Qt
from tests.conftest import BERLIN, FakeClock, berlin

POLL_S = 20


class FakeIdle(IdleSource):
    """Idle seconds the test sets."""

    def __init__(self) -> None:
        self.seconds: float | None = 0.0
        self.closed = False

    def idle_seconds(self) -> float | None:
        return self.seconds

    def describe(self) -> str:
        return "fake idle source"

    def close(self) -> None:
        self.closed = True


class Told:
    """The tray's ``notify``, recorded."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.messages.append((title, text))


@pytest.fixture
def idle() -> FakeIdle:
    return FakeIdle()


@pytest.fixture
def told() -> Told:
    return Told()


@pytest.fixture
def boot_clock() -> list[float]:
    return [1000.0]


@pytest.fixture
def presence(
    ui_service: ClockService, fake_clock: FakeClock, boot_clock: list[float]
) -> PresenceService:
    return PresenceService(
        ui_service, now=fake_clock, monotonic=lambda: boot_clock[0], zone_now=lambda: BERLIN
    )


@pytest.fixture
def controller(
    qtbot: QtBot, live_clock: LiveClock, presence: PresenceService, idle: FakeIdle, told: Told
) -> Iterator[PresenceController]:
    watch = PresenceController(live_clock, presence, idle, told)
    yield watch
    watch.stop()
    for dialog in list(watch.prompts):
        dialog.withdraw()


def away_10_12_to_10_47(service: ClockService, fake_clock: FakeClock) -> AwayPrompt:
    """Clocked in at 08:00; it is 10:47 now, and the person was away since 10:12."""
    session = service.clock_in()
    fake_clock.set_local("2026-11-23 10:47")
    return AwayPrompt(
        session.id, berlin("2026-11-23 10:12"), berlin("2026-11-23 10:47"), AwayCause.IDLE
    )


def test_the_question_names_the_away_time_in_local_time(qtbot: QtBot) -> None:
    prompt = AwayPrompt(
        uuid.uuid4(),
        berlin("2026-11-23 10:12"),
        berlin("2026-11-23 10:47"),
        AwayCause.IDLE,
    )
    assert question_text(prompt, BERLIN) == (
        "You were away from 10:12 to 10:47 (35 min). "
        "Was that a break, work, or the end of your day?"
    )
    overnight = AwayPrompt(
        prompt.session_id,
        berlin("2026-11-23 23:30"),
        berlin("2026-11-24 07:10"),
        AwayCause.SLEEP,
    )
    assert "Mon 23 Nov 23:30 to Tue 24 Nov 07:10 (7 h 40 min)" in question_text(overnight, BERLIN)


def test_the_dialog_opens_without_blocking_anything(
    controller: PresenceController, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    # open() returned at once; window-modal to no parent, it blocks no other window (the
    # popup, the tray menu, the week view): only an application-modal dialog would.
    assert dialog.isVisible() and dialog.parent() is None
    assert dialog.windowModality() is not Qt.WindowModality.ApplicationModal
    assert "10:12" in dialog.end_button.text()


def test_break_records_a_break_from_the_idle_start(
    qtbot: QtBot,
    controller: PresenceController,
    ui_service: ClockService,
    fake_clock: FakeClock,
    live_clock: LiveClock,
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    with qtbot.waitSignal(controller.recorded):
        qtbot.mouseClick(dialog.break_button, Qt.MouseButton.LeftButton)
    running = ui_service.store.running_session()
    assert running is not None
    [pause] = running.breaks
    assert (pause.start, pause.end) == (berlin("2026-11-23 10:12"), berlin("2026-11-23 10:47"))
    assert live_clock.status.break_today_seconds == 35 * 60  # the tray shows it at once
    assert controller.prompts == []


def test_work_keeps_the_time_and_changes_nothing(
    qtbot: QtBot,
    controller: PresenceController,
    ui_service: ClockService,
    fake_clock: FakeClock,
    told: Told,
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    before = ui_service.store.running_session()
    qtbot.mouseClick(dialog.work_button, Qt.MouseButton.LeftButton)
    assert ui_service.store.running_session() == before
    assert told.messages == []


def test_end_of_day_clocks_out_at_the_idle_start(
    qtbot: QtBot,
    controller: PresenceController,
    ui_service: ClockService,
    fake_clock: FakeClock,
    live_clock: LiveClock,
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    with qtbot.waitSignal(live_clock.clocked_out):  # the finished session goes to the uploads
        qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert ui_service.store.running_session() is None
    [done] = ui_service.sessions(datetime(2026, 11, 23).date(), datetime(2026, 11, 23).date())
    assert done.end == berlin("2026-11-23 10:12")
    assert live_clock.state is ClockState.OFF


def test_dismissing_keeps_the_time_as_work_and_says_so(
    qtbot: QtBot,
    controller: PresenceController,
    ui_service: ClockService,
    fake_clock: FakeClock,
    told: Told,
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    before = ui_service.store.running_session()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert ui_service.store.running_session() == before
    [(title, text)] = told.messages
    assert title == "Kept as work"
    assert "10:12 to 10:47 stays recorded as work" in text


def test_closing_the_window_is_a_dismissal_too(
    controller: PresenceController, ui_service: ClockService, fake_clock: FakeClock, told: Told
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    dialog.close()
    assert [t for t, _ in told.messages] == ["Kept as work"]


def test_the_poll_opens_the_prompt_when_the_person_returns(
    controller: PresenceController,
    ui_service: ClockService,
    fake_clock: FakeClock,
    idle: FakeIdle,
    boot_clock: list[float],
) -> None:
    ui_service.clock_in()
    controller.start()

    def poll(idle_seconds: float) -> None:
        fake_clock.advance(seconds=POLL_S)
        boot_clock[0] += POLL_S
        idle.seconds = idle_seconds
        controller.poll()

    for _ in range(30):
        poll(0.0)
    for step in range(1, 40):  # 13 minutes away
        poll(step * POLL_S)
    assert controller.prompts == []
    poll(1.0)
    [dialog] = controller.prompts
    assert dialog.isVisible() and dialog.prompt.cause is AwayCause.IDLE
    assert round(dialog.prompt.seconds / 60) == 13


def test_a_prompt_about_a_session_ended_elsewhere_is_withdrawn(
    controller: PresenceController,
    ui_service: ClockService,
    other_process: ClockService,
    fake_clock: FakeClock,
    live_clock: LiveClock,
    told: Told,
) -> None:
    dialog = controller.show_prompt(away_10_12_to_10_47(ui_service, fake_clock))
    other_process.clock_out()  # ``clockapp out`` in a terminal
    live_clock.poll()
    assert controller.prompts == []
    assert not dialog.isVisible()
    assert told.messages == []  # withdrawn, not dismissed


def test_the_start_question_offers_the_last_activity_as_the_end(
    qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    session = ui_service.clock_in()
    prompt = AwayPrompt(
        session.id,
        berlin("2026-11-23 17:42"),
        berlin("2026-11-24 08:03"),
        AwayCause.APP_NOT_RUNNING,
    )
    dialog = AwayPromptDialog(prompt, BERLIN)
    qtbot.addWidget(dialog)
    assert "Were you still working?" in dialog.question.text()
    assert dialog.end_button.text().replace("&", "") == "No, I stopped at Mon 23 Nov 17:42"
    answers: list[object] = []
    dialog.answered.connect(answers.append)
    dialog.end_button.click()
    dialog.work_button.click()  # a second click after closing answers nothing more
    assert [a.value for a in answers] == ["end of day"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("answer_first", [True, False])
def test_after_the_start_question_the_same_minutes_are_not_asked_about_again(
    qtbot: QtBot,
    ui_service: ClockService,
    live_clock: LiveClock,
    fake_clock: FakeClock,
    idle: FakeIdle,
    told: Told,
    boot_clock: list[float],
    answer_first: bool,
) -> None:
    """Last seen at 09:00, ClockApp restarts at 10:30 and the idle counter says 90 min: one
    question (the start-up one) covers that time, however the answer and the polls interleave."""
    ui_service.clock_in(at=berlin("2026-11-23 08:00"))
    fake_clock.set_local("2026-11-23 09:00")
    first_run = PresenceService(
        ui_service, now=fake_clock, monotonic=lambda: boot_clock[0], zone_now=lambda: BERLIN
    )
    first_run.stop()  # the heartbeat: last seen 09:00
    fake_clock.set_local("2026-11-23 10:30")
    boot_clock[0] += 5400
    idle.seconds = 5400.0
    second_run = PresenceService(
        ui_service, now=fake_clock, monotonic=lambda: boot_clock[0], zone_now=lambda: BERLIN
    )
    controller = PresenceController(live_clock, second_run, idle, told)
    try:
        controller.start()
        [start_question] = controller.prompts
        assert start_question.prompt.cause is AwayCause.APP_NOT_RUNNING

        def poll(idle_seconds: float) -> None:
            fake_clock.advance(seconds=POLL_S)
            boot_clock[0] += POLL_S
            idle.seconds = idle_seconds
            controller.poll()

        if answer_first:
            start_question.work_button.click()
            poll(1.0)  # the click was input: the person is back
        else:
            poll(1.0)
            start_question.work_button.click()
        for _ in range(5):
            poll(1.0)
        assert controller.prompts == []  # no second question about 09:00–10:30
    finally:
        controller.stop()
        for dialog in list(controller.prompts):
            dialog.withdraw()


def test_titles_leave_the_app_name_to_qt(qtbot: QtBot) -> None:
    prompt = AwayPrompt(
        uuid.uuid4(), berlin("2026-11-23 10:12"), berlin("2026-11-23 10:47"), AwayCause.IDLE
    )
    dialog = AwayPromptDialog(prompt, BERLIN)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Were you working?"  # shown as "… — ClockApp"
