"""The settings dialog's public-holiday region: none, Germany nationwide or a state by name,
saved like the other settings and locked by the fleet policy like them."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from clockapp.platform.autostart import XdgAutostart
from clockapp.settings import Policy, Settings
from clockapp.ui.qt import QDialogButtonBox
from clockapp.ui.settings_dialog import SettingsDialog


def open_dialog(qtbot: QtBot, settings: Settings, tmp_path: Path) -> SettingsDialog:
    dialog = SettingsDialog(
        settings,
        None,
        autostart=XdgAutostart(
            tmp_path / "xdg", command=["/opt/clockapp/clockapp"], system_dirs=[]
        ),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_region_is_chosen_by_name_and_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    dialog = open_dialog(qtbot, Settings.load(path), tmp_path)
    assert dialog.region.currentData() == "none" and dialog.region.isEnabled()
    names = [dialog.region.itemText(i) for i in range(dialog.region.count())]
    assert "Bayern" in names and "Berlin" in names and len(names) == 2 + 16
    dialog.region.setCurrentIndex(dialog.region.findText("Bayern"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert Settings.load(path).get("holiday_region") == "DE-BY"
    again = open_dialog(qtbot, Settings.load(path), tmp_path)
    assert again.region.currentText() == "Bayern"


def test_a_region_set_elsewhere_is_shown_and_kept(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings.load(path)
    settings.set("holiday_region", "AT")
    settings.save()
    dialog = open_dialog(qtbot, Settings.load(path), tmp_path)
    assert dialog.region.currentText() == "AT"
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert Settings.load(path).get("holiday_region") == "AT"


def test_the_policy_locks_the_region(qtbot: QtBot, tmp_path: Path) -> None:
    policy = Policy({"holiday_region": "DE-BE"}, frozenset({"holiday_region"}))
    path = tmp_path / "settings.json"
    dialog = open_dialog(qtbot, Settings.load(path, policy=policy), tmp_path)
    assert dialog.region.currentText() == "Berlin"
    assert not dialog.region.isEnabled()
    assert dialog.region.toolTip() == "Set by your IT department."
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert Settings.load(path, policy=policy).get("holiday_region") == "DE-BE"
