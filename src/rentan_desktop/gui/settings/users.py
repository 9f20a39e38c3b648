"""User management for admins: add, role, disable/enable, unlock, reset password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.roles import Role
from rentan_desktop.gui.main_window import role_label
from rentan_desktop.gui.settings.forms import FormDialog, check_same

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.storage.models import User


def role_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for value in Role:
        combo.addItem(role_label(value.value), value.value)
    return combo


def password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(128)
    return field


class UsersTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.users: list[User] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nama pengguna"),
                self.tr("Nama lengkap"),
                self.tr("Peran"),
                self.tr("Status"),
                self.tr("Login terakhir"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("&Tambah pengguna…"), self)
        self.role_button = QPushButton(self.tr("Ubah &peran…"), self)
        self.toggle_button = QPushButton(self.tr("N&onaktifkan / aktifkan"), self)
        self.unlock_button = QPushButton(self.tr("Buka &kunci akun"), self)
        self.password_button = QPushButton(self.tr("Atur ulang kata &sandi…"), self)
        self.add_button.clicked.connect(self.add_user_dialog)
        self.role_button.clicked.connect(self.role_dialog)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.password_button.clicked.connect(self.password_dialog)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.toggle_button,
            self.unlock_button,
            self.password_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        from rentan_desktop.domain.formatting import tanggal
        from rentan_desktop.services import auth
        from rentan_desktop.storage.types import utcnow

        self.users = auth.list_users(self.gui.ctx, actor=self.gui.user)
        now = utcnow()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            if not user.active:
                status = self.tr("Nonaktif")
            elif user.locked_until and user.locked_until > now:
                status = self.tr("Terkunci")
            else:
                status = self.tr("Aktif")
            values = (
                user.username,
                user.full_name,
                role_label(user.role),
                status,
                tanggal(user.last_login, self.gui.lang) if user.last_login else "–",
            )
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def selected(self) -> User | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _changed(self, username: str) -> None:
        self.reload()
        self.gui.signals.emit_changed("user", (username,), "update")

    def add_user_dialog(self) -> FormDialog:
        from rentan_desktop.services import auth

        dialog = FormDialog(self.tr("Tambah pengguna"), self)
        dialog.setObjectName("addUserDialog")
        username = QLineEdit(dialog)
        full_name = QLineEdit(dialog)
        role = role_combo(dialog)
        password, password2 = password_field(dialog), password_field(dialog)
        dialog.add_row("username", self.tr("&Nama pengguna:"), username)
        dialog.add_row("full_name", self.tr("Nama &lengkap:"), full_name)
        dialog.add_row("role", self.tr("&Peran:"), role)
        dialog.add_row("password", self.tr("&Kata sandi:"), password)
        dialog.add_row("password2", self.tr("&Ulangi kata sandi:"), password2)

        def submit() -> None:
            check_same(password, password2)
            auth.create_user(
                self.gui.ctx,
                actor=self.gui.user,
                username=username.text().strip(),
                full_name=full_name.text().strip(),
                role=str(role.currentData()),
                password=password.text(),
            )
            self._changed(username.text().strip())

        dialog.submit = submit
        dialog.open()
        return dialog

    def role_dialog(self) -> FormDialog | None:
        from rentan_desktop.services import auth

        user = self.selected()
        if user is None:
            return None
        dialog = FormDialog(self.tr("Ubah peran {name}").format(name=user.username), self)
        role = role_combo(dialog)
        role.setCurrentIndex(role.findData(user.role))
        dialog.add_row("role", self.tr("&Peran:"), role)

        def submit() -> None:
            auth.set_role(
                self.gui.ctx,
                actor=self.gui.user,
                username=user.username,
                role=str(role.currentData()),
            )
            self._changed(user.username)

        dialog.submit = submit
        dialog.open()
        return dialog

    def password_dialog(self) -> FormDialog | None:
        from rentan_desktop.services import auth

        user = self.selected()
        if user is None:
            return None
        dialog = FormDialog(
            self.tr("Kata sandi baru untuk {name}").format(name=user.username), self
        )
        password, password2 = password_field(dialog), password_field(dialog)
        dialog.add_row("password", self.tr("&Kata sandi baru:"), password)
        dialog.add_row("password2", self.tr("&Ulangi kata sandi:"), password2)

        def submit() -> None:
            check_same(password, password2)
            auth.set_password(
                self.gui.ctx,
                actor=self.gui.user,
                username=user.username,
                password=password.text(),
            )
            self._changed(user.username)

        dialog.submit = submit
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        from rentan_desktop.gui.errors import show_error
        from rentan_desktop.services import auth

        user = self.selected()
        if user is None:
            return
        try:
            auth.set_active(
                self.gui.ctx, actor=self.gui.user, username=user.username, active=not user.active
            )
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, retry=self.toggle_active)
            return
        self._changed(user.username)

    def unlock(self) -> None:
        from rentan_desktop.services import auth

        user = self.selected()
        if user is not None:
            auth.unlock(self.gui.ctx, actor=self.gui.user, username=user.username)
            self._changed(user.username)
