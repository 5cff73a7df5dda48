"""Figures, not a test: start to tray icon visible, the frozen build beside the source install.

    .venv/bin/python packaging/measure_start.py [--starts 5] [--frozen build/dist/clockapp/clockapp]

Runs each under Xvfb with trayer as the tray host (the same desktop tests/benchmarks/bench_tray.py
starts; offscreen with the no-tray window standing in if those are missing), alternating, and
takes the time from process start to the app's first ``tray`` event: ``CLOCKAPP_DEBUG_TRAY=1``
makes the app print it once the icon has a steady place in the tray (the rule the end-to-end
test clicks by). Also ``/usr/bin/clockapp`` when the .deb is installed.

"cold" runs drop the page cache first (``/proc/sys/vm/drop_caches``, root only), as after a
reboot; "warm" runs follow a run of the same program. Medians are printed; nothing asserts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _desktop_helpers() -> object:
    path = ROOT / "tests" / "benchmarks" / "bench_tray.py"
    spec = importlib.util.spec_from_file_location("bench_tray", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def start_once(command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    """Seconds from starting ``command`` to its tray icon shown (or its fallback window)."""
    with tempfile.TemporaryFile(mode="w+") as errors:  # shown if the start fails
        started = time.time()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert process.stdout is not None
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                line = process.stdout.readline()
                if not line:
                    errors.seek(0)
                    raise RuntimeError(
                        f"{command[0]} exited with {process.wait()} before its tray:\n"
                        + errors.read()[-3000:]
                    )
                if line.startswith("{"):
                    event = json.loads(line)
                    if event["event"] in ("tray", "window"):
                        return float(event["t"]) - started
            raise RuntimeError(f"{command[0]}: no tray within {timeout} s")
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument(
        "--frozen", type=Path, default=ROOT / "build" / "dist" / "clockapp" / "clockapp"
    )
    parser.add_argument("--source", type=Path, default=Path(sys.executable).with_name("clockapp"))
    args = parser.parse_args()

    programs = {"source (venv)": [str(args.source)], "frozen (bundle)": [str(args.frozen)]}
    if Path("/usr/bin/clockapp").exists():
        programs["installed .deb"] = ["/usr/bin/clockapp"]
    for name, command in programs.items():
        if not Path(command[0]).exists():
            raise SystemExit(f"{name}: {command[0]} does not exist (build it first)")

    data = Path(tempfile.mkdtemp(prefix="clockapp-start-"))
    runtime = data / "xdg"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "CLOCKAPP_DATA_DIR": str(data),
        "CLOCKAPP_DEBUG_TRAY": "1",
        "XDG_RUNTIME_DIR": str(runtime),
        "CLOCKAPP_POLICY_FILE": str(data / "no-policy.json"),
    }
    env.pop("WAYLAND_DISPLAY", None)
    helpers = _desktop_helpers().start_desktop(env)  # type: ignore[attr-defined]
    can_drop = drop_caches()
    cold: dict[str, list[float]] = {name: [] for name in programs}
    warm: dict[str, list[float]] = {name: [] for name in programs}
    try:
        for command in programs.values():  # the first start builds caches: not counted
            start_once(command, env)
        for _ in range(args.starts):
            for name, command in programs.items():
                if can_drop:
                    drop_caches()
                    cold[name].append(start_once(command, env))
                warm[name].append(start_once(command, env))
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait(5)

    where = "Xvfb + trayer" if helpers else "offscreen (no tray: the window stands in)"
    print(f"start to tray visible on {where}, median of {args.starts} each")
    print(f"{'':20}{'cold':>10}{'warm':>10}")
    for name in programs:
        cold_ms = f"{statistics.median(cold[name]) * 1000:.0f} ms" if cold[name] else "n/a"
        print(f"{name:20}{cold_ms:>10}{statistics.median(warm[name]) * 1000:>7.0f} ms")
    if not can_drop:
        print("(cold: needs root to drop the page cache)")
    base = statistics.median(warm["source (venv)"])
    print(f"frozen/source (warm): {statistics.median(warm['frozen (bundle)']) / base:.2f}x", end="")
    if can_drop:
        ratio = statistics.median(cold["frozen (bundle)"]) / statistics.median(
            cold["source (venv)"]
        )
        print(f", (cold): {ratio:.2f}x")
    else:
        print()


if __name__ == "__main__":
    main()
