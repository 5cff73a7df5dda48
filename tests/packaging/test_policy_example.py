"""The example admin policy that the installers' documentation points to is one ClockApp reads."""

from __future__ import annotations

from pathlib import Path

from clockapp.settings import DEFAULTS, Policy, Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "policy.example.json"


def test_the_example_policy_loads_without_a_notice_and_locks_what_it_says(tmp_path: Path) -> None:
    policy = Policy.load(EXAMPLE)
    assert policy.notices == ()
    assert set(policy.values) <= set(DEFAULTS)
    assert policy.locked == {
        "backend",
        "papershift_url",
        "papershift_location_external_id",
        "papershift_working_area_external_id",
        "targets",
    }
    settings = Settings.load(tmp_path / "settings.json", policy)
    assert settings.get("backend") == "papershift"
    assert settings.targets["fri"] == 300
    assert not any(w in key for key in policy.values for w in ("token", "secret", "password"))
