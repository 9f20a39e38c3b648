"""The wizard's pages: office and region, first admin, funder and target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from rentan_desktop.gui.setup import regions
from rentan_desktop.services import lookups

if TYPE_CHECKING:
    from rentan_desktop.services.context import AppContext

LEVELS = ("kecamatan", "kabupaten", "provinsi")


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("pageError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def buddy(text: str, field: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label


class OfficePage(QWizardPage):
    """Which office this installation is: a kecamatan, or a kabupaten/provinsi coordinator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Langkah 1 dari 3: Kantor"))
        self.setSubTitle(
            self.tr(
                "Pilih wilayah kantor ini dari daftar Kemendagri: kantor kecamatan untuk petugas "
                "entri, atau kantor koordinator kabupaten/provinsi."
            )
        )
        self.ctx: AppContext | None = None
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        labels = {
            "kecamatan": self.tr("Kantor &kecamatan"),
            "kabupaten": self.tr("Koordinator ka&bupaten/kota"),
            "provinsi": self.tr("Koordinator p&rovinsi"),
        }
        level_row = QHBoxLayout()
        for level in LEVELS:
            button = QRadioButton(labels[level], self)
            button.setObjectName(f"level_{level}")
            self.level_group.addButton(button)
            self.level_buttons[level] = button
            level_row.addWidget(button)
        level_row.addStretch(1)
        self.level_buttons["kecamatan"].setChecked(True)
        self.provinsi = QComboBox(self)
        self.kabupaten = QComboBox(self)
        self.kecamatan = QComboBox(self)
        for name, combo in (
            ("provinsi", self.provinsi),
            ("kabupaten", self.kabupaten),
            ("kecamatan", self.kecamatan),
        ):
            combo.setObjectName(name)
            combo.setMinimumContentsLength(28)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.nama = QLineEdit(self)
        self.nama.setObjectName("officeName")
        self.nama.setMaxLength(120)
        self.loading = QLabel(self.tr("Memuat daftar wilayah…"), self)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Tingkat kantor:"), level_row)
        form.addRow(buddy(self.tr("&Provinsi:"), self.provinsi, self), self.provinsi)
        form.addRow(buddy(self.tr("Kabupaten/&kota:"), self.kabupaten, self), self.kabupaten)
        form.addRow(buddy(self.tr("K&ecamatan:"), self.kecamatan, self), self.kecamatan)
        form.addRow(buddy(self.tr("&Nama kantor:"), self.nama, self), self.nama)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.loading)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("office_name*", self.nama)
        self.level_group.buttonToggled.connect(lambda *_: self._level_changed())
        self.provinsi.currentIndexChanged.connect(self._provinsi_changed)
        self.kabupaten.currentIndexChanged.connect(self._kabupaten_changed)
        self.kecamatan.currentIndexChanged.connect(lambda *_: self._suggest_name())
        self._name_edited = False
        self.nama.textEdited.connect(lambda *_: setattr(self, "_name_edited", True))
        for combo in (self.provinsi, self.kabupaten, self.kecamatan):
            combo.setEnabled(False)

    def set_context(self, ctx: AppContext) -> None:
        """Fill the province list once the database is open."""
        self.ctx = ctx
        self.loading.hide()
        self.provinsi.setEnabled(True)
        self.provinsi.blockSignals(True)
        self.provinsi.clear()
        for kode, nama in lookups.region_children(ctx, None, 1):
            self.provinsi.addItem(nama, kode)
        default = self.provinsi.findData(regions.DEFAULT_PROVINSI)
        self.provinsi.setCurrentIndex(max(default, 0))
        self.provinsi.blockSignals(False)
        self._provinsi_changed()
        self.completeChanged.emit()

    def level(self) -> str:
        for level, button in self.level_buttons.items():
            if button.isChecked():
                return level
        return "kecamatan"

    def _fill(self, combo: QComboBox, parent: str | None, level: int) -> None:
        combo.blockSignals(True)
        combo.clear()
        if self.ctx is not None and parent:
            for kode, nama in lookups.region_children(self.ctx, parent, level):
                combo.addItem(nama, kode)
        combo.blockSignals(False)

    def _provinsi_changed(self, *_: object) -> None:
        self._fill(self.kabupaten, self.provinsi.currentData(), 2)
        self._kabupaten_changed()

    def _kabupaten_changed(self, *_: object) -> None:
        self._fill(self.kecamatan, self.kabupaten.currentData(), 3)
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.level()
        ready = self.ctx is not None
        self.kabupaten.setEnabled(ready and level in ("kecamatan", "kabupaten"))
        self.kecamatan.setEnabled(ready and level == "kecamatan")
        self._suggest_name()
        self.completeChanged.emit()

    def region(self) -> tuple[str, str] | None:
        """``(kode, nama)`` of the chosen region for the chosen level."""
        combo = {
            "kecamatan": self.kecamatan,
            "kabupaten": self.kabupaten,
            "provinsi": self.provinsi,
        }[self.level()]
        if combo.currentIndex() < 0:
            return None
        return str(combo.currentData()), combo.currentText()

    def _suggest_name(self) -> None:
        region = self.region()
        if region is not None and not self._name_edited:
            self.nama.setText(regions.office_name(self.level(), region[1]))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.ctx is not None and self.region() is not None and bool(self.nama.text().strip())


class AdminPage(QWizardPage):
    """The first administrator account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Langkah 2 dari 3: Admin pertama"))
        self.setSubTitle(
            self.tr(
                "Akun ini mengelola pengguna dan pengaturan. Simpan kata sandinya di tempat aman."
            )
        )
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.username.setMaxLength(32)
        self.username.setPlaceholderText(self.tr("mis. admin.kecamatan"))
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminFullName")
        self.full_name.setMaxLength(100)
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(self)
        self.password2.setObjectName("adminPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label(self)
        form = QFormLayout(self)
        form.addRow(buddy(self.tr("&Nama pengguna:"), self.username, self), self.username)
        form.addRow(buddy(self.tr("Nama &lengkap:"), self.full_name, self), self.full_name)
        form.addRow(buddy(self.tr("&Kata sandi:"), self.password, self), self.password)
        form.addRow(buddy(self.tr("&Ulangi kata sandi:"), self.password2, self), self.password2)
        form.addRow(self.error)
        self.registerField("admin_username*", self.username)
        self.registerField("admin_full_name*", self.full_name)
        self.registerField("admin_password*", self.password)
        self.registerField("admin_password2*", self.password2)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        from rentan_desktop.gui.errors import user_text
        from rentan_desktop.services import auth

        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("Kedua kata sandi tidak sama."))
            self.password2.setFocus()
            return False
        try:
            auth.check_password_policy(self.password.text())
        except Exception as exc:  # noqa: BLE001 - UserError text shown; bugs re-raised
            text = user_text(exc)
            if text is None:
                raise
            self.error.setText(text)
            self.password.setFocus()
            return False
        if not auth._valid_username(self.username.text().strip()):  # noqa: SLF001 - same rule
            from rentan_desktop.domain import issues

            self.error.setText(issues.text("user.username"))
            self.username.setFocus()
            return False
        self.error.clear()
        return True


class FunderPage(QWizardPage):
    """The programme's funder (sumber dana) with its age band and domicile rule, and the target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Langkah 3 dari 3: Sumber dana dan target"))
        self.setSubTitle(
            self.tr(
                "Pemberi bantuan iuran dengan syarat umur dan domisili, dan jumlah orang yang "
                "ditanggung tahun ini. Bisa diubah nanti di Pengaturan."
            )
        )
        self.kode = QLineEdit("APBD-KAB", self)
        self.kode.setObjectName("funderCode")
        self.kode.setMaxLength(30)
        self.nama = QLineEdit(self)
        self.nama.setObjectName("funderName")
        self.nama.setMaxLength(120)
        self.usia_min = QSpinBox(self)
        self.usia_min.setObjectName("ageMin")
        self.usia_min.setRange(0, 120)
        self.usia_min.setValue(15)
        self.usia_max = QSpinBox(self)
        self.usia_max.setObjectName("ageMax")
        self.usia_max.setRange(0, 120)
        self.usia_max.setValue(64)
        self.domisili = QComboBox(self)
        self.domisili.setObjectName("domicile")
        self.dasar_hukum = QLineEdit(self)
        self.dasar_hukum.setObjectName("legalBasis")
        self.dasar_hukum.setPlaceholderText(self.tr("mis. Peraturan Bupati No. … Tahun …"))
        self.target = QSpinBox(self)
        self.target.setObjectName("target")
        self.target.setRange(0, 10_000_000)
        self.target.setGroupSeparatorShown(True)
        self.target.setValue(1000)
        self.periode = QSpinBox(self)
        self.periode.setObjectName("periode")
        self.periode.setRange(2020, 2100)
        for spin in (self.target, self.periode):
            spin.setMinimumWidth(140)
            spin.setMaximumWidth(180)
        self.error = error_label(self)
        ages = QHBoxLayout()
        ages.addWidget(self.usia_min)
        ages.addWidget(QLabel(self.tr("sampai"), self))
        ages.addWidget(self.usia_max)
        ages.addWidget(QLabel(self.tr("tahun"), self))
        ages.addStretch(1)
        form = QFormLayout(self)
        form.addRow(buddy(self.tr("&Kode sumber dana:"), self.kode, self), self.kode)
        form.addRow(buddy(self.tr("&Nama sumber dana:"), self.nama, self), self.nama)
        form.addRow(buddy(self.tr("&Umur peserta:"), self.usia_min, self), ages)
        form.addRow(buddy(self.tr("&Domisili wajib di:"), self.domisili, self), self.domisili)
        form.addRow(buddy(self.tr("Dasar &hukum:"), self.dasar_hukum, self), self.dasar_hukum)
        form.addRow(buddy(self.tr("&Target orang:"), self.target, self), self.target)
        form.addRow(buddy(self.tr("Tahun &program:"), self.periode, self), self.periode)
        form.addRow(self.error)
        self.registerField("funder_code*", self.kode)
        self.registerField("funder_name*", self.nama)

    def prepare(
        self, ctx: AppContext, office_level: str, office_kode: str, office_nama: str
    ) -> None:
        """Offer the kabupaten of the chosen province as domicile, the office's own first."""
        from rentan_desktop.services.context import today_wita

        self.periode.setValue(today_wita().year)
        self.domisili.clear()
        self.domisili.addItem(self.tr("(tanpa syarat domisili)"), None)
        for kode, nama in lookups.region_children(ctx, office_kode[:2], 2):
            self.domisili.addItem(nama, kode)
        if office_level != "provinsi":
            self.domisili.setCurrentIndex(max(0, self.domisili.findData(office_kode[:4])))
        if not self.nama.text().strip():
            region = self.domisili.currentText() if office_level != "provinsi" else office_nama
            if self.domisili.currentData() is None:
                region = office_nama
            self.nama.setText(self.tr("APBD {region}").format(region=region))
        self.usia_min.setFocus(Qt.FocusReason.OtherFocusReason)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.usia_min.value() > self.usia_max.value():
            self.error.setText(self.tr("Umur minimal tidak boleh lebih dari umur maksimal."))
            return False
        self.error.clear()
        return True
