"""Smoke test of a frozen or installed ClockApp: does the shipped executable really work?

    python3 packaging/smoke_test.py PATH/TO/clockapp [--expect-version X.Y.Z] [--expect-translation]

Standard library only, so it runs with any Python 3.11+ against any build (the CI workflow on
Windows and macOS runs it too). With an empty data folder, Qt's offscreen platform, German as
the UI language and keyring's null backend chosen by environment, it checks that:

1. ``clockapp --version`` prints the version;
2. ``clockapp in``, ``out``, ``status --json`` and ``sessions --json`` record one finished
   session in the store, and an admin policy file (``CLOCKAPP_POLICY_FILE``) is honoured;
3. ``clockapp --selftest`` (packaging/launcher.py → clockapp/selftest.py) reports the keyring
   backend the environment chose (so backends load in the frozen app), the keyring entry-point
   metadata, the German translation loaded, the Qt platform and SVG plugins, and tzdata;
4. ``clockapp --holiday-calendars DE-BY de 2026`` (the helper process the tray has compute
   public holidays, so it never loads the ``holidays`` package itself) prints that year's
   Bavarian holidays as JSON;
5. ``clockapp --keyring get NAME`` (the helper process the tray asks the keyring through, so
   the keyring's libraries never load in it) answers in its JSON, here refusing keyring's null
   backend with the "No system keyring" sentence and exit status 1;
6. the tray app starts (``CLOCKAPP_DEBUG_TRAY=1`` reports its first window or tray icon) and
   quits cleanly on SIGTERM (Windows: it is terminated); offscreen, and with
   ``--x11-display :N`` also on that X server through Qt's xcb platform plugin;
7. every run exits 0 (but 5.) and writes nothing unexpected on stderr (Qt warnings, tracebacks).

Exit status 0 if all passed; otherwise 1 and each failure on stderr. ``--report FILE`` writes
the selftest's JSON and the timings there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

#: stderr lines that are expected: the offscreen platform lacks window features, and has no
#: system tray, so the app says it runs in its window (in the UI language).
ALLOWED_STDERR = [
    re.compile(r"^This plugin does not support "),
    re.compile(r"^clockapp: no system tray: "),
]
KEYRING_BACKEND = "keyring.backends.null.Keyring"
TIMEOUT_S = 90.0  # the first start on a fresh machine builds fontconfig's cache


class SmokeTest:
    def __init__(self, executable: Path, folder: Path) -> None:
        self.executable = executable
        self.failures: list[str] = []
        self.timings: dict[str, float] = {}
        data, home, runtime = folder / "data", folder / "home", folder / "runtime"
        for path in (data, home):
            path.mkdir()
        runtime.mkdir(mode=0o700)
        self.policy = folder / "policy.json"
        self.policy.write_text(
            json.dumps({"settings": {"targets": {"fri": 300}}, "locked": ["targets"]}),
            encoding="utf-8",
        )
        keep = ("PATH", "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "COMSPEC", "PATHEXT")
        self.env = {k: v for k, v in os.environ.items() if k.upper() in keep}
        self.env.update(
            {
                "CLOCKAPP_DATA_DIR": str(data),
                "CLOCKAPP_POLICY_FILE": str(self.policy),
                "HOME": str(home),
                "USERPROFILE": str(home),
                "XDG_RUNTIME_DIR": str(runtime),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_CACHE_HOME": str(home / ".cache"),
                "QT_QPA_PLATFORM": "offscreen",
                "DBUS_SESSION_BUS_ADDRESS": "disabled:",
                "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND,
                "TZ": "Europe/Berlin",
                "LC_ALL": "C.UTF-8",
                "LANGUAGE": "de",  # Qt's UI languages: the app installs its German translation
            }
        )

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"FAIL  {message}", file=sys.stderr, flush=True)

    def check_stderr(self, what: str, stderr: str) -> None:
        unexpected = [
            line
            for line in stderr.splitlines()
            if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR)
        ]
        if unexpected:
            self.fail(f"{what}: unexpected stderr:\n    " + "\n    ".join(unexpected))

    def run(self, *args: str, status: int = 0) -> str:
        """Run the executable with ``args``; the stdout. Checks the exit status and a clean
        stderr."""
        what = "clockapp " + " ".join(args)
        started = time.monotonic()
        try:
            done = subprocess.run(
                [str(self.executable), *args],
                env=self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            self.fail(f"{what}: no answer within {TIMEOUT_S:.0f} s")
            return ""
        self.timings[what] = time.monotonic() - started
        if done.returncode != status:
            self.fail(f"{what}: exit status {done.returncode}; stderr: {done.stderr.strip()}")
        self.check_stderr(what, done.stderr)
        print(f"ok    {what} ({self.timings[what]:.2f} s)", flush=True)
        return done.stdout

    def json(self, *args: str, status: int = 0) -> Any:
        out = self.run(*args, status=status)
        try:
            return json.loads(out)
        except ValueError:
            self.fail(f"clockapp {' '.join(args)}: not JSON: {out[:200]!r}")
            return None

    def version(self, expected: str | None) -> None:
        out = self.run("--version").strip()
        if not re.fullmatch(r"clockapp \d+\.\d+\.\d+\S*", out):
            self.fail(f"--version printed {out!r}")
        elif expected and out != f"clockapp {expected}":
            self.fail(f"--version printed {out!r}, expected clockapp {expected}")

    def clock(self) -> None:
        self.run("in")
        status = self.json("status", "--json")
        if status and status.get("state") != "working":
            self.fail(f"after 'in' the status is {status}")
        time.sleep(1.1)  # events land on whole seconds
        self.run("out")
        status = self.json("status", "--json")
        if status and status.get("state") != "off":
            self.fail(f"after 'out' the status is {status}")
        sessions = self.json("sessions", "--json")
        if sessions is not None and (len(sessions) != 1 or not sessions[0].get("end")):
            self.fail(f"the store should hold one finished session, it holds {sessions}")
        targets = self.json("targets", "--json")
        if targets and targets.get("fri") != 300:
            self.fail(f"the admin policy sets Friday's target to 300 min, the app says {targets}")

    def holidays(self) -> None:
        calendars = self.json("--holiday-calendars", "DE-BY", "de", "2026") or {}
        days = dict(calendars.get("2026", []))
        if days.get("2026-01-06") != "Heilige Drei Könige":
            self.fail(f"the holiday helper printed {calendars!r}")

    def keyring_helper(self) -> None:
        answer = self.json("--keyring", "get", "papershift:https://x:api_token", status=1) or {}
        if not str(answer.get("error", "")).startswith("No system keyring is available"):
            self.fail(f"the keyring helper answered {answer!r} for keyring's null backend")

    def selftest(self, expect_translation: bool) -> dict[str, Any]:
        report = self.json("--selftest") or {}
        if report.get("problems"):
            self.fail(f"selftest problems: {report['problems']}")
        keyring = report.get("keyring") or {}
        if keyring.get("backend") != KEYRING_BACKEND:
            self.fail(f"keyring backend {keyring.get('backend')!r}, expected {KEYRING_BACKEND}")
        if "SecretService" not in keyring.get("entry_points", []) and sys.platform == "linux":
            self.fail(f"keyring entry points missing: {keyring.get('entry_points')}")
        translation = report.get("translation") or {}
        if expect_translation and not translation.get("loaded"):
            self.fail(f"the German translation did not load: {translation}")
        qt = report.get("qt") or {}
        if qt.get("platform") != "offscreen":
            self.fail(f"Qt platform {qt.get('platform')!r}, expected offscreen")
        platforms = " ".join(qt.get("plugins", {}).get("platforms", []))
        native = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}.get(sys.platform, "")
        if native not in platforms:
            self.fail(f"the {native} platform plugin is not shipped: {platforms}")
        return report

    def tray(self, display: str | None = None) -> None:
        """Start the tray app; wait for its first window or tray icon; stop it politely.
        With ``display``, on that X server (Qt's xcb platform), else offscreen."""
        what = f"clockapp (tray app on X display {display})" if display else "clockapp (tray app)"
        env = {**self.env, "CLOCKAPP_DEBUG_TRAY": "1"}
        if display:
            env.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display})
        started = time.monotonic()
        process = subprocess.Popen(
            [str(self.executable)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert process.stdout is not None and process.stderr is not None
        stderr: list[str] = []
        errors = process.stderr

        def drain() -> None:
            stderr.extend(errors)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        shown = None
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("{") and json.loads(line).get("event") in ("window", "tray"):
                shown = time.monotonic() - started
                break
        if shown is None:
            self.fail(f"{what}: showed no window or tray icon (exit {process.poll()})")
        else:
            self.timings[what + " shown"] = shown
        if sys.platform == "win32":
            process.terminate()  # no SIGTERM there: the test only proves it started
        else:
            process.send_signal(signal.SIGTERM)
        try:
            process.stdout.read()
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            self.fail(f"{what}: did not quit within 30 s of SIGTERM")
            return
        reader.join(5)
        if code != 0 and sys.platform != "win32":
            self.fail(f"{what}: exit status {code} after SIGTERM")
        self.check_stderr(what, "".join(stderr))
        if shown is not None:
            print(f"ok    {what}: shown after {shown:.2f} s, quit with {code}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable", type=Path, help="the frozen or installed clockapp")
    parser.add_argument("--expect-version", help="the version --version must print")
    parser.add_argument(
        "--expect-translation",
        action="store_true",
        help="fail unless the German translation loads (a build with clockapp_de.qm)",
    )
    parser.add_argument(
        "--x11-display",
        metavar="DISPLAY",
        help="also start the tray app on this X server (e.g. an Xvfb's :99), with Qt's xcb",
    )
    parser.add_argument("--report", type=Path, help="write the selftest report and timings here")
    args = parser.parse_args(argv)
    if not args.executable.exists():
        print(f"smoke test: {args.executable} does not exist", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="clockapp-smoke-") as folder:
        # Not resolved: /usr/bin/clockapp is tested through its symlink, as users start it.
        smoke = SmokeTest(args.executable.absolute(), Path(folder))
        print(f"smoke test of {smoke.executable}", flush=True)
        smoke.version(args.expect_version)
        smoke.clock()
        report = smoke.selftest(args.expect_translation)
        smoke.holidays()
        smoke.keyring_helper()
        smoke.tray()
        if args.x11_display:
            smoke.tray(args.x11_display)
    if args.report:
        args.report.write_text(
            json.dumps({"selftest": report, "timings": smoke.timings}, indent=2), encoding="utf-8"
        )
    if smoke.failures:
        print(f"smoke test FAILED: {len(smoke.failures)} problem(s)", file=sys.stderr)
        return 1
    print("smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
