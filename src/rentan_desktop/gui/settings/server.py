"""Koneksi server: a coordinator office points this PC at its PostgreSQL server.

Host, port, database and the service account; *Tes koneksi* connects once off the GUI thread (the
service behind ``rentan server-check``) and answers in one sentence; *Simpan koneksi* tests again
and remembers the server, so the next start opens it. The password is never written in plaintext:
it goes to the system's password vault when there is one (``services/server_connection.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.gui import errors

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import Job


class ServerTab(QWidget):
    """The connection form; ``folder`` is where ``server.json`` lives (the app data folder)."""

    def __init__(
        self, gui: GuiContext, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        from rentan_desktop.services import server_connection

        self.gui, self.folder = gui, folder
        self.job: Job | None = None
        saved = server_connection.saved(folder)
        self.host = self._line("serverHost", saved.host if saved else "")
        self.port = self._line("serverPort", str(saved.port if saved else 5432))
        self.port.setMaxLength(5)
        self.database = self._line("serverDatabase", saved.database if saved else "rentan")
        self.user = self._line("serverUser", saved.user if saved else "rentan")
        self.password = self._line("serverPassword", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Tes koneksi"), self)
        self.test_button.setObjectName("testServer")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("Simpan &koneksi"), self)
        self.save_button.setObjectName("saveServer")
        self.save_button.clicked.connect(self.save_connection)
        self.local_button = QPushButton(self.tr("Pakai berkas di P&C ini"), self)
        self.local_button.setObjectName("forgetServer")
        self.local_button.clicked.connect(self.use_local_file)
        self.local_button.setEnabled(saved is not None)
        self.current = QLabel(self)
        self.current.setObjectName("serverCurrent")
        self.current.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("serverMessage")
        self.message.setWordWrap(True)
        self._show_current(saved)
        intro = QLabel(
            self.tr(
                "Untuk kantor koordinator yang memakai server PostgreSQL bersama: alamat server, "
                "basis data dan akun layanan. Kata sandi tidak pernah disimpan sebagai teks biasa."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, field, width in (
            (self.tr("Alamat &server:"), self.host, 320),
            (self.tr("&Port:"), self.port, 80),
            (self.tr("Na&ma basis data:"), self.database, 200),
            (self.tr("Akun la&yanan:"), self.user, 200),
            (self.tr("Kata sand&i akun:"), self.password, 200),
        ):
            field.setMinimumWidth(width)
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.save_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.current)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _line(self, name: str, value: str) -> QLineEdit:
        field = QLineEdit(value, self)
        field.setObjectName(name)
        field.returnPressed.connect(self.test_connection)
        return field

    def _show_current(self, saved: Any) -> None:
        if saved is None:
            self.current.setText(self.tr("Saat ini aplikasi membuka berkas basis data di PC ini."))
        else:
            self.current.setText(
                self.tr("Saat dijalankan, aplikasi membuka server {server}.").format(
                    server=saved.location().display()
                )
            )

    def _settings(self) -> Any:
        from rentan_desktop.services import server_connection

        return server_connection.ServerSettings.from_form(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )

    def _start(self, work: Any, done: Any) -> None:
        """Run ``work`` off the GUI thread; the buttons wait, the answer is one sentence."""
        try:
            settings = self._settings()
        except Exception as exc:  # noqa: BLE001 - a form refusal is shown like any other
            self._failed(exc)
            return
        password = self.password.text()
        self._busy(True)
        self.message.setText(self.tr("Menghubungi server…"))
        self.job = self.gui.jobs.start(
            lambda _control: work(settings, password),
            title=self.tr("Tes koneksi server"),
            on_success=done,
            on_error=self._failed,
            retry_when_busy=False,
        )

    def test_connection(self) -> None:
        from rentan_desktop.services import server_connection

        def done(status: Any) -> None:
            self._busy(False)
            self.message.setText(status.sentence())

        self._start(lambda s, p: server_connection.check(s.location(p)), done)

    def save_connection(self) -> None:
        from rentan_desktop.services import server_connection

        def done(result: Any) -> None:
            _status, said = result
            self._busy(False)
            self.password.clear()
            self.message.setText(said)
            saved = server_connection.saved(self.folder)
            self._show_current(saved)
            self.local_button.setEnabled(saved is not None)

        self._start(lambda s, p: server_connection.save(s, p, folder=self.folder), done)

    def use_local_file(self) -> None:
        from rentan_desktop.services import server_connection

        self.message.setText(server_connection.forget(self.folder))
        self._show_current(None)
        self.local_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        for button in (self.test_button, self.save_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = errors.user_text(exc)
        if text is None:  # a bug: the crash dialog, never a traceback in the form
            errors.show_crash(self, type(exc), exc, exc.__traceback__)
            text = QCoreApplication.translate(
                "server", "Tes koneksi gagal karena kesalahan aplikasi."
            )
        self.message.setText(text)
