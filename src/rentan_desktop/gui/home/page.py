"""Navigation entry of the home screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.home.widget import HomePage

    return HomePage(gui)


PAGE = PageSpec(
    key="home",
    title=QT_TRANSLATE_NOOP("pages", "&Beranda"),
    factory=_build,
    shortcut="Ctrl+1",
    order=0,
)
