"""End to end on Wayland: the app under a real compositor (Weston's headless backend) with
``QT_QPA_PLATFORM=wayland``; Wayland has no XEmbed, so the tray is a StatusNotifierItem (XFCE's
panel hosts it on the same session bus, from its own X server).

Needs weston besides what tests/ui/test_tray_sni_e2e.py needs (tests/apt-packages.txt).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.test_tray_e2e import App, wait_state
from tests.ui.test_tray_sni_e2e import ITEM, Desktop, _click_menu_entry, _item
from tests.ui.test_tray_sni_e2e import desktop as desktop

pytestmark = pytest.mark.slow

SOCKET = "clockapp-test-wayland"


@pytest.fixture
def wayland(desktop: Desktop) -> Iterator[dict[str, str]]:
    """Weston on a socket of its own; the environment of a Wayland session (no DISPLAY)."""
    if shutil.which("weston") is None:
        pytest.fail("the Wayland test needs weston (see tests/apt-packages.txt)")
    runtime = Path(desktop.env["XDG_RUNTIME_DIR"])
    log = desktop.folder / "weston.log"
    with log.open("wb") as out:
        weston = subprocess.Popen(
            ["weston", "--backend=headless-backend.so", f"--socket={SOCKET}", "--idle-time=0"],
            env=desktop.env,
            stdout=out,
            stderr=out,
        )
    try:
        deadline = time.monotonic() + 30
        while not (runtime / SOCKET).exists():
            if weston.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"weston did not start: {log.read_text(errors='replace')}")
            time.sleep(0.05)
        env = {k: v for k, v in desktop.env.items() if k != "DISPLAY"}
        yield {**env, "WAYLAND_DISPLAY": SOCKET}
    finally:
        weston.terminate()
        try:
            weston.wait(10)
        except subprocess.TimeoutExpired:
            weston.kill()
            weston.wait()


def test_the_app_works_on_wayland_with_a_status_notifier_tray(
    desktop: Desktop,
    wayland: dict[str, str],
) -> None:
    desktop.start_panel()
    app = App(wayland, platform="wayland")
    try:
        item = _item(desktop, app)
        service, path = item
        assert desktop.bus.get(service, path, ITEM, "Status") == "Active"
        _click_menu_entry(desktop, item, "Clock in")
        wait_state(app, "working")
        # A click on the item (the host calls Activate): the popup opens on the Wayland display.
        desktop.bus.call(service, path, ITEM, "Activate", "ii", 0, 0)
        popup = app.next_event("popup")
        assert popup["timer"] != "", popup
        time.sleep(1.2)  # events land on whole seconds: keep them apart
        _click_menu_entry(desktop, item, "Clock out")
        wait_state(app, "off")
        _click_menu_entry(desktop, item, "Quit")
        assert app.process.wait(10) == 0
    finally:
        app.process.terminate()
        err = app.finish()
    # Nothing from Qt on stderr: no Wayland protocol or tray warnings, no traceback.
    assert [line for line in err.splitlines() if not line.startswith("clockapp: ")] == [], err
