"""The backend declarations and the settings declarations name the same things."""

from __future__ import annotations

import pytest

from clockapp.services.backends import BACKENDS
from clockapp.settings import SETTINGS


def test_every_visible_field_is_a_setting_and_no_secret_is() -> None:
    for kind in BACKENDS.values():
        for field in kind.fields:
            assert (kind.setting(field.name) in SETTINGS) is not field.secret, field.name
        assert kind.secrets, kind.name  # every backend authenticates
        assert kind.owner_field is None or kind.owner_field in {f.name for f in kind.visible}


def test_the_backend_setting_takes_exactly_the_declared_backends() -> None:
    read = SETTINGS["backend"].read
    for name in ("none", *BACKENDS):
        assert read(name) == name
    with pytest.raises(ValueError):
        read("clockify")


def test_keyring_entries_are_per_address_and_per_owner() -> None:
    tt, ps = BACKENDS["timetrack"], BACKENDS["papershift"]
    url = "https://acme.example"
    assert tt.secret_name(url, "api_key", {"username": "ann"}) != tt.secret_name(
        url, "api_key", {"username": "bob"}
    )
    assert ps.secret_name(url, "api_token", {}) != ps.secret_name(url + "/x", "api_token", {})
