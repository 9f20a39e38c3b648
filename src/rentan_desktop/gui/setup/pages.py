"""The wizard's pages: office and region, first admin, funder and target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from rentan_desktop.domain.region_code import (
    KABUPATEN,
    KECAMATAN,
    PROVINSI,
    RegionCode,
    kabupaten_of,
    provinsi_of,
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


def missing_label(parent: QWidget) -> QLabel:
    """Says why Lanjut/Selesai is greyed out: a disabled button alone leaves the user guessing."""
    label = QLabel(parent)
    label.setObjectName("pageMissing")
    label.setWordWrap(True)
    label.setStyleSheet("color: #7a5200;")
    return label


def show_missing(label: QLabel, missing: list[str]) -> None:
    if missing:
        label.setText(
            QCoreApplication.translate("SetupPages", "Belum diisi: {fields}.").format(
                fields=", ".join(missing)
            )
        )
        label.show()
    else:
        label.clear()
        label.hide()


def buddy(text: str, field: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label


class OfficePage(QWizardPage):
    """Which office this installation is: a kecamatan, or a kabupaten/provinsi coordinator.

    The office code is permanent, so nothing is pre-chosen: Enter on a fresh page cannot accept a
    region the user never picked. The search box finds a region by name or Kemendagri code.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Langkah 1 dari 3: Kantor"))
        self.setSubTitle(
            self.tr(
                "Pilih wilayah kantor ini dari daftar Kemendagri: kantor kecamatan untuk petugas "
                "entri, atau kantor koordinator kabupaten/provinsi. Kode kantor tidak bisa diubah "
                "setelah penyiapan."
            )
        )
        self.ctx: AppContext | None = None
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        labels = {
            "kecamatan": self.tr("Kantor &kecamatan"),
            "kabupaten": self.tr("Koordinator kab&upaten/kota"),
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
        self.search = QLineEdit(self)
        self.search.setObjectName("regionSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("ketik nama atau kode Kemendagri, mis. Muara Ancalong atau 64.08.01")
        )
        self.matches = QListWidget(self)
        self.matches.setObjectName("regionMatches")
        self.matches.setMaximumHeight(110)
        self.matches.hide()
        self.provinsi = QComboBox(self)
        self.kabupaten = QComboBox(self)
        self.kecamatan = QComboBox(self)
        placeholder = self.tr("(belum dipilih)")
        for name, combo in (
            ("provinsi", self.provinsi),
            ("kabupaten", self.kabupaten),
            ("kecamatan", self.kecamatan),
        ):
            combo.setObjectName(name)
            combo.setPlaceholderText(placeholder)
            combo.setMinimumContentsLength(28)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.nama = QLineEdit(self)
        self.nama.setObjectName("officeName")
        self.nama.setMaxLength(120)
        self.loading = QLabel(
            self.tr("Memuat daftar wilayah Kemendagri… halaman ini bisa diisi sebentar lagi."),
            self,
        )
        self.loading.setObjectName("regionsLoading")
        self.missing = missing_label(self)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Tingkat kantor:"), level_row)
        form.addRow(buddy(self.tr("&Cari wilayah:"), self.search, self), self.search)
        form.addRow("", self.matches)
        form.addRow(buddy(self.tr("&Provinsi:"), self.provinsi, self), self.provinsi)
        form.addRow(buddy(self.tr("Kabupaten/ko&ta:"), self.kabupaten, self), self.kabupaten)
        form.addRow(buddy(self.tr("K&ecamatan:"), self.kecamatan, self), self.kecamatan)
        form.addRow(buddy(self.tr("&Nama kantor:"), self.nama, self), self.nama)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.loading)
        layout.addWidget(self.missing)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("office_name", self.nama)
        self.level_group.buttonToggled.connect(lambda *_: self._level_changed())
        self.provinsi.currentIndexChanged.connect(self._provinsi_changed)
        self.kabupaten.currentIndexChanged.connect(self._kabupaten_changed)
        self.kecamatan.currentIndexChanged.connect(lambda *_: self._region_changed())
        self._name_edited = False
        # Writing a name stops the suggestion; clearing it lets the region's name come back.
        self.nama.textEdited.connect(self._name_typed)
        self.nama.textChanged.connect(lambda *_: self._changed())
        self.search.textEdited.connect(self._search)
        self.search.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemActivated.connect(self._take_match)
        for widget in (self.search, self.provinsi, self.kabupaten, self.kecamatan):
            widget.setEnabled(False)
        self._changed()

    def set_context(self, ctx: AppContext) -> None:
        """Fill the province list once the database is open; nothing is chosen for the user."""
        self.ctx = ctx
        self.loading.hide()
        self.search.setEnabled(True)
        self.provinsi.setEnabled(True)
        self.provinsi.blockSignals(True)
        self.provinsi.clear()
        for kode, nama in lookups.region_children(ctx, None, 1):
            self.provinsi.addItem(nama, kode)
        self.provinsi.setCurrentIndex(-1)
        self.provinsi.blockSignals(False)
        self._provinsi_changed()
        if self.isVisible():
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

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
        combo.setCurrentIndex(-1)
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
        if self.search.text().strip():
            self._search(self.search.text())
        self._region_changed()

    def _region_changed(self) -> None:
        self._suggest_name()
        self._changed()

    def _name_typed(self, text: str) -> None:
        self._name_edited = bool(text.strip())
        if not self._name_edited:
            self._suggest_name()

    # -- search by name or code ------------------------------------------------------------

    def _search(self, text: str) -> None:
        self.matches.clear()
        if self.ctx is None or not text.strip():
            self.matches.hide()
            return
        level = {"kecamatan": 3, "kabupaten": 2, "provinsi": 1}[self.level()]
        found = lookups.find_regions(self.ctx, text, level)
        for match in found:
            label = f"{match.nama} ({RegionCode.parse(match.kode).dotted})"
            if match.parents:
                label += f" — {match.parents}"
            item = QListWidgetItem(label, self.matches)
            item.setData(Qt.ItemDataRole.UserRole, match.kode)
        if not found:
            item = QListWidgetItem(
                self.tr("Tidak ada wilayah yang cocok. Ketik sebagian nama atau kode Kemendagri."),
                self.matches,
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.matches.setCurrentRow(0)
        self.matches.show()

    def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Down from the search box walks into the matches, as in any search field; Enter there
        # takes the match and is consumed, so it never also presses Lanjut.
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)  # type: ignore[arg-type]
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.search and self.matches.isVisible() and self.matches.count():
            if key == Qt.Key.Key_Down:
                self.matches.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if enter:
                self._take_first_match()
                return True
        if watched is self.matches and enter:
            self._take_first_match()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _take_first_match(self) -> None:
        item = self.matches.currentItem() or self.matches.item(0)
        if item is not None:
            self._take_match(item)

    def _take_match(self, item: QListWidgetItem) -> None:
        kode = item.data(Qt.ItemDataRole.UserRole)
        if not kode:
            return
        self.choose(str(kode))
        self.matches.hide()
        self.nama.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose(self, kode: str) -> None:
        """Select the region ``kode`` (2, 4 or 6 digits) in the pickers."""
        code = RegionCode.try_parse(kode)
        if code is None:
            return
        for picker, level in (
            (self.provinsi, PROVINSI),
            (self.kabupaten, KABUPATEN),
            (self.kecamatan, KECAMATAN),
        ):
            if (part := code.at(level)) is not None:
                picker.setCurrentIndex(picker.findData(part.digits))

    # -- completeness ----------------------------------------------------------------------

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
        if self._name_edited:
            return
        region = self.region()
        self.nama.setText(regions.office_name(self.level(), region[1]) if region else "")

    def missing_fields(self) -> list[str]:
        if self.ctx is None:
            return [self.tr("daftar wilayah (sedang dimuat)")]
        missing = []
        if self.region() is None:
            missing.append(
                {
                    "kecamatan": self.tr("kecamatan"),
                    "kabupaten": self.tr("kabupaten/kota"),
                    "provinsi": self.tr("provinsi"),
                }[self.level()]
            )
        if not self.nama.text().strip():
            missing.append(self.tr("nama kantor"))
        return missing

    def _changed(self) -> None:
        show_missing(self.missing, self.missing_fields())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.missing_fields()


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
        self.missing = missing_label(self)
        form = QFormLayout(self)
        form.addRow(buddy(self.tr("Nama &pengguna:"), self.username, self), self.username)
        form.addRow(buddy(self.tr("Nama le&ngkap:"), self.full_name, self), self.full_name)
        form.addRow(buddy(self.tr("Kata sand&i:"), self.password, self), self.password)
        form.addRow(buddy(self.tr("&Ulangi kata sandi:"), self.password2, self), self.password2)
        form.addRow(self.missing)
        form.addRow(self.error)
        self.required = (
            (self.username, self.tr("nama pengguna")),
            (self.full_name, self.tr("nama lengkap")),
            (self.password, self.tr("kata sandi")),
            (self.password2, self.tr("ulangi kata sandi")),
        )
        for edit, _label in self.required:
            edit.textChanged.connect(self._changed)
        self._changed()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def missing_fields(self) -> list[str]:
        return [label for edit, label in self.required if not edit.text().strip()]

    def _changed(self, *_: object) -> None:
        show_missing(self.missing, self.missing_fields())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.missing_fields()

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
        if not auth.valid_username(self.username.text().strip()):
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
        form.addRow(buddy(self.tr("K&ode sumber dana:"), self.kode, self), self.kode)
        form.addRow(buddy(self.tr("&Nama sumber dana:"), self.nama, self), self.nama)
        form.addRow(buddy(self.tr("&Umur peserta:"), self.usia_min, self), ages)
        form.addRow(buddy(self.tr("&Domisili wajib di:"), self.domisili, self), self.domisili)
        form.addRow(buddy(self.tr("Dasar &hukum:"), self.dasar_hukum, self), self.dasar_hukum)
        form.addRow(buddy(self.tr("&Target orang:"), self.target, self), self.target)
        form.addRow(buddy(self.tr("Tahun &program:"), self.periode, self), self.periode)
        self.missing = missing_label(self)
        form.addRow(self.missing)
        form.addRow(self.error)
        # Not registerField("...*"): QWizard counts a mandatory field as empty until its value
        # differs from the one it had at registration, so the pre-filled code kept Selesai greyed.
        for edit in (self.kode, self.nama):
            edit.textChanged.connect(self._changed)
        self._changed()

    def missing_fields(self) -> list[str]:
        missing = []
        if not self.kode.text().strip():
            missing.append(self.tr("kode sumber dana"))
        if not self.nama.text().strip():
            missing.append(self.tr("nama sumber dana"))
        return missing

    def _changed(self, *_: object) -> None:
        show_missing(self.missing, self.missing_fields())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.missing_fields()

    def prepare(
        self, ctx: AppContext, office_level: str, office_kode: str, office_nama: str
    ) -> None:
        """Offer the kabupaten of the chosen province as domicile, the office's own first."""
        from rentan_desktop.services.context import today_wita

        self.periode.setValue(today_wita().year)
        self.domisili.clear()
        self.domisili.addItem(self.tr("(tanpa syarat domisili)"), None)
        for kode, nama in lookups.region_children(ctx, provinsi_of(office_kode), 2):
            self.domisili.addItem(nama, kode)
        if office_level != "provinsi":
            self.domisili.setCurrentIndex(max(0, self.domisili.findData(kabupaten_of(office_kode))))
        if not self.nama.text().strip():
            region = self.domisili.currentText() if office_level != "provinsi" else office_nama
            if self.domisili.currentData() is None:
                region = office_nama
            self.nama.setText(self.tr("APBD {region}").format(region=region))
        self.kode.setFocus(Qt.FocusReason.OtherFocusReason)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.usia_min.value() > self.usia_max.value():
            self.error.setText(self.tr("Umur minimal tidak boleh lebih dari umur maksimal."))
            return False
        self.error.clear()
        return True
