"""Batches page: send a signed batch to a USB stick, and (for coordinators) receive batches."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.batches.bpjs_panel import BpjsPanel
from rentan_desktop.gui.batches.export_panel import ExportPanel
from rentan_desktop.gui.batches.import_panel import ImportPanel
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.signals import Changes


class BatchesPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self._stale = True
        intro = page_widgets.note(
            self.tr(
                "Data berpindah antarkantor tanpa internet: batch ditandatangani kunci kantor, "
                "ditulis ke flashdisk, dibaca ulang untuk memastikan utuh, lalu diimpor kantor "
                "penerima setelah tanda tangannya diperiksa. Batch yang sama tidak pernah "
                "diimpor dua kali."
            ),
            self,
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("batchTabs")
        self.export = ExportPanel(gui, self.tabs) if gui.can(Perm.BATCH_EXPORT) else None
        self.importer = ImportPanel(gui, self.tabs) if gui.can(Perm.BATCH_IMPORT) else None
        if self.export is not None:
            self.tabs.addTab(self.export, self.tr("&Kirim batch"))
        if self.importer is not None:
            self.tabs.addTab(self.importer, self.tr("&Terima batch"))
        self.bpjs = BpjsPanel(gui, self.tabs) if gui.can(Perm.BPJS_EXCHANGE) else None
        if self.bpjs is not None:
            self.tabs.addTab(self.bpjs, self.tr("BPJS K&etenagakerjaan"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Kirim dan terima batch"), self))
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        # Recount on every visit, not only after this window's own changes: RT results keyed
        # with `rentan rt-results` (or any other process) make records ready too, and the send
        # button stays disabled until the count says so. One indexed COUNT, off the GUI thread.
        if self.export is not None and not self.export.busy():
            self._stale = False
            self.export.refresh_ready()
            self.export.scan_drives()  # a stick plugged in since the last visit

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant" and changes.action != "batch.export":
            self._stale = True
            if self.isVisible():
                self.page_shown()
