"""The settings dialog refuses a pasted secret that can't be one, in plain words, storing
nothing and never showing it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clockapp.settings import Settings
from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.ui.test_settings_dialog import dialog_for, fill_timetrack, save


@pytest.mark.parametrize(
    "bad", ["tt-k\tey7Hq9zX", "tt-kä7Hq9zX", "tt-k\x0b7Hq9zX", "tt-k\x007Hq9zX"]
)
def test_a_pasted_secret_with_a_control_or_non_ascii_character_is_refused(
    qtbot: QtBot,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    bad: str,
) -> None:
    settings = Settings.load(tmp_path / "config" / "settings.json")
    dialog = dialog_for(qtbot, settings, tmp_path)
    fill_timetrack(dialog, timetrack, secret=bad)
    assert dialog.tt_secret.text() == bad  # the field keeps what was pasted

    async def test_now() -> str:
        dialog.test_connection()
        assert dialog._test_task is not None
        await dialog._test_task
        return dialog.test_result.text()

    answer = asyncio.run(test_now())
    assert "TimeTrack API secret can't contain" in answer and "7Hq9zX" not in answer
    assert timetrack.requests == []

    with qtbot.assertNotEmitted(dialog.accepted):
        save(dialog)
    assert "TimeTrack API secret can't contain" in dialog.message.text()
    assert "7Hq9zX" not in dialog.message.text()
    assert memory_keyring.entries == {} and settings.get("backend") == "none"
    assert not settings.path.exists()
