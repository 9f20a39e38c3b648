"""First-start wizard (being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

if TYPE_CHECKING:
    from rentan_desktop.gui.app import Application


class SetupWizard(QWizard):
    completed = Signal(object)  # the first admin, logged in

    def __init__(self, app: Application) -> None:
        super().__init__()
        self.app = app
        self.setObjectName("setupWizard")
