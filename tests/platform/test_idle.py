"""Idle time per OS: the tick-wrap arithmetic, the "unavailable" paths, and the real thing on
X11 (a private Xvfb moved by xdotool) and on D-Bus (a private bus with a fake GNOME monitor)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clockapp.platform.idle import (
    RETRY_AFTER_S,
    FirstAnswering,
    IdleSource,
    Unavailable,
    for_this_os,
    is_wayland_session,
    monotonic_including_sleep,
)
from clockapp.platform.idle_linux_wayland import MUTTER, SCREENSAVER, DBusIdle
from clockapp.platform.idle_linux_x11 import X11Idle
from clockapp.platform.idle_macos import MacIdle
from clockapp.platform.idle_windows import TICK_MODULUS, WindowsIdle, idle_ms_between
from tests.desktop import Xvfb, need

# -- Windows tick arithmetic ---------------------------------------------------------------------


def test_idle_ms_without_a_wrap() -> None:
    assert idle_ms_between(now_tick=10_600, last_input_tick=10_000) == 600


def test_idle_ms_across_the_32_bit_wrap() -> None:
    # The counter wrapped 5 ms ago; the last input was 10 ms before the wrap.
    assert idle_ms_between(now_tick=5, last_input_tick=TICK_MODULUS - 10) == 15


def test_input_between_the_two_calls_is_no_idleness() -> None:
    # GetLastInputInfo read a tick newer than GetTickCount: "just now", not 49.7 days.
    assert idle_ms_between(now_tick=1_000, last_input_tick=1_001) == 0
    assert idle_ms_between(now_tick=2, last_input_tick=TICK_MODULUS - 1 + 5) == 0


@given(last=st.integers(0, TICK_MODULUS - 1), idle=st.integers(0, 2**31 - 1))
def test_idle_ms_is_exact_for_any_tick_and_any_idle_under_24_days(last: int, idle: int) -> None:
    assert idle_ms_between((last + idle) % TICK_MODULUS, last) == idle


# -- unavailable, never a crash ------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows path")
def test_windows_source_elsewhere_is_unavailable() -> None:
    source = WindowsIdle()
    assert source.idle_seconds() is None
    assert "not on Windows" in source.describe()


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the non-macOS path")
def test_macos_source_elsewhere_is_unavailable() -> None:
    assert MacIdle().idle_seconds() is None
    assert MacIdle(path="/no/such/CoreGraphics").idle_seconds() is None


def test_x11_without_a_display_is_unavailable() -> None:
    source = X11Idle(None)
    assert source.idle_seconds() is None
    assert "DISPLAY" in source.describe()


def test_x11_with_a_display_that_is_not_there_is_unavailable() -> None:
    source = X11Idle(":4711")
    assert source.idle_seconds() is None
    assert source.idle_seconds() is None  # and doesn't try again at once
    assert "can't open X display :4711" in source.describe()


def test_dbus_without_a_bus_is_unavailable(tmp_path: Path) -> None:
    source = DBusIdle(bus_address=f"unix:path={tmp_path / 'no-bus'}")
    assert source.idle_seconds() is None
    assert "no session D-Bus" in source.describe()


def test_an_unknown_system_is_unavailable() -> None:
    source = for_this_os("plan9", {})
    assert isinstance(source, Unavailable)
    assert source.idle_seconds() is None
    assert "unavailable" in source.describe()


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_sources_build_everywhere(platform: str) -> None:
    source = for_this_os(platform, {})
    if sys.platform != platform:
        assert source.idle_seconds() is None
    source.close()


def test_wayland_sessions_never_ask_x11() -> None:
    # XWayland's XScreenSaver sees only X11 windows' input: a person typing would look idle.
    for env in ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, {"XDG_SESSION_TYPE": "wayland"}):
        assert is_wayland_session(env)
        source = for_this_os("linux", env)
        assert isinstance(source, FirstAnswering)
        assert [type(s) for s in source.sources] == [DBusIdle]
    x11 = for_this_os("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"})
    assert isinstance(x11, FirstAnswering)
    assert [type(s) for s in x11.sources] == [X11Idle, DBusIdle]


class FakeSource(IdleSource):
    def __init__(self, *answers: float | Exception | None) -> None:
        self.answers = list(answers)
        self.asked = 0

    def idle_seconds(self) -> float | None:
        self.asked += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def describe(self) -> str:
        return "fake"


def test_the_chain_keeps_to_the_first_that_answers() -> None:
    first, second = FakeSource(None), FakeSource(7.0)
    chain = FirstAnswering([first, second])
    assert chain.idle_seconds() == 7.0
    assert chain.idle_seconds() == 7.0
    assert (first.asked, second.asked) == (1, 2)


def test_the_chain_rests_when_none_answers_and_tries_again_later() -> None:
    clock = [0.0]
    source = FakeSource(None, None, 3.0)
    chain = FirstAnswering([source], monotonic=lambda: clock[0])
    assert chain.idle_seconds() is None
    assert chain.idle_seconds() is None
    assert source.asked == 1  # resting: probing a missing service every poll costs
    clock[0] += RETRY_AFTER_S + 1
    assert chain.idle_seconds() is None
    clock[0] += RETRY_AFTER_S + 1
    assert chain.idle_seconds() == 3.0


def test_a_failing_or_nonsensical_source_reads_as_unavailable() -> None:
    for answer in (RuntimeError("bug"), float("nan"), -1.0):
        chain = FirstAnswering([FakeSource(answer)])
        assert chain.idle_seconds() is None


def test_the_chain_falls_back_when_its_source_stops_answering() -> None:
    first, second = FakeSource(5.0, None), FakeSource(9.0)
    chain = FirstAnswering([first, second])
    assert chain.idle_seconds() == 5.0
    assert chain.idle_seconds() == 9.0


@pytest.mark.skipif(sys.platform != "linux", reason="CLOCK_BOOTTIME is Linux's")
def test_the_sleep_counting_clock_runs_with_the_monotonic_clock() -> None:
    a, b = monotonic_including_sleep(), time.monotonic()
    time.sleep(0.05)
    c, d = monotonic_including_sleep(), time.monotonic()
    assert a >= b - 1e-3  # boot time includes every suspend, so it is never behind
    assert abs((c - a) - (d - b)) < 0.02


# -- X11 for real, under Xvfb --------------------------------------------------------------------


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private Xvfb; its display name."""
    need("Xvfb")
    need("xdotool")
    server = Xvfb("640x480x24")
    try:
        yield server.display
    finally:
        server.terminate()
        server.wait(timeout=10)


def xdotool(display: str, *args: str) -> None:
    subprocess.run(
        ["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True, timeout=10
    )


def test_x11_idle_grows_while_idle_and_resets_on_input(xvfb: str) -> None:
    source = for_this_os("linux", {"DISPLAY": xvfb})
    try:
        first = source.idle_seconds()
        assert first is not None, source.describe()
        assert "X11 XScreenSaver" in source.describe()
        time.sleep(1.5)
        later = source.idle_seconds()
        assert later is not None and later >= first + 1.0

        xdotool(xvfb, "mousemove", "200", "150")
        after_mouse = source.idle_seconds()
        assert after_mouse is not None and after_mouse < 0.5

        time.sleep(1.2)
        assert (source.idle_seconds() or 0.0) >= 1.0
        xdotool(xvfb, "key", "shift")
        after_key = source.idle_seconds()
        assert after_key is not None and after_key < 0.5
    finally:
        source.close()


# -- D-Bus for real, with a fake GNOME idle monitor ----------------------------------------------


class FakeMutter:
    """Serves ``org.gnome.Mutter.IdleMonitor.GetIdletime`` on a private bus, in a thread."""

    def __init__(self, address: str, idle_ms: int) -> None:
        from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        self.idle_ms = idle_ms
        self.calls = 0
        self.connection = open_dbus_connection(bus=address)
        self.connection.send_and_get_reply(message_bus.RequestName(MUTTER.bus_name), timeout=5)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        from jeepney import (  # type: ignore[import-untyped]
            HeaderFields,
            MessageType,
            new_error,
            new_method_return,
        )

        while not self._stop.is_set():
            try:
                message = self.connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type != MessageType.method_call:
                continue
            fields = message.header.fields
            self.calls += 1
            if fields.get(HeaderFields.member) == MUTTER.method:
                self.connection.send(new_method_return(message, "t", (self.idle_ms,)))
            else:
                self.connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        self.connection.close()


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    """A private session bus; its address."""
    program = need("dbus-daemon")
    socket = tmp_path / "bus"
    daemon = subprocess.Popen(
        [program, "--session", "--nofork", "--nopidfile", f"--address=unix:path={socket}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert time.monotonic() < deadline, "dbus-daemon did not start"
            time.sleep(0.02)
        yield f"unix:path={socket}"
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_dbus_idle_asks_gnome_mutter(private_bus: str) -> None:
    mutter = FakeMutter(private_bus, idle_ms=42_500)
    source = DBusIdle(bus_address=private_bus)
    try:
        assert source.idle_seconds() == 42.5
        mutter.idle_ms = 100
        assert source.idle_seconds() == 0.1
        assert "Mutter" in source.describe()
    finally:
        source.close()
        mutter.close()


def test_dbus_idle_with_no_monitor_on_the_bus_is_unavailable(private_bus: str) -> None:
    source = DBusIdle(bus_address=private_bus, methods=(SCREENSAVER,))
    assert source.idle_seconds() is None
    assert "no idle monitor answers" in source.describe()
