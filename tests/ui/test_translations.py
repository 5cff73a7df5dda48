"""German is complete and current, and the app speaks it when the system does."""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import clockapp
from clockapp.domain.errors import ClockError, UserError
from clockapp.services.clock import ClockService
from clockapp.ui.edit_dialog import EditDialog
from clockapp.ui.i18n import available_languages, explain, language_for
from clockapp.ui.qt import QCoreApplication, QDialogButtonBox, QLocale, QTime
from clockapp.ui.week_window import WeekWindow
from clockapp.ui.wording import localized_day
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "clockapp_de.ts"
QM = ROOT / "clockapp" / "ui" / "translations" / "clockapp_de.qm"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[a-z_]+(?:![rs])?(?::[^}]*)?\}")


def load_build_script() -> Any:
    spec = importlib.util.spec_from_file_location("i18n_build", ROOT / "resources/i18n/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 - our own file
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_string_has_a_german_translation_that_keeps_its_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 150
    for (context, source), msg in found.items():
        translation = msg.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
        assert ("&" in text) == ("&" in source.replace("&&", "")), source  # keyboard access


def test_the_translation_knows_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = load_build_script().lupdate_inputs(tmp_path)
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS)), "run resources/i18n/build.py"


def test_user_errors_are_raised_with_literal_sentences_the_translators_see() -> None:
    build = load_build_script()
    for info in pkgutil.walk_packages(clockapp.__path__, "clockapp."):
        if info.name != "clockapp.__main__":
            importlib.import_module(info.name)
    assert {c.__name__ for c in all_subclasses(UserError)} | {"UserError"} == build.USER_ERRORS
    calls = build.user_error_calls()
    assert len(calls) > 60
    for path, call in calls:
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        if not call.args or path.parent.name == "ui":  # the UI's own sentences go through tr()
            continue
        text = call.args[0]
        # An f-string, "+" or .format() would hide the sentence from the translators.
        assert not isinstance(text, ast.JoinedStr | ast.BinOp), where
        assert not (isinstance(text, ast.Call) and getattr(text.func, "attr", "") == "format"), (
            where
        )
        if isinstance(text, ast.Constant) and isinstance(text.value, str):
            fields = {
                m.strip("{}").split("!")[0].split(":")[0] for m in PLACEHOLDER.findall(text.value)
            }
            given = {k.arg for k in call.keywords}
            assert fields == given or None in given, where


def all_subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    return found.union(*(all_subclasses(c) for c in found)) if found else found


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "clockapp_de.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run resources/i18n/build.py"


def test_the_language_follows_the_locale() -> None:
    assert available_languages() == ["de"]
    assert language_for(QLocale(QLocale.Language.German, QLocale.Country.Austria)) == "de"
    assert language_for(QLocale(QLocale.Language.English)) is None
    assert language_for(QLocale(QLocale.Language.French)) is None


def test_in_german_the_app_speaks_german(
    german: None, qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    assert QCoreApplication.translate("ClockAction", "Clock &in") == "&Einstempeln"
    assert localized_day(date(2026, 11, 23)).startswith("Mo")  # weekday in German
    assert "23.11." in localized_day(date(2026, 11, 23))  # German date order
    fake_clock.set_local("2026-11-27 18:00")
    ui_service.clock_in(at=fake_clock.now - timedelta(hours=7))  # 7 h, no break
    ui_service.clock_out()
    window = WeekWindow(ui_service)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Woche"
    assert "7:00 gearbeitet ohne ausreichende Pause" in window.violations.text()
    assert window.tree.headerItem().text(1) == "Gearbeitet"
    assert window.title.text().startswith("KW 48:")


def test_in_german_the_clock_cores_refusals_are_german(
    german: None, qtbot: QtBot, ui_service: ClockService, fake_clock: FakeClock
) -> None:
    fake_clock.set_local("2026-11-24 18:00")
    ui_service.clock_in(at=fake_clock.now - timedelta(hours=8))
    session = ui_service.clock_out(at=fake_clock.now - timedelta(hours=1))
    with pytest.raises(ClockError) as refused:
        ui_service.clock_out()
    assert explain(refused.value) == "Sie können nicht ausstempeln: Sie sind nicht eingestempelt."

    dialog = EditDialog(ui_service, session)
    qtbot.addWidget(dialog)
    dialog.end_time.setTime(QTime(19, 30))  # later than now
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.message.text() == "Das Ende 2026-11-24 19:30 liegt in der Zukunft."
    assert ui_service.find(str(session.id)).end == session.end  # nothing changed


def test_a_translation_that_lost_a_field_shows_the_english_sentence(german: None) -> None:
    error = ClockError(
        "{count} sessions have ids starting with {ref}; give more of it.", count=2, ref="7f3a"
    )
    del error.values["ref"]  # as if the German sentence asked for a field the code never gives
    assert explain(error) == "2 sessions have ids starting with 7f3a; give more of it."
