"""Base URLs credentials may go to, and URLs safe to show."""

from __future__ import annotations

import pytest

from clockapp.domain.uploads import redact_url
from clockapp.sync.backend import ConfigError, validate_base_url


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.timetrackenterprise.com",
        "https://app.papershift.com/",
        "http://127.0.0.1:8123",
        "http://localhost:9000",
        "http://[::1]:9000",
    ],
)
def test_safe_addresses_pass(url: str) -> None:
    assert validate_base_url(url) == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://app.papershift.com", "https://"),
        ("http://10.0.0.5", "https://"),
        ("ftp://example.com", "not a web address"),
        ("acme.timetrackenterprise.com", "not a web address"),
        ("https://anna:pw@example.com", "without a user name"),
        ("https://example.com/?api_token=abc", "without a user name"),
    ],
)
def test_unsafe_addresses_are_refused_in_plain_words(url: str, why: str) -> None:
    with pytest.raises(ConfigError, match=why) as caught:
        validate_base_url(url)
    assert "pw@" not in str(caught.value) and "abc" not in str(caught.value)


def test_redaction_hides_tokens_and_user_info() -> None:
    shown = redact_url("https://anna:pw@app.papershift.com/x?api_token=SECRET&page=2")
    assert "SECRET" not in shown and "pw" not in shown
    assert shown == "https://***@app.papershift.com/x?api_token=***&page=2"
