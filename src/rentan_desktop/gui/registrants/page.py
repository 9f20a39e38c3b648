"""Navigation entry of the registrant list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.registrants.widget import RegistrantList

    return RegistrantList(gui)


PAGE = PageSpec(
    key="registrants",
    title=QT_TRANSLATE_NOOP("pages", "&Daftar pendaftar"),
    factory=_build,
    shortcut="Ctrl+3",
    perm=Perm.REGISTRANT_VIEW,
    order=20,
)
