"""The one module through which ClockApp imports Qt.

Everything else in ``clockapp.ui`` imports from here, so a change of binding, a version
workaround or a missing module is handled in one place, and ``grep PySide6`` finds one file.

Names are looked up when first imported, not all at once: PySide6 builds each class the first
time its name is asked for (~0.5-1 ms each), so importing the hundred names below up front cost
the tray 50-90 ms of its start for the few it shows. Type checkers read the imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import (
        QT_TRANSLATE_NOOP,
        QBasicTimer,
        QByteArray,
        QCoreApplication,
        QDate,
        QDateTime,
        QEvent,
        QFileSystemWatcher,
        QLibraryInfo,
        QLocale,
        QLockFile,
        QMarginsF,
        QObject,
        QPoint,
        QRect,
        QRectF,
        QSize,
        QSocketNotifier,
        QStandardPaths,
        Qt,
        QTime,
        QTimer,
        QTimerEvent,
        QTimeZone,
        QTranslator,
        Signal,
        Slot,
    )
    from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher
    from PySide6.QtGui import (
        QAction,
        QCloseEvent,
        QColor,
        QCursor,
        QFont,
        QGuiApplication,
        QHideEvent,
        QIcon,
        QKeyEvent,
        QKeySequence,
        QPageLayout,
        QPageSize,
        QPainter,
        QPalette,
        QPdfWriter,
        QPixmap,
        QPixmapCache,
        QScreen,
        QShowEvent,
        QTextDocument,
        QValidator,
    )
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractScrollArea,
        QApplication,
        QCheckBox,
        QComboBox,
        QDateEdit,
        QDateTimeEdit,
        QDialog,
        QDialogButtonBox,
        QFileDialog,
        QFormLayout,
        QFrame,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLayout,
        QLineEdit,
        QMenu,
        QMessageBox,
        QProgressBar,
        QProxyStyle,
        QPushButton,
        QScrollArea,
        QSizePolicy,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QStyle,
        QStyleFactory,
        QStyleOption,
        QStyleOptionComboBox,
        QStyleOptionComplex,
        QSystemTrayIcon,
        QTimeEdit,
        QToolButton,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
        QWidget,
    )

# Where a name lives when not in QtCore, QtGui or QtWidgets (which the tray loads anyway).
_ELSEWHERE = {
    "QLocalServer": "QtNetwork",
    "QLocalSocket": "QtNetwork",
    "QSvgRenderer": "QtSvg",
    "QDBusConnection": "QtDBus",
    "QDBusServiceWatcher": "QtDBus",
}


class _QtNamespace:
    """``Qt``, the namespace of Qt's enums, looked up on first use of one of them: PySide6
    builds all of its ~160 enums the first time the name is touched (~30 ms), and every module
    imports it while the tray's start needs none of them."""

    def __getattr__(self, name: str) -> Any:
        from PySide6.QtCore import Qt

        value = getattr(Qt, name)
        setattr(self, name, value)  # found once: the next use doesn't come back here
        return value


def __getattr__(name: str) -> Any:
    """Look ``name`` up in PySide6 the first time it is imported from here."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name == "Qt":
        globals()[name] = _QtNamespace()
        return globals()[name]
    if name in _ELSEWHERE:
        try:
            modules = [importlib.import_module(f"PySide6.{_ELSEWHERE[name]}")]
        except ImportError:  # QtDBus is not in every build: the tray then polls for hosts
            if _ELSEWHERE[name] != "QtDBus":
                raise
            modules = []
    else:
        modules = [
            importlib.import_module(f"PySide6.{m}") for m in ("QtCore", "QtGui", "QtWidgets")
        ]
    value = next((getattr(m, name) for m in modules if hasattr(m, name)), None)
    if value is None and not name.startswith("QDBus"):
        raise AttributeError(f"PySide6 has no {name!r}")
    globals()[name] = value  # found once: the next import of it doesn't come back here
    return value


__all__ = [
    "QT_TRANSLATE_NOOP",
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractScrollArea",
    "QAction",
    "QApplication",
    "QBasicTimer",
    "QByteArray",
    "QCheckBox",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QCursor",
    "QDBusConnection",
    "QDBusServiceWatcher",
    "QDate",
    "QDateEdit",
    "QDateTime",
    "QDateTimeEdit",
    "QDialog",
    "QDialogButtonBox",
    "QEvent",
    "QFileDialog",
    "QFileSystemWatcher",
    "QFont",
    "QFormLayout",
    "QFrame",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QHideEvent",
    "QIcon",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLayout",
    "QLibraryInfo",
    "QLineEdit",
    "QLocalServer",
    "QLocalSocket",
    "QLocale",
    "QLockFile",
    "QMarginsF",
    "QMenu",
    "QMessageBox",
    "QObject",
    "QPageLayout",
    "QPageSize",
    "QPainter",
    "QPalette",
    "QPdfWriter",
    "QPixmap",
    "QPixmapCache",
    "QPoint",
    "QProgressBar",
    "QProxyStyle",
    "QPushButton",
    "QRect",
    "QRectF",
    "QScreen",
    "QScrollArea",
    "QShowEvent",
    "QSize",
    "QSizePolicy",
    "QSocketNotifier",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStandardPaths",
    "QStyle",
    "QStyleFactory",
    "QStyleOption",
    "QStyleOptionComboBox",
    "QStyleOptionComplex",
    "QSvgRenderer",
    "QSystemTrayIcon",
    "QTextDocument",
    "QTime",
    "QTimeEdit",
    "QTimeZone",
    "QTimer",
    "QTimerEvent",
    "QToolButton",
    "QTranslator",
    "QTreeWidget",
    "QTreeWidgetItem",
    "QVBoxLayout",
    "QValidator",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
