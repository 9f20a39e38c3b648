"""Navigation entry of the conflicts page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.conflicts.widget import ConflictsPage

    return ConflictsPage(gui)


PAGE = PageSpec(
    key="conflicts",
    title=QT_TRANSLATE_NOOP("pages", "Konf&lik data"),
    factory=_build,
    shortcut="Ctrl+8",
    perm=Perm.CONFLICT_DECIDE,
    order=75,
)
