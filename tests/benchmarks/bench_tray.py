"""Benchmark: the tray app beside a minimal PySide6 tray app, measured in the same run.

Prints (not a test; nothing asserts):
  - cold start to tray visible: process start to the tray icon embedded in the tray host
    (median of --starts runs each, alternating);
  - resident memory after start, and after an hour-equivalent of popup timer ticks
    (3600 calls of the popup's update function, each followed by its repaint);
  - CPU time (user + system, from /proc/<pid>/stat) over --idle seconds idle while clocked in.

Runs under Xvfb + trayer when they are installed (as on a real desktop), else offscreen (the
no-tray window then stands in for the tray). Aims: start within 1.5x of the minimal app,
memory within 1.3x, idle CPU under 0.5 s per minute.

Run: .venv/bin/python tests/benchmarks/bench_tray.py [--starts 5] [--idle 60]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Shared by both children: report when the tray icon has a steady place on screen (the same
# rule the app's CLOCKAPP_DEBUG_TRAY trace uses), memory, and ticks.
COMMON = textwrap.dedent(
    """
    import json, sys, time

    def emit(event, **fields):
        print(json.dumps({"event": event, "t": time.time(), **fields}), flush=True)

    def rss_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    """
)

MINIMAL = COMMON + textwrap.dedent(
    """
    # The same guard clockapp.ui.qt applies: PySide6 6.12 on Python 3.11 would otherwise abort
    # with "deallocating None" a few thousand void calls into the ticks.
    import ctypes
    if sys.version_info < (3, 12):
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QColor, QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

    app = QApplication(["minimal"])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("#2e9e44"))
    label = QLabel("00:00:00")

    def ticks():
        emit("started", rss=rss_kib())
        label.show()
        for n in range(3600):
            label.setText(f"{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}")
            app.processEvents()
        label.hide()
        app.processEvents()
        emit("ticked", rss=rss_kib())

    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = QSystemTrayIcon(QIcon(pixmap))
        tray.show()

        def report(tries, last=None, steady=0):
            rect = tray.geometry()
            steady = steady + 1 if rect == last else 0
            placed = rect.isValid() and not rect.isEmpty() and rect.topLeft() != QPoint(0, 0)
            if (placed and steady >= 3) or tries <= 0:
                emit("tray")
                QTimer.singleShot(1500, ticks)
            else:
                QTimer.singleShot(20, lambda: report(tries - 1, rect, steady))

        report(150)
    else:
        window = QLabel("minimal")
        window.show()
        emit("window")
        QTimer.singleShot(1500, ticks)
    app.exec()
    """
)

CLOCKAPP = COMMON + textwrap.dedent(
    """
    from clockapp.ui import tray as tray_module
    from clockapp.ui.qt import QApplication, QTimer

    start = tray_module.ClockTray.start

    def start_then_measure(self):
        start(self)
        QTimer.singleShot(1500, lambda: ticks(self))

    def ticks(controller):
        emit("started", rss=rss_kib())
        controller.show_popup()
        panel = (controller.popup or controller.window).panel
        app = QApplication.instance()
        for _ in range(3600):
            panel.tick()
            app.processEvents()
        if controller.popup is not None:
            controller.popup.hide()
        app.processEvents()
        emit("ticked", rss=rss_kib())

    tray_module.ClockTray.start = start_then_measure
    from clockapp.ui.app import run_tray_app

    sys.exit(run_tray_app(["clockapp"]))
    """
)


def start_desktop(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    """Xvfb and trayer if installed (sets DISPLAY in ``env``); else offscreen."""
    if not (shutil.which("Xvfb") and shutil.which("trayer")):
        env["QT_QPA_PLATFORM"] = "offscreen"
        return []
    if str(ROOT) not in sys.path:  # run as a script: the desktop helpers are in tests/
        sys.path.insert(0, str(ROOT))
    from tests.desktop import Xvfb, start_trayer, tray_panel_up

    xvfb = Xvfb()
    env["DISPLAY"] = xvfb.display
    env["QT_QPA_PLATFORM"] = "xcb"
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    trayer = start_trayer(env)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not tray_panel_up(env):
        time.sleep(0.1)
    return [trayer, xvfb]


class Child:
    def __init__(self, code: str, env: dict[str, str]) -> None:
        self.started_at = time.time()
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
        )

    def wait_for(self, *kinds: str, timeout: float = 60) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            if line.startswith("{"):
                event = json.loads(line)
                if event["event"] in kinds:
                    return dict(event)
        raise RuntimeError(f"no {kinds} from the child")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="clockapp-bench-"))
    runtime = data / "xdg"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "CLOCKAPP_DATA_DIR": str(data), "CLOCKAPP_DEBUG_TRAY": "1"}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.pop("WAYLAND_DISPLAY", None)
    helpers = start_desktop(env)
    try:
        subprocess.run(
            [sys.executable, "-m", "clockapp", "in"], env=env, check=True, capture_output=True
        )
        codes = {"minimal PySide6 tray": MINIMAL, "clockapp": CLOCKAPP}
        starts: dict[str, list[float]] = {name: [] for name in codes}
        for _ in range(args.starts):
            for name, code in codes.items():
                child = Child(code, env)
                shown = child.wait_for("tray", "window")
                starts[name].append(shown["t"] - child.started_at)
                child.stop()

        children = {name: Child(code, env) for name, code in codes.items()}
        memory: dict[str, tuple[int, int]] = {}
        for name, child in children.items():
            child.wait_for("tray", "window")
            before = child.wait_for("started")["rss"]
            after = child.wait_for("ticked")["rss"]
            memory[name] = (before, after)
        # Both idle at once, over the same wall-clock interval.
        cpu_before = {name: c.cpu_seconds() for name, c in children.items()}
        time.sleep(args.idle)
        cpu = {name: c.cpu_seconds() - cpu_before[name] for name, c in children.items()}
        for child in children.values():
            child.stop()
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait(5)

    where = "Xvfb + trayer" if helpers else "offscreen (no tray: the window stands in)"
    print(f"tray benchmark on {where}, {args.starts} cold starts each, idle {args.idle:.0f} s")
    print(f"{'':24}{'start (median)':>16}{'RSS start':>12}{'RSS +3600 ticks':>18}{'idle CPU':>12}")
    for name in codes:
        before, after = memory[name]
        print(
            f"{name:24}{statistics.median(starts[name]) * 1000:>13.0f} ms"
            f"{before / 1024:>9.1f} MiB{after / 1024:>15.1f} MiB{cpu[name]:>10.2f} s"
        )
    base, app = "minimal PySide6 tray", "clockapp"
    print(
        f"ratios clockapp/minimal: start "
        f"{statistics.median(starts[app]) / statistics.median(starts[base]):.2f}x (aim <= 1.5x), "
        f"memory after start {memory[app][0] / memory[base][0]:.2f}x, after ticks "
        f"{memory[app][1] / memory[base][1]:.2f}x (aim <= 1.3x); idle CPU "
        f"{cpu[app] * 60 / args.idle:.2f} s/min (aim < 0.5 s/min)"
    )


if __name__ == "__main__":
    main()
