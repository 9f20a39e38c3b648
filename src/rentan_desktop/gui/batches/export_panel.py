"""Export wizard: what will be sent, where to (a USB stick or a chosen folder), then write, read
back and verify in the background with progress and cancel, and say when the stick may be pulled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.domain.region_code import DESA, RegionCode
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.batches import drives
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.keys.unlock import ensure_unlocked

if TYPE_CHECKING:
    from rentan_desktop.services.batches import DesaReady, ExportResult, ReadyCount
    from rentan_desktop.services.printing import PrintedFile


def default_recipient(kode: str) -> str:
    """The office one level up: kecamatan 640801 -> kabupaten 6408 -> provinsi 64."""
    code = RegionCode.try_parse(kode)
    if code is None or code.level == DESA or code.parent is None:
        return ""
    return code.parent.digits


class ExportPanel(QWidget):
    """Three numbered steps on one screen; nothing is marked sent until the read-back matched."""

    auto_open = True  # open printed PDFs in the system viewer (tests turn this off)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.ready: ReadyCount | None = None
        self.result: ExportResult | None = None
        self.handover_path: Path | None = None
        self.job: Job | None = None
        office = gui.ctx.office
        step1 = QGroupBox(self.tr("1. Data yang akan dikirim"), self)
        self.ready_label = QLabel(self.tr("Menghitung…"), step1)
        self.ready_label.setObjectName("readyLabel")
        self.ready_label.setWordWrap(True)
        self.desa_table = QTableWidget(0, 3, step1)
        self.desa_table.setObjectName("readyPerDesa")
        self.desa_table.setHorizontalHeaderLabels(
            [self.tr("Desa/kelurahan"), self.tr("Baru"), self.tr("Perbaikan")]
        )
        self.desa_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.desa_table.verticalHeader().hide()
        self.desa_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.desa_table.setMaximumHeight(140)
        self.desa_table.hide()
        step1_layout = QVBoxLayout(step1)
        step1_layout.addWidget(self.ready_label)
        step1_layout.addWidget(self.desa_table)

        step2 = QGroupBox(self.tr("2. Tujuan: flashdisk atau folder"), self)
        self.drive_combo = QComboBox(step2)
        self.drive_combo.setObjectName("driveCombo")
        self.drive_combo.setMinimumWidth(320)
        self.rescan_button = QPushButton(self.tr("Cari &flashdisk lagi"), step2)
        self.folder_button = QPushButton(self.tr("Pilih f&older…"), step2)
        self.rescan_button.clicked.connect(self.scan_drives)
        self.folder_button.clicked.connect(self._ask_folder)
        row = QHBoxLayout()
        row.addWidget(self.drive_combo, 1)
        row.addWidget(self.rescan_button)
        row.addWidget(self.folder_button)
        self.recipient = QLineEdit(default_recipient(office.kode if office else ""), step2)
        self.recipient.setObjectName("recipientEdit")
        self.recipient.setMaximumWidth(160)
        self.recipient.setToolTip(
            self.tr(
                "Kode kantor penerima. Batch dienkripsi untuk kunci kantor ini, sehingga hanya "
                "kantor itu yang dapat membukanya; kosongkan untuk kantor tepercaya satu tingkat "
                "di atas."
            )
        )
        form = QFormLayout(step2)
        target_label = QLabel(self.tr("&Simpan ke:"), step2)
        target_label.setBuddy(self.drive_combo)  # a layout row has no buddy of its own
        form.addRow(target_label, row)
        form.addRow(self.tr("Kode kantor &penerima:"), self.recipient)

        step3 = QGroupBox(self.tr("3. Tulis, baca ulang dan periksa"), self)
        self.export_button = QPushButton(self.tr("Kirim batch ke t&ujuan"), step3)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.handover_button = QPushButton(self.tr("Cetak be&rita acara serah terima…"), step3)
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setEnabled(False)
        self.handover_button.clicked.connect(self.print_handover)
        self.progress = JobProgress(step3)
        self.result_label = page_widgets.result_box(step3, "exportResult")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.handover_button)
        buttons.addStretch(1)
        box = QVBoxLayout(step3)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.result_label)

        layout = QVBoxLayout(self)
        layout.addWidget(step1)
        layout.addWidget(step2)
        layout.addWidget(step3)
        layout.addStretch(1)
        self.scan_drives()

    # -- step 1 --------------------------------------------------------------------------------

    def refresh_ready(self) -> Job:
        """Count the records ready to send (RT-verified, plus corrections of sent records)."""
        from rentan_desktop.services import batches

        ctx, user = self.gui.ctx, self.gui.user
        job = self.gui.jobs.start(
            lambda _c: (
                batches.ready_count(ctx, actor=user),
                batches.ready_by_desa(ctx, actor=user),
            ),
            on_success=self._show_ready_pair,  # a bound method: dropped if the page is gone
        )
        return job

    def _show_ready_pair(self, both: tuple[ReadyCount, list[DesaReady]]) -> None:
        self._show_ready(*both)

    def _show_ready(self, ready: ReadyCount, per_desa: list[DesaReady] | None = None) -> None:
        self.ready = ready
        per_desa = per_desa or []
        self.desa_table.setRowCount(len(per_desa))
        for row, desa in enumerate(per_desa):
            values = (desa.nama, angka(desa.new), angka(desa.corrections))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.desa_table.setItem(row, col, item)
        self.desa_table.setVisible(bool(per_desa))
        if ready.total == 0:
            self.ready_label.setText(
                self.tr(
                    "Belum ada data yang siap dikirim. Data dikirim setelah diverifikasi "
                    "Ketua RT (status Terverifikasi)."
                )
            )
        else:
            self.ready_label.setText(
                self.tr(
                    "{total} data siap dikirim: {new} data baru dan {fixes} perbaikan data "
                    "yang sudah pernah dikirim."
                ).format(
                    total=angka(ready.total), new=angka(ready.new), fixes=angka(ready.corrections)
                )
            )
        self._update_buttons()

    # -- step 2 --------------------------------------------------------------------------------

    def scan_drives(self) -> None:
        """List the removable drives; keep a folder the user chose earlier."""
        chosen = self.target()
        self.drive_combo.clear()
        for drive in drives.removable_drives():
            free = ""
            if drive.free_bytes >= 0:
                free = self.tr(" — sisa {mb} MB").format(mb=angka(drive.free_bytes // 1_000_000))
            self.drive_combo.addItem(f"{drive.label}  ({drive.path}){free}", str(drive.path))
        if chosen is not None and self.drive_combo.findData(str(chosen)) < 0:
            self.set_folder(chosen)
        if self.drive_combo.count() == 0:
            self.drive_combo.setPlaceholderText(
                self.tr("Tidak ada flashdisk terdeteksi; pasang flashdisk atau pilih folder.")
            )
        self._update_buttons()

    def _ask_folder(self) -> None:
        folder = file_dialogs.existing_folder(
            self, self.tr("Pilih folder tujuan"), str(Path.home())
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Use ``folder`` as the target (the fallback when no stick is detected)."""
        index = self.drive_combo.findData(str(folder))
        if index < 0:
            self.drive_combo.addItem(self.tr("Folder: {path}").format(path=folder), str(folder))
            index = self.drive_combo.count() - 1
        self.drive_combo.setCurrentIndex(index)
        self._update_buttons()

    def target(self) -> Path | None:
        data = self.drive_combo.currentData()
        return Path(data) if data else None

    def busy(self) -> bool:
        """Whether a batch is being written now (the target and counts must not change)."""
        return self.job is not None and self.job.running

    def _update_buttons(self) -> None:
        busy = self.busy()
        ready = self.ready is not None and self.ready.total > 0
        self.export_button.setEnabled(not busy and ready and self.target() is not None)
        for widget in (self.rescan_button, self.folder_button, self.drive_combo, self.recipient):
            widget.setEnabled(not busy)

    # -- step 3 --------------------------------------------------------------------------------

    def start_export(self) -> Job | None:
        """Write the batch in the background; Batal leaves every record as it was."""
        from rentan_desktop.services import batches

        folder = self.target()
        if folder is None:
            return None
        if not ensure_unlocked(self, self.gui):  # the batch is signed with the office key
            return None
        ctx, user, recipient = self.gui.ctx, self.gui.user, self.recipient.text().strip()
        self.result = None
        self.result_label.hide()
        self.handover_button.setEnabled(False)
        job = self.gui.jobs.start(
            lambda c: batches.export_batch(
                ctx,
                actor=user,
                folder=folder,
                recipient=recipient,
                progress=c.progress,
                cancelled=c.cancelled,
            ),
            title=self.tr("Menulis batch ke {path}…").format(path=folder),
            on_success=self._exported,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )
        self.job = job
        self.progress.bind(job)
        job.finished.connect(self._finished)
        self._update_buttons()
        return job

    def _cancelled(self) -> None:
        page_widgets.show_result(
            self.result_label,
            self.tr("Pengiriman dibatalkan; tidak ada data yang ditandai terkirim."),
            "warn",
        )

    def _finished(self) -> None:
        self._update_buttons()
        self.refresh_ready()

    def _failed(self, exc: BaseException) -> None:
        if getattr(exc, "code", "") == "batch.cancelled":  # the service's own cancel refusal
            self._cancelled()
            return
        text = page_widgets.error_text(exc)
        if text is None:
            from rentan_desktop.gui.errors import show_error

            show_error(self, exc)
            return
        page_widgets.show_result(
            self.result_label,
            self.tr("Batch tidak terkirim: {reason} Tidak ada data yang ditandai terkirim.").format(
                reason=text
            ),
            "bad",
        )

    def _exported(self, result: ExportResult) -> None:
        self.result = result
        names = "\n".join(f"  • {p.name}" for p in result.files)
        page_widgets.show_result(
            self.result_label,
            self.tr(
                "Batch nomor {seq} berisi {rows} data ({new} baru, {fixes} perbaikan) ditulis ke "
                "{folder}:\n{names}\nBerkas sudah dibaca ulang dari tujuan dan cocok dengan tanda "
                "tangan. Data ditandai terkirim.\nSidik jari kunci: {fp}\n\nAMAN UNTUK DICABUT."
            ).format(
                seq=result.seq,
                rows=angka(result.row_count),
                new=angka(result.new),
                fixes=angka(result.corrections),
                folder=result.xlsx.parent,
                names=names,
                fp=result.fingerprint,
            ),
            "ok",
        )
        self.handover_button.setEnabled(True)
        self.gui.signals.emit_changed("registrant", (), "batch.export")
        self.gui.signals.emit_changed("batch", (result.batch_id,), "export")

    def print_handover(self) -> Job | None:
        """Berita Acara Serah Terima for the batch just written (PDF, then open it)."""
        from rentan_desktop.services import handover_reports

        if self.result is None:
            return None
        ctx, user, batch = self.gui.ctx, self.gui.user, self.result.batch_id
        job = self.gui.jobs.start(
            lambda _c: handover_reports.handover_report(ctx, actor=user, batch=batch),
            title=self.tr("Membuat berita acara…"),
        )
        job.succeeded.connect(self._handover_printed)
        return job

    def _handover_printed(self, printed: PrintedFile) -> None:
        self._handover_done(printed.path)

    def _handover_done(self, path: Path) -> None:
        self.handover_path = path
        self.result_label.setText(
            self.result_label.text()
            + "\n"
            + self.tr("Berita acara disimpan: {path}").format(path=path)
        )
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        if self.auto_open:
            page_widgets.open_file(path)
