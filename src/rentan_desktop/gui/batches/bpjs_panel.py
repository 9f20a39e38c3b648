"""Onward to BPJS Ketenagakerjaan: write the collective registration workbook for the accepted
records without a KPJ (column layout from the editable mapping file), and import BPJS's result
file (KPJ and coverage per NIK) to mark people registered."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress

if TYPE_CHECKING:
    from rentan_desktop.services.bpjs import BpjsExport, BpjsImport

XLSX_FILTER = "Excel (*.xlsx)"


class BpjsPanel(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.job: Job | None = None
        self.exported: BpjsExport | None = None
        self.imported: BpjsImport | None = None
        out_box = QGroupBox(self.tr("1. Workbook pendaftaran kolektif untuk BPJS"), self)
        from rentan_desktop.services.context import today_wita

        today = today_wita()  # the office's day (WITA), whatever zone the machine's clock is in
        self.start_date = QDateEdit(QDate(today.year, today.month, today.day), out_box)
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("dd-MM-yyyy")
        self.export_button = QPushButton(self.tr("Tulis &workbook BPJS…"), out_box)
        self.export_button.setObjectName("bpjsExport")
        self.export_button.clicked.connect(self._ask_export)
        form = QFormLayout(out_box)
        form.addRow(
            page_widgets.note(
                self.tr(
                    "Berisi data berstatus Diterima yang belum punya KPJ. Susunan kolom diambil dari "
                    "berkas pemetaan bpjs_mapping.json (bisa diubah tanpa mengubah program)."
                ),
                out_box,
            )
        )
        form.addRow(self.tr("Tanggal &mulai kepesertaan:"), self.start_date)
        form.addRow(self.export_button)
        in_box = QGroupBox(self.tr("2. Hasil dari BPJS (KPJ dan masa kepesertaan)"), self)
        self.import_button = QPushButton(self.tr("&Impor berkas hasil BPJS…"), in_box)
        self.import_button.setObjectName("bpjsImport")
        self.import_button.clicked.connect(self._ask_import)
        in_layout = QVBoxLayout(in_box)
        in_layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Orang dicocokkan per NIK lalu berstatus Terdaftar BPJS. Berkas dengan baris yang "
                    "salah tidak diimpor sama sekali."
                ),
                in_box,
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        in_layout.addLayout(row)
        self.progress = JobProgress(self)
        self.result_label = page_widgets.result_box(self, "bpjsResult")
        layout = QVBoxLayout(self)
        layout.addWidget(out_box)
        layout.addWidget(in_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addStretch(1)

    def _ask_export(self) -> None:
        name = f"BPJS-kolektif-{date.today().isoformat()}.xlsx"
        path = file_dialogs.save_file(
            self, self.tr("Simpan workbook BPJS"), str(Path.home() / name), XLSX_FILTER
        )
        if path:
            self.start_export(Path(path))

    def start_export(self, path: Path) -> Job:
        from rentan_desktop.services import bpjs

        ctx, user = self.gui.ctx, self.gui.user
        start = self.start_date.date().toPython()
        job = self.gui.jobs.start(
            lambda c: bpjs.export_collective(
                ctx,
                actor=user,
                out=path,
                start=start,  # type: ignore[arg-type]
                progress=c.progress,
                cancelled=c.cancelled,
            ),
            title=self.tr("Menulis workbook BPJS…"),
            on_success=self._exported,
            on_error=self._failed,
        )
        self._bind(job)
        return job

    def _exported(self, result: BpjsExport) -> None:
        self.exported = result
        page_widgets.show_result(
            self.result_label,
            self.tr("Workbook BPJS berisi {n} orang disimpan: {path}").format(
                n=angka(result.rows), path=result.path
            ),
            "ok",
        )

    def _ask_import(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Pilih berkas hasil BPJS"), str(Path.home()), XLSX_FILTER
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> Job:
        from rentan_desktop.services import bpjs

        ctx, user = self.gui.ctx, self.gui.user
        job = self.gui.jobs.start(
            lambda _c: bpjs.import_result(ctx, actor=user, path=path),
            title=self.tr("Mengimpor hasil BPJS…"),
            on_success=self._imported,
            on_error=self._failed,
        )
        self._bind(job)
        return job

    def _imported(self, result: BpjsImport) -> None:
        self.imported = result
        text = self.tr(
            "{n} orang sekarang Terdaftar BPJS; {already} sudah terdaftar sebelumnya."
        ).format(n=angka(result.registered), already=angka(result.already))
        if result.unknown:
            text += " " + self.tr("NIK tidak dikenal di sini: {niks}.").format(
                niks=", ".join(result.unknown[:10])
            )
        if result.not_ready:
            text += " " + self.tr("Belum berstatus Diterima: {niks}.").format(
                niks=", ".join(result.not_ready[:10])
            )
        page_widgets.show_result(
            self.result_label, text, "warn" if result.unknown or result.not_ready else "ok"
        )
        if result.registered:
            self.gui.signals.emit_changed("registrant", (), "bpjs")

    def _failed(self, exc: BaseException) -> None:
        message = page_widgets.error_text(exc)
        if message is None:
            from rentan_desktop.gui.errors import show_error

            show_error(self, exc)
            return
        page_widgets.show_result(self.result_label, message, "bad")

    def _bind(self, job: Job) -> None:
        self.job = job
        self.progress.bind(job)
        for button in (self.export_button, self.import_button):
            button.setEnabled(False)
        job.finished.connect(self._idle)

    def _idle(self) -> None:
        for button in (self.export_button, self.import_button):
            button.setEnabled(True)
