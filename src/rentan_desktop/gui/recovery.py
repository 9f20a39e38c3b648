"""Start-up recovery: when the quick_check finds the database damaged, offer the newest good backup
before anyone can log in (services.backups.startup_check / recover). The damaged file is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from rentan_desktop.gui.app import Application


class RecoveryDialog(QDialog):
    """Shows the decision's sentence; Pulihkan restores in the background, Tutup quits."""

    recovered = Signal(object)  # AppContext of the restored database

    def __init__(self, app: Application, decision: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from rentan_desktop.storage.health import Action

        self.app = app
        self.decision = decision
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Basis data perlu dipulihkan"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.message = QLabel(decision.message, self)
        self.message.setObjectName("recoveryMessage")
        self.message.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("recoveryPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Frasa sandi cadangan terenkripsi"))
        self.passphrase.setVisible(decision.action == Action.ASK_PASSPHRASE)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            self.tr("&Pulihkan dari cadangan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setVisible(decision.action in (Action.RESTORE, Action.ASK_PASSPHRASE))
        close = buttons.addButton(
            self.tr("&Tutup aplikasi"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.restore_button.clicked.connect(self.restore)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def restore(self) -> None:
        """Verify (with the passphrase if asked) and restore the offered backup, off the GUI thread."""
        from rentan_desktop.services import backups
        from rentan_desktop.storage.health import Action

        path, secret = self.app.db_path, self.passphrase.text() or None
        decision = self.decision

        def work(_control: object) -> Any:
            if decision.action == Action.ASK_PASSPHRASE:
                decision_now = backups.startup_check(path, passphrase=secret)
                if decision_now.action != Action.RESTORE:
                    return decision_now
                return backups.recover(path, decision_now.backup.path, passphrase=secret)
            return backups.recover(path, decision.backup.path, passphrase=secret)

        self.restore_button.setEnabled(False)
        self.app.jobs.start(
            work, title=self.tr("Memulihkan…"), on_success=self._done, on_error=self._failed
        )

    def _done(self, result: Any) -> None:
        self.restore_button.setEnabled(True)
        if hasattr(result, "action"):  # still no verified backup (e.g. wrong passphrase)
            self.decision = result
            self.message.setText(result.message)
            return
        super().accept()
        self.recovered.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from rentan_desktop.gui.errors import show_error, user_text

        self.restore_button.setEnabled(True)
        text = user_text(exc)
        if text is None:
            show_error(self, exc)
        else:
            self.error.setText(text)

    def reject(self) -> None:
        super().reject()
        QApplication.quit()
