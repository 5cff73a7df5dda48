"""The admin policy a fleet install drops in: it presets settings and may lock them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clockapp.settings import DEFAULTS, Policy, Settings, SettingsError


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
    [notice] = policy.notices
    assert "ignored" in str(notice) and str(tmp_path / "policy.json") in str(notice)


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
    text = " ".join(map(str, policy.notices))
    assert "secrets never belong" in text and "colour" in text
    assert "tok-123" not in text


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


# -- a bad file never stops the clock -------------------------------------------------------------


def settings_file(tmp_path: Path, content: bytes | object) -> Path:
    path = tmp_path / "settings.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def notice_texts(settings: Settings | Policy) -> list[str]:
    return [str(n) for n in settings.notices]


def test_a_policy_whose_locked_is_not_a_list_still_presets_and_says_so(tmp_path: Path) -> None:
    path = policy_file(tmp_path, {"settings": {"idle_minutes": 5}, "locked": 5})
    policy = Policy.load(path)
    assert policy.values == {"idle_minutes": 5} and policy.locked == frozenset()
    [notice] = notice_texts(policy)
    assert str(path) in notice and "locked" in notice


def test_a_policy_value_of_the_wrong_type_is_left_out_and_the_others_apply(
    tmp_path: Path,
) -> None:
    path = policy_file(
        tmp_path,
        {
            "settings": {"idle_minutes": "ten", "backend": "papershift", "targets": "8h"},
            "locked": ["idle_minutes", "backend", {"odd": 1}],
        },
    )
    policy = Policy.load(path)
    assert policy.values == {"backend": "papershift"}
    assert policy.locked == frozenset({"backend"})
    settings = Settings.load(tmp_path / "settings.json", policy)
    assert settings.get("idle_minutes") == 10 and settings.targets["mon"] == 480
    texts = notice_texts(settings)
    assert any("idle_minutes" in t and '"ten"' in t and str(path) in t for t in texts)
    assert any("targets" in t and '"8h"' in t for t in texts)
    assert any("not locked" in t and "idle_minutes" in t for t in texts)


@pytest.mark.parametrize(
    "content", [b'{"idle_minutes": "\xff"}', b"{,}", b"[" * 100_000, b"", b"[]", b"null"]
)
def test_a_settings_file_that_cant_be_read_gives_the_defaults_and_a_notice(
    tmp_path: Path, content: bytes
) -> None:
    path = settings_file(tmp_path, content)
    settings = Settings.load(path, Policy())
    assert settings.values == {} and settings.get("idle_minutes") == 10
    [notice] = notice_texts(settings)
    assert str(path) in notice and "damaged" in notice


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("targets", "8h"),
        ("targets", [480, 480]),
        ("idle_minutes", 0),
        ("idle_minutes", "10"),
        ("idle_minutes", True),
        ("idle_minutes", 7.5),
        ("auto_clock_out_hours", 25),
        ("remind_clock_in_by", "9.30"),
        ("remind_clock_in_by", "24:00"),
        ("remind_clock_out_after", 1830),
        ("remind_break_ahead_minutes", -1),
        ("remind_daily_limit_ahead_minutes", "soon"),
        ("backend", "sap"),
        ("backend", None),
        ("timetrack_url", 5),
        ("timetrack_username", ["anna"]),
        ("papershift_url", None),
        ("papershift_user_id", 1.5),
        ("papershift_location_external_id", {"id": 1}),
    ],
)
def test_each_setting_of_the_wrong_type_or_range_falls_back_to_its_default_alone(
    tmp_path: Path, key: str, bad: object
) -> None:
    path = settings_file(tmp_path, {key: bad, "timetrack_username": "anna"} | {key: bad})
    settings = Settings.load(path, Policy())
    assert settings.get(key) == DEFAULTS[key]
    if key != "timetrack_username":
        assert settings.get("timetrack_username") == "anna"  # the other keys still apply
    [notice] = notice_texts(settings)
    assert str(path) in notice and f"setting {key} is" in notice and "default" in notice


def test_targets_keep_their_good_days_and_report_the_bad_ones(tmp_path: Path) -> None:
    path = settings_file(tmp_path, {"targets": {"mon": "x", "tue": 300, "fun": 60, "wed": 2000}})
    settings = Settings.load(path, Policy())
    assert settings.targets == DEFAULTS["targets"] | {"tue": 300}
    texts = notice_texts(settings)
    assert len(texts) == 3
    assert any("targets.mon" in t and '"x"' in t for t in texts)
    assert any("targets.wed" in t and "2000" in t for t in texts)
    assert any('"fun"' in t and "not a weekday" in t for t in texts)


def test_good_values_give_no_notice_and_numeric_ids_are_read_as_text(tmp_path: Path) -> None:
    content = {
        "targets": {"fri": 300},
        "remind_clock_in_by": "09:30",
        "auto_clock_out_hours": None,
        "papershift_user_id": 42,
        "a_setting_of_a_newer_version": [1],
    }
    # With the byte order mark a Windows editor writes.
    path = settings_file(tmp_path, b"\xef\xbb\xbf" + json.dumps(content).encode())
    settings = Settings.load(path, Policy())
    assert settings.notices == [] and not settings.keep_before_save
    assert settings.get("papershift_user_id") == "42"
    assert settings.get("remind_clock_in_by") == "09:30"


def test_a_damaged_settings_file_is_kept_beside_before_a_save_replaces_it(
    tmp_path: Path,
) -> None:
    original = b'{"backend": "timetrack", "timetrack_url": "https://a.example", \xff'
    path = settings_file(tmp_path, original)
    settings = Settings.load(path, Policy())
    settings.set("idle_minutes", 20)
    settings.save()
    [kept] = tmp_path.glob("settings.damaged-*.json")
    assert kept.read_bytes() == original
    assert json.loads(path.read_text()) == {"idle_minutes": 20}
    settings.save()  # kept once, not on every save
    assert len(list(tmp_path.glob("settings.damaged-*.json"))) == 1

    # A second damaged file in the same second never overwrites the first copy.
    path.write_bytes(b"{oops")
    again = Settings.load(path, Policy())
    again.save()
    copies = sorted(p.read_bytes() for p in tmp_path.glob("settings.damaged-*.json"))
    assert copies == sorted([original, b"{oops"])


def test_a_settings_file_with_one_bad_value_is_kept_beside_before_a_save(tmp_path: Path) -> None:
    content = {"idle_minutes": "x", "backend": "timetrack", "timetrack_username": "anna"}
    path = settings_file(tmp_path, content)
    settings = Settings.load(path, Policy())
    assert settings.get("backend") == "timetrack"
    settings.save()
    [kept] = tmp_path.glob("settings.damaged-*.json")
    assert json.loads(kept.read_text()) == content
    assert json.loads(path.read_text()) == {"backend": "timetrack", "timetrack_username": "anna"}


def test_settings_that_cant_be_read_at_all_are_never_saved_over(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # e.g. a folder where the file should be
    settings = Settings.load(path, Policy())
    [notice] = notice_texts(settings)
    assert str(path) in notice and "built-in settings" in notice
    with pytest.raises(SettingsError, match="does not save over them"):
        settings.save()
    assert path.is_dir()


def test_a_value_that_doesnt_fit_is_refused_by_set(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.json")
    with pytest.raises(SettingsError, match="idle_minutes can't be 0"):
        settings.set("idle_minutes", 0)
    with pytest.raises(SettingsError, match="remind_clock_in_by"):
        settings.set("remind_clock_in_by", "25:00")
    assert settings.values == {}
