"""Step 1's import options: the funder every row is registered under, the occupation for rows
without one, and at a regency or province office the kecamatan when the sheet has no such column."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from rentan_desktop.domain.region_code import KECAMATAN
from rentan_desktop.gui.context import GuiContext


class ImportOptions(QWidget):
    """Three combo boxes; ``values()`` gives the service keyword arguments."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.funder = QComboBox(self)
        self.funder.setObjectName("funderCombo")
        self.job = QComboBox(self)
        self.job.setObjectName("defaultJobCombo")
        self.kecamatan = QComboBox(self)
        self.kecamatan.setObjectName("kecamatanCombo")
        for combo in (self.funder, self.job, self.kecamatan):
            combo.setMinimumWidth(300)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Sumber dana:"), self.funder)
        form.addRow(self.tr("Pekerjaan bila kolomnya kosong:"), self.job)
        office = gui.ctx.office
        self.at_kecamatan = office is not None and office.level == KECAMATAN
        if not self.at_kecamatan:
            form.addRow(self.tr("Kecamatan bila tidak ada kolomnya:"), self.kecamatan)
        else:
            self.kecamatan.hide()
        self.load(gui)

    def load(self, gui: GuiContext) -> None:
        from rentan_desktop.services import lookups, setup

        self.funder.clear()
        for f in setup.list_funders(gui.ctx):
            if f.aktif:
                self.funder.addItem(f"{f.kode} — {f.nama}", f.kode)
        self.job.clear()
        self.job.addItem(self.tr("(tidak ada: baris ditolak)"), None)
        for job in sorted(lookups.pekerjaan_choices(gui.ctx), key=lambda c: c.label):
            self.job.addItem(job.label, job.code)
        self.kecamatan.clear()
        self.kecamatan.addItem(self.tr("(dari kolom kecamatan di berkas)"), None)
        if not self.at_kecamatan:
            for kec in lookups.kecamatan_choices(gui.ctx):
                self.kecamatan.addItem(f"{kec.label} ({kec.code})", kec.code)

    def values(self) -> dict[str, str | None]:
        return {
            "sumber_dana": self.funder.currentData(),
            "pekerjaan": self.job.currentData(),
            "kecamatan_kode": self.kecamatan.currentData() if not self.at_kecamatan else None,
        }
