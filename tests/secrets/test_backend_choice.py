"""A plaintext keyring is never chosen silently: not alone, not as the chain's fallback."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends.chainer import ChainerBackend

from clockapp.secrets import SecretStore, SecretsUnavailable, no_keyring
from tests.keyring_memory import MemoryKeyring


class PlaintextFile(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (a file in the home folder)."""

    priority = 0.5  # type: ignore[assignment]


PlaintextFile.__module__ = "keyrings.alt.file"


def chain(*members: object) -> ChainerBackend:
    """keyring's chainer over the given backends, in this order (it sorts them best first)."""
    chained = type("Chain", (ChainerBackend,), {"backends": list(members), "priority": 10})
    return chained()  # type: ignore[no-any-return]


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_a_plaintext_keyring_alone_is_refused(restore_keyring: None) -> None:
    plaintext = PlaintextFile()
    keyring.set_keyring(plaintext)
    with pytest.raises(SecretsUnavailable) as refused:
        SecretStore().set_now("timetrack:https://x:anna:api_secret", "s3cret")
    assert str(refused.value) == str(no_keyring())
    assert plaintext.entries == {}


def test_a_chain_uses_the_real_keyring_never_its_plaintext_fallback(
    restore_keyring: None,
) -> None:
    real, plaintext = MemoryKeyring(), PlaintextFile()
    keyring.set_keyring(chain(plaintext, real))
    store = SecretStore()
    store.set_now("name", "s3cret")
    assert real.entries == {("ClockApp", "name"): "s3cret"} and plaintext.entries == {}
    assert store.get_now("name") == "s3cret"


def test_a_chain_of_plaintext_only_is_refused(restore_keyring: None) -> None:
    plaintext = PlaintextFile()
    keyring.set_keyring(chain(plaintext))
    with pytest.raises(SecretsUnavailable):
        SecretStore().set_now("name", "s3cret")
    assert plaintext.entries == {}
