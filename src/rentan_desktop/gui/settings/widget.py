"""Pengaturan page (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rentan_desktop.gui.context import GuiContext


class SettingsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pengaturan"), self))
