"""Every upload run builds a client; they share one TLS context, which always verifies."""

from __future__ import annotations

import ssl

from clockapp.sync.backend import tls_context


def test_one_tls_context_for_every_client_and_it_verifies_the_server() -> None:
    context = tls_context()
    assert context is tls_context()  # built once: no CA bundle loaded per upload run
    assert context.verify_mode is ssl.VerifyMode.CERT_REQUIRED and context.check_hostname
