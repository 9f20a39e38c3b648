"""Navigation entry of the backup and restore page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.backups.widget import BackupsPage

    return BackupsPage(gui)


PAGE = PageSpec(
    key="backups",
    title=QT_TRANSLATE_NOOP("pages", "Cada&ngan data"),
    factory=_build,
    shortcut="Ctrl+Shift+B",
    perm=Perm.BACKUP,
    order=88,
)
