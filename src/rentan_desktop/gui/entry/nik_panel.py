"""The side panel beside the form: what the NIK encodes, its warnings, and the duplicate check."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting
from rentan_desktop.domain.duplicates import Match
from rentan_desktop.services.entry_check import ExistingRecord, NikOrigin

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
BOX_STYLE = "QFrame#{name} {{ border: 1px solid {color}; border-radius: 4px; background: {bg}; }}"


class NikPanel(QWidget):
    """Shows the NIK's meaning and the duplicate findings; emits what the clerk decides."""

    open_registrant = Signal(str)
    dismiss_requested = Signal(str, str)  # other uuid, reason

    def __init__(self, *, can_dismiss: bool, full_nik: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_nik = full_nik
        self.exact_uuid = ""
        self.matches: list[Match] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        title = QLabel(self.tr("<b>Isi NIK</b>"), self)
        self.origin = QLabel(self.tr("Ketik NIK untuk melihat isinya."), self)
        self.origin.setWordWrap(True)
        self.birth = QLabel(self)
        self.sex = QLabel(self)
        self.nik_warnings = QLabel(self)
        self.nik_warnings.setWordWrap(True)
        self.nik_warnings.setStyleSheet(WARNING_STYLE)
        for widget in (title, self.origin, self.birth, self.sex, self.nik_warnings):
            layout.addWidget(widget)

        self.exact_box = QFrame(self)
        self.exact_box.setObjectName("exactBox")
        self.exact_box.setStyleSheet(
            BOX_STYLE.format(name="exactBox", color="#b00020", bg="#fdecee")
        )
        exact_layout = QVBoxLayout(self.exact_box)
        self.exact_text = QLabel(self.exact_box)
        self.exact_text.setWordWrap(True)
        self.exact_text.setStyleSheet(ERROR_STYLE)
        self.open_button = QPushButton(
            self.tr("B&uka data yang sudah ada (Ctrl+O)"), self.exact_box
        )
        self.open_button.clicked.connect(lambda: self.open_registrant.emit(self.exact_uuid))
        exact_layout.addWidget(self.exact_text)
        exact_layout.addWidget(self.open_button)
        layout.addWidget(self.exact_box)

        self.possible_box = QFrame(self)
        self.possible_box.setObjectName("possibleBox")
        self.possible_box.setStyleSheet(
            BOX_STYLE.format(name="possibleBox", color="#c98a00", bg="#fff8e6")
        )
        possible_layout = QVBoxLayout(self.possible_box)
        self.possible_title = QLabel(self.possible_box)
        self.possible_title.setStyleSheet(WARNING_STYLE)
        self.possible_title.setWordWrap(True)
        self.possible_list = QListWidget(self.possible_box)
        self.possible_list.setWordWrap(True)
        self.possible_list.setMaximumHeight(140)
        possible_layout.addWidget(self.possible_title)
        possible_layout.addWidget(self.possible_list)
        self.dismiss_row = QWidget(self.possible_box)
        row = QHBoxLayout(self.dismiss_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.dismiss_reason = QLineEdit(self.dismiss_row)
        self.dismiss_reason.setPlaceholderText(self.tr("Alasan (wajib)"))
        self.dismiss_button = QPushButton(
            self.tr("&Tandai: bukan orang yang sama"), self.dismiss_row
        )
        self.dismiss_button.clicked.connect(self._dismiss)
        self.dismiss_reason.returnPressed.connect(self._dismiss)
        row.addWidget(self.dismiss_reason, 1)
        row.addWidget(self.dismiss_button)
        possible_layout.addWidget(self.dismiss_row)
        self.dismiss_row.setVisible(can_dismiss)
        layout.addWidget(self.possible_box)
        layout.addStretch(1)
        self.clear()

    # -- showing -------------------------------------------------------------------------------

    def clear(self) -> None:
        self.origin.setText(self.tr("Ketik NIK untuk melihat isinya."))
        for label in (self.birth, self.sex, self.nik_warnings):
            label.clear()
        self.show_exact(None)
        self.show_possible([])

    def show_origin(self, origin: NikOrigin | None, lang: str) -> None:
        """What the NIK encodes; errors are shown beside the field, warnings here."""
        if origin is None or origin.info.nik is None or not origin.info.valid:
            self.origin.setText(self.tr("Ketik NIK untuk melihat isinya."))
            self.birth.clear()
            self.sex.clear()
            self.nik_warnings.clear()
            return
        info = origin.info
        place = ", ".join(
            part
            for part in (
                self.tr("Kec. %1").replace("%1", origin.kecamatan) if origin.kecamatan else "",
                origin.kabupaten,
                origin.provinsi,
            )
            if part
        ) or self.tr("kode wilayah %1 tidak dikenal").replace("%1", info.kecamatan_code or "")
        self.origin.setText(self.tr("Diterbitkan di: %1").replace("%1", place))
        self.birth.setText(
            self.tr("Tanggal lahir: %1").replace("%1", formatting.tanggal(info.birth_date, lang))
        )
        self.sex.setText(
            self.tr("Jenis kelamin: %1").replace(
                "%1", self.tr("Perempuan") if info.sex == "P" else self.tr("Laki-laki")
            )
        )
        self.nik_warnings.setText("\n".join("⚠ " + w.message(lang) for w in info.warnings))

    def show_exact(self, record: ExistingRecord | None, periode: int = 0) -> None:
        """An exact match blocks saving and offers to open the existing record."""
        self.exact_uuid = record.uuid if record else ""
        self.exact_box.setVisible(record is not None)
        if record is not None:
            self.exact_text.setText(
                self.tr(
                    "NIK ini sudah terdaftar aktif untuk periode %1: %2 (%3). Data tidak bisa disimpan dua kali."
                )
                .replace("%1", str(periode))
                .replace("%2", record.nama)
                .replace("%3", record.desa)
            )

    def show_possible(self, matches: list[Match], lang: str = "id") -> None:
        self.matches = list(matches)
        self.possible_list.clear()
        self.possible_box.setVisible(bool(matches))
        self.possible_title.setText(
            self.tr("Kemungkinan data ganda (%n), periksa sebelum menyimpan:", "", len(matches))
        )
        for match in matches:
            other = match.other
            shown = other.nik if self.full_nik else formatting.mask_nik(other.nik)
            text = f"{other.nama} — NIK {shown} — {formatting.tanggal_pendek(other.tanggal_lahir)}\n{match.reasons_line(lang)}"
            item = QListWidgetItem(text, self.possible_list)
            item.setData(Qt.ItemDataRole.UserRole, other.key)
        if matches:
            self.possible_list.setCurrentRow(0)

    # -- deciding ------------------------------------------------------------------------------

    def _dismiss(self) -> None:
        item = self.possible_list.currentItem()
        if item is None:
            return
        self.dismiss_requested.emit(
            str(item.data(Qt.ItemDataRole.UserRole)), self.dismiss_reason.text()
        )

    def remove_match(self, other_uuid: str) -> None:
        """Drop a dismissed candidate from the list."""
        self.show_possible([m for m in self.matches if m.other.key != other_uuid])
        self.dismiss_reason.clear()
