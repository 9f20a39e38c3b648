"""Navigation entry of the keys page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.keys.widget import KeysPage

    return KeysPage(gui)


PAGE = PageSpec(
    key="keys",
    title=QT_TRANSLATE_NOOP("pages", "K&unci tanda tangan"),
    factory=_build,
    shortcut="Ctrl+9",
    order=85,
)
