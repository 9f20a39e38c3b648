"""Bulk status actions on the selected registrants: RT verification results and deactivation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import issues, lifecycle
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.services import registrants
from rentan_desktop.services.errors import user_message

MAX_BULK = 5000  # one click must not change a whole regency by accident

VERIFY, DEACTIVATE = "verify", "deactivate"


class StatusDialog(QDialog):
    """Asks for the result (verified / rejected) or the deactivation reason; never blocks in tests."""

    def __init__(self, mode: str, count: int, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode, self.lang = mode, lang
        self.setObjectName("statusDialog")
        layout = QVBoxLayout(self)
        self.verified = QRadioButton(self.tr("&Terverifikasi oleh ketua RT"), self)
        self.rejected = QRadioButton(self.tr("&Ditolak oleh ketua RT"), self)
        self.reason_kind = QComboBox(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("statusReason")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        if mode == VERIFY:
            self.setWindowTitle(self.tr("Catat hasil verifikasi RT"))
            layout.addWidget(
                QLabel(self.tr("Hasil verifikasi untuk %n pendaftar terpilih:", "", count), self)
            )
            group = QButtonGroup(self)
            for button in (self.verified, self.rejected):
                group.addButton(button)
                layout.addWidget(button)
            self.verified.setChecked(True)
            self.reason.setPlaceholderText(self.tr("Alasan penolakan (wajib bila ditolak)"))
            self.reason_kind.hide()
        else:
            self.setWindowTitle(self.tr("Nonaktifkan pendaftar"))
            layout.addWidget(
                QLabel(self.tr("Nonaktifkan %n pendaftar terpilih. Alasan:", "", count), self)
            )
            for key, (id_text, en_text) in lifecycle.INACTIVE_REASONS.items():
                self.reason_kind.addItem(id_text if lang == "id" else en_text, key)
            self.reason.setPlaceholderText(self.tr("Keterangan (misalnya tanggal meninggal)"))
            layout.addWidget(self.reason_kind)
            self.verified.hide()
            self.rejected.hide()
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def status(self) -> Status:
        if self.mode == DEACTIVATE:
            return Status.INACTIVE
        return Status.VERIFIED if self.verified.isChecked() else Status.REJECTED

    def reason_text(self) -> str:
        typed = self.reason.text().strip()
        if self.mode == DEACTIVATE:
            label = self.reason_kind.currentText()
            return f"{label}: {typed}" if typed else label
        return typed

    def _check_and_accept(self) -> None:
        problems = lifecycle.check_transition(Status.DRAFT, self.status(), self.reason_text())
        if problems:
            self.error.setText(problems[0].message(self.lang))
            self.reason.setFocus()
            return
        self.accept()


def apply(
    gui: GuiContext,
    uuids: list[str],
    status: Status,
    reason: str,
    parent: QWidget | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> str:
    """Change the status of ``uuids``; returns the sentence to show (changed and refused counts).

    When another process kept the database busy, *Coba lagi* (in a box over ``parent``) runs the
    same change again and hands its sentence to ``on_retry``.
    """
    try:
        result = registrants.change_status(
            gui.ctx, actor=gui.user, uuids=uuids, new=status, reason=reason
        )
    except Exception as exc:
        text = user_message(exc, gui.lang)
        if text is None:
            raise
        if on_retry is not None:
            from rentan_desktop.gui.errors import retry_if_busy

            retry_if_busy(
                parent, exc, lambda: on_retry(apply(gui, uuids, status, reason, parent, on_retry))
            )
        return text
    if result.changed:
        gui.signals.emit_changed("registrant", tuple(result.changed), "status")
    summary = issues.text(
        "list.status_done",
        gui.lang,
        changed=len(result.changed),
        status=lifecycle.label(status, gui.lang),
    )
    if result.refused:
        first = next(iter(result.refused.values()))
        summary += " " + issues.text(
            "list.status_refused", gui.lang, refused=len(result.refused), first=first
        )
    return summary


issues.define_all(
    {
        "list.status_done": (
            "{changed} pendaftar diubah menjadi '{status}'.",
            "{changed} registrant(s) changed to '{status}'.",
        ),
        "list.status_refused": (
            "{refused} ditolak; contoh: {first}",
            "{refused} refused; for example: {first}",
        ),
        "list.too_many": (
            "Terlalu banyak baris terpilih ({count}); pilih paling banyak {max} sekaligus.",
            "Too many rows selected ({count}); select at most {max} at once.",
        ),
    }
)
