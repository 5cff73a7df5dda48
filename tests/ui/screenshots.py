"""Pictures of every window for a person to look at: popup, no-tray window, week (with a night
shift), settings, the edit dialog with a refusal and the away prompt, at 100 % and 200 %, in
English and German, on a 1280×800 Xvfb screen. Not a test: run it, then look.

    .venv/bin/python tests/ui/screenshots.py          # → tests/artifacts/screens/*.png

``--readme`` also copies the English 100 % popup and week window to resources/screenshots/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.desktop import Xvfb  # noqa: E402

OUT = ROOT / "tests" / "artifacts" / "screens"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", action="store_true")
    args = parser.parse_args()
    server = Xvfb("1280x800x24")
    try:
        for german in (False, True):
            for scale in ("1", "2"):
                tag = f"{'de' if german else 'en'}-{int(float(scale) * 100)}"
                env = dict(os.environ)
                env |= {"DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"}
                env |= {"QT_SCALE_FACTOR": scale, "LANG": "C.UTF-8"}
                command = [sys.executable, "-m", "tests.ui.screens", "--check"]
                command += ["--shots", str(OUT), "--tag", tag]
                if german:
                    command.append("--german")
                done = subprocess.run(
                    command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
                )
                print(f"{tag}: problems {done.stdout.strip().splitlines()[-1:]}")
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
    finally:
        server.terminate()
        server.wait()
    if args.readme:
        target = ROOT / "resources" / "screenshots"
        shutil.copy(OUT / "popup-en-100.png", target / "tray-popup.png")
        shutil.copy(OUT / "week-en-100.png", target / "week-window.png")
    print(f"saved in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
