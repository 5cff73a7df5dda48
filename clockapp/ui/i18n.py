"""The user's language: ClockApp's own translations and Qt's (for standard buttons).

The Linguist sources are ``resources/i18n/clockapp_*.ts``; ``resources/i18n/build.py`` compiles
them into ``clockapp/ui/translations/*.qm``, shipped inside the package. The system locale picks
the language; English needs no file.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from clockapp.domain.errors import UserError
from clockapp.ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

# The compiled translations, beside this module (installed and frozen builds alike; a plain
# path, not importlib.resources, which costs the tray's start ~8 ms to import).
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def available_languages() -> list[str]:
    """Languages ClockApp has a translation for (besides English), e.g. ``["de"]``."""
    return sorted(
        entry.stem.removeprefix("clockapp_") for entry in TRANSLATIONS.glob("clockapp_*.qm")
    )


def language_for(locale: QLocale) -> str | None:
    """The first of the locale's UI languages ClockApp speaks; None means English."""
    have = set(available_languages())
    for name in locale.uiLanguages():
        language = name.replace("_", "-").split("-")[0].lower()
        if language == "en":
            return None
        if language in have:
            return language
    return None


def ui_language() -> str:
    """The two-letter code of the language the UI speaks now (``de``, else ``en``)."""
    return language_for(QLocale()) or "en"


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install the translators for ``locale`` (default: the system's). Returns them: they must
    live as long as the app, so the caller keeps the list."""
    locale = locale or QLocale.system()
    language = language_for(locale)
    if language is None:
        return []
    QLocale.setDefault(locale)  # dates and numbers in the same language as the words
    installed = []
    ours = QTranslator(app)
    data = (TRANSLATIONS / f"clockapp_{language}.qm").read_bytes()
    if ours.load(data):
        # Qt reads the translations from this buffer without copying it: keep it alive.
        ours.qm_data = data  # type: ignore[attr-defined]
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("the %s translation could not be loaded", language)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def explain(error: BaseException) -> str:
    """An error's message in the user's language.

    A :class:`UserError`'s English sentence is looked up in the ``UserError`` context (its
    literals are collected by ``resources/i18n/build.py``) and filled with the same values.
    Anything else is a sentence of our own: an OS error's or a bug's text (an errno, a Python
    message) is for the log, never for the user.
    """
    if not isinstance(error, UserError):
        log.warning("shown as a plain sentence: %r", error)
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return QCoreApplication.translate(
                "Errors", "The disk is full; free some space and try again."
            )
        if isinstance(error, PermissionError | IsADirectoryError) or (
            isinstance(error, OSError) and error.errno == errno.EROFS
        ):
            return QCoreApplication.translate("Errors", "ClockApp may not write there.")
        return QCoreApplication.translate(
            "Errors", "Something unexpected went wrong; the details are in ClockApp's log."
        )
    text = QCoreApplication.translate("UserError", error.text)
    if not error.values:
        return text
    try:
        return text.format(**error.values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field
        log.warning("the translation of %r does not fit its values", error.text)
        return str(error)
