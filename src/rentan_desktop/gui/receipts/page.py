"""Navigation entry of the receipts page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.receipts.widget import ReceiptsPage

    return ReceiptsPage(gui)


PAGE = PageSpec(
    key="receipts",
    title=QT_TRANSLATE_NOOP("pages", "Tanda &terima"),
    factory=_build,
    shortcut="Ctrl+7",
    perm=Perm.RECEIPT_IMPORT,
    order=72,
)
