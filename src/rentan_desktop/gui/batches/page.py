"""Navigation entry of the batches page (export to USB, import at the coordinator)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.batches.widget import BatchesPage

    return BatchesPage(gui)


PAGE = PageSpec(
    key="batches",
    title=QT_TRANSLATE_NOOP("pages", "&Kirim/terima batch"),
    factory=_build,
    shortcut="Ctrl+6",
    perm=Perm.BATCH_EXPORT,
    order=70,
)
