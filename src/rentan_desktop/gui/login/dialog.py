"""The login dialog: username and password; lockout and refusal messages come from services.auth."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from rentan_desktop.gui.app import Application
    from rentan_desktop.services.context import AppContext


class LoginDialog(QDialog):
    """Asks for a username and password; emits ``logged_in(user)`` on success."""

    logged_in = Signal(object)  # storage.models.User
    painted = Signal()  # once, after the first paint: the app then loads its services

    def __init__(self, app: Application, office_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Masuk — {app}").format(app=APP_NAME))
        # Plain widgets only on this first window: every Qt enum touched from Python costs ~1 ms
        # to materialise, and the dialog must appear about as fast as an empty window.
        title = QLabel(f"<span style='font-size:16pt; font-weight:bold'>{APP_NAME}</span>", self)
        tagline = QLabel(
            self.tr("Pendaftaran pekerja rentan untuk bantuan iuran BPJS Ketenagakerjaan"), self
        )
        tagline.setWordWrap(True)
        subtitle = QLabel(office_name, self)
        subtitle.setObjectName("officeName")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setMaxLength(32)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setMinimumWidth(340)
        form = QFormLayout()
        user_label = QLabel(self.tr("&Nama pengguna:"), self)
        user_label.setBuddy(self.username)
        pass_label = QLabel(self.tr("&Kata sandi:"), self)
        pass_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        self.login_button = QPushButton(self.tr("&Masuk"), self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        close = QPushButton(self.tr("&Tutup"), self)
        close.clicked.connect(self.reject)
        self.login_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(tagline)
        layout.addWidget(subtitle)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.username.setFocus()
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: the work it starts begins after this paint has reached the screen.
            QTimer.singleShot(0, self.painted.emit)

    def accept(self) -> None:  # Enter in a field triggers the default button instead
        self.submit()

    def submit(self) -> None:
        """Check the password once the services context is open (it opens while the user types)."""
        if not self.username.text().strip():
            self.show_message(self.tr("Isi nama pengguna."))
            self.username.setFocus()
            return
        self.login_button.setEnabled(False)
        self.app.when_ready(self._authenticate)

    def _authenticate(self, ctx: AppContext) -> None:
        from rentan_desktop.gui.errors import show_error, user_text
        from rentan_desktop.services import auth

        self.login_button.setEnabled(True)
        try:
            user = auth.authenticate(ctx, self.username.text().strip(), self.password.text())
        except Exception as exc:  # noqa: BLE001 - user errors shown here, bugs to the crash dialog
            if getattr(exc, "code", None) == "audit.key_locked":
                from rentan_desktop.gui.keys.unlock import unlock_at_start

                if unlock_at_start(self, ctx, self.app.jobs):
                    self._authenticate(ctx)  # the same typed name and password, now writable
                    return
            text = user_text(exc)
            if text is None:
                show_error(self, exc)
                return
            from rentan_desktop.gui.errors import busy_text

            if busy_text(exc) is not None:  # the password was right; keep it for Coba lagi
                self.show_message(text)
                show_error(self, exc, retry=lambda: self._authenticate(ctx))
                return
            self.show_message(text)
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()
        self.message.clear()
        self.logged_in.emit(user)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        super().done(result)
        if result == QDialog.DialogCode.Rejected and self.app.main_window is None:
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
