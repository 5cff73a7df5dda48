"""The command line on a read-only data folder and on a full disk: reading works, writing says
why it can't in plain words, and nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disk_conditions import fill, read_only_folder, small_disk
from tests.keyring_memory import MemoryKeyring
from tests.test_cli import run

READ_ONLY_COMMANDS = [
    ["status"],
    ["week", "--of", "2026-11-23"],
    ["sessions", "--from", "2026-11-23", "--to", "2026-11-23", "--json"],
    ["backend", "show"],
]


def a_recorded_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "in", "--at", "2026-11-23 08:00")[0] == 0
    assert run(capsys, "out", "--at", "2026-11-23 16:00")[0] == 0


def test_a_read_only_data_folder_still_shows_everything_and_refuses_writes_plainly(
    data_dir: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    a_recorded_day(capsys)
    with read_only_folder(data_dir):
        for args in READ_ONLY_COMMANDS:
            code, out, err = run(capsys, *args)
            assert (code, err) == (0, ""), args
        [s] = json.loads(run(capsys, *READ_ONLY_COMMANDS[2])[1])
        assert s["worked_min"] == 480
        code, out, err = run(capsys, "in")
        assert (code, out) == (1, "")
        assert err == (
            f"clockapp: The data folder {data_dir} is read-only; nothing was recorded. "
            "Make it writable (or ask your IT support) and try again.\n"
        )
    assert run(capsys, "status")[1].startswith("You are clocked out.")


def test_on_a_full_disk_reading_works_and_writing_says_the_disk_is_full(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    monkeypatch.setenv("CLOCKAPP_DATA_DIR", str(disk))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    with small_disk(disk):
        a_recorded_day(capsys)
        filler = fill(disk)
        for args in READ_ONLY_COMMANDS:
            code, out, err = run(capsys, *args)
            assert (code, err) == (0, ""), args
        code, out, err = run(capsys, "in", "--at", "2026-11-24 08:00")
        assert (code, out) == (1, "")
        assert err.startswith("clockapp: The disk is full; nothing was recorded.")
        assert err.count("\n") == 1
        filler.unlink()
        assert run(capsys, "in", "--at", "2026-11-24 08:00")[0] == 0
        [first, second] = json.loads(
            run(capsys, "sessions", "--from", "2026-11-23", "--to", "2026-11-24", "--json")[1]
        )
        assert first["worked_min"] == 480 and second["end"] is None
