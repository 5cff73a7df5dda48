"""The Qt binding as ClockApp uses it: a day of timer ticks must not wear anything out."""

from __future__ import annotations

import subprocess
import sys

import pytest

# 100 000 void calls: PySide6 6.12's wheels on Python 3.11 drop a reference to None on each
# and Python aborts with "deallocating None" after about 5 000 (why pyproject pins < 6.12).
MANY_VOID_CALLS = """
import clockapp.ui.qt as qt
app = qt.QApplication(["test"])
label = qt.QLabel()
for n in range(100_000):
    label.setText(str(n % 60))
    label.clear()
print("survived")
"""


def test_a_long_run_of_void_qt_calls_does_not_abort_python() -> None:
    done = subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and done.stdout.strip() == "survived", done.stderr[-500:]


def test_every_name_the_qt_module_offers_resolves_and_no_other() -> None:
    # Names are looked up in PySide6 when first imported (clockapp.ui.qt): a misspelt or
    # misplaced one would otherwise only fail when a window first used it.
    from clockapp.ui import qt

    for name in qt.__all__:
        value = getattr(qt, name)
        assert value is not None or name.startswith("QDBus"), name
    assert qt.Qt.TimerType.PreciseTimer.name == "PreciseTimer"
    with pytest.raises(AttributeError):  # what `from clockapp.ui.qt import ...` reports
        getattr(qt, "QNoSuchThing")  # noqa: B009 - the name a typo would ask for
