"""Asking for the office key passphrase: once per session, on the first action that needs the key.

The passphrase is never stored (issue 13): it unlocks the key in memory for this session, or, at
the admin's choice, is kept in the operating system's keyring (Windows Credential Manager).

Stretching the passphrase (scrypt, 0.5-1 s and 128 MiB by design) runs as a job: the dialog says
it is working and the event loop keeps turning meanwhile.
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
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import Job, JobRunner

# The work done with the typed passphrase: (passphrase, keep in keyring) -> anything.
Unlock = Callable[[str, bool], Any]
T = TypeVar("T")


class PassphraseDialog(QDialog):
    """One passphrase field (unlock), or two (a new key, or protecting a legacy key)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        new: bool,
        intro: str,
        jobs: JobRunner | None = None,
        work: Unlock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyPassphraseDialog")
        self.setWindowTitle(self.tr("Frasa sandi kunci kantor"))
        self.new = new
        self.jobs, self.work = jobs, work
        self.job: Job | None = None
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
        self.busy = QProgressBar(self)
        self.busy.setObjectName("keyPassphraseBusy")
        self.busy.setRange(0, 0)  # no steps to count: scrypt is one call
        self.busy.setTextVisible(True)
        self.busy.setFormat(
            self.tr("Mengamankan kunci kantor...") if new else self.tr("Membuka kunci kantor...")
        )
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Frasa sandi:"), self.passphrase)
        if new:
            form.addRow(self.tr("&Ulangi:"), self.again)
        else:
            self.again.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        # Two fields set a passphrase (a new key, a legacy key protected): nothing is unlocked.
        ok_text = self.tr("&Tetapkan frasa sandi") if new else self.tr("&Buka kunci")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def is_busy(self) -> bool:
        return self.job is not None

    def _check(self) -> None:
        if self.is_busy():
            return
        if self.new and self.passphrase.text() != self.again.text():
            self.show_error(self.tr("Kedua frasa sandi tidak sama."))
            return
        if self.work is None or self.jobs is None:
            self.accept()
            return
        passphrase, remember, work = self.value(), self.remember.isChecked(), self.work
        self._set_busy(True)
        self.job = self.jobs.start(
            lambda _control: work(passphrase, remember),
            on_success=self._unlocked,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.error.hide()
        self.busy.setVisible(busy)
        for widget in (self.passphrase, self.again, self.remember, self.buttons):
            widget.setEnabled(not busy)

    def _unlocked(self, result: object) -> None:
        self.job = None
        self._set_busy(False)
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from rentan_desktop.gui.errors import show_error, user_text

        self.job = None
        self._set_busy(False)
        message = user_text(exc)
        if message is None:
            show_error(self, exc)  # a bug: the crash dialog, never a traceback in this box
            self.reject()
            return
        self.show_error(message)

    def reject(self) -> None:
        if self.is_busy():
            return  # scrypt cannot be stopped half-way; it ends within a second or two
        super().reject()

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
    from rentan_desktop.services import trust

    store = trust.key_store(gui.ctx)
    # The check itself may stretch a passphrase (RENTAN_KEY_PASSPHRASE, keyring): off the thread.
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
    dialog = PassphraseDialog(
        parent,
        new=legacy,
        intro=intro,
        jobs=gui.jobs,
        work=lambda passphrase, remember: trust.unlock_office_key(
            gui.ctx, actor=gui.user, passphrase=passphrase, remember=remember
        ),
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def unlock_at_start(parent: QWidget, ctx: Any, jobs: JobRunner) -> bool:
    """Before anyone logs in: the audit key is sealed and no keyring holds the passphrase, so
    nothing can be written (not even the login) until the office key is unlocked."""
    from rentan_desktop.services import trust

    dialog = PassphraseDialog(
        parent,
        new=False,
        jobs=jobs,
        intro=parent.tr(
            "Kunci kantor terkunci. Data baru dan jejak audit disegel dengan kunci ini, jadi "
            "masukkan frasa sandi kunci kantor (admin) sebelum masuk."
        ),
        work=lambda passphrase, remember: trust.unlock_for_session(
            ctx, passphrase=passphrase, remember=remember
        ),
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_new_passphrase(parent: QWidget) -> str | None:
    """The passphrase for a new office key (typed twice), or None when cancelled."""
    dialog = PassphraseDialog(
        parent,
        new=True,
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
