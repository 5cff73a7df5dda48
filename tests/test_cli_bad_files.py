"""A bad settings file or admin policy never stops the clock: every command still runs, and each
unusable value is told once on stderr, naming the file and the key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyring_memory import MemoryKeyring
from tests.test_cli import ago, run

BAD_FILES = {
    "policy locked is a number": ({"locked": 5}, None, ["policy.json", "locked"]),
    "policy not JSON": (b"{oops", None, ["policy.json", "not valid JSON"]),
    "policy targets a string": ({"settings": {"targets": "8h"}}, None, ["policy.json", "targets"]),
    "settings not UTF-8": (None, b'{"idle_minutes": "\xff\xfe"}', ["settings.json", "UTF-8"]),
    "settings targets a string": (None, {"targets": "8h"}, ["settings.json", "targets", '"8h"']),
    "settings target not a number": (None, {"targets": {"mon": "x"}}, ["settings.json", "mon"]),
    "settings reminder a number": (None, {"remind_clock_in_by": 9}, ["remind_clock_in_by"]),
    "settings a list": (None, [1, 2], ["settings.json", "not a JSON object"]),
}


def write(path: Path, content: object) -> None:
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "it" / "policy.json"
    path.parent.mkdir()
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(path))
    return path


@pytest.mark.parametrize("case", BAD_FILES)
def test_clock_in_and_out_work_whatever_the_files_hold_and_say_what_is_wrong_once(
    data_dir: Path, policy: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    policy_content, settings_content, words = BAD_FILES[case]
    if policy_content is not None:
        write(policy, policy_content)
    if settings_content is not None:
        write(data_dir / "settings.json", settings_content)

    code, out, err = run(capsys, "in", "--at", ago(hours=2))
    assert code == 0 and out.startswith("Clocked in at "), err
    [notice] = err.splitlines()
    assert notice.startswith("Warning: ") and all(w in notice for w in words), notice
    for command in (["status"], ["week"], ["sessions"], ["break"], ["resume"], ["targets"]):
        code, out, again = run(capsys, *command)
        assert code == 0 and out, (command, again)
        assert again == err  # the same notice, once per command
    code, out, _ = run(capsys, "out")
    assert code == 0 and out.startswith("Clocked out at ")
    code, out, _ = run(capsys, "week", "--json")
    assert code == 0 and json.loads(out)["target_min"] == 2400  # the built-in targets


def test_the_notice_comes_before_the_commands_own_output(data_dir: Path, policy: Path) -> None:
    write(policy, {"locked": 5})
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", "in"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 2, done.stdout
    assert lines[0].startswith("Warning: ") and str(policy) in lines[0]
    assert lines[1].startswith("Clocked in at ")


def test_a_damaged_settings_file_is_kept_when_a_command_saves_settings(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = b'{"backend": "timetrack", "timetrack_url": "https://acme.example" \xff'
    (data_dir / "settings.json").write_bytes(original)
    code, _, err = run(capsys, "targets", "--fri", "300")
    assert code == 0 and "settings.json" in err
    [kept] = data_dir.glob("settings.damaged-*.json")
    assert kept.read_bytes() == original
    assert json.loads((data_dir / "settings.json").read_text())["targets"]["fri"] == 300
    code, _, err = run(capsys, "status")
    assert code == 0 and err == ""  # the new file is good: nothing more to say


def test_one_bad_value_costs_that_key_only_and_the_backend_setup_survives_a_save(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = {
        "backend": "timetrack",
        "timetrack_url": "https://acme.example",
        "timetrack_username": "anna",
        "targets": {"mon": "x", "fri": 300},
    }
    write(data_dir / "settings.json", content)
    code, out, err = run(capsys, "targets", "--tue", "420", "--json")
    assert code == 0 and "targets.mon" in err
    assert json.loads(out) | {} == {
        "mon": 480,
        "tue": 420,
        "wed": 480,
        "thu": 480,
        "fri": 300,
        "sat": 0,
        "sun": 0,
    }
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["backend"] == "timetrack" and saved["timetrack_username"] == "anna"
    [kept] = data_dir.glob("settings.damaged-*.json")
    assert json.loads(kept.read_text()) == content


def test_a_hand_edited_address_that_cant_be_used_is_a_sentence_not_a_traceback(
    data_dir: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    write(
        data_dir / "settings.json",
        {"backend": "timetrack", "timetrack_url": "ftp://acme.example", "timetrack_username": "a"},
    )
    memory_keyring.set_password("ClockApp", "timetrack:ftp://acme.example:a:api_key", "k")
    memory_keyring.set_password("ClockApp", "timetrack:ftp://acme.example:a:api_secret", "s")
    for command in (["sync"], ["backend", "test"]):
        code, out, err = run(capsys, *command)
        assert code == 1 and out == "" and "not a web address" in err and err.count("\n") == 1
