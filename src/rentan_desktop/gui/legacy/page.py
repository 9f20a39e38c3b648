"""Navigation entry of the legacy import page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.legacy.widget import LegacyImportPage

    return LegacyImportPage(gui)


PAGE = PageSpec(
    key="legacy",
    title=QT_TRANSLATE_NOOP("pages", "Impor data la&ma"),
    factory=_build,
    shortcut="Ctrl+Shift+I",
    perm=Perm.REGISTRANT_VIEW,
    order=62,
)
