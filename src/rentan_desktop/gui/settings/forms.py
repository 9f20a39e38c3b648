"""A small form dialog whose OK runs a service call and stays open with the message on refusal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import issues
from rentan_desktop.services.errors import UserError

issues.define(
    "gui.password_mismatch",
    id="Kedua kata sandi tidak sama.",
    en="The two passwords differ.",
)


def check_same(a: QLineEdit, b: QLineEdit) -> None:
    """Refuse (as a user error) when the password and its repetition differ."""
    if a.text() != b.text():
        raise UserError("gui.password_mismatch", "password")


class FormDialog(QDialog):
    """Rows of labelled fields; ``submit()`` returns None on success or the sentence to show."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("&Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        # Esc is the dialog's cancel key; no Alt letter, so a field label may have B.
        self.cancel_button = self.buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.submit: Callable[[], None] = lambda: None
        self.fields: dict[str, QWidget] = {}
        self.setMinimumWidth(440)

    def add_row(self, key: str, text: str, field: QWidget) -> QWidget:
        self.fields[key] = field
        label = QLabel(text, self)
        label.setBuddy(field)
        self.form.addRow(label, field)
        return field

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # The buttons are built before the rows, so Qt's default focus (first in the chain) was
        # Simpan: the user started typing into a button. Focus the first field; Tab runs down the
        # rows, then Simpan, then Batal.
        super().showEvent(event)
        chain = [*self.fields.values(), self.ok_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for field in self.fields.values():
            if field.isEnabled() and not getattr(field, "isReadOnly", lambda: False)():
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def accept(self) -> None:
        """Run ``submit``; a user error stays on the dialog as one sentence, bugs propagate."""
        from rentan_desktop.gui.errors import user_text

        try:
            self.submit()
        except Exception as exc:  # noqa: BLE001
            text = user_text(exc)
            if text is None:
                raise
            self.error.setText(text)
            from rentan_desktop.gui.errors import retry_if_busy

            retry_if_busy(self, exc, self.accept)  # the dialog keeps what was typed
            return
        super().accept()
