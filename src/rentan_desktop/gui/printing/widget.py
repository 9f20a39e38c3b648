"""Printing page: RT review lists, the card print queue and registration forms, one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.printing.card_queue_tab import CardQueueTab
from rentan_desktop.gui.printing.form_tab import FormTab
from rentan_desktop.gui.printing.rt_list_tab import RtListTab
from rentan_desktop.gui.signals import Changes


class PrintingPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self._stale = True
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("printTabs")
        self.rt_list = RtListTab(gui, self.tabs)
        self.card_queue = CardQueueTab(gui, self.tabs)
        self.form = FormTab(gui, self.tabs)
        self.tabs.addTab(self.rt_list, self.tr("Cetak Daf&tar RT"))
        self.tabs.addTab(self.card_queue, self.tr("Antr&ean kartu"))
        self.tabs.addTab(self.form, self.tr("&Formulir pendaftaran"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Cetak dokumen"), self))
        layout.addWidget(self.tabs, 1)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        if self._stale:
            self._stale = False
            self.rt_list.load()
            self.card_queue.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant":
            self._stale = True
            if self.isVisible():
                self.page_shown()
