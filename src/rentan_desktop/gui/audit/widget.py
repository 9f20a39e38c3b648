"""Audit trail and retention: "Verifikasi jejak audit" names the first broken link of the hash
chain (supervisor and up); the retention period and "Jalankan retensi" are for admins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import errors
from rentan_desktop.gui.backups.widget import heading_label
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job

if TYPE_CHECKING:
    from rentan_desktop.services.privacy import AuditCheck
    from rentan_desktop.services.retention import RetentionResult

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b00020; font-weight: bold;"


class AuditPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        intro = QLabel(
            self.tr(
                "Setiap perubahan data dicatat dalam jejak audit yang berantai hash: mengubah atau "
                "menghapus satu catatan memutus rantainya. Verifikasi menghitung ulang seluruh "
                "rantai dan menyebut tautan pertama yang rusak."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("&Verifikasi jejak audit"), self)
        self.verify_button.setObjectName("verifyAudit")
        self.verify_button.clicked.connect(self.verify)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("auditResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        verify_box = QGroupBox(self.tr("Jejak audit"), self)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addStretch(1)
        vbox = QVBoxLayout(verify_box)
        vbox.addWidget(intro)
        vbox.addLayout(row)
        vbox.addWidget(self.result_label)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Jejak audit dan masa simpan data"), self))
        layout.addWidget(verify_box)
        self.retention_box: QGroupBox | None = None
        if gui.can(Perm.RETENTION_RUN):
            self.retention_box = self._build_retention()
            layout.addWidget(self.retention_box)
        layout.addStretch(1)

    # -- audit -------------------------------------------------------------------------------

    def verify(self) -> Job:
        """Recompute the chain in the background and show the sentence (first broken link)."""
        from rentan_desktop.services import privacy

        ctx, user = self.gui.ctx, self.gui.user
        self.verify_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Memeriksa…"))
        job = self.gui.jobs.start(
            lambda c: privacy.verify_audit(ctx, actor=user, check=c.check),  # Batal stops it
            title=self.tr("Memverifikasi jejak audit…"),
            on_success=self.show_check,
            on_error=self._failed,
        )
        job.finished.connect(lambda: self.verify_button.setEnabled(True))
        return job

    def show_check(self, check: AuditCheck) -> None:
        self.result_label.setStyleSheet(OK_STYLE if check.ok else BROKEN_STYLE)
        self.result_label.setText(check.message)

    def _failed(self, exc: BaseException) -> None:
        text = errors.user_text(exc)
        self.result_label.setText(text or "")
        errors.show_error(self, exc)

    # -- retention ---------------------------------------------------------------------------

    def _build_retention(self) -> QGroupBox:
        from rentan_desktop.services import retention

        box = QGroupBox(self.tr("Masa simpan data (admin)"), self)
        box.setObjectName("retentionBox")
        note = QLabel(
            self.tr(
                "Data berstatus nonaktif lebih lama dari masa simpan dianonimkan: NIK, KK, nama, "
                "alamat, nama ibu, nomor HP dan KPJ dihapus dari catatannya; wilayah, jenis "
                "kelamin, tahun lahir dan pekerjaan tetap untuk statistik. Tindakan ini dicatat "
                "dalam jejak audit dan tidak dapat dibatalkan."
            ),
            box,
        )
        note.setWordWrap(True)
        self.years = QSpinBox(box)
        self.years.setObjectName("retentionYears")
        self.years.setRange(1, 30)
        self.years.setSuffix(self.tr(" tahun"))
        saved = self.gui.ctx.setting(retention.YEARS_KEY)
        self.years.setValue(int(saved) if saved else 5)
        self.save_years_button = QPushButton(self.tr("&Simpan masa simpan"), box)
        self.save_years_button.setObjectName("saveYears")
        self.save_years_button.clicked.connect(self.save_years)
        self.preview_button = QPushButton(self.tr("Hitung d&ulu"), box)
        self.preview_button.setObjectName("previewRetention")
        self.preview_button.clicked.connect(lambda: self.run_retention(dry_run=True))
        self.run_button = QPushButton(self.tr("&Jalankan retensi…"), box)
        self.run_button.setObjectName("runRetention")
        self.run_button.clicked.connect(self._ask_run)
        self.retention_label = QLabel(box)
        self.retention_label.setObjectName("retentionResult")
        self.retention_label.setWordWrap(True)
        years_row = QHBoxLayout()
        years_row.addWidget(self.years)
        years_row.addWidget(self.save_years_button)
        years_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        form = QFormLayout(box)
        form.addRow(note)
        form.addRow(self.tr("Masa simpan:"), years_row)
        form.addRow(buttons)
        form.addRow(self.retention_label)
        return box

    def save_years(self) -> bool:
        from rentan_desktop.services import retention

        try:
            retention.set_years(self.gui.ctx, actor=self.gui.user, years=self.years.value())
        except Exception as exc:  # noqa: BLE001 - a sentence for user errors, crash dialog else
            errors.show_error(self, exc, retry=self.save_years)
            return False
        self.retention_label.setText(
            self.tr("Masa simpan diatur: {years} tahun.").format(years=self.years.value())
        )
        self.gui.signals.emit_changed("setting", ("retention.years",), "update")
        return True

    def _ask_run(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Jalankan retensi"),
            self.tr(
                "Anonimkan semua data nonaktif lebih dari {years} tahun? Tindakan ini tidak dapat "
                "dibatalkan."
            ).format(years=self.years.value()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run_retention(dry_run=False)

    def run_retention(self, *, dry_run: bool) -> Job:
        """Count (``dry_run``) or anonymise the records past the saved period, in the background."""
        from rentan_desktop.services import retention

        ctx, user = self.gui.ctx, self.gui.user
        years = self.years.value()
        job = self.gui.jobs.start(
            lambda _c: retention.run(ctx, actor=user, years=years, dry_run=dry_run),
            title=self.tr("Menjalankan retensi…"),
            on_success=self._retention_done,
        )
        return job

    def _retention_done(self, result: RetentionResult) -> None:
        self.retention_label.setText(result.message(self.gui.lang))
        if not result.dry_run and result.uuids:
            self.gui.signals.emit_changed("registrant", result.uuids, "anonymise")
