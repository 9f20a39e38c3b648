"""Navigation entry of the master-data page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.master_data.widget import MasterDataPage

    return MasterDataPage(gui)


PAGE = PageSpec(
    key="master_data",
    # No Alt letter: every letter of the title already opens another page in the Halaman menu.
    title=QT_TRANSLATE_NOOP("pages", "Data induk"),
    factory=_build,
    shortcut="Ctrl+Shift+M",
    perm=Perm.SETTINGS_MANAGE,
    order=86,
)
