"""Template import: download the empty template, import a filled one in the background with
progress and cancel, show the report in a table, save the report workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.gui import file_dialogs
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.template_import.model import ReportModel, lines_of

if TYPE_CHECKING:
    from rentan_desktop.services.template_import import ImportReport

XLSX_FILTER = "Excel (*.xlsx)"


class TemplateImportPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.report: ImportReport | None = None
        self.job: Job | None = None
        heading = QLabel(self.tr("Impor template Excel"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Petugas desa mengisi template tanpa aplikasi; di sini template yang sudah diisi "
                "diperiksa baris demi baris. Baris yang benar disimpan sebagai draf, yang salah "
                "dilaporkan per kolom. Mengimpor file yang sama dua kali tidak membuat data ganda."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.download_button = QPushButton(self.tr("&Unduh template kosong…"), self)
        self.download_button.setObjectName("downloadTemplate")
        self.choose_button = QPushButton(self.tr("&Pilih file dan impor…"), self)
        self.choose_button.setObjectName("chooseFile")
        self.save_button = QPushButton(self.tr("&Simpan laporan…"), self)
        self.save_button.setObjectName("saveReport")
        self.save_button.setEnabled(False)
        self.download_button.clicked.connect(self._ask_template_path)
        self.choose_button.clicked.connect(self._ask_import_path)
        self.save_button.clicked.connect(self._ask_report_path)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.progress = JobProgress(self)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setWordWrap(True)
        self.model = ReportModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    # -- file dialogs (thin: tests call the methods they lead to) ----------------------------

    def _ask_template_path(self) -> None:
        path = file_dialogs.save_file(
            self,
            self.tr("Simpan template"),
            str(Path.home() / "template-pendaftaran.xlsx"),
            XLSX_FILTER,
        )
        if path:
            self.download_template(Path(path))

    def _ask_import_path(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Pilih template yang sudah diisi"), str(Path.home()), XLSX_FILTER
        )
        if path:
            self.start_import(Path(path))

    def _ask_report_path(self) -> None:
        if self.report is None:
            return
        default = Path(self.report.path).with_name(Path(self.report.path).stem + "-laporan.xlsx")
        path = file_dialogs.save_file(
            self, self.tr("Simpan laporan impor"), str(default), XLSX_FILTER
        )
        if path:
            self.save_report(Path(path))

    # -- actions -------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for button in (self.download_button, self.choose_button):
            button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self.report is not None)

    def download_template(self, path: Path) -> Job:
        """Write the empty template (this office's desa, occupations and funders) to ``path``."""
        from rentan_desktop.services import templates

        ctx = self.gui.ctx
        job = self.gui.jobs.start(
            lambda _c: templates.write_template(ctx, path), title=self.tr("Menulis template…")
        )
        job.succeeded.connect(
            lambda p: self.file_label.setText(self.tr("Template disimpan: {path}").format(path=p))
        )
        return job

    def start_import(self, path: Path) -> Job:
        """Check and save the rows of ``path`` in the background; Batal leaves the data unchanged."""
        # registrants defines messages (e.g. "pekerjaan.unknown") the import's findings use.
        from rentan_desktop.services import registrants, template_import  # noqa: F401

        ctx, user = self.gui.ctx, self.gui.user
        self.report = None
        self.model.set_lines([])
        self.summary.clear()
        self.file_label.setText(self.tr("File: {path}").format(path=path))
        self._busy(True)
        job = self.gui.jobs.start(
            lambda c: template_import.import_template(
                ctx, actor=user, path=path, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Mengimpor {name}…").format(name=path.name),
            on_error=self._failed,
        )
        self.job = job
        self.progress.bind(job)
        job.succeeded.connect(self.show_report)
        job.cancelled.connect(
            lambda: self.summary.setText(self.tr("Impor dibatalkan; tidak ada data yang diubah."))
        )
        job.finished.connect(lambda: self._busy(False))
        return job

    def _failed(self, exc: BaseException) -> None:
        from rentan_desktop.gui.errors import show_error, user_text

        text = user_text(exc)
        if text is not None:
            self.summary.setText(text)
        show_error(self, exc)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.summary.setText(
            self.tr(
                "{rows} baris dibaca: {saved} disimpan, {skipped} sudah ada (dilewati), "
                "{rejected} ditolak, {warned} dengan peringatan."
            ).format(
                rows=angka(len(report.rows)),
                saved=angka(report.saved),
                skipped=angka(report.skipped),
                rejected=angka(report.rejected),
                warned=angka(report.warned),
            )
        )
        self.model.set_lines(lines_of(report, self.gui.lang))
        self.save_button.setEnabled(True)
        if report.saved:
            uuids = tuple(r.uuid for r in report.rows if r.outcome == "DISIMPAN" and r.uuid)
            self.gui.signals.emit_changed("registrant", uuids, "import")
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_report(self, path: Path) -> Job | None:
        """Write the report workbook (rejected and warned rows with their messages)."""
        from rentan_desktop.services import template_import

        report, ctx, user = self.report, self.gui.ctx, self.gui.user
        if report is None:
            return None
        job = self.gui.jobs.start(
            lambda _c: template_import.save_report(ctx, actor=user, report=report, path=path),
            title=self.tr("Menyimpan laporan…"),
        )
        job.succeeded.connect(
            lambda _r: self.file_label.setText(
                self.tr("Laporan disimpan: {path}").format(path=path)
            )
        )
        return job
