"""The Qt binding as ClockApp uses it: a day of timer ticks must not wear anything out."""

from __future__ import annotations

import subprocess
import sys

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
