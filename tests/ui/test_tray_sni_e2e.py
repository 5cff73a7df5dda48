"""End to end with a StatusNotifierItem tray host (the D-Bus protocol of KDE, GNOME's
AppIndicator extension and XFCE): XFCE's real panel on Xvfb and a private session bus.

The app must register its item with the host, open its popup on a click on the item, clock in
from the item's menu (the menu the host shows, exported over D-Bus), and follow the host: an app
started before the panel (as at login) moves into the tray when the panel comes, back to its
window when the panel goes, and into the tray again when it returns.

Needs Xvfb, xfce4-panel, dbus-daemon, xdotool and imagemagick (tests/apt-packages.txt);
skipped without them on a developer's machine, failed in CI. Screenshots of the host's menu in
English, German and at scale 2 go to ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from clockapp.ui.tray import HOST_GONE_GRACE_MS
from tests.desktop import SNI_WATCHER, SessionBus, Xvfb, start_session_bus, start_xfce_panel
from tests.ui.test_tray_e2e import App, click, screenshot, wait_state

pytestmark = pytest.mark.slow

TOOLS = ("Xvfb", "xfce4-panel", "dbus-daemon", "xdotool", "import")
SCREEN_W, SCREEN_H = 1280, 800
PANEL_STRIP = 48  # rows at the top of the screen that hold XFCE's default top panel
ITEM = "org.kde.StatusNotifierItem"
DBUSMENU = "com.canonical.dbusmenu"


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"the StatusNotifierItem test needs {', '.join(missing)} (tests/apt-packages.txt)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _wait_for(check: Any, timeout: float, what: str, logs: tuple[Path, ...] = ()) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            attached = "\n".join(
                f"--- {log.name}:\n{log.read_text(errors='replace')[-3000:]}"
                for log in logs
                if log.exists()
            )
            pytest.fail(f"timed out after {timeout} s waiting for {what}\n{attached}")
        time.sleep(0.1)


@dataclass
class Desktop:
    """Xvfb and a private session bus; the panel is started (and stopped) by the test."""

    env: dict[str, str]
    bus: SessionBus
    folder: Path
    panel: subprocess.Popen[bytes] | None = None

    @property
    def panel_log(self) -> Path:
        return self.folder / "xfce4-panel.log"

    def start_panel(self) -> None:
        with self.panel_log.open("ab") as log:
            self.panel = start_xfce_panel(self.env, log)
        _wait_for(
            lambda: self._panel_alive() and self.bus.has_owner(SNI_WATCHER),
            # The first GTK start on a fresh machine builds caches: that can take long.
            90,
            "xfce4-panel's StatusNotifierWatcher on the session bus",
            (self.panel_log,),
        )

    def _panel_alive(self) -> bool:
        if self.panel is not None and self.panel.poll() is not None:
            log = self.panel_log.read_text(errors="replace")[-3000:]
            pytest.fail(f"xfce4-panel exited with {self.panel.returncode}: {log}")
        return True

    def stop_panel(self) -> None:
        assert self.panel is not None
        self.panel.terminate()
        self.panel.wait(10)
        self.panel = None
        _wait_for(lambda: not self.bus.has_owner(SNI_WATCHER), 10, "the watcher to leave")


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    _require_tools()
    try:
        xvfb = Xvfb(f"{SCREEN_W}x{SCREEN_H}x24")
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        daemon, address = start_session_bus(tmp_path)
    except RuntimeError as exc:
        xvfb.kill()
        xvfb.wait()
        pytest.fail(str(exc))
    home = tmp_path / "home"  # a fresh XFCE configuration: the panel's default layout
    runtime = tmp_path / "xdg"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")},
        "DISPLAY": xvfb.display,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "CLOCKAPP_DATA_DIR": str(tmp_path / "data"),
        "LANGUAGE": "en",
        "LANG": "C.UTF-8",
    }
    bus = SessionBus(address)
    desktop = Desktop(env, bus, tmp_path)
    try:
        yield desktop
    finally:
        bus.close()
        for process in (desktop.panel, daemon, xvfb):
            if process is None:
                continue
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _item(desktop: Desktop, app: App) -> tuple[str, str]:
    def registered() -> list[tuple[str, str]]:
        return desktop.bus.items_of(app.process.pid)

    items: list[tuple[str, str]] = _wait_for(
        registered, 30, "the app's item in RegisteredStatusNotifierItems", (desktop.panel_log,)
    )
    [item] = items
    return item


def _panel_strip(env: dict[str, str]) -> bytes:
    """The top panel's pixels (raw RGB, row by row)."""
    geometry = f"{SCREEN_W}x{PANEL_STRIP}+0+0"
    return subprocess.run(
        ["import", "-window", "root", "-crop", geometry, "-depth", "8", "rgb:-"],
        env=env,
        capture_output=True,
        check=True,
    ).stdout


def _new_icon_rect(before: bytes, after: bytes) -> list[int] | None:
    """Where the app's icon appeared in the panel: the tallest run of columns with new bright
    pixels (the icon's face is the palette's light window colour; the panel is dark, and the
    text the panel moves aside to make room is no taller than a line)."""

    def pixel(strip: bytes, x: int, y: int) -> bytes:
        at = (y * SCREEN_W + x) * 3
        return strip[at : at + 3]

    def new_bright_rows(x: int) -> list[int]:
        return [
            y
            for y in range(PANEL_STRIP)
            if min(pixel(after, x, y)) > 180 and pixel(after, x, y) != pixel(before, x, y)
        ]

    runs: list[dict[int, list[int]]] = []
    for x in range(SCREEN_W):
        rows = new_bright_rows(x)
        if not rows:
            continue
        if runs and x - max(runs[-1]) <= 2:
            runs[-1][x] = rows
        else:
            runs.append({x: rows})
    for run in runs:
        ys = [y for rows in run.values() for y in rows]
        left, top, bottom = min(run), min(ys), max(ys)
        if bottom - top >= 13 and 13 <= max(run) - left <= 48:
            return [left, top, max(run) - left + 1, bottom - top + 1]
    return None


def _menu_layout(desktop: Desktop, item: tuple[str, str]) -> dict[str, tuple[int, bool]]:
    """The item's menu as the host reads it: label -> (dbusmenu id, enabled)."""
    service, path = item
    menu_path = desktop.bus.get(service, path, ITEM, "Menu")
    desktop.bus.call(service, menu_path, DBUSMENU, "AboutToShow", "i", 0)
    _, (_, _, children) = desktop.bus.call(
        service, menu_path, DBUSMENU, "GetLayout", "iias", 0, -1, []
    )
    entries = {}
    for _, (entry_id, props, _) in children:
        if "label" in props:
            label = props["label"][1].replace("_", "")
            entries[label] = (entry_id, props.get("enabled", ("b", True))[1])
    return entries


def _click_menu_entry(desktop: Desktop, item: tuple[str, str], label: str) -> None:
    """What the host does when the user clicks an entry of the item's menu."""
    service, path = item
    entries = _menu_layout(desktop, item)
    entry_id, enabled = entries[label]
    assert enabled, entries
    menu_path = desktop.bus.get(service, path, ITEM, "Menu")
    desktop.bus.call(
        service, menu_path, DBUSMENU, "Event", "isvu", entry_id, "clicked", ("i", 0), 0
    )


def test_the_app_docks_in_a_status_notifier_host_and_clocks_in_from_its_menu(
    desktop: Desktop,
) -> None:
    desktop.start_panel()
    before = _panel_strip(desktop.env)
    app = App(desktop.env)
    try:
        item = _item(desktop, app)
        service, path = item
        assert desktop.bus.get(service, path, ITEM, "Status") == "Active"
        assert "Not clocked in" in desktop.bus.get(service, path, ITEM, "ToolTip")[2]

        icon = _wait_for(
            lambda: _new_icon_rect(before, _panel_strip(desktop.env)), 10, "the icon in the panel"
        )
        # A right click on the icon the panel shows: the host draws the item's menu, greyed
        # header lines first; the arrow key goes to the first entry that is not greyed.
        _open_host_menu(desktop, icon)
        screenshot(desktop.env, "sni-tray-menu.png")
        subprocess.run(["xdotool", "key", "Down", "Return"], env=desktop.env, check=True)
        wait_state(app, "working")  # "Clock in", the one action enabled when off

        # The menu as the host reads it: greyed header lines, then every action.
        entries = _menu_layout(desktop, item)
        labels = list(entries)
        assert labels[0].startswith("Working since ") and labels[1].startswith("Today: ")
        assert not any(enabled for _, enabled in list(entries.values())[:3])
        for entry in ("Start break", "Clock out", "Today's timer", "Week…", "Sync now"):
            assert entry in entries, labels
        assert "Settings…" in entries and "Quit" in entries

        # A left click: the host activates the item, the popup opens; its button is clicked.
        time.sleep(1.2)  # events land on whole seconds: keep them apart
        click(desktop.env, icon)
        popup = app.next_event("popup")
        click(desktop.env, popup["buttons"]["primary"])  # "Start break"
        wait_state(app, "on_break")
        subprocess.run(["xdotool", "key", "Escape"], env=desktop.env, check=True)

        time.sleep(1.2)
        _click_menu_entry(desktop, item, "Clock out")
        wait_state(app, "off")
        [session] = app.cli("sessions", "--from", "today", "--to", "today")
        assert session["end"] is not None and len(session["breaks"]) == 1

        _click_menu_entry(desktop, item, "Quit")
        assert app.process.wait(10) == 0
    finally:
        app.process.terminate()
        err = app.finish()
    assert "Traceback" not in err, err
    assert "QDBus" not in err and "qt." not in err, err  # no Qt warnings about the tray


def test_an_app_started_before_the_panel_moves_into_the_tray_and_follows_it(
    desktop: Desktop,
) -> None:
    app = App(desktop.env)  # at login the app often starts before the panel
    try:
        app.next_event("window", timeout=30)
        desktop.start_panel()
        app.next_event("tray", timeout=30)
        _item(desktop, app)
        assert not _visible_windows(desktop.env), "the no-tray window is still open"

        # The panel goes (a crash, a logout of the panel): the window comes back...
        desktop.stop_panel()
        app.next_event("window", timeout=30)
        assert _visible_windows(desktop.env)
        # ...and the panel returns: into the tray again.
        desktop.start_panel()
        app.next_event("tray", timeout=30)
        _item(desktop, app)
        assert not _visible_windows(desktop.env)
        # A quick restart (within the grace period, or not): in the tray, registered once.
        desktop.stop_panel()
        desktop.start_panel()
        _item(desktop, app)
        time.sleep(HOST_GONE_GRACE_MS / 1000 + 0.5)  # past the grace period: nothing may change
        assert len(desktop.bus.items_of(app.process.pid)) == 1
        assert not _visible_windows(desktop.env)
        assert app.state() == "off" and app.process.poll() is None
    finally:
        app.process.terminate()
        err = app.finish()
    assert app.process.returncode == 0, err
    assert "Traceback" not in err, err


def _open_host_menu(desktop: Desktop, icon: list[int]) -> None:
    """Right-click the icon; return once the host has mapped its menu window."""

    def visible() -> list[str]:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", ""],
            env=desktop.env,
            capture_output=True,
            text=True,
        )
        return found.stdout.split()

    before = set(visible())
    click(desktop.env, icon, button=3)
    _wait_for(lambda: set(visible()) - before, 10, "the host's menu", (desktop.panel_log,))
    time.sleep(0.3)  # mapped; GTK paints it a frame later (for the screenshot)


def _visible_windows(env: dict[str, str]) -> list[str]:
    """The app's visible top-level windows titled ClockApp (the no-tray window)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^ClockApp$"],
        env=env,
        capture_output=True,
        text=True,
    )
    return found.stdout.split()


@pytest.mark.parametrize(
    ("shot", "settings", "first_line"),
    [
        ("sni-tray-menu-de.png", {"LANG": "de_DE.UTF-8", "LANGUAGE": "de"}, "Nicht eingestempelt"),
        ("sni-tray-menu-scale2.png", {"QT_SCALE_FACTOR": "2"}, "Not clocked in"),
    ],
)
def test_the_hosts_menu_in_german_and_at_scale_2(
    desktop: Desktop, shot: str, settings: dict[str, str], first_line: str
) -> None:
    desktop.start_panel()
    before = _panel_strip(desktop.env)
    app = App({**desktop.env, **settings})
    try:
        item = _item(desktop, app)
        assert next(iter(_menu_layout(desktop, item))) == first_line
        icon = _wait_for(
            lambda: _new_icon_rect(before, _panel_strip(desktop.env)), 10, "the icon in the panel"
        )
        _open_host_menu(desktop, icon)
        screenshot(desktop.env, shot)
        subprocess.run(["xdotool", "key", "Escape"], env=desktop.env, check=True)
        # The popup the app draws itself (the menu above is the host's): its words and scale.
        click(desktop.env, icon)
        popup = app.next_event("popup")
        x, y, w, h = popup["rect"]  # in Qt's logical pixels: the screen is smaller at scale 2
        scale = float(settings.get("QT_SCALE_FACTOR", "1"))
        assert 0 <= x < x + w <= SCREEN_W / scale and 0 <= y < y + h <= SCREEN_H / scale, popup
        time.sleep(1.2)  # let the timer tick once
        screenshot(desktop.env, shot.replace("menu", "popup"))
    finally:
        app.process.terminate()
        err = app.finish()
    assert app.process.returncode == 0, err
    assert "Traceback" not in err, err
