"""Printing page: RT review lists, the card print queue and registration forms, one tab each."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.printing.card_queue_tab import CardQueueTab
from rentan_desktop.gui.printing.form_tab import FormTab
from rentan_desktop.gui.printing.rt_list_tab import RtListTab
from rentan_desktop.gui.signals import Changes


class PrintingPage(QWidget):
    load_after_paint = True  # first shown: painted before its data is read (MainWindow)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self._stale = True
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("printTabs")
        self.rt_list = RtListTab(gui, self.tabs)
        # The two other tabs are built in turns of their own (or when first asked for): all
        # three at once, with the page's first paint, froze the window 100-190 ms on a busy PC.
        self._queue_holder, self._form_holder = QWidget(self.tabs), QWidget(self.tabs)
        self._card_queue: CardQueueTab | None = None
        self._form: FormTab | None = None
        self.tabs.addTab(self.rt_list, self.tr("Cetak Daf&tar RT"))
        self.tabs.addTab(self._queue_holder, self.tr("Antr&ean kartu"))
        self.tabs.addTab(self._form_holder, self.tr("&Formulir pendaftaran"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Cetak dokumen"), self))
        layout.addWidget(self.tabs, 1)
        gui.signals.data_changed.connect(self._on_changed)
        self.tabs.currentChanged.connect(self._tab_chosen)
        QTimer.singleShot(25, self, lambda: self.card_queue)
        QTimer.singleShot(60, self, lambda: self.form)

    @property
    def card_queue(self) -> CardQueueTab:
        if self._card_queue is None:
            self._card_queue = CardQueueTab(self.gui, self._queue_holder)
            _fill(self._queue_holder, self._card_queue)
            if not self._stale:  # the page has read its data already: the queue reads its own
                self._card_queue.reload()
        return self._card_queue

    @property
    def form(self) -> FormTab:
        if self._form is None:
            self._form = FormTab(self.gui, self._form_holder)
            _fill(self._form_holder, self._form)
        return self._form

    def _tab_chosen(self, index: int) -> None:
        if self.tabs.widget(index) is self._queue_holder:
            self.card_queue  # noqa: B018 - built on first use
        elif self.tabs.widget(index) is self._form_holder:
            self.form  # noqa: B018

    def page_shown(self) -> None:
        if self._stale:
            self._stale = False
            self.rt_list.load()
            if self._card_queue is not None:
                self._card_queue.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant":
            self._stale = True
            if self.isVisible():
                self.page_shown()


def _fill(holder: QWidget, tab: QWidget) -> None:
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tab)
