"""Languages: Bahasa Indonesia is the source language; English comes from ``rentan_en.qm``.

Source strings in the code are Indonesian, so the Indonesian UI needs no translation file of its
own; ``qt_id.qm`` only translates Qt's built-in buttons (wizard, dialogs, line-edit menu), for which
Qt ships no Indonesian catalogue.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from rentan_desktop import resources

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT = "id"
SETTING_KEY = "language"
_installed: list[QTranslator] = []
_current = DEFAULT


def qm_files(lang: str) -> list[str]:
    """Bundled catalogue files for ``lang``, in install order."""
    return ["i18n/qt_id.qm"] if lang == "id" else ["i18n/rentan_en.qm"]


def install(lang: str) -> str:
    """Load ``lang``'s catalogues into the running application and set domain messages to match.

    Unknown languages fall back to Indonesian. Returns the language installed.
    """
    global _current
    lang = lang if lang in LANGUAGES else DEFAULT
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    for name in qm_files(lang):
        translator = QTranslator(app)
        if translator.load(str(resources.path(name))):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    locale = QLocale(
        QLocale.Language.Indonesian if lang == "id" else QLocale.Language.English,
        QLocale.Country.Indonesia,
    )
    QLocale.setDefault(locale)
    # Domain messages follow. Not yet imported and Indonesian (its default): nothing to set, and
    # the first window does not pay for importing the message catalogue (~6 ms).
    if lang != DEFAULT or "rentan_desktop.domain.issues" in sys.modules:
        from rentan_desktop.domain import issues

        issues.set_language(lang)
    _current = lang
    return lang


def current() -> str:
    return _current


def tr(context: str, text: str) -> str:
    """Translate ``text`` in ``context`` (for code outside a QObject)."""
    return QCoreApplication.translate(context, text)
