"""Navigation entry of the data quality page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.quality.widget import QualityPage

    return QualityPage(gui)


PAGE = PageSpec(
    key="quality",
    title=QT_TRANSLATE_NOOP("pages", "Kualita&s data"),
    factory=_build,
    shortcut="Ctrl+Shift+K",
    perm=Perm.REGISTRANT_VIEW,
    order=66,
)
