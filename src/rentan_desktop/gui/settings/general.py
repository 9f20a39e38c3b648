"""General settings: language (remembered), idle-lock minutes, and the user's own password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import i18n, lock
from rentan_desktop.gui.settings.forms import FormDialog, check_same

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext


class GeneralTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current()))
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" menit"))
        self.idle.setSpecialValueText(self.tr("tidak pernah"))
        self.idle.setValue(lock.idle_minutes(gui.ctx))
        self.idle.setEnabled(gui.can(Perm.SETTINGS_MANAGE))
        self.save_button = QPushButton(self.tr("&Simpan pengaturan"), self)
        self.save_button.setObjectName("saveGeneral")
        self.save_button.clicked.connect(self.save)
        self.password_button = QPushButton(self.tr("Ganti kata sandi sa&ya…"), self)
        self.password_button.clicked.connect(self.own_password_dialog)
        self.message = QLabel(self)
        self.message.setObjectName("generalMessage")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, field in (
            (self.tr("Bahasa &tampilan:"), self.language),
            (self.tr("&Kunci layar setelah tidak aktif:"), self.idle),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.message, 1)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_button)
        password_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addSpacing(16)
        layout.addLayout(password_row)
        layout.addStretch(1)

    def save(self) -> None:
        """Store the idle time; a new language rebuilds the main window (app's language_changed)."""
        ctx = self.gui.ctx
        if self.gui.can(Perm.SETTINGS_MANAGE) and self.idle.value() != lock.idle_minutes(ctx):
            ctx.set_setting(lock.SETTING_KEY, self.idle.value())
            self.gui.signals.emit_changed("setting", (lock.SETTING_KEY,), "update")
        self.message.setText(self.tr("Pengaturan disimpan."))
        lang = str(self.language.currentData())
        if lang != i18n.current():
            self.gui.signals.language_changed.emit(lang)

    def own_password_dialog(self) -> FormDialog:
        from rentan_desktop.services import auth

        dialog = FormDialog(self.tr("Ganti kata sandi"), self)
        dialog.setObjectName("ownPasswordDialog")
        fields = []
        for key, text in (
            ("old", self.tr("Kata sandi &lama:")),
            ("new", self.tr("Kata sandi &baru:")),
            ("new2", self.tr("&Ulangi kata sandi baru:")),
        ):
            field = QLineEdit(dialog)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            dialog.add_row(key, text, field)
            fields.append(field)
        old, new, new2 = fields
        user = self.gui.user

        def submit() -> None:
            auth.authenticate(self.gui.ctx, user.username, old.text())  # proves it is them
            check_same(new, new2)
            auth.set_password(self.gui.ctx, actor=user, username=user.username, password=new.text())

        dialog.submit = submit
        dialog.open()
        return dialog
