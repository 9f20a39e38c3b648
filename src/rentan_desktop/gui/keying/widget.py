"""Verifikasi entri: a supervisor's operator statistics and double-keying samples and decisions;
every operator's tab for keying sampled paper forms again, blind."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.backups.widget import heading_label
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.keying.rekey import RekeyTab


class KeyingPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("keyingTabs")
        self.stats = self.samples = None
        if gui.can(Perm.KEYING_QUALITY):
            from rentan_desktop.gui.keying.samples import SamplesTab
            from rentan_desktop.gui.keying.stats import StatsTab

            self.stats = StatsTab(gui, self)
            self.samples = SamplesTab(gui, self)
            self.tabs.addTab(self.stats, self.tr("Statistik operator"))
            self.tabs.addTab(self.samples, self.tr("Sampel entri ganda"))
        self.rekey = RekeyTab(gui, self)
        self.tabs.addTab(self.rekey, self.tr("Entri ulang (buta)"))
        self.tabs.currentChanged.connect(lambda _i: self.page_shown())
        intro = QLabel(
            self.tr(
                "Mutu pengetikan: berapa data tiap operator per hari, berapa yang tersimpan dengan "
                "peringatan atau dikoreksi kemudian, dan tingkat salah ketik dari entri ganda — "
                "sebagian formulir kertas diketik ulang oleh operator lain tanpa melihat entri "
                "pertama, lalu perbedaannya diputuskan supervisor."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Verifikasi entri"), self))
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)

    def page_shown(self) -> None:
        current = self.tabs.currentWidget()
        shown = getattr(current, "tab_shown", None)
        if shown is not None:
            shown()
