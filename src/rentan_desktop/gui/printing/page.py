"""Navigation entry of the printing page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.printing.widget import PrintingPage

    return PrintingPage(gui)


PAGE = PageSpec(
    key="printing",
    title=QT_TRANSLATE_NOOP("pages", "&Cetak"),
    factory=_build,
    shortcut="Ctrl+5",
    perm=Perm.PRINT,
    order=40,
)
