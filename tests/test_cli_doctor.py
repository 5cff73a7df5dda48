"""``clockapp doctor``: what IT asks a user to paste — notices, paths, keyring, backend, uploads;
never a secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.timetrack import FakeTimeTrack
from tests.keyring_memory import MemoryKeyring
from tests.test_cli import ago, run
from tests.test_cli_backend import set_timetrack


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "it" / "policy.json"
    path.parent.mkdir()
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(path))
    return path


def test_doctor_tells_it_what_it_needs_and_no_secret(
    data_dir: Path,
    policy: Path,
    memory_keyring: MemoryKeyring,
    timetrack: FakeTimeTrack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_timetrack(capsys, monkeypatch, timetrack)
    run(capsys, "in", "--at", ago(hours=3))
    run(capsys, "out", "--at", ago(hours=1))
    policy.write_text('{"settings": {"idle_minutes": "x"}, "locked": 5}')
    (data_dir / "settings.json").write_text(
        json.dumps(json.loads((data_dir / "settings.json").read_text()) | {"targets": "8h"})
    )

    code, out, err = run(capsys, "doctor", "--json")
    assert code == 0 and err == ""  # the notices are in the report, not on stderr
    report = json.loads(out)
    assert len(report["notices"]) == 3
    assert any(str(policy) in n and "idle_minutes" in n for n in report["notices"])
    assert any(str(policy) in n and "locked" in n for n in report["notices"])
    assert any("settings.json" in n and "targets" in n for n in report["notices"])
    assert report["data_dir"] == report["config_dir"] == str(data_dir)
    assert report["database"] == str(data_dir / "clockapp.db")
    assert report["settings_file"] == {"path": str(data_dir / "settings.json"), "exists": True}
    assert report["policy_file"] == {"path": str(policy), "exists": True}
    assert report["keyring"] == memory_keyring.name
    assert report["backend"] | {"locked": None} == {
        "backend": "timetrack",
        "url": timetrack.url,
        "username": "anna",
        "api_key": "stored",
        "api_secret": "stored",
        "locked": None,
    }
    assert report["uploads"]["saved on this device"] == 1
    assert sum(report["uploads"].values()) == 1 and report["uploads_paused"] is None
    assert report["destination"]["label"].startswith("TimeTrack at ")
    assert report["destination"]["waiting"] == 1

    code, text, _ = run(capsys, "doctor")
    assert code == 0
    for line in (
        f"Data folder: {data_dir}",
        f"Admin policy: {policy} (present)",
        f"Keyring: {memory_keyring.name}",
        "Backend: timetrack",
        "  username: anna",
        "  api_secret: stored",
    ):
        assert line in text.splitlines(), line
    assert "Uploads: 1 saved on this device" in text
    assert sum(line.startswith("  - ") for line in text.splitlines()) == 3  # the notices
    for secret in (timetrack.api_key, timetrack.api_secret):
        assert secret not in out and secret not in text


def test_doctor_without_a_backend_and_without_a_policy(
    data_dir: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    code, out, _ = run(capsys, "doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["notices"] == [] and report["uploads"] is None
    assert report["backend"] == {"backend": "none", "locked": []}
    assert report["policy_file"]["exists"] is False
    code, text, _ = run(capsys, "doctor")
    assert "Notices: none" in text and "Uploads: none (no backend)" in text
    [policy_line] = [line for line in text.splitlines() if line.startswith("Admin policy: ")]
    assert policy_line.endswith("(absent)")


def test_doctor_says_where_each_setting_comes_from(
    data_dir: Path,
    policy: Path,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    policy.write_text(
        '{"settings": {"idle_minutes": 20, "vacation_days": 28}, "locked": ["vacation_days"]}'
    )
    (data_dir / "settings.json").write_text('{"upload_grace_minutes": 5}')
    code, out, _ = run(capsys, "doctor", "--json")
    assert code == 0
    settings = json.loads(out)["settings"]
    assert settings["vacation_days"] == {
        "value": 28,
        "from": "policy (locked)",
        "takes": "whole days from 0 to 366",
    }
    assert settings["idle_minutes"]["from"] == "policy (preset)"
    assert settings["upload_grace_minutes"]["value"] == 5
    assert settings["upload_grace_minutes"]["from"] == "settings file"
    assert settings["auto_clock_out_hours"] == {
        "value": 12,
        "from": "default",
        "takes": "whole hours from 0 to 24, or null",
    }
    code, text, _ = run(capsys, "doctor")
    assert code == 0
    assert "  vacation_days = 28 (policy (locked))" in text.splitlines()
    assert "auto_clock_out_hours" not in text  # at its default: not listed


def test_doctor_reports_a_record_that_cant_be_opened_instead_of_failing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    (data_dir / "clockapp.db").mkdir()  # something that is no database at all
    code, _, err = run(capsys, "status")
    assert code == 1
    code, out, _ = run(capsys, "doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["uploads"] is None
    assert [err.removeprefix("clockapp: ").strip()] == report["notices"]
