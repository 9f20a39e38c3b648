"""Navigation entry of the keying-verification page (operator statistics and double keying)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.keying.widget import KeyingPage

    return KeyingPage(gui)


PAGE = PageSpec(
    key="keying",
    title=QT_TRANSLATE_NOOP("pages", "&Verifikasi entri"),
    factory=_build,
    shortcut="Ctrl+Shift+O",
    perm=Perm.REGISTRANT_CREATE,  # operators see only the second-keying tab
    order=67,
)
