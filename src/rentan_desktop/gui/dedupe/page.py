"""Navigation entry of the duplicate workbench page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.dedupe.widget import DedupePage

    return DedupePage(gui)


PAGE = PageSpec(
    key="dedupe",
    title=QT_TRANSLATE_NOOP("pages", "Data &ganda"),
    factory=_build,
    shortcut="Ctrl+Shift+G",
    perm=Perm.DUPLICATE_DECIDE,
    order=64,
)
