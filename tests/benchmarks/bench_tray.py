"""Benchmark: the tray app as staff run it, beside a minimal PySide6 tray, in the same run.

The app runs configured: Papershift as the backend (the fake on loopback, tests/fakes), its
token in a keyring (a file-backed keyring backend set by environment for the children; with
--secret-service, GNOME Keyring on a private session bus, as on a Linux desktop), five
finished sessions waiting to upload, the clock running, and the public holidays of a German
state counted (the week, the month and the balance). Prints (not a test; nothing asserts):

  - start to tray visible: process start to the icon steady in the tray host (median of
    --starts cold starts each, alternating);
  - RSS after start; after the first sync; after opening and closing the week window and the
    settings dialog --windows times each and 3600 popup ticks (the minimal app: 3600 label
    ticks);
  - idle with no window open, clocked in, over --idle seconds: wake-ups (voluntary context
    switches, all threads, from /proc/PID/task/*/status) and CPU time (/proc/PID/stat);
  - what the configured start imports, by package: ``-X importtime`` self time, split into
    before the tray shows and after; and RSS growth as each package group is imported in turn.

Runs under Xvfb + trayer with a private session bus when they are installed (as on a real
desktop), else offscreen.
Aims (issue 16): RSS after sync and windows <= 1.5x the minimal tray, start <= 1.5x, with no
window open <= 2 wake-ups a minute and idle CPU < 0.1 s a minute.

Run: .venv/bin/python tests/benchmarks/bench_tray.py [--starts 5] [--idle 60] [--windows 20]
     [--secret-service] [--before DIR] [--after DIR]
     (DIR: e.g. `git archive REV | tar -x -C DIR`; --before is measured alongside in the same
     run, --after instead of the installed app)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: the fakes and desktop helpers are in tests/
    sys.path.insert(0, str(ROOT))

from tests.fakes.papershift import FakePapershift  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")

# Shared by the children: JSON events on stdout (and a marker on stderr, so -X importtime's
# lines can be split by phase), resident memory.
COMMON = textwrap.dedent(
    """
    import json, sys, time

    def emit(event, **fields):
        print(json.dumps({"event": event, "t": time.time(), **fields}), flush=True)
        if "importtime" in sys._xoptions:
            print(f"MARK {event}", file=sys.stderr, flush=True)

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
        emit("synced", rss=rss_kib())
        emit("first-windows", rss=rss_kib())
        emit("windows", rss=rss_kib())
        emit("idle")

    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = QSystemTrayIcon(QIcon(pixmap))
        tray.show()

        def report(tries, last=None, steady=0):
            rect = tray.geometry()
            steady = steady + 1 if rect == last else 0
            placed = rect.isValid() and not rect.isEmpty() and rect.topLeft() != QPoint(0, 0)
            if (placed and steady >= 3) or tries <= 0:
                emit("tray")
                if "--measure" in sys.argv:
                    QTimer.singleShot(1500, ticks)
            else:
                QTimer.singleShot(20, lambda: report(tries - 1, rect, steady))

        report(150)
    else:
        window = QLabel("minimal")
        window.show()
        emit("window")
        if "--measure" in sys.argv:
            QTimer.singleShot(1500, ticks)
    app.exec()
    """
)

# The real app (run_tray_app), with a script hooked in after the tray shows: wait for the first
# sync, open and close the windows, tick the popup, then leave it idle with no window open.
CLOCKAPP = COMMON + textwrap.dedent(
    """
    import gc
    from clockapp.ui import tray as tray_module
    from clockapp.ui.qt import QApplication, QTimer

    WINDOWS = int(sys.argv[sys.argv.index("--windows") + 1]) if "--windows" in sys.argv else 20
    start = tray_module.ClockTray.start

    def start_then_measure(self):
        start(self)
        if "importtime" in sys._xoptions:
            print("MARK tray-shown", file=sys.stderr, flush=True)
        if "--measure" in sys.argv:
            QTimer.singleShot(1500, lambda: run(script(self)))

    def run(steps):
        # Each step returns how long to wait (ms) before the next: the event loop runs between,
        # so deferred deletes and the uploads' asyncio tasks go on as in real use.
        try:
            wait = next(steps)
        except StopIteration:
            return
        QTimer.singleShot(wait, lambda: run(steps))

    def script(tray):
        app = QApplication.instance()
        emit("started", rss=rss_kib())
        uploads = tray.uploads
        deadline = time.monotonic() + 60
        while uploads.sync is None or uploads.running or uploads.summary.waiting:
            if time.monotonic() > deadline:
                emit("sync-timeout", summary=uploads.summary.text())
                break
            if uploads.sync is not None and not uploads.running:
                uploads.sync_now()
            yield 50
        emit("synced", rss=rss_kib(), summary=uploads.summary.text())
        for n in range(WINDOWS):
            tray.open_week()
            yield 200  # the remote week arrives in the background
            tray.week_window.close()
            yield 20
            tray.open_settings()
            yield 50
            tray.settings_dialog.reject()
            yield 20
            if n == 0:
                yield 500
                emit("first-windows", rss=rss_kib())
        tray.show_popup()
        yield 50
        panel = tray.popup.panel
        for _ in range(3600):
            panel.tick()
            app.processEvents()
        tray.popup.hide()
        yield 1000
        gc.collect()
        yield 100
        emit("windows", rss=rss_kib())
        emit("idle")

    tray_module.ClockTray.start = start_then_measure
    from clockapp.ui.app import run_tray_app

    sys.exit(run_tray_app(["clockapp"]))
    """
)

# RSS as each group of packages is imported in turn (the order the app meets them), in a
# fresh interpreter; the Qt group includes a QApplication and a tray icon.
IMPORT_STEPS = COMMON + textwrap.dedent(
    """
    import importlib
    steps = [
        ("Qt (PySide6 QtCore/QtGui/QtWidgets, QApplication)", None),
        ("asyncio + ssl", ["asyncio", "ssl"]),
        ("qasync", ["qasync"]),
        ("clockapp tray modules (clockapp.ui.app)", ["clockapp.ui.app"]),
        ("httpx/httpcore (+ a client's TLS context)", ["httpx"]),
        ("clockapp upload modules (services.sync)", ["clockapp.services.sync"]),
        ("clockapp windows", ["clockapp.ui.week_window", "clockapp.ui.settings_dialog"]),
    ]
    rows = [("python", rss_kib())]
    for name, modules in steps:
        if modules is None:
            from clockapp.ui.qt import QApplication, QSystemTrayIcon
            app = QApplication(["x"])
            icon = QSystemTrayIcon()
        else:
            for module in modules:
                importlib.import_module(module)
            if modules == ["httpx"]:
                import httpx
                client = httpx.AsyncClient()
        rows.append((name, rss_kib()))
    print(json.dumps(rows))
    """
)

GROUPS = [
    ("Qt (PySide6, shiboken6)", ("PySide6", "shiboken6")),
    ("asyncio/ssl/concurrency", ("asyncio", "ssl", "_ssl", "selectors", "concurrent")),
    ("qasync", ("qasync",)),
    (
        "httpx/httpcore/h11/certifi",
        (
            "httpx",
            "httpcore",
            "h11",
            "h2",
            "anyio",
            "sniffio",
            "certifi",
            "idna",
            "email",
            "hpack",
            "hyperframe",
        ),
    ),
    (
        "keyring and backends",
        (
            "keyring",
            "jaraco",
            "jeepney",
            "secretstorage",
            "cryptography",
            "importlib_metadata",
            "more_itertools",
            "dbus",
            "zipp",
            "backports",
            "zipfile",
        ),
    ),
    ("clockapp", ("clockapp",)),
    ("bench keyring", ("file_keyring",)),
]


def group_of(module: str) -> str:
    top = module.split(".")[0]
    for name, tops in GROUPS:
        if top in tops:
            return name
    return "other (stdlib etc.)"


def start_desktop(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    """Xvfb and trayer if installed (sets DISPLAY in ``env``); else offscreen."""
    if not (shutil.which("Xvfb") and shutil.which("trayer")):
        env["QT_QPA_PLATFORM"] = "offscreen"
        return []
    from tests.desktop import Xvfb, start_session_bus, start_trayer, tray_panel_up

    xvfb = Xvfb()
    env["DISPLAY"] = xvfb.display
    env["QT_QPA_PLATFORM"] = "xcb"
    started: list[subprocess.Popen[bytes]] = [xvfb]
    # A session bus, as every desktop has (without one Qt's tray checks cost no wake-ups, and
    # the idle figures would flatter); no StatusNotifierItem host on it: trayer is XEmbed.
    if shutil.which("dbus-daemon"):
        folder = Path(tempfile.mkdtemp(prefix="clockapp-bench-session-"))
        daemon, env["DBUS_SESSION_BUS_ADDRESS"] = start_session_bus(folder)
        started.append(daemon)
    else:
        env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    trayer = start_trayer(env)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not tray_panel_up(env):
        time.sleep(0.1)
    return [trayer, *started]


class Child:
    #: Every child started, so an interrupted run still stops them all.
    started: ClassVar[list[Child]] = []

    def __init__(
        self,
        code: str,
        env: dict[str, str],
        script_args: tuple[str, ...] = (),
        python_args: tuple[str, ...] = (),
        stderr: Any = None,
    ) -> None:
        self.started_at = time.time()
        self.process = subprocess.Popen(
            [sys.executable, *python_args, "-c", code, *script_args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            # Not the checkout: its clockapp would shadow --before's.
            cwd=env.get("CLOCKAPP_DATA_DIR", env["XDG_RUNTIME_DIR"]),
        )
        Child.started.append(self)

    def wait_for(self, *kinds: str, timeout: float = 120) -> dict[str, Any]:
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

    def wakeups(self) -> dict[str, int]:
        """Voluntary context switches by thread id (a thread that ended is gone from the map)."""
        counts = {}
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                text = (task / "status").read_text()
            except OSError:  # the thread ended
                continue
            found = re.search(r"^voluntary_ctxt_switches:\s+(\d+)", text, re.M)
            counts[task.name] = int(found.group(1)) if found else 0
        return counts

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clockapp", *args],
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
    )
    if done.returncode:
        sys.exit(f"clockapp {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")


def prepare(env: dict[str, str], server: FakePapershift) -> None:
    """Papershift configured (token in the keyring), Bavaria's holidays, five finished
    sessions, clocked in."""
    run_cli(
        env,
        *("backend", "set", "papershift", "--url", server.url),
        *("--location-external-id", "Company-A", "--working-area-external-id", "Area-Alpha"),
        *("--user-external-id", "User-001"),
        stdin=server.api_token + "\n",
    )
    run_cli(env, "holidays", "--region", "DE-BY")
    add_sessions(env, days=range(8, 3, -1))
    run_cli(env, "in", "--at", minutes_iso(datetime.now(UTC) - timedelta(hours=1)))


def add_sessions(env: dict[str, str], days: range) -> None:
    """One finished 8-hour session on each of these days ago."""
    for days_ago in days:
        day = datetime.now(UTC) - timedelta(days=days_ago)
        start = day.replace(hour=7, minute=0, second=0, microsecond=0)
        run_cli(env, "in", "--at", minutes_iso(start))
        run_cli(env, "out", "--at", minutes_iso(start + timedelta(hours=8)))


def minutes_iso(instant: datetime) -> str:
    return instant.replace(second=0, microsecond=0).isoformat(timespec="minutes")


def import_phases(stderr: str) -> dict[str, dict[str, float]]:
    """``-X importtime`` self time (ms) per package group, before the tray showed and after."""
    phases: dict[str, dict[str, float]] = {"before tray": {}, "after tray": {}}
    phase = "before tray"
    for line in stderr.splitlines():
        if line.startswith("MARK "):
            if line.split()[1] == "tray-shown":
                phase = "after tray"
            continue
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, module = line[len("import time:") :].split("|")
        group = group_of(module.strip())
        phases[phase][group] = phases[phase].get(group, 0.0) + int(self_us) / 1000
    return phases


def compile_app(source: Path | None) -> None:
    """Byte-compile the app measured, as an install does (pip, the frozen build): without
    it, where PYTHONDONTWRITEBYTECODE is set, every start compiles ClockApp's source again
    (~100-200 ms more per start, counted as "clockapp" import time)."""
    if source is None:
        import clockapp

        package = Path(clockapp.__file__).parent
    else:
        package = source / "clockapp"
    compileall.compile_dir(package, quiet=1)


def app_env(
    base: dict[str, str], source: Path | None, server: FakePapershift, secret_service: bool
) -> dict[str, str]:
    """A data folder of its own (one app instance per folder), configured and clocked in;
    ``source``: a checkout whose clockapp the child runs (None: the installed one)."""
    compile_app(source)
    data = Path(tempfile.mkdtemp(prefix="clockapp-bench-"))
    env = {**base, "CLOCKAPP_DATA_DIR": str(data), "CLOCKAPP_DEBUG_TRAY": "1"}
    path = [str(source.resolve())] if source else []
    env["PYTHONPATH"] = os.pathsep.join([*path, str(Path(__file__).parent)])
    if not secret_service:  # else GNOME Keyring on the bus start_secret_service gave ``base``
        env["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
        env["CLOCKAPP_BENCH_KEYRING"] = str(data / "keyring.json")
    prepare(env, server)
    return env


def start_secret_service(base: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    """GNOME Keyring, unlocked, on the desktop's session bus (a home of its own in ``base``):
    the keyring a Linux desktop gives the app."""
    from tests.desktop import SessionBus

    address = base.get("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    if address == "disabled:":
        raise SystemExit("--secret-service needs Xvfb, trayer and dbus-daemon")
    home = Path(tempfile.mkdtemp(prefix="clockapp-bench-home-"))
    base.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
    )
    keyring = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
        env=base,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert keyring.stdin is not None
    keyring.stdin.write(b"bench password")  # through a pipe, as a login hands it over
    keyring.stdin.close()
    bus = SessionBus(address)
    try:
        deadline = time.monotonic() + 20
        while not bus.has_owner("org.freedesktop.secrets"):
            if keyring.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gnome-keyring-daemon did not come up")
            time.sleep(0.05)
    finally:
        bus.close()
    return [keyring]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--settle", type=float, default=25.0, help="seconds before the idle")
    parser.add_argument(
        "--before", type=Path, help="a checkout of the app before a change, measured alongside"
    )
    parser.add_argument(
        "--after",
        type=Path,
        help="a checkout of the app measured instead of the installed one",
    )
    parser.add_argument(
        "--secret-service",
        action="store_true",
        help="the token in GNOME Keyring (needs dbus-daemon, gnome-keyring), not a file",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the children and Xvfb too

    runtime = Path(tempfile.mkdtemp(prefix="clockapp-bench-xdg-"))
    base = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    base.pop("WAYLAND_DISPLAY", None)
    server = FakePapershift().start()
    helpers = start_desktop(base)
    keyring = start_secret_service(base) if args.secret_service else []
    minimal, app = "minimal PySide6 tray", "clockapp configured"
    ss = args.secret_service
    try:
        variants = {
            minimal: (MINIMAL, base),
            app: (CLOCKAPP, app_env(base, args.after, server, ss)),
        }
        if args.before:
            variants["configured, before"] = (CLOCKAPP, app_env(base, args.before, server, ss))
        measure = ("--measure", "--windows", str(args.windows))

        # Memory and idle first, while five sessions wait: the sync has work to do. All
        # children run at once, so they idle over the same wall-clock interval.
        children = {name: Child(code, env, measure) for name, (code, env) in variants.items()}
        memory: dict[str, dict[str, int]] = {}
        for name, child in children.items():
            child.wait_for("tray", "window")
            memory[name] = {}
            for step in ("started", "synced", "first-windows", "windows"):
                event = child.wait_for(step, "sync-timeout")
                if event["event"] == "sync-timeout":
                    print(f"{name}: the first sync did not finish: {event['summary']}")
                    event = child.wait_for(step)
                memory[name][step] = event["rss"]
            child.wait_for("idle")
        # qasync leaves a cancelled call_later armed as a Qt timer until it would have fired:
        # each keyring call and HTTP request leaves a wake-up or two 10-20 s later. Settle
        # past them, so the minute measured is the steady idle one.
        time.sleep(args.settle)
        before = {name: (c.cpu_seconds(), c.wakeups()) for name, c in children.items()}
        time.sleep(args.idle)
        idle: dict[str, tuple[float, int, int]] = {}
        for name, child in children.items():
            cpu, after = child.cpu_seconds(), child.wakeups()
            cpu0, counts0 = before[name]
            # Threads born during the interval count from zero; ones that ended are lost (rare).
            total = sum(n - counts0.get(tid, 0) for tid, n in after.items())
            main_thread = after[str(child.process.pid)] - counts0[str(child.process.pid)]
            idle[name] = (cpu - cpu0, total, main_thread)
        for child in children.values():
            child.stop()

        starts: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.starts):
            for name, (code, env) in variants.items():
                child = Child(code, env)
                shown = child.wait_for("tray", "window")
                starts[name].append(shown["t"] - child.started_at)
                child.stop()

        # One more configured start with -X importtime, through the sync and the windows.
        env = variants[app][1]
        child = Child(CLOCKAPP, env, measure, ("-X", "importtime"), stderr=subprocess.PIPE)
        child.wait_for("idle")
        child.stop()
        assert child.process.stderr is not None
        phases = import_phases(child.process.stderr.read())
        steps = subprocess.run(
            [sys.executable, "-c", IMPORT_STEPS],
            env=env,
            capture_output=True,
            text=True,
            cwd=env["CLOCKAPP_DATA_DIR"],
        )
        if steps.returncode != 0:
            print(steps.stderr)
        rss_steps = json.loads(steps.stdout.splitlines()[-1]) if steps.returncode == 0 else []
    finally:
        for child in Child.started:
            child.stop()
        server.stop()
        for helper in [*helpers, *keyring]:
            helper.terminate()
            helper.wait(5)

    where = "Xvfb + trayer" if helpers else "offscreen (no tray: the window stands in)"
    if base.get("DBUS_SESSION_BUS_ADDRESS", "disabled:") != "disabled:":
        where += ", a session bus"
    print(
        f"tray benchmark on {where}; clockapp configured (Papershift on loopback, "
        f"{'GNOME Keyring' if keyring else 'a file keyring'}, DE-BY holidays), "
        f"{args.starts} cold starts each, {args.windows}x week window + settings, "
        f"idle {args.idle:.0f} s" + (f"; before: {args.before}" if args.before else "")
    )
    mib = 1024
    print(
        f"{'':22}{'start (median)':>15}{'RSS start':>11}{'after sync':>12}"
        f"{'windows x1':>12}{'x' + str(args.windows):>8}"
        f"{'wake-ups/min':>14}{'(main thread)':>14}{'idle CPU/min':>14}"
    )
    per_min = 60 / args.idle
    for name in variants:
        m = memory[name]
        cpu, total, main_thread = idle[name]
        print(
            f"{name:22}{statistics.median(starts[name]) * 1000:>12.0f} ms"
            f"{m['started'] / mib:>7.1f} MiB{m['synced'] / mib:>8.1f} MiB"
            f"{m['first-windows'] / mib:>8.1f} MiB{m['windows'] / mib:>6.1f} MiB"
            f"{total * per_min:>14.1f}"
            f"{main_thread * per_min:>14.1f}{cpu * per_min:>12.3f} s"
        )
    for name in variants:
        if name == minimal:
            continue
        print(
            f"ratios {name}/minimal: start "
            f"{statistics.median(starts[name]) / statistics.median(starts[minimal]):.2f}x "
            f"(aim <= 1.5x); RSS after start "
            f"{memory[name]['started'] / memory[minimal]['started']:.2f}x, after sync "
            f"{memory[name]['synced'] / memory[minimal]['synced']:.2f}x, after windows "
            f"{memory[name]['windows'] / memory[minimal]['windows']:.2f}x (aim <= 1.5x); "
            f"idle {idle[name][1] * per_min:.1f} wake-ups/min (aim <= 2), "
            f"CPU {idle[name][0] * per_min:.3f} s/min (aim < 0.1)"
        )
    print("\nconfigured start, -X importtime self time by package group (ms):")
    names = sorted({g for phase in phases.values() for g in phase})
    print(f"  {'':34}{'before tray':>12}{'after tray':>12}")
    for group in names:
        print(
            f"  {group:34}{phases['before tray'].get(group, 0):>12.0f}"
            f"{phases['after tray'].get(group, 0):>12.0f}"
        )
    print(
        f"  {'total':34}{sum(phases['before tray'].values()):>12.0f}"
        f"{sum(phases['after tray'].values()):>12.0f}"
    )
    print("\nRSS as package groups are imported in turn (fresh interpreter, MiB, +delta):")
    previous = None
    for name, rss in rss_steps:
        delta = f"+{(rss - previous) / mib:.1f}" if previous is not None else ""
        print(f"  {name:52}{rss / mib:>7.1f}{delta:>8}")
        previous = rss


if __name__ == "__main__":
    main()
