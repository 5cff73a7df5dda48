"""A self-check of an installed or frozen ClockApp: can it find what it needs at run time?

Frozen builds (PyInstaller) and installers can drop a file that the source tree always has: a
Qt plugin, the keyring backends' entry-point metadata, the zoneinfo data, the translations, the
CA bundle. ``main`` looks for each of them the way the app does and prints one JSON object:

    {"ok": true, "version": "0.1.0", "frozen": true, "keyring": {...}, "translation": {...},
     "qt": {...}, "tz": {...}, "tls": {...}, "problems": []}

Exit status 0 when nothing is missing, 1 otherwise (``problems`` says what). The frozen
launcher (``packaging/launcher.py``) runs it as ``clockapp --selftest``; the packaging smoke test
(``packaging/smoke_test.py``) reads its report. It writes nothing and needs no display: without
one it uses Qt's offscreen platform.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from clockapp import __version__

Check = Callable[[list[str]], dict[str, Any]]


def _keyring(problems: list[str]) -> dict[str, Any]:
    import keyring

    ring = keyring.get_keyring()
    names = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
    if not names:
        problems.append("keyring: no backend entry points (the keyring metadata is missing)")
    return {
        "backend": f"{type(ring).__module__}.{type(ring).__qualname__}",
        "priority": getattr(ring, "priority", None),
        "entry_points": names,
        "environment": os.environ.get("PYTHON_KEYRING_BACKEND"),
    }


def translation_paths(language: str = "de") -> list[Path]:
    """Where a ``clockapp_<language>.qm`` may be: inside the package (``clockapp/ui/translations``),
    else ``resources/i18n`` beside the package (source tree) or in the frozen bundle."""
    name = f"clockapp_{language}.qm"
    candidates = []
    with contextlib.suppress(ModuleNotFoundError, TypeError):  # a broken install
        candidates.append(Path(str(resources.files("clockapp.ui") / "translations" / name)))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources" / "i18n" / name)
    candidates.append(Path(__file__).resolve().parent.parent / "resources" / "i18n" / name)
    return candidates


def _translation(problems: list[str]) -> dict[str, Any]:
    from clockapp.ui.qt import QTranslator

    tried = translation_paths("de")
    for path in tried:
        if path.is_file():
            translator = QTranslator()
            loaded = translator.load(str(path))
            if not loaded or translator.isEmpty():
                problems.append(f"translation: {path} did not load")
            return {
                "loaded": loaded and not translator.isEmpty(),
                "path": str(path),
                "language": translator.language(),
            }
    return {"loaded": False, "path": None, "tried": [str(p) for p in tried]}


def _qt(problems: list[str]) -> dict[str, Any]:
    from clockapp.ui.icon_data import SVG
    from clockapp.ui.qt import QApplication, QIcon, QLibraryInfo, QPixmap, QSvgRenderer

    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    available = {
        kind: sorted(p.name for p in (plugins / kind).iterdir() if p.is_file())
        for kind in ("platforms", "imageformats", "iconengines", "platformthemes", "tls")
        if (plugins / kind).is_dir()
    }
    app = QApplication.instance() or QApplication(["clockapp-selftest"])
    svg = SVG["clock-working"]
    renderer_ok = QSvgRenderer(svg).isValid()
    pixmap = QPixmap()
    imageformat_ok = pixmap.loadFromData(svg, "SVG")  # the imageformats/svg plugin
    with tempfile.TemporaryDirectory(prefix="clockapp-selftest-") as folder:
        icon_file = Path(folder) / "clock.svg"
        icon_file.write_bytes(svg)
        iconengine_ok = not QIcon(str(icon_file)).pixmap(32, 32).isNull()  # iconengines/svg
    for name, ok in [
        ("QtSvg renderer", renderer_ok),
        ("imageformats/svg", imageformat_ok),
        ("iconengines/svg", iconengine_ok),
    ]:
        if not ok:
            problems.append(f"qt: {name} does not work")
    return {
        "version": QLibraryInfo.version().toString(),
        "platform": QApplication.platformName() if app else None,
        "plugins": available,
        "svg_renderer": renderer_ok,
        "svg_imageformat": imageformat_ok,
        "svg_iconengine": iconengine_ok,
    }


def _tz(problems: list[str]) -> dict[str, Any]:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from clockapp.settings import local_zone_name

    berlin = ZoneInfo("Europe/Berlin")
    summer = datetime(2026, 7, 1, 12, tzinfo=berlin).utcoffset()
    tzdata_ok = False
    with contextlib.suppress(ModuleNotFoundError):
        tzdata_ok = (resources.files("tzdata.zoneinfo") / "Europe" / "Berlin").is_file()
    if summer is None or summer.total_seconds() != 7200:
        problems.append(f"tz: Europe/Berlin in July is {summer}, not +02:00")
    if not tzdata_ok:
        problems.append("tz: the tzdata package (zoneinfo where the OS has none) is missing")
    return {
        "berlin_summer_offset": str(summer),
        "tzdata_package": tzdata_ok,
        "local": local_zone_name(),
    }


def _tls(problems: list[str]) -> dict[str, Any]:
    import ssl

    import certifi
    import httpx

    bundle = Path(certifi.where())
    if not bundle.is_file():
        problems.append(f"tls: the CA bundle {bundle} is missing")
    else:
        ssl.create_default_context(cafile=str(bundle))
    return {
        "httpx": httpx.__version__,
        "openssl": ssl.OPENSSL_VERSION,
        "ca_bundle": bundle.is_file(),
    }


CHECKS: dict[str, Check] = {
    "keyring": _keyring,
    "translation": _translation,
    "qt": _qt,
    "tz": _tz,
    "tls": _tls,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run every check, print the JSON report on stdout; 0 if nothing is missing."""
    del argv  # no options yet
    problems: list[str] = []
    report: dict[str, Any] = {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
    }
    for name, check in CHECKS.items():
        try:
            report[name] = check(problems)
        except Exception as exc:  # a check that cannot even run is a finding, not a crash
            report[name] = None
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
    report["problems"] = problems
    report["ok"] = not problems
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
