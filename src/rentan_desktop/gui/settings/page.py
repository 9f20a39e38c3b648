"""Navigation entry of the settings page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.settings.widget import SettingsPage

    return SettingsPage(gui)


PAGE = PageSpec(
    key="settings",
    title=QT_TRANSLATE_NOOP("pages", "&Pengaturan"),
    factory=_build,
    shortcut="Ctrl+,",
    order=90,
)
