"""Settings: users (admins), funders and targets, the server connection (coordinator offices),
general (language, idle lock, own password)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext


class SettingsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from rentan_desktop.gui.settings.funders import FundersTab
        from rentan_desktop.gui.settings.general import GeneralTab
        from rentan_desktop.gui.settings.server import ServerTab
        from rentan_desktop.gui.settings.users import UsersTab

        self.gui = gui
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.general = GeneralTab(gui, self.tabs)
        self.tabs.addTab(self.general, self.tr("&Umum"))
        self.users: UsersTab | None = None
        self.funders: FundersTab | None = None
        self.server: ServerTab | None = None
        if gui.can(Perm.USERS_MANAGE):
            self.users = UsersTab(gui, self.tabs)
            self.tabs.addTab(self.users, self.tr("Pen&gguna"))
        if gui.can(Perm.SETTINGS_MANAGE):
            self.funders = FundersTab(gui, self.tabs)
            self.tabs.addTab(self.funders, self.tr("Sumber &dana dan target"))
            self.server = ServerTab(gui, self.tabs)
            self.tabs.addTab(self.server, self.tr("Koneksi ser&ver"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
