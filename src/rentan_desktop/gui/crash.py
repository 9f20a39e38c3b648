"""The crash dialog: one apologetic sentence, where the log is, and the details to copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """Says sorry in one sentence, where the log is, and shows the details to copy for support."""

    def __init__(self, details: str, log: Path | None, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(QCoreApplication.translate("errors", "Terjadi kesalahan program"))
        where = str(log) if log else QCoreApplication.translate("errors", "(log tidak aktif)")
        head = QLabel(
            QCoreApplication.translate(
                "errors",
                "Maaf, terjadi kesalahan dalam program. Data yang sudah disimpan aman. "
                "Kirim rincian di bawah ini ke petugas TI. Log: {log}",
            ).format(log=where),
            self,
        )
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        copy = buttons.addButton(
            QCoreApplication.translate("errors", "&Salin rincian"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        close = buttons.addButton(
            QCoreApplication.translate("errors", "&Tutup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 400)
