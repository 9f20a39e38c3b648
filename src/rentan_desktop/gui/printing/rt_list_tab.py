"""Cetak Daftar RT: choose desa, RT (with how many people each has), paper; the PDF is written
in the background with progress and cancel, then opened or copied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.printing.paper import PaperChoice
from rentan_desktop.gui.printing.pdf_result import PdfResult

if TYPE_CHECKING:
    from rentan_desktop.services.lookups import RtChoice
    from rentan_desktop.services.rt_lists import RtListPrinted


class RtListTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.job: Job | None = None
        self.printed: RtListPrinted | None = None
        self.desa = QComboBox(self)
        self.desa.setObjectName("desaCombo")
        self.desa.setEditable(True)  # type to find among a few hundred desa
        self.desa.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.desa.setMinimumWidth(360)
        self.rt = QComboBox(self)
        self.rt.setObjectName("rtCombo")
        self.rt.setEditable(True)
        self.rt.setMinimumWidth(200)
        self.rw = QLineEdit(self)
        self.rw.setMaximumWidth(80)
        self.rw.setPlaceholderText(self.tr("semua"))
        self.paper = PaperChoice(self)
        self.print_button = QPushButton(self.tr("Buat &PDF daftar RT"), self)
        self.print_button.setObjectName("printRtList")
        self.print_button.clicked.connect(self.start_print)
        self.progress = JobProgress(self)
        self.result = PdfResult(self, "rtListResult")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Desa/kelurahan:"), self.desa)
        form.addRow(self.tr("&RT:"), self.rt)
        form.addRow(self.tr("R&W (bila nomor RT berulang):"), self.rw)
        form.addRow(self.tr("&Kertas:"), self.paper)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Satu daftar per RT untuk diperiksa Ketua RT: NIK disamarkan, ada kotak centang per "
                    "orang, kode daftar dan QR di setiap halaman. Setelah kembali, isi hasilnya di "
                    "halaman Hasil daftar RT."
                ),
                self,
            )
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.desa.currentIndexChanged.connect(self._desa_changed)
        self._loaded = False
        self._rt_for: str | None = None
        self.rt_job: Job | None = None

    def load(self) -> None:
        """Fill the desa list (this office's area) once."""
        from rentan_desktop.services.lookups import desa_choices

        if self._loaded:
            self._desa_changed()
            return
        self._loaded = True
        self.desa.blockSignals(True)
        for choice in desa_choices(self.gui.ctx):
            self.desa.addItem(choice.label, choice.code)
        self.desa.blockSignals(False)
        self._desa_changed()

    def select_desa(self, kode: str) -> None:
        self.desa.setCurrentIndex(self.desa.findData(kode))

    def _desa_changed(self) -> None:
        """Fill the RT list of the chosen desa in the background: counting a desa's 15,000
        people per RT took a second on the GUI thread at 150,000 records."""
        from rentan_desktop.services.lookups import rts_of_desa

        kode = self.desa.currentData()
        self.rt.clear()
        self._rt_for = kode
        if not kode:
            return
        ctx = self.gui.ctx
        self.rt_job = self.gui.jobs.start(
            lambda _c: rts_of_desa(ctx, kode),
            on_success=lambda choices, k=kode: self._fill_rts(k, choices),
        )

    def _fill_rts(self, kode: str, choices: list[RtChoice]) -> None:
        if kode != self._rt_for:  # the clerk chose another desa meanwhile
            return
        typed = self.rt.currentText()
        for choice in choices:
            self.rt.addItem(
                self.tr("RT {rt} — {n} orang").format(rt=choice.rt, n=choice.people), choice.rt
            )
        if typed and self.rt.isEditable():
            self.rt.setEditText(typed)

    def _rt_value(self) -> str:
        data = self.rt.currentData()
        if data and self.rt.currentText() == self.rt.itemText(self.rt.currentIndex()):
            return str(data)
        return self.rt.currentText().strip()

    def start_print(self) -> Job | None:
        from rentan_desktop.services import rt_lists

        desa, rt, rw = self.desa.currentData(), self._rt_value(), self.rw.text().strip()
        if not desa or not rt:
            self.result.message(self.tr("Pilih desa dan RT lebih dulu."), "warn")
            return None
        ctx, user, paper = self.gui.ctx, self.gui.user, self.paper.value()
        job = self.gui.jobs.start(
            lambda c: rt_lists.print_rt_list(
                ctx,
                actor=user,
                desa_kode=desa,
                rt=rt,
                rw=rw,
                paper=paper,
                progress=c.progress,
                cancelled=c.cancelled,
            ),
            title=self.tr("Membuat daftar RT {rt}…").format(rt=rt),
            on_success=self._printed,
            on_error=self.result.failed,
            on_cancel=self._cancelled,
        )
        self.job = job
        self.progress.bind(job)
        self.print_button.setEnabled(False)
        job.finished.connect(self._print_finished)
        return job

    def _print_finished(self) -> None:
        self.print_button.setEnabled(True)

    def _cancelled(self) -> None:
        self.result.message(self.tr("Pencetakan dibatalkan; tidak ada yang berubah."), "warn")

    def _printed(self, printed: RtListPrinted) -> None:
        self.printed = printed
        self.result.written(
            printed.path,
            self.tr(
                "Daftar RT dengan kode {code}: {rows} orang, {pages} halaman.\nDisimpan di {path}"
            ).format(code=printed.code, rows=printed.rows, pages=printed.pages, path=printed.path),
        )
