"""Asking for the office key passphrase: once per session, on the first action that needs the key.

The passphrase is never stored (issue 13): it unlocks the key in memory for this session, or, at
the admin's choice, is kept in the operating system's keyring (Windows Credential Manager).
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext

T = TypeVar("T")


class PassphraseDialog(QDialog):
    """One passphrase field (unlock), or two (a new key, or protecting a legacy key)."""

    def __init__(self, parent: QWidget | None, *, new: bool, intro: str) -> None:
        super().__init__(parent)
        self.setObjectName("keyPassphraseDialog")
        self.setWindowTitle(self.tr("Frasa sandi kunci kantor"))
        self.new = new
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("keyPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("keyPassphraseAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Ingat di pengelola kredensial sistem"), self)
        self.remember.setObjectName("keyRemember")
        # Only where the optional keyring package (Windows Credential Manager) is installed.
        self.remember.setVisible(importlib.util.find_spec("keyring") is not None)
        self.error = QLabel(self)
        self.error.setObjectName("keyPassphraseError")
        self.error.setStyleSheet("color: #a40000;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Frasa sandi:"), self.passphrase)
        if new:
            form.addRow(self.tr("&Ulangi:"), self.again)
        else:
            self.again.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Buka kunci"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _check(self) -> None:
        if self.new and self.passphrase.text() != self.again.text():
            self.show_error(self.tr("Kedua frasa sandi tidak sama."))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def value(self) -> str:
        return self.passphrase.text()


def off_thread(fn: Callable[[], T]) -> T:
    """``fn()`` on a helper thread while the window keeps turning (user input held back).

    Unlocking the office key stretches the passphrase with scrypt, deliberately slow (0.2-5 s on
    an office PC): on the GUI thread that froze the window. ``hashlib.scrypt`` releases the
    interpreter lock, so the event loop runs meanwhile; a local loop without user input keeps
    the calling code's order (the action continues once the key is open) without letting a
    second click start anything.
    """
    from PySide6.QtCore import QEventLoop, QMetaObject, Qt

    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def run() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
            outcome["error"] = exc
        finally:
            QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    worker = threading.Thread(target=run, name="key-unlock", daemon=True)
    worker.start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def ensure_unlocked(parent: QWidget, gui: GuiContext) -> bool:
    """True once the office key is unlocked for this session (asking if needed); False = Batal.

    Without a key at all it returns True: the action then says "no office key" itself.
    """
    from rentan_desktop.gui.batches import ui
    from rentan_desktop.services import trust

    store = trust.key_store(gui.ctx)
    if not store.exists() or off_thread(lambda: trust.office_key_unlocked(gui.ctx)):
        return True
    legacy = store.is_legacy()
    intro = (
        parent.tr(
            "Kunci kantor masih dilindungi berkas rahasia di sebelahnya, sehingga siapa pun yang "
            "menyalin folder data dapat menandatangani atas nama kantor. Tetapkan frasa sandi "
            "(minimal 12 karakter); simpan di tempat aman, tanpa frasa sandi ini batch tidak "
            "dapat ditandatangani."
        )
        if legacy
        else parent.tr("Masukkan frasa sandi kunci kantor untuk menandatangani atau membuka batch.")
    )
    dialog = PassphraseDialog(parent, new=legacy, intro=intro)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            passphrase, remember = dialog.value(), dialog.remember.isChecked()
            off_thread(lambda p=passphrase, r=remember: trust.unlock_office_key(
                gui.ctx, actor=gui.user, passphrase=p, remember=r))
        except Exception as exc:  # noqa: BLE001 - a sentence for user errors, bugs re-raised
            message = ui.error_text(exc)
            if message is None:
                raise
            dialog.show_error(message)
            continue
        return True
    return False


def ask_new_passphrase(parent: QWidget) -> str | None:
    """The passphrase for a new office key (typed twice), or None when cancelled."""
    dialog = PassphraseDialog(
        parent, new=True,
        intro=parent.tr(
            "Kunci kantor dilindungi frasa sandi yang tidak disimpan di komputer ini (minimal 12 "
            "karakter). Catat dan simpan di tempat aman: frasa sandi ini juga membuka cadangan "
            "terenkripsi."
        ),
    )
    dialog.remember.hide()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()
