"""Backup and restore: "Cadangkan sekarang" in the background, the list of backups with date, size
and record count, restore (the current database is kept first by the service), and for admins the
backup settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import errors, file_dialogs
from rentan_desktop.gui.backups.model import BackupTableModel, size_text
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.services.context import WITA

if TYPE_CHECKING:
    from rentan_desktop.services.backups import BackupRun, RestoreOutcome
    from rentan_desktop.storage.backup_catalog import BackupInfo

#: what a restore may have changed: every page reloads what it shows
RESTORED_ENTITIES = ("registrant", "user", "funder", "target", "tariff", "setting", "office")


def heading_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


class BackupsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.extra_folder: Path | None = None
        self.job: Job | None = None
        intro = QLabel(
            self.tr(
                "Cadangan dibuat otomatis sesuai jadwal selama aplikasi berjalan dan saat aplikasi "
                "ditutup, diperiksa (integrity_check) setelah ditulis, lalu dirotasi. Sebelum "
                "memulihkan, basis data yang sekarang selalu disimpan dulu sebagai cadangan "
                '"sebelum pemulihan".'
            ),
            self,
        )
        intro.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("&Cadangkan sekarang"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.folder_button = QPushButton(self.tr("Cari di &folder lain…"), self)
        self.folder_button.setObjectName("otherFolder")
        self.folder_button.clicked.connect(self._ask_folder)
        self.refresh_button = QPushButton(self.tr("Perbarui &daftar"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.restore_button = QPushButton(self.tr("&Pulihkan cadangan terpilih…"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self._ask_restore)
        self.restore_button.setVisible(gui.can(Perm.RESTORE))
        self.restore_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.folder_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        self.progress = JobProgress(self)
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_label = QLabel(self)
        self.last_label.setObjectName("lastBackup")
        self.last_label.setStyleSheet("font-weight: bold;")
        self.model = BackupTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("backupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setStyleSheet("QTableView::item { padding: 0 8px; }")
        header = self.table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._ask_restore())
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Cadangan dan pemulihan"), self))
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.last_label)
        layout.addWidget(self.table, 1)
        self.settings_box: QWidget | None = None
        if gui.can(Perm.SETTINGS_MANAGE):
            from rentan_desktop.gui.backups.settings import BackupSettingsBox

            self.settings_box = BackupSettingsBox(gui, self)
            layout.addWidget(self.settings_box)
        self._loaded = False

    # -- listing ---------------------------------------------------------------------------------

    def page_shown(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> Job:
        """List the backups (reads each file's record count) off the GUI thread."""
        from rentan_desktop.services import backups

        ctx, user, extra = self.gui.ctx, self.gui.user, self.extra_folder
        self._loaded = True
        return self.gui.jobs.start(
            lambda _c: backups.list_backups(ctx, actor=user, extra=extra),
            on_success=self.show_backups,
        )

    def show_backups(self, found: list[BackupInfo]) -> None:
        from rentan_desktop.storage.backup_catalog import BackupKind

        self.model.set_backups(found)
        newest = next((b for b in found if b.kind is not BackupKind.PRE_RESTORE), None)
        if newest is None:
            self.last_label.setText(self.tr("Belum ada cadangan."))
            self.last_label.setStyleSheet("font-weight: bold; color: #b00020;")
            return
        self.last_label.setStyleSheet("font-weight: bold;")
        self.last_label.setText(
            self.tr("Cadangan terakhir: {date} WITA ({count} data).").format(
                date=f"{newest.created_at.astimezone(WITA):%d-%m-%Y %H.%M}",
                count=angka(newest.record_count or 0),
            )
        )

    def _ask_folder(self) -> None:
        folder = file_dialogs.existing_folder(
            self, self.tr("Folder cadangan (disk lain atau flashdisk)"), str(Path.home())
        )
        if folder:
            self.set_extra_folder(Path(folder))

    def set_extra_folder(self, folder: Path | None) -> Job:
        self.extra_folder = folder
        return self.refresh()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.readable and not self._busy())

    def _busy(self) -> bool:
        return self.job is not None and self.job.running

    def _set_busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    # -- backup now ----------------------------------------------------------------------------

    def backup_now(self) -> Job:
        """Back up to the data folder and the second location, with progress, in the background."""
        from rentan_desktop.services import backups

        ctx, user = self.gui.ctx, self.gui.user

        def work(control) -> BackupRun:  # type: ignore[no-untyped-def]
            phases = {"copy": 0, "verify": 1, "encrypt": 2, "write": 3}

            def progress(phase: str, fraction: float) -> None:
                control.progress(int((phases.get(phase, 0) + fraction) * 250), 1000)

            return backups.backup_now(ctx, actor=user, progress=progress)

        self.status.setText(self.tr("Membuat cadangan…"))
        job = self.gui.jobs.start(
            work, title=self.tr("Mencadangkan…"), on_success=self._backed_up, on_error=self._failed
        )
        self._start(job)
        return job

    def _start(self, job: Job) -> None:
        self.job = job
        self.progress.bind(job)
        self._set_busy(True)
        job.finished.connect(lambda: self._set_busy(False))

    def _backed_up(self, run: BackupRun) -> None:
        parts = [
            self.tr("Cadangan dibuat: {name} ({size}, {count} data).").format(
                name=b.name, size=size_text(b.size), count=angka(b.record_count or 0)
            )
            for b in run.made[:1]
        ]
        if len(run.made) > 1:
            parts.append(
                self.tr("Salinan juga ditulis ke {n} lokasi lain.").format(n=len(run.made) - 1)
            )
        for folder, message in run.failed.items():
            parts.append(
                self.tr("Gagal di {folder}: {message}").format(folder=folder, message=message)
            )
        self.status.setText(" ".join(parts))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        text = errors.user_text(exc)
        if text is not None:
            self.status.setText(text)
        errors.show_error(self, exc)

    # -- restore -------------------------------------------------------------------------------

    def _ask_restore(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.gui.can(Perm.RESTORE) or not chosen.readable:
            return
        if any(j.title for j in self.gui.jobs.running()):
            errors.show_message(
                self, self.tr("Tunggu sampai pekerjaan yang sedang berjalan selesai.")
            )
            return
        box = QMessageBox(self)
        box.setObjectName("restoreConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Pulihkan cadangan"))
        box.setText(self.confirm_text(chosen))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        passphrase = None
        if chosen.encrypted:
            text, ok = QInputDialog.getText(
                self, self.tr("Cadangan terenkripsi"),
                self.tr("Kata sandi cadangan (kosongkan bila kuncinya tersimpan di sini):"),
                QLineEdit.EchoMode.Password,
            )  # fmt: skip
            if not ok:
                return
            passphrase = text or None
        self.restore(chosen, passphrase)

    def confirm_text(self, backup: BackupInfo) -> str:
        count = angka(backup.record_count) if backup.record_count is not None else "?"
        return self.tr(
            "Pulihkan cadangan tanggal {date} ({size}, {count} data)?\n\n"
            'Basis data yang sekarang disimpan dulu sebagai cadangan "sebelum pemulihan", '
            "jadi langkah ini dapat dibatalkan dengan memulihkan cadangan itu."
        ).format(
            date=f"{backup.created_at.astimezone(WITA):%d-%m-%Y %H.%M}",
            size=size_text(backup.size),
            count=count,
        )

    def restore(self, backup: BackupInfo, passphrase: str | None = None) -> Job:
        """Restore ``backup`` in the background; every page reloads afterwards."""
        from rentan_desktop.services import backups

        ctx, user = self.gui.ctx, self.gui.user

        def work(control) -> RestoreOutcome:  # type: ignore[no-untyped-def]
            return backups.restore(
                ctx, actor=user, backup=backup.path, passphrase=passphrase,
                progress=lambda _phase, f: control.progress(int(f * 1000), 1000),
            )  # fmt: skip

        self.status.setText(self.tr("Memulihkan {name}…").format(name=backup.name))
        job = self.gui.jobs.start(
            work, title=self.tr("Memulihkan…"), on_success=self._restored, on_error=self._failed
        )
        self._start(job)
        return job

    def _restored(self, outcome: RestoreOutcome) -> None:
        kept = outcome.kept.name if outcome.kept else "-"
        self.status.setText(
            self.tr(
                "Pemulihan selesai: {count} data. Basis data sebelumnya disimpan sebagai {kept}."
            ).format(count=angka(outcome.record_count), kept=kept)
        )
        for entity in RESTORED_ENTITIES:
            self.gui.signals.emit_changed(entity, (), "restore")
        self.refresh()
