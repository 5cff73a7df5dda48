"""The admin policy a fleet install drops in: it presets settings and may lock them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clockapp.settings import Policy, Settings, SettingsError


def policy_file(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(content) if not isinstance(content, str) else content)
    return path


def test_locked_beats_user_beats_preset_beats_default(tmp_path: Path) -> None:
    policy = Policy.load(
        policy_file(
            tmp_path,
            {
                "settings": {
                    "backend": "papershift",
                    "papershift_url": "https://ps.example",
                    "idle_minutes": 5,
                },
                "locked": ["papershift_url"],
            },
        )
    )
    settings = Settings(
        tmp_path / "settings.json", {"papershift_url": "https://mine", "idle_minutes": 20}, policy
    )
    assert settings.get("papershift_url") == "https://ps.example"  # locked
    assert settings.get("idle_minutes") == 20  # the user's choice over the preset
    assert settings.get("backend") == "papershift"  # the preset over the default
    assert settings.get("auto_clock_out_hours") == 12  # the default


def test_a_locked_setting_cannot_be_changed_and_says_who_set_it(tmp_path: Path) -> None:
    policy = Policy.load(
        policy_file(tmp_path, {"settings": {"backend": "timetrack"}, "locked": ["backend"]})
    )
    settings = Settings(tmp_path / "settings.json", {}, policy)
    with pytest.raises(SettingsError, match="set by your IT department"):
        settings.set("backend", "none")
    settings.set("backend", "timetrack")  # the same value is no change
    assert settings.is_locked("backend") and not settings.is_locked("idle_minutes")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", {"settings": [1]}])
def test_a_broken_policy_is_ignored_with_a_notice(tmp_path: Path, content: object) -> None:
    policy = Policy.load(policy_file(tmp_path, content))
    assert policy.values == {} and policy.locked == frozenset()
    assert policy.notice is not None and "ignored" in policy.notice


def test_secrets_and_unknown_keys_in_a_policy_are_ignored(tmp_path: Path) -> None:
    policy = Policy.load(
        policy_file(
            tmp_path,
            {
                "settings": {"api_token": "tok-123", "backend": "papershift", "colour": "red"},
                "locked": ["api_token", "backend"],
            },
        )
    )
    assert policy.values == {"backend": "papershift"}
    assert policy.locked == frozenset({"backend"})
    assert policy.notice is not None and "secrets never belong" in policy.notice
    assert "tok-123" not in policy.notice


def test_targets_can_be_preset_by_the_policy(tmp_path: Path) -> None:
    policy = Policy.load(policy_file(tmp_path, {"settings": {"targets": {"fri": 300}}}))
    assert Settings(tmp_path / "s.json", {}, policy).targets["fri"] == 300


def test_unknown_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no setting called"):
        Settings(tmp_path / "s.json").set("colour", "red")


def test_the_policy_location_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = policy_file(tmp_path, {"settings": {"idle_minutes": 7}})
    monkeypatch.setenv("CLOCKAPP_POLICY_FILE", str(path))
    assert Settings.load(tmp_path / "s.json").get("idle_minutes") == 7
