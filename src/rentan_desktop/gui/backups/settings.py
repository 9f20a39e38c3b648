"""Backup settings for admins: second location, schedule, rotation, on-exit, passphrase."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from rentan_desktop.gui import errors, file_dialogs
from rentan_desktop.gui.context import GuiContext


class BackupSettingsBox(QGroupBox):
    """Edits ``services.backups.BackupPolicy``; the passphrase switches encryption on."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pengaturan cadangan (admin)"), parent)
        self.setObjectName("backupSettings")
        self.gui = gui
        self.second = QLineEdit(self)
        self.second.setObjectName("secondLocation")
        self.second.setPlaceholderText(
            self.tr("mis. E:\\CadanganRentan (disk lain atau flashdisk)")
        )
        choose = QPushButton(self.tr("P&ilih…"), self)
        choose.clicked.connect(self._ask_second)
        second_row = QHBoxLayout()
        second_row.addWidget(self.second, 1)
        second_row.addWidget(choose)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("intervalMinutes")
        self.interval.setRange(5, 24 * 60)
        self.interval.setSuffix(self.tr(" menit"))
        self.on_exit = QCheckBox(self.tr("Cadangkan juga saat aplikasi ditutup"), self)
        self.on_exit.setObjectName("onExit")
        self.daily = QSpinBox(self)
        self.daily.setRange(1, 60)
        self.weekly = QSpinBox(self)
        self.weekly.setRange(0, 52)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("harian"), self))
        keep_row.addWidget(self.daily)
        keep_row.addWidget(QLabel(self.tr("mingguan"), self))
        keep_row.addWidget(self.weekly)
        keep_row.addStretch(1)
        self.save_button = QPushButton(self.tr("Simpan pen&gaturan"), self)
        self.save_button.setObjectName("savePolicy")
        self.save_button.clicked.connect(self.save)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("backupPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("minimal 12 karakter"))
        self.passphrase2 = QLineEdit(self)
        self.passphrase2.setObjectName("backupPassphrase2")
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2.setPlaceholderText(self.tr("ulangi"))
        self.pass_button = QPushButton(self.tr("Atur &kata sandi"), self)
        self.pass_button.setObjectName("setPassphrase")
        self.pass_button.clicked.connect(self.set_passphrase)
        pass_row = QHBoxLayout()
        pass_row.addWidget(self.passphrase, 1)
        pass_row.addWidget(self.passphrase2, 1)
        pass_row.addWidget(self.pass_button)
        self.encrypt_label = QLabel(self)
        self.encrypt_label.setObjectName("encryptState")
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Lokasi kedua:"), second_row)
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval)
        interval_row.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow(self.tr("Jadwal otomatis setiap:"), interval_row)
        form.addRow("", self.on_exit)
        form.addRow(self.tr("Simpan cadangan:"), keep_row)
        form.addRow("", save_row)
        form.addRow(self.tr("Kata sandi enkripsi:"), pass_row)
        form.addRow("", self.encrypt_label)
        form.addRow("", self.message)
        self.load()

    def load(self) -> None:
        from rentan_desktop.services import backups

        policy = backups.get_policy(self.gui.ctx)
        self.second.setText(str(policy.second_location) if policy.second_location else "")
        self.interval.setValue(policy.interval_minutes)
        self.on_exit.setChecked(policy.on_exit)
        self.daily.setValue(policy.daily)
        self.weekly.setValue(policy.weekly)
        self.encrypt_label.setText(
            self.tr("Cadangan dienkripsi dengan kata sandi.")
            if policy.encrypt
            else self.tr("Cadangan belum dienkripsi.")
        )

    def _ask_second(self) -> None:
        folder = file_dialogs.existing_folder(
            self, self.tr("Lokasi kedua untuk cadangan"), self.second.text() or str(Path.home())
        )
        if folder:
            self.second.setText(folder)

    def save(self) -> bool:
        from rentan_desktop.services import backups

        ctx = self.gui.ctx
        second = self.second.text().strip()
        policy = replace(
            backups.get_policy(ctx),
            second_location=Path(second) if second else None,
            interval_minutes=self.interval.value(),
            on_exit=self.on_exit.isChecked(),
            daily=self.daily.value(),
            weekly=self.weekly.value(),
        )
        try:
            backups.set_policy(ctx, actor=self.gui.user, policy=policy)
        except Exception as exc:  # noqa: BLE001 - shown: a sentence for user errors, crash dialog else
            errors.show_error(self, exc, retry=self.save)
            return False
        self.message.setText(self.tr("Pengaturan cadangan disimpan."))
        self.gui.signals.emit_changed("setting", ("backup.policy",), "update")
        return True

    def set_passphrase(self) -> bool:
        from rentan_desktop.services import backups

        if self.passphrase.text() != self.passphrase2.text():
            self.message.setText(self.tr("Kedua kata sandi tidak sama."))
            return False
        try:
            backups.set_passphrase(
                self.gui.ctx, actor=self.gui.user, passphrase=self.passphrase.text()
            )
        except Exception as exc:  # noqa: BLE001
            text = errors.user_text(exc)
            if text is None or errors.busy_text(exc) is not None:
                errors.show_error(self, exc, retry=self.set_passphrase)
            else:
                self.message.setText(text)
            return False
        self.passphrase.clear()
        self.passphrase2.clear()
        self.message.setText(
            self.tr(
                "Kata sandi cadangan diatur; cadangan berikutnya dienkripsi. Simpan kata sandi "
                "ini di tempat aman: tanpa kata sandi, cadangan di flashdisk tidak bisa dibuka."
            )
        )
        self.load()
        self.gui.signals.emit_changed("setting", ("backup.key",), "update")
        return True
