"""The X server telling when an XEmbed tray host comes and goes: trayer on a private Xvfb."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Iterator

import pytest

from clockapp.platform.tray_host_x11 import XEmbedHostWatch
from tests.desktop import Xvfb, need, start_trayer, tray_panel_up


@pytest.fixture
def display() -> Iterator[str]:
    for program in ("Xvfb", "trayer", "xdotool"):
        need(program)
    server = Xvfb("640x480x24")
    try:
        yield server.display
    finally:
        server.terminate()
        server.wait(timeout=10)


def told(watch: XEmbedHostWatch, within: float) -> int:
    """The events that arrive within ``within`` seconds (waiting on the socket, as the tray's
    notifier does)."""
    deadline, count = time.monotonic() + within, 0
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([watch.fd], [], [], left)
        if readable:
            count += watch.changes()
        if count:
            return count
    return count


def test_a_host_coming_and_going_is_told(display: str) -> None:
    watch = XEmbedHostWatch.open(display)
    assert watch is not None
    env = {**os.environ, "DISPLAY": display}
    try:
        assert told(watch, 0.5) == 0  # nothing happens: nothing is told
        panel = start_trayer(env)
        try:
            assert told(watch, 60) >= 1  # the host took the selection
            deadline = time.monotonic() + 30
            while not tray_panel_up(env) and time.monotonic() < deadline:
                time.sleep(0.1)
            watch.changes()
        finally:
            panel.terminate()
            panel.wait(10)
        assert told(watch, 10) >= 1  # its window and client went
    finally:
        watch.close()
    assert watch.changes() == 0  # closed: nothing more, no error


@pytest.mark.parametrize("name", [None, "", ":4711"])
def test_without_an_x_display_there_is_no_watch(name: str | None) -> None:
    assert XEmbedHostWatch.open(name) is None
