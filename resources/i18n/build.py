"""Update the Linguist sources from the code and compile them into the package.

Run after changing a user-visible string: ``.venv/bin/python resources/i18n/build.py``.
1. ``pyside6-lupdate`` adds new strings to ``clockapp_*.ts`` (translations kept; translate the
   new ones in Qt Linguist or by hand — tests/ui/test_translations.py fails until done);
2. ``pyside6-lrelease`` compiles each ``.ts`` to ``clockapp/ui/translations/*.qm``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = sorted((ROOT / "clockapp" / "ui").glob("*.py"))
TARGET = ROOT / "clockapp" / "ui" / "translations"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install the project with its test extras first.")
    return found


def update(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *map(str, SOURCES),
            "-ts",
            str(ts),
            "-no-obsolete",
            "-locations",
            "none",
        ],
        check=True,
    )


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)


def main() -> None:
    TARGET.mkdir(exist_ok=True)
    for ts in sorted(HERE.glob("clockapp_*.ts")):
        update(ts)
        release(ts, TARGET / ts.with_suffix(".qm").name)


if __name__ == "__main__":
    main()
