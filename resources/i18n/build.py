"""Update the Linguist sources from the code and compile them into the package.

Run after changing a user-visible string: ``.venv/bin/python resources/i18n/build.py``.
1. ``pyside6-lupdate`` adds new strings to ``clockapp_*.ts`` (translations kept; translate the
   new ones in Qt Linguist or by hand — tests/ui/test_translations.py fails until done): the
   UI's ``tr()`` strings, and the sentences the code raises as user errors
   (``clockapp.domain.errors.UserError``), which the UI translates in the ``UserError`` context;
2. ``pyside6-lrelease`` compiles each ``.ts`` to ``clockapp/ui/translations/*.qm``.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = sorted((ROOT / "clockapp" / "ui").glob("*.py"))
TARGET = ROOT / "clockapp" / "ui" / "translations"
# clockapp.domain.errors.UserError and its subclasses (a test keeps this list complete).
USER_ERRORS = {
    "UserError",
    "ClockError",
    "ConfirmedDay",
    "NotFound",
    "SettingsError",
    "BackendSetupError",
    "StorageError",
    "SecretsUnavailable",
    "AutostartError",
    "SyncError",
    "ConfigError",
    "AuthError",
    "TransientError",
    "AmbiguousWriteError",
    "PermanentError",
    "EchoMismatchError",
}


def user_error_calls() -> list[tuple[Path, ast.Call]]:
    """Every ``SomeUserError(...)`` call in the package, in source order."""
    calls = []
    for path in sorted((ROOT / "clockapp").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in USER_ERRORS:
                    calls.append((path, node))
    return sorted(calls, key=lambda found: (found[0], found[1].lineno, found[1].col_offset))


def user_error_texts() -> list[str]:
    """The English sentences raised as user errors (the literal first arguments)."""
    texts = [
        call.args[0].value
        for _, call in user_error_calls()
        if call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ]
    return list(dict.fromkeys(texts))


def lupdate_inputs(folder: Path) -> list[str]:
    """What lupdate reads: the UI's sources, and a file in ``folder`` that lists the user
    errors' sentences the way lupdate finds them (context ``UserError``)."""
    listing = folder / "user_errors.py"
    listing.write_text(
        "".join(
            f'QT_TRANSLATE_NOOP("UserError", {json.dumps(text, ensure_ascii=False)})\n'
            for text in user_error_texts()
        ),
        encoding="utf-8",
    )
    return [*map(str, SOURCES), str(listing)]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install the project with its test extras first.")
    return found


def update(ts: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *lupdate_inputs(Path(folder)),
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
